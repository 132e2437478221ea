"""`cohort init`: the file written, the companies in it, and what to do next."""

from __future__ import annotations

from asfcert.base.i18n import L10n, Lang

_WROTE = L10n("Skrev {file} ({term}) med {n} företag.", "Wrote {file} ({term}) with {n} companies.")
_RENEWALS = L10n("Omcertifiering: {n} certifikat löper ut inom förnyelseperioden:", "Re-certification: {n} certificates expire within the renewal window:")
_RENEWAL = L10n("{name} ({renews}, giltigt till {valid_until}); mappen i dag: {source}",
                "{name} ({renews}, valid until {valid_until}); its folder now: {source}")
_NEXT = L10n(
    "Fyll i people, groups och varje företags revisor, flytta företagens mappar hit och kör `asfcert cohort check {folder}`.",
    "Fill in people, groups and each company's auditor, move the company folders here and run `asfcert cohort check {folder}`.",
)


def render(result, lang: Lang, console) -> None:
    from rich.text import Text

    console.print(Text(_WROTE.get(lang).format(file=result.path, term=result.term, n=len(result.companies)), style="bold"))
    if result.renewals:
        console.print(_RENEWALS.get(lang).format(n=len(result.renewals)), markup=False)
        for r in result.renewals:
            console.print("  " + _RENEWAL.get(lang).format(source=r["from"] or "–", **r), markup=False, highlight=False)
    console.print(_NEXT.get(lang).format(folder=result.path.parent), markup=False)
