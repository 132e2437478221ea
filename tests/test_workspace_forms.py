"""The workspace's forms over YAML: what is shown, what a post writes, and that nothing the
form does not know is lost (comments, key order, quotes, unknown keys)."""

from __future__ import annotations

import datetime as dt
import typing

import pytest
from starlette.datastructures import FormData

from asfcert.workspace import forms
from asfcert.workspace.fields import Field, shown, typed
from asfcert.workspace.files import Conflict, digest, read, save
from asfcert.workspace.profile import (
    ALLOCATION_KINDS,
    BY_ID,
    LEGAL_FORMS,
    OWNER_KINDS,
    SECTIONS,
    SECTORS,
)

PROFILE = """\
# The profile. A comment at the top.
name: "Gröna Händer ek. för."   # quoted, and stays so
org_number: "829502-4247"
pay:
  # the manager
  - {role: Verksamhetsledare, monthly_sek: 34 000 kr, count: 1}
  - role: Medarbetare
    monthly_sek: 16000
    shift: natt            # a key the form does not know
owners:
headcount:
  employees: 10
  future_field: kept
"""


def form(**fields) -> FormData:
    items = []
    for name, value in fields.items():
        for v in value if isinstance(value, list) else [value]:
            items.append((name.replace("__", "."), v))
    return FormData(items)


def post(tmp_path, sid: str, text: str = PROFILE, **fields) -> str:
    path = tmp_path / "company.yaml"
    path.write_text(text, encoding="utf-8")
    section = BY_ID[sid]
    remove = fields.pop("remove", None)
    data = form(**fields)
    save(tmp_path, "company.yaml", digest(path.read_bytes()), lambda rt, plain: forms.apply(section.parts, rt, plain, data, remove=remove))
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("text, kind, value", [
    ("38000", "amount", 38000), ("38 000", "amount", 38000), ("12,5", "amount", 12.5), ("34 000 kr", "amount", "34 000 kr"),
    ("7", "int", 7), ("sju", "int", "sju"), ("2026-03-01", "date", dt.date(2026, 3, 1)), ("1/3 2026", "date", "1/3 2026"),
    ("true", "yesno", True), ("false", "yesno", False), ("", "yesno", None), ("  ", "text", None),
    ("café\n\nsecond hand\n", "lines", ["café", "second hand"]), ("829502-4247", "orgnr", "829502-4247"),
])
def test_typed_text_becomes_the_value_the_format_expects_or_stays_as_typed(text, kind, value):
    assert typed(text, kind) == value


def test_shown_is_the_inverse_for_clean_values():
    for value, kind in ((38000, "amount"), (dt.date(2026, 3, 1), "date"), (True, "yesno"), (["a", "b"], "lines")):
        assert typed(shown(value, kind), kind) == value


