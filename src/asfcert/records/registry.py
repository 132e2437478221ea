"""The certifier's registry: one folder, marked by `registry.yaml`, that holds the cohorts
and `certificates/` with one record per certificate.

    registry.yaml                    certifier, number prefix, verification address
    certificates/ASF-2026-0007.yaml  the record (authoritative: status, hashes, events)
    certificates/ASF-2026-0007-sv.pdf  the PDF as issued, per language

A number is taken by creating its record with `atomic.create_exclusive`: two runs at the
same moment can never get the same number, and a record is never half-written. Later
changes to a record (status, another language) happen under a lock file and are written
atomically."""

from __future__ import annotations

import os
import re
import socket
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from asfcert.base.errors import UserError
from asfcert.base.i18n import L10n
from asfcert.io import atomic

REGISTRY_FILE = "registry.yaml"
CERT_DIR = "certificates"
RECORD_FORMAT = "asfcert-certificate/1"
LOCK_STALE_SECONDS = 600

_EXAMPLE = "format: asfcert-registry/1\ncertifier: SKOOPI\nprefix: ASF"


@dataclass
class Registry:
    root: Path
    model: object  # model.certificate.Registry

    @property
    def folder(self) -> Path:
        return self.root / CERT_DIR

    def record_path(self, number: str) -> Path:
        return self.folder / f"{number}.yaml"

    def pdf_path(self, number: str, lang: str) -> Path:
        return self.folder / f"{number}-{lang}.pdf"

    def relative(self, path: Path) -> str | None:
        try:
            return Path(os.path.realpath(path)).relative_to(os.path.realpath(self.root)).as_posix()
        except ValueError:
            return None


def find(start: Path | None, explicit: Path | None = None) -> Registry:
    """The registry given with --registry or $ASFCERT_REGISTRY, else the nearest folder
    above `start` (and then the working folder) that holds registry.yaml."""
    given = explicit or (Path(os.environ["ASFCERT_REGISTRY"]) if os.environ.get("ASFCERT_REGISTRY") else None)
    if given is not None:
        if not (given / REGISTRY_FILE).is_file():
            raise UserError(
                L10n(f"{given} är inget register: {REGISTRY_FILE} saknas", f"{given} is not a registry: {REGISTRY_FILE} is missing"),
                hint=_create_hint(),
            )
        return Registry(given, _load_model(given / REGISTRY_FILE))
    places = []
    if start is not None:
        places += [Path(os.path.realpath(start)), *Path(os.path.realpath(start)).parents]
    places += [Path.cwd(), *Path.cwd().parents]
    for place in places:
        if (place / REGISTRY_FILE).is_file():
            return Registry(place, _load_model(place / REGISTRY_FILE))
    raise UserError(
        L10n("Inget certifikatregister hittades", "No certificate registry found"),
        hint=_create_hint(),
    )


def _create_hint() -> L10n:
    return L10n(
        f"Skapa {REGISTRY_FILE} i mappen som rymmer omgångarna, med raderna\n    "
        + _EXAMPLE.replace("\n", "\n    ") + "\n  eller ange mappen med --registry MAPP (se docs/auditor.md).",
        f"Create {REGISTRY_FILE} in the folder that holds the cohorts, with the lines\n    "
        + _EXAMPLE.replace("\n", "\n    ") + "\n  or give the folder with --registry DIR (see docs/auditor.md).",
    )


def _load_model(path: Path):
    from asfcert.formats.certificate import Registry as RegistryModel

    return _validated(path, RegistryModel, str(path))


def _validated(path: Path, model, shown: str):
    """The file validated against `model`; it must be in its own folder, not a link out."""
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import YamlProblem, load

    try:
        doc = load(path, shown, within=path.parent)
    except YamlProblem as p:
        raise _broken(shown, [p.finding]) from None
    instance, problems = validate(model, doc)
    if instance is None:
        raise _broken(shown, problems)
    return instance


def _broken(shown: str, findings) -> UserError:
    return UserError(
        L10n(f"{shown} går inte att använda", f"{shown} cannot be used"),
        hint=L10n("Rätta raderna ovan (se docs/auditor.md).", "Correct the lines above (see docs/auditor.md)."),
        findings=findings,
    )


