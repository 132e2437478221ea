"""The participant survey of a cohort: `survey.csv` in the cohort folder, exported from the
survey tool, one row per answer. One loader; asfcert never writes it.

    rekommenderar;effekter                     (or would_recommend,effects)
    ja;fått anställning, ökat självförtroende
    nej;
    ;började studera

Other columns (a timestamp, free text) are ignored, so nothing personal is read. A
recommendation is `ja`/`nej` (`yes`/`no`) or empty (not answered); the effects are
categories separated by `,`, `;` or `|`, counted across the answers."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.base.findings import Finding, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.text import clip, nfc

MAX_BYTES = 2 * 1024 * 1024
RECOMMEND_COLUMNS = ("rekommenderar", "rekommendera", "would_recommend", "would-recommend", "recommend")
EFFECT_COLUMNS = ("effekter", "effekt", "effects", "effect")
_YES = {"ja", "j", "yes", "y", "1", "true", "sant"}
_NO = {"nej", "n", "no", "0", "false", "falskt"}

_W = Severity.WARNING
SURVEY_UNREADABLE = Kind(
    "survey-unreadable",
    L10n("Enkätfilen kan inte läsas", "The survey file cannot be read"),
    L10n("{file} kan inte läsas ({reason}); enkäten räknas inte", "{file} cannot be read ({reason}); the survey does not count"),
    L10n("Exportera svaren som CSV (UTF-8) till omgångens mapp; se docs/cohort.md.",
         "Export the answers as CSV (UTF-8) into the cohort folder; see docs/cohort.md."),
    _W,
)
SURVEY_COLUMN_MISSING = Kind(
    "survey-column-missing",
    L10n("Kolumn saknas i enkätfilen", "Column missing in the survey file"),
    L10n("{file} har ingen kolumn {column}", "{file} has no column {column}"),
    L10n("Ge kolumnen med rekommendationen rubriken `rekommenderar` (eller `would_recommend`) och kolumnen med effekterna rubriken `effekter` (eller `effects`).",
         "Head the column `would_recommend` (or `rekommenderar`) and the effects `effects` (or `effekter`)."),
    _W,
)
SURVEY_VALUE_UNKNOWN = Kind(
    "survey-value-unknown",
    L10n("Okänt svar i enkätfilen", "Unknown answer in the survey file"),
    L10n("`{value}` är varken ja eller nej; svaret räknas som obesvarat", "`{value}` is neither yes nor no; it counts as not answered"),
    L10n("Skriv ja, nej eller lämna tomt.", "Write yes, no or leave it empty."),
    _W,
)
SURVEY_MORE_THAN_ASKED = Kind(
    "survey-more-than-asked",
    L10n("Fler svar än tillfrågade", "More answers than people asked"),
    L10n("{file} har {answered} svar, men bara {asked} tillfrågades (`survey.asked`)",
         "{file} has {answered} answers but only {asked} were asked (survey.asked)"),
    L10n("Rätta `survey.asked` i cohort.yaml eller ta bort dubbla rader.", "Correct survey.asked in cohort.yaml or remove duplicate rows."),
    _W,
)


@dataclass
class Survey:
    asked: int
    answered: int = 0
    recommend_yes: int = 0
    recommend_no: int = 0
    effects: dict[str, int] = field(default_factory=dict)  # category -> answers naming it
    findings: list[Finding] = field(default_factory=list)


def read(folder: Path, file: str, asked: int, shown: str) -> Survey:
    """The survey of the cohort in `folder`; problems become warnings (never raises for the
    file's content). `shown`: the file as messages name it."""
    from asfcert.io.yamlfile import YamlProblem, read_bytes

    survey = Survey(asked)
    try:
        raw = read_bytes(folder / file, shown, MAX_BYTES, within=folder)
    except YamlProblem as p:
        survey.findings.append(p.finding)
        return survey
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        reason = L10n("inte UTF-8", "not UTF-8")
        survey.findings.append(SURVEY_UNREADABLE(location=Location(shown), file=shown, reason=reason))
        return survey
    rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    if not rows:
        return survey
    header = [nfc(h).strip().casefold() for h in rows[0]]
    recommend = next((header.index(c) for c in RECOMMEND_COLUMNS if c in header), None)
    effects = next((header.index(c) for c in EFFECT_COLUMNS if c in header), None)
    for column, names in ((recommend, RECOMMEND_COLUMNS), (effects, EFFECT_COLUMNS)):
        if column is None:
            survey.findings.append(SURVEY_COLUMN_MISSING(location=Location(shown, 1), file=shown, column=names[0]))
    spelled: dict[str, str] = {}  # the first spelling of a category is the one shown
    for line, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        survey.answered += 1
        value = row[recommend].strip() if recommend is not None and recommend < len(row) else ""
        if value.casefold() in _YES:
            survey.recommend_yes += 1
        elif value.casefold() in _NO:
            survey.recommend_no += 1
        elif value:
            survey.findings.append(SURVEY_VALUE_UNKNOWN(location=Location(shown, line, recommend + 1), value=clip(value)))
        cell = row[effects] if effects is not None and effects < len(row) else ""
        for category in {clip(" ".join(c.split()), 80) for c in cell.replace(";", ",").replace("|", ",").split(",") if c.strip()}:
            name = spelled.setdefault(category.casefold(), category)
            survey.effects[name] = survey.effects.get(name, 0) + 1
    if survey.answered > asked:
        survey.findings.append(SURVEY_MORE_THAN_ASKED(location=Location(shown), file=shown, answered=survey.answered, asked=asked))
    survey.effects = dict(sorted(survey.effects.items(), key=lambda kv: (-kv[1], kv[0])))
    return survey


def _delimiter(text: str) -> str:
    """`;` (Excel in Sweden) or `,`, whichever the header row has more of."""
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") >= first.count(",") and ";" in first else ","


KINDS = made_by("survey", SURVEY_UNREADABLE, SURVEY_COLUMN_MISSING, SURVEY_VALUE_UNKNOWN, SURVEY_MORE_THAN_ASKED)
