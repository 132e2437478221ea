#!/usr/bin/env python3
"""Write the evidence PDFs of the example cohort in examples/omgang-ht2026/.

Run it from anywhere with the project's virtual environment:

    .venv/bin/python examples/make_pdfs.py

It needs fpdf2 (`pip install fpdf2`) and ruamel.yaml (an asfcert dependency). Every
company's figures (name, organisation number, finances, pay per role, SAM review date) are
read from its company.yaml, so the documents always agree with the profile; the prose and
the invented people are in PROFILES below. Output is deterministic: a re-run writes
byte-identical files. It writes only inside examples/omgang-ht2026/*/evidence/.

Privacy: the companies, people and organisation numbers are invented. No personal identity
number (personnummer) appears anywhere, and pay is given per role, never per person.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

try:
    from fpdf import FPDF
    from fpdf.fonts import FontFace
except ImportError:  # pragma: no cover - a message for people, not a code path
    sys.exit("make_pdfs.py needs fpdf2: .venv/bin/pip install fpdf2")
from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
COHORT = HERE / "omgang-ht2026"
FONT_DIR = HERE / "fonts"
FONT = "DejaVu"
PRODUCER = "asfcert examples/make_pdfs.py"
FOOTER = "Påhittat exempel för asfcert – företag, personer och nummer är uppdiktade"

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]

# ---------------------------------------------------------------------------------------
# Legal forms
# ---------------------------------------------------------------------------------------

FORMS = {
    "ek": dict(
        form="ekonomisk förening", statutes="Stadgar", statutes_file="stadgar.pdf",
        meeting="föreningsstämma", meeting_def="föreningsstämman", meeting_file="foreningsstamma",
        body="föreningen", body_cap="Föreningen", body_gen="föreningens",
        capital="Medlemsinsatser", reg="Ekonomisk förening",
        board_of="Styrelsen",
    ),
    "svb": dict(
        form="aktiebolag med särskild vinstutdelningsbegränsning (svb)", statutes="Bolagsordning",
        statutes_file="bolagsordning.pdf", meeting="årsstämma", meeting_def="årsstämman",
        meeting_file="arsstamma", body="bolaget", body_cap="Bolaget", body_gen="bolagets",
        capital="Aktiekapital", reg="Aktiebolag",
        board_of="Styrelsen och verkställande direktören",
    ),
    "ab": dict(
        form="aktiebolag", statutes="Bolagsordning", statutes_file="bolagsordning.pdf",
        meeting="årsstämma", meeting_def="årsstämman", meeting_file="arsstamma", body="bolaget",
        body_cap="Bolaget", body_gen="bolagets", capital="Aktiekapital", reg="Aktiebolag",
        board_of="Styrelsen och verkställande direktören",
    ),
    "ideell": dict(
        form="ideell förening", statutes="Stadgar", statutes_file="stadgar.pdf", meeting="årsmöte",
        meeting_def="årsmötet", meeting_file="arsmote", body="föreningen", body_cap="Föreningen",
        body_gen="föreningens", capital="Föreningens kapital",
        reg="Ideell förening som bedriver näringsverksamhet", board_of="Styrelsen",
    ),
}

# ---------------------------------------------------------------------------------------
# The invented companies: everything in company.yaml is read from there; this is the rest.
# ---------------------------------------------------------------------------------------

PROFILES: dict[str, dict] = {
    "vaxthuset": dict(
        form="ek", short="Växthuset", address="Glasbruksvägen 12", postal="504 62 Borås", seat="Borås",
        registered="2014-05-12", members=46,
        board=[("Maja Exempeldotter", "ordförande", "trädgårdsarbetare"),
               ("Sven Provsson", "ledamot", "arbetshandledare odling"),
               ("Leila Fiktiv", "ledamot", "cafébiträde"),
               ("Amina Låtsasberg", "ledamot", "kock"),
               ("Per Exempelgren", "ledamot", "trädgårdsarbetare"),
               ("Hassan Diktberg", "ledamot", "lokalvårdare"),
               ("Karin Uppdiktad", "ledamot", "extern ledamot, ekonom")],
        manager="Johan Påhittsson", manager_title="verksamhetsledare", secretary="Leila Fiktiv",
        auditor=("Eva Fabelström", "förtroendevald revisor"), safety_rep="Omar Testlund",
        business="odlar grönsaker och plantor i egna växthus, driver ett café med lunchservering och "
                 "sköter trädgårdar åt bostadsbolag och privatpersoner i Borås",
        purpose="att skapa arbete och arbetsträning för människor som står långt från arbetsmarknaden, "
                "och att genom odling, caféverksamhet och trädgårdstjänster främja medlemmarnas "
                "ekonomiska intressen och deras delaktighet i arbetslivet och samhället",
        teams=["odlingslaget", "caféet", "kundjobbslaget"],
        fin=dict(o=0.34, g=0.21, x=0.23, dep=(180000, 160000), fin=(-18000, -21000),
                 capital=92000, retained=640000),
        events=["Caféet hade sitt första hela år med lunchservering och omsatte 1,9 miljoner kronor.",
                "Föreningen tog över skötseln av utemiljön åt ytterligare ett bostadsbolag.",
                "Fyra personer ur målgruppen anställdes under året, varav två efter arbetsträning hos oss."],
        board_date="2026-03-12", meeting_date="2026-04-23", apt_date="2026-09-08",
        rond_date="2026-05-14", reg_date="2026-08-14",
        extra_board=[("styrelsemote-2025-11-20.pdf", "2025-11-20")],
        investment="ett odlingstunnelhus på 300 m² för 420 000 kr",
        apt_proposal="fyra dagars arbetsvecka för odlingslaget under december–februari",
        env_goals=[("Ingen torv i odlingen", "Nått 2025: all jord är torvfri sedan mars."),
                   ("Minst 90 % förnybar el och värme", "Nått: 100 % förnybar el, värme via biobränsle."),
                   ("Halvera matsvinnet i caféet jämfört med 2024", "Minskat med 38 %; arbetet fortsätter."),
                   ("Byta servicebilen till elbil", "Beslutat 2026-03-12, sker när leasingen löper ut.")],
        risks=[("Arbete i växthus sommartid", "Värmebelastning, uttorkning", "Hög",
                "Arbete före kl. 11, vätskepauser, skuggväv", "Arbetshandledare odling"),
               ("Lyft av jordsäckar och krukor", "Belastningsskador", "Medel",
                "Säckar om högst 20 kg, lyftvagn, två personer vid tunga lyft", "Arbetshandledare odling"),
               ("Kök och servering", "Brännskador, skärskador", "Medel",
                "Introduktion i köket, skyddshandskar, första förband", "Kock"),
               ("Trädgårdsmaskiner vid kundjobb", "Buller, klämskador", "Medel",
                "Hörselskydd, maskinkörkort internt innan egen körning", "Arbetshandledare odling"),
               ("Kunder och ensamarbete", "Hot, oro", "Låg",
                "Aldrig ensam vid kundjobb, telefonrutin", "Verksamhetsledare"),
               ("Stress och otydliga uppgifter", "Psykisk ohälsa", "Medel",
                "Individuell plan, morgonmöte, tydligt schema", "Verksamhetsledare")],
        rond_obs=[("Halkrisk vid växthus 2 när det vattnas", "Ny gummimatta", "Vaktmästare", "2026-06-01"),
                  ("Brandsläckare i caféet ej kontrollerad", "Beställa service", "Kock", "2026-05-31"),
                  ("Skuggväven i växthus 1 trasig", "Reparera före juni", "Arbetshandledare odling", "2026-06-05")],
        trainings=[("Bemötande vid psykisk ohälsa (2 dagar)", "Arbetshandledare", "mars 2026", "Genomförd"),
                   ("HLR och första hjälpen", "Alla anställda", "april 2026", "Genomförd"),
                   ("Livsmedelshygien", "Kock, cafébiträden", "maj 2026", "Genomförd"),
                   ("Motorsågskörkort AB", "Trädgårdsarbetare (2)", "september 2026", "Genomförd"),
                   ("Supported Employment, fortsättning", "Arbetshandledare (1)", "okt–nov 2026", "Pågår"),
                   ("Yrkesbevis trädgård", "Trädgårdsarbetare (1)", "hösten 2026", "Pågår")],
        stats=dict(total=33, ended=21, work=6, studies=3, hired=2, other=10),
    ),
    "cykelkoket": dict(
        form="svb", short="Cykelköket", address="Verkstadsgränd 3", postal="903 27 Umeå", seat="Umeå",
        registered="2019-09-02", shares=(1000, 100),
        shareholders=[("Stiftelsen Hjulet", 700), ("Cykelkökets personalförening", 300)],
        board=[("Tove Exempelsson", "ordförande", "representant för Stiftelsen Hjulet"),
               ("Rasmus Låtsasson", "ledamot", "cykelmekaniker"),
               ("Fatima Fabelsdotter", "ledamot", "butiksbiträde"),
               ("Ingrid Sagolind", "ledamot", "extern ledamot"),
               ("Mehmet Diktsson", "suppleant", "cykelbud")],
        manager="Anders Provberg", manager_title="verkställande direktör och verksamhetschef",
        secretary="Fatima Fabelsdotter", auditor=("Lars Granskarsson", "auktoriserad revisor, Fiktiva Revision AB"),
        safety_rep="Rasmus Låtsasson",
        business="reparerar och säljer begagnade cyklar, har serviceavtal med företag för deras "
                 "tjänstecyklar och kör cykelbud i centrala Umeå",
        purpose="att ge arbete och arbetsträning åt människor som står långt från arbetsmarknaden "
                "genom verkstad, försäljning av renoverade cyklar och cykelbud, och därigenom främja "
                "deras väg in i arbetslivet och samhället",
        teams=["verkstaden", "butiken", "budlaget"],
        fin=dict(o=0.31, g=0.24, x=0.22, dep=(95000, 90000), fin=(-6000, -7000),
                 capital=100000, retained=210000),
        events=["Bolaget tecknade serviceavtal för tjänstecyklar med tre nya företagskunder.",
                "Budverksamheten utökades med lastcykel för leveranser åt restauranger.",
                "Tre personer ur målgruppen anställdes, varav en som lärling på yrkesintroduktion."],
        board_date="2026-03-10", meeting_date="2026-04-21", apt_date="2026-09-15",
        rond_date="2026-05-06", reg_date="2026-08-20",
        investment="en andra lastcykel för 68 000 kr",
        apt_proposal="en egen vinterdäcksdag för kunder i oktober",
        pay_note="Verksamhetschefens lön höjdes från 38 900 kr till 41 600 kr från 1 april 2026 "
                 "(styrelsebeslut 2026-03-10). Styrelsen har gett ordföranden i uppdrag att se över "
                 "lönerna inför 2027.",
        env_goals=[("Minst 80 % av sålda cyklar ska vara renoverade begagnade cyklar", "Nått: 86 %."),
                   ("Alla bud körs med cykel eller elcykel", "Nått."),
                   ("Sortera ut 95 % av verkstadsavfallet", "91 %; ny sorteringsstation beställd.")],
        risks=[("Arbete med cykelstativ och verktyg", "Klämskador, skärskador", "Medel",
                "Introduktion i verkstaden, skyddshandskar", "Verkstadsansvarig"),
               ("Lösningsmedel och kedjeolja", "Hudbesvär, inandning", "Medel",
                "Vattenbaserade avfettningsmedel, ventilation, nitrilhandskar", "Verkstadsansvarig"),
               ("Cykelbud i trafik", "Trafikolyckor", "Hög",
                "Hjälm och reflexväst, trafikutbildning, inga bud vid halka", "Arbetshandledare"),
               ("Lyft av cyklar till stativ", "Belastningsskador", "Låg",
                "Höj- och sänkbara stativ", "Verkstadsansvarig"),
               ("Stress vid högsäsong i april–maj", "Psykisk ohälsa", "Medel",
                "Bemanningsplan, tidsbokning i stället för drop-in", "Verksamhetschef")],
        rond_obs=[("Ventilationen i tvätthörnan går trögt", "Service av fläkt", "Verkstadsansvarig", "2026-06-15"),
                  ("Lastcykelns bromsar slitna", "Byte av bromsbelägg", "Cykelmekaniker", "2026-05-10")],
        trainings=[("Trafiksäkerhet för cykelbud", "Cykelbud", "mars 2026", "Genomförd"),
                   ("Elcykelservice, leverantörskurs", "Cykelmekaniker (2)", "april 2026", "Genomförd"),
                   ("Handledarutbildning, steg 2", "Arbetshandledare", "hösten 2026", "Pågår"),
                   ("HLR", "Alla anställda", "september 2026", "Genomförd")],
        stats=dict(total=24, ended=15, work=5, studies=2, hired=2, other=6),
    ),
    "sjostads-tvatteri": dict(
        form="svb", short="Sjöstads Tvätt", address="Hamnvägen 8", postal="871 60 Sjöstad", seat="Sjöstad",
        registered="2019-02-18", shares=(1000, 100),
        shareholders=[("Stiftelsen Nya Steget", 900), ("Sjöstads kommun", 100)],
        board=[("Britt Exempelbäck", "ordförande", "utsedd av Stiftelsen Nya Steget"),
               ("Yusuf Påhittsdal", "ledamot", "lokalvårdare"),
               ("Elin Fiktivsson", "ledamot", "tvätteribiträde"),
               ("Göran Sagoberg", "ledamot", "extern ledamot"),
               ("Nadia Låtsasdotter", "suppleant", "fönsterputsare")],
        manager="Lena Provström", manager_title="verkställande direktör",
        secretary="Elin Fiktivsson", auditor=("Maria Revisorsson", "auktoriserad revisor, Uppdiktad Revision KB"),
        safety_rep="Yusuf Påhittsdal",
        business="driver ett tvätteri för restauranger och hotell, utför lokalvård åt företag och "
                 "bostadsrättsföreningar och putsar fönster",
        purpose="att skapa varaktiga arbeten åt människor som står långt från arbetsmarknaden genom "
                "tvätteri, lokalvård och fönsterputs, och att stödja deras utveckling i arbetslivet",
        teams=["tvätteriet", "lokalvårdslaget", "fönsterputsen"],
        fin=dict(o=0.27, g=0.14, x=0.20, dep=(240000, 250000), fin=(-31000, -35000),
                 capital=100000, retained=480000),
        events=["Tvätteriet fick två nya hotellkunder och ökade volymen med 14 %.",
                "Bolaget bytte till miljömärkta tvättmedel i hela verksamheten.",
                "Fem personer ur målgruppen anställdes, fyra av dem efter arbetsträning i bolaget."],
        board_date="2026-03-18", meeting_date="2026-04-28", apt_date="2026-09-03",
        rond_date="2026-04-22", reg_date="2026-08-11",
        investment="en ny mangel för 310 000 kr",
        apt_proposal="rullande schema så att alla lär sig både tvätteri och lokalvård",
        owner_note="Sjöstads kommun har ägt 10 % av aktierna sedan starten 2019, när kommunen "
                   "bidrog med en del av startkapitalet. Kommunen har ingen plats i styrelsen och "
                   "inga särskilda rättigheter enligt bolagsordningen.",
        env_goals=[("Miljömärkta tvättmedel i all tvätt", "Nått i maj 2025."),
                   ("Minska vattenförbrukningen per kg tvätt med 10 %", "Minskat 7 %; ny mangel hjälper."),
                   ("Samordna körningar så att bilen kör 20 % kortare", "Nått: 23 % kortare.")],
        risks=[("Mangel och stora tvättmaskiner", "Klämskador, brännskador", "Hög",
                "Nödstopp, introduktion, aldrig ensam vid mangeln första månaden", "Arbetsledare tvätteri"),
               ("Kemikalier i lokalvård", "Hud- och ögonbesvär", "Medel",
                "Doseringssystem, skyddsglasögon, säkerhetsdatablad i bilen", "Arbetshandledare"),
               ("Fönsterputs på höjd", "Fallolyckor", "Hög",
                "Teleskopskaft i stället för stege, utbildning i arbete på höjd", "Arbetshandledare"),
               ("Tunga tvättsäckar", "Belastningsskador", "Medel",
                "Säckar om högst 15 kg, rullvagnar", "Arbetsledare tvätteri"),
               ("Ensamarbete hos kund", "Hot, oro", "Låg",
                "Arbete i par, in- och utcheckning via telefon", "Verkställande direktör")],
        rond_obs=[("Nödstoppet på mangel 2 sitter för högt", "Flytta nödstopp", "Arbetsledare tvätteri", "2026-05-15"),
                  ("Säkerhetsdatablad saknas i en bil", "Lägga in pärm", "Arbetshandledare", "2026-04-30")],
        trainings=[("Arbete på höjd", "Fönsterputsare", "mars 2026", "Genomförd"),
                   ("Lokalvårdarutbildning, yrkesbevis", "Lokalvårdare (3)", "hela 2026", "Pågår"),
                   ("Handledning av deltagare", "Arbetshandledare", "maj 2026", "Genomförd"),
                   ("HLR", "Alla anställda", "februari 2026", "Genomförd")],
        stats=dict(total=26, ended=16, work=6, studies=1, hired=4, other=5),
    ),
    "returbyggarna": dict(
        form="ab", short="Returbyggarna", address="Spinnerigatan 21", postal="602 21 Norrköping",
        seat="Norrköping", registered="2018-03-07", shares=(2000, 25),
        shareholders=[("Grundare 1 (privatperson)", 1000), ("Grundare 2 (privatperson)", 1000)],
        board=[("Jonas Exempelqvist", "ordförande", "grundare och verksamhetschef"),
               ("Sofia Påhittlund", "ledamot", "grundare och arbetsledare snickeri"),
               ("Ahmed Fiktivlund", "ledamot", "snickare, vald av de anställda"),
               ("Lisa Sagovall", "suppleant", "lagerarbetare")],
        manager="Jonas Exempelqvist", manager_title="verkställande direktör och verksamhetschef",
        secretary="Lisa Sagovall", auditor=("Henrik Kontrollsson", "auktoriserad revisor, Fiktiva Revision AB"),
        safety_rep="Ahmed Fiktivlund",
        business="tar emot och säljer begagnat byggmaterial, bygger möbler av återbrukat trä och "
                 "gör mindre renoveringar åt privatpersoner och fastighetsägare",
        purpose="att genom återbruk av byggmaterial, snickeri och renoveringar skapa arbete och "
                "arbetsträning för människor som står långt från arbetsmarknaden",
        teams=["lagret", "snickeriet", "renoveringslaget"],
        fin=dict(o=0.26, g=0.18, x=0.21, dep=(130000, 120000), fin=(-9000, -11000),
                 capital=50000, retained=310000),
        events=["Återbrukslagret flyttade till större lokaler på Spinnerigatan i mars.",
                "Bolaget fick ramavtal om mindre renoveringar med ett privat fastighetsbolag.",
                "Två personer ur målgruppen anställdes efter arbetsträning."],
        board_date="2026-03-05", meeting_date="2026-04-15", apt_date="2026-08-27",
        rond_date="2026-05-12", reg_date="2026-08-18",
        investment="en begagnad lastbil med bakgavellyft för 260 000 kr",
        apt_proposal="fast öppettid i butiken lördagar",
        env_goals=[("Ta emot minst 150 ton byggmaterial för återbruk", "Nått: 171 ton."),
                   ("Minst 60 % av materialet i renoveringar ska vara återbrukat", "52 %; fortsatt mål."),
                   ("Byta till HVO100 i lastbilen", "Nått.")],
        risks=[("Maskiner i snickeriet", "Skär- och klämskador", "Hög",
                "Maskinkörkort internt, ingen ensam körning första månaden", "Arbetsledare snickeri"),
               ("Trädamm", "Luftvägsbesvär", "Medel", "Spånsug, andningsskydd FFP2", "Arbetsledare snickeri"),
               ("Tunga lyft på lagret", "Belastningsskador", "Hög", "Truck, lyftvagnar, två vid lyft över 25 kg",
                "Arbetshandledare"),
               ("Gammalt material med asbest eller bly", "Hälsorisk", "Medel",
                "Tar inte emot material byggt före 1982 utan kontroll", "Verksamhetschef"),
               ("Arbete hos kund", "Fall, buller", "Medel", "Arbetsberedning före varje jobb", "Arbetshandledare")],
        rond_obs=[("Spånsugen läcker vid bandsågen", "Byta slang", "Arbetsledare snickeri", "2026-05-20"),
                  ("Gångväg i lagret blockerad", "Märka upp gångstråk", "Lagerarbetare", "2026-05-15")],
        trainings=[("Truckkort A och B", "Lagerarbetare (2)", "februari 2026", "Genomförd"),
                   ("Säkra lyft", "Alla anställda", "april 2026", "Genomförd"),
                   ("Handledarutbildning", "Arbetshandledare (2)", "hösten 2026", "Pågår"),
                   ("Heta arbeten", "Snickare", "maj 2026", "Genomförd")],
        stats=dict(total=19, ended=12, work=4, studies=1, hired=2, other=5),
    ),
    "kvarnen": dict(
        form="ideell", short="Kvarnen", address="Kvarnvägen 5", postal="352 36 Växjö", seat="Växjö",
        registered="2012-11-05", members=63,
        board=[("Gunnel Exempelfors", "ordförande", "medlem"),
               ("Tomas Påhittkvist", "kassör", "medlem"),
               ("Zahra Fiktivholm", "sekreterare", "medlem, tidigare deltagare"),
               ("Bengt Sagoström", "ledamot", "medlem"),
               ("Anna Låtsaslund", "ledamot", "medlem, deltagare")],
        manager="Ulf Provkvist", manager_title="verksamhetsledare", secretary="Zahra Fiktivholm",
        auditor=("Kerstin Granskning", "förtroendevald revisor"), safety_rep="Mikael Testström",
        business="erbjuder arbetsträning i snickeri, vedproduktion och second hand-butik, och säljer "
                 "ved, enklare möbler och begagnade varor",
        purpose="att ge människor som står långt från arbetsmarknaden meningsfull sysselsättning och "
                "arbetsträning, och att stärka deras möjligheter till arbete och delaktighet i samhället",
        teams=["snickeriet", "vedgården", "butiken"],
        fin=dict(o=0.09, g=0.12, x=0.19, dep=(45000, 45000), fin=(-2000, -2000),
                 capital=0, retained=190000),
        events=["Föreningen tog emot 28 deltagare i arbetsträning, de flesta via Arbetsförmedlingen.",
                "Vedförsäljningen ökade med 20 % efter att en ny vedmaskin köptes in.",
                "Second hand-butiken fick utökade öppettider på lördagar."],
        board_date="2026-02-26", meeting_date="2026-03-26", apt_date="2026-09-10",
        rond_date="2026-05-19", reg_date="2026-08-25",
        investment="en vedklyv för 54 000 kr",
        apt_proposal="en gemensam studiecirkel om att söka jobb",
        env_goals=[("All ved säljs lokalt inom 30 km", "Nått."),
                   ("Minst 70 % av butikens varor säljs inom tre månader", "64 %; nytt prissystem."),
                   ("Ta tillvara spillvirke från snickeriet som ved", "Nått.")],
        risks=[("Vedmaskin och klyv", "Kläm- och skärskador", "Hög",
                "Endast handledare kör vedmaskinen; deltagare staplar och packar", "Arbetshandledare snickeri"),
               ("Motorsåg", "Skärskador", "Hög", "Kräver motorsågskörkort", "Arbetshandledare snickeri"),
               ("Tunga lyft i butiken", "Belastningsskador", "Medel", "Rullvagnar, två vid möbler",
                "Arbetshandledare second hand"),
               ("Social oro och stress", "Psykisk ohälsa", "Medel", "Individuell plan, kortare dagar i början",
                "Verksamhetsledare")],
        rond_obs=[("Skyddskåpan på bandsågen sitter löst", "Dra åt och kontrollera", "Arbetshandledare snickeri", "2026-05-22"),
                  ("Första förband i butiken ofullständigt", "Fylla på", "Administratör", "2026-05-29")],
        trainings=[("Motorsågskörkort", "Arbetshandledare snickeri", "april 2026", "Genomförd"),
                   ("Motiverande samtal (MI)", "Arbetshandledare", "hösten 2026", "Pågår"),
                   ("HLR", "Alla anställda", "mars 2026", "Genomförd")],
        stats=dict(total=41, ended=28, work=5, studies=4, hired=0, other=19),
    ),
    "traden": dict(
        form="ek", short="Tråden", address="Vävaregatan 9", postal="214 45 Malmö", seat="Malmö",
        registered="2016-06-20", members=21,
        board=[("Ylva Exempelholm", "ordförande", "sömmerska"),
               ("Samira Påhittsdotter", "ledamot", "arbetshandledare sömnad"),
               ("Nora Fiktivdal", "ledamot", "butiksbiträde"),
               ("Olle Sagoholm", "ledamot", "extern ledamot"),
               ("Dragana Låtsasvik", "suppleant", "sömmerska")],
        manager="Birgitta Provlund", manager_title="verksamhetsledare", secretary="Nora Fiktivdal",
        auditor=("Kent Granskarlund", "förtroendevald revisor"), safety_rep="Dragana Låtsasvik",
        business="syr arbetskläder och textilprodukter på beställning, lagar och ändrar kläder och "
                 "säljer redesignade plagg i egen butik",
        purpose="att skapa arbete åt människor, särskilt kvinnor, som står långt från arbetsmarknaden, "
                "genom sömnad, textilreparationer och redesign, och att främja medlemmarnas ekonomiska "
                "intressen",
        teams=["ateljén", "butiken"],
        fin=dict(o=0.36, g=0.16, x=0.27, dep=(40000, 40000), fin=(-3000, -3000),
                 capital=21000, retained=96000),
        events=["Föreningen fick ett ramavtal om arbetskläder med ett privat städföretag.",
                "Butiken flyttade till större lokaler på Vävaregatan.",
                "Två personer ur målgruppen anställdes som sömmerskor."],
        board_date="2026-03-12", meeting_date="2026-04-22", apt_date="2026-09-09",
        rond_date="2026-05-27", reg_date="2026-08-19",
        extra_board=[("styrelsemote-2026-05-20.pdf", "2026-05-20")],
        investment="två industrisymaskiner för 46 000 kr",
        apt_proposal="en reparationskväll för kunder en gång i månaden",
        env_goals=[("Minst hälften av tyget ska vara återbrukat", "Nått: 58 %."),
                   ("Spill ska gå till redesign eller textilåtervinning", "Nått.")],
        risks=[("Symaskiner och overlock", "Stick- och skärskador", "Medel",
                "Introduktion, fingerskydd på maskinerna", "Arbetshandledare sömnad"),
               ("Långvarigt sittande", "Belastningsbesvär", "Medel", "Höj- och sänkbara bord, pauser",
                "Verksamhetsledare"),
               ("Ånga och strykning", "Brännskador", "Låg", "Introduktion, värmetåliga handskar",
                "Arbetshandledare sömnad")],
        rond_obs=[("Dålig belysning vid två arbetsplatser", "Nya arbetslampor", "Verksamhetsledare", "2026-06-15")],
        trainings=[("Industrisömnad, fördjupning", "Sömmerskor", "våren 2026", "Genomförd"),
                   ("HLR", "Alla anställda", "april 2026", "Genomförd")],
        stats=dict(total=14, ended=9, work=3, studies=2, hired=2, other=2),
        encrypted="lon/lonesammanstallning-2026.pdf",
        damaged="protokoll/styrelsemote-2026-03-12.pdf",
        skip=["kompetens/kompetensplan-2026.pdf", "arbetsmiljo/riskbedomning-2026.pdf"],
    ),
}

# Passwords of the one deliberately encrypted example document (documented in README.md).
ENCRYPTED_USER_PASSWORD = "traden-lon-2026"
ENCRYPTED_OWNER_PASSWORD = "traden-agare-2026"

# ---------------------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------------------


def kr(value) -> str:
    """Swedish thousands separator (a non-breaking space) and a real minus sign."""
    n = int(round(float(value)))
    text = f"{abs(n):,}".replace(",", "\u00a0")
    return ("\u2212" if n < 0 else "") + text


def long_date(iso: str) -> str:
    d = dt.date.fromisoformat(str(iso))
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def stamp(iso: str) -> dt.datetime:
    d = dt.date.fromisoformat(str(iso))
    return dt.datetime(d.year, d.month, d.day, 12, 0, tzinfo=dt.timezone.utc)


# ---------------------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------------------


class Doc(FPDF):
    def __init__(self, co: "Company", title: str, date: str):
        super().__init__(format="A4")
        self.co, self.doc_title = co, title
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(True, margin=20)
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_creation_date(stamp(date))
        self.set_producer(PRODUCER)
        self.set_creator(PRODUCER)
        self.set_author(co.name)
        self.set_title(f"{title} – {co.name}")
        self.set_subject(f"{title}, {co.name}, Org.nr {co.org}")
        self.set_lang("sv-SE")
        self.add_page()

    def header(self):
        self.set_font(FONT, "", 7.5)
        self.set_text_color(110)
        self.cell(0, 4, f"{self.co.name} · Org.nr {self.co.org}", align="L")
        self.cell(0, 4, self.doc_title, align="R", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(190)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(6)
        self.set_text_color(0)

    def footer(self):
        self.set_y(-14)
        self.set_font(FONT, "", 7)
        self.set_text_color(130)
        self.cell(0, 4, FOOTER, align="L")
        self.cell(0, 4, f"Sida {self.page_no()} av {{nb}}", align="R")
        self.set_text_color(0)

    # blocks ----------------------------------------------------------------------------
    def title_block(self, title: str, *lines: str):
        self.set_font(FONT, "B", 17)
        self.multi_cell(0, 8, title, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "", 10)
        for line in lines:
            self.multi_cell(0, 5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def heading(self, text: str):
        if self.get_y() > self.h - 45:
            self.add_page()
        self.ln(2)
        self.set_font(FONT, "B", 11.5)
        self.multi_cell(0, 6, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def p(self, text: str):
        self.set_font(FONT, "", 9.5)
        self.multi_cell(0, 4.8, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def bullets(self, items):
        self.set_font(FONT, "", 9.5)
        for item in items:
            self.set_x(self.l_margin + 3)
            self.cell(4, 4.8, "•")
            self.multi_cell(0, 4.8, item, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def kv(self, pairs, key_width=48):
        for key, value in pairs:
            self.set_font(FONT, "B", 9.5)
            self.cell(key_width, 5, key)
            self.set_font(FONT, "", 9.5)
            self.multi_cell(0, 5, value, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def table(self, head, rows, widths, align=None, bold_last=False):
        self.set_font(FONT, "", 8.5)
        with super().table(
            col_widths=widths, text_align=align or "LEFT", line_height=4.6, padding=1.2,
            headings_style=FontFace(emphasis="BOLD", fill_color=(232, 236, 232)),
            borders_layout="HORIZONTAL_LINES", first_row_as_headings=True,
        ) as t:
            for i, row in enumerate([head, *rows]):
                style = FontFace(emphasis="BOLD") if bold_last and i == len(rows) else None
                t.row([str(c) for c in row], style=style)
        self.ln(3)

    def paragraph_section(self, number: int, heading: str, text: str):
        self.set_font(FONT, "B", 10)
        self.multi_cell(0, 5.2, f"§ {number} {heading}", align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "", 9.5)
        self.multi_cell(0, 4.8, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(2.5)

    def signatures(self, place_date: str | None, people):
        bottom = self.h - self.b_margin
        if self.get_y() + 35 > bottom:  # keep the place and date with the first names
            self.add_page()
        self.ln(3)
        if place_date:
            self.set_font(FONT, "", 9.5)
            self.cell(0, 5, place_date, new_x="LMARGIN", new_y="NEXT")
            self.ln(6)
        col = (self.w - self.l_margin - self.r_margin) / 2
        for i in range(0, len(people), 2):
            if self.get_y() + 20 > bottom:  # never split a line of names over two pages
                self.add_page()
            y = self.get_y() + 8
            for j, (name, role) in enumerate(people[i:i + 2]):
                x = self.l_margin + j * col
                self.line(x, y, x + col - 12, y)
                self.set_xy(x, y + 0.8)
                self.set_font(FONT, "", 9)
                self.cell(col - 12, 4.5, name)
                self.set_xy(x, y + 5)
                self.set_font(FONT, "", 8)
                self.set_text_color(90)
                self.cell(col - 12, 4, role)
                self.set_text_color(0)
            self.set_xy(self.l_margin, y + 12)


# ---------------------------------------------------------------------------------------
# A company: company.yaml plus its profile
# ---------------------------------------------------------------------------------------


class Company:
    def __init__(self, folder: Path, profile: dict):
        self.folder = folder
        self.key = folder.name
        self.y = YAML(typ="safe").load((folder / "company.yaml").read_text(encoding="utf-8"))
        self.p = profile
        self.f = FORMS[profile["form"]]
        self.name = self.y["name"]
        self.org = self.y["org_number"]
        self.city = profile["seat"]
        years = sorted(self.y["finances"], key=lambda f: f["year"], reverse=True)
        self.fy, self.prev = years[0], years[1]

    # people ----------------------------------------------------------------------------
    @property
    def chair(self) -> str:
        return next(n for n, r, _ in self.p["board"] if r == "ordförande")

    def board_signers(self):
        people = [(n, r.capitalize() if r == "ordförande" else "Styrelseledamot")
                  for n, r, _ in self.p["board"] if r not in ("suppleant",)]
        if self.p["form"] in ("svb", "ab") and self.p["manager"] not in [n for n, _ in people]:
            people.append((self.p["manager"], "Verkställande direktör"))
        return people

    def adjuster(self) -> str:
        names = [n for n, r, _ in self.p["board"] if n not in (self.chair, self.p["secretary"])]
        return names[0]

    # figures ---------------------------------------------------------------------------
    def income(self, fy: dict, index: int) -> dict:
        fin = self.p["fin"]
        r = int(fy["revenue_sek"])
        o = round(r * fin["o"], -3)
        g = round(r * fin["g"], -3)
        x = round(r * fin["x"], -3)
        d = fin["dep"][index]
        f = fin["fin"][index]
        res = int(fy["result_sek"])
        personnel = r + o - g - x - d + f - res
        tax = 0 if self.p["form"] == "ideell" or res <= 0 else round(res * 0.206, -2)
        return dict(r=r, o=o, g=g, x=x, d=d, f=f, res=res, personnel=personnel,
                    ebit=r + o - g - x - personnel - d, tax=tax, net=res - tax)

    def balance(self, inc: dict, retained: int) -> dict:
        fin = self.p["fin"]
        equipment = inc["d"] * 4
        receivables = round(inc["r"] * 0.08, -3)
        liabilities = round(inc["r"] * 0.11, -3)
        equity = fin["capital"] + retained + inc["net"]
        total = equity + liabilities
        cash = total - equipment - receivables
        return dict(equipment=equipment, receivables=receivables, cash=cash, total=total,
                    capital=fin["capital"], retained=retained, net=inc["net"], equity=equity,
                    liabilities=liabilities)

    def pay(self):
        return sorted(self.y["pay"], key=lambda r: -float(r["monthly_sek"]))

    def employees(self) -> int:
        return int(self.y["headcount"]["employees"])

    def path(self, rel: str) -> Path:
        return self.folder / "evidence" / rel

    def minutes_meeting(self) -> str:
        return f"protokoll/{self.f['meeting_file']}-{self.p['meeting_date']}.pdf"


# ---------------------------------------------------------------------------------------
# The documents
# ---------------------------------------------------------------------------------------


def annual_report(co: Company) -> Doc:
    f, p, fy = co.f, co.p, co.fy
    year = fy["year"]
    doc = Doc(co, f"Årsredovisning {year}", p["meeting_date"])
    doc.ln(30)
    doc.set_font(FONT, "B", 22)
    doc.multi_cell(0, 11, "Årsredovisning", align="C", new_x="LMARGIN", new_y="NEXT")
    doc.set_font(FONT, "", 12)
    doc.multi_cell(0, 7, f"för\n{co.name}\nOrg.nr {co.org}", align="C", new_x="LMARGIN", new_y="NEXT")
    doc.ln(6)
    doc.multi_cell(0, 7, f"Räkenskapsåret {year}-01-01 – {year}-12-31", align="C", new_x="LMARGIN", new_y="NEXT")
    doc.ln(30)
    doc.set_font(FONT, "", 9.5)
    doc.multi_cell(0, 5, "Innehåll\nFörvaltningsberättelse\nResultaträkning\nBalansräkning\nNoter\n"
                   "Underskrifter\nFastställelseintyg", align="C", new_x="LMARGIN", new_y="NEXT")

    cur, prev = co.income(fy, 0), co.income(co.prev, 1)
    retained_prev = p["fin"]["retained"] - prev["net"]
    bal_prev = co.balance(prev, retained_prev)
    dividend_prev = int(co.prev.get("dividends_sek") or 0)
    bal = co.balance(cur, retained_prev + prev["net"] - dividend_prev)

    doc.add_page()
    doc.title_block("Förvaltningsberättelse",
                    f"{f['board_of']} för {co.name}, org.nr {co.org}, avger härmed årsredovisning för "
                    f"räkenskapsåret {year}-01-01 – {year}-12-31. Belopp anges i kronor om inget annat sägs.")
    doc.heading("Allmänt om verksamheten")
    doc.p(f"{f['body_cap']} är ett arbetsintegrerande socialt företag (ASF) med säte i {p['seat']}. "
          f"{f['body_cap']} {p['business']}. Ändamålet är {p['purpose']}. Verksamheten finansieras "
          f"främst genom försäljning av varor och tjänster och genom ersättning för arbetsträningsplatser "
          f"och lönestöd från Arbetsförmedlingen.")
    doc.heading("Väsentliga händelser under räkenskapsåret")
    doc.bullets(p["events"] + _allocation_events(co))
    doc.heading("Flerårsöversikt")
    doc.table(["", str(year), str(year - 1)], [
        ["Nettoomsättning", kr(cur["r"]), kr(prev["r"])],
        ["Resultat efter finansiella poster", kr(cur["res"]), kr(prev["res"])],
        ["Medelantal anställda", str(co.employees()), str(max(co.employees() - 1, 1))],
        ["Soliditet (%)", f"{100 * bal['equity'] / bal['total']:.0f}", f"{100 * bal_prev['equity'] / bal_prev['total']:.0f}"],
    ], (60, 25, 25), align=("LEFT", "RIGHT", "RIGHT"))
    doc.heading("Resultatdisposition")
    available = bal["retained"] + cur["net"]
    dividend = int(fy.get("dividends_sek") or 0)
    rows = [["Balanserat resultat", kr(bal["retained"])], ["Årets resultat", kr(cur["net"])],
            ["Summa till förfogande", kr(available)]]
    doc.table(["Till " + f["meeting_def"] + "s förfogande står", "kr"], rows, (90, 30), align=("LEFT", "RIGHT"), bold_last=True)
    if dividend:
        doc.p(f"Styrelsen föreslår att till aktieägarna utdelas {kr(dividend)} kr och att "
              f"{kr(available - dividend)} kr balanseras i ny räkning.")
    else:
        doc.p(f"Styrelsen föreslår att hela beloppet, {kr(available)} kr, balanseras i ny räkning och "
              f"används i verksamheten. {f['body_cap']} delar inte ut vinst; överskott återinvesteras "
              f"i den arbetsintegrerande verksamheten.")

    doc.add_page()
    doc.title_block("Resultaträkning", f"Räkenskapsåret {year}-01-01 – {year}-12-31")
    doc.table(["", "Not", str(year), str(year - 1)], [
        ["Rörelsens intäkter", "", "", ""],
        ["Nettoomsättning", "", kr(cur["r"]), kr(prev["r"])],
        ["Övriga rörelseintäkter (lönestöd m.m.)", "2", kr(cur["o"]), kr(prev["o"])],
        ["Rörelsens kostnader", "", "", ""],
        ["Råvaror och förnödenheter", "", kr(-cur["g"]), kr(-prev["g"])],
        ["Övriga externa kostnader", "", kr(-cur["x"]), kr(-prev["x"])],
        ["Personalkostnader", "3", kr(-cur["personnel"]), kr(-prev["personnel"])],
        ["Avskrivningar av materiella anläggningstillgångar", "", kr(-cur["d"]), kr(-prev["d"])],
        ["Rörelseresultat", "", kr(cur["ebit"]), kr(prev["ebit"])],
        ["Finansiella poster (netto)", "", kr(cur["f"]), kr(prev["f"])],
        ["Resultat efter finansiella poster", "", kr(cur["res"]), kr(prev["res"])],
        ["Skatt på årets resultat", "", kr(-cur["tax"]), kr(-prev["tax"])],
        ["Årets resultat", "", kr(cur["net"]), kr(prev["net"])],
    ], (78, 12, 26, 26), align=("LEFT", "CENTER", "RIGHT", "RIGHT"), bold_last=True)

    doc.title_block("Balansräkning", f"Per {year}-12-31")
    doc.table(["Tillgångar", str(year), str(year - 1)], [
        ["Maskiner och inventarier", kr(bal["equipment"]), kr(bal_prev["equipment"])],
        ["Kundfordringar", kr(bal["receivables"]), kr(bal_prev["receivables"])],
        ["Kassa och bank", kr(bal["cash"]), kr(bal_prev["cash"])],
        ["Summa tillgångar", kr(bal["total"]), kr(bal_prev["total"])],
    ], (90, 26, 26), align=("LEFT", "RIGHT", "RIGHT"), bold_last=True)
    capital_rows = [[f["capital"], kr(bal["capital"]), kr(bal_prev["capital"])]] if bal["capital"] else []
    doc.table(["Eget kapital och skulder", str(year), str(year - 1)], capital_rows + [
        ["Balanserat resultat", kr(bal["retained"]), kr(bal_prev["retained"])],
        ["Årets resultat", kr(bal["net"]), kr(bal_prev["net"])],
        ["Kortfristiga skulder", kr(bal["liabilities"]), kr(bal_prev["liabilities"])],
        ["Summa eget kapital och skulder", kr(bal["total"]), kr(bal_prev["total"])],
    ], (90, 26, 26), align=("LEFT", "RIGHT", "RIGHT"), bold_last=True)

    doc.add_page()
    doc.title_block("Noter")
    doc.heading("Not 1 Redovisningsprinciper")
    doc.p("Årsredovisningen är upprättad enligt årsredovisningslagen och BFNAR 2016:10 "
          "Årsredovisning i mindre företag (K2).")
    doc.heading("Not 2 Övriga rörelseintäkter")
    doc.p(f"Posten består av lönestöd och ersättning för arbetsträningsplatser från Arbetsförmedlingen, "
          f"{kr(cur['o'])} kr ({kr(prev['o'])} kr föregående år).")
    doc.heading("Not 3 Anställda och personalkostnader")
    allocs = sum(int(a["amount_sek"]) for a in fy.get("allocations") or [])
    text = (f"Medelantalet anställda var {co.employees()}. I personalkostnaderna ingår löner, "
            f"sociala avgifter och pensionskostnader. ")
    if allocs:
        text += f"Solidarisk avsättning till de anställda (julbonus) före bokslut: {kr(allocs)} kr."
    doc.p(text)
    if co.p.get("shareholders"):
        owners = ", ".join(f"{n} {100 * s // co.p['shares'][0]} %" for n, s in co.p["shareholders"])
        doc.heading("Not 4 Ägarförhållanden")
        doc.p(f"Aktiekapitalet består av {co.p['shares'][0]} aktier. Ägare per {year}-12-31: {owners}.")
    doc.heading("Underskrifter")
    doc.signatures(f"{p['seat']} den {long_date(p['board_date'])}", co.board_signers())
    doc.p(f"Vår revisionsberättelse har lämnats den {long_date(_days_after(p['board_date'], 14))}.")
    doc.signatures(None, [(p["auditor"][0], p["auditor"][1].capitalize())])

    doc.add_page()
    doc.title_block("Fastställelseintyg")
    doc.p(f"Undertecknad styrelseledamot i {co.name}, org.nr {co.org}, intygar att resultaträkningen "
          f"och balansräkningen för räkenskapsåret {year}-01-01 – {year}-12-31 har fastställts på "
          f"{f['meeting']} den {long_date(p['meeting_date'])}. {f['meeting_def'].capitalize()} beslutade "
          f"att godkänna styrelsens förslag till disposition av {f['body_gen']} resultat.")
    doc.p("Jag intygar att innehållet i dessa handlingar överensstämmer med originalen och att "
          "originalen har undertecknats.")
    doc.signatures(f"{p['seat']} den {long_date(p['meeting_date'])}", [(co.chair, "Styrelsens ordförande")])
    return doc


def _days_after(iso: str, days: int) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _allocation_events(co: Company) -> list[str]:
    out = []
    for a in co.fy.get("allocations") or []:
        out.append(f"Styrelsen beslutade före bokslut om en solidarisk avsättning till de anställda: "
                   f"{_lower_first(a.get('description') or a['kind'])} ({kr(a['amount_sek'])} kr).")
    if co.fy.get("support_to_other_work_integration_sek"):
        out.append(f"{co.f['body_cap']} gav {kr(co.fy['support_to_other_work_integration_sek'])} kr i "
                   f"stöd till arbetsintegrerande verksamhet utanför {co.f['body']}.")
    return out


def statutes(co: Company) -> Doc:
    f, p = co.f, co.p
    form = p["form"]
    doc = Doc(co, f["statutes"], p["meeting_date"])
    if form in ("svb", "ab"):
        doc.title_block(f"Bolagsordning för {co.name}", f"Org.nr {co.org}",
                        f"Antagen på extra bolagsstämma {long_date(p['registered'])}, senast ändrad på "
                        f"årsstämma {long_date('2024-04-18')}.")
        secs = [
            ("Firma", f"Bolagets firma är {co.name}."),
            ("Säte", f"Styrelsen ska ha sitt säte i {p['seat']}s kommun."),
            ("Verksamhet", f"Bolaget ska {p['business']}, samt bedriva därmed förenlig verksamhet."),
            ("Ändamål", f"Bolaget är ett arbetsintegrerande socialt företag. Ändamålet med bolagets "
                        f"verksamhet är {p['purpose']}."),
            ("Aktiekapital", f"Aktiekapitalet ska vara lägst 25 000 kronor och högst 100 000 kronor."),
            ("Antal aktier", f"Antalet aktier ska vara lägst 500 och högst 4 000."),
            ("Styrelse", "Styrelsen ska bestå av lägst tre och högst sju ledamöter med högst tre "
                         "suppleanter. Minst en ledamot ska väljas bland de anställda."),
            ("Revisor", "Bolaget ska ha en revisor med eller utan revisorssuppleant."),
            ("Kallelse", "Kallelse till bolagsstämma ska ske genom brev till aktieägarna tidigast sex "
                         "veckor och senast fyra veckor före stämman."),
            ("Räkenskapsår", "Bolagets räkenskapsår ska vara kalenderår."),
        ]
        if form == "svb":
            secs += [
                ("Vinstutdelning", "Bolaget är ett aktiebolag med särskild vinstutdelningsbegränsning "
                 "enligt 32 kap. aktiebolagslagen. Värdeöverföringar till aktieägarna får inte ske "
                 "utöver vad lagen medger. Bolagets vinst ska i sin helhet återinvesteras i bolagets "
                 "arbetsintegrerande verksamhet eller användas för att stödja annan arbetsintegrering."),
                ("Likvidation", "Om bolaget likvideras ska behållna tillgångar, efter att aktieägarna "
                 "fått tillbaka sina insatser, tillfalla en eller flera organisationer med "
                 "arbetsintegrerande ändamål."),
            ]
        else:
            secs += [("Avstämningsförbehåll", "Bolagets aktier är inte föremål för avstämningsförbehåll.")]
    elif form == "ek":
        doc.title_block(f"Stadgar för {co.name}", f"Org.nr {co.org}",
                        f"Antagna på konstituerande föreningsstämma {long_date(p['registered'])}, "
                        f"senast ändrade på föreningsstämma {long_date('2022-04-21')}.")
        secs = [
            ("Firma", f"Föreningens firma är {co.name}."),
            ("Ändamål och verksamhet", f"Föreningen är ett arbetsintegrerande socialt företag och har "
             f"till ändamål {p['purpose']}. Föreningen {p['business']}."),
            ("Säte", f"Styrelsen ska ha sitt säte i {p['seat']}s kommun."),
            ("Medlemskap", "Till medlem kan antas den som är anställd i föreningen eller på annat sätt "
             "deltar i verksamheten och som vill främja föreningens ändamål. Ansökan prövas av styrelsen."),
            ("Insats", "Varje medlem ska delta i föreningen med en insats om 1 000 kronor, som kan "
             "betalas på en gång eller med 100 kronor i månaden."),
            ("Styrelse", "Styrelsen ska bestå av lägst fem och högst sju ledamöter och högst två "
             "suppleanter. En majoritet av ledamöterna ska vara anställda i föreningen."),
            ("Revisor", "Föreningen ska ha en revisor och en revisorssuppleant som väljs på ordinarie "
             "föreningsstämma."),
            ("Räkenskapsår", "Föreningens räkenskapsår ska vara kalenderår."),
            ("Föreningsstämma", "Ordinarie föreningsstämma hålls senast i juni. Varje medlem har en röst."),
            ("Kallelse", "Kallelse till föreningsstämma ska ske genom e-post eller brev och anslag på "
             "arbetsplatsen tidigast sex och senast två veckor före stämman."),
            ("Vinstfördelning", "Föreningens överskott ska i sin helhet återinvesteras i verksamheten "
             "eller användas för att stödja annan arbetsintegrerande verksamhet. Vinstutdelning till "
             "medlemmarna får inte ske. Föreningsstämman kan besluta om återbäring i form av en "
             "solidarisk avsättning till alla anställda före bokslut."),
            ("Upplösning", "Om föreningen upplöses ska behållna tillgångar, sedan medlemmarna fått "
             "tillbaka sina insatser, tillfalla en organisation med arbetsintegrerande ändamål."),
        ]
    else:
        doc.title_block(f"Stadgar för {co.name}", f"Org.nr {co.org}",
                        f"Antagna på konstituerande möte {long_date(p['registered'])}, senast ändrade på "
                        f"årsmöte {long_date('2023-03-23')}.")
        secs = [
            ("Namn", f"Föreningens namn är {co.name}. Föreningen är en ideell förening, partipolitiskt "
             "och religiöst obunden."),
            ("Ändamål", f"Föreningen har till ändamål {p['purpose']}. Föreningen {p['business']}."),
            ("Säte", f"Föreningen har sitt säte i {p['seat']}s kommun."),
            ("Medlemskap", "Medlem kan den bli som delar föreningens ändamål och betalar årsavgift. "
             "Anställda och deltagare är välkomna som medlemmar."),
            ("Årsavgift", "Årsavgiften beslutas av årsmötet."),
            ("Årsmöte", "Årsmötet är föreningens högsta beslutande organ och hålls före mars månads utgång. "
             "Varje medlem har en röst."),
            ("Styrelse", "Styrelsen består av ordförande och fyra till sex ledamöter som väljs av årsmötet."),
            ("Räkenskapsår", "Föreningens räkenskapsår är kalenderår."),
            ("Överskott", "Föreningens överskott ska i sin helhet användas för föreningens ändamål. "
             "Ingen vinst delas ut till medlemmarna."),
            ("Stadgeändring", "Ändring av stadgarna kräver beslut på två på varandra följande möten, "
             "varav ett ordinarie årsmöte."),
            ("Upplösning", "Vid upplösning ska föreningens tillgångar gå till en ideell organisation "
             "med liknande ändamål."),
        ]
    for i, (heading, text) in enumerate(secs, 1):
        doc.paragraph_section(i, heading, text)
    return doc


def _minutes_head(doc: Doc, co: Company, kind: str, date: str, time: str, present: list[str], extra=None):
    doc.title_block(f"Protokoll fört vid {kind}",
                    f"{co.name}, org.nr {co.org}")
    pairs = [("Datum", f"{date}, kl. {time}"), ("Plats", f"{co.f['body_cap']}s lokal, {co.p['address']}, {co.p['postal']}")]
    pairs.append(("Närvarande", ", ".join(present)))
    if extra:
        pairs += extra
    doc.kv(pairs, key_width=30)


def _minutes_end(doc: Doc, co: Company, date: str, secretary: str, adjuster: str, chair: str | None = None):
    people = [(secretary, "Vid protokollet"), (chair or co.chair, "Ordförande")]
    if adjuster not in (secretary, chair or co.chair):
        people.append((adjuster, "Justeras"))
    doc.signatures(f"{co.p['seat']} den {long_date(date)}", people)


def board_minutes(co: Company) -> Doc:
    p, f, fy = co.p, co.f, co.fy
    date = p["board_date"]
    doc = Doc(co, f"Protokoll styrelsemöte {date}", date)
    present = [f"{n} ({r})" for n, r, _ in p["board"]]
    if p["manager"] not in [n for n, _, _ in p["board"]]:
        present.append(f"{p['manager']} ({p['manager_title']}, föredragande)")
    _minutes_head(doc, co, "styrelsemöte", date, "17.30–19.45", present)
    year = fy["year"]
    dividend = int(fy.get("dividends_sek") or 0)
    items = [
        ("Mötets öppnande", f"Ordföranden {co.chair} hälsade alla välkomna och förklarade mötet öppnat."),
        ("Val av justerare", f"{co.adjuster()} valdes att jämte ordföranden justera protokollet."),
        ("Godkännande av dagordning", "Dagordningen godkändes."),
        (f"Årsredovisning {year}", f"{p['manager'].split()[0]} föredrog förslaget till årsredovisning. "
         f"Nettoomsättningen blev {kr(fy['revenue_sek'])} kr och resultatet efter finansiella poster "
         f"{kr(fy['result_sek'])} kr. Styrelsen beslutade att godkänna årsredovisningen, skriva under den "
         f"och lämna den till revisorn."),
        ("Förslag till resultatdisposition",
         (f"Styrelsen beslutade att föreslå {f['meeting_def']} att dela ut {kr(dividend)} kr till "
          f"aktieägarna och att resten balanseras i ny räkning." if dividend else
          f"Styrelsen beslutade att föreslå {f['meeting_def']} att hela resultatet balanseras i ny "
          f"räkning och återinvesteras i verksamheten.")),
        ("Investering", f"Frågan om {p['investment']} har beretts på arbetsplatsträffen, där "
         f"medarbetarna stödde förslaget och lämnade synpunkter på placering och arbetsmiljö. "
         f"Styrelsen beslutade att genomföra investeringen med egna medel."),
        ("Förslag från arbetsplatsträffen", f"Arbetsplatsträffen har föreslagit {p['apt_proposal']}. "
         f"Styrelsen beslutade att införa förslaget på prov och följa upp det efter sex månader."),
        ("Uppföljning av miljömålen", "Styrelsen gick igenom miljömålen: "
         + "; ".join(f"{g.lower()} – {s.lower().rstrip('.')}" for g, s in p["env_goals"]) + "."),
        ("Årlig genomgång av ledningssystemet", "Styrelsen gick igenom verksamhetshandboken, avvikelseloggen "
         "och klagomålen från det gångna året. Styrelsen beslutade att förenkla rutinen för kundklagomål "
         "och att verksamhetsledningen ska revidera introduktionsplanen före sommaren."),
        ("Arbetsmiljö", f"Den årliga uppföljningen av det systematiska arbetsmiljöarbetet gjordes "
         f"{long_date(str(co.y['work_environment']['last_annual_review']))} tillsammans med skyddsombudet. "
         f"Handlingsplanen godkändes."),
        ("Delegationsordning och policyer", "Styrelsen fastställde den reviderade delegationsordningen "
         "med delaktighetspolicy, miljöpolicy och likabehandlingspolicy som bilagor."),
        ("ASF-certifiering", "Styrelsen beslutade att ansöka om att delta i SKOOPI:s certifieringsomgång "
         "hösten 2026 och utsåg verksamhetsledningen och en ledamot att leda arbetet med "
         "självskattningen."),
    ]
    if p.get("pay_note"):
        items.insert(6, ("Lönerevision 2026", p["pay_note"]))
    if p.get("owner_note"):
        items.insert(6, ("Ägarfrågan", p["owner_note"] + " Styrelsen beslutade att ta upp frågan om "
                         "kommunens aktieinnehav med ägarna inför årsstämman."))
    items += [("Nästa möte", f"Nästa styrelsemöte hålls i samband med {f['meeting']}."),
              ("Mötets avslutande", "Ordföranden tackade och avslutade mötet.")]
    for i, (heading, text) in enumerate(items, 1):
        doc.paragraph_section(i, heading, text)
    _minutes_end(doc, co, date, p["secretary"], co.adjuster())
    return doc


def november_minutes(co: Company, date: str) -> Doc:
    p, fy = co.p, co.fy
    doc = Doc(co, f"Protokoll styrelsemöte {date}", date)
    present = [f"{n} ({r})" for n, r, _ in p["board"]] + [f"{p['manager']} ({p['manager_title']})"]
    _minutes_head(doc, co, "styrelsemöte", date, "17.30–19.15", present)
    allocs = fy.get("allocations") or []
    support = fy.get("support_to_other_work_integration_sek")
    items = [
        ("Mötets öppnande", "Ordföranden öppnade mötet."),
        ("Val av justerare", f"{co.adjuster()} valdes att justera protokollet."),
        ("Prognos för helåret", f"Prognosen visar ett överskott på cirka {kr(int(fy['result_sek']) + 60000)} kr "
         f"före bokslutsdispositioner."),
    ]
    for a in allocs:
        items.append(("Solidarisk avsättning", f"Styrelsen beslutade om {a.get('description', 'julbonus').split(',')[0].lower()}, "
                      f"totalt {kr(a['amount_sek'])} kr, som betalas ut med decemberlönen till alla anställda "
                      f"oavsett tjänstgöringsgrad. Beslutet meddelas på nästa arbetsplatsträff."))
    if support:
        items.append(("Stöd till annan arbetsintegrering", f"Styrelsen beslutade att ge {kr(support)} kr till "
                      f"en ideell förening som startar arbetsträning i en second hand-butik i en grannkommun. "
                      f"Beloppet redovisas i årsredovisningen."))
    items += [("Budget för nästa år", "Styrelsen fastställde budget och verksamhetsplan för nästa år."),
              ("Mötets avslutande", "Ordföranden avslutade mötet.")]
    for i, (heading, text) in enumerate(items, 1):
        doc.paragraph_section(i, heading, text)
    _minutes_end(doc, co, date, p["secretary"], co.adjuster())
    return doc


def second_board_minutes(co: Company, date: str) -> Doc:
    p = co.p
    doc = Doc(co, f"Protokoll styrelsemöte {date}", date)
    present = [f"{n} ({r})" for n, r, _ in p["board"]] + [f"{p['manager']} ({p['manager_title']})"]
    _minutes_head(doc, co, "styrelsemöte", date, "16.00–17.30", present)
    items = [
        ("Mötets öppnande", "Ordföranden öppnade mötet."),
        ("Val av justerare", f"{co.adjuster()} valdes att justera protokollet."),
        ("Rapport från arbetsplatsträffen", f"Medarbetarna har föreslagit {p['apt_proposal']}. Förslaget "
         f"har diskuterats i ateljén och i butiken, och styrelsen beslutade att genomföra det från september."),
        ("Nya lokaler", "Styrelsen beslutade efter omröstning bland medarbetarna att teckna ett nytt "
         "hyresavtal för butikslokalen. Alla anställda fick yttra sig innan beslutet."),
        ("Mötets avslutande", "Ordföranden avslutade mötet."),
    ]
    for i, (heading, text) in enumerate(items, 1):
        doc.paragraph_section(i, heading, text)
    _minutes_end(doc, co, date, p["secretary"], co.adjuster())
    return doc


def meeting_minutes(co: Company) -> Doc:
    p, f, fy = co.p, co.f, co.fy
    date = p["meeting_date"]
    kind = f["meeting"]
    doc = Doc(co, f"Protokoll {kind} {date}", date)
    if p.get("shareholders"):
        present = [f"{n}, {s} aktier" for n, s in p["shareholders"]]
        present = [x + (" (genom ombud)" if "kommun" in x or "Stiftelsen" in x else "") for x in present]
        present.append(f"samt styrelsen och verkställande direktören")
        roll = f"Samtliga {p['shares'][0]} aktier var företrädda."
    else:
        roll = f"{p['members'] - 9} av {p['members']} medlemmar var närvarande."
        present = [roll, "styrelsen och verksamhetsledaren"]
    _minutes_head(doc, co, f"ordinarie {kind}", date, "18.00–19.30", present)
    year = fy["year"]
    dividend = int(fy.get("dividends_sek") or 0)
    elected = [n for n, r, _ in p["board"] if r != "suppleant"]
    items = [
        (f"{kind.capitalize()}s öppnande", f"Styrelsens ordförande {co.chair} öppnade {f['meeting_def']}."),
        ("Val av ordförande och sekreterare", f"{co.chair} valdes till ordförande och {p['secretary']} "
         f"till sekreterare för {f['meeting_def']}."),
        ("Röstlängd", f"{roll} Förteckningen godkändes som röstlängd."),
        ("Val av justerare", f"{co.adjuster()} valdes att justera protokollet."),
        ("Kallelse", f"{kind.capitalize()}n förklarades behörigen sammankallad."),
        ("Årsredovisning och revisionsberättelse", f"Årsredovisningen för {year} och revisorns "
         f"berättelse lades fram."),
        ("Fastställande av resultat- och balansräkning", f"{f['meeting_def'].capitalize()} fastställde "
         f"resultaträkningen och balansräkningen för {year}."),
        ("Disposition av resultatet",
         (f"{f['meeting_def'].capitalize()} beslutade i enlighet med styrelsens förslag att till "
          f"aktieägarna dela ut {kr(dividend)} kr och att resterande belopp balanseras i ny räkning. "
          f"Avstämningsdag för utdelningen är {date[:4]}-05-05." if dividend else
          f"{f['meeting_def'].capitalize()} beslutade i enlighet med styrelsens förslag att hela "
          f"resultatet balanseras i ny räkning.")),
        ("Ansvarsfrihet", "Styrelsens ledamöter beviljades ansvarsfrihet för räkenskapsåret."),
        ("Arvoden", "Arvode till externa ledamöter ska vara 4 000 kr per år. Anställda ledamöter "
         "deltar på arbetstid."),
        ("Val av styrelse", "Till styrelse valdes " + ", ".join(elected) + "."),
        ("Val av revisor", f"Till revisor valdes {p['auditor'][0]}, {p['auditor'][1]}."),
        ("Avslutning", f"Ordföranden tackade och förklarade {f['meeting_def']} avslutad."),
    ]
    if f["meeting"] != "årsstämma":
        items.insert(11, ("Motioner", "En motion om att deltagare ska kunna närvara på årsmötet med "
                          "yttranderätt hade kommit in. Motionen bifölls."))
    for i, (heading, text) in enumerate(items, 1):
        doc.paragraph_section(i, heading, text)
    _minutes_end(doc, co, date, p["secretary"], co.adjuster())
    return doc


def staff_minutes(co: Company) -> Doc:
    p = co.p
    date = p["apt_date"]
    doc = Doc(co, f"Protokoll arbetsplatsträff {date}", date)
    emp = co.employees()
    trainees = int(co.y["headcount"].get("work_training_participants") or 0)
    _minutes_head(doc, co, "arbetsplatsträff (APT)", date, "13.00–14.15",
                  [f"{emp - 2} av {emp} anställda och {min(trainees, 7)} deltagare i arbetsträning"],
                  [("Mötesledare", f"{p['safety_rep']} (roterande)"), ("Sekreterare", p["manager"])])
    hired = int(co.y["headcount"].get("target_group_hired_last_24_months") or 0)
    newcomers = ("En ny medarbetare och två nya deltagare har börjat och fått var sin fadder."
                 if hired else "Tre nya deltagare i arbetsträning har börjat och fått var sin fadder.")
    items = [
        ("Dagordning", "Dagordningen godkändes. Mötesledare är i tur och ordning en av medarbetarna."),
        ("Arbetsmiljö (stående punkt)", f"Skyddsombudet {p['safety_rep']} berättade om åtgärderna efter "
         f"skyddsronden {long_date(p['rond_date'])}. Alla åtgärder är klara utom en, som följs upp i oktober."),
        ("Höstens planering", "Varje arbetslag (" + ", ".join(p["teams"]) + ") berättade om sin planering. "
         "Arbetslagen fördelar själva arbetet inom laget och tar upp behov av folk på morgonmötet."),
        ("Förslag till styrelsen", f"Gruppen diskuterade {p['investment']} som styrelsen har beslutat om. "
         f"Tre förslag om placering och arbetsmiljö lämnas till styrelsen."),
        ("Nya medarbetare och deltagare", newcomers + " Introduktionen följs upp om fyra veckor."),
        ("Avvikelser och synpunkter", "Tre avvikelser sedan förra mötet gicks igenom, och en kundsynpunkt. "
         "Alla är åtgärdade eller har en ansvarig."),
        ("Övrigt", "Likabehandlingspolicyn gås igenom på nästa arbetsplatsträff."),
    ]
    for i, (heading, text) in enumerate(items, 1):
        doc.paragraph_section(i, heading, text)
    doc.signatures(f"{p['seat']} den {long_date(date)}",
                   [(p["manager"], "Vid protokollet"), (p["safety_rep"], "Mötesledare")])
    return doc


def registration(co: Company) -> Doc:
    p, f = co.p, co.f
    doc = Doc(co, "Registreringsbevis", p["reg_date"])
    doc.title_block("Registreringsbevis", f"{f['reg']} · Utskriftsdatum {p['reg_date']}")
    doc.p("Exempeldokument: utformat som ett registreringsbevis men inte utfärdat av Bolagsverket. "
          "Födelsedata för styrelsens ledamöter är utelämnade.")
    board = [n for n, r, _ in p["board"] if r != "suppleant"]
    deputies = [n for n, r, _ in p["board"] if r == "suppleant"]
    pairs = [("Organisationsnummer", co.org), ("Firma", co.name),
             ("Företagsform", f["form"].capitalize()),
             ("Registreringsdatum", p["registered"]), ("Säte", f"{p['seat']}s kommun"),
             ("Postadress", f"{p['address']}, {p['postal']}"),
             ("Räkenskapsår", "0101 – 1231"),
             ("Verksamhet", f"{f['body_cap']} {p['business']}."),
             ("Styrelseledamöter", ", ".join(board))]
    if deputies:
        pairs.append(("Suppleanter", ", ".join(deputies)))
    if p["form"] in ("svb", "ab"):
        pairs += [("Verkställande direktör", p["manager"]),
                  ("Aktiekapital", f"{kr(p['shares'][0] * p['shares'][1])} kr"),
                  ("Firmateckning", "Styrelsen. Firman tecknas även av två ledamöter i förening. "
                                     "Verkställande direktören tecknar firman i den löpande förvaltningen.")]
    else:
        pairs.append(("Firmateckning", "Styrelsen. Firman tecknas även av ordföranden och en ledamot i förening."))
    if p["form"] == "svb":
        pairs.append(("Vinstutdelning", "Särskild vinstutdelningsbegränsning (32 kap. aktiebolagslagen)"))
    doc.kv(pairs, key_width=52)
    doc.p(f"Senaste årsredovisning inkommen: {co.fy['year']}. Inga pågående ärenden.")
    return doc


def business_plan(co: Company) -> Doc:
    p, fy = co.p, co.fy
    doc = Doc(co, "Verksamhetsplan 2026", "2025-11-20")
    doc.title_block("Verksamhetsplan 2026", f"{co.name} · fastställd av styrelsen 2025-11-20")
    doc.heading("Affärsidé")
    doc.p(f"{co.f['body_cap']} {p['business']}. Vi har en dubbel affärsidé: vi säljer varor och "
          f"tjänster på den öppna marknaden, och vi erbjuder arbete och arbetsträning åt människor som "
          f"står långt från arbetsmarknaden.")
    doc.heading("Mål för 2026")
    r = int(fy["revenue_sek"])
    hc = co.y["headcount"]
    doc.table(["Område", "Mål", "Uppföljning"], [
        ["Försäljning", f"Nettoomsättning {kr(round(r * 1.06, -4))} kr", "Kvartalsvis i styrelsen"],
        ["Anställning", f"Minst {max(int(hc.get('target_group_hired_last_24_months') or 0) // 2, 1)} nya anställningar ur målgruppen",
         "Halvår"],
        ["Arbetsträning", f"{int(hc.get('work_training_participants') or 0)} platser i genomsnitt", "Månadsvis"],
        ["Gå vidare", "Minst 35 % av avslutade deltagare till arbete eller studier", "Årlig uppföljning"],
        ["Miljö", p["env_goals"][0][0], "Styrelsens årliga genomgång"],
    ], (30, 85, 50))
    doc.heading("Budget i sammandrag")
    doc.table(["", "Budget 2026", f"Utfall {fy['year']}"], [
        ["Nettoomsättning", kr(round(r * 1.06, -4)), kr(r)],
        ["Resultat efter finansiella poster", kr(round(int(fy["result_sek"]) * 0.8, -4)), kr(fy["result_sek"])],
    ], (80, 35, 35), align=("LEFT", "RIGHT", "RIGHT"))
    doc.heading("Viktiga aktiviteter")
    doc.bullets([f"Genomföra {p['investment']}.", "Delta i SKOOPI:s certifieringsomgång hösten 2026.",
                 "Utveckla uppföljningen av deltagarnas egen skattning av sin utveckling."])
    return doc


def participation_policy(co: Company) -> Doc:
    p, f = co.p, co.f
    doc = Doc(co, "Delaktighetspolicy", "2026-03-12")
    doc.title_block("Delaktighetspolicy", f"{co.name} · antagen av {f['meeting']} 2023, reviderad av styrelsen {p['board_date']}")
    doc.heading("Syfte")
    doc.p("Alla som arbetar hos oss ska kunna påverka sitt eget arbete och företagets utveckling. "
          "Delaktighet är både ett mål och en metod: den som får ta ansvar växer. Policyn beskriver hur "
          "delaktigheten går till och gäller anställda och deltagare i arbetsträning.")
    doc.heading("Vid introduktion")
    doc.bullets(["Varje ny medarbetare får en fadder bland de anställda.",
                 "Under första veckan går fadder och arbetshandledare igenom den här policyn, hur "
                 "morgonmöten och arbetsplatsträffar går till och hur man lämnar förslag.",
                 "Efter fyra veckor hålls ett uppföljningssamtal där medarbetaren själv sätter sina mål."]
                + (["Medarbetaren informeras om hur man blir medlem eller delägare."]
                   if co.y["participation"].get("employees_can_become_members") else []))
    doc.heading("I den dagliga driften")
    doc.bullets([f"Morgonmöte varje dag i varje arbetslag ({', '.join(p['teams'])}), där laget fördelar "
                 "dagens uppgifter. Den som vill får leda mötet.",
                 "Arbetsplatsträff varannan vecka med protokoll. Mötesledare roterar bland medarbetarna.",
                 "Förslag från arbetsplatsträffen förs vidare till styrelsen, som svarar skriftligt."])
    doc.heading("Vid viktigare styrelsebeslut")
    doc.bullets(["Investeringar, nya verksamhetsgrenar, ändrade arbetstider och lokalfrågor bereds på en "
                 "arbetsplatsträff innan styrelsen beslutar.",
                 "Protokollet från arbetsplatsträffen bifogas styrelsens underlag.",
                 "Minst en ledamot i styrelsen är anställd och väljs på förslag av medarbetarna."])
    doc.heading("Uppföljning")
    doc.p("Policyn följs upp årligen på en arbetsplatsträff och i medarbetarenkäten. Styrelsen ansvarar "
          "för att den revideras vid behov.")
    return doc


def delegation_order(co: Company) -> Doc:
    p, f = co.p, co.f
    doc = Doc(co, "Delegationsordning", p["board_date"])
    doc.title_block("Delegationsordning", f"{co.name} · fastställd av styrelsen {p['board_date']}")
    doc.p(f"Delegationsordningen visar vem som får fatta vilka beslut, och när medarbetarna ska höras "
          f"först. {f['meeting_def'].capitalize()} är högsta beslutande organ. Styrelsen har det "
          f"övergripande ansvaret och delegerar den löpande driften till {p['manager_title'].split(' och ')[0]}.")
    mgr = p["manager_title"].split(" och ")[0].capitalize()
    doc.table(["Beslut", "Beslutas av", "Samråd före beslut"], [
        ["Stadgar/bolagsordning, resultatdisposition, val av styrelse", f["meeting"].capitalize(), "Alla medlemmar/ägare"],
        ["Budget, verksamhetsplan, policyer", "Styrelsen", "Arbetsplatsträff"],
        ["Investeringar över 50 000 kr", "Styrelsen", "Arbetsplatsträff"],
        ["Anställning och lönesättning", "Styrelsen", "Berörd arbetsledare"],
        ["Inköp upp till 50 000 kr", mgr, "–"],
        ["Antagning av deltagare i arbetsträning", mgr, "Arbetshandledare"],
        ["Dagens arbetsfördelning", "Arbetslaget", "Morgonmöte"],
        ["Arbetsmiljöuppgifter enligt fördelning", mgr, "Skyddsombud"],
        ["Ändrade arbetstider för ett arbetslag", "Styrelsen", "Arbetsplatsträff"],
    ], (75, 38, 52))
    doc.heading("Policyer som ingår")
    doc.bullets(["Bilaga 1: Delaktighetspolicy", "Bilaga 2: Miljöpolicy", "Bilaga 3: Likabehandlingspolicy",
                 "Bilaga 4: Fördelning av arbetsmiljöuppgifter"])
    doc.p("Den som fattar beslut med stöd av delegation rapporterar till styrelsen på nästa styrelsemöte.")
    return doc


def environment_policy(co: Company) -> Doc:
    p = co.p
    doc = Doc(co, "Miljöpolicy", p["board_date"])
    doc.title_block("Miljöpolicy", f"{co.name} · reviderad av styrelsen {p['board_date']}")
    doc.p(f"Vi vill bidra till ett hållbart samhälle i allt vi gör. {co.f['body_cap']} ska följa "
          "miljölagstiftningen, välja miljövänliga material och transporter, minska avfall och "
          "engagera alla medarbetare i miljöarbetet.")
    doc.heading("Miljömål och status")
    doc.table(["Mål", "Status"], [[g, s] for g, s in p["env_goals"]], (90, 75))
    doc.heading("Så arbetar vi")
    doc.bullets(["Miljömålen följs upp av styrelsen minst en gång om året.",
                 "Miljö är en återkommande punkt på arbetsplatsträffen.",
                 "Nya medarbetare och deltagare får en introduktion i källsortering och kemikaliehantering."])
    return doc


def equality_policy(co: Company) -> Doc:
    p = co.p
    doc = Doc(co, "Likabehandlingspolicy", p["board_date"])
    doc.title_block("Likabehandlingspolicy", f"{co.name} · fastställd av styrelsen {p['board_date']}")
    doc.p("Alla som arbetar hos oss ska behandlas lika och med respekt. Ingen får diskrimineras på grund "
          "av kön, könsöverskridande identitet eller uttryck, etnisk tillhörighet, religion eller annan "
          "trosuppfattning, funktionsnedsättning, sexuell läggning eller ålder.")
    doc.heading("Så arbetar vi")
    doc.bullets(["Policyn gås igenom med alla nya medarbetare och deltagare vid introduktionen.",
                 "Den tas upp på en arbetsplatsträff minst en gång om året.",
                 "Lönekartläggning görs varje år och redovisas för styrelsen.",
                 "Arbetsplatsen anpassas efter behov, till exempel arbetstider, hjälpmedel och språkstöd."])
    doc.heading("Om någon blir kränkt")
    doc.bullets([f"Berätta för {p['manager_title'].split(' och ')[0]}, en arbetshandledare eller skyddsombudet.",
                 "Den som tar emot anmälan dokumenterar den och utreder skyndsamt.",
                 "Åtgärder följs upp med den som anmält inom två veckor."])
    return doc


def management_system(co: Company) -> Doc:
    p = co.p
    doc = Doc(co, "Verksamhetshandbok", p["board_date"])
    doc.title_block("Verksamhetshandbok (ledningssystem)", f"{co.name} · version 2026:1, fastställd {p['board_date']}")
    doc.heading("Mål och uppföljning")
    doc.p("Våra mål finns i verksamhetsplanen. Ekonomiska mål följs upp kvartalsvis, sociala mål halvårsvis "
          "och miljömål årligen. Styrelsen går igenom hela ledningssystemet en gång om året.")
    doc.heading("Rutiner")
    mgr = p["manager_title"].split(" och ")[0].capitalize()
    doc.table(["Rutin", "Ansvarig", "Senast reviderad"], [
        ["Antagning och introduktion av deltagare", "Arbetshandledare", "2026-02"],
        ["Individuell plan och uppföljning", "Arbetshandledare", "2026-02"],
        ["Introduktion av nya anställda", mgr, "2025-09"],
        ["Avvikelser och klagomål", mgr, p["board_date"][:7]],
        ["Inköp och attest", mgr, "2025-11"],
        ["Arbetsmiljö (SAM)", f"{mgr} och skyddsombud", "2026-02"],
        ["Kemikalier och avfall", "Arbetsledare", "2025-06"],
    ], (80, 50, 35))
    doc.heading("Avvikelser och klagomål")
    doc.p("Alla kan rapportera en avvikelse eller ett klagomål, på blankett eller i telefonen. Den som tar "
          "emot för in den i avvikelseloggen. Avvikelsen tas upp på nästa arbetsplatsträff, får en ansvarig "
          "och ett datum. Loggen gås igenom vid varje styrelsemöte, och klagande kunder eller deltagare får "
          "alltid svar.")
    doc.heading("Årlig genomgång")
    doc.p(f"Styrelsen gör den årliga genomgången i samband med bokslutet. Senaste genomgång: {p['board_date']}.")
    return doc


def risk_assessment(co: Company) -> Doc:
    p = co.p
    review = str(co.y["work_environment"]["last_annual_review"])
    doc = Doc(co, "Riskbedömning 2026", review)
    doc.title_block("Riskbedömning av arbetsmoment 2026",
                    f"{co.name} · gjord av {p['manager_title'].split(' och ')[0]} och skyddsombud {p['safety_rep']}, {review}")
    doc.p("Riskbedömningen omfattar alla arbetsmoment där anställda och deltagare arbetar. Innan en ny "
          "deltagare börjar går arbetshandledaren igenom den och anpassar uppgifterna efter personens "
          "förutsättningar, enligt den individuella planen.")
    doc.table(["Arbetsmoment", "Risk", "Nivå", "Åtgärd", "Ansvarig"], [list(r) for r in p["risks"]],
              (34, 28, 14, 58, 32))
    doc.heading("Anpassning för deltagare")
    doc.p("Deltagare med särskilda behov, till exempel nedsatt ork, smärta eller oro i grupp, får anpassade "
          "uppgifter och tider. Anpassningen dokumenteras i den individuella planen och följs upp var sjätte vecka.")
    doc.signatures(f"{p['seat']} den {long_date(review)}",
                   [(p["manager"], p["manager_title"].split(" och ")[0].capitalize()), (p["safety_rep"], "Skyddsombud")])
    return doc


def safety_round(co: Company) -> Doc:
    p = co.p
    date = p["rond_date"]
    doc = Doc(co, f"Skyddsrond {date}", date)
    doc.title_block("Protokoll skyddsrond", f"{co.name} · {long_date(date)}")
    doc.kv([("Deltagare", f"{p['manager']} ({p['manager_title'].split(' och ')[0]}), {p['safety_rep']} (skyddsombud)"),
            ("Område", ", ".join(t.capitalize() for t in p["teams"])),
            ("Checklista", "Lokaler, maskiner, kemikalier, belysning, ergonomi, brand, första hjälpen, "
                           "psykosocial arbetsmiljö")], key_width=30)
    doc.table(["Iakttagelse", "Åtgärd", "Ansvarig", "Klart senast"], [list(r) for r in p["rond_obs"]],
              (60, 42, 38, 26))
    doc.p("Övriga punkter på checklistan utan anmärkning. Nästa skyddsrond hålls i november.")
    doc.signatures(None, [(p["manager"], p["manager_title"].split(" och ")[0].capitalize()), (p["safety_rep"], "Skyddsombud")])
    return doc


def sam_review(co: Company) -> Doc:
    p = co.p
    review = str(co.y["work_environment"]["last_annual_review"])
    doc = Doc(co, "Årlig uppföljning SAM 2026", review)
    doc.title_block("Årlig uppföljning av det systematiska arbetsmiljöarbetet",
                    f"{co.name} · {long_date(review)}")
    doc.p(f"Uppföljningen gjordes av {p['manager']} och skyddsombudet {p['safety_rep']} och gäller "
          f"perioden sedan förra årets uppföljning. Den följer Arbetsmiljöverkets föreskrifter om "
          f"systematiskt arbetsmiljöarbete.")
    doc.table(["Fråga", "Svar", "Åtgärd"], [
        ["Finns en arbetsmiljöpolicy och rutiner?", "Ja", "Reviderade i januari"],
        ["Är arbetsmiljöuppgifterna fördelade skriftligt?", "Ja", "–"],
        ["Har undersökningar och skyddsronder gjorts?", "Ja, två skyddsronder", "–"],
        ["Är riskerna bedömda, även för deltagare?", "Ja", "Riskbedömningen uppdaterad"],
        ["Har tillbud och olyckor utretts?", "Ja, 4 tillbud, 1 olycka", "Åtgärdade"],
        ["Har medarbetarna kunskap om arbetsmiljön?", "Delvis", "Utbildning för nya anställda"],
        ["Har medarbetarenkät om psykosocial arbetsmiljö gjorts?", "Ja", "Resultat på APT"],
        ["Fungerar samverkan med skyddsombudet?", "Ja", "–"],
    ], (78, 40, 47))
    doc.heading("Handlingsplan")
    doc.bullets(["Arbetsmiljöutbildning för nya anställda inom tre månader.",
                 "Uppdatera riskbedömningen när nya maskiner köps in.",
                 "Följa upp medarbetarenkätens resultat om arbetsbelastning på en arbetsplatsträff."])
    doc.signatures(f"{p['seat']} den {long_date(review)}",
                   [(p["manager"], p["manager_title"].split(" och ")[0].capitalize()), (p["safety_rep"], "Skyddsombud")])
    return doc


def payroll(co: Company) -> Doc:
    p = co.p
    doc = Doc(co, "Lönesammanställning 2026", "2026-10-01")
    doc.title_block("Lönesammanställning per roll", f"{co.name} · per 2026-10-01")
    doc.p("Månadslön vid heltid före skatt, per roll. Sammanställningen anger inga namn. Lönerna följer "
          "kollektivavtalet; tillägg för obekväm arbetstid ingår inte.")
    rows = [[r["role"], str(r.get("count", "")), kr(r["monthly_sek"])] for r in co.pay()]
    doc.table(["Roll", "Antal", "Månadslön heltid (kr)"], rows, (90, 25, 45), align=("LEFT", "CENTER", "RIGHT"))
    hi, lo = co.pay()[0], co.pay()[-1]
    ratio = float(hi["monthly_sek"]) / float(lo["monthly_sek"])
    doc.heading("Lönespridning")
    doc.p(f"Högsta lön ({hi['role'].lower()}) {kr(hi['monthly_sek'])} kr delat med lägsta lön "
          f"({lo['role'].lower()}) {kr(lo['monthly_sek'])} kr = {ratio:.2f}".replace(".", ",") + ".")
    if p.get("pay_note"):
        doc.p(p["pay_note"])
    doc.signatures(f"{p['seat']} den {long_date('2026-10-01')}", [(p["manager"], p["manager_title"].split(" och ")[0].capitalize())])
    return doc


def collective_agreement(co: Company) -> Doc:
    p, ca = co.p, co.y["collective_agreement"]
    doc = Doc(co, "Intyg om kollektivavtal", "2026-01-15")
    doc.title_block("Intyg om kollektivavtal", f"{co.name} · Org.nr {co.org} · {long_date('2026-01-15')}")
    doc.p(f"{co.name} är bundet av kollektivavtal för sina anställda. {ca['agreement']}. "
          "Avtalet gäller alla anställda, även de som är anställda med lönestöd.")
    doc.p("Exempeldokument: utformat som ett intyg från en arbetsgivarorganisation men inte utfärdat av någon.")
    doc.signatures(f"{p['seat']} den {long_date('2026-01-15')}", [(p["manager"], p["manager_title"].split(" och ")[0].capitalize())])
    return doc


def competence_plan(co: Company) -> Doc:
    p = co.p
    doc = Doc(co, "Kompetensplan 2026", "2026-01-29")
    doc.title_block("Kompetensplan 2026", f"{co.name} · fastställd av styrelsen 2026-01-29, följs upp i augusti och december")
    doc.p("Planen bygger på medarbetarsamtalen i januari. Den innehåller gemensamma utbildningar och "
          "individuella mål. Arbetshandledarna har dessutom grupphandledning en gång i månaden.")
    doc.table(["Utbildning", "För (roll)", "När", "Status"], [list(t) for t in p["trainings"]], (70, 45, 30, 22))
    doc.heading("Handledarnas kompetens")
    doc.p("Alla arbetshandledare har yrkeskunskap inom sitt område och har gått eller går en "
          "handledarutbildning. Nya handledare går bredvid en erfaren handledare i minst en månad.")
    doc.heading("Uppföljning augusti 2026")
    done = sum(1 for t in p["trainings"] if t[3] == "Genomförd")
    doc.p(f"{done} av {len(p['trainings'])} utbildningar är genomförda, resten pågår enligt plan.")
    return doc


def introduction_plan(co: Company) -> Doc:
    p = co.p
    doc = Doc(co, "Introduktionsplan", "2026-02-10")
    doc.title_block("Introduktionsplan och individuell plan", f"{co.name} · rutin reviderad 2026-02")
    doc.heading("De första fyra veckorna")
    doc.table(["När", "Vad", "Ansvarig"], [
        ["Dag 1", "Välkomstsamtal, rundvandring, fadder utses, arbetsmiljö och säkerhet", "Arbetshandledare"],
        ["Vecka 1", "Delaktighetspolicyn, likabehandlingspolicyn, morgonmöte och APT", "Fadder"],
        ["Vecka 1–2", "Prova arbetsuppgifter i " + ", ".join(p["teams"]), "Arbetshandledare"],
        ["Vecka 2", "Individuell plan görs tillsammans: mål, stöd, arbetstider, anpassningar", "Arbetshandledare"],
        ["Vecka 4", "Uppföljningssamtal; deltagaren skattar själv hur det går", "Arbetshandledare"],
    ], (22, 103, 40))
    doc.heading("Mall: individuell plan")
    doc.p("Fylls i tillsammans med deltagaren. Planen tillhör deltagaren och sparas inte i "
          "certifieringsunderlaget.")
    doc.table(["Del", "Innehåll"], [
        ["Mina mål", "Vad vill jag uppnå om 3, 6 och 12 månader?"],
        ["Mina styrkor", "Vad är jag bra på? Vad har jag gjort tidigare?"],
        ["Stöd och anpassning", "Arbetstider, pauser, uppgifter jag inte ska göra, språkstöd"],
        ["Steg", "Arbeta i par → eget moment → leda ett moment"],
        ["Uppföljning", "Var sjätte vecka; självskattning i fem områden"],
    ], (40, 125))
    return doc


def follow_up(co: Company) -> Doc:
    p = co.p
    s = p["stats"]
    year = co.fy["year"]
    doc = Doc(co, f"Uppföljning deltagare {year}", "2026-01-20")
    doc.title_block(f"Uppföljning av deltagarnas utveckling {year}", f"{co.name} · sammanställd 2026-01-20")
    doc.p("Sammanställningen bygger på deltagarnas egna skattningar och på avslutssamtalen. Den anger "
          "bara antal och andelar, aldrig namn.")
    gone_on = s["work"] + s["studies"] + s["hired"]
    doc.table(["", "Antal"], [
        ["Deltagare under året", str(s["total"])],
        ["Avslutade under året", str(s["ended"])],
        ["– till arbete hos annan arbetsgivare", str(s["work"])],
        ["– till studier", str(s["studies"])],
        ["– anställda hos oss", str(s["hired"])],
        ["– annat (sjukskrivning, flytt, annan insats)", str(s["other"])],
        ["Andel till arbete hos annan arbetsgivare eller studier",
         f"{round(100 * (s['work'] + s['studies']) / s['ended'])} %"],
        ["Andel till arbete eller studier, inklusive anställda hos oss", f"{round(100 * gone_on / s['ended'])} %"],
    ], (110, 30), align=("LEFT", "RIGHT"))
    doc.heading("Självskattning, genomsnitt vid start och avslut (skala 1–5)")
    doc.table(["Område", "Start", "Avslut"], [
        ["Tro på min egen förmåga", "2,1", "3,5"], ["Arbetsförmåga och ork", "2,4", "3,4"],
        ["Samarbete", "2,8", "3,9"], ["Yrkeskunskap", "1,9", "3,2"], ["Framtidsplan", "1,7", "3,3"],
    ], (90, 25, 25), align=("LEFT", "RIGHT", "RIGHT"))
    doc.heading("Metod")
    doc.p("Vi arbetar med stegvis ökat ansvar och egenmakt: deltagaren sätter sina egna mål, arbetar först "
          "i par och tar sedan ansvar för ett eget moment. Självskattningen görs vid start, var sjätte "
          "vecka och vid avslut.")
    return doc


# Which documents a company gets: relative path under evidence/ -> builder.
def documents(co: Company) -> dict[str, callable]:
    p, f = co.p, co.f
    docs = {
        f"arsredovisning/arsredovisning-{co.fy['year']}.pdf": annual_report,
        f"stadgar/{f['statutes_file']}": statutes,
        f"protokoll/styrelsemote-{p['board_date']}.pdf": board_minutes,
        co.minutes_meeting(): meeting_minutes,
        f"protokoll/arbetsplatstraff-{p['apt_date']}.pdf": staff_minutes,
        f"registreringsbevis/registreringsbevis-{p['reg_date']}.pdf": registration,
        "verksamhetsplan/verksamhetsplan-2026.pdf": business_plan,
        "policyer/delaktighetspolicy.pdf": participation_policy,
        "policyer/delegationsordning.pdf": delegation_order,
        "policyer/miljopolicy.pdf": environment_policy,
        "policyer/likabehandlingspolicy.pdf": equality_policy,
        "ledningssystem/verksamhetshandbok.pdf": management_system,
        "arbetsmiljo/riskbedomning-2026.pdf": risk_assessment,
        f"arbetsmiljo/skyddsrond-{p['rond_date']}.pdf": safety_round,
        "arbetsmiljo/arlig-uppfoljning-sam-2026.pdf": sam_review,
        "lon/lonesammanstallning-2026.pdf": payroll,
        "kompetens/kompetensplan-2026.pdf": competence_plan,
        "introduktion/introduktionsplan.pdf": introduction_plan,
        f"uppfoljning/uppfoljning-deltagare-{co.fy['year']}.pdf": follow_up,
    }
    if str(co.y.get("collective_agreement", {}).get("has_agreement")).lower() in ("true", "ja", "yes"):
        docs["avtal/kollektivavtal-intyg-2026.pdf"] = collective_agreement
    for name, date in p.get("extra_board", []):
        builder = november_minutes if date.endswith("-11-20") else second_board_minutes
        docs[f"protokoll/{name}"] = (lambda c, b=builder, d=date: b(c, d))
    for rel in p.get("skip", []):  # left out on purpose: the self-assessment refers to a missing file
        docs.pop(rel)
    return docs


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------


def write(path: Path, data: bytes) -> bool:
    path = path.resolve()
    if HERE not in path.parents:
        raise SystemExit(f"refusing to write outside examples/: {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def referenced(folder: Path) -> set[str]:
    """Every evidence path the company's YAML files refer to."""
    refs: set[str] = set()
    yaml = YAML(typ="safe")

    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and node.startswith("evidence/") and key in ("evidence", "file"):
            refs.add(node)

    for file in [folder / "company.yaml", *sorted((folder / "self-assessment").glob("*.yaml"))]:
        walk(yaml.load(file.read_text(encoding="utf-8")))
    return refs


