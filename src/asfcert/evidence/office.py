"""Read Word (.docx), OpenDocument (.odt) and plain text (.txt, .md) documents as text.

Runs only inside the bounded reader worker. A .docx or .odt file is a ZIP of XML files, so
before python-docx or odfdo sees it, every member is unpacked counting the bytes actually
read, never the sizes the archive declares (zip bombs stop at the limits below), and an XML
member that declares a DTD or entities is refused (a Word or LibreOffice file never does;
"billion laughs" and external entities never reach a parser). Both libraries parse with
lxml without resolving entities in any case. The text of the whole document is one page;
headers and footers of a Word file come first, since that is where the organisation number
often is.

problem: damaged (not a ZIP, not the type its name says, a part missing) | encrypted (a
password-protected file) | refused (DTD, entities) | limit (the sizes below) | not-text
(a .txt file that is binary)
"""

from __future__ import annotations

import io
import re
import zipfile

from asfcert.evidence.documents import OFFICE_SUFFIXES
from asfcert.evidence.ixbrl import Problem, read_member
from asfcert.evidence.pdf_facts import (
    MAX_CHARS,
    clean,
    describe,
    empty,
    has_text,
    sniff,
)

MAX_MEMBERS = 2000  # entries in the archive's listing
MAX_XML_BYTES = 30 * 2**20  # one XML part, as actually unpacked
MAX_UNZIPPED_BYTES = 120 * 2**20  # the whole archive, as actually unpacked
MAX_TEXT_BYTES = 20 * 2**20  # a plain text file
_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_OLE = b"\xd0\xcf\x11\xe0"  # a password-protected .docx is an OLE file, not a ZIP


def kind_of(name: str) -> str | None:
    lower = name.lower()
    return next((kind for suffix, kind in OFFICE_SUFFIXES.items() if lower.endswith(suffix)), None)


def guard(data: bytes) -> None:
    """Unpack every member within the limits and look for DTDs in the XML ones."""
    if data[:4] == _OLE:
        raise Problem("encrypted", "ole")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise Problem("damaged", sniff(data)) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise Problem("limit", f"zip: more than {MAX_MEMBERS} files")
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            xml = info.filename.lower().endswith((".xml", ".rels", ".rdf"))
            cap = MAX_XML_BYTES if xml else MAX_UNZIPPED_BYTES
            content = read_member(archive, info, cap)
            total += len(content)
            if len(content) > cap or total > MAX_UNZIPPED_BYTES:
                raise Problem("limit", f"zip: more than {(cap if len(content) > cap else MAX_UNZIPPED_BYTES) // 2**20} MB unpacked")
            if xml and _DECLARATIONS.search(content):
                raise Problem("refused", info.filename[:80])


def _docx_text(data: bytes) -> str:
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    parts = []
    for section in document.sections[:1]:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                parts += [p.text for p in part.paragraphs]
    body = document.element.body
    parts += [Paragraph(p, document).text for p in body.iter(qn("w:p"))]
    return "\n".join(parts)


def _odt_text(data: bytes) -> str:
    import odfdo

    document = odfdo.Document(io.BytesIO(data))
    if not document.mimetype.startswith("application/vnd.oasis.opendocument.text"):
        raise Problem("damaged", document.mimetype[:60])
    return "".join(str(el) for el in document.body.get_elements("descendant::text:p | descendant::text:h"))


def _plain_text(data: bytes) -> str:
    if len(data) > MAX_TEXT_BYTES:
        raise Problem("limit", f"larger than {MAX_TEXT_BYTES // 2**20} MB")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, "replace")
    if b"\x00" in data[:4096]:
        raise Problem("not-text", sniff(data))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")  # older Windows programs write Swedish text so


def read(data: bytes, kind: str) -> dict:
    """The facts of one document, in the shape of a PDF's (evidence/pdf_facts.py): its text
    is one page."""
    facts = empty()
    try:
        if kind == "text":
            text = _plain_text(data)
        else:
            guard(data)
            text = _docx_text(data) if kind == "docx" else _odt_text(data)
    except Problem as p:
        facts.update(problem=p.problem, detail=p.detail)
        return facts
    except MemoryError:
        raise
    except Exception as e:  # python-docx and odfdo raise KeyError, ValueError, lxml errors, ... on broken parts
        facts.update(problem="damaged", detail=describe(e))
        return facts
    text = clean(text)
    facts.update(pages=1, texts=[text[:MAX_CHARS]], truncated=len(text) > MAX_CHARS, text_pages=int(has_text(text)))
    return facts
