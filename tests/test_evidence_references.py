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


def test_linked_folder_that_loops(tmp_path):
    result = answer_with(tmp_path, "evidence/loop/x.pdf", lambda root: os.symlink(root / "evidence" / "loop", root / "evidence" / "loop"))
    assert "loop" in only(result, "evidence-not-a-file").message.en


def test_reference_differing_only_in_case_is_not_found_on_any_file_system(tmp_path):
    f = only(answer_with(tmp_path, "evidence/Stadgar/Stadgar.PDF"), "evidence-not-found")
    assert f.hint.en == "Did you mean evidence/stadgar/stadgar.pdf?"
