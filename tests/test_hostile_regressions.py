"""The bugs the hostile-input corpus (tests/corpus/) found, each pinned down where it was
fixed: by its code, its location and the data, not through a whole command run."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from fixtures import hostile_pdfs
from helpers import make_company, only, pdf_bytes, run


def test_a_company_file_that_links_out_of_the_folder_is_not_read(tmp_path):
    root = make_company(tmp_path / "c")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_bytes((root / "company.yaml").read_bytes())
    (root / "company.yaml").unlink()
    os.symlink(outside, root / "company.yaml")
    result = run(root)
    f = only(result, "file-outside-folder")
    assert (f.location.file, result.exit_code) == ("company.yaml", 2)
    assert str(outside) in f.message.en


def test_a_link_inside_the_folder_is_followed(tmp_path):
    root = make_company(tmp_path / "c")
    (root / "profil").mkdir()
    os.replace(root / "company.yaml", root / "profil" / "company.yaml")
    os.symlink("profil/company.yaml", root / "company.yaml")
    assert run(root).exit_code == 0


def test_texts_asfcert_writes_into_a_flow_mapping_read_back():
    """`unreadable:13` and a file named `möte: 2026, [utkast].pdf` in the snapshot made the
    audit record unreadable to asfcert itself (ruamel writes them plain, libyaml refuses)."""
    from ruamel.yaml.comments import CommentedMap

    from asfcert.io.yamlfile import parse
    from asfcert.records import audit_record as record

    values = {"path": "evidence/möte: 2026, [utkast] #2 ?.pdf", "sha256": "unreadable:13", "kind": "link:/x: y", "odd": "a\u2028b\x85c"}
    data = CommentedMap(files=[record._flow(values)], text="a\u2028b")
    assert parse(record.dump(data).encode(), "audit.yaml").data == {"files": [values], "text": "a\u2028b"}


def test_an_evidence_file_larger_than_the_limit_is_neither_read_nor_hashed_whole(tmp_path, monkeypatch):
    from asfcert.company import folder as folder_module

    monkeypatch.setattr(folder_module, "MAX_HASHED_BYTES", 3 * 2**20)
    root = make_company(tmp_path / "c")
    video = root / "evidence" / "stadgar" / "stadgar.pdf"
    with open(video, "wb") as fh:
        fh.write(pdf_bytes("Stadgar"))
        fh.truncate(4 * 2**20)
    result = run(root)
    f = only(result, "evidence-too-large")
    assert (f.location.file, f.requirement, f.params["size"]) == ("evidence/stadgar/stadgar.pdf", "3.1.a", 4 * 2**20)
    entry = next(e for e in result.evidence if e.path == "evidence/stadgar/stadgar.pdf")
    assert entry.sha256.startswith(f"too-large:{4 * 2**20}:") and entry.pages is None
    with open(video, "r+b") as fh:  # a change at either end changes the marker
        fh.seek(-1, os.SEEK_END)
        fh.write(b"x")
    assert next(e for e in run(root).evidence if e.path == entry.path).sha256 != entry.sha256


@pytest.mark.parametrize("name", ["truncated", "encrypted-user", "bomb", "cyclic", "zero-pages"])
def test_verify_refuses_a_pdf_the_bounded_reader_cannot_read(tmp_path, name):
    from asfcert.base.errors import UserError
    from asfcert.certify.verify import verify

    pdf = tmp_path / "cert.pdf"
    pdf.write_bytes(hostile_pdfs.HOSTILE[name]())
    with pytest.raises(UserError) as err:
        verify(str(pdf), registry_dir=tmp_path)
    assert err.value.exit_code == 2 and str(pdf) in err.value.message.en and "cannot be read as a PDF" in err.value.message.en


def test_verify_never_runs_pypdf_in_its_own_process(tmp_path):
    import subprocess
    import sys

    pdf = tmp_path / "cert.pdf"
    pdf.write_bytes(hostile_pdfs.truncated())  # pypdf used to read it right here, without limits
    code = (
        "import sys\n"
        "from asfcert.certify.verify import verify\n"
        "from asfcert.base.errors import UserError\n"
        f"try:\n    verify({str(pdf)!r}, registry_dir=__import__('pathlib').Path({str(tmp_path)!r}))\n"
        "except UserError:\n    pass\n"
        "print('pypdf' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "False", proc.stderr


def test_verify_refuses_a_huge_file_without_reading_it(tmp_path):
    from asfcert.base.errors import UserError
    from asfcert.certify.verify import MAX_PDF_BYTES, verify

    pdf = tmp_path / "cert.pdf"
    with open(pdf, "wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(MAX_PDF_BYTES + 1)
    with pytest.raises(UserError, match="too large"):
        verify(str(pdf), registry_dir=tmp_path)


def test_a_folder_in_place_of_a_certificate_record_is_unusable_not_unknown(tmp_path):
    from asfcert.base.errors import UserError
    from asfcert.records import registry

    (tmp_path / "registry.yaml").write_text("format: asfcert-registry/1\ncertifier: SKOOPI\nprefix: ASF\n")
    (tmp_path / "certificates" / "ASF-2026-0001.yaml").mkdir(parents=True)
    reg = registry.find(None, tmp_path)
    with pytest.raises(UserError) as err:
        registry.get(reg, "ASF-2026-0001")
    assert err.value.findings[0].code == "not-a-file"


def test_the_cohort_names_a_company_file_that_cannot_be_used(tmp_path):
    import audit_helpers

    company = audit_helpers.setup(tmp_path)
    (company / "company.yaml").write_text("name: [trasig\n")
    (company / "audit").mkdir()
    (company / "audit" / "audit.yaml").write_text("- en lista\n")
    from asfcert.assess.checker import CheckOptions
    from asfcert.cohort.api import CohortOptions
    from asfcert.cohort.api import run as run_cohort

    report = run_cohort(company.parent, CohortOptions(CheckOptions(today=dt.date(2026, 12, 1), use_cache=False), jobs=1))
    found = {f.code: f for f in report.findings()}
    assert str(found["cohort-company-input-error"].location) == "omgang-ht2026/grona/company.yaml:2:1"  # where libyaml sees the end
    assert found["cohort-company-record-unreadable"].location.file == "omgang-ht2026/grona/audit/audit.yaml"
    assert report.check_exit_code == 1


def test_text_from_files_is_shown_harmlessly():
    from asfcert.base.safetext import cell, visible

    assert visible("a\x1b[2Jb\u202ec\x85d\u2028e\tf\ng") == "a<U+001B>[2Jb<U+202E>c<U+0085>d<U+2028>e\tf\ng"
    assert cell('=HYPERLINK("http://x")') == "'=HYPERLINK(\"http://x\")" and cell("-1") == "'-1" and cell(-1) == -1
    assert cell("Gröna\x00") == "Gröna<U+0000>"


def test_a_lock_of_a_live_run_on_another_host_waits_for_its_age(tmp_path):
    import socket

    from asfcert.records import registry_lock

    lock = tmp_path / ".x.lock"
    lock.write_text(f"{os.getpid()} {socket.gethostname()}\n")
    assert not registry_lock.holder_gone(lock)
    lock.write_text("not a lock file\n")
    assert not registry_lock.holder_gone(lock)


def test_the_crash_log_is_written_atomically(tmp_path, monkeypatch):
    from asfcert.cli.errors import report_crash

    monkeypatch.setenv("ASFCERT_CACHE_DIR", str(tmp_path))
    report_crash(ValueError("forced \x1b[2J"), "en")
    [log] = (tmp_path / "crashes").iterdir()
    assert "ValueError: forced" in log.read_text() and not [p for p in (tmp_path / "crashes").iterdir() if p.name.startswith(".")]


def test_hidden_characters_in_a_name_are_never_printed_raw(tmp_path):
    import subprocess
    import sys

    root = make_company(tmp_path / "c")
    text = (root / "company.yaml").read_text(encoding="utf-8")
    (root / "company.yaml").write_text(text.replace("name: ", 'name: "\\e]0;titel\\a\\e[2J \\u202e ', 1).replace("förening\n", 'förening"\n', 1), encoding="utf-8")
    for fmt in ("terminal", "markdown", "json"):
        proc = subprocess.run([str(Path(sys.executable).parent / "asfcert"), "check", str(root), "--format", fmt, "--as-of", "2026-11-22"],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert "\x1b" not in proc.stdout and "\u202e" not in proc.stdout and "\x07" not in proc.stdout, fmt


def test_an_unusable_cohort_file_writes_no_report(tmp_path):
    import subprocess
    import sys

    import audit_helpers

    company = audit_helpers.setup(tmp_path)
    (company.parent / "cohort.yaml").write_text("a: &a [1]\nb: *a\n")
    out = tmp_path / "rapport"
    proc = subprocess.run([str(Path(sys.executable).parent / "asfcert"), "cohort", "report", str(company.parent), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "yaml-alias" in proc.stdout + proc.stderr
    assert not out.exists()


def _asfcert(*argv: str, timeout: float = 120):
    import subprocess
    import sys

    return subprocess.run([str(Path(sys.executable).parent / "asfcert"), *argv], capture_output=True, text=True, timeout=timeout)


def test_deep_block_nesting_is_refused_not_a_crash(tmp_path):
    """The issue's repro: `printf 'extra:\\n  %s x\\n' "$(python3 -c "print('- '*100000)")" >> company.yaml`
    made every command that reads YAML die in libyaml's composer (exit 139, no message)."""
    root = make_company(tmp_path / "c")
    with open(root / "company.yaml", "a", encoding="utf-8") as fh:
        fh.write("extra:\n  %s x\n" % ("- " * 100000))
    for command in (["check", str(root)], ["intake", str(root)]):
        proc = _asfcert(*command, "--as-of", "2026-11-22", "--lang", "en")
        assert proc.returncode == 2, (command, proc.returncode, proc.stderr)
        assert "yaml-too-deep" in proc.stdout + proc.stderr and "company.yaml" in proc.stdout + proc.stderr


