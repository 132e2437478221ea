"""`complaints.yaml` in the registry folder, with one loader and one saver: the complaints
against certificates (see docs/cohort.md). The file is changed under a lock, written
atomically and read back through the loader before it replaces the old one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from asfcert.base.findings import Effect, Kind, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.layout import REGISTRY_FILE
from asfcert.io import atomic
from asfcert.records.files import checked_text, validated

COMPLAINTS_FILE = "complaints.yaml"
FORMAT = "asfcert-complaints/1"
_HEADER = "# Complaints against certificates, written by `asfcert registry complaint`. See docs/cohort.md.\n"

COMPLAINTS_UNUSABLE = Kind(
    "complaints-unusable",
    L10n("Klagomålsfilen går inte att använda", "The complaints file cannot be used"),
    L10n("Klagomålsfilen går inte att använda", "The complaints file cannot be used"),
    L10n("Rätta raderna ovan (se docs/cohort.md), eller hämta filen från registrets säkerhetskopia.",
         "Correct the lines above (see docs/cohort.md), or restore the file from the registry's backup."),
    Severity.ERROR,
    effect=Effect.ABORTS,
)


def registry_above(start: Path) -> Path | None:
    """The certifier's registry folder: `start` or the nearest folder above it that holds
    registry.yaml; None when there is none."""
    start = Path(start).resolve()
    return next((p for p in (start, *start.parents) if (p / REGISTRY_FILE).is_file()), None)


def load(registry_root: Path) -> list:
    """The complaints of a registry (none when the file does not exist); aborts with
    `complaints-unusable` and every located problem when it is broken."""
    from asfcert.formats.complaint import Complaints

    path = Path(registry_root) / COMPLAINTS_FILE
    if not path.exists() and not path.is_symlink():
        return []
    return validated(path, COMPLAINTS_FILE, Complaints, COMPLAINTS_UNUSABLE, within=path.parent)[0].complaints


def save(registry_root: Path, complaints: list) -> Path:
    """Write every complaint, after reading the text back through the loader's model."""
    from asfcert.formats.complaint import Complaints
    from asfcert.io import yamlwrite

    model = Complaints(format=FORMAT, complaints=complaints)
    text = yamlwrite.dump(yamlwrite.round_trip(), model.model_dump(mode="python", exclude_none=True), _HEADER)
    again, _ = checked_text(text, COMPLAINTS_FILE, Complaints, COMPLAINTS_UNUSABLE)
    if again.model_dump() != model.model_dump():  # pragma: no cover - the dumper and loader disagree: a bug
        raise AssertionError("complaints.yaml does not read back as written")
    path = Path(registry_root) / COMPLAINTS_FILE
    atomic.write_text(path, text)
    return path


def under_investigation(complaints: list, day: dt.date) -> set[str]:
    """The certificates with a complaint received or being investigated on `day`. The public
    ASF list shows it only where the standard's `policy.publish_complaints_under_investigation`
    says so."""
    from asfcert.formats.complaint import OPEN_STATUSES

    out = set()
    for c in complaints:
        change = c.on(day)
        if change is not None and change.status in OPEN_STATUSES:
            out.add(c.certificate)
    return out


KINDS = made_by("complaints", COMPLAINTS_UNUSABLE)
