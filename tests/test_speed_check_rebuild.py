"""A check after an edit builds only what it must, and says what it said before: an
invalid edit gives the same findings at the same places as with --no-cache; the
standard's keywords and the folders' real paths, worked out once, never answer for
another standard or another file; pydantic runs without its plugin loader only when
every plugin is switched off; collections paused while a check loads come back."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import AS_OF, make_company, same_size_edit

from asfcert.base.resources import default_standard
from asfcert.company import manifest
from asfcert.company.folder import CompanyFolder
from asfcert.io.cache import Cache
from asfcert.standard.load import load_standard

ASFCERT = str(Path(sys.executable).parent / "asfcert")


def program(*args, env=None):
    return subprocess.run([ASFCERT, *args], capture_output=True, env={**os.environ, "COLUMNS": "80", **(env or {})}, timeout=120, check=False)


def _findings(stdout: bytes) -> list[tuple]:
    return [(f["code"], f["file"], f["line"], f["column"]) for f in json.loads(stdout)["findings"]]


@pytest.mark.parametrize("old, new, found", [
    ("share_percent: 100", "share_percent: abc", ("schema-value", "company.yaml", 12, 18)),  # a wrong type
    ("share_percent: 100", "share_percant: 100", ("schema-unknown-field", "company.yaml", 12, 3)),  # a key it has not
])
def test_an_invalid_edit_gives_the_findings_and_places_of_a_fresh_check(tmp_path, old, new, found):
    root = make_company(tmp_path / "c")
    env = {"ASFCERT_CACHE_DIR": str(tmp_path / "cache")}
    args = ("check", str(root), "--as-of", AS_OF.isoformat(), "--format", "json")
    valid = program(*args, env=env)
    assert valid.returncode == 0 and program(*args, env=env).stdout == valid.stdout
    same_size_edit(root / "company.yaml", old, new)  # same size, same second: only ctime tells
    after = program(*args, env=env)
    fresh = program(*args, "--no-cache", env=env)
    assert (after.returncode, after.stdout, after.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)
    assert after.returncode == 2 and _findings(after.stdout) == [found]
    same_size_edit(root / "company.yaml", new, old)  # and back: the valid result again
    again = program(*args, env=env)
    assert (again.returncode, again.stdout) == (0, valid.stdout)


def test_keywords_are_those_of_the_standard_asked_about():
    standard, _ = load_standard(default_standard(), Cache(enabled=False))
    kind = next(k for k in standard.evidence_kinds if k.keywords)
    path = f"evidence/other/{kind.keywords[0].replace(' ', '-')}-2026.pdf"
    assert manifest.classify(path, standard) == kind.id
    renamed = [k.model_copy(update={"keywords": ["zzz-nothing"]}) if k.id == kind.id else k for k in standard.evidence_kinds]
    other = standard.model_copy(update={"evidence_kinds": renamed})
    assert manifest.classify(path, other) != kind.id
    assert manifest.classify(path, standard) == kind.id


def test_an_empty_keyword_still_matches_every_name():
    standard, _ = load_standard(default_standard(), Cache(enabled=False))
    kinds = [k.model_copy(update={"keywords": [" "]}) if i == 0 else k.model_copy(update={"keywords": []})
             for i, k in enumerate(standard.evidence_kinds)]
    other = standard.model_copy(update={"evidence_kinds": kinds})
    assert manifest.classify("evidence/x/anything.pdf", other) == kinds[0].id


def test_references_resolve_alike_through_one_folder_and_fresh_ones(tmp_path):
    root = make_company(tmp_path / "c")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(b"%PDF-1.4\n")
    os.symlink(root / "evidence" / "stadgar", root / "evidence" / "alias")  # a folder linked inside
    os.symlink(outside, root / "evidence" / "ext")  # a folder linked outside
    os.symlink(outside / "secret.pdf", root / "evidence" / "stadgar" / "leak.pdf")  # a file linked outside
    os.symlink(root / "evidence" / "stadgar" / "stadgar.pdf", root / "evidence" / "link.pdf")  # a file linked inside
    refs = ["evidence/stadgar/stadgar.pdf", "evidence/alias/stadgar.pdf", "evidence/ext/secret.pdf",
            "evidence/stadgar/leak.pdf", "evidence/link.pdf", "evidence/stadgar", "evidence/stadgar/missing.pdf",
            "evidence/alias/leak.pdf", "evidence/stadgar/stadgar.pdf"]
    shared = CompanyFolder(root)
    for ref in refs:
        got, fresh = shared.resolve(ref), CompanyFolder(root).resolve(ref)
        assert got == fresh, ref
        if got.ok:
            assert got.path == Path(os.path.realpath(root / ref))
    assert shared.resolve("evidence/alias/stadgar.pdf").ok
    assert shared.resolve("evidence/ext/secret.pdf").problem == "link"
    assert shared.resolve("evidence/stadgar/leak.pdf").problem == "link"
    assert shared.resolve("evidence/stadgar").problem == "folder"


def _run(code: str, env: dict | None = None) -> str:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False,
                          env={k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"} | (env or {}))
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip()


_VALIDATE = (
    "import sys\n"
    "from asfcert.formats.assessment import SelfAssessment\n"
    "SelfAssessment.model_validate({'answers': {}})\n"
    "loader = sys.modules['pydantic.plugin._loader']\n"
    "print(loader.__name__, 'importlib.metadata' in sys.modules)\n"
)


def test_with_every_plugin_off_pydantic_builds_validators_without_its_loader():
    assert _run(_VALIDATE) == "asfcert.formats.no_plugins False"
    assert _run(_VALIDATE, {"PYDANTIC_DISABLE_PLUGINS": "true"}) == "asfcert.formats.no_plugins False"


def test_a_user_setting_of_the_plugins_is_left_to_pydantic():
    assert _run(_VALIDATE, {"PYDANTIC_DISABLE_PLUGINS": "some-plugin"}) == "pydantic.plugin._loader True"


def test_collections_run_again_after_a_check_loads(tmp_path):
    root = make_company(tmp_path / "c")
    code = (
        "import gc, datetime\n"
        "from pathlib import Path\n"
        "from asfcert.assess.checker import CheckOptions, check\n"
        f"options = CheckOptions(today=datetime.date.fromisoformat({AS_OF.isoformat()!r}), use_cache=False)\n"
        f"first = check(Path({str(root)!r}), options)\n"
        "on = gc.isenabled()\n"
        "gc.disable()\n"
        f"second = check(Path({str(root)!r}), options)\n"
        "print(on, gc.isenabled(), first.to_dict() == second.to_dict(), first.exit_code)\n"
    )
    assert _run(code) == "True False True 0"


def test_collections_run_again_after_a_view_is_drawn(tmp_path):
    root = make_company(tmp_path / "c")
    code = (
        "import gc, datetime, io, sys\n"
        "from pathlib import Path\n"
        "from asfcert.assess.checker import CheckOptions, check\n"
        "from asfcert.cli.output import present\n"
        f"result = check(Path({str(root)!r}), CheckOptions(today=datetime.date.fromisoformat({AS_OF.isoformat()!r}), use_cache=False))\n"
        "out, sys.stdout = sys.stdout, io.StringIO()\n"
        "present(result, 'terminal', 'en', use_cache=False)\n"
        "first, on = sys.stdout.getvalue(), gc.isenabled()\n"
        "gc.disable()\n"
        "sys.stdout = io.StringIO()\n"
        "present(result, 'terminal', 'en', use_cache=False)\n"
        "second, sys.stdout = sys.stdout.getvalue(), out\n"
        "print(on, gc.isenabled(), first == second, 'Ready for audit' in first)\n"
    )
    assert _run(code) == "True False True True"
