"""The terminal summary of `asfcert registry build`: what was written, what was left out, and
the warnings about companies whose details could not be read."""

from __future__ import annotations

from asfcert.base.i18n import L10n, Lang
from asfcert.render.site.labels import left_out

_WORDS = {
    "built": L10n("ASF-listan per {date}: {n} företag i {out}", "The ASF list as of {date}: {n} companies in {out}"),
    "files": L10n("På svenska index.html, asf-companies.json, asf-list.csv och en sida per företag i foretag/ ({n} st.); på engelska detsamma i en/",
                  "In Swedish index.html, asf-companies.json, asf-list.csv and one page per company in foretag/ ({n}); in English the same in en/"),
    "signed": L10n("asf-list.json: {n} certifikat med status, signerad; root.pem, verify.html och en kontrollsida per certifikat i verify/ (och i en/)",
                   "asf-list.json: {n} certificates with their status, signed; root.pem, verify.html and a verification page per certificate in verify/ (and in en/)"),
    "fingerprint": L10n("Rotcertifikatets SHA-256: {fp}", "The root certificate's SHA-256: {fp}"),
    "left_out": L10n("Utelämnade certifikat", "Certificates left out"),
    "investigated": L10n("Visas som under utredning efter klagomål", "Shown as under investigation after a complaint"),
    "removed": L10n("Borttagna sidor (inte längre listade)", "Removed pages (no longer listed)"),
    "warnings": L10n("Varningar", "Warnings"),
    "open": L10n("Öppna {path} i en webbläsare.", "Open {path} in a web browser."),
}


def render(result, lang: Lang, console) -> None:
    from rich.padding import Padding
    from rich.text import Text

    W = lambda name, **p: _WORDS[name].format(**p).get(lang)  # noqa: E731
    console.print(Text(W("built", date=result.as_of.isoformat(), n=result.listed, out=str(result.out)), style="bold green"))
    # every line as Text: a plain string would be read as rich markup and emoji codes
    # (a fingerprint's `:CD:` printed as a 💿)
    console.print(Text("  " + W("files", n=result.pages_written)))
    if result.fingerprint:
        console.print(Text("  " + W("signed", n=result.signed)))
        console.print(Text("  " + W("fingerprint", fp=result.fingerprint)), soft_wrap=True)  # compared character by character: never wrapped
    left = [left_out(k, n, lang) for k, n in result.left_out.items() if n]
    if left:
        console.print(Text(f"  {W('left_out')}: " + ", ".join(left)))
    if result.under_investigation is not None:  # the standard's setting is on: say what the public sees
        console.print(Text(f"  {W('investigated')}: " + (", ".join(result.under_investigation) or "0")))
    if result.removed:
        console.print(Text(f"  {W('removed')}: " + ", ".join(p.relative_to(result.out).as_posix() for p in result.removed)))
    if result.findings:
        console.print(Text(W("warnings"), style="bold"))
        for f in result.findings:
            console.print(Text.assemble(("  " + str(f.location), ""), ("  " + f.code, "dim")))
            console.print(Padding(Text(f.message.get(lang)), (0, 0, 0, 4), expand=False))
    console.print(Text(W("open", path=str(result.out / "index.html")), style="dim"))
