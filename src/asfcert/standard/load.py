"""Load and validate a standard file (the shipped one or a licensee's via `--standard`)."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Finding, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.resources import default_standard
from asfcert.company.signatures import Signatures
from asfcert.io.cache import Cache
from asfcert.io.yamlfile import YamlProblem, parse, read_bytes

STANDARD_REFERENCE = Kind(
    "standard-reference",
    L10n("Felaktig hänvisning i standardfilen", "Broken reference in the standard file"),
    L10n("{problem}", "{problem}"),
    L10n("Rätta standardfilen; se docs/standard-format.md.", "Correct the standard file; see docs/standard-format.md."),
    Severity.ERROR,
)
STANDARD_BROKEN = Kind(
    "standard-broken",
    L10n("Standardfilen går inte att använda", "The standard file cannot be used"),
    L10n("Standardfilen går inte att använda", "The standard file cannot be used"),
    L10n("Kontrollera filen med `asfcert standard validate FIL`.", "Check the file with `asfcert standard validate FILE`."),
    Severity.ERROR,
    Effect.ABORTS,
)


_MEMO: dict[tuple[str, bool], object] = {}  # (digest, plain) -> Standard, so a cohort run validates it once per process
_SEEN = Signatures()  # the standard files read in this process: path -> (signature, digest)


def load_standard(path: Path | None, cache: Cache | None = None, plain: bool = False):
    """The validated `Standard` and the SHA-256 of its file. Raises `Abort` (standard-broken)
    with every located problem when the file is broken. `plain`: its values in plain
    objects (standard/plain.py), as a check reads them, built without any model when the
    file was validated before."""
    cache = cache or Cache(enabled=False)
    path = path or default_standard()
    shown = str(path)
    try:  # a cohort run asks once per company: the file is not read again while its signature holds
        st = os.stat(path)
    except OSError:
        st = None  # read_bytes words the problem
    digest = _SEEN.get(shown, st) if st is not None else None
    if digest is not None and (digest, plain) in _MEMO:
        return _MEMO[digest, plain], digest
    try:
        raw = read_bytes(path, shown)
    except YamlProblem as p:
        raise broken(shown, [p.finding]) from None
    digest = hashlib.sha256(raw).hexdigest()
    if st is not None:
        _SEEN.put(shown, st, digest)  # the status taken before the read: a write meanwhile changes it
    if (digest, plain) in _MEMO:
        return _MEMO[digest, plain], digest
    standard = _load(raw, digest, shown, cache, plain)
    _MEMO[digest, plain] = standard
    return standard, digest


def _load(raw: bytes, digest: str, shown: str, cache: Cache, plain: bool):
    from asfcert.standard import kept

    if plain:
        standard = kept.get(cache, digest)
        if standard is not None:
            return standard
    from asfcert.standard.model import Standard

    standard = kept.get(cache, digest, Standard) if not plain else None
    if standard is not None:
        return standard
    from asfcert.io.schema_errors import validate

    try:
        doc = parse(raw, shown)
    except YamlProblem as p:
        raise broken(shown, [p.finding]) from None
    standard, problems = validate(Standard, doc)
    if standard is not None:
        problems = cross_check(standard, doc)
    if problems:
        raise broken(shown, problems)
    kept.put(cache, digest, standard)
    return kept.as_plain(standard) if plain else standard


def broken(shown: str, findings: list[Finding], hint: L10n | None = None) -> Abort:
    """The error for a standard file that cannot be used, with every located problem."""
    return Abort(STANDARD_BROKEN, location=Location(shown), findings=findings, hint=hint)


def cross_check(standard, doc) -> list[Finding]:
    """What the schema cannot see: unique ids and references between parts of the file."""
    from asfcert.rules import RULES

    out: list[Finding] = []

    def problem(path: tuple, sv: str, en: str) -> None:
        out.append(STANDARD_REFERENCE(location=doc.where(path), problem=L10n(sv, en)))

    for name, items in (("clauses", standard.clauses), ("requirements", standard.requirements), ("evidence_kinds", standard.evidence_kinds)):
        counts = Counter(item.id for item in items)
        for i, item in enumerate(items):
            if counts[item.id] > 1:
                problem((name, i, "id"), f"id `{item.id}` förekommer flera gånger", f"id `{item.id}` appears more than once")
    clauses = {c.id for c in standard.clauses}
    kinds = {k.id for k in standard.evidence_kinds}
    for i, req in enumerate(standard.requirements):
        if req.clause not in clauses:
            problem(("requirements", i, "clause"), f"{req.id}: okänt avsnitt `{req.clause}`", f"{req.id}: unknown clause `{req.clause}`")
        for j, kind in enumerate(req.evidence):
            if kind not in kinds:
                problem(("requirements", i, "evidence", j), f"{req.id}: okänt slag av underlag `{kind}`", f"{req.id}: unknown evidence kind `{kind}`")
        if req.decided_by == "machine" and not req.checks:
            problem(("requirements", i, "decided_by"), f"{req.id}: ett krav som asfcert avgör kräver minst en kontroll under `checks`", f"{req.id}: a machine decision needs at least one entry under `checks`")
        # an auditor requirement may have checks: they only advise (observations for the auditor)
        for j, spec in enumerate(req.checks):
            needed = getattr(RULES[spec.rule], "EVIDENCE_KIND", None)  # rules that read documents of one kind
            if needed and needed not in kinds:
                problem(("requirements", i, "checks", j, "rule"), f"{req.id}: `{spec.rule}` läser underlag av slaget `{needed}`, som saknas under evidence_kinds", f"{req.id}: `{spec.rule}` reads evidence of the kind `{needed}`, which is missing from evidence_kinds")
    return out


KINDS = made_by("standard", STANDARD_REFERENCE, STANDARD_BROKEN)
