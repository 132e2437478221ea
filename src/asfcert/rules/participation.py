"""`participation-documented`: participation is described, with documents, for each of the
named `occasions`: introduction of new employees, daily operation, and board decisions.

Each occasion needs a description and at least one document that exists in the folder.

Passes::

    participation:
      introduction:
        description: Alla nya medarbetare går igenom delaktighetspolicyn med en fadder.
        evidence: [evidence/policyer/delaktighetspolicy.pdf]
      daily_operation: ...
      board_decisions: ...

Fails (`participation-undocumented`): an occasion is left out or has no document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from asfcert.base.findings import Kind, made_by
from asfcert.base.i18n import L10n
from asfcert.company.folder import reference_finding
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand

ID = "participation-documented"

Occasion = Literal["introduction", "daily-operation", "board-decisions"]
_NAMES = {
    "introduction": L10n("introduktion av nya medarbetare", "introduction of new employees"),
    "daily-operation": L10n("den dagliga driften", "daily operation"),
    "board-decisions": L10n("viktigare styrelsebeslut", "major board decisions"),
}


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["participation-documented"]
        occasions: list[Occasion] = Field(default_factory=lambda: ["introduction", "daily-operation", "board-decisions"], min_length=1)

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


PARTICIPATION_UNDOCUMENTED = Kind(
    "participation-undocumented",
    L10n("Delaktigheten är inte dokumenterad", "Participation not documented"),
    L10n("Det saknas {what} för delaktighet vid {occasion}", "There is no {what} of participation in {occasion}"),
    L10n(
        "Fyll i `participation.{field}` i company.yaml med en beskrivning och minst ett dokument i evidence/.",
        "Fill in participation.{field} in company.yaml with a description and at least one document in evidence/.",
    ),
)
_WHAT = {
    "description": L10n("beskrivning", "description"),
    "evidence": L10n("dokument", "document"),
    "both": L10n("beskrivning och dokument", "description and document"),
}


def _blank(entry) -> bool:
    """An occasion left out, or left as the kit's empty template, is not filled in yet."""
    return entry is None or (not (entry.description or "").strip() and not entry.evidence)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    part = ctx.company.participation
    if part is None or all(_blank(getattr(part, o.replace("-", "_"))) for o in opts.occasions):
        return ctx.missing("participation")
    outcome = Outcome(figures={"documented": [], "missing": []})
    for occasion in opts.occasions:
        field = occasion.replace("-", "_")
        entry = getattr(part, field, None) if part else None
        has_text = bool(entry and entry.description and entry.description.strip())
        files = []
        for i, ref in enumerate(entry.evidence if entry else []):
            resolved = ctx.folder.resolve(ref)
            problem = reference_finding(resolved, ctx.at("participation", field, "evidence", i), ctx.severity, ctx.requirement.id)
            if problem:
                outcome.findings.append(problem)
            else:
                files.append(resolved.rel)
        if has_text and files:
            outcome.figures["documented"].append(occasion)
            continue
        outcome.figures["missing"].append(occasion)
        what = "both" if not has_text and not files else ("description" if not has_text else "evidence")
        path = ("participation", field) if entry else ("participation",)
        outcome.findings.append(
            ctx.finding(PARTICIPATION_UNDOCUMENTED, *path, what=_WHAT[what], occasion=_NAMES[occasion], field=field)
        )
    return outcome


KINDS = made_by(ID, PARTICIPATION_UNDOCUMENTED)
