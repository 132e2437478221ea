"""`audit/audit.yaml`: the auditor's record. Its one loader and its one saver.

Reading goes through `yamlfile`'s safe (libyaml) parse: the located document and the
validated model, so every command and every part of a command (check's snapshot
comparison included) reads the record the same way, and the same bytes are parsed once
per process. Only a command that writes the record parses it again in round-trip mode
(pure Python, about seven times slower: a cohort reads a thousand records and edits
none), on the first `editable()`. Writing uses ruamel.yaml's round-trip
mode: asfcert changes only the fields it owns (`about`, `machine`, empty machine
`result`s, `updated`, `impartiality`, `snapshot` on request, `decision`) and keeps the
auditor's results, comments, YAML comments and order. What is written is first read back
through the same loader (`checked`), then written through `atomic`."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import os
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.base.findings import Effect, Finding, Kind, Severity, made_by
from asfcert.base.i18n import L10n, Lang
from asfcert.base.layout import AUDIT_DIR, AUDIT_HISTORY_DIR, AUDIT_RECORD
from asfcert.io import atomic
from asfcert.records.files import checked_text, unusable
from asfcert.records.snapshot import FileState

FORMAT = "asfcert-audit/1"
RECORD_FILE = AUDIT_RECORD
HISTORY_DIR = AUDIT_HISTORY_DIR

AUDIT_RECORD_UNUSABLE = Kind(
    "audit-record-unusable",
    L10n("Revisionsprotokollet går inte att använda", "The audit record cannot be used"),
    L10n("Revisionsprotokollet går inte att använda", "The audit record cannot be used"),
    L10n("Rätta raderna ovan (se docs/auditor.md för formatet) och kör kommandot igen.",
         "Correct the lines above (see docs/auditor.md for the format) and run the command again."),
    Severity.ERROR,
    effect=Effect.ABORTS,
)

_HEADER = {
    "sv": """Revisionsprotokoll för ASF-certifiering, skrivet av `asfcert audit`.
Fyll i `result` och `comment` för varje krav och en sammanfattning under `summary`.
result: conform (överensstämmer), remark (anmärkning, mindre avvikelse),
        major (större avvikelse), not-applicable (ej tillämplig),
        observation (observation, förbättringsmöjlighet)
Kör `asfcert audit MAPP` igen när du vill: allt du har skrivit behålls.
Fälten about, machine, snapshot och decision skrivs av asfcert. Se docs/auditor.md.""",
    "en": """Audit record for ASF certification, written by `asfcert audit`.
Fill in `result` and `comment` for each requirement and an overall `summary`.
result: conform, remark (minor nonconformity), major (major nonconformity),
        not-applicable, observation (opportunity for improvement)
