"""Read a digital annual report: inline XBRL (iXBRL) in XHTML, as a company files it with
Bolagsverket and downloads it again, alone or in a ZIP.

`read(data) -> facts` is a pure function of the file's bytes that returns plain JSON types,
like pdf_facts.read, and runs only inside the bounded reader worker (evidence/worker.py).
lxml is imported only here, and only there. The facts kept are the tags asfcert checks
(`WANTED`): each with its tag name as filed and as recognised, its value, the text shown,
unit, scale, sign, decimals, format and context (period, entity, dimensions).

A hostile file must not cost more than a PDF may:
- a DTD with declarations (`<!ENTITY`, an internal subset) is refused before parsing, so
  no entity is ever expanded (the billion laughs) or fetched (external entities); the
  parser itself has entities, DTD loading and the network switched off as well;
- a document larger than MAX_DOCUMENT_BYTES is not parsed (Bolagsverket accepts 5 MB);
- a ZIP is unpacked member by member with the sizes actually read counted, never the
  sizes it declares (zip bombs); nested archives are not opened;
- libxml2's own limits (depth, text node size) stay on, and the elements looked at per
  document are counted;
- the worker bounds CPU time, memory and wall-clock time, as for every PDF.

Text values (names, numbers, the visible text) have personal identity numbers masked
here, so neither the facts nor the cache ever hold one.
"""

from __future__ import annotations

import io
import re

KIND = "annual-report"  # the evidence kind whose XHTML, HTML and ZIP files are read as filings
DOCUMENT_SUFFIXES = (".xhtml", ".html", ".htm")
SUFFIXES = (*DOCUMENT_SUFFIXES, ".zip")
NAMESPACE = "ixbrl-facts"  # in the cache
FACTS_FORMAT = 2

MAX_DOCUMENT_BYTES = 20 * 2**20
MAX_ZIP_MEMBERS = 200  # entries in the archive's listing
MAX_DOCUMENTS = 8  # XHTML documents read from one archive
MAX_UNZIPPED_BYTES = 40 * 2**20  # all documents of one archive together, as actually read
MAX_ELEMENTS = 2_000_000  # elements looked at per document
MAX_PER_CONCEPT = 50  # facts kept per tag
MAX_TEXT_CHARS = 1_000_000  # visible text kept per document
MAX_VALUE_CHARS = 300  # of a text fact

# problem: not-ixbrl | damaged | refused (entities, a DTD) | limit (sizes) | encrypted (a ZIP)

IX = ("http://www.xbrl.org/2013/inlineXBRL", "http://www.xbrl.org/2008/inlineXBRL")
XBRLI = "http://www.xbrl.org/2003/instance"
XBRLDI = "http://xbrl.org/2006/xbrldi"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
XHTML = "http://www.w3.org/1999/xhtml"

# The Swedish taxonomies, recognised by namespace whatever prefix and version a file uses.
_TAXONOMIES = (("/gen-base/", "se-gen-base"), ("/cd-base/", "se-cd-base"), ("/comp-base/", "se-bol-base"))
WANTED = {
    "se-cd-base:Organisationsnummer", "se-cd-base:ForetagetsNamn",
    "se-cd-base:RakenskapsarForstaDag", "se-cd-base:RakenskapsarSistaDag",
    "se-gen-base:Nettoomsattning", "se-gen-base:AretsResultat", "se-gen-base:ResultatEfterFinansiellaPoster",
    "se-gen-base:MedelantaletAnstallda", "se-gen-base:Personalkostnader",
    "se-bol-base:UnderskriftFastallelseintygDatum", "se-bol-base:UnderskriftFaststallelseintygDatum",
    "se-bol-base:Arsstamma",
}
DATES = {
    "se-cd-base:RakenskapsarForstaDag", "se-cd-base:RakenskapsarSistaDag", "se-bol-base:Arsstamma",
    "se-bol-base:UnderskriftFastallelseintygDatum", "se-bol-base:UnderskriftFaststallelseintygDatum",
}


def is_dividend(concept: str) -> bool:
    """A proposed dividend (the appropriation of profit) or one paid during the year (a
    change in equity): `ForslagDispositionUtdelning…`, `ForandringEgetKapital…Utdelning`."""
    prefix, _, name = concept.partition(":")
    return prefix == "se-gen-base" and (
        name.startswith("ForslagDispositionUtdelning") or (name.startswith("ForandringEgetKapital") and name.endswith("Utdelning"))
    )


