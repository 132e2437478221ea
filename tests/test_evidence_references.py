"""Evidence references resolve only to regular files inside the company folder."""

import os
import unicodedata

import pytest
from helpers import complete_answers, make_company, only, pdf_bytes, run


def answer_with(tmp_path, ref, setup=None):
    answers = complete_answers()
    answers["3.1.a"] = {"status": "met", "description": "Se stadgarna.", "evidence": [ref]}
    root = make_company(tmp_path / "c", answers=answers)
    if setup:
        setup(root)
    return run(root)


@pytest.mark.parametrize("ref", ["/etc/passwd", "C:\\Users\\stadgar.pdf", "c:/stadgar.pdf", "\\\\server\\share\\x.pdf", "~/stadgar.pdf"])
def test_absolute_paths_are_refused(tmp_path, ref):
    f = only(answer_with(tmp_path, ref), "evidence-outside-folder")
    assert f.requirement == "3.1.a"


@pytest.mark.parametrize("ref", ["../outside.pdf", "evidence/../../outside.pdf", "evidence\\..\\..\\x.pdf"])
def test_parent_references_are_refused(tmp_path, ref):
    only(answer_with(tmp_path, ref), "evidence-outside-folder")


def test_symlink_leaving_the_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 secret")
    result = answer_with(tmp_path, "evidence/link.pdf", lambda root: os.symlink(secret, root / "evidence" / "link.pdf"))
    only(result, "evidence-outside-folder")


def test_symlink_inside_the_folder_is_fine(tmp_path):
    def link(root):
        os.symlink(root / "evidence/stadgar/stadgar.pdf", root / "evidence" / "alias.pdf")

    assert answer_with(tmp_path, "evidence/alias.pdf", link).exit_code == 0


def test_symlink_loop(tmp_path):
    def loop(root):
        os.symlink(root / "evidence" / "b.pdf", root / "evidence" / "a.pdf")
        os.symlink(root / "evidence" / "a.pdf", root / "evidence" / "b.pdf")

    f = only(answer_with(tmp_path, "evidence/a.pdf", loop), "evidence-not-a-file")
    assert "loop" in f.message.en


def test_fifo_and_folder_are_not_documents(tmp_path):
    f = only(answer_with(tmp_path, "evidence/pipe.pdf", lambda root: os.mkfifo(root / "evidence" / "pipe.pdf")), "evidence-not-a-file")
    assert "special" in f.message.en
    f = only(answer_with(tmp_path / "2", "evidence/stadgar"), "evidence-not-a-file")
    assert "folder" in f.message.en


def test_nfc_reference_finds_nfd_name(tmp_path):
    def nfd(root):
        name = unicodedata.normalize("NFD", "Årsredovisning 2025.pdf")
        (root / "evidence" / "arsredovisning" / name).write_bytes(pdf_bytes("Stadgar", "En kopia."))

    ref = unicodedata.normalize("NFC", "evidence/arsredovisning/Årsredovisning 2025.pdf")
    assert answer_with(tmp_path, ref, nfd).exit_code == 0


def test_near_miss_suggests_the_real_name(tmp_path):
    def add(root):
        (root / "evidence" / "arsredovisning" / "Årsredovisning 2025.pdf").write_bytes(b"%PDF-1.4")

    f = only(answer_with(tmp_path, "evidence/arsredovisning/Arsredovisning 2025.pdf", add), "evidence-not-found")
    assert f.hint.sv == "Menade du evidence/arsredovisning/Årsredovisning 2025.pdf?"


def test_right_name_in_the_wrong_folder(tmp_path):
    f = only(answer_with(tmp_path, "evidence/stadgar.pdf"), "evidence-not-found")
    assert "evidence/stadgar/stadgar.pdf" in f.hint.en


def test_no_suggestion_for_a_file_that_is_simply_missing(tmp_path):
    """Sharing a folder and a `-2026.pdf` ending is not a near miss."""
    def add(root):
        (root / "evidence/arbetsmiljo/arlig-uppfoljning-sam-2026.pdf").write_bytes(b"%PDF-1.4")

    f = only(answer_with(tmp_path, "evidence/arbetsmiljo/riskbedomning-2026.pdf", add), "evidence-not-found")
    assert "Did you mean" not in f.hint.en


def test_device_file_is_not_a_document(tmp_path):
    import stat

    def device(root):
        try:
            os.mknod(root / "evidence" / "null.pdf", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("creating a device file needs root")

    f = only(answer_with(tmp_path, "evidence/null.pdf", device), "evidence-not-a-file")
    assert "special" in f.message.en and f.requirement == "3.1.a"


@pytest.mark.parametrize("name", ["doc.pdf", "missing.pdf"])
def test_symlinked_folder_that_leaves_the_folder(tmp_path, name):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "doc.pdf").write_bytes(pdf_bytes("Hemligt"))
    result = answer_with(tmp_path, f"evidence/ext/{name}", lambda root: os.symlink(outside, root / "evidence" / "ext"))
    f = only(result, "evidence-outside-folder")
    assert "link" in f.message.en
    assert not any(e.path.startswith("evidence/ext") for e in result.evidence)  # never walked, never read