Run `asfcert audit DIR` again whenever you like: everything you wrote is kept.
The fields about, machine, snapshot and decision are written by asfcert. See docs/auditor.md.""",
}
_BEFORE_REQUIREMENTS = {
    "sv": "Per krav: about och machine skrivs av asfcert, result och comment är revisorns.",
    "en": "Per requirement: about and machine are written by asfcert, result and comment are the auditor's.",
}
_BEFORE_SNAPSHOT = {
    "sv": "De inlämnade filerna vid revisionen. check och audit rapporterar senare ändringar.",
    "en": "The submitted files at audit time. check and audit report any later change.",
}


@dataclass(eq=False)
class Record:
    """One parse of the record: its bytes, the located document, the validated model (None
    when the record is not valid: `problems` says where); `editable()` hands out a copy of
    the round-trip data, parsed on first use."""

    root: Path
    raw: bytes
    doc: object | None  # YamlDoc; None when the file could not be parsed at all
    model: object | None  # model.audit.AuditRecord
    problems: list[Finding] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return path_of(self.root)

    @property
    def decision(self):
        return self.model.decision if self.model is not None else None

    def required(self) -> Record:
        """The record, or an abort with every located problem in it (exit code 2)."""
        if self.model is None:
            raise unusable(AUDIT_RECORD_UNUSABLE, RECORD_FILE, self.problems)
        return self

    def editable(self):
        """A copy of the round-trip data to change and then `dump`."""
        if self.doc.round_trip is None:  # readers parse safely: the same bytes again, for the round trip
            self.doc = _parse(self.root, self.raw, round_trip=True).required().doc
        return copy.deepcopy(self.doc.round_trip)


def path_of(root: Path) -> Path:
    return Path(root) / RECORD_FILE


# The records parsed in this process, by file and content: `check` compares the folder with
# the snapshot and the command then works on the record, from one parse. A few entries: a
# cohort run reads one record per company.
_PARSED: OrderedDict[tuple[int, int, str], Record] = OrderedDict()
_KEEP = 4
_CACHE = "audit-record"  # the parse of a record's bytes in the cache (io/cache.py), without the round trip


def read(root: Path, cache=None, *, round_trip: bool = False) -> Record | None:
    """The record as it is on disk, valid or not (see `Record.problems`); None when there
    is none. Never raises for the record's content. With an enabled `io.cache.Cache`, the
    parse of exactly these bytes is reused. The round-trip data comes with the first
    `editable()`; a command that edits the record passes `round_trip`, so that a record
    not in the cache is parsed once, in round-trip mode, for it and the check inside it."""
    from asfcert.io.yamlfile import YamlProblem, read_file

    root = Path(root)
    path = path_of(root)
    if not os.path.lexists(path):  # a link that loops or dangles is reported, not skipped
        return None
    try:
        raw, st = read_file(path, RECORD_FILE, within=root)
    except YamlProblem as p:
        return Record(root, b"", None, None, [p.finding])
    digest = hashlib.sha256(raw).hexdigest()
    key = (st.st_dev, st.st_ino, digest)  # the file, whatever path led to it, without resolving one
    if key in _PARSED:
        _PARSED.move_to_end(key)
        hit = _PARSED[key]
        return hit if hit.root == root else Record(root, hit.raw, hit.doc, hit.model, hit.problems)
    record = _from_cache(root, raw, digest, cache)
    if record is None:
        record = _parse(root, raw, round_trip)
        _store(record, digest, cache)
    _remember(key, record)
    return record


def load(root: Path, cache=None) -> Record | None:
    """The validated record, None when there is none, or an abort with every located
    problem (exit code 2)."""
    record = read(root, cache)
    return record.required() if record is not None else None


def _parse(root: Path, raw: bytes, round_trip: bool = False) -> Record:
    from asfcert.formats.audit import AuditRecord
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import YamlProblem, parse

    try:
        doc = parse(raw, RECORD_FILE, round_trip=round_trip)
    except YamlProblem as p:
        return Record(root, raw, None, None, [p.finding])
    model, problems = validate(AuditRecord, doc)
    return Record(root, raw, doc, model, problems)


def _from_cache(root: Path, raw: bytes, digest: str, cache) -> Record | None:
    """A valid record from the parse of the same bytes in the cache, if any."""
    if cache is None or not cache.enabled:
        return None
    from asfcert.formats.audit import AuditRecord
    from asfcert.io.cache import key
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import YamlDoc

    hit = cache.get(_CACHE, key(_CACHE, digest))
    if hit is None:
        return None
    try:
        doc = YamlDoc.from_cache(hit, RECORD_FILE)
    except (KeyError, TypeError, ValueError):
        return None
    model, problems = validate(AuditRecord, doc)
    return Record(root, raw, doc, model, problems) if model is not None else None


def _store(record: Record, digest: str, cache) -> None:
    """Keep the parse of a valid record in the cache (a broken one is parsed again)."""
    if cache is not None and cache.enabled and record.model is not None:
        from asfcert.io.cache import key

        cache.put(_CACHE, key(_CACHE, digest), record.doc.to_cache())


def _remember(key: tuple[int, int, str], record: Record) -> None:
    _PARSED[key] = record
    while len(_PARSED) > _KEEP:
        _PARSED.popitem(last=False)


def checked(root: Path, text: str) -> Record:
    """The record `text` (see `dump`) would be on disk, read back through the loader and
    validated: what `save` writes. Aborts (exit code 2) when it could not be read again.
    Read back as readers read it (libyaml): the round trip, pure Python and slow, comes only
    with a later `editable()`."""
    from asfcert.formats.audit import AuditRecord

    model, doc = checked_text(text, RECORD_FILE, AuditRecord, AUDIT_RECORD_UNUSABLE)
    return Record(Path(root), text.encode("utf-8"), doc, model)


def save(record: Record, cache=None) -> None:
    """Write a `checked` record (atomically); the next read of these bytes is this parse."""
    atomic.write_bytes(record.path, record.raw)
    digest = hashlib.sha256(record.raw).hexdigest()
    st = os.stat(record.path)
    _remember((st.st_dev, st.st_ino, digest), record)
    _store(record, digest, cache)


# ---- round trip ---------------------------------------------------------------------


def _yaml():
    from asfcert.io.yamlwrite import round_trip

    return round_trip(width=4096)  # one line per snapshot file; long machine texts are folded by `_folded`


def dump(data) -> str:
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


def _flow(mapping: dict):
    from ruamel.yaml.comments import CommentedMap

    from asfcert.io.yamlwrite import flow_safe

    out = CommentedMap()
    for k, v in mapping.items():
        out[flow_safe(k)] = _flow_seq(v) if isinstance(v, list) else flow_safe(v)
    out.fa.set_flow_style()
    return out


def _flow_seq(items: list):
    from ruamel.yaml.comments import CommentedSeq

    from asfcert.io.yamlwrite import flow_safe

    out = CommentedSeq(flow_safe(v) for v in items)
    out.fa.set_flow_style()
    return out


def _text(value):
    """Multi-line text as a literal block, as the auditor would write it."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    return LiteralScalarString(value) if isinstance(value, str) and "\n" in value.strip() else value