def wanted(concept: str) -> bool:
    return concept in WANTED or is_dividend(concept)


class Problem(Exception):
    def __init__(self, problem: str, detail: str | None = None):
        super().__init__(problem)
        self.problem, self.detail = problem, detail


_DECLARATIONS = re.compile(rb"<!ENTITY|<!DOCTYPE[^>\[]*\[", re.IGNORECASE)


def _printable(name: str) -> str:
    return "".join(c for c in name if c.isprintable())[:200]


def _mask(text: str) -> str:
    from asfcert.evidence.privacy import mask

    return mask(text)


# ---- the container -------------------------------------------------------------------------


def read_member(archive, info, cap: int) -> bytes:
    """One member of a ZIP, read up to `cap` + 1 bytes whatever it declares (zip bombs
    stop there; the caller compares the length with `cap`)."""
    import zipfile
    import zlib

    if info.flag_bits & 0x1:
        raise Problem("encrypted", "zip")
    try:
        with archive.open(info) as fh:
            return fh.read(cap + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError) as e:
        raise Problem("damaged", f"zip: {type(e).__name__}") from None


def _unzip(data: bytes) -> list[tuple[str, bytes]]:
    """The XHTML documents of a ZIP, each read up to its limit whatever the ZIP declares."""
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as e:
        raise Problem("damaged", f"zip: {type(e).__name__}") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise Problem("limit", f"zip: more than {MAX_ZIP_MEMBERS} files")
        docs = [i for i in infos if not i.is_dir() and i.filename.lower().endswith(DOCUMENT_SUFFIXES)
                and not i.filename.startswith("__MACOSX/")]
        if not docs:
            raise Problem("not-ixbrl", "zip")
        if len(docs) > MAX_DOCUMENTS:
            raise Problem("limit", f"zip: more than {MAX_DOCUMENTS} documents")
        out, total = [], 0
        for info in sorted(docs, key=lambda i: i.filename):
            content = read_member(archive, info, MAX_DOCUMENT_BYTES)
            total += len(content)
            if len(content) > MAX_DOCUMENT_BYTES or total > MAX_UNZIPPED_BYTES:
                raise Problem("limit", f"zip: more than {MAX_DOCUMENT_BYTES // 2**20} MB unpacked")
            out.append((_printable(info.filename), content))
        return out


# ---- one document -------------------------------------------------------------------------


def _parse(data: bytes):
    from lxml import etree

    if len(data) > MAX_DOCUMENT_BYTES:
        raise Problem("limit", f"larger than {MAX_DOCUMENT_BYTES // 2**20} MB")
    if b"\x00" in data[:1024]:  # UTF-16 or UTF-32: Bolagsverket requires UTF-8, and the checks below read bytes
        raise Problem("damaged", "not UTF-8")
    if _DECLARATIONS.search(data):
        raise Problem("refused", "DTD declarations (entities)")
    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, dtd_validation=False, no_network=True, huge_tree=False,
        remove_comments=True, remove_pis=True, collect_ids=False,
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith((b"<!doctype html", b"<html")) and not any(ns.encode() in data for ns in IX):
            raise Problem("not-ixbrl", "html") from None
        raise Problem("damaged", _printable(str(e))[:160]) from None
    except (ValueError, MemoryError) as e:  # lxml refuses some inputs with ValueError
        if isinstance(e, MemoryError):
            raise
        raise Problem("damaged", _printable(str(e))[:160]) from None


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _ns(tag) -> str:
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _concept(name: str, nsmap: dict) -> str:
    """`se-gen-base:Nettoomsattning`, by the namespace the prefix stands for."""
    prefix, _, local = (name or "").strip().rpartition(":")
    uri = nsmap.get(prefix or None) or ""
    for marker, canonical in _TAXONOMIES:
        if marker in uri and ("taxonomier.se" in uri or "bolagsverket.se" in uri):
            return f"{canonical}:{local}"
    return f"{prefix}:{local}" if prefix else local


