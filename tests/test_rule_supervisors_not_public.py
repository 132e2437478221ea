"""supervisors-not-public: no work supervisor employed by the public sector."""

from helpers import codes, line_of, make_company, only, requirement, run


def test_own_and_private_supervisors_pass(company):
    sups = [
        {"role": "Arbetshandledare", "employer": "Eget", "employer_sector": "own-company"},
        {"role": "Handledare snickeri", "employer": "Snickarna AB", "employer_sector": "privat"},
    ]
    assert requirement(run(company(work_supervisors=sups)), "ASF-4.c").status == "ready"


def test_supervisor_from_the_municipality_fails(company):
    sups = [
        {"role": "Arbetshandledare", "employer": "Eget", "employer_sector": "own-company"},
        {"role": "Arbetsmarknadshandledare", "employer": "Sjöstads kommun", "employer_sector": "kommun"},
    ]
    root = company(work_supervisors=sups)
    f = only(run(root), "supervisor-public-sector")
    assert f.requirement == "ASF-4.c"
    assert f.location.line == line_of(root / "company.yaml", "employer_sector: kommun")


def test_missing_supervisors_is_open(company):
    assert only(run(company(work_supervisors=None)), "profile-missing").requirement == "ASF-4.c"


# Issue 21: employers by organisation number. Each folder is named by its defect.
def supervised(tmp_path, defect, **employer):
    sups = [
        {"role": "Arbetshandledare", "employer": "Eget", "employer_sector": "own-company"},
        {"role": "Handledare", "employer": employer.pop("employer"), **employer},
    ]
    return make_company(tmp_path / defect, work_supervisors=sups)


def test_a_region_as_employer_declared_private_fails_by_its_number(tmp_path):
    root = supervised(tmp_path, "region-employer-declared-private", employer="Region Exempel", employer_sector="private",
                      employer_org_number="232100-0016")
    result = run(root)
    f = only(result, "supervisor-employer-public-by-number")
    assert f.requirement == "ASF-4.c" and requirement(result, "ASF-4.c").status == "failing"
    assert f.location.line == line_of(root / "company.yaml", "232100-0016")
    assert f.params["number"] == "232100-0016" and "`private`" in f.params["declared"]
    assert "kommun, region, stat eller församling" in f.message.sv
    assert "supervisor-employer-public-by-name" not in codes(result)


def test_a_municipality_as_employer_by_name_alone_is_a_warning(tmp_path):
    root = supervised(tmp_path, "municipality-employer-named-only", employer="Storstads kommun", employer_sector="non-profit")
    result = run(root)
    f = only(result, "supervisor-employer-public-by-name")
    assert f.severity == "warning" and f.location.line == line_of(root / "company.yaml", "employer: Storstads kommun")
    assert requirement(result, "ASF-4.c").status == "ready"


def test_a_private_employer_with_a_company_number_passes(tmp_path):
    root = supervised(tmp_path, "private-employer", employer="Snickarna AB", employer_sector="private", employer_org_number="556036-0793")
    result = run(root)
    assert requirement(result, "ASF-4.c").status == "ready" and not {c for c in codes(result) if c.startswith(("supervisor-", "party-"))}


def test_a_non_profit_employer_numbered_with_8_passes(tmp_path):
    root = supervised(tmp_path, "non-profit-employer-group-8", employer="SKOOPI", employer_sector="non-profit", employer_org_number="829502-4247")
    assert requirement(run(root), "ASF-4.c").status == "ready"


def test_an_employer_number_with_a_bad_check_digit_is_located(tmp_path):
    root = supervised(tmp_path, "employer-number-bad-check-digit", employer="Snickarna AB", employer_sector="private", employer_org_number="556036-0794")
    result = run(root)
    f = only(result, "party-org-number-invalid")
    assert f.location.line == line_of(root / "company.yaml", "556036-0794") and f.requirement == "ASF-4.c"
    assert requirement(result, "ASF-4.c").status == "open"
