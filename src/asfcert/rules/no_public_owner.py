"""`no-public-owner`: no part of the company is owned by the public sector, not even 1 %.

An owner is the public sector when the company says so, or when its organisation number
does, whatever kind was chosen:

- `kind: public-sector` (municipality, region, state, coordination association), or
  `controlled_by_public_sector: true` (a company a municipality or region owns: an ordinary
  limited company by its number), fails the rule whatever its share, unless the share is at
  most `max_percent` (0 by default, and SKOOPI's definition allows no other value);
- an `org_number` of legal-entity group 2 (the state, regions, municipalities, parishes)
  fails it too (`public-owner-by-number`), and so does a parent company of a profit unit
  with such a number;
- a `public-sector` owner whose number is not of group 2 is a warning: a municipal
  company should say `controlled_by_public_sector: true`, anyone else is not public;
- a name that sounds like the public sector (`public_names`, and the municipalities and
  regions of standard/public-bodies.yaml), or an annual report or registration
  certificate naming a public parent (`parent_phrases` near such a name, in the
  `documents` kinds), is a warning for the auditor, never a blocker by itself.

Every number is validated (rules/public_bodies.py): a bad check digit keeps the
requirement open until it is corrected.

Passes::

    owners:
      - {name: Medlemmarna, kind: members, share_percent: 100}

Fails (`public-owner`)::

    owners:
      - {name: Medlemmarna, kind: members, share_percent: 99}
      - {name: Exempelby kommun, kind: public-sector, share_percent: 1}

Fails (`public-owner-by-number`)::

    owners:
      - {name: Storstads kommun, kind: private-company, share_percent: 10, org_number: "212000-0142"}
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from asfcert.base.findings import Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n, percent
from asfcert.base.text import clip
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand
from asfcert.rules.public_bodies import (
    PUBLIC_WORDS,
    number,
    number_findings,
    public_name,
    warning,
)

ID = "no-public-owner"
# What an annual report or a registration certificate says about a parent.
PARENT_PHRASES = ("moderbolag", "moderföretag", "koncernmoder", "dotterbolag till", "dotterföretag till", "ägs av", "helägt av", "ägt av")


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["no-public-owner"]
        max_percent: Decimal = Field(Decimal(0), ge=0, le=100)
        public_names: list[str] = Field(default_factory=lambda: list(PUBLIC_WORDS), description="Words in a name that sound like the public sector.")
        parent_phrases: list[str] = Field(default_factory=lambda: list(PARENT_PHRASES), description="What a document says about a parent.")
        documents: list[str] = Field(default_factory=lambda: ["annual-report", "registration-certificate"], description="The evidence kinds read for a public parent.")

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


PUBLIC_OWNER = Kind(
    "public-owner",
    L10n("Offentlig ägare", "Public-sector owner"),
    L10n("{owner} (offentlig sektor) äger {share} av företaget", "{owner} (public sector) owns {share} of the company"),
    L10n(
        "Ett ASF kan aldrig ägas av offentlig sektor, inte ens till en liten del. Ägandet behöver föras över innan certifiering.",
        "An ASF can never be owned by the public sector, not even a small part. The share must be transferred before certification.",
    ),
)
PUBLIC_OWNER_BY_NUMBER = Kind(
    "public-owner-by-number",
    L10n("Offentlig ägare enligt organisationsnumret", "Public-sector owner by its organisation number"),
    L10n(
        "{owner} har organisationsnummer {number}, som hör till {group}: offentlig sektor, fast ägaren är angiven som {declared}",
        "{owner} has the organisation number {number}, which belongs to {group}: the public sector, although it is given as {declared}",
    ),
    L10n(
        "Ett ASF kan aldrig ägas av offentlig sektor, inte ens till en liten del. Stämmer numret behöver ägandet föras över innan certifiering; är numret fel, rätta det efter registreringsbeviset.",
        "An ASF can never be owned by the public sector, not even a small part. If the number is right, the share must be transferred before certification; if it is wrong, correct it from the registration certificate.",
    ),
)
PUBLIC_OWNER_NUMBER_NOT_PUBLIC = Kind(
    "public-owner-number-not-public",
    L10n("Offentlig ägare med ett nummer utanför offentlig sektor", "Public-sector owner with a number outside the public sector"),
    L10n(
        "{owner} är angiven som offentlig sektor, men organisationsnumret {number} hör till {group}",
        "{owner} is given as the public sector, but the organisation number {number} belongs to {group}",
    ),
    L10n(
        "Ett bolag som en kommun eller region äger är offentlig sektor fast numret inte börjar med 2: skriv då `controlled_by_public_sector: true`. Är ägaren inte offentlig, rätta `kind`; är numret fel, rätta numret.",
        "A company a municipality or region owns is the public sector although its number does not start with 2: then write controlled_by_public_sector: true. If the owner is not public, correct kind; if the number is wrong, correct it.",
    ),
    severity=Severity.WARNING,
)
PUBLIC_OWNER_BY_NAME = Kind(
    "public-owner-by-name",
    L10n("Ägarens namn låter som offentlig sektor", "The owner's name sounds like the public sector"),
    L10n(
        "{owner} låter som offentlig sektor ({match}), men är angiven som {declared}",
        "{owner} sounds like the public sector ({match}), but is given as {declared}",
    ),
    L10n(
        "Revisorn kontrollerar ägaren. Är det en kommun, en region eller ett bolag som de äger, skriv `kind: public-sector` eller `controlled_by_public_sector: true`. Skriv ägarens organisationsnummer i `org_number`, så syns det av numret.",
        "The auditor checks the owner. If it is a municipality, a region or a company they own, write kind: public-sector or controlled_by_public_sector: true. Write the owner's organisation number in org_number, so the number shows it.",
    ),
    severity=Severity.WARNING,
)
PUBLIC_PARENT_IN_DOCUMENT = Kind(
    "public-parent-in-document",
    L10n("Dokumentet nämner en offentlig ägare", "Document names a public-sector parent"),
    L10n(
        "{file}, sidan {page}, nämner en offentlig ägare ({match}): ”{sentence}”",
        "{file} page {page} names a public-sector parent ({match}): “{sentence}”",
    ),
    L10n(
        "Revisorn kontrollerar ägandet. Ägs företaget av en kommun, en region eller ett bolag som de äger, är det inget ASF; annars förklarar ni texten i självskattningen.",
        "The auditor checks the ownership. If the company is owned by a municipality, a region or a company they own, it is not an ASF; otherwise, explain the text in the self-assessment.",
    ),
    severity=Severity.WARNING,
)


def _declared(value: str) -> str:
    return f"`{value}`"


def check(ctx: RuleContext, opts: Options) -> Outcome:
    owners = ctx.company.owners
    if not owners:
        return ctx.missing("owners")
    outcome = Outcome()
    public = Decimal(0)
    for i, owner in enumerate(owners):
        read = number(owner.org_number)
        outcome.findings += number_findings(ctx, read, owner.name, "owners", i, "org_number")
        declared = owner.kind == "public-sector" or bool(owner.controlled_by_public_sector)
        by_number = read is not None and read.public
        if declared or by_number:
            share = owner.share_percent
            public += share or 0
            if share is None or share > opts.max_percent:
                outcome.findings.append(_public_owner(ctx, i, owner, read, declared))
        if owner.kind == "public-sector" and read is not None and read.group and not read.public and not owner.controlled_by_public_sector:
            outcome.findings.append(warning(ctx, PUBLIC_OWNER_NUMBER_NOT_PUBLIC, "owners", i, "org_number",
                                            owner=owner.name, number=read.shown, group=read.group_name))
        if not declared and not by_number:
            match = public_name(owner.name, opts.public_names, ctx.cache)
            if match is not None:
                outcome.findings.append(warning(ctx, PUBLIC_OWNER_BY_NAME, "owners", i, "name",
                                                owner=owner.name, match=match, declared=_declared(owner.kind)))
    outcome.findings += _parent(ctx, opts)
    outcome.findings += _documents(ctx, opts)
    outcome.figures = {"public_sector_percent": float(public)}
    return outcome


def _public_owner(ctx: RuleContext, i: int, owner, read, declared: bool):
    if declared:
        share = owner.share_percent
        shown = percent(share) if share is not None else L10n("en okänd andel", "an unknown share")
        field = "kind" if owner.kind == "public-sector" else "controlled_by_public_sector"
        return ctx.finding(PUBLIC_OWNER, "owners", i, field, owner=owner.name, share=shown, share_percent=share)
    return ctx.finding(PUBLIC_OWNER_BY_NUMBER, "owners", i, "org_number", owner=owner.name, number=read.shown,
                       group=read.group_name, declared=_declared(owner.kind), share_percent=owner.share_percent)


def _parent(ctx: RuleContext, opts: Options) -> list:
    """A profit unit's parent company owns it: the same questions of its number and name."""
    unit = ctx.company.profit_unit
    if unit is None:
        return []
    read = number(unit.parent_org_number)
    out = number_findings(ctx, read, unit.parent_name, "profit_unit", "parent_org_number")
    declared = L10n("moderföretag till resultatenheten", "the parent company of the profit unit")
    if read is not None and read.public:
        out.append(ctx.finding(PUBLIC_OWNER_BY_NUMBER, "profit_unit", "parent_org_number", owner=unit.parent_name,
                               number=read.shown, group=read.group_name, declared=declared))
    elif (match := public_name(unit.parent_name, opts.public_names, ctx.cache)) is not None:
        out.append(warning(ctx, PUBLIC_OWNER_BY_NAME, "profit_unit", "parent_name", owner=unit.parent_name, match=match, declared=declared))
    return out


