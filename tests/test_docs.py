"""The reference docs are generated from the code and must be up to date."""

from pathlib import Path

import pytest
from docsgen import DOCS, generated

from asfcert.cli.catalogue import catalogue


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
    """A Kind created outside the modules the catalogue lists would be missing from the docs."""
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


def test_every_kind_in_any_module_is_in_the_catalogue():
    """Import every module of asfcert (in a fresh process, so no other test's imports help)
    and look for `Kind` instances in their globals: each must be in the catalogue, as the
    very same object. A module missing from `cli.catalogue.DECLARING`, or a kind left out of
    its module's `KINDS`, fails here."""
    import subprocess
    import sys

    code = (
        "import importlib, pkgutil, asfcert\n"
        "from asfcert.base.findings import Kind\n"
        "from asfcert.cli.catalogue import catalogue\n"
        "catalogued = catalogue()\n"
        "missing = set()\n"
        "for m in pkgutil.walk_packages(asfcert.__path__, 'asfcert.'):\n"
        "    if m.name.endswith('__main__'):\n"
        "        continue\n"
        "    module = importlib.import_module(m.name)\n"
        "    for name, value in vars(module).items():\n"
        "        if isinstance(value, Kind) and catalogued.get(value.code) is not value:\n"
        "            missing.add(f'{value.code} ({m.name}.{name})')\n"
        "print('\\n'.join(sorted(missing)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"kinds missing from the catalogue (cli/catalogue.py):\n{proc.stdout}"


def test_a_code_declared_twice_is_an_error(monkeypatch):
    import types

    from asfcert.base.findings import Kind, made_by
    from asfcert.base.i18n import L10n
    from asfcert.cli import catalogue as cat

    twin = types.ModuleType("asfcert_test_twin")
    twin.KINDS = made_by("test", Kind("answer-missing", L10n("a", "a"), L10n("b", "b")))
    monkeypatch.setitem(__import__("sys").modules, "asfcert_test_twin", twin)
    monkeypatch.setattr(cat, "DECLARING", cat.DECLARING + ("asfcert_test_twin",))
    cat._entries.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="answer-missing"):
            cat.catalogue()
    finally:
        cat._entries.cache_clear()


def test_every_kind_knows_its_effect_and_who_makes_it():
    from asfcert.base.findings import Effect, Severity

    for code, kind in catalogue().items():
        assert kind.rule, code
        assert isinstance(kind.effect, Effect), code
        if kind.effect is Effect.ABORTS:  # fatal errors
            assert kind.severity == Severity.ERROR, code


def test_the_catalogue_says_how_to_fix_every_code():
    from docsgen import FIX_AT_RUN_TIME

    text = (DOCS / "findings.md").read_text(encoding="utf-8")
    sections = text.split("\n### `")[1:]
    assert len(sections) == len(catalogue())
    for section in sections:
        assert "- How to fix: " in section, section.splitlines()[0]
    assert set(FIX_AT_RUN_TIME) == {code for code, kind in catalogue().items() if kind.hint is None}
    assert all(f"[`{code}`](#{code})" in text for code in catalogue())  # the index links every code
