"""What every rule module shares: the options base class, the context a rule reads, and
the outcome it returns. A rule module has `ID`, `Options` (a pydantic model whose `rule`
field is `Literal[ID]`), its finding `Kind`s and `check(ctx, options) -> Outcome`."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from asfcert.base.findings import (
    INPUT_MISSING,
    Effect,
    Finding,
    Kind,
    Location,
    Severity,
    made_by,
)
from asfcert.base.i18n import L10n
from asfcert.formats.types import Strict

if TYPE_CHECKING:
    from asfcert.company.folder import CompanyFolder
    from asfcert.evidence.documents import Documents
    from asfcert.formats.company import Company
    from asfcert.io.cache import Cache
    from asfcert.io.yamlfile import YamlDoc
    from asfcert.standard.model import Requirement


class RuleOptions(Strict):
    rule: str


def options_on_demand(module: str, build: Callable[[], type]) -> Callable[[str], type]:
    """A rule module's `__getattr__` that builds its `Options` model when first asked for:
    only where a standard is validated (or a test or the docs ask). A check reads the kept
    standard's options as plain values (standard/plain.py) and builds none of the twenty
    models (a twentieth of a check after an edit)."""

    def __getattr__(name: str) -> type:
        if name != "Options":
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        options = build()
        options.__qualname__ = "Options"  # found, and pickled, under its module's name
        setattr(sys.modules[module], "Options", options)
        return options

    return __getattr__


PROFILE_MISSING = Kind(
    "profile-missing",
    L10n("Uppgift saknas i company.yaml", "Missing from company.yaml"),
    L10n("`{field}` är inte ifyllt i company.yaml", "`{field}` is not filled in in company.yaml"),
    L10n(
        "Fyll i `{field}` i company.yaml. Vad som ska stå där förklaras i kommentaren ovanför fältet "
        "(i mallen som `asfcert new` skapar) och i asfcerts dokumentation, docs/company-folder.md.",
        "Fill in `{field}` in company.yaml. What goes there is explained in the comment above the field "
        "(in the template `asfcert new` creates) and in asfcert's documentation, docs/company-folder.md.",
    ),
    effect=Effect.OPENS,  # the requirement cannot be decided without the data
    tags={INPUT_MISSING},
)
KINDS = made_by("rules", PROFILE_MISSING)  # the engine marks each with the rule that found it


@dataclass
class Outcome:
    findings: list[Finding] = field(default_factory=list)
    figures: dict = field(default_factory=dict)  # machine-readable numbers for reports
    summary: L10n | None = None  # one line shown with the requirement, e.g. the arithmetic


@dataclass
class RuleContext:
    company: Company
    profile: YamlDoc
    folder: CompanyFolder
    requirement: Requirement
    today: dt.date
    documents: Documents | None = None  # the evidence files with the facts read from them
    cache: Cache | None = None  # where a rule may keep what it derives from shipped data (io.cache)

    @property
    def severity(self) -> Severity:
        """The requirement's severity; on a requirement the auditor decides, a check only
        advises, so its findings are observations."""
        if self.requirement.decided_by == "auditor":
            return Severity.OBSERVATION
        return Severity(self.requirement.severity)

    def at(self, *path) -> Location:
        return self.profile.where(path)

    def finding(self, kind: Kind, *path, **params) -> Finding:
        """A finding at `path` in company.yaml, with the requirement's severity."""
        return kind(
            location=self.at(*path),
            severity=self.severity,
            requirement=self.requirement.id,
            **params,
        )

    def missing(self, *path) -> Outcome:
        name = ".".join(str(p) for p in path)
        return Outcome([self.finding(PROFILE_MISSING, *path, field=name)])


KINDS = made_by("rules", PROFILE_MISSING)