def _date_text(text: str) -> str | None:
    """An XBRL period date as a day: a date-time at midnight ends the day before."""
    import datetime as dt

    text = (text or "").strip()
    try:
        if "T" in text:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            day = moment.date() - (dt.timedelta(days=1) if moment.time() == dt.time(0) else dt.timedelta(0))
            return day.isoformat()
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _context(el) -> dict:
    period: dict = {}
    entity, dimensions = None, []
    for child in el.iter():
        name, ns = _local(child.tag), _ns(child.tag)
        if ns == XBRLI and name == "identifier":
            entity = _mask(" ".join((child.text or "").split()))[:60]
        elif ns == XBRLI and name in ("instant", "startDate", "endDate"):
            period[{"startDate": "start", "endDate": "end"}.get(name, name)] = _date_text(child.text)
        elif ns == XBRLI and name == "forever":
            period["forever"] = True
        elif ns == XBRLDI and name in ("explicitMember", "typedMember"):
            member = " ".join((child.text or "").split()) if name == "explicitMember" else "typed"
            dimensions.append(f"{child.get('dimension', '')}={member}"[:200])
    return {"period": period, "entity": entity, "dimensions": dimensions[:10]}


def _unit(el) -> str:
    measures = [" ".join((m.text or "").split()) for m in el.iter() if _local(m.tag) == "measure" and _ns(m.tag) == XBRLI]
    has_divide = any(_local(m.tag) == "divide" for m in el.iter())
    return ("/".join(measures[:2]) if has_divide else " ".join(measures[:3]))[:100]


def _is_exclude(node) -> bool:
    return _local(node.tag) == "exclude" and _ns(node.tag) in IX


def _walk_text(el, skip) -> list[str]:
    """The text below `el` in document order, without the text inside elements `skip`
    says to leave out (their tails are outside them, and count)."""
    from lxml import etree

    parts, skipping = [], 0
    for event, node in etree.iterwalk(el, events=("start", "end")):
        left_out = skip(node) or not isinstance(node.tag, str)  # an undefined entity's reference is not text
        if event == "start":
            if left_out:
                skipping += 1
            elif not skipping:
                parts.append(node.text or "")
        else:
            skipping -= 1 if left_out else 0
            if node is not el and not skipping:
                parts.append(node.tail or "")
    return parts


def _fact(el, kind: str, concept: str, hidden: bool, contexts: dict, units: dict) -> dict:
    from asfcert.evidence import ixbrl_formats

    ref = el.get("contextRef", "")
    context = contexts.get(ref)
    fact = {
        "concept": concept, "name": _printable(el.get("name", ""))[:120], "type": kind,
        "value": None, "shown": None, "unit": None, "unit_ref": None, "scale": None, "sign": None,
        "decimals": el.get("decimals"), "format": el.get("format"), "context": _printable(ref)[:80],
        "period": context["period"] if context else {}, "entity": context["entity"] if context else None,
        "dimensions": context["dimensions"] if context else [], "hidden": hidden, "nil": el.get(XSI_NIL) == "true",
        "error": None if context else "context",
    }
    if kind == "number":
        fact["shown"] = " ".join("".join(el.itertext()).split())[:80]
        fact["unit_ref"] = el.get("unitRef")
        fact["unit"] = units.get(el.get("unitRef", ""))
        fact["sign"] = "-" if el.get("sign") == "-" else None
        try:
            fact["scale"] = int(el.get("scale", "0"))
            if not -20 <= fact["scale"] <= 20:
                raise ValueError
        except ValueError:
            fact.update(scale=None, error=fact["error"] or "scale")
        if fact["nil"] or fact["scale"] is None:
            return fact
        try:
            amount = ixbrl_formats.number(fact["shown"], fact["format"]).scaleb(fact["scale"])
        except ixbrl_formats.FormatError:
            fact["error"] = fact["error"] or "format"
            return fact
        fact["value"] = format(-amount if fact["sign"] and amount else amount, "f")
        return fact
    text = _mask(" ".join("".join(_walk_text(el, _is_exclude)).split()))[:MAX_VALUE_CHARS]
    fact["shown"] = text
    if concept in DATES or ixbrl_formats.local(fact["format"]).startswith("date"):
        try:
            fact["value"] = ixbrl_formats.date(text, fact["format"]).isoformat()
        except ixbrl_formats.FormatError:
            fact["error"] = fact["error"] or "format"
    else:
        fact["value"] = text
    return fact


_NOT_SHOWN = ("style", "script", "title", "head")


