"""`asfcert new --from-annual-report FILE`: the company's name, organisation number and
finances, taken from its digital annual report (iXBRL).

The file is read by the bounded reader worker (evidence/ixbrl.py), as in `check`. Nothing
is invented: a value is written only where the filing tags it for the company itself.

- `name` and `org_number`: `se-cd-base:ForetagetsNamn` and `se-cd-base:Organisationsnummer`
  (a name or number given on the command line wins; a number that differs is refused).
- `finances`: one entry per fiscal year the filing tags net revenue or the year's result
  for (the report's own year and the comparison year), newest first: `year` (the year it
  ends in), `fiscal_year_end` when it does not end on 31 December, `revenue_sek`
  (`se-gen-base:Nettoomsattning`) and `result_sek` (`se-gen-base:AretsResultat`, else
  `se-gen-base:ResultatEfterFinansiellaPoster`), in kronor after scale and sign.
  `dividends_sek` only where the appropriation of profit tags a dividend
  (`se-gen-base:ForslagDispositionUtdelning`, 0 included); an untagged dividend is left
  for the company to fill in.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n, Lang

FILING_NOT_USABLE = Kind(
    "filing-not-usable",
    L10n("Årsredovisningen kan inte användas", "The annual report cannot be used"),
    L10n("Kan inte läsas som digital årsredovisning: {why}", "Cannot be read as a digital annual report: {why}"),
    L10n(
        "Ange den digitala årsredovisningen (XHTML- eller ZIP-filen) så som den laddades ner från Bolagsverket eller bokföringsprogrammet, "
        "eller skapa kitet med --name och --org-number.",
        "Give the digital annual report (the XHTML or ZIP file) as downloaded from Bolagsverket or the accounting program, "
        "or create the kit with --name and --org-number.",
    ),
    Severity.ERROR, Effect.ABORTS,
)
FILING_OTHER_COMPANY = Kind(
    "filing-other-company",
    L10n("Årsredovisningen gäller ett annat företag", "The annual report is another company's"),
    L10n("Årsredovisningen gäller organisationsnummer {filed}, inte {given}", "The annual report is for organisation number {filed}, not {given}"),
    L10n("Ange rätt företags årsredovisning, eller rätta --org-number.", "Give the right company's annual report, or correct --org-number."),
    Severity.ERROR, Effect.ABORTS,
)
FILING_LACKS = Kind(
    "filing-lacks",
    L10n("Uppgift saknas i årsredovisningen", "Missing from the annual report"),
    L10n("Årsredovisningen taggar inte {what}", "The annual report does not tag {what}"),
    L10n("Ange den med {option}.", "Give it with {option}."),
    Severity.ERROR, Effect.ABORTS,
)


@dataclass
class Prefill:
    """What the kit's company.yaml gets from the filing."""

    file: str  # as the user gave it
    name: str | None = None
    org_number: str | None = None
    finances: list[dict] = field(default_factory=list)  # company.yaml entries, newest first
    tags: list[str] = field(default_factory=list)  # the tags the values came from

    @property
    def filled(self) -> list[str]:
        """The fields filled in, for the report: `name`, `org_number`, `finances 2025`, …"""
        out = [f for f in ("name", "org_number") if getattr(self, f)]
        return out + [f"finances {e['year']}" for e in self.finances]


def read(path: Path):
    """The filing, read by the bounded worker; an Abort when it cannot be used."""
    from asfcert.base.errors import Abort
    from asfcert.evidence.documents import READERS
    from asfcert.evidence.filing import Filing, reason
    from asfcert.evidence.review import unreadable_reason
    from asfcert.evidence.worker import Limits, read_many

    shown = str(path)
    real = os.path.realpath(path)
    if not os.path.isfile(real):
        raise Abort(FILING_NOT_USABLE, location=Location(shown), file=shown, why=L10n("filen finns inte", "the file does not exist"))
    _, normalise, _ = READERS["ixbrl"]
    facts = normalise(read_many([real], Limits(), jobs=1, readers={real: "ixbrl"})[real])
    if facts["problem"]:
        why = reason(facts["problem"], facts["detail"], unreadable_reason(facts["problem"], facts["detail"]))
        raise Abort(FILING_NOT_USABLE, location=Location(shown), file=shown, why=why, problem=facts["problem"])
    return Filing(facts, shown)


