"""`asfcert new`: create a company kit, the folder an ASF fills in during the cohort.

    company.yaml            the profile, every field present, with help in both languages
    self-assessment/*.yaml  one file per clause, one empty answer per enabled requirement
    evidence/<folder>/      one folder per kit folder of the standard's evidence kinds,
                            each with a README.txt saying what goes there
    README.txt              what the kit is and what to do next

Never overwrites: a file that exists is left as it is and reported as skipped, so running
`new` again on a kit only adds what is missing (for example the file of a clause a
licensee's standard switched on). Every file is created with `atomic.create_exclusive`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n, Lang
from asfcert.company.folder import COMPANY_FILE, EVIDENCE_DIR, KIT_README

_E = Severity.ERROR
NAME_MISSING = Kind(
    "kit-name-missing",
    L10n("Företagets namn saknas", "The company's name is missing"),
    L10n("Företagets namn saknas", "The company's name is missing"),
    L10n('Ange namnet som på registreringsbeviset: --name "Gröna Verkstaden ek. för."',
         'Give the name as on the registration certificate: --name "Gröna Verkstaden ek. för."'),
    _E,
    effect=Effect.ABORTS,
)
NAME_CONTROL_CHARACTERS = Kind(
    "kit-name-control-characters",
    L10n("Styrtecken i namnet", "Control characters in the name"),
    L10n("Företagets namn innehåller styrtecken", "The company's name contains control characters"),
    L10n("Skriv namnet som vanlig text.", "Write the name as plain text."),
    _E,
    effect=Effect.ABORTS,
)
NAME_TOO_LONG = Kind(
    "kit-name-too-long",
    L10n("Namnet är för långt", "The name is too long"),
    L10n("Företagets namn är {length} tecken långt; gränsen är {limit}", "The company's name is {length} characters long; the limit is {limit}"),
    L10n("Ange det registrerade namnet, inte en beskrivning.", "Give the registered name, not a description."),
    _E,
    effect=Effect.ABORTS,
)
ORG_NUMBER_MISSING = Kind(
    "kit-org-number-missing",
    L10n("Organisationsnummer saknas", "The organisation number is missing"),
    L10n("Organisationsnummer saknas", "The organisation number is missing"),
    L10n("Ange det som det står på registreringsbeviset: --org-number NNNNNN-NNNN",
         "Give it as the registration certificate shows it: --org-number NNNNNN-NNNN"),
    _E,
    effect=Effect.ABORTS,
)
ORG_NUMBER_CONTROL_CHARACTERS = Kind(
    "kit-org-number-control-characters",
    L10n("Styrtecken i organisationsnumret", "Control characters in the organisation number"),
    L10n("Organisationsnumret innehåller styrtecken", "The organisation number contains control characters"),
    L10n("Skriv tio siffror med bindestreck: --org-number NNNNNN-NNNN", "Write ten digits with a hyphen: --org-number NNNNNN-NNNN"),
    _E,
    effect=Effect.ABORTS,
)
ORG_NUMBER_UNUSABLE = Kind(
    "kit-org-number-unusable",
    L10n("Organisationsnumret kan inte användas", "The organisation number cannot be used"),
    L10n("Organisationsnumret {shown} kan inte användas: {problem}", "The organisation number {shown} cannot be used: {problem}"),
    L10n(
        "Jämför siffrorna med registreringsbeviset; numret skrivs med tio siffror och bindestreck, NNNNNN-NNNN. "
        "Vill ni ändå skapa kitet, till exempel för en enskild firma eller för att rätta numret senare? "
        "Lägg då till --allow-invalid-org-number; `asfcert check` rapporterar numret tills det är rättat.",
        "Compare the digits with the registration certificate; the number is ten digits with a hyphen, NNNNNN-NNNN. "
        "Do you want to create the kit anyway, for example for a sole trader or to correct the number later? "
        "Then add --allow-invalid-org-number; `asfcert check` reports the number until it is corrected.",
    ),
    _E,
    effect=Effect.ABORTS,
)
KIT_NOT_A_FOLDER = Kind(
    "kit-not-a-folder",
    L10n("Ingen mapp", "Not a folder"),
    L10n("Det finns redan något med det namnet, och det är inte en mapp", "It already exists and is not a folder"),
    L10n("Välj ett nytt namn på företagets mapp.", "Choose a new name for the company folder."),
    _E,
    effect=Effect.ABORTS,
)


@dataclass(frozen=True)
class KitOptions:
    name: str
    org_number: str
    standard: Path | None = None
    lang: Lang = "sv"
    allow_invalid_org_number: bool = False
    annual_report: Path | None = None  # a digital annual report to fill in the profile from (kit/from_filing.py)


@dataclass
class KitResult:
    folder: str  # as the user gave it
    name: str
    org_number: str  # as written into company.yaml, masked when it is a personal number
    standard: dict  # id, version, title (L10n)
    created: list[str] = field(default_factory=list)  # files, relative, `/`
    skipped: list[str] = field(default_factory=list)  # files that were there already
    evidence_folders: list[str] = field(default_factory=list)  # every kit folder, `evidence/x/`
    org_number_problem: L10n | None = None  # accepted anyway with --allow-invalid-org-number
    prefilled: list[str] = field(default_factory=list)  # what company.yaml got from --from-annual-report


def org_number_problem(text: str) -> tuple[str, L10n | None]:
    """The organisation number as it should be written (`NNNNNN-NNNN`) and what is wrong
    with it, if anything. A personal identity number is a problem: an ASF needs its own."""
    from stdnum.se import orgnr

    from asfcert.rules.org_number import invalid_reason, is_personal, normalise

    digits = normalise(text)
    reason = invalid_reason(digits)
    if reason is not None:
        return " ".join(text.split()), reason
    if is_personal(digits):
        return orgnr.format(digits), L10n(
            "det är ett personnummer; ett ASF behöver ett eget organisationsnummer som juridisk person",
            "it is a personal identity number; an ASF needs an organisation number of its own as a legal person",
        )
    return orgnr.format(digits), None


def _has_control_characters(text: str) -> bool:
    return any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text if c not in "\t\n\r")


NAME_LIMIT = 200


def _check_name(name: str) -> str:
    text = " ".join((name or "").split())
    if not text:
        raise Abort(NAME_MISSING)
    if _has_control_characters(name):
        raise Abort(NAME_CONTROL_CHARACTERS)
    if len(text) > NAME_LIMIT:
        raise Abort(NAME_TOO_LONG, length=len(text), limit=NAME_LIMIT)
    return text


def _prepare(path: Path) -> Path:
    from asfcert.io import atomic

    atomic.guard(path / COMPANY_FILE)  # a kit inside someone's evidence/ is refused
    if path.exists() and not path.is_dir():
        raise Abort(KIT_NOT_A_FOLDER, location=Location(str(path)))
    atomic.make_folder(path)  # a read-only place or a full disk: atomic's `write-*` refusal
    return path


def self_check(files: dict[str, str]) -> None:
    """Every YAML file of the kit must parse and pass its schema. A failure is a bug in a
    template (or a standard text the templates do not cope with), never the user's input."""
    from asfcert.formats.assessment import SelfAssessment
    from asfcert.formats.company import Company
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import YamlProblem, parse

    for rel, text in files.items():
        if not rel.endswith(".yaml"):
            continue
        model = Company if rel == COMPANY_FILE else SelfAssessment
        try:
            doc = parse(text.encode("utf-8"), rel)
        except YamlProblem as p:
            raise RuntimeError(f"kit template produced invalid YAML: {p.finding.location}: {p.finding.message.en}") from None
        _, problems = validate(model, doc)
        if problems:
            f = problems[0]
            raise RuntimeError(f"kit template fails its schema: {f.location}: {f.code}: {f.message.en}")


