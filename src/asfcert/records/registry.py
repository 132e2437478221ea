"""The certifier's registry: one folder, marked by `registry.yaml`, that holds the cohorts
and `certificates/` with one record per certificate.

    registry.yaml                       certifier, number prefix, verification address
    certificates/ASF-2026-0007.yaml     the record (authoritative: status, hashes, events)
    certificates/ASF-2026-0007-sv.pdf   the PDF as issued, per language
    certificates/.ASF-2026-0007.pending a number claimed by a certificate being issued

Issuing is a transaction (see certify/issue.py): a number is claimed by creating its
pending marker with `atomic.create_exclusive`, so two runs can never get the same number;
the record is created last, exclusively and whole, and is the commit. Later changes to a
record (status, another language) happen under a lock file and are written atomically."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.layout import REGISTRY_CERT_DIR, REGISTRY_FILE
from asfcert.io import atomic
from asfcert.records import by_content, registry_lock
from asfcert.records.files import validated

CERT_DIR = REGISTRY_CERT_DIR
RECORD_FORMAT = "asfcert-certificate/1"

_EXAMPLE = "format: asfcert-registry/1\ncertifier: SKOOPI\nprefix: ASF"
_CREATE = L10n(
    f"Skapa {REGISTRY_FILE} i mappen som rymmer omgångarna, med raderna\n    "
    + _EXAMPLE.replace("\n", "\n    ") + "\n  eller ange mappen med --registry MAPP (se docs/auditor.md).",
    f"Create {REGISTRY_FILE} in the folder that holds the cohorts, with the lines\n    "
    + _EXAMPLE.replace("\n", "\n    ") + "\n  or give the folder with --registry DIR (see docs/auditor.md).",
)
_E = Severity.ERROR
REGISTRY_MISSING = Kind(
    "registry-missing",
    L10n("Inget register i mappen", "No registry in the folder"),
    L10n("Mappen är inget register: filen saknas", "The folder is not a registry: the file is missing"),
    _CREATE,
    _E,
    effect=Effect.ABORTS,
)
REGISTRY_NOT_FOUND = Kind(
    "registry-not-found",
    L10n("Inget certifikatregister hittades", "No certificate registry found"),
    L10n("Inget certifikatregister hittades ovanför {start} eller arbetsmappen",
         "No certificate registry found above {start} or the working folder"),
    _CREATE,
    _E,
    effect=Effect.ABORTS,
)
REGISTRY_UNUSABLE = Kind(
    "registry-unusable",
    L10n("Registerfilen går inte att använda", "The registry file cannot be used"),
    L10n("Registerfilen går inte att använda", "The registry file cannot be used"),
    L10n("Rätta raderna ovan (se docs/auditor.md).", "Correct the lines above (see docs/auditor.md)."),
    _E,
    effect=Effect.ABORTS,
)
CERTIFICATE_RECORD_UNUSABLE = Kind(
    "certificate-record-unusable",
    L10n("Certifikatposten går inte att använda", "The certificate record cannot be used"),
    L10n("Certifikatposten går inte att använda", "The certificate record cannot be used"),
    L10n("Rätta raderna ovan (se docs/auditor.md), eller hämta posten från registrets säkerhetskopia.",
         "Correct the lines above (see docs/auditor.md), or restore the record from the registry's backup."),
    _E,
    effect=Effect.ABORTS,
)
CERTIFICATE_UNKNOWN = Kind(
    "certificate-unknown",
    L10n("Okänt certifikat", "Unknown certificate"),
    L10n("Certifikatet {number} finns inte i registret {registry}", "The certificate {number} is not in the registry {registry}"),
    L10n("Kontrollera numret och registret (--registry).", "Check the number and the registry (--registry)."),
    _E,
    effect=Effect.ABORTS,
)
CERTIFICATE_LOCKED = Kind(
    "certificate-locked",
    L10n("Certifikatet är låst", "The certificate is locked"),
    L10n("{number} är låst av en annan körning", "{number} is locked by another run"),
    L10n("Försök igen om en stund, eller ta bort {lock} om ingen körning pågår.",
         "Try again in a moment, or remove {lock} if nothing is running."),
    _E,
    effect=Effect.ABORTS,
)
LOGO_UNUSABLE = Kind(
    "registry-logo-unusable",
    L10n("Certifierarens logotyp går inte att använda", "The certifier's mark cannot be used"),
    L10n("certifier_logo i registry.yaml: {reason}", "certifier_logo in registry.yaml: {reason}"),
    L10n("Lägg en PNG- eller JPEG-bild (högst 2 MB) i registrets mapp och ange dess namn, eller ta bort raden.",
         "Put a PNG or JPEG image (at most 2 MB) in the registry folder and give its name, or remove the line."),
    _E,
    effect=Effect.ABORTS,
)
NUMBERS_EXHAUSTED = Kind(
    "certificate-numbers-exhausted",
    L10n("Inget ledigt certifikatnummer", "No free certificate number"),
    L10n("Inget ledigt certifikatnummer för {year}", "No free certificate number for {year}"),
    L10n("Kontrollera mappen certificates/ i registret.", "Check the folder certificates/ in the registry."),
    _E,
    effect=Effect.ABORTS,
)


class Registry:
    """A registry found: its folder, and registry.yaml validated. `load`: a function that
    gives the validated model when it is first asked for (find() with a cache, where these
    bytes were validated before: `verify` asks nothing of it, and builds no pydantic model)."""

    def __init__(self, root: Path, model: object = None, load: Callable[[], object] | None = None):
        self.root = root
        self._model, self._load = model, load

    @property
    def model(self):  # formats.certificate.Registry
        if self._load is not None:
            self._model, self._load = self._load(), None
        return self._model

    @property
    def folder(self) -> Path:
        return self.root / CERT_DIR

    def record_path(self, number: str) -> Path:
        return self.folder / f"{number}.yaml"

    def pdf_path(self, number: str, lang: str) -> Path:
        return self.folder / f"{number}-{lang}.pdf"

    def modes(self) -> tuple[int, int]:
        """Folder and file modes for what is written here: the registry folder's own
        (a group-shared registry stays shared)."""
        return atomic.modes_of(self.root)

    def relative(self, path: Path) -> str | None:
        try:
            return Path(os.path.realpath(path)).relative_to(os.path.realpath(self.root)).as_posix()
        except ValueError:
            return None


def find(start: Path | None, explicit: Path | None = None, cache=None) -> Registry:
    """The registry given with --registry or $ASFCERT_REGISTRY, else the nearest folder
    above `start` (and then the working folder) that holds registry.yaml. With a `cache`
    (io.cache.Cache), registry.yaml validated from the same bytes before is not validated
    again until its model is asked for."""
    return _registry(locate(start, explicit), cache)


def locate(start: Path | None, explicit: Path | None = None) -> Path:
    """The folder `find` finds, without reading its registry.yaml."""
    given = explicit or (Path(os.environ["ASFCERT_REGISTRY"]) if os.environ.get("ASFCERT_REGISTRY") else None)
    if given is not None:
        if not (given / REGISTRY_FILE).is_file():
            raise Abort(REGISTRY_MISSING, location=Location(str(given / REGISTRY_FILE)), folder=str(given), file=REGISTRY_FILE)
        return given
    places = []
    if start is not None:
        places += [Path(os.path.realpath(start)), *Path(os.path.realpath(start)).parents]
    places += [Path.cwd(), *Path.cwd().parents]
    for place in places:
        if (place / REGISTRY_FILE).is_file():
            return place
    raise Abort(REGISTRY_NOT_FOUND, start=str(start if start is not None else Path.cwd()))


_REGISTRY_FILES = "registry-file"


def _registry(root: Path, cache) -> Registry:
    path = root / REGISTRY_FILE
    if cache is None or not cache.enabled:
        return Registry(root, _load_model(path))
    from asfcert.io.yamlfile import YamlProblem

    try:
        raw = by_content.raw(path, str(path))
    except YamlProblem:  # the loader says where and why
        return Registry(root, _load_model(path))
    digest, kept = by_content.kept(raw, cache, _REGISTRY_FILES)
    if kept is None:
        kept = _plain_registry(raw, str(path))
        if kept is not None:  # as asfcert writes it: valid, and kept as the model's JSON without building the model
            cache.put_bytes(_REGISTRY_FILES, digest, kept)
    if kept is None:
        return Registry(root, by_content.valid_and_kept(raw, str(path), cache, _REGISTRY_FILES, digest, _registry_model(),
                                                        REGISTRY_UNUSABLE, lambda: _load_model(path)))
    return Registry(root, load=lambda: by_content.from_kept(kept, cache, _REGISTRY_FILES, digest, _registry_model(), lambda: _load_model(path)))


def _plain_registry(raw: bytes, shown: str) -> bytes | None:
    """registry.yaml's values as the model's JSON, when records/plain_certificate.py can
    tell them valid without the model; else None."""
    import json

    from asfcert.io.yamlfile import YamlProblem, parse
    from asfcert.records import plain_certificate

    try:
        plain = plain_certificate.registry(parse(raw, shown).data)
    except YamlProblem:
        return None
    return None if plain is None else json.dumps(plain_certificate.as_data(plain), ensure_ascii=False).encode("utf-8")


def _registry_model():
    from asfcert.formats.certificate import Registry as RegistryModel

    return RegistryModel


def _load_model(path: Path):
    """registry.yaml, validated; it must be in its own folder, not a link out."""
    return validated(path, str(path), _registry_model(), REGISTRY_UNUSABLE, within=path.parent)[0]


def load_record(path: Path, shown: str | None = None, cache=None):
    """A certificate record, validated (the registry's or a company's copy); an abort
    (exit code 2) when it is broken. It must be in its own folder, not a link out. With a
    `cache` (io.cache.Cache), the record validated from the same bytes before is reused."""
    from asfcert.formats.certificate import CertificateRecord

    shown = shown or str(path)
    if cache is not None and cache.enabled:
        return _cached_record(path, shown, cache, CertificateRecord)
    return validated(path, shown, CertificateRecord, CERTIFICATE_RECORD_UNUSABLE, within=path.parent)[0]


_RECORDS = "certificate-record"


def _cached_record(path: Path, shown: str, cache, model):
    """The record validated from the file's bytes, kept as the model's JSON under their
    SHA-256 (and the tool's: io.cache.key); kept only when that JSON validates back to the
    same record. An entry that does not validate is dropped."""
    from asfcert.io.yamlfile import YamlProblem
    from asfcert.records.files import unusable

    try:
        raw = by_content.raw(path, shown)
    except YamlProblem as p:
        raise unusable(CERTIFICATE_RECORD_UNUSABLE, shown, [p.finding]) from None
    digest, kept = by_content.kept(raw, cache, _RECORDS)

    def validate():
        return by_content.valid_and_kept(raw, shown, cache, _RECORDS, digest, model, CERTIFICATE_RECORD_UNUSABLE,
                                         lambda: validated(path, shown, model, CERTIFICATE_RECORD_UNUSABLE, within=path.parent)[0])

    return validate() if kept is None else by_content.from_kept(kept, cache, _RECORDS, digest, model, validate)


def get(reg: Registry, number: str):
    """The record for `number`, or None when the registry has none."""
    path = reg.record_path(number)
    if not re.fullmatch(r"[A-Za-z0-9-]+", number) or not os.path.lexists(path):
        return None  # anything else at the path (a folder, a loop) is reported by the loader
    return load_record(path, f"{CERT_DIR}/{path.name}")


def read(reg: Registry, number: str):
    """The record for `number` to be read, never changed (verify): its values as
    records/plain_certificate.py reads a record as asfcert writes it (no model is built),
    else the validated model (`get`, which says what is wrong); None when there is none."""
    from asfcert.io.yamlfile import YamlProblem, parse
    from asfcert.records import plain_certificate

    path = reg.record_path(number)
    if not re.fullmatch(r"[A-Za-z0-9-]+", number) or not os.path.lexists(path):
        return None
    shown = f"{CERT_DIR}/{path.name}"
    try:
        plain = plain_certificate.record(parse(by_content.raw(path, shown), shown).data)
    except YamlProblem:
        plain = None
    return plain if plain is not None else load_record(path, shown)


def record_bytes(reg: Registry, number: str) -> bytes | None:
    """The bytes of the record for `number`; None when the registry has none, or it cannot
    be read as a record file (then `get` says why)."""
    from asfcert.io.yamlfile import YamlProblem

    path = reg.record_path(number)
    if not re.fullmatch(r"[A-Za-z0-9-]+", number) or not os.path.lexists(path):
        return None
    try:
        return by_content.raw(path, f"{CERT_DIR}/{path.name}")
    except YamlProblem:
        return None


def records(reg: Registry, cache=None) -> list:
    """Every certificate record, by number; `cache` as for `load_record`."""
    if not reg.folder.is_dir():
        return []
    return [load_record(p, f"{CERT_DIR}/{p.name}", cache) for p in sorted(reg.folder.glob("*.yaml")) if not p.name.startswith(".")]


def dump(record) -> str:
    """A record as YAML text (block style, dates as dates)."""
    from asfcert.io import yamlwrite

    data = record.model_dump(mode="python", exclude_none=True)
    return yamlwrite.dump(
        yamlwrite.round_trip(), data, "# Certificate record written by `asfcert certify`. Do not edit: see docs/auditor.md.\n"
    )


def pending_path(reg: Registry, number: str) -> Path:
    return reg.folder / f".{number}.pending"


def _taken(reg: Registry, year: int) -> list[int]:
    """The numbers of `year` that have a record or are claimed by a pending issue."""
    pattern = re.compile(rf"^\.?{re.escape(reg.model.prefix)}-{year:04d}-(\d+)\.(yaml|pending)$")
    names = os.listdir(reg.folder) if reg.folder.is_dir() else ()
    return [int(m.group(1)) for name in names if (m := pattern.match(name)) and (m.group(2) == "yaml") != name.startswith(".")]


def reserve(reg: Registry, year: int, owner: str, make) -> tuple[str, object]:
    """Claim the next free number of `year` for `owner` (a decision id): `make(number)`
    first builds and validates everything that carries the number, then the number's
    pending marker is created exclusively. On a collision with a concurrent run the next
    number is tried. Returns the number and what `make` built."""
    n = max(_taken(reg, year), default=0) + 1
    for _ in range(10_000):
        number = f"{reg.model.prefix}-{year:04d}-{n:04d}"
        made = make(number)
        if atomic.create_exclusive(pending_path(reg, number), f"{owner}\n".encode(), mode=_file_mode(reg)):
            # a run claims before it commits and releases after: with the claim held, a
            # record of the number can only be there if it was committed already
            if not os.path.lexists(reg.record_path(number)):
                return number, made
            release(reg, number)
        n += 1
    raise Abort(NUMBERS_EXHAUSTED, year=year)  # pragma: no cover


def pending(reg: Registry, owner: str) -> list[str]:
    """The numbers claimed for `owner` by an issue that has not finished."""
    found = []
    for path in sorted(reg.folder.glob(".*.pending")) if reg.folder.is_dir() else ():
        try:
            if path.read_text(encoding="utf-8").strip() == owner:
                found.append(path.name[1:-len(".pending")])
        except (OSError, UnicodeDecodeError):
            continue
    return found


def release(reg: Registry, number: str) -> None:
    """Drop the claim on `number` (the issue is committed, or rolled back)."""
    atomic.remove(pending_path(reg, number))


def commit(reg: Registry, number: str, text: str) -> bool:
    """Create the record: the certificate exists from here on. False when a record with
    the number is already there (never replaced)."""
    return atomic.create_exclusive(reg.record_path(number), text.encode("utf-8"), mode=_file_mode(reg))


def save_pdf(reg: Registry, number: str, lang: str, data: bytes) -> None:
    """The registry's copy of a certificate PDF as issued."""
    atomic.write_bytes(reg.pdf_path(number, lang), data, _file_mode(reg))


def _file_mode(reg: Registry) -> int:
    """The mode of a file in certificates/, which is made first when it is missing."""
    folder_mode, file_mode = reg.modes()
    if not reg.folder.is_dir():
        atomic.make_folder(reg.folder, folder_mode)
    return file_mode


@contextmanager
def locked(reg: Registry, number: str):
    """Hold `certificates/.NUMBER.lock` while a record is changed (records/registry_lock.py:
    a lock left by a killed run is taken over)."""
    lock = reg.folder / f".{number}.lock"
    try:
        with registry_lock.held(lock, _file_mode(reg)):
            yield
    except registry_lock.Busy:
        raise Abort(CERTIFICATE_LOCKED, location=Location(str(lock)), number=number, lock=str(lock)) from None


def update(reg: Registry, number: str, change) -> object:
    """Apply `change(record) -> record` to a record under its lock and save it atomically,
    after reading the new text back through the loader."""
    with locked(reg, number):
        record = get(reg, number)
        if record is None:
            raise unknown(reg, number)
        new = change(record)
        text = checked_dump(new)
        atomic.write_text(reg.record_path(number), text, _file_mode(reg))
        return new


def checked_dump(record) -> str:
    """The record as YAML, read back and validated first: asfcert never writes a record it
    could not read again."""
    from asfcert.formats.certificate import CertificateRecord
    from asfcert.records.files import checked_text

    text = dump(record)
    again, _ = checked_text(text, f"{CERT_DIR}/{record.number}.yaml", CertificateRecord, CERTIFICATE_RECORD_UNUSABLE)
    if again.model_dump() != record.model_dump():
        raise AssertionError(f"{record.number}: the record does not read back as written")
    return text


def verification_url(model, number: str, code: str) -> str | None:
    """Where a certificate's QR code and printed line send a reader: `verify_url` (with
    `{number}` and `{code}`) when registry.yaml sets it, else the certificate's page in the
    published list, `{public_url}/verify/{NUMBER}.html` (written by `registry build`), else
    nothing (the QR code then holds a signed token)."""
    if model.verify_url:
        return model.verify_url.replace("{number}", number).replace("{code}", code)
    if model.public_url:
        return f"{model.public_url.rstrip('/')}/verify/{number}.html"
    return None


MAX_LOGO = 2 * 2**20
_LOGO_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def logo(reg: Registry) -> bytes | None:
    """The certifier's mark (`certifier_logo`): a PNG or JPEG file inside the registry
    folder, also after following links. None when registry.yaml names none."""
    from asfcert.io.yamlfile import YamlProblem, read_bytes

    name = reg.model.certifier_logo
    if not name:
        return None
    path = reg.root / name
    try:
        data = read_bytes(path, name, MAX_LOGO, within=reg.root)  # an absolute path or a link out is refused
    except YamlProblem as p:
        raise Abort(LOGO_UNUSABLE, location=Location(str(path)), reason=p.finding.message) from None
    if not data.startswith(_LOGO_MAGIC):
        raise Abort(LOGO_UNUSABLE, location=Location(str(path)),
                    reason=L10n(f"{name} är ingen PNG- eller JPEG-bild i registrets mapp", f"{name} is not a PNG or JPEG image in the registry folder"))
    return data


def unknown(reg: Registry, number: str) -> Abort:
    return Abort(CERTIFICATE_UNKNOWN, number=number, registry=str(reg.root))


KINDS = made_by(
    "registry",
    REGISTRY_MISSING,
    REGISTRY_NOT_FOUND,
    REGISTRY_UNUSABLE,
    CERTIFICATE_RECORD_UNUSABLE,
    CERTIFICATE_UNKNOWN,
    CERTIFICATE_LOCKED,
    LOGO_UNUSABLE,
    NUMBERS_EXHAUSTED,
)
