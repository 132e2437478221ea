"""`--help` in Swedish when the language is Swedish (the default).

The commands declare their help in English, once, where typer needs it. This table gives
each text its Swedish; `apply` puts them into the command tree before click formats the
help, and a formatter names the headings (Användning, Argument, Val, Kommandon) and the
marks ([standard: …], [krävs]) in Swedish. tests/test_help_sv.py fails when a command's or
option's help has no Swedish here, so a new option cannot leak English into Swedish help.
Keys are the English text with its whitespace collapsed; the Swedish keeps its paragraphs
(click rewraps each paragraph to the terminal)."""

from __future__ import annotations

PAIRS: tuple[tuple[str, str], ...] = (
("Certify Swedish work-integration social enterprises (ASF) against SIS PAS 10:2018 and SKOOPI's ASF definition.",
 "Certifiera arbetsintegrerande sociala företag (ASF) enligt SIS PAS 10:2018 och SKOOPI:s ASF-definition."),
("Show the version and exit.", "Visa versionen och avsluta."),
("Create a company kit: company.yaml, self-assessment templates and evidence folders.\n\nEvery template has help in Swedish and English (the --lang language first). With\n--from-annual-report, the name, organisation number and finances come from the\ncompany's digital annual report (only what it tags). Existing files are never overwritten: run it again on a kit to add only what is missing.\nExit code 0: done; 2: the input cannot be used.",
 "Skapa ett kit för företaget: company.yaml, mallar för självskattningen och mappar för underlag.\n\nVarje mall har hjälptext på svenska och engelska (språket i --lang först). Med --from-annual-report hämtas namn, organisationsnummer och ekonomi ur företagets digitala årsredovisning (bara det som är taggat i den). Befintliga filer skrivs aldrig över: kör kommandot igen på ett kit för att lägga till bara det som saknas.\nSlutkod 0: klart; 2: indata kan inte användas."),
("The company folder to create (or complete, if it exists).", "Företagsmappen som ska skapas (eller kompletteras, om den finns)."),
("The company's registered name, in quotes.", "Företagets registrerade namn, inom citattecken."),
("The organisation number, e.g. 769638-4812.", "Organisationsnumret, t.ex. 769638-4812."),
("Language of the output: sv (default, or $ASFCERT_LANG) or en.", "Språk i utdata: sv (standard, eller $ASFCERT_LANG) eller en."),
("A standard file to use instead of the shipped one.", "En standardfil att använda i stället för den medföljande."),
("Write the organisation number even if it is not valid (check reports it until it is corrected).",
 "Skriv organisationsnumret även om det är ogiltigt (check rapporterar det tills det är rättat)."),
("The digital annual report (iXBRL: XHTML or ZIP) to fill in the name, number and finances from.",
 "Den digitala årsredovisningen (iXBRL: XHTML eller ZIP) som namn, nummer och ekonomi hämtas ur."),
("Check a company folder: what is missing, what fails and why.\n\nExit code 0: ready for audit; 1: blocking findings; 2: the input cannot be used.",
 "Granska en företagsmapp: vad som saknas, vad som inte håller och varför.\n\nSlutkod 0: redo för revision; 1: fynd som hindrar; 2: indata kan inte användas."),
("The company folder (the one holding company.yaml).", "Företagsmappen (den som innehåller company.yaml)."),
("terminal, json or markdown.", "terminal, json eller markdown."),
("Act as if today were this date (YYYY-MM-DD; default: $ASFCERT_AS_OF, else today).", "Räkna som om dagens datum vore det här, t.ex. 2026-11-22 (standard: $ASFCERT_AS_OF, annars dagens datum)."),
("Do not read or write the cache of derived facts.", "Läs eller skriv inte cachen med härledda uppgifter."),
("A personal identity number in the YAML files or the documents blocks certification (exit code 1) instead of warning.",
 "Ett personnummer i YAML-filerna eller dokumenten hindrar certifiering (slutkod 1) i stället för att ge en varning."),
("Review an application for admission: admit, or come back later with the reasons.\n\nDecides the parts of the ASF definition's four principles that company.yaml can answer,\nand checks the annual report, the board minutes and the statutes: present, readable,\ncurrent and showing the organisation number. Exit code 0: admitted (every application,\nin a batch); 1: come back later (some); 2: input that cannot be used.",
 "Pröva en ansökan om antagning: antas, eller får återkomma senare med skälen.\n\nAvgör de delar av ASF-definitionens fyra principer som company.yaml kan besvara, och granskar årsredovisningen, styrelseprotokollen och stadgarna: att de finns, går att läsa, är aktuella och visar organisationsnumret. Slutkod 0: antagen (alla ansökningar, i en sats); 1: får återkomma senare (någon); 2: indata kan inte användas."),
("An application (a company folder with company.yaml and evidence/), or a folder of applications.",
 "En ansökan (en företagsmapp med company.yaml och evidence/), eller en mapp med ansökningar."),
("Review every subfolder of DIR as an application (automatic when DIR has no company.yaml but its subfolders do).",
 "Pröva varje undermapp i MAPP som en ansökan (görs automatiskt när MAPP saknar company.yaml men undermapparna har en)."),
("The newest board minutes may be at most this many months old.", "Det senaste styrelseprotokollet får vara högst så här många månader gammalt."),
("Create or update the auditor's record audit/audit.yaml, and decide.\n\nExit code 0: every requirement has a result (or the audit is decided) and no file\nchanged after the snapshot; 1: results missing, files changed, or the auditor is\nrefused (impartiality); 2: the input cannot be used.",
 "Skapa eller uppdatera revisionsprotokollet audit/audit.yaml, och fatta beslut.\n\nSlutkod 0: varje krav har ett resultat (eller revisionen är beslutad) och ingen fil har ändrats efter ögonblicksbilden; 1: resultat saknas, filer har ändrats eller revisorn avvisas (jäv); 2: indata kan inte användas."),
("The auditor's name, as in cohort.yaml. Needed for a new record.", "Revisorns namn, som i cohort.yaml. Behövs för ett nytt revisionsprotokoll."),
("Record the decision (every requirement needs a result).", "Skriv in beslutet (varje krav behöver ett resultat)."),
("Take a new snapshot of the submitted files after reviewing the changes.", "Ta en ny ögonblicksbild av de inlämnade filerna efter att ändringarna granskats."),
("Close a decided audit (moved to audit/history/) and start a new one.", "Avsluta en beslutad revision (flyttas till audit/history/) och börja en ny."),
("Write the audit report as HTML and PDF into audit/.", "Skriv revisionsrapporten som HTML och PDF i audit/."),
("The cohort file; default: cohort.yaml next to the company folder.", "Omgångsfilen; standard: cohort.yaml bredvid företagsmappen."),
("Audit without a cohort file: impartiality is checked against the owners only, and the record says so.",
 "Revidera utan omgångsfil: jäv prövas bara mot ägarna, och protokollet säger det."),
("terminal or json.", "terminal eller json."),
("Issue the certificate an audit decision allows: number, PDF, stamp, record.\n\nExit code 0: issued (or completed); 1: refused (no decision, not certified, files\nchanged after the audit, impartiality, a status change that is not allowed); 2: the\ninput cannot be used (no registry, broken files).",
 "Utfärda certifikatet som ett revisionsbeslut medger: nummer, PDF, stämpel, post i registret.\n\nSlutkod 0: utfärdat (eller slutfört); 1: avvisat (inget beslut, inte certifierad, filer ändrade efter revisionen, jäv, en statusändring som inte är tillåten); 2: indata kan inte användas (inget register, trasiga filer)."),
("The company folder with a decided audit.", "Företagsmappen med en beslutad revision."),
("Suspend the certificate NUMBER.", "Dra in certifikatet NUMMER tillfälligt."),
("Lift the suspension of NUMBER.", "Återinför certifikatet NUMMER (häv den tillfälliga indragningen)."),
("Withdraw the certificate NUMBER (final).", "Återkalla certifikatet NUMMER (slutgiltigt)."),
("Record that a remark on NUMBER is fixed (with --requirement and --reason).", "Skriv in att en anmärkning på NUMMER är åtgärdad (med --requirement och --reason)."),
("The requirement whose remark is fixed, with --close-remark.", "Kravet vars anmärkning är åtgärdad, med --close-remark."),
("Why: required with --suspend, --reinstate, --withdraw and --close-remark.", "Varför: krävs med --suspend, --reinstate, --withdraw och --close-remark."),
("The registry folder (holds registry.yaml); default: found above the folder, or $ASFCERT_REGISTRY.",
 "Registrets mapp (med registry.yaml); standard: den som hittas ovanför mappen, eller $ASFCERT_REGISTRY."),
("Is the certificate valid? valid, expired, suspended, withdrawn, unknown or altered.\n\nExit code 0: valid; 1: any other verdict; 2: the input cannot be used.",
 "Är certifikatet giltigt? Utslaget är giltigt, utgånget, tillfälligt indraget, återkallat, okänt eller ändrat.\n\nSlutkod 0: giltigt; 1: alla andra utslag; 2: indata kan inte användas."),
("The certificate's PDF, or its number (e.g. ASF-2026-0007).", "Certifikatets PDF, eller dess nummer (t.ex. ASF-2026-0007)."),
("The verification code printed on the certificate, to compare with the registry.", "Kontrollkoden som står på certifikatet, för jämförelse med registret."),
("Browse the standard, or check a licensee's own standard file.", "Bläddra i standarden, eller granska en licenstagares egen standardfil."),
("Show the standard: every clause and requirement, one clause, or one requirement in full.\n\nExit code 0: shown; 2: unknown clause or requirement, or a broken standard file.",
 "Visa standarden: alla avsnitt och krav, ett avsnitt eller ett krav i sin helhet.\n\nSlutkod 0: visad; 2: okänt avsnitt eller krav, eller en trasig standardfil."),
("A clause (3.1, ASF-3) or a requirement (3.1.a, ASF-3.c). Empty: the whole standard.", "Ett avsnitt (3.1, ASF-3) eller ett krav (3.1.a, ASF-3.c). Tomt: hela standarden."),
("Show the requirements in plain words (easy-read).", "Visa kraven med enkla ord (lättläst)."),
("Check a standard file: its format, its ids and the references between its parts.\n\nPrints OK with the number of requirements, or every problem with file:line:column.\nExit code 0: the file can be used with --standard; 2: it cannot.",
 "Granska en standardfil: formatet, id:na och hänvisningarna mellan delarna.\n\nSkriver OK med antalet krav, eller varje problem med fil:rad:kolumn.\nSlutkod 0: filen kan användas med --standard; 2: den kan inte det."),
("The standard file to check, e.g. a licensee's copy with the exact text.", "Standardfilen som ska granskas, t.ex. en licenstagares exemplar med den exakta texten."),
("Run a term's cohort, or the whole registry (a folder of cohorts).", "Driv en termins omgång, eller hela registret (en mapp med omgångar)."),
("Check every company of the cohort in parallel and summarise on one screen.\n\nExit code 0: every company ready and no warnings; 1: a company is not ready, or warnings; 2: unusable input.",
 "Granska omgångens alla företag parallellt och sammanfatta på en skärm.\n\nSlutkod 0: alla företag redo och inga varningar; 1: ett företag är inte redo, eller varningar; 2: indata kan inte användas."),
("A cohort folder (with cohort.yaml), or a registry folder of cohorts.", "En omgångsmapp (med cohort.yaml), eller en registermapp med omgångar."),
("Worker processes (default: one per core).", "Arbetsprocesser (standard: en per kärna)."),
("The coordinator's report: indicators for funders, remarks, expiring certificates.\nWith --out, also report.html, companies.csv, indicators.csv and report.xlsx.\n\nWorks on one cohort or on a registry folder of cohorts. Exit code 0, or 2 for unusable\ninput (a cohort file that cannot be used, an output folder that cannot be used); then\nnothing is written.",
 "Samordnarens rapport: indikatorer för finansiärer, anmärkningar, certifikat som löper ut.\nMed --out även report.html, companies.csv, indicators.csv och report.xlsx.\n\nFungerar på en omgång eller på en registermapp med omgångar. Slutkod 0, eller 2 när indata inte kan användas (en omgångsfil eller en utdatamapp som inte kan användas); då skrivs ingenting."),
("The folder to write the files into (created when needed; never inside a company folder).", "Mappen som filerna skrivs i (skapas vid behov; aldrig inuti en företagsmapp)."),
("The certifier's registry: create it, its keys, and publish the public ASF list.", "Certifierarens register: skapa det och dess nycklar, och publicera den offentliga ASF-listan."),
("Build the public ASF list: index.html with search, filters and sorting, a page per\ncompany, asf-companies.json and asf-list.csv, into --out: a new or empty folder, or an\nearlier ASF list. Swedish at the root and English in en/, both in every build (--lang\nis the language of this command's output only). Only certificates valid on the date\nare listed. With the registry's keys (passphrase from ASFCERT_KEY_PASSPHRASE, or asked\nin a terminal) also asf-list.json: every certificate issued by the date with its\nstatus, signed; root.pem and root-fingerprint.txt; verify.html and\nverify/NUMBER.html. Every dated event is taken as it stood on --as-of. The standard's\npolicy.publish_complaints_under_investigation decides whether the list says that a\ncertificate is under investigation after a complaint. A rebuild that would change\nnothing leaves the site as it is (--no-cache builds it anew).\n\nExit code 0: built; 2: the registry, a record, the keys, the passphrase or the output\nfolder cannot be used (nothing is written).",
 "Bygg den offentliga ASF-listan: index.html med sökning, filter och sortering, en sida per företag, asf-companies.json och asf-list.csv, i --out: en ny eller tom mapp, eller en tidigare ASF-lista. Svenska i roten och engelska i en/, båda i varje bygge (--lang väljer bara språket i kommandots egen utskrift). Bara certifikat som är giltiga på dagen listas. Med registrets nycklar (lösenfras från ASFCERT_KEY_PASSPHRASE, eller frågas efter i en terminal) även asf-list.json: varje certifikat som utfärdats till och med dagen med sin status, signerad; root.pem och root-fingerprint.txt; verify.html och verify/NUMMER.html. Varje daterad händelse tas som den stod --as-of. Standardens policy.publish_complaints_under_investigation avgör om listan visar att ett certifikat utreds efter ett klagomål. Ett nytt bygge som inte skulle ändra något lämnar webbplatsen som den är (--no-cache bygger den på nytt).\n\nSlutkod 0: byggd; 2: registret, en post, nycklarna, lösenfrasen eller utdatamappen kan inte användas (ingenting skrivs)."),
("The registry folder (holds registry.yaml and certificates/).", "Registrets mapp (med registry.yaml och certificates/)."),
("Create a certifier's registry: registry.yaml, and a root and a signing key (ECDSA\nP-256) encrypted with a passphrase ($ASFCERT_KEY_PASSPHRASE, or asked for).\n\nEvery question has a flag, so it runs unattended. Nothing is written until every\nanswer and the passphrase are accepted. Exit code 0: created; 2: nothing written.",
 "Skapa en certifierares register: registry.yaml, och en rotnyckel och en signeringsnyckel (ECDSA P-256) krypterade med en lösenfras ($ASFCERT_KEY_PASSPHRASE, eller frågas efter).\n\nVarje fråga har ett val, så kommandot kan köras utan att någon svarar. Ingenting skrivs förrän alla svar och lösenfrasen är godtagna. Slutkod 0: skapat; 2: ingenting skrivet."),
("The folder for the new registry (new, or the one holding the cohorts).", "Mappen för det nya registret (ny, eller den som innehåller omgångarna)."),
("The certifier's name, as certificates show it.", "Certifierarens namn, som det står på certifikaten."),
("The certifier's organisation number.", "Certifierarens organisationsnummer."),
("The certifier's postal address, on one line.", "Certifierarens postadress, på en rad."),
("The certifier's mark: a PNG or JPEG file (optional).", "Certifierarens logotyp: en PNG- eller JPEG-fil (frivilligt)."),
("Where the ASF list is published, e.g. https://skoopi.example/asf (optional).", "Där ASF-listan publiceras, t.ex. https://skoopi.example/asf (frivilligt)."),
("Certificate numbers are PREFIX-YEAR-NNNN.", "Certifikatnummer är PREFIX-ÅR-NNNN."),
("The certifier's keys: list them, or --create, --rotate or --export.\n\nCertificates signed before a rotation still verify: the old signing certificates stay.\nExit code 0: done; 2: nothing written (no registry, no keys, wrong passphrase).",
 "Certifierarens nycklar: lista dem, eller --create, --rotate eller --export.\n\nCertifikat som signerades före ett nyckelbyte går fortfarande att kontrollera: de gamla signeringscertifikaten finns kvar.\nSlutkod 0: klart; 2: ingenting skrivet (inget register, inga nycklar, fel lösenfras)."),
("The registry folder (holds registry.yaml).", "Registrets mapp (med registry.yaml)."),
("Give a registry made before `registry init` its keys.", "Ge ett register som skapades före `registry init` dess nycklar."),
("Issue a new signing certificate under the same root.", "Utfärda ett nytt signeringscertifikat under samma rot."),
("Print the root certificate (PEM) and its SHA-256 fingerprint.", "Skriv ut rotcertifikatet (PEM) och dess SHA-256-fingeravtryck."),
("Open the company folder as a workspace in the web browser: forms instead of YAML.\n\nOn a cohort folder or a registry: the coordinator's overview (the data of `cohort\nreport`), every company's workspace, and the audit view for the appointed auditor:\nresults, decision, audit report, certificate and its status. The signing key's\npassphrase comes from $ASFCERT_KEY_PASSPHRASE or is typed on the page; never stored.\nPrints a link with a one-time key; open it in the browser on this computer. Ctrl-C stops.\nEvery save writes the same files `asfcert check` reads.\nExit code 0: stopped with Ctrl-C; 2: the folder, the standard or the address cannot be used.",
 "Öppna företagsmappen som en arbetsyta i webbläsaren: formulär i stället för YAML.\n\nPå en omgångsmapp eller ett register: samordnarens översikt (samma uppgifter som `cohort\nreport`), varje företags arbetsyta och revisionsvyn för den utsedda revisorn:\nresultat, beslut, revisionsrapport, certifikat och dess status. Signeringsnyckelns\nlösenfras tas från $ASFCERT_KEY_PASSPHRASE eller skrivs på sidan; den sparas aldrig.\nSkriver ut en länk med en engångsnyckel; öppna den i webbläsaren på den här datorn. Ctrl-C avslutar.\nVarje sparning skriver samma filer som `asfcert check` läser.\nSlutkod 0: avslutad med Ctrl-C; 2: mappen, standarden eller adressen kan inte användas."),
("A company folder (with company.yaml), a cohort folder (with cohort.yaml) or a registry of cohorts.",
 "En företagsmapp (med company.yaml), en omgångsmapp (med cohort.yaml) eller ett register med omgångar."),
("The port; 0 (the default) picks a free one.", "Porten; 0 (standard) väljer en ledig."),
("The address to listen on. Anything but 127.0.0.1 lets other computers try to connect.",
 "Adressen att lyssna på. Allt utom 127.0.0.1 låter andra datorer försöka ansluta."),
("Open the workspace in the web browser.", "Öppna arbetsytan i webbläsaren."),
("Start a cohort: write DIR/cohort.yaml with the term's dates, the company folders\nalready in DIR and SKOOPI's targets. With --renewals-from, the companies whose\ncertificates end within the standard's renewal window (default six months from today\nor --as-of), each marked with the certificate it renews.\n\nExit code 0: written; 2: the term, the registry or the folder cannot be used, or\ncohort.yaml exists already (it is never replaced).",
 "Starta en omgång: skriv MAPP/cohort.yaml med terminens datum, företagsmapparna som redan finns i MAPP och SKOOPI:s mål. Med --renewals-from: företagen vars certifikat löper ut inom standardens förnyelseperiod (som standard sex månader från i dag eller --as-of), vart och ett märkt med certifikatet det förnyar.\n\nSlutkod 0: skriven; 2: terminen, registret eller mappen kan inte användas, eller cohort.yaml finns redan (den ersätts aldrig)."),
("The new cohort's folder (created when needed).", "Den nya omgångens mapp (skapas vid behov)."),
("The term: VT (spring) or HT (autumn) and the year.", "Terminen: VT eller HT och året."),
("The cohort's name; default: Certifiering (or Omcertifiering) and the term.", "Omgångens namn; standard: Certifiering (eller Omcertifiering) och terminen."),
("The first day; default: the first Monday on or after 20 January (VT) or 20 August (HT).",
 "Första dagen; standard: den första måndagen från och med den 20 januari (VT) eller den 20 augusti (HT)."),
("The certifier's registry: list the companies whose certificates are due for renewal, marked as re-certification.",
 "Certifierarens register: lista företagen vars certifikat ska förnyas, märkta som omcertifiering."),
("Record a complaint against a certificate, change its status and outcome, or (with\nneither) list the registry's complaints. Kept in complaints.yaml in the registry.\n\nExit code 0: done; 2: the registry, the certificate or the complaint cannot be used,\npersonal data in the summary, or an outcome the certificate record does not show.",
 "Skriv in ett klagomål mot ett certifikat, ändra dess status och utfall, eller (utan något av dem) lista registrets klagomål. Sparas i complaints.yaml i registret.\n\nSlutkod 0: klart; 2: registret, certifikatet eller klagomålet kan inte användas, personuppgifter i sammanfattningen, eller ett utfall som certifikatets post inte visar."),
("Record a new complaint against the certificate NUMBER (with --summary).", "Skriv in ett nytt klagomål mot certifikatet NUMMER (med --summary)."),
("What the complaint is about, without personal data.", "Vad klagomålet gäller, utan personuppgifter."),
("Change the complaint with this id (with --status).", "Ändra klagomålet med det här id:t (med --status)."),
("The complaint's new status.", "Klagomålets nya status."),
("With --status upheld: what it led to; a suspension or withdrawal must be in the certificate record first.",
 "Med --status upheld: vad det ledde till; en tillfällig indragning eller en återkallelse måste först finnas i certifikatets post."),
("With --outcome remark: the requirement of the remark.", "Med --outcome remark: kravet som anmärkningen gäller."),
("Is the certificate valid? valid, expired, suspended, withdrawn, superseded, altered,\nunknown-issuer, unknown, or status-not-checked (the signature is the certifier's, and\nno list or registry was at hand).\n\nExit code 0: valid; 1: any other verdict; 2: the input cannot be used; 3: signature\nvalid, status not checked.",
 "Är certifikatet giltigt? Utslaget är giltigt, utgånget, tillfälligt indraget, återkallat, ersatt, ändrat, okänd utfärdare, okänt eller status inte kontrollerad (signaturen är certifierarens, men ingen lista eller inget register fanns till hands).\n\nSlutkod 0: giltigt; 1: alla andra utslag; 2: indata kan inte användas; 3: signaturen giltig, status inte kontrollerad."),
("The certificate's PDF, its number (e.g. ASF-2026-0007), or the token in its QR code.",
 "Certifikatets PDF, dess nummer (t.ex. ASF-2026-0007) eller koden i dess QR-kod."),
("The verification code printed on the certificate, checked with its number.", "Kontrollkoden som står på certifikatet, prövad tillsammans med numret."),
("The certifier's root certificate: the only one trusted. Default: the registry's, else the one saved with --save-trust.",
 "Certifierarens rotcertifikat: det enda som litas på. Standard: registrets, annars det som sparades med --save-trust."),
("Keep the --trust root certificate for later checks (shows its fingerprint).", "Spara rotcertifikatet i --trust för senare kontroller (visar dess fingeravtryck)."),
("The certifier's signed list, or the folder `registry build` wrote. Default: the registry's records.",
 "Certifierarens signerade lista, eller mappen som `registry build` skrev. Standard: registrets poster."),
("Build the public ASF list: index.html with search and filters, a page per company,\nasf-companies.json and asf-list.csv, into --out: a new or empty folder, or an earlier\nASF list. Only certificates valid on the date are listed. With the registry's keys\n(passphrase from ASFCERT_KEY_PASSPHRASE, or asked in a terminal) also asf-list.json:\nevery certificate issued by the date with its status, signed; root.pem and\nroot-fingerprint.txt; verify.html and verify/NUMBER.html. Every dated event is taken\nas it stood on --as-of.\n\nExit code 0: built; 2: the registry, a record, the keys, the passphrase or the output\nfolder cannot be used (nothing is written).",
 "Bygg den offentliga ASF-listan: index.html med sökning och filter, en sida per företag, asf-companies.json och asf-list.csv, i --out: en ny eller tom mapp, eller en tidigare ASF-lista. Bara certifikat som är giltiga på dagen listas. Med registrets nycklar (lösenfras från ASFCERT_KEY_PASSPHRASE, eller frågas efter i en terminal) även asf-list.json: varje certifikat som utfärdats till och med dagen med sin status, signerad; root.pem och root-fingerprint.txt; verify.html och verify/NUMMER.html. Varje daterad händelse tas som den stod --as-of.\n\nSlutkod 0: byggd; 2: registret, en post, nycklarna, lösenfrasen eller utdatamappen kan inte användas (ingenting skrivs)."),
("Issue the certificate an audit decision allows: number, signed PDF, stamp, record.\n\nThe PDF is signed with the registry's signing key; its passphrase comes from\n$ASFCERT_KEY_PASSPHRASE or is asked for in a terminal. --withdraw shows the\ncertificate and asks before withdrawing it (--yes: do not ask).\n\nExit code 0: issued (or completed); 1: refused (no decision, not certified, files\nchanged after the audit, impartiality, a status change that is not allowed); 2: the\ninput cannot be used (no registry, no keys, a wrong passphrase, broken files).",
 "Utfärda certifikatet som ett revisionsbeslut medger: nummer, signerad PDF, stämpel, post i registret.\n\nPDF:en signeras med registrets signeringsnyckel; lösenfrasen hämtas från $ASFCERT_KEY_PASSPHRASE eller frågas efter i en terminal. --withdraw visar certifikatet och frågar innan det återkallas (--yes: fråga inte).\n\nSlutkod 0: utfärdat (eller slutfört); 1: avvisat (inget beslut, inte certifierad, filer ändrade efter revisionen, jäv, en statusändring som inte är tillåten); 2: indata kan inte användas (inget register, inga nycklar, fel lösenfras, trasiga filer)."),
("Withdraw without asking for a confirmation (needed without a terminal).", "Återkalla utan att fråga om bekräftelse (behövs utan terminal)."),
("Add an RFC 3161 timestamp from this timestamp authority to the signature (off by default; needs the network).",
 "Lägg till en tidsstämpel enligt RFC 3161 från den här tidsstämpeltjänsten i signaturen (avstängt som standard; kräver nätverksanslutning)."),
)

