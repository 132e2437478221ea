"""A company's lifecycle state in the cohort: derived from its files where they tell, and
taken from cohort.yaml where they cannot (applied, admitted, withdrawn).

    applied → admitted → in-progress → submitted → audited → certified
                                                            → certified-with-remarks
                                                            → not-certified
    (withdrawn, with a reason, at any point)
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATES = (
    "applied", "admitted", "in-progress", "submitted", "audited",
    "certified", "certified-with-remarks", "not-certified", "withdrawn",
)
STARTED_STATES = {"in-progress", "submitted", "audited", "certified", "certified-with-remarks", "not-certified"}
CERTIFIED_STATES = {"certified", "certified-with-remarks"}
_ORDER = {s: i for i, s in enumerate(STATES)}


@dataclass
class Records:
    """What the audit record and the certificate say about a company."""

    decision: str | None = None  # certified | certified-with-remarks | not-certified
    decision_date: str | None = None
    certificate: str | None = None  # the number of the latest certificate
    certificate_status: str | None = None  # valid | expired | suspended | withdrawn
    valid_until: str | None = None
    open_remarks: list[dict] = field(default_factory=list)  # requirement, text, deadline
    problems: list[dict] = field(default_factory=list)  # Finding.to_dict() of a record that cannot be read


def derive_state(entry, folder_exists: bool, records: Records) -> tuple[str, str]:
    """The state and where it comes from: `files` or `cohort.yaml`."""
    explicit = entry.state if entry is not None else None
    if explicit == "withdrawn":
        return explicit, "cohort.yaml"
    derived = _from_files(entry, folder_exists, records)
    if explicit and _ORDER[explicit] > _ORDER[derived]:
        return explicit, "cohort.yaml"
    return derived, "files"


def _from_files(entry, folder_exists: bool, records: Records) -> str:
    # A certificate issued in the cohort makes the cohort's outcome "certified", even after
    # it has expired; whether it is still valid is shown next to it (certificate_status).
    if records.certificate:
        return "certified-with-remarks" if records.open_remarks else "certified"
    if records.decision == "not-certified":
        return "not-certified"
    if records.decision:
        return "audited"
    if entry is not None and entry.submitted:
        return "submitted"
    return "in-progress" if folder_exists else "admitted"
