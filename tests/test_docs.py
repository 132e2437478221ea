"""The reference docs are generated from the code and must be up to date."""

from pathlib import Path

import pytest

from asfcert.docsgen import DOCS, generated
from asfcert.findings import catalogue


@pytest.mark.parametrize("rel", sorted(generated()))
def test_generated_docs_are_current(rel):
    path = DOCS / rel
    assert path.exists(), f"docs/{rel} is missing: run `make docs`"
    assert path.read_text(encoding="utf-8") == generated()[rel], f"docs/{rel} is out of date: run `make docs`"


def test_every_code_is_documented_with_both_languages():
    text = (DOCS / "findings.md").read_text(encoding="utf-8")
    for code, kind in catalogue().items():
        assert f"### `{code}`" in text, code
        assert kind.title.sv and kind.title.en and kind.message.sv and kind.message.en


def test_codes_are_kebab_case():
    import re

    assert all(re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", code) for code in catalogue())


def test_every_code_raised_anywhere_in_the_source_is_declared():
    """A Kind created outside the modules the catalogue imports would be missing from the docs."""
    import re

    src = Path(__file__).resolve().parents[1] / "src" / "asfcert"
    declared = set()
    for path in src.rglob("*.py"):
        declared |= set(re.findall(r'= Kind\(\s*"([a-z0-9-]+)"', path.read_text(encoding="utf-8")))
    assert declared == set(catalogue())


def test_rule_docs_show_a_passing_and_a_failing_example():
    from asfcert.rules import MODULES

    for module in MODULES:
        doc = module.__doc__ or ""
        assert "Passes" in doc and "Fails" in doc, module.__name__