def create_kit(path: Path, options: KitOptions) -> KitResult:
    """Create the kit in `path` (made if needed); never replaces an existing file."""
    from asfcert.io import atomic
    from asfcert.kit.templates import evidence_folders, render_kit
    from asfcert.rules.org_number import masked
    from asfcert.standard.load import load_standard

    pre = None
    if options.annual_report is not None:
        from asfcert.kit import from_filing

        options, pre = from_filing.apply(options)
    name = _check_name(options.name)
    if not (options.org_number or "").strip():
        raise Abort(ORG_NUMBER_MISSING)
    if _has_control_characters(options.org_number):
        raise Abort(ORG_NUMBER_CONTROL_CHARACTERS)
    org_number, problem = org_number_problem(options.org_number)
    if problem is not None and not options.allow_invalid_org_number:
        raise Abort(ORG_NUMBER_UNUSABLE, shown=masked(org_number), problem=problem)
    standard, _ = load_standard(options.standard)
    files = render_kit(standard, name, org_number, options.lang)
    if pre is not None:
        files[COMPANY_FILE] = from_filing.fill(files[COMPANY_FILE], pre, options.lang)
    self_check(files)
    root = _prepare(path)
    result = KitResult(
        folder=str(path), name=name, org_number=masked(org_number),
        standard={"id": standard.id, "version": standard.version, "title": standard.title.l10n},
        evidence_folders=[ef.path for ef in evidence_folders(standard)], org_number_problem=problem,
    )
    if pre is not None and not os.path.lexists(root / COMPANY_FILE):
        result.prefilled = pre.filled
    for rel, text in files.items():
        target = root / rel
        if os.path.lexists(target):
            result.skipped.append(rel)
            continue
        in_evidence = rel.startswith(EVIDENCE_DIR + "/") and rel.endswith("/" + KIT_README)
        # a file named like a kit folder, or no room: atomic's `write-*` refusal names it
        made = atomic.create_exclusive(target, text.encode("utf-8"), kit_readme=in_evidence)
        (result.created if made else result.skipped).append(rel)
    return result


KINDS = made_by(
    "kit",
    NAME_MISSING,
    NAME_CONTROL_CHARACTERS,
    NAME_TOO_LONG,
    ORG_NUMBER_MISSING,
    ORG_NUMBER_CONTROL_CHARACTERS,
    ORG_NUMBER_UNUSABLE,
    KIT_NOT_A_FOLDER,
)
