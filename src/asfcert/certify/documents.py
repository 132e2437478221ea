"""The documents of a certificate: the data its PDF and stamp are drawn from, the
verification code, and writing them (with a copy of the record) into the company folder."""

from __future__ import annotations

from pathlib import Path

from asfcert.base.i18n import Lang
from asfcert.base.layout import CERTIFICATE_DIR
from asfcert.io import atomic
from asfcert.records.certificates import sha256  # noqa: F401 - used by issue and verify
from asfcert.render.certificate.view import stamp_view


def write_company_files(root: Path, record, lang: Lang, pdf: bytes) -> list[Path]:
    """The PDF, the stamp as SVG and PNG, and a copy of the record, in certificate/."""
    from asfcert.render.certificate import stamp

    folder = Path(root) / CERTIFICATE_DIR
    view = stamp_view(record, lang)
    files = {
        folder / f"{record.number}-{lang}.pdf": pdf,
        folder / f"stamp-{record.number}-{lang}.svg": stamp.svg(view).encode("utf-8"),
        folder / f"stamp-{record.number}-{lang}.png": stamp.png(view),
    }
    for path, data in files.items():
        atomic.write_bytes(path, data)
    copy = folder / f"{record.number}.yaml"
    write_copy(copy, record)
    return [*files, copy]


def write_copy(path: Path, record) -> None:
    """The company's copy of a record. The registry's record is the authoritative one."""
    from asfcert.records.registry import dump

    atomic.write_text(path, dump(record).replace(
        "# Certificate record written by `asfcert certify`.",
        "# A copy of the registry's certificate record; the registry's copy is authoritative.", 1,
    ))


def refresh_copy(registry, record) -> None:
    """Update the copy in the company folder after a status change, when it is reachable."""
    if not record.company.folder:
        return
    path = registry.root / record.company.folder / CERTIFICATE_DIR / f"{record.number}.yaml"
    if path.parent.is_dir():
        write_copy(path, record)
