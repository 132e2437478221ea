"""no-public-owner: no public-sector owner, not even 1 %."""

import pytest
from helpers import codes, line_of, make_company, only, requirement, run


def owners(public_share, kind="public-sector"):
    rows = [{"name": "Medlemmarna", "kind": "members", "share_percent": 100 - public_share}]
    if public_share is not None:
        rows.append({"name": "Sjöstads kommun", "kind": kind, "share_percent": public_share})
    return rows


def test_no_public_owner_passes(company):
    result = run(company(owners=owners(0)[:1]))
    assert requirement(result, "ASF-4.b").status == "ready"


@pytest.mark.parametrize("share", [1, 0.5, 10, 100])
def test_any_public_share_fails(company, share):
    root = company(owners=owners(share))
    f = only(run(root), "public-owner")
    assert f.requirement == "ASF-4.b"
    assert f.location.line == line_of(root / "company.yaml", "kind: public-sector")


@pytest.mark.parametrize("kind", ["kommun", "Region", "offentlig sektor", "samordningsförbund"])
def test_swedish_names_for_public_bodies_count(company, kind):
    assert "public-owner" in codes(run(company(owners=owners(5, kind))))


def test_public_owner_without_share_fails(company):
    result = run(company(owners=[{"name": "Staten", "kind": "stat"}]))
    assert "public-owner" in codes(result)


def test_missing_owners_is_open(company):
    result = run(company(owners=None))
    assert only(result, "profile-missing").requirement == "ASF-4.b"
    assert requirement(result, "ASF-4.b").status == "open"


# Issue 21: owners by organisation number. Each folder is named by its defect.
MUNICIPALITY = "212000-0142"  # a municipality (group 2)
REGION = "232100-0016"  # a region (group 2)
LIMITED_COMPANY = "556036-0793"  # a limited company (group 5)
SKOOPI = "829502-4247"  # a non-profit association (group 8): not public


def owned(tmp_path, defect, *others, **owner):
    rows = [{"name": "Medlemmarna", "kind": "members", "share_percent": 90}, {"share_percent": 10, **owner}, *others]
    return make_company(tmp_path / defect, owners=rows)


def test_a_municipality_declared_private_fails_by_its_number(tmp_path):
    root = owned(tmp_path, "municipality-owner-declared-private", name="Storstads kommun", kind="private-company", org_number=MUNICIPALITY)
    result = run(root)
    f = only(result, "public-owner-by-number")
    assert f.requirement == "ASF-4.b" and requirement(result, "ASF-4.b").status == "failing"
    assert f.location.line == line_of(root / "company.yaml", MUNICIPALITY)
    assert f.params["number"] == MUNICIPALITY and "private-company" in f.params["declared"]
    assert "kommun, region, stat eller församling" in f.message.sv and "a municipality, region, the state or a parish" in f.message.en
    assert "public-owner-by-name" not in codes(result)  # the number said it: no second word on the name


def test_a_municipality_declared_private_is_a_warning_by_its_name_alone(tmp_path):
    root = owned(tmp_path, "municipality-owner-named-only", name="Storstads kommun", kind="private-company")
    result = run(root)
    f = only(result, "public-owner-by-name")
    assert f.severity == "warning" and f.location.line == line_of(root / "company.yaml", "Storstads kommun")
    assert requirement(result, "ASF-4.b").status == "ready"  # a name alone never blocks


@pytest.mark.parametrize("name", ["Stockholms stad", "Region Skåne", "Västra Götalandsregionen", "Malmö stad", "Landstinget i Exempel"])
def test_municipalities_and_regions_of_the_list_are_recognised_by_name(tmp_path, name):
    root = owned(tmp_path, "public-body-named-" + name.split()[0].lower(), name=name, kind="non-profit")
    assert only(run(root), "public-owner-by-name").params["owner"] == name


def test_a_region_number_fails_whatever_the_kind(tmp_path):
    root = owned(tmp_path, "region-owner-declared-non-profit", name="Hälsofonden", kind="non-profit", org_number=REGION)
    assert only(run(root), "public-owner-by-number").params["number"] == REGION


def test_a_municipal_company_declared_as_one_fails_without_a_number_warning(tmp_path):
    root = owned(tmp_path, "municipal-company-declared", name="Storstads Bostäder AB", kind="private-company",
                 org_number=LIMITED_COMPANY, controlled_by_public_sector=True)
    result = run(root)
    f = only(result, "public-owner")
    assert f.location.line == line_of(root / "company.yaml", "controlled_by_public_sector")
    assert not codes(result) & {"public-owner-by-number", "public-owner-number-not-public", "public-owner-by-name"}


