"""`complaints.yaml` in the registry folder: the complaints against certificates, written by
`asfcert registry complaint`. A summary never holds personal data."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from asfcert.formats.certificate import NUMBER_PATTERN
from asfcert.formats.types import Strict, choice, empty, invalid

COMPLAINT_ID = r"^K-\d{4}-\d{3,6}$"

Status = choice(
    "received", "investigating", "upheld", "dismissed",
    aliases={"mottaget": "received", "mottagen": "received", "utreds": "investigating", "befogat": "upheld", "befogad": "upheld",
             "avvisat": "dismissed", "avvisad": "dismissed", "ogrundat": "dismissed", "ogrundad": "dismissed"},
)
Outcome = choice(
    "none", "remark", "suspension", "withdrawal",
    aliases={"ingen": "none", "anmärkning": "remark", "avstängning": "suspension", "tillfällig indragning": "suspension", "indragning": "withdrawal", "återkallelse": "withdrawal"},
)
OPEN_STATUSES = ("received", "investigating")


class Action(Strict):
    """What the complaint led to, as the certificate record shows it."""

    event: Literal["remark", "suspended", "withdrawn"] = Field(description="A remark on the certificate, or its suspension or withdrawal.")
    date: dt.date | None = Field(None, description="The date of the suspension or withdrawal in the certificate record.")
    requirement: str | None = Field(None, max_length=40, description="The requirement of the remark.")


class Change(Strict):
    date: dt.date = Field(description="When the status changed.")
    status: Status = Field(description="The status from that day.")
    outcome: Outcome = Field("none", description="The outcome from that day.")


class Complaint(Strict):
    id: str = Field(pattern=COMPLAINT_ID, description="`K-YEAR-NNN`, given by asfcert.")
    certificate: str = Field(pattern=NUMBER_PATTERN, description="The certificate the complaint is about.")
    received: dt.date = Field(description="When the complaint came in.")
    summary: str = Field(min_length=1, max_length=500, description="What it is about, without personal data.")
    status: Status = Field("received", description="`received`, `investigating`, `upheld` or `dismissed`.")
    outcome: Outcome = Field("none", description="`none`, `remark`, `suspension` or `withdrawal`.")
    action: Action | None = Field(None, description="The certificate's remark, suspension or withdrawal the outcome led to.")
    history: list[Change] = Field(default_factory=empty, description="Every status change, oldest first.")

    @model_validator(mode="after")
    def _consistent(self):
        if self.outcome != "none" and self.status != "upheld":
            raise invalid("ett utfall kräver status `upheld`", "an outcome needs the status `upheld`")
        if (self.outcome == "none") != (self.action is None):
            raise invalid("utfallet och åtgärden (action) stämmer inte överens", "the outcome and the action do not agree")
        return self

    def on(self, day: dt.date) -> Change | None:
        """The status and outcome on `day`, or None before the complaint came in."""
        if day < self.received:
            return None
        changes = [c for c in self.history if c.date <= day]
        return changes[-1] if changes else Change(date=self.received, status="received")


class Complaints(Strict):
    format: Literal["asfcert-complaints/1"] = Field(description="Always `asfcert-complaints/1`.")
    complaints: list[Complaint] = Field(default_factory=empty, description="Every complaint, in the order received.")

    @model_validator(mode="after")
    def _unique(self):
        ids = [c.id for c in self.complaints]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise invalid(f"{dupes[0]} står två gånger", f"{dupes[0]} appears twice")
        return self
