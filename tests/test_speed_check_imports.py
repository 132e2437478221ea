"""A check after an edit imports only what it runs: no evidence worker when every file's
facts are cached, no audit record module and its writers before the audit, no difflib
while every answer names a known requirement. And the tool fingerprint that keys every
cache entry changes with any source edit, even one that keeps the size and the mtime."""

import json
import os
import shutil
import subprocess
import sys

from helpers import AS_OF, make_company, same_size_edit

from asfcert.io.cache import source_fingerprint

ASFCERT = os.path.join(os.path.dirname(sys.executable), "asfcert")
NOT_RUN = ("asfcert.evidence.worker", "asfcert.records.audit_record", "asfcert.io.atomic", "difflib")


def run_and_list(args: list[str], env: dict) -> tuple[subprocess.CompletedProcess, dict]:
    """The program run in a fresh interpreter, and which of NOT_RUN it imported."""
    code = (
        "import atexit, json, sys\n"
        f"names = {list(NOT_RUN)!r}\n"
        "atexit.register(lambda: sys.stderr.write('imported: ' + json.dumps({n: n in sys.modules for n in names}) + '\\n'))\n"
        "from asfcert.cli import main\n"
        f"sys.argv = ['asfcert', *{args!r}]\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, env={**os.environ, "COLUMNS": "80", **env}, timeout=120, check=False)
    line = next(ln for ln in proc.stderr.decode().splitlines() if ln.startswith("imported: "))
    return proc, json.loads(line.removeprefix("imported: "))


def test_a_check_after_an_edit_imports_no_worker_no_record_module(tmp_path):
    root = make_company(tmp_path / "c")
    env = {"ASFCERT_CACHE_DIR": str(tmp_path / "cache")}
    args = ["check", str(root), "--as-of", AS_OF.isoformat(), "--format", "json"]
    first, imported = run_and_list(args, env)
    assert imported["asfcert.evidence.worker"], "the first check reads the documents: the test must see the worker then"
    profile = root / "company.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("Testföretaget", "Testföretaget 2"), encoding="utf-8")
    after, imported = run_and_list(args, env)
    assert imported == dict.fromkeys(NOT_RUN, False)
    fresh = subprocess.run([ASFCERT, *args, "--no-cache"], capture_output=True, env={**os.environ, **env}, timeout=120, check=False)
    assert (after.returncode, after.stdout) == (fresh.returncode, fresh.stdout)
    assert b"Testf\\u00f6retaget 2" in after.stdout or "Testföretaget 2".encode() in after.stdout
    assert first.stdout != after.stdout


def test_an_unknown_answer_still_gets_its_suggestion(tmp_path):
    """difflib, imported where it is needed, still names the nearest requirement."""
    root = make_company(tmp_path / "c")
    answers = root / "self-assessment" / "answers.yaml"
    text = answers.read_text(encoding="utf-8")
    first_id = next(ln.strip().rstrip(":") for ln in text.splitlines() if ln.startswith("  ") and not ln.startswith("   "))
    answers.write_text(text.replace(f"  {first_id}:", f"  {first_id}x:", 1), encoding="utf-8")
    proc, imported = run_and_list(["check", str(root), "--as-of", AS_OF.isoformat(), "--format", "json", "--no-cache"],
                                  {"ASFCERT_CACHE_DIR": str(tmp_path / "cache")})
    unknown = [f for f in json.loads(proc.stdout)["findings"] if f["code"] == "answer-unknown-requirement"]
    assert imported["difflib"] and unknown
    assert f"`{first_id}`?" in json.dumps(unknown, ensure_ascii=False)  # "Menade du `ID`?": the nearest one


def test_a_check_of_an_audited_folder_still_compares_the_snapshot(tmp_path):
    """The record's module is skipped only where there is no record: one that is there,
    even broken, is still read and reported."""
    root = make_company(tmp_path / "c")
    record = root / "audit" / "audit.yaml"
    record.parent.mkdir(exist_ok=True)
    record.write_text("snapshot: [\n", encoding="utf-8")
    proc, imported = run_and_list(["check", str(root), "--as-of", AS_OF.isoformat(), "--format", "json", "--no-cache"],
                                  {"ASFCERT_CACHE_DIR": str(tmp_path / "cache")})
    assert imported["asfcert.records.audit_record"]
    assert "audit-record-unreadable" in {f["code"] for f in json.loads(proc.stdout)["findings"]}


def _tree(tmp_path):
    """A copy of asfcert's own sources to edit (its bytecode folders left out)."""
    import asfcert

    copy = tmp_path / "asfcert"
    shutil.copytree(os.path.dirname(asfcert.__file__), copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_any_source_edit_changes_the_tool_fingerprint(tmp_path):
    tree = _tree(tmp_path)
    before = source_fingerprint(str(tree), "1.0")
    assert source_fingerprint(str(tree), "1.0") == before
    assert source_fingerprint(str(tree), "1.1") != before
    module = tree / "assess" / "engine.py"
    same_size_edit(module, "return Status.READY", "return Status.OPEN ")  # same size, same mtime: only ctime tells
    edited = source_fingerprint(str(tree), "1.0")
    assert edited != before
    (tree / "assess" / "extra.py").write_text("X = 1\n", encoding="utf-8")
    added = source_fingerprint(str(tree), "1.0")
    assert added not in (before, edited)
    replacement = tree / "assess" / "replaced.py"
    replacement.write_bytes(module.read_bytes())
    st = module.stat()
    os.utime(replacement, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(replacement, module)  # the same bytes and mtime under another inode
    assert source_fingerprint(str(tree), "1.0") not in (before, edited)


def test_bytecode_does_not_count_but_every_package_does(tmp_path):
    tree = _tree(tmp_path)
    before = source_fingerprint(str(tree), "1.0")
    cache = tree / "rules" / "__pycache__"
    cache.mkdir()
    (cache / "base.cpython-311.pyc").write_bytes(b"\x00" * 16)
    assert source_fingerprint(str(tree), "1.0") == before
    (tree / "render" / "check" / "new_view.py").write_text("", encoding="utf-8")
    assert source_fingerprint(str(tree), "1.0") != before


def test_a_file_changed_just_now_counts_by_its_content(tmp_path, monkeypatch):
    """Two edits within one tick of the file system's clock could leave the same signature:
    a source file changed in the last two seconds is read as well."""
    import time

    from asfcert.io import cache

    module = tmp_path / "m.py"
    module.write_text("A = 1\n", encoding="utf-8")
    real = os.stat(module)
    frozen = os.stat_result((real.st_mode, real.st_ino, real.st_dev, real.st_nlink, real.st_uid, real.st_gid, real.st_size,
                             0, 0, 0, None, None, None, time.time_ns(), time.time_ns(), time.time_ns()))
    monkeypatch.setattr(cache, "_sources", lambda folder, prefix: iter([("m.py", str(module), frozen)]))
    before = source_fingerprint(str(tmp_path), "1.0")
    module.write_text("A = 2\n", encoding="utf-8")  # the same size, and (by the stand-in) the same signature
    assert source_fingerprint(str(tmp_path), "1.0") != before