def build(co: Company) -> tuple[int, int, list[str]]:
    written = total = 0
    for rel, builder in documents(co).items():
        doc = builder(co)
        if rel == co.p.get("encrypted"):
            doc.set_encryption(owner_password=ENCRYPTED_OWNER_PASSWORD, user_password=ENCRYPTED_USER_PASSWORD)
        data = bytes(doc.output())
        if rel == co.p.get("damaged"):
            data = data[: len(data) // 2]  # an upload that broke off half-way
        total += 1
        written += write(co.path(rel), data)
    present = {f"evidence/{rel}" for rel in documents(co)}
    for stale in sorted((co.folder / "evidence").rglob("*.pdf")):  # left over from an older version
        rel = stale.relative_to(co.folder).as_posix()
        if rel not in present:
            stale.unlink()
            print(f"{co.key}: removed {rel}, which this script no longer makes")
    missing = sorted(referenced(co.folder) - present)
    return written, total, missing


def main() -> int:
    folders = sorted(d for d in COHORT.iterdir() if (d / "company.yaml").is_file())
    unknown = [d.name for d in folders if d.name not in PROFILES]
    if unknown:
        print(f"no profile in make_pdfs.py for: {', '.join(unknown)}", file=sys.stderr)
        return 1
    for folder in folders:
        co = Company(folder, PROFILES[folder.name])
        written, total, missing = build(co)
        line = f"{folder.name}: {total} PDFs ({written} changed)"
        if missing:
            line += f"; referenced but not made (on purpose?): {', '.join(missing)}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