def _folded(text: str, width: int = 88):
    """A long one-line text as a folded block (`>-`), broken at spaces: the same value."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    if len(text) <= width or "\n" in text or text != text.strip():
        return text
    out = FoldedScalarString(text)
    folds, start = [], 0
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width)
        if cut <= start or text[cut - 1] == " " or text[cut + 1:cut + 2] == " ":
            break  # no single space to fold at: leave the rest on one line
        folds.append(cut)
        start = cut + 1
    out.fold_pos = folds
    return out


def _map(**items):
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap()
    for k, v in items.items():
        out[k] = v
    return out


@dataclass
class RequirementView:
    """What asfcert writes for one requirement."""

    id: str
    about: str
    machine: dict  # status, answer, findings, figures (None values left out)
    prefill: str | None  # a result to put in when the auditor has none yet (machine requirements)


def new(
    *, company: dict, standard: dict, auditor: str, impartiality: dict, today: dt.date,
    requirements: list[RequirementView], files: list[FileState], lang: Lang,
):
    """A fresh record as round-trip data."""
    from ruamel.yaml.comments import CommentedMap

    data = _map(
        format=FORMAT,
        company=_map(**company),
        standard=_map(**standard),
        auditor=auditor,
        impartiality=_map(**impartiality),
        started=today,
        updated=today,
        summary=None,
        requirements=CommentedMap(),
        snapshot=None,
        decision=None,
    )
    data.yaml_set_start_comment(_HEADER[lang])
    data.yaml_set_comment_before_after_key("requirements", before="\n" + _BEFORE_REQUIREMENTS[lang])
    data.yaml_set_comment_before_after_key("snapshot", before="\n" + _BEFORE_SNAPSHOT[lang])
    refresh(data, requirements=requirements, today=today, impartiality=impartiality)
    set_snapshot(data, files, today)
    return data


def refresh(data, *, requirements: list[RequirementView], today: dt.date, impartiality: dict) -> None:
    """Update what asfcert owns; never touch a result or comment the auditor wrote."""
    from ruamel.yaml.comments import CommentedMap

    reqs = data.get("requirements")
    if not isinstance(reqs, dict):
        reqs = data["requirements"] = CommentedMap()
    for view in requirements:
        entry = reqs.get(view.id)
        if not isinstance(entry, dict):
            entry = reqs[view.id] = _map(about=None, machine=None, result=None, comment=None)
        before = entry.get("machine")
        suggested = before.get("suggests") if isinstance(before, dict) else None
        result = entry.get("result")
        entry["about"] = view.about
        machine = _flow({k: v for k, v in {**view.machine, "suggests": view.prefill}.items() if v not in (None, [])})
        if machine.get("figures"):  # long quotes and arithmetic read better on their own lines
            machine.fa.set_block_style()
            machine["figures"] = _folded(machine["figures"])
        entry["machine"] = machine
        if result in (None, "") or (suggested and result == suggested):  # untouched by the auditor
            entry["result"] = view.prefill
        for key in ("result", "comment"):
            if key not in entry:
                entry[key] = None
    data["updated"] = today
    data["impartiality"] = _map(**impartiality)


def set_standard(data, standard: dict) -> None:
    data["standard"] = _map(**standard)


def set_snapshot(data, files: list[FileState], today: dt.date) -> None:
    from ruamel.yaml.comments import CommentedSeq

    data["snapshot"] = _map(taken=today, files=CommentedSeq(_flow(f.to_dict()) for f in files))


def set_decision(data, decision: dict) -> None:
    """`decision` has the fields of `model.audit.Decision`, in that order (a new decision
    has no certificate yet)."""
    data["decision"] = decision_map(decision)


def decision_map(decision: dict):
    from ruamel.yaml.comments import CommentedSeq

    return _map(
        id=decision["id"],
        outcome=decision["outcome"],
        date=decision["date"],
        auditor=decision["auditor"],
        standard=_map(**decision["standard"]),
        remarks=CommentedSeq(_map(**{k: _text(v) for k, v in r.items()}) for r in decision["remarks"]),
        nonconformities=_flow_seq(decision["nonconformities"]),
        observations=_flow_seq(decision["observations"]),
        certificate=decision.get("certificate"),
    )


def set_certificate(data, number: str) -> None:
    """The certificate number in the record's decision."""
    data["decision"]["certificate"] = number


def archive(root: Path, decided_on: dt.date) -> Path:
    """Move a decided record and its reports to audit/history/<decision date>/ (rename:
    atomic, nothing copied half-way). Returns the new folder."""
    base = Path(root) / HISTORY_DIR
    target = base / decided_on.isoformat()
    n = 2
    while target.exists():
        target = base / f"{decided_on.isoformat()}-{n}"
        n += 1
    atomic.make_folder(target)
    audit_dir = Path(root) / AUDIT_DIR
    for entry in sorted(audit_dir.iterdir()):
        if entry.is_file() and (entry.name == path_of(root).name or entry.name.startswith("audit-report")):
            atomic.move(entry, target / entry.name)
    return target


KINDS = made_by("audit-record", AUDIT_RECORD_UNUSABLE)
