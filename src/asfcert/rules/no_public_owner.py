"""`no-public-owner`: no part of the company is owned by the public sector, not even 1 %.

An owner of kind `public-sector` (municipality, region, state, coordination association
or a company they own) fails the rule whatever its share, unless the share is at most
`max_percent` (0 by default, and SKOOPI's definition allows no other value). So does an
owner whose organisation number starts with 2 (the public sector), whatever kind was chosen.

Passes::

    owners:
      - {name: Medlemmarna, kind: members, share_percent: 100}

Fails (`public-owner`)::

    owners:
      - {name: Medlemmarna, kind: members, share_percent: 99}
      - {name: Exempelby kommun, kind: public-sector, share_percent: 1}
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from asfcert.base.findings import Kind, made_by
from asfcert.base.i18n import L10n, percent
from asfcert.rules.base import Outcome, RuleContext, RuleOptions

ID = "no-public-owner"


class Options(RuleOptions):
    rule: Literal["no-public-owner"]
    max_percent: Decimal = Field(Decimal(0), ge=0, le=100)


PUBLIC_OWNER = Kind(
    "public-owner",
    L10n("Offentlig ägare", "Public-sector owner"),
    L10n("{owner} (offentlig sektor) äger {share} av företaget", "{owner} (public sector) owns {share} of the company"),
    L10n(
        "Ett ASF kan aldrig ägas av offentlig sektor, inte ens till en liten del. Ägandet behöver föras över innan certifiering.",
        "An ASF can never be owned by the public sector, not even a small part. The share must be transferred before certification.",
    ),
)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    owners = ctx.company.owners
    if not owners:
        return ctx.missing("owners")
    outcome = Outcome()
    public = Decimal(0)
    from asfcert.rules.org_number import public_sector

    for i, owner in enumerate(owners):
        by_number = owner.kind != "public-sector" and public_sector(owner.org_number)
        if owner.kind != "public-sector" and not by_number:
            continue
        share = owner.share_percent
        public += share or 0
        if share is None or share > opts.max_percent:
            shown = percent(share) if share is not None else L10n("en okänd andel", "an unknown share")
            outcome.findings.append(ctx.finding(PUBLIC_OWNER, "owners", i, "org_number" if by_number else "kind", owner=owner.name, share=shown, share_percent=share))
    outcome.figures = {"public_sector_percent": float(public)}
    return outcome


KINDS = made_by(ID, PUBLIC_OWNER)
