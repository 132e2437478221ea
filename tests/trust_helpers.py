"""A certifier's registry with keys, certificate records and signed certificate PDFs, for
the tests of keys, signing and the signed list. Every company and person is invented."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

PASSPHRASE = "korrekt häst batteri häftklammer"
ASFCERT = str(Path(sys.executable).parent / "asfcert")
# Keys, signatures and lists are made at the real time (signature checks use the real
# clock); certificates are dated relative to today, so the tests read the same any day.
TODAY = dt.date.today()


def cli(*args, env: dict | None = None, passphrase: str | None = PASSPHRASE, cwd=None):
    """asfcert in a process of its own, with no terminal (stdin is /dev/null)."""
    import os

    environ = {k: v for k, v in os.environ.items() if k not in ("ASFCERT_KEY_PASSPHRASE", "ASFCERT_LANG", "ASFCERT_REGISTRY")}
    if passphrase is not None:
        environ["ASFCERT_KEY_PASSPHRASE"] = passphrase
    environ.update(env or {})
    return subprocess.run([ASFCERT, *args], capture_output=True, text=True, timeout=120, cwd=cwd, env=environ, stdin=subprocess.DEVNULL)


def make_registry(folder: Path, name: str = "SKOOPI", org_number: str = "829502-4247", now: dt.datetime | None = None, **answers):
    """A registry made as `registry init` makes it; returns its KeyStore."""
    from asfcert.records import registry_init

    certifier = registry_init.Certifier(name=name, org_number=org_number, **answers)
    return registry_init.create(registry_init.prepare(folder, certifier), PASSPHRASE.encode(), now)


_TEMPLATE: list[Path] = []


def copy_keys(registry: Path) -> Path:
    """keys/ for `registry` as `registry init` makes it (certifier SKOOPI, PASSPHRASE), copied
    from keys made once per test process: generating and encrypting them takes a second."""
    import atexit
    import shutil
    import tempfile

    from asfcert.records import keys

    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="asfcert-test-keys-"))
        atexit.register(shutil.rmtree, folder, True)  # one per test process: none left behind in /tmp
        keys.write(folder, keys.make("SKOOPI", "829502-4247", PASSPHRASE.encode()))
        _TEMPLATE.append(folder / keys.KEYS_DIR)
    target = Path(registry) / keys.KEYS_DIR
    shutil.copytree(_TEMPLATE[0], target)  # with the modes: 0700, keys 0600, certificates 0644
    return target


def signer(store, now: dt.datetime | None = None):
    return store.signer(PASSPHRASE.encode(), now)


def record(number: str = "ASF-2026-0001", **fields):
    from asfcert.formats.certificate import CertificateRecord

    decided = fields.pop("decided", TODAY - dt.timedelta(days=60))
    data = {
        "format": "asfcert-certificate/1", "number": number, "certifier": "SKOOPI", "certifier_org_number": "829502-4247",
        "company": {"name": "Gröna Händer på Åkern ekonomisk förening", "org_number": "769651-8278"},
        "standard": {"id": "asf-pas10", "version": "2026.1", "title_sv": "Arbetsintegrerande sociala företag",
                     "title_en": "Work-integration social enterprises"},
        "decision": {"id": number, "date": decided, "auditor": "Åsa Öberg", "outcome": "certified"},
        "effective": decided, "valid_until": decided + dt.timedelta(days=729),
        "issued": decided, "code": "QXR7M-2KD9P",
        "events": [{"date": decided, "action": "issued"}],
    }
    data.update(fields)
    return CertificateRecord.model_validate(data)


def certificate_pdf(rec, lang: str = "sv", qr: str = "asfcert-test-token", url: str | None = None, logo: bytes | None = None) -> bytes:
    """The certificate as asfcert's own renderer draws it (render/certificate), unsigned."""
    from asfcert.render.certificate.view import render_pdf

    return render_pdf(rec, lang, qr, url, logo)