def test_a_public_sector_owner_with_a_company_number_fails_and_warns(tmp_path):
    root = owned(tmp_path, "public-owner-with-company-number", name="Storstads Energi AB", kind="public-sector", org_number=LIMITED_COMPANY)
    result = run(root)
    assert only(result, "public-owner").requirement == "ASF-4.b"
    warning = only(result, "public-owner-number-not-public")
    assert warning.severity == "warning" and warning.params["number"] == LIMITED_COMPANY
    assert "aktiebolag" in warning.message.sv


def test_a_private_company_passes(tmp_path):
    root = owned(tmp_path, "private-company-owner", name="Snickarna AB", kind="private-company", org_number=LIMITED_COMPANY)
    result = run(root)
    assert requirement(result, "ASF-4.b").status == "ready"
    assert not {c for c in codes(result) if "public" in c or c.startswith("party-")}


def test_a_non_profit_association_numbered_with_8_is_not_public(tmp_path):
    root = owned(tmp_path, "non-profit-owner-group-8", name="SKOOPI", kind="non-profit", org_number=SKOOPI)
    result = run(root)
    assert requirement(result, "ASF-4.b").status == "ready"
    assert not {c for c in codes(result) if "public" in c or c.startswith("party-")}


def test_a_bad_check_digit_is_located_and_keeps_the_requirement_open(tmp_path):
    root = owned(tmp_path, "owner-number-bad-check-digit", name="Snickarna AB", kind="private-company", org_number="556036-0794")
    result = run(root)
    f = only(result, "party-org-number-invalid")
    assert f.location.line == line_of(root / "company.yaml", "556036-0794") and f.requirement == "ASF-4.b"
    assert requirement(result, "ASF-4.b").status == "open"


def test_a_persons_number_is_never_shown_and_is_a_warning(tmp_path):
    root = owned(tmp_path, "owner-with-personal-number", name="Delägare", kind="private-person", org_number="121212-1212")
    f = only(run(root), "party-org-number-personal")
    assert f.severity == "warning" and "121212-****" in f.message.sv and "1212121212" not in f.message.sv and "121212-1212" not in f.message.sv


def test_a_parent_company_of_the_public_sector_fails(tmp_path):
    unit = {"unit_name": "Caféet", "parent_name": "Storstads kommun", "parent_org_number": MUNICIPALITY, "separate_accounts": True}
    root = make_company(tmp_path / "profit-unit-of-a-municipality", profit_unit=unit)
    f = only(run(root), "public-owner-by-number")
    assert f.location.line == line_of(root / "company.yaml", MUNICIPALITY)


def test_an_annual_report_naming_a_public_parent_is_a_warning(tmp_path):
    from helpers import EVIDENCE, pdf_bytes

    root = make_company(tmp_path / "annual-report-names-public-parent")
    (root / EVIDENCE["annual-report"]).write_bytes(pdf_bytes(
        "Årsredovisning", "Testföretaget Gröna Händer ekonomisk förening, org.nr 829502-4247",
        "Räkenskapsåret 2025-01-01 - 2025-12-31.", "Föreningen är ett helägt dotterbolag till Storstads kommun.",
    ))
    result = run(root)
    f = only(result, "public-parent-in-document")
    assert f.severity == "warning" and f.location.file == EVIDENCE["annual-report"] and "Storstads kommun" in f.params["sentence"]
    assert requirement(result, "ASF-4.b").status == "ready"


def test_the_same_finding_in_check_intake_the_workspace_and_the_audit_record(tmp_path):
    """One rule: `check`, `intake`, the workspace's owners form and the audit record all
    show a municipality declared private by its number."""
    import shutil

    from audit_helpers import audit, setup
    from helpers import AS_OF
    from workspace_client import client

    from asfcert.intake.review import IntakeOptions, review
    from asfcert.records import audit_record as record

    owners = [{"name": "Medlemmarna", "kind": "members", "share_percent": 90},
              {"name": "Storstads kommun", "kind": "private-company", "share_percent": 10, "org_number": MUNICIPALITY}]
    root = make_company(tmp_path / "municipality-owner-declared-private", owners=owners)
    assert "public-owner-by-number" in codes(run(root))

    application = tmp_path / "application"
    shutil.copytree(root, application)
    shutil.rmtree(application / "self-assessment")
    assert "public-owner-by-number" in codes(review(application, IntakeOptions(today=AS_OF, use_cache=False)))

    with client(root) as c:
        page = c.get("/profile/owners").text
    assert 'data-code="public-owner-by-number"' in page.split('id="f-owners-1-org_number-err"')[1].split("</div>")[0]

    company = setup(tmp_path / "audit", owners=owners)
    audit(company)
    machine = record.load(company).model.requirements["ASF-4.b"].machine
    assert machine.status == "failing" and "public-owner-by-number" in machine.findings
