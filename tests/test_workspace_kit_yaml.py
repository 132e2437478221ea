"""The YAML trap for those who still edit by hand: no `[]` placeholders in a new kit, a
specific hint when a list is written under `[]`, and syntax errors in plain Swedish with
the line and what to do."""

from __future__ import annotations

import pytest

from asfcert.io.yamlfile import YamlProblem, parse


def problem(text: str):
    with pytest.raises(YamlProblem) as caught:
        parse(text.encode(), "self-assessment/3.1.yaml")
    return caught.value.finding


def test_a_new_kit_has_no_empty_list_placeholders_and_passes_check(tmp_path):
    from helpers import run

    from asfcert.kit.create import KitOptions, create_kit

    create_kit(tmp_path / "kit", KitOptions(name="Test ek. för.", org_number="829502-4247"))
    for path in (tmp_path / "kit").rglob("*.yaml"):
        assert "[]" not in path.read_text(encoding="utf-8"), path
    assert run(tmp_path / "kit").usable


def test_a_list_written_under_an_empty_list_is_explained_on_its_line():
    text = (
        "answers:\n  3.1.a:\n    status: met\n    evidence: []   # the template\n"
        "      - evidence/stadgar/stadgar.pdf\n    description: x\n"
    )
    f = problem(text)
    assert f.code == "yaml-syntax" and f.location.line == 4
    assert "`evidence: []` följs av en lista" in f.message.sv and "rad 4" in f.hint.sv and "Ta bort []" in f.hint.sv
    assert "Remove the [] on line 4" in f.hint.en


def test_filling_in_the_kit_as_the_comments_say_reads(tmp_path):
    from asfcert.kit.create import KitOptions, create_kit

    create_kit(tmp_path / "kit", KitOptions(name="Test ek. för.", org_number="829502-4247"))
    path = next((tmp_path / "kit" / "self-assessment").glob("3.1-*.yaml"))
    text = path.read_text(encoding="utf-8").replace("\n    evidence:\n", "\n    evidence:\n      - evidence/stadgar/stadgar.pdf\n", 1)
    data = parse(text.encode(), path.name).data
    assert next(iter(data["answers"].values()))["evidence"] == ["evidence/stadgar/stadgar.pdf"]


@pytest.mark.parametrize("text, line, words", [
    ("name: Bolaget: AB\n", 1, "kolon följt av mellanslag"),
    ("a:\n  b: 1\n c: 2\n", 3, "indraget stämmer inte"),
    ("x: 1\nname: \"Gröna\norg: 1\n", 2, "citattecken öppnas men stängs aldrig"),
    ("industries: [café, trädgård\nname: x\n", 2, "lista inom [ ] avslutas inte"),
    ("name: @bolaget\n", 1, "reserverar"),
])
def test_syntax_errors_are_explained_in_swedish_with_the_line_and_what_to_do(text, line, words):
    f = problem(text)
    assert f.code == "yaml-syntax" and f.location.line == line
    assert words in f.message.sv and f.hint is not None and f.hint.sv and f.hint.en
    assert "did not find" not in f.message.sv and "mapping values" not in f.message.sv