def test_a_legal_but_huge_map_is_refused_in_a_moment(tmp_path):
    """100,000 keys took 58 s to compose and construct; the guard stops at MAX_NODES values."""
    import time

    root = make_company(tmp_path / "c")
    with open(root / "company.yaml", "a", encoding="utf-8") as fh:
        fh.write("extra:\n" + "".join(f"  k{i}: {i}\n" for i in range(100_000)))
    start = time.monotonic()
    result = run(root)
    assert time.monotonic() - start < 10
    f = only(result, "yaml-too-many-values")
    assert (f.location.file, result.exit_code) == ("company.yaml", 2)


@pytest.mark.parametrize(
    "text",
    [
        "legal_form: {big}\n",  # a choice: the value is quoted back
        "{big}: 1\n",  # an unknown field: the key is quoted back
        "namn: A\n{big}: 1\n{big}: 2\n",  # a duplicate key
        "name: !!int {big}\n",  # the constructor's own message quotes the value
        "name: !!timestamp {big}\n",
        "name: !<{big}> x\n",  # a tag
    ],
    ids=["choice", "unknown-key", "duplicate-key", "int-tag", "timestamp-tag", "tag"],
)
def test_messages_never_echo_a_value_of_megabytes(tmp_path, text):
    from asfcert.base.text import MAX_ECHOED_CHARS

    root = make_company(tmp_path / "c")
    profile = (root / "company.yaml").read_text(encoding="utf-8")
    big = "x" * 1_900_000
    (root / "company.yaml").write_text(profile.replace("legal_form:", "# legal_form:") + text.format(big=big), encoding="utf-8")
    result = run(root)
    assert result.exit_code == 2
    for f in result.findings:
        for message in (f.message.sv, f.message.en):
            assert len(message) < 2 * MAX_ECHOED_CHARS + 300, (f.code, len(message))
