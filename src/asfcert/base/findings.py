"""Findings are data: a stable code, a severity, a location and a message in both languages.

Every kind of finding is declared once as a `Kind` (code, title, message template, hint,
severity, effect, tags) next to the code that raises it. A module that declares kinds
exports them as `KINDS = made_by(NAME, ...)`: NAME is the rule or checker that makes them,
and every finding of those kinds says so in its `rule` field. The catalogue of every kind
is an explicit list of those modules (cli/catalogue.py).

What a finding does to its requirement is its `effect` (FAILS, OPENS, INFORMS), not its
code: the engine (assess/engine.py) and every other reader decide from the effect and the
tags, and a finding carries both so that a cached result still knows them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from asfcert.base.i18n import L10n
from asfcert.base.text import MAX_ECHOED_CHARS, clip  # noqa: F401 - re-exported
from asfcert.base.vocab import SEVERITY_ORDER, Severity, names  # noqa: F401 - re-exported

# Caps (issue 12): however large a file, a run reports at most this many findings of one
# code per file (and requirement: unanswered requirements are not one problem), then one
# `findings-capped` finding that counts the rest ...
MAX_PER_CODE_AND_FILE = 20
# ... and echoes at most MAX_ECHOED_CHARS characters of any value taken from a file (base/text).


class Effect(StrEnum):
    """What a finding does to the requirement it is about (the engine reads only this)."""

    FAILS = "fails"  # the requirement is not met
    OPENS = "opens"  # the requirement cannot be decided yet: data or a document is missing
    INFORMS = "informs"  # told to the reader; the requirement's status does not change
    ABORTS = "aborts"  # a fatal error: the command stops (see errors.Abort)


# Tags: what a caller selects findings on besides the effect.
INPUT_MISSING = "input-missing"  # the company has not given what the requirement needs (an
# answer, its evidence, data in company.yaml): asking for its documents too would repeat it
OUTDATED = "outdated"  # a document is older than the limit: it is not current

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
    rule: str = ""  # the rule id that made it, or the stable name of its checker ("schema", "answers", ...)
    effect: Effect = Effect.INFORMS
    tags: frozenset[str] = frozenset()

    def to_dict(self) -> dict:
        loc = self.location
        return {
            "code": self.code,
            "severity": str(self.severity),
            "rule": self.rule,
            "effect": str(self.effect),
            "tags": sorted(self.tags),
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
            rule=d["rule"],
            effect=Effect(d["effect"]),
            tags=frozenset(d["tags"]),
        )


def report_order(finding: Finding) -> tuple:
    """The order findings are shown in everywhere: most severe first, then by place."""
    loc = finding.location
    return (SEVERITY_ORDER[finding.severity], loc.file or "", loc.line or 0, loc.column or 0, finding.code)


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
    tags: frozenset[str] = frozenset()  # e.g. INPUT_MISSING: what callers select on
    rule: str = field(default="", compare=False)  # set by `made_by`

    def __post_init__(self):
        object.__setattr__(self, "tags", frozenset(self.tags))
        if self.effect is None:
            informs = self.severity in (Severity.WARNING, Severity.OBSERVATION, Severity.ERROR)
            object.__setattr__(self, "effect", Effect.INFORMS if informs else Effect.FAILS)
        # the texts' words as plain strings, for the key of `_texts`: hashed in C, where the
        # L10n themselves would each be hashed by a Python call per finding
        hint = self.hint
        object.__setattr__(self, "_words", (self.message.sv, self.message.en, hint.sv if hint else None, hint.en if hint else None))

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
        message, own_hint, shown = self._texts(params)
        return Finding(  # in the order of its fields: a finding is made per problem, a cohort makes tens of thousands
            self.code,
            severity if type(severity) is Severity else Severity(severity),
            message,
            location,
            requirement,
            hint or own_hint,
            dict(shown),
            self.rule,
            self.effect,
            self.tags,
        )

    def _texts(self, params: dict) -> tuple[L10n, L10n | None, dict]:
        """The message, the kind's own hint and the shown params for `params`: made once
        per process for params of plain values (a cohort's companies get the same findings
        with the same words again and again: formatting them was a tenth of a check)."""
        key = None
        types = tuple(map(type, params.values()))
        if _MEMO_TYPES.issuperset(types):
            # the types too: equal values of other types are written otherwise (1 and True)
            key = (self._words, types, *params.items())
            made = _TEXTS.get(key)
            if made is not None:
                return made
        params = {k: _shortened(v) for k, v in params.items()}
        shown = {k: v for k, v in params.items() if not k.startswith("_")}
        made = (self.message.format(**params), self.hint.format(**params) if self.hint else None, _jsonable(shown))
        if key is not None and len(_TEXTS) < _TEXTS_KEPT:
            _TEXTS[key] = made
        return made


# The words of findings made with plain params (Kind._texts): types whose equal values are
# always written alike (not float or Decimal: 1.0 and 1, Decimal("1.0") and 1 are equal).
# The shown params are shared by equal findings; each finding gets its own top-level dict.
_MEMO_TYPES = frozenset({str, int, bool, type(None), L10n})
_TEXTS: dict[tuple, tuple] = {}
_TEXTS_KEPT = 20_000


def made_by(rule: str, *kinds: Kind) -> tuple[Kind, ...]:
    """A module's `KINDS`: its kinds, marked as made by `rule` (a rule id, or the stable
    name of a checker). The engine marks a finding a rule makes with that rule's id, so
    a kind several rules share (`profile-missing`) names the rule that found it."""
    for kind in kinds:
        object.__setattr__(kind, "rule", rule)
    return kinds


def _shortened(value):
    """A value echoed in a message: at most MAX_ECHOED_CHARS characters of any text."""
    if isinstance(value, str):
        return clip(value)
    if isinstance(value, (list, tuple)):
        return [_shortened(v) for v in value]
    return value


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


FINDINGS_CAPPED = Kind(
    "findings-capped",
    L10n("Fler fynd av samma slag", "More findings of the same kind"),
    L10n("och {count:num} till av `{of}` i {file} (de första {limit} visas)", "and {count:num} more `{of}` in {file} (the first {limit} are shown)"),
    L10n("Rätta felen som visas och kör igen; ofta har de samma orsak.", "Fix the ones shown and run again; they often have one cause."),
    effect=Effect.INFORMS,
)


_Key = tuple[str, str | None, str | None]  # code, file, requirement


class Cap:
    """At most `limit` findings of one code per file and requirement; the rest are only
    counted. Ask `full()` before making a finding that may be one of very many (a schema
    error per list item), so that the rest are never made at all."""

    def __init__(self, limit: int = MAX_PER_CODE_AND_FILE):
        self.limit = limit
        self.seen: Counter[_Key] = Counter()
        self.severity: dict[_Key, Severity] = {}

    def full(self, code: str, file: str | None, severity: Severity = Severity.ERROR, requirement: str | None = None) -> bool:
        """Count one finding of `code` in `file`; True when it is one too many to show."""
        key = (code, file, requirement)
        self.seen[key] += 1
        if self.seen[key] <= self.limit:
            return False
        if key not in self.severity or SEVERITY_ORDER[severity] < SEVERITY_ORDER[self.severity[key]]:
            self.severity[key] = severity
        return True

    def summaries(self) -> list[Finding]:
        """One `findings-capped` per code, file and requirement that went over the limit."""
        return [
            FINDINGS_CAPPED(location=Location(key[1]), severity=self.severity[key], requirement=key[2], of=key[0],
                            file=key[1] or "", count=n - self.limit, limit=self.limit)
            for key, n in self.seen.items() if n > self.limit
        ]


def capped(findings: list[Finding], limit: int = MAX_PER_CODE_AND_FILE) -> list[Finding]:
    """`findings` with at most `limit` of one code per file and requirement (the first in
    report order), and a `findings-capped` summary for each that had more. The summaries
    of an earlier cap are added up, so capping twice counts every finding once."""
    cap = Cap(limit)
    earlier: Counter[_Key] = Counter()
    out = []
    for f in sorted(findings, key=report_order):
        if f.code == FINDINGS_CAPPED.code:
            key = (f.params["of"], f.location.file, f.requirement)
            earlier[key] += f.params["count"]
            cap.severity.setdefault(key, f.severity)
        elif not cap.full(f.code, f.location.file, f.severity, f.requirement):
            out.append(f)
    for key, n in earlier.items():
        cap.seen[key] = max(cap.seen[key], cap.limit) + n
    return out + cap.summaries()


KINDS = made_by("caps", FINDINGS_CAPPED)
