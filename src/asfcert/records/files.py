"""How every record file is read: parsed by `io.yamlfile` (the one loader, with its guards
and positions) and validated against its model; a file that cannot be used aborts the
command with its own catalogue code and every located problem."""

from __future__ import annotations

from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Kind, Location


def unusable(kind: Kind, shown: str, findings, exit_code: int = 2) -> Abort:
    """The one way to say that a record file cannot be used: its kind, the file, and the
    located problems in it (every `*-unusable` kind takes `file`)."""
    return Abort(kind, location=Location(shown), findings=findings, exit_code=exit_code, file=shown)


def parsed(path: Path, shown: str, model, *, within: Path | None, round_trip: bool = False):
    """(instance or None, the parsed document or None, the located problems)."""
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import YamlProblem, load

    try:
        doc = load(path, shown, within=within, round_trip=round_trip)
    except YamlProblem as p:
        return None, None, [p.finding]
    instance, problems = validate(model, doc)
    return instance, doc, list(problems)


def validated(path: Path, shown: str, model, kind: Kind, *, within: Path | None):
    """(instance, document) of a file that must be usable; aborts with `kind` otherwise."""
    instance, doc, problems = parsed(path, shown, model, within=within)
    if instance is None:
        raise unusable(kind, shown, problems)
    return instance, doc


def checked_text(text: str, shown: str, model, kind: Kind, *, round_trip: bool = False):
    """What asfcert is about to write, read back through the same loader and validated:
    (instance, document). asfcert never writes a record it could not read again."""
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import YamlProblem, parse

    try:
        doc = parse(text.encode("utf-8"), shown, round_trip=round_trip)
    except YamlProblem as p:
        raise unusable(kind, shown, [p.finding]) from None
    instance, problems = validate(model, doc)
    if instance is None:
        raise unusable(kind, shown, problems)
    return instance, doc