# Placeholders: the Swedish help names them as the usage line does.
METAVARS = {"DIR": "MAPP", "FILE": "FIL", "NUMBER": "NUMMER", "NAME": "NAMN", "TEXT": "TEXT", "YYYY-MM-DD": "ÅÅÅÅ-MM-DD",
            "<str>": "<text>", "<path>": "<sökväg>", "<int>": "<heltal>", "ID": "ID", "URL": "URL"}
_HEADINGS = {"Arguments": "Argument", "Options": "Val", "Commands": "Kommandon"}
_MARKS = (("[default: ", "[standard: "), ("[required]", "[krävs]"), ("[env var: ", "[miljövariabel: "),
          ("Show this message and exit.", "Visa den här hjälpen och avsluta."))


def key(text: str) -> str:
    return " ".join(text.split())


SWEDISH = {key(en): sv for en, sv in PAIRS}


def missing(command) -> list[str]:
    """Every help text in the tree under `command` that has no Swedish."""
    return [text for text in _texts(command) if key(text) not in SWEDISH]


def apply(command) -> None:
    """Swedish help texts and headings for `command` and everything under it."""
    for cmd in _commands(command):
        for attr in ("help", "short_help"):
            text = getattr(cmd, attr, None)
            if text and key(text) in SWEDISH:
                setattr(cmd, attr, SWEDISH[key(text)])
        for param in cmd.params:
            text = getattr(param, "help", None)
            if text and key(text) in SWEDISH:
                param.help = SWEDISH[key(text)]
            if getattr(param, "metavar", None) in METAVARS:
                param.metavar = METAVARS[param.metavar]
        cmd.options_metavar = "[VAL]"
        if hasattr(cmd, "subcommand_metavar"):
            cmd.subcommand_metavar = "KOMMANDO [ARG]..."
        cmd.context_class = _swedish_context(cmd.context_class)


def _commands(command):
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def _texts(command):
    for cmd in _commands(command):
        for text in (cmd.help, *(getattr(p, "help", None) for p in cmd.params)):
            if text:
                yield text


def _swedish_context(context_class):
    if getattr(context_class, "swedish", False):
        return context_class
    base_formatter = context_class.formatter_class

    class Formatter(base_formatter):
        def write_usage(self, prog, args="", prefix=None):
            super().write_usage(prog, args, prefix="Användning: ")

        def write_heading(self, heading):
            super().write_heading(_HEADINGS.get(heading, heading))

        def write_dl(self, rows, *args, **kwargs):
            super().write_dl([(term, _marks(text)) for term, text in rows], *args, **kwargs)

    class Context(context_class):
        swedish = True
        formatter_class = Formatter

    return Context


def _marks(text: str) -> str:
    for en, sv in _MARKS:
        text = text.replace(en, sv)
    return text
