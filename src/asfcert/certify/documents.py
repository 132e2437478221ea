"""The documents of a certificate: the signed PDF, and the stamp (SVG and PNG) for the
company folder, rendered from the record. Written by `certify` through `records`.

The PDF is signed when it is made (certify/signing.py), with the key `Signing` unlocks;
its QR code points to the certificate's verification page when the registry names one
(`registry.verification_url`), and otherwise holds a compact token signed by the same
key (`trust.make_token`), which `asfcert verify TOKEN` checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity
from asfcert.base.i18n import L10n, Lang
from asfcert.records.certificates import company_files

# Catalogued with certify/issue.py's kinds.
TSA_INVALID = Kind(
    "certify-tsa-invalid",
    L10n("Tidsstämpeltjänstens adress går inte att använda", "The timestamp authority's address cannot be used"),
    L10n("--tsa {url}: ingen http- eller https-adress", "--tsa {url}: not an http or https address"),
    L10n("Ange tidsstämpeltjänstens adress, till exempel --tsa https://tsa.exempel.se/tsr, eller utelämna --tsa.",
         "Give the timestamp authority's address, for example --tsa https://tsa.example.com/tsr, or leave out --tsa."),
    Severity.ERROR,
    effect=Effect.ABORTS,
)
TSA_FAILED = Kind(
    "certify-tsa-failed",
    L10n("Ingen tidsstämpel", "No timestamp"),
    L10n("Tidsstämpeltjänsten {url} svarade inte som väntat ({reason}); inget certifikat har utfärdats",
         "The timestamp authority {url} did not answer as it should ({reason}); no certificate was issued"),
    L10n("Försök igen senare, eller utfärda utan --tsa.", "Try again later, or issue without --tsa."),
    Severity.ERROR,
    effect=Effect.ABORTS,
)


@dataclass
class Signing:
    """The certifier's signing key for one run, unlocked on first use: before a number is
    claimed when a certificate is issued, and only when a PDF must be made again when one
    is completed. `passphrase` None: from $ASFCERT_KEY_PASSPHRASE or asked for."""

    registry: object  # records.registry.Registry
    lang: Lang = "sv"
    passphrase: bytes | None = field(default=None, repr=False)
    tsa: str | None = None
    early: object = field(default=None, repr=False)  # records.key_unlock.Unlocking, from `unlock_early`
    _signer: object = field(default=None, repr=False)
    _timestamper: object = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.tsa is not None:
            from asfcert.certify.signing import timestamper_for

            try:
                self._timestamper = timestamper_for(self.tsa)
            except ValueError:
                raise Abort(TSA_INVALID, url=self.tsa) from None

    def signer(self):
        if self._signer is None:
            from asfcert.records import keys

            store = keys.open_store(self.registry.root)  # keys-missing: a registry made before `registry init`
            secret = self.passphrase if self.passphrase is not None else keys.passphrase(new=False, lang=self.lang)
            self._signer = store.signer(secret, early=self.early)
        return self._signer

    def certificate_pdf(self, record, lang: Lang, logo: bytes | None) -> bytes:
        """The certificate in `lang`, signed (PAdES, with the visible block)."""
        from asfcert.certify.signing import sign_pdf, signature
        from asfcert.records.registry import verification_url
        from asfcert.records.trust import make_token
        from asfcert.render.certificate.view import render_pdf

        signer = self.signer()
        url = verification_url(self.registry.model, record.number, record.code)
        qr = url or make_token(record.number, record.code, record.valid_until, signer)
        if self._timestamper is None:  # signed as it is written, without pyHanko
            return render_pdf(record, lang, qr, url, logo, signature(signer, number=record.number, lang=lang))
        plain = render_pdf(record, lang, qr, url, logo)
        try:
            return sign_pdf(plain, signer, number=record.number, lang=lang, timestamper=self._timestamper)
        except OSError as e:  # pyHanko's TimestampRequestError: the TSA is unreachable or refused
            raise Abort(TSA_FAILED, location=Location(str(self.tsa)), url=str(self.tsa), reason=str(e) or type(e).__name__) from None


def unlock_early(start: Path, registry: Path | None, passphrase: bytes | None):
    """The signing key's derivation (records/key_unlock.py), started in a thread before
    the case is loaded, so the two overlap; `Signing.signer` uses it for the same file and
    passphrase. Only when the passphrase is known without asking (a prompt comes where it
    always came, after the case was found fit), and only where the keys are found: any
    refusal is left to `Signing.signer`, in its place. A run that then needs no key (the
    certificate exists, or the case is refused) leaves the thread to end with the process."""
    import os

    from asfcert.records import keys
    from asfcert.records import registry as registries

    secret = passphrase if passphrase is not None else os.environ.get(keys.PASSPHRASE_ENV, "").encode("utf-8")
    if not secret:
        return None
    try:
        store = keys.open_store(registries.locate(start, registry))
    except Abort:
        return None
    return store.unlocking(secret)


def company_documents(root: Path, record, lang: Lang, pdf: bytes) -> dict[Path, bytes]:
    """The PDF as issued and the stamp as SVG and PNG, by where they go in certificate/."""
    from asfcert.render.certificate import stamp
    from asfcert.render.certificate.view import stamp_view

    view = stamp_view(record, lang)
    paths = company_files(root, record.number, lang)
    return {paths["pdf"]: pdf, paths["svg"]: stamp.svg(view).encode("utf-8"), paths["png"]: stamp.png(view)}

