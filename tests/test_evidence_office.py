"""Word (.docx), OpenDocument (.odt) and text files are read as text: every document check
and the privacy scan apply to them. Zip bombs, XML entity tricks, password-protected and
huge files each get their own finding, with codes per file type."""

from __future__ import annotations

import io
import zipfile

import pytest
from helpers import EVIDENCE, GOOD_PROFILE, make_company, only, requirement, run

ORG = GOOD_PROFILE["org_number"]
REPORT_LINES = [f"Årsredovisning för Testföretaget, org.nr {ORG}", "Räkenskapsåret 2025-01-01 – 2025-12-31."]


def docx_bytes(*paragraphs: str, header: str | None = None) -> bytes:
    import docx

    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes(*paragraphs: str) -> bytes:
    import odfdo

    document = odfdo.Document("text")
    for text in paragraphs:
        document.body.append(odfdo.Paragraph(text))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def company_with(tmp_path, kind: str, name: str, data: bytes):
    """The test company with the document of `kind` replaced by `name` holding `data`."""
    root = make_company(tmp_path / "c")
    old = root / EVIDENCE[kind]
    old.unlink()
    (old.parent / name).write_bytes(data)
    return root, f"{EVIDENCE[kind].rsplit('/', 1)[0]}/{name}"


@pytest.mark.parametrize("name, data", [
    ("arsredovisning-2025.docx", docx_bytes(*REPORT_LINES)),
    ("arsredovisning-2025.odt", odt_bytes(*REPORT_LINES)),
    ("arsredovisning-2025.txt", "\n".join(REPORT_LINES).encode("utf-8")),
    ("arsredovisning-2025.txt", "\n".join(REPORT_LINES).encode("cp1252")),  # an older Windows program
])
def test_an_annual_report_in_word_opendocument_or_text_passes_3_2_a(tmp_path, name, data):
    root, rel = company_with(tmp_path, "annual-report", name, data)
    result = run(root)
    req = requirement(result, "3.2.a")
    assert req.status == "ready", [(f.code, str(f.location)) for f in result.findings]
    assert req.figures["file"] == rel and req.figures["org_number_page"] == 1
    assert not [f for f in result.findings if f.location.file == rel]


def test_the_org_number_in_a_word_header_counts(tmp_path):
    root, rel = company_with(tmp_path, "annual-report", "arsredovisning-2025.docx",
                             docx_bytes("Årsredovisning", REPORT_LINES[1], header=f"Testföretaget · {ORG}"))
    assert requirement(run(root), "3.2.a").figures["org_number_page"] == 1


def test_a_word_report_of_another_company_fails(tmp_path):
    root, rel = company_with(tmp_path, "annual-report", "arsredovisning-2025.docx",
                             docx_bytes("Årsredovisning för Annat AB, org.nr 556036-0793", REPORT_LINES[1]))
    f = only(run(root), "document-org-number-missing")
    assert (f.location.file, f.requirement) == (rel, "3.2.a") and "556036-0793" in f.message.sv
    assert "OCR" not in f.message.sv


def test_statutes_wording_and_minutes_dates_are_read_from_odt_and_txt(tmp_path):
    root = make_company(tmp_path / "c")
    (root / EVIDENCE["statutes"]).unlink()
    (root / "evidence/stadgar/stadgar.odt").write_bytes(odt_bytes(
        f"Stadgar, org.nr {ORG}.", "§ 2 Ändamål. Föreningen har till ändamål att skapa arbete.",
        "§ 9 Vinstfördelning. Vinstutdelning till medlemmarna får inte ske.",
    ))
    (root / EVIDENCE["minutes"]).unlink()
    (root / "evidence/protokoll/styrelse-2026-03.txt").write_text("Protokoll fört vid styrelsemöte.\nDatum 2026-03-12\n", encoding="utf-8")
    result = run(root)
    wording = requirement(result, "3.1.a").figures
    assert wording["purpose"][0]["file"] == "evidence/stadgar/stadgar.odt" and "ändamål" in wording["purpose"][0]["text"]
    assert wording["dividend_restriction"]
    minutes = [r for r in result.requirements if r.figures.get("minutes")][0]
    assert minutes.figures["minutes"]["evidence/protokoll/styrelse-2026-03.txt"] == "2026-03-12"


@pytest.mark.parametrize("name, data", [
    ("lon.docx", docx_bytes("Anna Andersson 19811218-9876")),
    ("lon.odt", odt_bytes("Anna Andersson 19811218-9876")),
    ("lon.txt", b"Anna Andersson 19811218-9876\n"),
])
def test_the_privacy_scan_reads_word_opendocument_and_text_files(tmp_path, name, data):
    root = make_company(tmp_path / "c")
    (root / "evidence/lon" / name).write_bytes(data)
    f = only(run(root), "personal-number-found")
    assert f.location.file == f"evidence/lon/{name}" and "19811218-****" in f.message.sv and "9876" not in str(f.params)


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _with_member(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {info.filename: source.read(info) for info in source.infolist()}
    members[name] = content
    return _zip(members)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>'
)


@pytest.mark.parametrize("suffix, make, member", [("docx", docx_bytes, "word/document.xml"), ("odt", odt_bytes, "content.xml")])
def test_hostile_office_files_get_their_own_codes(tmp_path, suffix, make, member):
    good = make("Text")
    cases = {
        f"bomb.{suffix}": (_with_member(good, "media/bomb.bin", b"\0" * (130 * 2**20)), f"{suffix}-too-costly"),
        f"entities.{suffix}": (_with_member(good, member, BILLION_LAUGHS), f"{suffix}-refused"),
        f"cut.{suffix}": (good[: len(good) // 2], f"{suffix}-unreadable"),
        f"fake.{suffix}": (b"PK\x03\x04 not really", f"{suffix}-unreadable"),
    }
    root = make_company(tmp_path / "c")
    for name, (data, _) in cases.items():
        (root / "evidence/ovrigt").mkdir(exist_ok=True)
        (root / "evidence/ovrigt" / name).write_bytes(data)
    result = run(root)
    for name, (_, code) in cases.items():
        [f] = [f for f in result.findings if f.location.file == f"evidence/ovrigt/{name}"]
        assert (f.code, f.severity) == (code, "warning"), name
    assert result.exit_code == 0  # nothing depends on them


def test_a_password_protected_word_file_says_so(tmp_path):
    root = make_company(tmp_path / "c")
    (root / EVIDENCE["statutes"]).unlink()
    (root / "evidence/stadgar/stadgar.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    result = run(root)
    f = only(result, "docx-unreadable")
    assert (f.location.file, f.severity, f.requirement) == ("evidence/stadgar/stadgar.docx", "blocker", "3.1.a")
    assert "password" in f.message.en and "lösenord" in f.message.sv
    assert requirement(result, "3.1.a").status == "open"


def test_binary_and_huge_text_files(tmp_path):
    root = make_company(tmp_path / "c")
    (root / "evidence/ovrigt").mkdir()
    (root / "evidence/ovrigt/binar.txt").write_bytes(b"\x00\x01\x02" * 100)
    (root / "evidence/ovrigt/stor.txt").write_bytes(b"rad\n" * (6 * 2**20))  # 24 MB
    found = {f.location.file: f.code for f in run(root).findings if f.location.file.startswith("evidence/ovrigt/")}
    assert found == {"evidence/ovrigt/binar.txt": "text-unreadable", "evidence/ovrigt/stor.txt": "text-too-costly"}