def _documents(ctx: RuleContext, opts: Options) -> list:
    """A sentence of an annual report or a registration certificate that names a parent
    and a public body: the first one of each file."""
    if ctx.documents is None:
        return []
    phrases = [p.casefold() for p in opts.parent_phrases]
    out = []
    for kind in opts.documents:
        for doc in sorted(ctx.documents.of_kind(kind), key=lambda d: d.rel):
            found = _public_parent(doc.texts, phrases, opts.public_names, ctx.cache)
            if found:
                page, sentence, match = found
                out.append(PUBLIC_PARENT_IN_DOCUMENT(location=Location(doc.rel), severity=Severity.WARNING, requirement=ctx.requirement.id,
                                                     file=doc.rel, page=page, sentence=clip(sentence, 160), match=match))
    return out


def _public_parent(texts: list[str], phrases: list[str], words, cache) -> tuple[int, str, L10n] | None:
    for page, text in enumerate(texts, 1):
        for sentence in re.split(r"(?<=[.!?])\s+|\n{2,}", text):
            flat = " ".join(sentence.split())
            if any(p in flat.casefold() for p in phrases) and (match := public_name(flat, words, cache)) is not None:
                return page, flat, match
    return None


KINDS = made_by(ID, PUBLIC_OWNER, PUBLIC_OWNER_BY_NUMBER, PUBLIC_OWNER_NUMBER_NOT_PUBLIC, PUBLIC_OWNER_BY_NAME, PUBLIC_PARENT_IN_DOCUMENT)
