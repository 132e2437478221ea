"""The reference docs are generated from the code and must be up to date."""

from pathlib import Path

import pytest
from docsgen import DOCS, generated

from asfcert.base.findings import catalogue


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


def test_a_kind_declared_in_a_module_the_catalogue_does_not_import_fails():
    """Import every module of asfcert (in a fresh process, so no other test's imports help)
    and compare every kind that exists with the catalogue. A `Kind` in a module missing from
    `findings._DECLARING_MODULES` would be documented only by accident."""
    import subprocess
    import sys

    code = (
        "import importlib, pkgutil, asfcert\n"
        "from asfcert.base import findings\n"
        "catalogued = set(findings.catalogue())\n"
        "for m in pkgutil.walk_packages(asfcert.__path__, 'asfcert.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "missing = sorted(f'{k.code} ({k.module})' for k in findings._KINDS.values() if k.code not in catalogued)\n"
        "print('\\n'.join(missing))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"declared outside findings._DECLARING_MODULES:\n{proc.stdout}"


def test_the_catalogue_says_how_to_fix_every_code():
    from docsgen import FIX_AT_RUN_TIME

    text = (DOCS / "findings.md").read_text(encoding="utf-8")
    sections = text.split("\n### `")[1:]
    assert len(sections) == len(catalogue())
    for section in sections:
        assert "- How to fix: " in section, section.splitlines()[0]
    assert set(FIX_AT_RUN_TIME) == {code for code, kind in catalogue().items() if kind.hint is None}
    assert all(f"[`{code}`](#{code})" in text for code in catalogue())  # the index links every code


def test_a_kind_outside_the_declaring_modules_is_not_catalogued():
    """The check above relies on this: `catalogue()` never includes a kind because some
    other code happened to import its module first."""
    import types

    from asfcert.base.findings import _KINDS

    module = types.ModuleType("asfcert.somewhere_new")
    exec('from asfcert.base.findings import Kind\nfrom asfcert.base.i18n import L10n\nX = Kind("test-undeclared-kind", L10n("a", "a"), L10n("b", "b"))',
         module.__dict__)
    try:
        assert _KINDS["test-undeclared-kind"].module == "asfcert.somewhere_new"
        assert "test-undeclared-kind" not in catalogue()
    finally:
        del _KINDS["test-undeclared-kind"]
