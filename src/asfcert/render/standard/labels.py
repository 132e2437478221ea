"""Words and small formatting helpers shared by the `standard show` renderers."""

from __future__ import annotations

from asfcert.base import vocab
from asfcert.base.i18n import L10n, Lang
from asfcert.base.vocab import Decider, Severity

_LABELS = {
    "requirements_count": L10n("{n} krav, varav {enabled} påslagna", "{n} requirements, {enabled} of them enabled"),
    "clause": L10n("Avsnitt", "Clause"),
    "requirement": L10n("Krav", "Requirement"),
    "title": L10n("Rubrik", "Title"),
    "severity": L10n("Allvar", "Severity"),
    "decided_by": L10n("Avgörs av", "Decided by"),
    "evidence": L10n("Underlag att bifoga", "Evidence to attach"),
    "text": L10n("Kravet", "The requirement"),
    "easy": L10n("Med enkla ord (lättläst)", "In plain words (easy-read)"),
    "guidance": L10n("Så svarar ni", "How to answer"),
    "checks": L10n("Automatiska kontroller", "Machine checks"),
    "not_applicable": L10n("Får besvaras som ej tillämpligt", "May be answered as not applicable"),
    "disabled": L10n("avstängt", "disabled"),
    "disabled_long": L10n(
        "Avstängt: kravet ingår inte i certifieringen. Sätt `enabled: true` i en egen kopia av standardfilen för att slå på det.",
        "Disabled: the requirement is not part of the certification. Set `enabled: true` in your own copy of the standard file to switch it on.",
    ),
    "none": L10n("inga", "none"),
    "more": L10n(
        "Ett avsnitt: asfcert standard show 3.1 · ett krav: asfcert standard show 3.1.a · enkla ord: --easy",
        "A clause: asfcert standard show 3.1 · a requirement: asfcert standard show 3.1.a · plain words: --easy",
    ),
}
# Who decides, with what they decide from: a phrase for the requirement's page (the names
# alone are the vocabulary's).
_DECIDED_FROM = {
    Decider.AUDITOR: L10n("revisorn, utifrån självskattningen", "the auditor, from the self-assessment"),
    Decider.MACHINE: L10n("asfcert, utifrån company.yaml", "asfcert, from company.yaml"),
}


def label(name: str, lang: Lang, **params) -> str:
    return _LABELS[name].text(lang, **params)


def severity(value: str, lang: Lang) -> str:
    return vocab.name(Severity(value), lang)


def decider(value: str, lang: Lang, short: bool = False) -> str:
    return vocab.name(Decider(value), lang) if short else _DECIDED_FROM[Decider(value)].get(lang)


def part(clause, lang: Lang) -> str:
    from asfcert.standard.view import PARTS

    return PARTS[clause.part].get(lang)


def check_line(spec) -> str:
    """`pay-ratio: max = 2.5`; a check without parameters is just its name."""
    params = spec.model_dump(mode="json", exclude={"rule"})
    shown = ", ".join(f"{k} = {', '.join(map(_as_yaml, v)) if isinstance(v, list) else _as_yaml(v)}" for k, v in params.items())
    return f"{spec.rule}: {shown}" if shown else spec.rule


def _as_yaml(value) -> str:
    """A parameter as the standard file writes it: `false`, not Python's `False`."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def evidence_lines(view, req, lang: Lang) -> list[str]:
    return [f"{getattr(view.kind(k).name, lang)} → evidence/{view.kind(k).folder}/" for k in req.evidence]
