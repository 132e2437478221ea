#!/usr/bin/env python3
"""Write the PDFs of the example applications in examples/ansokningar/.

Run it from anywhere with the project's virtual environment:

    .venv/bin/python examples/make_applications.py

An application for admission is a company folder with company.yaml and three documents:
the approved annual report, board minutes and the statutes (or articles of association).
This script reuses the document builders of make_pdfs.py (the annual report, the statutes,
the minutes' head and signatures) and reads every figure from each company.yaml. Output is
deterministic; it writes only inside examples/ansokningar/*/evidence/ and removes PDFs
there that it no longer makes.

    bageriet-surdegen  complete application                         -> admit
    flyttlaget         sent the 2024 annual report, no statutes      -> come back later
    snickeriet-kvist   municipality owns 15 %, a supervisor employed -> come back later
                       by the municipality, and the board minutes are
                       the owner foundation's (another org number)

Privacy: every company, person, municipality (Kvisthamn) and number is invented.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_pdfs as M  # noqa: E402  (the shared builders: Doc, Company, annual_report, statutes, …)

APPLICATIONS = HERE / "ansokningar"

_BOARD = [("Karin Exempelström", "ordförande", "bagare"), ("Ali Påhittsson", "ledamot", "arbetshandledare"),
          ("Sanna Fiktivsdotter", "ledamot", "cafébiträde"), ("Johan Låtsasberg", "ledamot", "bagare"),
          ("Eva Uppdiktad", "ledamot", "extern ledamot")]
_FIN = dict(o=0.30, g=0.28, x=0.18, dep=(60000, 55000), fin=(-4000, -5000), capital=40000, retained=150000)

PROFILES: dict[str, dict] = {
    "bageriet-surdegen": dict(
        form="ek", short="Surdegen", address="Stora Torget 4", postal="791 30 Falun", seat="Falun",
        registered="2016-03-01", members=19, board=_BOARD, manager="Lena Provberg", manager_title="verksamhetsledare",
        secretary="Sanna Fiktivsdotter", auditor=("Per Granskare", "förtroendevald revisor"),
        business="bakar surdegsbröd och bullar, driver ett café vid torget och levererar catering till företag i Falun",
        purpose="att skapa arbete och arbetsträning för människor som står långt från arbetsmarknaden genom bageri och "
                "café, och att främja medlemmarnas delaktighet i arbetslivet och samhället",
        fin=_FIN, events=["Caféet utökade öppettiderna till lördagar.", "Två personer ur målgruppen anställdes efter arbetsträning."],
        board_date="2026-03-17", meeting_date="2026-04-16", minutes_date="2026-10-06",
        documents=["annual_report", "statutes", "minutes", "policy"],
    ),
    "flyttlaget": dict(
        form="svb", short="Flyttlaget", address="Hamnplan 2", postal="702 27 Örebro", seat="Örebro", registered="2017-06-12",
        shares=(1000, 100), shareholders=[("Stiftelsen Nästa Steg", 800), ("Flyttlagets personalförening", 200)],
        board=[("Tomas Exempelsson", "ordförande", "utsedd av Stiftelsen Nästa Steg"), ("Miriam Fabel", "ledamot", "flyttarbetare"),
               ("Oskar Diktberg", "ledamot", "lagerarbetare"), ("Helena Sagolund", "ledamot", "extern ledamot")],
        manager="Rami Provsson", manager_title="verkställande direktör", secretary="Miriam Fabel",
        auditor=("Anna Revisorsdotter", "auktoriserad revisor, Påhittad Revision AB"),
        business="utför flyttar och magasinering åt privatpersoner och företag och säljer möbler som lämnas till återbruk",
        purpose="att ge varaktigt arbete åt människor som står långt från arbetsmarknaden genom flytt, magasinering och "
                "återbruk, och att stödja deras väg in i arbetslivet",
        fin=dict(_FIN, o=0.25, g=0.12, x=0.24), events=["Bolaget öppnade ett magasin för återbruksmöbler."],
        board_date="2025-03-20", meeting_date="2025-04-24", minutes_date="2026-09-24",
        annual_report_year=2024,  # the applicant sent last year's report by mistake
        documents=["annual_report", "minutes", "policy"],  # and no articles of association
    ),
    "snickeriet-kvist": dict(
        form="ab", short="Snickeriet Kvist", address="Sågverksvägen 9", postal="771 90 Kvisthamn", seat="Kvisthamn",
        registered="2018-09-03", shares=(500, 100), shareholders=[("Stiftelsen Kvistens Vänner", 425), ("Kvisthamns kommun", 75)],
        board=[("Gunnar Exempelgren", "ordförande", "utsedd av stiftelsen"), ("Lisa Påhittsdal", "ledamot", "snickare"),
               ("Bo Fiktivsson", "ledamot", "utsedd av kommunen")],
        manager="Maria Låtsasdotter", manager_title="verkställande direktör", secretary="Lisa Påhittsdal",
        auditor=("Karl Revisorsson", "auktoriserad revisor, Uppdiktad Revision KB"),
        business="tillverkar och renoverar möbler, snickrar inredning åt kunder och säljer återbrukat virke",
        purpose="att ge arbete och arbetsträning åt människor som står långt från arbetsmarknaden genom snickeri och återbruk",
        fin=dict(_FIN, o=0.32, g=0.26), events=["Bolaget började sälja återbrukat virke från rivningar."],
        board_date="2026-03-11", meeting_date="2026-04-22", minutes_date="2026-08-27",
        minutes_of=("Stiftelsen Kvistens Vänner", "802546-9746", "Stiftelsen"),  # the owner's minutes, sent by mistake
        documents=["annual_report", "statutes", "minutes", "policy"],
    ),
}


def minutes(co: M.Company) -> M.Doc:
    p = co.p
    date = p["minutes_date"]
    if p.get("minutes_of"):  # another organisation's minutes: its own name and number throughout
        name, org, body = p["minutes_of"]
        co = copy.copy(co)
        co.name, co.org, co.f = name, org, dict(co.f, body_cap=body)
    doc = M.Doc(co, f"Protokoll styrelsemöte {date}", date)
    M._minutes_head(doc, co, "styrelsemöte", date, "17.00–18.30", [f"{n} ({r})" for n, r, _ in p["board"]])
    fy = co.fy
    items = [
        ("Mötets öppnande", f"Ordföranden {co.chair} förklarade mötet öppnat."),
        ("Val av justerare", f"{co.adjuster()} valdes att jämte ordföranden justera protokollet."),
        ("Ekonomisk rapport", f"Verksamhetsledningen redovisade utfallet hittills i år. Omsättningen {fy['year']} var "
         f"{M.kr(fy['revenue_sek'])} kr och resultatet efter finansiella poster {M.kr(fy['result_sek'])} kr."),
        ("Ansökan om ASF-certifiering", "Styrelsen beslutade att ansöka om att delta i SKOOPI:s certifieringsomgång "
         "våren 2027 och att bifoga den fastställda årsredovisningen, detta protokoll och stadgarna eller "
         f"bolagsordningen. {p['manager']} ansvarar för ansökan."),
        ("Medarbetarnas synpunkter", "Frågan om certifiering har diskuterats på arbetsplatsträffen, där medarbetarna "
         "stödde ansökan och anmälde två personer till arbetsgruppen för självskattningen."),
        ("Mötets avslutande", "Ordföranden tackade och avslutade mötet."),
    ]
    for i, (heading, text) in enumerate(items, 1):
        doc.paragraph_section(i, heading, text)
    M._minutes_end(doc, co, date, p["secretary"], co.adjuster())
    return doc


def participation_policy(co: M.Company) -> M.Doc:
    doc = M.Doc(co, "Delaktighetspolicy", co.p["board_date"])
    doc.title_block("Delaktighetspolicy", f"{co.name} · fastställd av styrelsen {co.p['board_date']}")
    doc.p("Alla som arbetar hos oss ska kunna påverka sitt arbete och företaget. Policyn beskriver hur.")
    doc.heading("När en ny medarbetare börjar")
    doc.bullets(["En fadder går igenom policyn och arbetsplatsträffarna under första veckan.",
                 "Den nya medarbetaren sätter själv sina mål vid uppföljningen efter fyra veckor."])
    doc.heading("I det dagliga arbetet")
    doc.bullets(["Lagen planerar och fördelar arbetet själva på veckomötet.",
                 "Förslag från arbetsplatsträffen tas upp på nästa styrelsemöte."])
    doc.heading("Vid större beslut")
    doc.bullets(["Större investeringar och förändringar bereds på en arbetsplatsträff innan styrelsen beslutar."])
    return doc


def annual_report(co: M.Company) -> M.Doc:
    year = co.p.get("annual_report_year")
    if year:  # an older report than the newest year in company.yaml
        years = sorted(co.y["finances"], key=lambda f: f["year"], reverse=True)
        co = copy.copy(co)
        co.fy, co.prev = [f for f in years if f["year"] == year][0], [f for f in years if f["year"] == year - 1][0]
    return M.annual_report(co)


def documents(co: M.Company) -> dict:
    p = co.p
    year = p.get("annual_report_year") or co.fy["year"]
    builders = {
        "annual_report": (f"arsredovisning/arsredovisning-{year}.pdf", annual_report),
        "statutes": (f"stadgar/{co.f['statutes_file']}", M.statutes),
        "minutes": (f"protokoll/styrelsemote-{p['minutes_date']}.pdf", minutes),
        "policy": ("policyer/delaktighetspolicy.pdf", participation_policy),
    }
    return dict(builders[name] for name in p["documents"])


def main() -> int:
    folders = sorted(d for d in APPLICATIONS.iterdir() if (d / "company.yaml").is_file())
    unknown = [d.name for d in folders if d.name not in PROFILES]
    if unknown:
        print(f"no profile in make_applications.py for: {', '.join(unknown)}", file=sys.stderr)
        return 1
    for folder in folders:
        co = M.Company(folder, PROFILES[folder.name])
        made = documents(co)
        written = sum(M.write(co.path(rel), bytes(build(co).output())) for rel, build in made.items())
        for stale in sorted((folder / "evidence").rglob("*.pdf")):
            if stale.relative_to(folder / "evidence").as_posix() not in made:
                stale.unlink()
                print(f"{folder.name}: removed {stale.relative_to(folder).as_posix()}, which this script no longer makes")
        print(f"{folder.name}: {len(made)} PDFs ({written} changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
