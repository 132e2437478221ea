"""supervisors-not-public: no work supervisor employed by the public sector."""

from helpers import line_of, only, requirement, run


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
