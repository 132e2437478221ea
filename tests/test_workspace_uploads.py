"""New evidence files: safe names, the file types asfcert reads, and never an overwrite."""

from __future__ import annotations

import pytest

from asfcert.workspace.uploads import Refused, create_evidence, safe_name

FOLDERS = {"stadgar", "protokoll"}


@pytest.mark.parametrize("given, safe", [
    ("Stadgar 2024.pdf", "stadgar-2024.pdf"),
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("..\\..\\Windows\\win.ini.PDF", "win-ini.pdf"),
    ("Årsmöte – protokoll (slutlig).pdf", "arsmote-protokoll-slutlig.pdf"),
    (".hidden.pdf", "hidden.pdf"),
    ("....pdf", "dokument.pdf"),
    ("con.pdf", "dokument-con.pdf"),
    ("a\x00b\x1b[31m.pdf", "a-b-31m.pdf"),
    ("x" * 300 + ".pdf", "x" * 80 + ".pdf"),
])
def test_names_are_made_safe(given, safe):
    assert safe_name(given) == safe


@pytest.mark.parametrize("given", ["noext", "script.js", "page.html", "stadgar.pdf.exe", "arkiv.zip"])
def test_only_the_types_asfcert_reads_are_accepted(given):
    with pytest.raises(Refused) as refused:
        safe_name(given)
    assert refused.value.code == "upload-type"


def test_a_new_file_is_created_and_an_existing_one_is_never_replaced(tmp_path):
    rel = create_evidence(tmp_path, "stadgar", "Stadgar.pdf", b"%PDF-1.7 first", FOLDERS)
    assert rel == "evidence/stadgar/stadgar.pdf" and (tmp_path / rel).read_bytes() == b"%PDF-1.7 first"
    with pytest.raises(Refused) as refused:
        create_evidence(tmp_path, "stadgar", "stadgar.pdf", b"%PDF-1.7 second", FOLDERS)
    assert refused.value.code == "upload-exists"
    assert (tmp_path / rel).read_bytes() == b"%PDF-1.7 first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evidence"]  # no temporary file left behind


def test_a_dangling_symlink_with_the_name_is_not_followed(tmp_path):
    (tmp_path / "evidence" / "stadgar").mkdir(parents=True)
    (tmp_path / "evidence" / "stadgar" / "stadgar.pdf").symlink_to(tmp_path / "outside.pdf")
    with pytest.raises(Refused) as refused:
        create_evidence(tmp_path, "stadgar", "stadgar.pdf", b"%PDF-1.7", FOLDERS)
    assert refused.value.code == "upload-exists" and not (tmp_path / "outside.pdf").exists()


def test_the_content_must_be_what_the_name_says(tmp_path):
    with pytest.raises(Refused) as refused:
        create_evidence(tmp_path, "stadgar", "stadgar.pdf", b"GIF89a", FOLDERS)
    assert refused.value.code == "upload-not-pdf"
    create_evidence(tmp_path, "protokoll", "p.pdf", b"\xef\xbb\xbf%PDF-1.4 junk before the header", FOLDERS)


def test_only_the_standards_kit_folders(tmp_path):
    for folder in ("", ".", "..", "stadgar/..", "/tmp", "okänd"):
        with pytest.raises(Refused) as refused:
            create_evidence(tmp_path, folder, "a.pdf", b"%PDF-1.4", FOLDERS)
        assert refused.value.code == "upload-folder"