def _visible_text(root) -> tuple[str, bool]:
    text = " ".join(" ".join(_walk_text(root, lambda node: _local(node.tag) in _NOT_SHOWN)).split())
    return text[:MAX_TEXT_CHARS], len(text) > MAX_TEXT_CHARS


def read_document(data: bytes, file: str = "") -> dict:
    """The wanted facts and the visible text of one XHTML document."""
    root = _parse(data)
    contexts, units, found, tagged, seen = {}, {}, [], 0, 0
    for el in root.iter():
        seen += 1
        if seen > MAX_ELEMENTS:
            raise Problem("limit", f"more than {MAX_ELEMENTS:,} elements")
        ns, name = _ns(el.tag), _local(el.tag)
        if ns == XBRLI and name == "context" and el.get("id"):
            contexts[el.get("id")] = _context(el)
        elif ns == XBRLI and name == "unit" and el.get("id"):
            units[el.get("id")] = _unit(el)
        elif ns in IX and name in ("nonFraction", "nonNumeric"):
            tagged += 1
            found.append(el)
    if not tagged:
        raise Problem("not-ixbrl", "xhtml" if _ns(root.tag) == XHTML else "xml")
    facts, per_concept = [], {}
    for el in found:
        concept = _concept(el.get("name", ""), el.nsmap)
        if not wanted(concept) or per_concept.get(concept, 0) >= MAX_PER_CONCEPT:
            continue
        if any(_local(a.tag) == "nonFraction" and _ns(a.tag) in IX for a in el.iterancestors()):
            continue  # a nested figure: the outer fact carries the value
        per_concept[concept] = per_concept.get(concept, 0) + 1
        hidden = any(_local(a.tag) == "hidden" and _ns(a.tag) in IX for a in el.iterancestors())
        kind = "number" if _local(el.tag) == "nonFraction" else "text"
        facts.append(dict(_fact(el, kind, concept, hidden, contexts, units), file=file))
    text, truncated = _visible_text(root)
    return {"file": file, "tagged": tagged, "facts": facts, "text": text, "truncated": truncated}


# ---- the whole file --------------------------------------------------------------------------


def empty() -> dict:
    """The facts of a file with nothing read, in the shape every reader's facts share."""
    return {
        "problem": None, "detail": None, "pages": None, "encrypted": False, "owner_password_only": False,
        "texts": [], "text_pages": 0, "bad_pages": [], "truncated": False, "metadata": {}, "privacy": [],
        "ocr": "none", "ocr_pages": [], "ocr_confidence": None, "ocr_late": [],
        "documents": [], "facts": [],
    }


def read(data: bytes) -> dict:
    """The facts of one digital annual report: an XHTML document or a ZIP of them."""
    facts = empty()
    try:
        members = _unzip(data) if data[:4] == b"PK\x03\x04" else [("", data)]
    except Problem as p:
        facts.update(problem=p.problem, detail=p.detail)
        return facts
    problems = []
    for name, content in members:
        try:
            doc = read_document(content, name)
        except Problem as p:
            problems.append(p)
            facts["documents"].append({"file": name, "tagged": 0, "problem": p.problem, "detail": p.detail})
            continue
        facts["documents"].append({"file": name, "tagged": doc["tagged"], "problem": None, "detail": None})
        facts["facts"] += doc["facts"]
        facts["texts"].append(doc["text"])
        facts["truncated"] = facts["truncated"] or doc["truncated"]
    facts["text_pages"] = sum(1 for t in facts["texts"] if t.strip())
    # a document of the set that is hostile, broken or too large spoils the set; a plain
    # web page next to the report (not iXBRL) does not
    serious = [p for p in problems if p.problem != "not-ixbrl"]
    if serious or not any(d["tagged"] for d in facts["documents"]):
        first = (serious or problems or [Problem("not-ixbrl", "xhtml")])[0]
        facts.update(problem=first.problem, detail=first.detail)
    return facts


# ---- the shape of the facts, for evidence/documents.py (cache and worker answers) ---------------

FIELDS = {"facts": list, "documents": list}


def items_valid(facts: dict) -> bool:
    return all(isinstance(f, dict) and isinstance(f.get("concept"), str) for f in facts["facts"]) and all(
        isinstance(t, str) for t in facts["texts"]
    )
