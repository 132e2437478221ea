"""Every schema error names file, line and column, what was expected, and a hint."""

from helpers import line_of, make_company, run, write_tree


def findings_for(tmp_path, company_yaml: str):
    root = make_company(tmp_path / "c")
    write_tree(root, {"company.yaml": company_yaml})
    result = run(root)
    assert result.exit_code == 2
    return root, {(f.code, f.location.line, f.location.column): f for f in result.findings}


COMPANY = """\
name: Testföretaget
org_number: "829502-4247"
legal_form: ekonomisk forening
agare:
  - name: x
owners:
  - name: Medlemmarna
    kind: privat
    share_percent: 120
headcount:
  employees: tio
pay:
  role: Verksamhetsledare
  monthly_sek: 34000
work_environment:
  sam_in_place: kanske
  last_annual_review: 31/12/2025
finances:
  - year: 2025
    revenue: 100
"""


def test_each_error_is_located(tmp_path):
    _, found = findings_for(tmp_path, COMPANY)
    assert set(found) == {
        ("schema-value", 3, 13),  # legal_form not a choice
        ("schema-unknown-field", 4, 1),  # agare
        ("schema-value", 8, 11),  # owners[1].kind
        ("schema-value", 9, 20),  # share > 100
        ("schema-type", 11, 14),  # employees: tio
        ("schema-type", 13, 3),  # pay is a mapping, not a list
        ("schema-type", 16, 17),  # sam_in_place
        ("schema-type", 17, 23),  # date
        ("schema-unknown-field", 20, 5),  # revenue
    }


def test_hints(tmp_path):
    _, found = findings_for(tmp_path, COMPANY)
    assert "`ekonomisk förening` (`economic-association`)" in found[("schema-value", 3, 13)].hint.en
    assert "`owners`" in found[("schema-unknown-field", 4, 1)].hint.en
    assert "`revenue_sek`" in found[("schema-unknown-field", 20, 5)].hint.en
    assert "- " in found[("schema-type", 13, 3)].hint.en
    assert "2025-12-31" in found[("schema-type", 17, 23)].hint.en
    assert "owners[1].kind" in found[("schema-value", 8, 11)].message.en


def test_missing_required_field_points_at_its_parent(tmp_path):
    _, found = findings_for(tmp_path, "name: Testföretaget\nowners:\n  - kind: members\n")
    assert ("schema-missing", 1, 1) in found  # org_number missing at top level
    missing_name = found[("schema-missing", 3, 5)]  # owners[1].name missing: the item
    assert "owners[1].name" in missing_name.message.en


def test_self_assessment_errors_are_located(tmp_path):
    root = make_company(tmp_path / "c")
    sa = root / "self-assessment" / "fel.yaml"
    sa.write_text("answers:\n  3.1.a:\n    status: uppfyld\n    evidens: [x]\n", encoding="utf-8")
    result = run(root)
    found = {(f.code, f.location.file, f.location.line) for f in result.findings}
    assert ("schema-value", "self-assessment/fel.yaml", 3) in found
    assert ("schema-unknown-field", "self-assessment/fel.yaml", 4) in found
    status = next(f for f in result.findings if f.code == "schema-value")
    assert "uppfyllt" in status.hint.sv or "uppfylld" in status.hint.sv


def test_wrong_root_type(tmp_path):
    root = make_company(tmp_path / "c")
    (root / "self-assessment" / "answers.yaml").write_text("- 3.1.a\n")
    result = run(root)
    assert [(f.code, f.location.line) for f in result.findings] == [("schema-type", 1)]


def test_line_helper_matches(tmp_path):
    root, _ = findings_for(tmp_path, COMPANY)
    assert line_of(root / "company.yaml", "agare:") == 4


def test_text_split_by_an_unquoted_comma_gets_a_quoting_hint(tmp_path):
    root, found = findings_for(
        tmp_path,
        'name: X\norg_number: "829502-4247"\nfinances:\n  - year: 2025\n    allocations:\n'
        "      - {kind: bonus, amount_sek: 1000, description: Julbonus, beslutad av styrelsen}\n",
    )
    f = next(f for (code, _, _), f in found.items() if code == "schema-unknown-field")
    assert "quotes" in f.hint.en