@pytest.mark.parametrize("inside", [True, False])
def test_a_file_below_a_linked_folder_resolves_to_its_real_path(tmp_path, inside):
    """CompanyFolder._real finds a folder's real path part by part: a link deep down
    (evidence/a -> elsewhere, then a/b/doc.pdf) gives the path realpath gives."""
    from asfcert.company.folder import CompanyFolder

    root = make_company(tmp_path / "c")
    target = root / "evidence" / "real" if inside else tmp_path / "elsewhere"
    (target / "b").mkdir(parents=True)
    (target / "b" / "doc.pdf").write_bytes(pdf_bytes("Stadgar"))
    os.symlink(target, root / "evidence" / "a")
    folder = CompanyFolder(root)
    folder.resolve("evidence/stadgar/stadgar.pdf")  # the folders on the way are known first
    resolved = folder.resolve("evidence/a/b/doc.pdf")
    if inside:
        assert resolved.ok and str(resolved.path) == os.path.realpath(root / "evidence/a/b/doc.pdf")
        assert resolved.rel == "evidence/a/b/doc.pdf"
    else:
        assert resolved.problem == "link"


def test_linked_folder_that_loops(tmp_path):
    result = answer_with(tmp_path, "evidence/loop/x.pdf", lambda root: os.symlink(root / "evidence" / "loop", root / "evidence" / "loop"))
    assert "loop" in only(result, "evidence-not-a-file").message.en


def test_reference_differing_only_in_case_is_not_found_on_any_file_system(tmp_path):
    f = only(answer_with(tmp_path, "evidence/Stadgar/Stadgar.PDF"), "evidence-not-found")
    assert f.hint.en == "Did you mean evidence/stadgar/stadgar.pdf?"


# ---- file names that are not UTF-8 --------------------------------------------------------

ODD = b"evidence/stadgar/stadgar-\xe5rsm\xf6te-\xff.pdf"  # Latin-1 å and ö, and a byte no text has
ODD_SHOWN = "evidence/stadgar/stadgar-%E5rsm%F6te-%FF.pdf"


def with_odd_name(root):
    with open(os.fsencode(root) + b"/" + ODD, "wb") as fh:
        fh.write(pdf_bytes("Stadgar", "§ 2 Ändamål. Föreningen har till ändamål att skapa arbete."))


def test_a_name_that_is_not_utf8_is_listed_escaped_and_read(tmp_path):
    import hashlib

    root = make_company(tmp_path / "c")
    with_odd_name(root)
    result = run(root)
    entry = next(e for e in result.evidence if e.path == ODD_SHOWN)
    data = open(os.fsencode(root) + b"/" + ODD, "rb").read()
    assert (entry.kind, entry.size, entry.sha256, entry.pages) == ("statutes", len(data), hashlib.sha256(data).hexdigest(), 1)
    assert result.exit_code == 0


def test_a_reference_to_the_escaped_name_resolves(tmp_path):
    result = answer_with(tmp_path, ODD_SHOWN, with_odd_name)
    assert result.exit_code == 0 and not [f for f in result.findings if f.code.startswith("evidence-not")]
    assert ODD_SHOWN in next(r for r in result.requirements if r.id == "3.1.a").evidence


def test_a_self_assessment_file_that_is_not_utf8_is_named_escaped(tmp_path):
    root = make_company(tmp_path / "c")
    with open(os.fsencode(root) + b"/self-assessment/sv\xe4r.yaml", "wb") as fh:
        fh.write(b"answers:\n  3.1.a:\n\tstatus: met\n")
    assert only(run(root), "yaml-tab").location.file == "self-assessment/sv%E4r.yaml"


def test_json_output_and_the_audit_record_hold_the_escaped_name(tmp_path):
    import json
    import subprocess
    import sys

    import audit_helpers

    root = audit_helpers.setup(tmp_path)
    with_odd_name(root)
    asfcert = os.path.join(os.path.dirname(sys.executable), "asfcert")
    for fmt in ("json", "terminal", "markdown"):
        proc = subprocess.run([asfcert, "check", str(root), "--as-of", "2026-11-22", "--format", fmt], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
        assert ODD_SHOWN.rsplit("/", 1)[1] in proc.stdout, fmt
    assert ODD_SHOWN in [e["path"] for e in json.loads(subprocess.run(
        [asfcert, "check", str(root), "--as-of", "2026-11-22", "--format", "json"], capture_output=True, text=True, timeout=120).stdout)["evidence"]]
    audit_helpers.audit(root)
    assert ODD_SHOWN in (root / "audit" / "audit.yaml").read_text(encoding="utf-8")
    assert not [f for f in run(root).findings if f.code.startswith("file-")]  # nothing seen as changed since the audit
