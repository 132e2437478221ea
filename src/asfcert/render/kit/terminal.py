"""The terminal report of `asfcert new`: what was created, what was left as it was, and
what to do next."""

from __future__ import annotations

import re
import shlex

from asfcert.base.i18n import L10n, Lang

_T = {
    "created": L10n("Kit skapat för {name} ({org}) i {folder}", "Kit created for {name} ({org}) in {folder}"),
    "completed": L10n("Kit kompletterat för {name} ({org}) i {folder}", "Kit completed for {name} ({org}) in {folder}"),
    "nothing": L10n("Inget nytt att skapa i {folder}: alla kitets filer fanns redan", "Nothing new to create in {folder}: every file of the kit was there already"),
    "standard": L10n("Standard: {title} ({id} {version})", "Standard: {title} ({id} {version})"),
    "files": L10n("Nya filer ({n}):", "New files ({n}):"),
    "folders": L10n("Mappar för underlag under evidence/ ({n}), var och en med README.txt:", "Evidence folders under evidence/ ({n}), each with a README.txt:"),
    "skipped": L10n("Fanns redan och lämnades orörda ({n}):", "Already there and left untouched ({n}):"),
    "skipped_guides": L10n("README.txt i evidence/ och {n} mappar under den", "README.txt in evidence/ and {n} folders below it"),
    "org_warning": L10n(
        "Varning: organisationsnumret är inte giltigt ({problem}). `asfcert check` rapporterar det tills det är rättat i company.yaml.",
        "Warning: the organisation number is not valid ({problem}). `asfcert check` reports it until it is corrected in company.yaml.",
    ),
    "prefilled": L10n("Ifyllt i company.yaml från årsredovisningen: {fields}", "Filled in in company.yaml from the annual report: {fields}"),
    "next": L10n("Nästa steg:", "Next steps:"),
    "step1": L10n("Fyll i {file}. Hjälptexten står på raderna som börjar med #.", "Fill in {file}. The help text is on the lines starting with #."),
    "step2": L10n("Lägg dokumenten i mapparna under {folder}.", "Put the documents in the folders under {folder}."),
    "step3": L10n("Besvara kraven i {folder}.", "Answer the requirements in {folder}."),
    "step4": L10n("Kontrollera: {command}", "Check: {command}"),
}


def _quote(path: str) -> str:
    """Quoted for the shell only when needed: `gröna-verkstaden` stays as it is."""
    return path if re.fullmatch(r"[\w./\\:-]+", path) else shlex.quote(path)


def _t(key: str, lang: Lang, **params) -> str:
    return _T[key].format(**params).get(lang)


def render(result, lang: Lang, console) -> None:
    from rich.text import Text

    folder = result.folder.rstrip("/\\")
    if result.created:
        head = "completed" if result.skipped else "created"
        console.print(Text(_t(head, lang, name=result.name, org=result.org_number, folder=folder), style="bold green"), soft_wrap=True)
    else:
        console.print(Text(_t("nothing", lang, folder=folder), style="bold"), soft_wrap=True)
    std = result.standard
    console.print(_t("standard", lang, title=std["title"].get(lang), id=std["id"], version=std["version"]), style="dim", highlight=False)
    if result.org_number_problem is not None:
        console.print(Text(_t("org_warning", lang, problem=result.org_number_problem.get(lang)), style="yellow"))
    if result.prefilled:
        console.print(Text(_t("prefilled", lang, fields=", ".join(result.prefilled))), highlight=False, soft_wrap=True)
    files = [f for f in result.created if not f.startswith("evidence/")]
    if files:
        console.print(Text(_t("files", lang, n=len(files)), style="bold"))
        for rel in files:
            console.print(f"  {rel}", highlight=False, soft_wrap=True)
    made = [f for f in result.evidence_folders if f + "README.txt" in result.created]
    if made:
        console.print(Text(_t("folders", lang, n=len(made)), style="bold"))
        console.print("  " + " ".join(f.removeprefix("evidence/") for f in made), highlight=False, soft_wrap=False)
    if result.skipped:
        console.print(Text(_t("skipped", lang, n=len(result.skipped)), style="bold yellow"))
        guides = [f for f in result.skipped if f.startswith("evidence/") and f.endswith("/README.txt")]
        for rel in result.skipped:
            if rel not in guides:
                console.print(f"  {rel}", highlight=False, soft_wrap=True)
        if guides:
            console.print("  " + _t("skipped_guides", lang, n=len(guides) - ("evidence/README.txt" in guides)), highlight=False)
    console.print(Text(_t("next", lang), style="bold"))
    sep = "/" if "/" in folder or "\\" not in folder else "\\"
    steps = [
        _t("step1", lang, file=f"{folder}{sep}company.yaml"),
        _t("step2", lang, folder=f"{folder}{sep}evidence{sep}"),
        _t("step3", lang, folder=f"{folder}{sep}self-assessment{sep}"),
        _t("step4", lang, command=f"asfcert check {_quote(folder)}"),
    ]
    for i, step in enumerate(steps, 1):
        console.print(f"  {i}. {step}", highlight=False, soft_wrap=True)
