"""Findings are data: a stable code, a severity, a location and a message in both languages.

Every kind of finding is declared once as a `Kind` (code, title, message template, hint)
next to the code that raises it; `catalogue()` collects them for the docs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from asfcert.base.i18n import L10n
from asfcert.base.vocab import SEVERITY_ORDER, Severity, names  # noqa: F401 - re-exported


class Effect(StrEnum):
    """What a finding does to the requirement it is about (the engine reads only this)."""

    FAILS = "fails"  # the requirement is not met
    OPENS = "opens"  # the requirement cannot be decided yet: data or a document is missing
    INFORMS = "informs"  # told to the reader; the requirement's status does not change
    ABORTS = "aborts"  # a fatal error: the command stops (see errors.Abort)


SEVERITY_NAMES = {s: names(s) for s in Severity}


@dataclass(frozen=True, slots=True)
class Location:
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file or ""]
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: L10n
    location: Location = Location()
    requirement: str | None = None
    hint: L10n | None = None
    params: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        loc = self.location
        return {
            "code": self.code,
            "severity": str(self.severity),
            "requirement": self.requirement,
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "message": self.message.to_dict(),
            "hint": self.hint.to_dict() if self.hint else None,
            "params": self.params,
        }

    @classmethod
    def from_dict(cls, d: dict) -> Finding:
        return cls(
            code=d["code"],
            severity=Severity(d["severity"]),
            message=L10n.from_dict(d["message"]),
            location=Location(d["file"], d["line"], d["column"]),
            requirement=d["requirement"],
            hint=L10n.from_dict(d["hint"]),
            params=d["params"],
        )



def report_order(finding: Finding) -> tuple:
    """The order findings are shown in everywhere: most severe first, then by place."""
    loc = finding.location
    return (SEVERITY_ORDER[finding.severity], loc.file or "", loc.line or 0, loc.column or 0, finding.code)

_KINDS: dict[str, Kind] = {}

# Every module that declares finding kinds; the docs test fails when a code is missing here.
_DECLARING_MODULES = (
    "asfcert.io.yamlfile",
    "asfcert.io.schema_errors",
    "asfcert.company.folder",
    "asfcert.assess.answers",
    "asfcert.assess.checker",
    "asfcert.standard.load",
    "asfcert.rules",
    "asfcert.rules.base",
    "asfcert.evidence.review",
    "asfcert.evidence.privacy",
    "asfcert.records.snapshot",
    "asfcert.assess.decision",
    "asfcert.assess.impartiality",
    "asfcert.records.cohort_file",
    "asfcert.intake.documents",
    "asfcert.site.listing",
    "asfcert.records.keys",
    "asfcert.records.registry_init",
)


@dataclass(frozen=True)
class Kind:
    """One kind of finding. `severity=None` means the requirement's severity decides."""

    code: str
    title: L10n
    message: L10n
    hint: L10n | None = None
    severity: Severity | None = None
    # What the finding does to its requirement; None: FAILS for a blocker, remark or a
    # requirement's own severity, INFORMS for warnings, observations and input errors.
    effect: Effect | None = None
    tags: frozenset[str] = frozenset()  # e.g. "evidence-change", "privacy": what callers select on
    module: str = field(default="", compare=False, repr=False)

    def __post_init__(self):
        import sys

        # the declaring module, for the generated catalogue (frame 0: here, 1: __init__)
        object.__setattr__(self, "module", sys._getframe(2).f_globals.get("__name__", ""))
        object.__setattr__(self, "tags", frozenset(self.tags))
        if self.effect is None:
            informs = self.severity in (Severity.WARNING, Severity.OBSERVATION, Severity.ERROR)
            object.__setattr__(self, "effect", Effect.INFORMS if informs else Effect.FAILS)
        if self.code in _KINDS and _KINDS[self.code] is not self:
            raise RuntimeError(f"finding code {self.code!r} declared twice")
        _KINDS[self.code] = self

    def __call__(
        self,
        *,
        location: Location = Location(),
        severity: Severity | None = None,
        requirement: str | None = None,
        hint: L10n | None = None,
        **params,
    ) -> Finding:
        severity = severity or self.severity
        if severity is None:
            raise ValueError(f"{self.code}: a severity is needed")
        shown = {k: v for k, v in params.items() if not k.startswith("_")}
        return Finding(
            code=self.code,
            severity=Severity(severity),
            message=self.message.format(**params),
            location=location,
            requirement=requirement,
            hint=hint or (self.hint.format(**params) if self.hint else None),
            params=_jsonable(shown),
        )


def _jsonable(value):
    """Params go into JSON output and the cache: keep them to plain JSON types."""
    if isinstance(value, L10n):
        return value.to_dict()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def catalogue() -> dict[str, Kind]:
    """Every finding kind, by code. Imports the modules that declare them, and leaves out a
    kind declared anywhere else (it would be in the docs only when something happened to
    import its module first): tests/test_docs.py fails on such a kind."""
    import importlib

    for module in _DECLARING_MODULES:
        importlib.import_module(module)
    return dict(sorted((code, kind) for code, kind in _KINDS.items() if declared(kind)))


def declared(kind: Kind) -> bool:
    """Whether the kind's module is in `_DECLARING_MODULES` (or is a part of a package there,
    as the rules are of `asfcert.rules`)."""
    return any(kind.module == m or kind.module.startswith(m + ".") for m in _DECLARING_MODULES)
