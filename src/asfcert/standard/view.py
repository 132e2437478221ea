"""`asfcert standard show` and `asfcert standard validate`: browse a standard file and
check a licensee's own copy.

`show()` returns a `StandardView`: the whole standard, one clause with its requirements,
or one requirement in full. The renderers in render/standard_*.py and `--format json`
(through `to_dict()`) turn it into text; nothing here prints.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Severity, made_by
from asfcert.base.i18n import L10n

ALL, CLAUSE, REQUIREMENT = "all", "clause", "requirement"

PARTS = {
    "pas": L10n("SIS PAS 10:2018", "SIS PAS 10:2018"),
    "asf-definition": L10n("SKOOPI:s ASF-definition", "SKOOPI's ASF definition"),
    "skoopi": L10n("SKOOPI:s extra frågor", "SKOOPI's extra questions"),
    "optional": L10n("valfria regler", "optional rules"),
}


NOT_IN_STANDARD = Kind(
    "standard-id-unknown",
    L10n("Varken avsnitt eller krav", "Neither a clause nor a requirement"),
    L10n("`{target}` är varken ett avsnitt eller ett krav i {standard}", "`{target}` is neither a clause nor a requirement in {standard}"),
    L10n("`asfcert standard show` visar alla avsnitt och krav.", "`asfcert standard show` lists every clause and requirement."),
    Severity.ERROR,
    Effect.ABORTS,
)
_FORMAT_HINT = L10n(
    "Formatet beskrivs i docs/standard-format.md och fält för fält i docs/reference/standard-yaml.md.",
    "The format is described in docs/standard-format.md, and field by field in docs/reference/standard-yaml.md.",
)


@dataclass
class StandardView:
    standard: object  # model.standard.Standard
    file: str
    scope: str  # all | clause | requirement
    clauses: list = field(default_factory=list)  # the clauses shown
    requirements: list = field(default_factory=list)  # the requirements shown
    easy: bool = False

    def requirements_of(self, clause_id: str) -> list:
        return [r for r in self.requirements if r.clause == clause_id]

    def clause_of(self, req):
        return next(c for c in self.standard.clauses if c.id == req.clause)

    def kind(self, kind_id: str):
        return next(k for k in self.standard.evidence_kinds if k.id == kind_id)

    def to_dict(self) -> dict:
        """Every text as {"sv", "en"}; `render.jsonout` picks the language."""
        std = self.standard
        return {
            "format": "asfcert-standard-view/1",
            "standard": {
                "id": std.id, "version": std.version, "title": std.title.l10n.to_dict(), "certifier": std.certifier,
                "basis": std.basis.l10n.to_dict(), "file": self.file,
                "policy": std.policy.model_dump(mode="json"),
            },
            "scope": self.scope,
            "easy": self.easy,
            "clauses": [self._clause(c) for c in self.clauses],
            "requirements": [self._requirement(r) for r in self.requirements],
        }

    def _clause(self, c) -> dict:
        reqs = [r for r in self.standard.requirements if r.clause == c.id]
        return {
            "id": c.id, "part": c.part, "part_name": PARTS[c.part].to_dict(), "title": c.title.l10n.to_dict(),
            "summary": c.summary.l10n.to_dict() if c.summary else None,
            "requirements": [r.id for r in reqs],
            "enabled": [r.id for r in reqs if r.enabled],
        }

    def _requirement(self, r) -> dict:
        return {
            "id": r.id, "clause": r.clause, "title": r.title.l10n.to_dict(), "text": r.text.l10n.to_dict(),
            "easy": r.easy.l10n.to_dict(), "guidance": r.guidance.l10n.to_dict() if r.guidance else None,
            "evidence": [
                {"id": k.id, "name": k.name.l10n.to_dict(), "folder": f"evidence/{k.folder}/"}
                for k in (self.kind(kid) for kid in r.evidence)
            ],
            "severity": r.severity, "decided_by": r.decided_by,
            "checks": [spec.model_dump(mode="json") for spec in r.checks],
            "allow_not_applicable": r.allow_not_applicable, "enabled": r.enabled,
        }


def find(standard, target: str) -> tuple[str, object]:
    """The clause or requirement `target` names: exact, else ignoring case. Raises an
    `Abort` (standard-id-unknown) with the nearest ids when there is none."""
    items = [(CLAUSE, c) for c in standard.clauses] + [(REQUIREMENT, r) for r in standard.requirements]
    wanted = target.strip()
    for scope, item in items:
        if item.id == wanted:
            return scope, item
    folded = [(scope, item) for scope, item in items if item.id.casefold() == wanted.casefold()]
    if len(folded) == 1:
        return folded[0]
    ids = {item.id.casefold(): item.id for _, item in items}
    near = [ids[n] for n in difflib.get_close_matches(wanted.casefold(), list(ids), n=3, cutoff=0.6)]
    hint = None
    if near:
        shown = ", ".join(near)
        hint = L10n(f"Menade du {shown}? `asfcert standard show` visar alla avsnitt och krav.",
                    f"Did you mean {shown}? `asfcert standard show` lists every clause and requirement.")
    raise Abort(NOT_IN_STANDARD, target=wanted, standard=standard.id, hint=hint)


def show(target: str | None, standard_path: Path | None = None, easy: bool = False, use_cache: bool = True) -> StandardView:
    from asfcert.base.resources import default_standard
    from asfcert.io.cache import Cache
    from asfcert.standard.load import load_standard

    path = standard_path or default_standard()
    standard, _ = load_standard(path, Cache(use_cache))
    view = StandardView(standard, str(path), ALL, easy=easy)
    if not target:
        view.clauses = list(standard.clauses)
        view.requirements = list(standard.requirements)
        return view
    scope, item = find(standard, target)
    view.scope = scope
    if scope == CLAUSE:
        view.clauses = [item]
        view.requirements = [r for r in standard.requirements if r.clause == item.id]
    else:
        view.clauses = [view.clause_of(item)]
        view.requirements = [item]
    return view


@dataclass
class Validated:
    id: str
    version: str
    file: str
    requirements: int
    enabled: int
    clauses: int
    evidence_kinds: int


def validate(path: Path) -> Validated:
    """Load the file as `check --standard` would. A broken file raises the `Abort`
    (standard-broken) that lists every located problem; its hint points to the format
    description."""
    from asfcert.standard.load import broken, load_standard

    try:
        standard, _ = load_standard(path)
    except Abort as err:
        raise broken(str(path), list(err.findings), hint=_FORMAT_HINT) from None
    return Validated(
        standard.id, standard.version, str(path), len(standard.requirements), len(standard.enabled),
        len(standard.clauses), len(standard.evidence_kinds),
    )


KINDS = made_by("standard", NOT_IN_STANDARD)
