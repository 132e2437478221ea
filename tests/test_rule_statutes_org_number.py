"""`statutes-org-number`: the statutes name the company's organisation number (used by
`asfcert intake` for the application's statutes, requirement INTAKE-3)."""

import shutil

from helpers import AS_OF, EVIDENCE, make_company, pdf_bytes

STATUTES = EVIDENCE["statutes"]


def review(root):
    from asfcert.intake.review import IntakeOptions, review

    shutil.rmtree(root / "self-assessment", ignore_errors=True)
    return review(root, IntakeOptions(today=AS_OF, use_cache=False))


def statutes(result):
    return next(d for d in result.documents if d.kind == "statutes")


def test_any_copy_that_names_the_number_passes(tmp_path):
    root = make_company(tmp_path / "c")
    (root / "evidence/stadgar/a-gamla-stadgar.pdf").write_bytes(pdf_bytes("Stadgar", "Stadgar for foreningen, antagna 2015."))
    result = review(root)
    row = statutes(result)
    assert (row.file, row.org_number, row.org_number_page) == (STATUTES, True, 1)
    assert not [f for f in result.findings if f.requirement == "INTAKE-3"]


def test_another_companys_statutes_fail_on_the_first_copy(tmp_path):
    root = make_company(tmp_path / "c")
    (root / STATUTES).write_bytes(pdf_bytes("Stadgar", "Stadgar for Annat AB, org.nr 556036-0793."))
    result = review(root)
    (f,) = [f for f in result.findings if f.code == "document-org-number-missing"]
    assert (f.location.file, f.rule, f.requirement, f.severity, f.effect) == (STATUTES, "statutes-org-number", "INTAKE-3", "blocker", "fails")
    assert f.params["org_number"] == "829502-4247" and "556036-0793" in f.params["other"]["en"]
    assert statutes(result).org_number is False and result.decision == "come-back-later"


def test_a_scan_needs_review(tmp_path):
    from fixtures import hostile_pdfs

    root = make_company(tmp_path / "c")
    (root / STATUTES).write_bytes(hostile_pdfs.HOSTILE["scan"]())
    result = review(root)
    (f,) = [f for f in result.findings if f.code == "document-needs-review"]
    assert (f.location.file, f.rule, f.effect) == (STATUTES, "statutes-org-number", "opens")
    assert statutes(result).org_number is None and statutes(result).readable is False