def apply(options):
    """The kit's options with the name and number from the filing, and what else it fills."""
    from dataclasses import replace

    from asfcert.base.errors import Abort
    from asfcert.rules.org_number import masked, normalise

    shown = str(options.annual_report)
    pre = prefill(read(options.annual_report), shown)
    given = (options.org_number or "").strip()
    if given and pre.org_number and normalise(given) != normalise(pre.org_number):
        raise Abort(FILING_OTHER_COMPANY, location=Location(shown), file=shown, filed=masked(pre.org_number), given=masked(given))
    if not (options.name or "").strip() and not pre.name:
        what = L10n("företagets namn (se-cd-base:ForetagetsNamn)", "the company's name (se-cd-base:ForetagetsNamn)")
        raise Abort(FILING_LACKS, location=Location(shown), file=shown, what=what, option="--name")
    if not given and (not pre.org_number or pre.org_number.endswith("*")):
        what = L10n("organisationsnumret (se-cd-base:Organisationsnummer)", "the organisation number (se-cd-base:Organisationsnummer)")
        raise Abort(FILING_LACKS, location=Location(shown), file=shown, what=what, option="--org-number")
    return replace(options, name=options.name or pre.name, org_number=given or pre.org_number), pre


def _amount(figure) -> int | str | None:
    if figure is None:
        return None
    value = figure.amount
    return int(value) if value == value.to_integral_value() else format(value.normalize(), "f")


def prefill(filing, file: str) -> Prefill:
    from asfcert.evidence.filing import (
        NAME,
        ORG_NUMBER,
        RESULT,
        RESULT_AFTER_FINANCIAL,
        REVENUE,
    )

    out = Prefill(file, name=filing.name, org_number=(filing.org_numbers or [None])[0])
    out.tags += [t for t, v in ((NAME, out.name), (ORG_NUMBER, out.org_number)) if v]
    own_year = filing.fiscal_year
    for first, last in filing.periods():
        entry: dict = {"year": last.year}
        if (last.month, last.day) != (12, 31):
            entry["fiscal_year_end"] = last
        revenue = filing.figure(REVENUE, first, last)
        result = filing.figure(RESULT, first, last) or filing.figure(RESULT_AFTER_FINANCIAL, first, last)
        for key, figure in (("revenue_sek", revenue), ("result_sek", result)):
            if figure is not None:
                entry[key] = _amount(figure)
                out.tags.append(figure.concept)
        if (first, last) == own_year:
            proposed = [f for f in filing.figures("se-gen-base:ForslagDispositionUtdelning") if f.day == last]
            if proposed:
                entry["dividends_sek"] = _amount(max(proposed, key=lambda f: abs(f.amount)))
                out.tags.append(proposed[0].concept)
        if any(entry.get(k) is not None for k in ("revenue_sek", "result_sek")) and all(e["year"] != entry["year"] for e in out.finances):
            out.finances.append(entry)
    out.tags = list(dict.fromkeys(out.tags))
    return out


def _scalar(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def fill(text: str, pre: Prefill, lang: Lang) -> str:
    """company.yaml's text with the filing's finances under `finances:` (the rendered kit
    has the key empty, followed by a commented example)."""
    from asfcert.kit.templates import comment

    if not pre.finances:
        return text
    source = os.path.basename(pre.file)
    notes = {
        "sv": f"Ifyllt från den digitala årsredovisningen {source} (taggarna {', '.join(pre.tags)}). "
              "Kontrollera och fyll i det som saknas, till exempel dividends_sek.",
        "en": f"Filled in from the digital annual report {source} (the tags {', '.join(pre.tags)}). "
              "Check it and fill in what is missing, for example dividends_sek.",
    }
    order = ("en", "sv") if lang == "en" else ("sv", "en")
    lines = [comment(notes[o], 2) for o in order]
    for entry in pre.finances:
        keys = list(entry)
        lines.append(f"  - {keys[0]}: {_scalar(entry[keys[0]])}")
        lines += [f"    {k}: {_scalar(entry[k])}" for k in keys[1:]]
    marker = "\nfinances:\n"
    if text.count(marker) != 1:  # a template without the key: a bug, caught by the kit's self-check
        raise RuntimeError("company.yaml template has no single `finances:` key")
    return text.replace(marker, marker + "\n".join(lines) + "\n")


KINDS = made_by("kit", FILING_NOT_USABLE, FILING_OTHER_COMPANY, FILING_LACKS)
