"""The certifier's year in a cohort report: certificates due for renewal, remarks past their
deadline (with the exact command that suspends the certificate) and due within 30 days, and
the complaints against the certificates in the report."""

from __future__ import annotations

import datetime as dt
import shlex
from dataclasses import asdict, dataclass, field
from pathlib import Path

from asfcert.base.dates import add_days, add_months
from asfcert.base.i18n import L10n, Lang

REMARK_WARNING_DAYS = 30  # a remark due this soon is listed, so the company is reminded in time

_SUSPEND_REASON = L10n(
    "Anmärkningen på {requirement} åtgärdades inte senast {deadline}",
    "The remark on {requirement} was not fixed by {deadline}",
)


@dataclass
class Year:
    renewal_window_months: int = 6
    renewals_due: list[dict] = field(default_factory=list)  # cohort, company, certificate, valid_until, renewing_in
    remarks_overdue: list[dict] = field(default_factory=list)  # cohort, company, certificate, requirement, text, deadline, command {sv, en}
    remarks_due_soon: list[dict] = field(default_factory=list)  # the same, without command
    complaints: list[dict] = field(default_factory=list)  # id, certificate, company, received, status, outcome, action

    def to_dict(self) -> dict:
        return asdict(self)


def suspend_command(number: str, requirement: str, deadline: str, lang: Lang, registry: Path | None) -> str:
    """`asfcert certify --suspend NUMBER --reason '…'` (with `--registry` when one is known),
    ready to paste into a shell."""
    reason = _SUSPEND_REASON.get(lang).format(requirement=requirement, deadline=deadline)
    command = ["asfcert", "certify", "--suspend", number, "--reason", reason]
    if registry is not None:
        command += ["--registry", str(registry)]
    if lang != "sv":
        command += ["--lang", lang]
    return shlex.join(command)


def build(rows: list, today: dt.date, *, window_months: int, registry: Path | None, complaints: list) -> Year:
    year = Year(renewal_window_months=window_months)
    due = add_months(today, window_months).isoformat()
    soon = add_days(today, REMARK_WARNING_DAYS).isoformat()
    renewing = {r.renews: r.cohort for r in rows if getattr(r, "renews", None)}
    names = {}
    for r in rows:
        name = r.name or r.folder
        if r.certificate:
            names[r.certificate] = name
        if r.certificate and r.certificate_status == "valid" and r.valid_until and r.valid_until <= due:
            year.renewals_due.append({"cohort": r.cohort, "company": name, "certificate": r.certificate,
                                      "valid_until": r.valid_until, "renewing_in": renewing.get(r.certificate)})
        for m in r.open_remarks:
            item = {"cohort": r.cohort, "company": name, "certificate": r.certificate,
                    "requirement": m["requirement"], "text": m["text"], "deadline": m["deadline"]}
            if m["past_due"]:
                # a suspended certificate is already suspended: only a valid one gets the command
                item["command"] = ({lg: suspend_command(r.certificate, m["requirement"], m["deadline"], lg, registry) for lg in ("sv", "en")}
                                   if r.certificate_status == "valid" else None)
                year.remarks_overdue.append(item)
            elif m["deadline"] <= soon:
                year.remarks_due_soon.append(item)
    year.renewals_due.sort(key=lambda e: (e["valid_until"], e["company"]))
    year.remarks_overdue.sort(key=lambda e: (e["deadline"], e["company"]))
    year.remarks_due_soon.sort(key=lambda e: (e["deadline"], e["company"]))
    year.complaints = complaint_rows(complaints, today, names)
    return year


def complaint_rows(complaints: list, today: dt.date, names: dict[str, str]) -> list[dict]:
    """The complaints received by `today`, as they stood on that day; those about a
    certificate outside the report are left out (`names`: certificate -> company)."""
    out = []
    for c in complaints:
        change = c.on(today)
        if change is None or c.certificate not in names:
            continue
        action = c.action.model_dump(mode="json", exclude_none=True) if c.action and change.outcome != "none" else None
        out.append({"id": c.id, "certificate": c.certificate, "company": names[c.certificate], "received": c.received.isoformat(),
                    "summary": c.summary, "status": change.status, "outcome": change.outcome, "action": action})
    return out