def test_every_company_field_is_in_exactly_one_place_of_the_profile():
    from pydantic import BaseModel

    from asfcert.formats.company import Company

    def keys(parts, model) -> None:
        seen = []
        for part in parts:
            seen.append(part.key)
            inner = typing.get_args(model.model_fields[part.key].annotation) or (model.model_fields[part.key].annotation,)
            sub = next((a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None)
            sub = sub or next((typing.get_args(a)[0] for a in inner if typing.get_origin(a) is list and isinstance(typing.get_args(a)[0], type)
                               and issubclass(typing.get_args(a)[0], BaseModel)), None)
            if not isinstance(part, Field):
                assert sub is not None, part.key
                keys(part.parts, sub)
        assert sorted(seen) == sorted(model.model_fields), (model.__name__, seen)

    keys(tuple(p for s in SECTIONS for p in s.parts), Company)


def test_the_choices_are_the_values_of_the_file_format():
    from asfcert.formats.company import Allocation, Company, Owner, WorkSupervisor

    def values(model, name):
        tp = model.model_fields[name].annotation
        while typing.get_origin(tp) is not typing.Literal:
            tp = next(a for a in typing.get_args(tp) if a is not type(None))
        return set(typing.get_args(tp))

    assert {v for v, _ in LEGAL_FORMS} == values(Company, "legal_form")
    assert {v for v, _ in OWNER_KINDS} == values(Owner, "kind")
    assert {v for v, _ in SECTORS} == values(WorkSupervisor, "employer_sector")
    assert {v for v, _ in ALLOCATION_KINDS} == values(Allocation, "kind")


def test_an_unchanged_form_writes_nothing(tmp_path):
    before = PROFILE
    after = post(tmp_path, "pay", pay__rows="2", pay__0__role="Verksamhetsledare", pay__0__monthly_sek="34 000 kr",
                 pay__0__count="1", pay__1__role="Medarbetare", pay__1__monthly_sek="16000", pay__1__count="")
    assert after == before


def test_one_changed_field_changes_one_value_and_keeps_everything_else(tmp_path):
    after = post(tmp_path, "pay", pay__rows="2", pay__0__role="Verksamhetsledare", pay__0__monthly_sek="34 000 kr",
                 pay__0__count="1", pay__1__role="Medarbetare", pay__1__monthly_sek="17 500", pay__1__count="")
    assert after == PROFILE.replace("    monthly_sek: 16000\n", "    monthly_sek: 17500\n")


def test_removing_a_row_keeps_the_others_with_their_comments_and_unknown_keys(tmp_path):
    after = post(tmp_path, "pay", pay__rows="2", pay__0__role="Verksamhetsledare", pay__0__monthly_sek="34 000 kr",
                 pay__0__count="1", pay__1__role="Medarbetare", pay__1__monthly_sek="16000", pay__1__count="", remove="pay.0")
    assert "Verksamhetsledare" not in after
    assert "shift: natt            # a key the form does not know" in after
    assert after.startswith("# The profile. A comment at the top.\nname: \"Gröna Händer ek. för.\"   # quoted, and stays so\n")


def test_a_filled_in_new_row_is_appended_and_a_blank_one_is_not(tmp_path):
    after = post(tmp_path, "pay", pay__rows="4", pay__0__role="Verksamhetsledare", pay__0__monthly_sek="34 000 kr",
                 pay__0__count="1", pay__1__role="Medarbetare", pay__1__monthly_sek="16000", pay__1__count="",
                 pay__2__role="Kock", pay__2__monthly_sek="25000", pay__2__count="", pay__3__role="", pay__3__monthly_sek="", pay__3__count="")
    from asfcert.io.yamlfile import parse

    pay = parse(after.encode(), "company.yaml").data["pay"]
    assert [p["role"] for p in pay] == ["Verksamhetsledare", "Medarbetare", "Kock"] and pay[2] == {"role": "Kock", "monthly_sek": 25000}


def test_a_list_that_was_empty_gets_its_rows_and_a_group_is_created_when_filled(tmp_path):
    after = post(tmp_path, "owners", owners__rows="1", owners__0__name="Medlemmarna", owners__0__kind="members",
                 owners__0__share_percent="100", owners__0__org_number="")
    assert "owners:\n  - name: Medlemmarna\n    kind: members\n    share_percent: 100\nheadcount:" in after
    after = post(tmp_path, "company", name="Gröna Händer ek. för.", org_number="829502-4247", legal_form="", county="", municipality="",
                 industries="café\r\nträdgård", website="", profit_unit__unit_name="", profit_unit__parent_name="",
                 profit_unit__parent_org_number="", profit_unit__separate_accounts="")
    from asfcert.io.yamlfile import parse

    data = parse(after.encode(), "company.yaml").data
    assert data["industries"] == ["café", "trädgård"] and "profit_unit" not in data and "legal_form" not in data


def test_emptied_fields_become_empty_values_not_deleted_keys(tmp_path):
    after = post(tmp_path, "headcount", **{f"headcount__{k}": "" for k in ("as_of", "employees", "target_group_employees",
                 "target_group_hired_last_24_months", "work_training_participants", "wage_subsidy_eligible_at_hire")})
    assert "headcount:\n  employees:\n  future_field: kept\n" in after


def test_a_long_text_is_written_as_a_literal_block_and_reads_back_the_same(tmp_path):
    text = "Rad ett: med kolon.\nRad två # inte en kommentar\n  indragen rad"
    after = post(tmp_path, "participation", participation__introduction__description=text)
    from asfcert.io.yamlfile import parse

    assert parse(after.encode(), "company.yaml").data["participation"]["introduction"]["description"] == text
    assert "description: |-\n" in after


def test_evidence_choices_keep_mappings_add_new_paths_and_drop_unticked(tmp_path):
    text = PROFILE + (
        "participation:\n  introduction:\n    evidence:\n"
        "      - file: evidence/policyer/a.pdf   # why\n        pages: '2'\n      - evidence/policyer/b.pdf\n"
    )
    after = post(tmp_path, "participation", text, participation__introduction__evidence=["", "evidence/policyer/a.pdf", "evidence/x/c.pdf"])
    assert "      - file: evidence/policyer/a.pdf   # why\n        pages: '2'\n      - evidence/x/c.pdf\n" in after
    assert "b.pdf" not in after


def test_a_save_over_a_changed_file_is_refused_and_writes_nothing(tmp_path):
    path = tmp_path / "company.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    loaded = digest(path.read_bytes())
    path.write_text(PROFILE + "# edited elsewhere\n", encoding="utf-8")
    with pytest.raises(Conflict) as caught:
        save(tmp_path, "company.yaml", loaded, lambda rt, plain: rt.update(name="X"))
    assert caught.value.current.text.endswith("# edited elsewhere\n")
    assert path.read_text(encoding="utf-8") == PROFILE + "# edited elsewhere\n"


def test_windows_line_ends_stay(tmp_path):
    after = post(tmp_path, "headcount", PROFILE.replace("\n", "\r\n"), headcount__employees="11")
    assert "employees: 11\r\n" in after and "\n" not in after.replace("\r\n", "")


def test_changes_list_both_versions_of_what_differs():
    section = BY_ID["pay"]
    plain = {"pay": [{"role": "Verksamhetsledare", "monthly_sek": 36000}]}
    rows = forms.changes(section.parts, form(pay__rows="1", pay__0__role="Verksamhetsledare", pay__0__monthly_sek="37000", pay__0__count=""), plain, "sv")
    assert rows == [("Roll 1: Månadslön för heltid", "37000", "36000")]


def test_a_view_shows_a_value_the_choices_do_not_know_rather_than_dropping_it():
    views = forms.build(BY_ID["owners"].parts, forms.data_source({"owners": [{"name": "X", "kind": "kommunen"}]}), "sv")
    kind = forms.names(views)["owners.0.kind"]
    assert ("kommunen", "kommunen") in kind.choices and kind.value == "kommunen"


def test_a_public_sector_number_is_flagged_whatever_kind_was_chosen():
    views = forms.build(BY_ID["owners"].parts, forms.data_source({"owners": [{"name": "Region X", "kind": "non-profit", "org_number": "232100-0016"}]}), "sv")
    assert forms.names(views)["owners.0.org_number"].public_sector


def test_read_reports_a_broken_file_instead_of_raising(tmp_path):
    (tmp_path / "company.yaml").write_text("name: [\n", encoding="utf-8")
    loaded = read(tmp_path, "company.yaml")
    assert loaded.problem.code == "yaml-syntax" and loaded.doc is None


def test_rows_have_no_more_new_rows_than_allowed(tmp_path):
    fields = {"pay__rows": "10000"}
    for i in range(200):
        fields[f"pay__{i + 2}__role"] = f"R{i}"
    after = post(tmp_path, "pay", **fields)
    from asfcert.io.yamlfile import parse

    assert len(parse(after.encode(), "company.yaml").data["pay"]) == 2 + forms.MAX_NEW_ROWS
