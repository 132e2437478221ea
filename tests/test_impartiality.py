"""Impartiality: the auditor is refused, with the reason and where it stands, when they
supervise the company, work there, own part of it, are not an auditor or not the one
appointed; without a cohort file the command refuses unless --no-cohort is given."""

import pytest
from audit_helpers import AUDITOR, OTHER_AUDITOR, SUPERVISOR, audit, cohort, setup
from helpers import line_of

from asfcert.base.errors import UserError


def _refusal(root, **options) -> UserError:
    with pytest.raises(UserError) as err:
        audit(root, **options)
    assert not (root / "audit" / "audit.yaml").exists()
    return err.value


def _people(**home):
    return [
        {"name": AUDITOR, "roles": ["auditor"], "home_company": home.get("auditor", "769651-8278")},
        {"name": SUPERVISOR, "roles": ["supervisor", "auditor"]},
        {"name": OTHER_AUDITOR, "roles": ["supervisor"]},
    ]


def test_the_supervisor_of_the_companys_group_is_refused(tmp_path):
    root = setup(tmp_path)
    path = cohort(root.parent, {"grona": {}}, people=_people())
    err = _refusal(root, auditor=SUPERVISOR)
    assert err.exit_code == 1
    (finding,) = err.findings
    assert finding.code == "auditor-is-supervisor"
    assert (finding.location.file, finding.location.line) == (str(path), line_of(path, "- supervisor: Per Lind"))


@pytest.mark.parametrize("home", ["829502-4247", "8295024247", "grona", "Gröna Händer på Åkern ekonomisk förening"])
def test_an_auditor_from_the_company_itself_is_refused(tmp_path, home):
    root = setup(tmp_path)
    cohort(root.parent, {"grona": {"auditor": AUDITOR}}, people=_people(auditor=home))
    assert [f.code for f in _refusal(root).findings] == ["auditor-works-at-company"]


def test_an_owner_is_refused_and_the_owner_line_is_shown(tmp_path):
    root = setup(tmp_path, owners=[{"name": "Medlemmarna", "kind": "members", "share_percent": 90},
                                   {"name": "åsa öberg", "kind": "private-person", "share_percent": 10}])
    (finding,) = _refusal(root).findings
    assert finding.code == "auditor-is-owner"
    assert (finding.location.file, finding.location.line) == ("company.yaml", line_of(root / "company.yaml", "name: åsa öberg"))


def test_unknown_people_non_auditors_and_unappointed_auditors_are_refused(tmp_path):
    root = setup(tmp_path)
    cohort(root.parent, {"grona": {"auditor": AUDITOR}}, people=_people())
    assert [f.code for f in _refusal(root, auditor="Nils Okänd").findings] == ["auditor-unknown"]
    assert {f.code for f in _refusal(root, auditor=OTHER_AUDITOR).findings} == {"auditor-not-an-auditor", "auditor-not-appointed"}


def test_the_appointed_auditor_is_used_when_none_is_given(tmp_path):
    root = setup(tmp_path)
    result = audit(root, auditor=None)
    assert result.auditor == AUDITOR and result.impartiality["basis"] == "cohort"
    assert result.impartiality["cohort_file"] == "../cohort.yaml"


def test_without_a_cohort_file_the_audit_is_refused_unless_asked_for(tmp_path):
    root = setup(tmp_path)
    (root.parent / "cohort.yaml").unlink()
    err = _refusal(root)
    assert err.exit_code == 2 and "cohort.yaml" in err.message.en and "--no-cohort" in err.hint.en
    result = audit(root, no_cohort=True)
    assert result.impartiality == {"basis": "owners-only", "cohort_file": None, "checked": result.started}


def test_an_explicit_cohort_file_is_used(tmp_path):
    root = setup(tmp_path)
    elsewhere = cohort(tmp_path / "elsewhere", {"grona": {}}, people=_people(auditor="grona"))
    assert [f.code for f in _refusal(root, cohort=elsewhere).findings] == ["auditor-works-at-company"]


def test_a_broken_cohort_file_gives_located_errors(tmp_path):
    root = setup(tmp_path)
    path = root.parent / "cohort.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("roles:\n  - auditor", "roles:\n  - granskare", 1), encoding="utf-8")
    err = _refusal(root)
    assert err.exit_code == 2
    assert err.findings[0].code == "schema-value" and err.findings[0].location.line == line_of(path, "granskare")


def test_the_example_cohort(tmp_path):
    """examples/omgang-ht2026 as it is: the appointed auditors may audit, a supervisor may not."""
    import shutil

    from audit_helpers import EXAMPLES

    cohort_dir = shutil.copytree(EXAMPLES, tmp_path / "omgang-ht2026")
    vaxthuset = audit(cohort_dir / "vaxthuset", auditor=None)
    assert vaxthuset.auditor == "Amira Fiktiva" and vaxthuset.impartiality["basis"] == "cohort"
    cykelkoket = audit(cohort_dir / "cykelkoket", auditor=None)
    pay = next(i for i in cykelkoket.proposal.items if i.id == "ASF-3.c")
    assert (cykelkoket.auditor, pay.result, pay.grade) == ("Erik Provsson", "major", "major")  # 41 600 / 16 000 > 2.5
    with pytest.raises(UserError) as err:
        audit(cohort_dir / "kvarnen", auditor="Jonas Påhittsson")
    assert {f.code for f in err.value.findings} >= {"auditor-is-supervisor", "auditor-not-an-auditor"}