def load_record(path: Path, shown: str | None = None):
    """A certificate record, validated; a `UserError` (exit 2) when it is broken."""
    from asfcert.formats.certificate import CertificateRecord

    return _validated(path, CertificateRecord, shown or str(path))


def get(reg: Registry, number: str):
    """The record for `number`, or None when the registry has none."""
    path = reg.record_path(number)
    if not re.fullmatch(r"[A-Za-z0-9-]+", number) or not os.path.lexists(path):
        return None  # anything else at the path (a folder, a loop) is reported by the loader
    return load_record(path, f"{CERT_DIR}/{path.name}")


def records(reg: Registry) -> list:
    if not reg.folder.is_dir():
        return []
    return [load_record(p, f"{CERT_DIR}/{p.name}") for p in sorted(reg.folder.glob("*.yaml")) if not p.name.startswith(".")]


def dump(record) -> str:
    """A record as YAML text (block style, dates as dates)."""
    from asfcert.io import yamlwrite

    data = record.model_dump(mode="python", exclude_none=True)
    return yamlwrite.dump(
        yamlwrite.round_trip(), data, "# Certificate record written by `asfcert certify`. Do not edit: see docs/auditor.md.\n"
    )


def allocate(reg: Registry, year: int, make) -> tuple[str, object]:
    """Take the next free number for `year`: `make(number)` builds the record (and may
    render the PDF the number goes on), which is then created exclusively. On a collision
    with a concurrent run the next number is tried."""
    prefix = reg.model.prefix
    pattern = re.compile(rf"^{re.escape(prefix)}-{year:04d}-(\d+)\.yaml$")
    taken = [int(m.group(1)) for p in (reg.folder.iterdir() if reg.folder.is_dir() else ()) if (m := pattern.match(p.name))]
    n = max(taken, default=0) + 1
    for _ in range(10_000):
        number = f"{prefix}-{year:04d}-{n:04d}"
        record = make(number)
        if atomic.create_exclusive(reg.record_path(number), dump(record).encode("utf-8")):
            return number, record
        n += 1
    raise UserError(L10n("Inget ledigt certifikatnummer", "No free certificate number"))  # pragma: no cover


@contextmanager
def locked(reg: Registry, number: str):
    """Hold `certificates/.NUMBER.lock` while a record is changed. A lock is left from a
    crashed or killed run, and taken over, when it is older than LOCK_STALE_SECONDS or when
    the run that holds it (process id and host in the file) no longer exists."""
    lock = reg.folder / f".{number}.lock"
    deadline = time.monotonic() + 30
    while not atomic.create_exclusive(lock, f"{os.getpid()} {socket.gethostname()}\n".encode()):
        try:
            if time.time() - lock.stat().st_mtime > LOCK_STALE_SECONDS or _holder_gone(lock):
                lock.unlink()
                continue
        except FileNotFoundError:
            continue
        if time.monotonic() > deadline:
            raise UserError(
                L10n(f"Certifikatet {number} är låst av en annan körning", f"The certificate {number} is locked by another run"),
                hint=L10n(f"Försök igen om en stund, eller ta bort {lock} om ingen körning pågår.",
                          f"Try again in a moment, or remove {lock} if nothing is running."),
            )
        time.sleep(0.05)
    try:
        yield
    finally:
        try:
            lock.unlink()
        except FileNotFoundError:
            pass


def _holder_gone(lock: Path) -> bool:
    """True when the lock names a process on this host that has ended."""
    if os.name != "posix":
        return False  # no cheap and safe liveness check: the age decides
    try:
        pid_text, _, host = lock.read_text(encoding="utf-8").strip().partition(" ")
        pid = int(pid_text)
    except (OSError, ValueError):
        return False
    if host != socket.gethostname() or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def update(reg: Registry, number: str, change) -> object:
    """Apply `change(record) -> record` to a record under its lock and save it atomically."""
    with locked(reg, number):
        record = get(reg, number)
        if record is None:
            raise unknown(number)
        new = change(record)
        atomic.write_text(reg.record_path(number), dump(new))
        return new


def unknown(number: str) -> UserError:
    return UserError(
        L10n(f"Certifikatet {number} finns inte i registret", f"The certificate {number} is not in the registry"),
        hint=L10n("Kontrollera numret och registret (--registry).", "Check the number and the registry (--registry)."),
    )
