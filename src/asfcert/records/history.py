"""What changed since the company's last certificate: for re-certification, the auditor
sees the files (by SHA-256) and the requirements (machine status and grade) that differ
from the snapshot the previous certificate was issued on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.records.snapshot import Changes, FileState, compare


@dataclass
class SinceCertificate:
    number: str
    effective: dt.date
    files: Changes
    requirements: list[dict] = field(default_factory=list)  # id, change, before {machine, grade}, now {...}

    def __bool__(self) -> bool:
        return bool(self.files or self.requirements)

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "effective": self.effective.isoformat(),
            "files": self.files.to_dict(),
            "requirements": self.requirements,
        }


def previous_in_folder(root: Path):
    """The newest certificate record copied into the company folder's certificate/, if any."""
    from asfcert.records.certificates import newest_copy

    return newest_copy(root)


def compare_with(previous, files_now: list[FileState], items_now) -> SinceCertificate:
    """`items_now`: objects with id, machine_status and grade (decision.Item)."""
    before = previous.snapshot.requirements
    now = {i.id: {"machine": i.machine_status, "grade": i.grade} for i in items_now}
    reqs = []
    for req_id in sorted(set(before) | set(now)):
        if req_id not in before:
            reqs.append({"id": req_id, "change": "added", "before": None, "now": now[req_id]})
        elif req_id not in now:
            reqs.append({"id": req_id, "change": "removed", "before": before[req_id], "now": None})
        elif before[req_id].get("machine") != now[req_id]["machine"] or (
            now[req_id]["grade"] is not None and before[req_id].get("grade") != now[req_id]["grade"]
        ):
            reqs.append({"id": req_id, "change": "changed", "before": before[req_id], "now": now[req_id]})
    return SinceCertificate(previous.number, previous.effective, compare(previous.snapshot.files, files_now), reqs)
