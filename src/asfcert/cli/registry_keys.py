"""`asfcert registry init DIR` and `asfcert registry keys [DIR] --create|--rotate|--export`.
Registered on the `registry` group by cli/registry_cmd.py."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from asfcert.base.i18n import L10n
from asfcert.cli.registry_cmd import registry_app
from asfcert.cli.typer_app import LangOpt, use_lang


def _say(lang: str, sv: str, en: str) -> None:
    from asfcert.cli.safe_output import visible

    typer.echo(visible(L10n(sv, en).get(lang)))


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask(value: str | None, lang: str, sv: str, en: str) -> str | None:
    """A flag's value, else the answer to its question in a terminal (empty: none)."""
    if value is not None or not _interactive():
        return value
    return typer.prompt(L10n(sv, en).get(lang), default="", show_default=False).strip() or None


@registry_app.command("init")
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The folder for the new registry (new, or the one holding the cohorts).", show_default=False)],
    name: Annotated[Optional[str], typer.Option("--name", help="The certifier's name, as certificates show it.", show_default=False)] = None,
    org_number: Annotated[Optional[str], typer.Option("--org-number", help="The certifier's organisation number.", show_default=False)] = None,
    address: Annotated[Optional[str], typer.Option("--address", help="The certifier's postal address, on one line.", show_default=False)] = None,
    logo: Annotated[Optional[Path], typer.Option("--logo", help="The certifier's mark: a PNG or JPEG file (optional).", show_default=False)] = None,
    public_url: Annotated[
        Optional[str], typer.Option("--public-url", help="Where the ASF list is published, e.g. https://skoopi.example/asf (optional).", show_default=False)
    ] = None,
    prefix: Annotated[str, typer.Option("--prefix", help="Certificate numbers are PREFIX-YEAR-NNNN.")] = "ASF",
    lang: LangOpt = None,
) -> None:
    """Create a certifier's registry: registry.yaml, and a root and a signing key (ECDSA
    P-256) encrypted with a passphrase ($ASFCERT_KEY_PASSPHRASE, or asked for).

    Every question has a flag, so it runs unattended. Nothing is written until every
    answer and the passphrase are accepted. Exit code 0: created; 2: nothing written.
    """
    from asfcert.records import keys, registry_init

    lang = use_lang(lang)
    certifier = registry_init.Certifier(
        name=_ask(name, lang, "Certifierarens namn", "The certifier's name") or "",
        org_number=_ask(org_number, lang, "Organisationsnummer (tomt: inget)", "Organisation number (empty: none)"),
        address=_ask(address, lang, "Postadress på en rad (tomt: ingen)", "Postal address on one line (empty: none)"),
        logo=logo if logo is not None else (Path(p) if (p := _ask(None, lang, "Logotyp, PNG eller JPEG (tomt: ingen)", "Logo, PNG or JPEG (empty: none)")) else None),
        public_url=_ask(public_url, lang, "Webbadress där ASF-listan publiceras (tomt: ingen)", "Web address where the ASF list is published (empty: none)"),
        prefix=prefix,
    )
    plan = registry_init.prepare(folder, certifier)
    store = registry_init.create(plan, keys.passphrase(new=True, lang=lang))
    _, fingerprint = store.export()
    _say(lang, f"Registret är skapat i {folder}:", f"The registry is created in {folder}:")
    for path in plan.written:
        typer.echo(f"  {path.relative_to(folder).as_posix()}")
    _say(lang, "Rotcertifikatets fingeravtryck (SHA-256):", "The root certificate's fingerprint (SHA-256):")
    typer.echo(f"  {fingerprint}")
    _say(lang, f"Publicera rotcertifikatet och fingeravtrycket (asfcert registry keys {folder} --export).\n"
               "Säkerhetskopiera keys/ och spara lösenfrasen: utan dem kan inga certifikat signeras.",
         f"Publish the root certificate and its fingerprint (asfcert registry keys {folder} --export).\n"
         "Back up keys/ and keep the passphrase: without them no certificate can be signed.")


@registry_app.command("keys")
def keys_cmd(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The registry folder (holds registry.yaml).")] = Path("."),
    create: Annotated[bool, typer.Option("--create", help="Give a registry made before `registry init` its keys.")] = False,
    rotate: Annotated[bool, typer.Option("--rotate", help="Issue a new signing certificate under the same root.")] = False,
    export: Annotated[bool, typer.Option("--export", help="Print the root certificate (PEM) and its SHA-256 fingerprint.")] = False,
    lang: LangOpt = None,
) -> None:
    """The certifier's keys: list them, or --create, --rotate or --export.

    Certificates signed before a rotation still verify: the old signing certificates stay.
    Exit code 0: done; 2: nothing written (no registry, no keys, wrong passphrase).
    """
    from asfcert.records import keys, registry

    lang = use_lang(lang)
    if create + rotate + export > 1:
        from asfcert.cli.usage import exclusive

        raise exclusive(["--create", "--rotate", "--export"], "asfcert registry keys")
    import os

    from asfcert.base.errors import Abort
    from asfcert.base.findings import Location
    from asfcert.base.layout import REGISTRY_FILE

    if create and os.path.lexists(folder / keys.KEYS_DIR):
        raise Abort(keys.KEYS_EXIST, location=Location(str(folder / keys.KEYS_DIR)), registry=str(folder))
    if create or not (folder / REGISTRY_FILE).is_file():  # the registry's own "not a registry" message
        reg = registry.find(None, folder)
        if create:
            new = keys.make(reg.model.certifier, reg.model.certifier_org_number, keys.passphrase(new=True, lang=lang))
            keys.write(reg.root, new)
    store = keys.open_store(folder)
    if export:
        pem, fingerprint = store.export()
        typer.echo(f"SHA-256: {fingerprint}")
        typer.echo(pem, nl=False)
        return
    if rotate:
        cert = keys.rotate(store, keys.passphrase(new=False, lang=lang))
        until = cert.not_valid_after_utc.date().isoformat()
        _say(lang, f"Ny signeringsnyckel {store.signing_names()[-1]}, giltig till {until}. Det som signerats tidigare kan fortfarande kontrolleras.",
             f"New signing key {store.signing_names()[-1]}, valid until {until}. What was signed before can still be checked.")
    _list(store, lang)


def _list(store, lang: str) -> None:
    _, fingerprint = store.export()
    root = store.root()
    _say(lang, f"Rotcertifikat: {root.subject.rfc4514_string()}", f"Root certificate: {root.subject.rfc4514_string()}")
    typer.echo(f"  SHA-256 {fingerprint}")
    names = store.signing_names()
    for stem, cert in zip(names, store.signing_certificates()):
        current = L10n(" (används)", " (in use)").get(lang) if stem == names[-1] else ""
        _say(lang, f"{stem}: giltig {cert.not_valid_before_utc:%Y-%m-%d} – {cert.not_valid_after_utc:%Y-%m-%d}{current}",
             f"{stem}: valid {cert.not_valid_before_utc:%Y-%m-%d} – {cert.not_valid_after_utc:%Y-%m-%d}{current}")
