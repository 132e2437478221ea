"""A check reads the kept standard in plain objects (standard/plain.py) and builds none of the
standard's models nor the rules' option models: the same verdicts, codes, locations and
output as with the validated models, on every example folder and on folders with defects;
the plain objects read, compare and refuse changes as the models do; a damaged or foreign
entry is validated again."""

import datetime as dt
import json
import os
import pickle
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import AS_OF, make_company

from asfcert.assess.checker import CheckOptions, evaluate
from asfcert.base.resources import default_standard
from asfcert.company.folder import CompanyFolder
from asfcert.io.cache import Cache
from asfcert.render.check import markdown, plain
from asfcert.standard import kept
from asfcert.standard import plain as plain_standard
from asfcert.standard.load import _MEMO, load_standard

EXAMPLES = Path(__file__).parents[1] / "examples"
FOLDERS = sorted(p.parent for p in EXAMPLES.glob("*/*/company.yaml"))
DEFECTS = {  # company.yaml edits that rules and the schema report
    "public-owner": {"owners": [{"name": "Borås Stad", "kind": "kommun", "share_percent": 40}]},
    "pay-ratio": {"pay": [{"role": "Chef", "monthly_sek": 90000}, {"role": "Medarbetare", "monthly_sek": 18000}]},
    "missing": {"headcount": None, "finances": None},
    "broken": {"headcount": {"employees": 3, "target_group_employees": 9}},
    "dividends": {"finances": [{"year": 2025, "dividends_sek": 5000, "result_sek": 10000}]},
}


def both(folder: Path, cache: Cache, today: dt.date = AS_OF):
    """The check's result with the standard as models and as the check reads it kept."""
    _MEMO.clear()
    models, _ = load_standard(None, Cache(enabled=False))
    load_standard(None, cache)  # validated and kept
    _MEMO.clear()
    read, _ = load_standard(None, cache, plain=True)
    assert type(read) is plain_standard.Standard and type(models) is not plain_standard.Standard
    options = CheckOptions(use_cache=False)
    return [evaluate(CompanyFolder(folder), standard, today, str(folder), default_standard(), options) for standard in (models, read)]


def same(a, b) -> None:
    assert a.to_dict() == b.to_dict()
    assert [(f.code, str(f.location), f.severity, f.requirement) for f in a.findings] == \
        [(f.code, str(f.location), f.severity, f.requirement) for f in b.findings]
    for lang in ("sv", "en"):
        assert markdown.render(a, lang) == markdown.render(b, lang)
        assert plain.render(a, lang, 100) == plain.render(b, lang, 100)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_example_is_judged_alike(folder, tmp_path):
    same(*both(folder, Cache(root=tmp_path / "cache"), dt.date(2026, 11, 22)))


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_every_defect_is_judged_alike(defect, tmp_path):
    root = make_company(tmp_path / defect, **DEFECTS[defect])
    models, read = both(root, Cache(root=tmp_path / "cache"))
    same(models, read)
    assert models.findings  # the defect is reported


def test_the_plain_standard_reads_compares_and_refuses_changes_as_the_models(tmp_path):
    _MEMO.clear()
    models, _ = load_standard(None, Cache(enabled=False))
    read = kept.as_plain(models)
    assert read.title.l10n == models.title.l10n and [r.id for r in read.enabled] == [r.id for r in models.enabled]
    assert read.policy.certificate_validity_years == models.policy.certificate_validity_years
    specs = [(s, p) for r, q in zip(models.requirements, read.requirements) for s, p in zip(r.checks, q.checks)]
    assert specs and all(vars(p) == dict(s) for s, p in specs)
    assert any(isinstance(v, Decimal) for _, p in specs for v in vars(p).values())  # values keep their types
    assert read == kept.as_plain(models) and read.title != read.basis and read.title != models.title
    assert hash(read.title) == hash(kept.as_plain(models).title)
    with pytest.raises(TypeError):
        hash(read)  # as the model: its lists cannot be hashed
    with pytest.raises(TypeError):
        hash(models)
    for obj in (read, read.requirements[0], read.requirements[0].checks[0]):
        with pytest.raises(TypeError):
            obj.id = "changed"
        with pytest.raises(TypeError):
            del obj.id


@pytest.mark.parametrize("damage", [b"", b"not a pickle", "truncated", "foreign"])
def test_a_damaged_or_foreign_entry_is_validated_again(tmp_path, damage):
    cache = Cache(root=tmp_path / "cache")
    _MEMO.clear()
    models, _ = load_standard(None, cache)
    (entry,) = sorted((cache.root / kept.NAMESPACE).rglob("*.pickle"))
    good = entry.read_bytes()
    raw = {"truncated": good[:100], "foreign": pickle.dumps(dt.date(2026, 1, 1))}.get(damage, damage)
    entry.write_bytes(raw)
    _MEMO.clear()
    read, _ = load_standard(None, cache, plain=True)
    assert read == kept.as_plain(models)
    assert entry.read_bytes() == good  # written again


def test_a_check_after_an_edit_builds_no_standard_model(tmp_path):
    root = make_company(tmp_path / "c")
    env = {**os.environ, "ASFCERT_CACHE_DIR": str(tmp_path / "cache")}
    code = (
        "import atexit, json, sys\n"
        "def built():\n"
        "    rules = [m for n, m in sys.modules.items() if n.startswith('asfcert.rules.') and 'Options' in vars(m)]\n"
        "    sys.stderr.write('built: ' + json.dumps(['asfcert.standard.model' in sys.modules, len(rules)]) + '\\n')\n"
        "atexit.register(built)\n"
        "from asfcert.cli import main\n"
        f"sys.argv = ['asfcert', 'check', {str(root)!r}, '--as-of', {AS_OF.isoformat()!r}, '--format', 'json']\n"
        "main()\n"
    )

    def run():
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=120, check=False)
        line = next(ln for ln in proc.stderr.decode().splitlines() if ln.startswith("built: "))
        return proc, json.loads(line.removeprefix("built: "))

    first, built = run()
    assert built == [True, 19]  # the first check validates the standard: every model is built
    profile = root / "company.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("Testföretaget", "Testföretaget 2"), encoding="utf-8")
    after, built = run()
    assert built == [False, 0]
    fresh = subprocess.run([sys.executable, "-m", "asfcert", "check", str(root), "--as-of", AS_OF.isoformat(), "--format", "json", "--no-cache"],
                           capture_output=True, env=env, timeout=120, check=False)
    assert (after.returncode, after.stdout) == (fresh.returncode, fresh.stdout)
