"""Build a synthetic registry: N invented companies in cohorts of about 20, each with a
realistic company.yaml, a complete or partly complete self-assessment, and small PDFs.

    .venv/bin/python bench/make_registry.py OUT --companies 1000 [--pdfs 5] [--seed 1]

Used by bench/bench_cohort.py and by the tests (`build()`). Every company and person is
invented; about one in six companies has a defect (pay ratio, a public owner, dividends,
only work training, or an unfinished self-assessment), and a few cohorts have withdrawn
companies, so the reports have something to show.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import itertools
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FIRST = ["Gröna", "Nya", "Lilla", "Stora", "Norra", "Södra", "Östra", "Västra", "Gamla", "Unga", "Glada", "Öppna"]
NOUN = ["Verkstaden", "Köket", "Trädgården", "Snickeriet", "Tvätteriet", "Bageriet", "Cykelhuset", "Lagret",
        "Ateljén", "Kaféet", "Odlingen", "Returen", "Tryckeriet", "Städbolaget", "Sömnaden", "Flyttlaget"]
PLACE = ["Norrbacka", "Sjöstad", "Ekdala", "Bergvik", "Lindholmen", "Åsbro", "Västanby", "Granliden", "Holmsund", "Ängby"]
COUNTIES = ["Dalarnas län", "Örebro län", "Hallands län", "Västra Götalands län", "Stockholms län", "Skåne län", "Jämtlands län"]
INDUSTRIES = ["café", "catering", "trädgård", "second hand", "cykelverkstad", "snickeri", "städ", "tvätteri", "flytt", "tryck"]
ROLES = ["Verksamhetsledare", "Arbetshandledare", "Ekonomiansvarig", "Medarbetare kök", "Medarbetare butik", "Medarbetare lager"]
PEOPLE_FIRST = ["Maja", "Jonas", "Amira", "Erik", "Sara", "Ali", "Lena", "Oskar", "Nora", "Tove", "Hampus", "Leila"]
PEOPLE_LAST = ["Exempeldotter", "Påhittsson", "Fiktiva", "Provsson", "Testberg", "Mallström", "Låtsasson", "Skissén"]
DEFECTS = ["pay-ratio", "public-owner", "dividends", "only-training", "incomplete"]
EVIDENCE = {  # evidence kind -> the path in the kit, for the PDFs and the answers
    "annual-report": "evidence/arsredovisning/arsredovisning-2025.pdf",
    "statutes": "evidence/stadgar/stadgar.pdf",
    "minutes": "evidence/protokoll/styrelseprotokoll-2026-03.pdf",
    "participation-policy": "evidence/policyer/delaktighetspolicy.pdf",
    "payroll-summary": "evidence/lon/lonesammanstallning-per-roll.pdf",
}


def _org_number(rng: random.Random, prefix: str) -> str:
    from stdnum import luhn

    base = prefix + "".join(str(rng.randrange(10)) for _ in range(9 - len(prefix)))
    number = base + luhn.calc_check_digit(base)
    return f"{number[:6]}-{number[6:]}"


def _yaml(data) -> str:
    from ruamel.yaml import YAML

    y = YAML()
    y.allow_unicode = True
    buf = io.StringIO()
    y.dump(data, buf)
    return buf.getvalue()


def _pdf(title: str, lines: list[str], pages: int) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2026, 3, 12, tzinfo=dt.timezone.utc))
    for page in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=14)
        pdf.cell(0, 10, f"{title} ({page + 1}/{pages})", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for line in lines:
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _profile(rng: random.Random, name: str, org: str, defect: str | None) -> dict:
    low = rng.choice([16000, 17500, 18000, 19000])
    top = low * 2.6 if defect == "pay-ratio" else low * rng.choice([1.6, 1.9, 2.2, 2.5])
    pay = [{"role": ROLES[0], "monthly_sek": int(top)}]
    pay += [{"role": r, "monthly_sek": int(low + rng.randrange(0, int(top - low) + 1, 500))} for r in ROLES[1:4]]
    pay.append({"role": ROLES[5], "monthly_sek": low})
    employees = rng.randrange(6, 30)
    target = 0 if defect == "only-training" else rng.randrange(3, employees)
    owners = [{"name": "Medlemmarna", "kind": "members", "share_percent": 100}]
    if defect == "public-owner":
        owners = [{"name": "Medlemmarna", "kind": "members", "share_percent": 90}, {"name": f"{rng.choice(PLACE)}s kommun", "kind": "public-sector", "share_percent": 10}]
    return {
        "name": name,
        "org_number": org,
        "legal_form": "economic-association",
        "county": rng.choice(COUNTIES),
        "municipality": rng.choice(PLACE),
        "industries": rng.sample(INDUSTRIES, 2),
        "owners": owners,
        "headcount": {
            "as_of": dt.date(2026, 9, 30), "employees": employees, "target_group_employees": target,
            "target_group_hired_last_24_months": min(target, rng.randrange(1, 5)) if target else 0,
            "work_training_participants": rng.randrange(5, 40),
        },
        "pay": pay,
        "work_supervisors": [{"role": "Arbetshandledare", "employer": name, "employer_sector": "own-company", "count": rng.randrange(1, 4)}],
        "finances": [
            {"year": 2025, "revenue_sek": rng.randrange(1_000_000, 9_000_000, 1000), "result_sek": rng.randrange(-50_000, 400_000, 1000),
             "dividends_sek": 60000 if defect == "dividends" else 0},
            {"year": 2024, "revenue_sek": rng.randrange(1_000_000, 9_000_000, 1000), "result_sek": rng.randrange(-50_000, 400_000, 1000), "dividends_sek": 0},
        ],
        "collective_agreement": {"has_agreement": rng.random() > 0.15, "agreement": "Via KFO"},
        "work_environment": {"sam_in_place": True, "last_annual_review": dt.date(2026, rng.randrange(1, 10), rng.randrange(1, 28)), "safety_representative": True},
        "participation": {
            "introduction": {"description": "Nya medarbetare går igenom delaktighetspolicyn med en fadder.", "evidence": [EVIDENCE["participation-policy"]]},
            "daily_operation": {"description": "Veckomöten där alla är med och planerar arbetet.", "evidence": [EVIDENCE["minutes"]]},
            "board_decisions": {"description": "Två medarbetare sitter i styrelsen.", "evidence": [EVIDENCE["minutes"]]},
            "employees_can_become_members": True,
        },
    }


def _answers(rng: random.Random, standard, incomplete: bool) -> dict:
    answers = {}
    for req in standard.enabled:
        if req.decided_by != "auditor":
            continue
        if incomplete and rng.random() < 0.35:
            answers[req.id] = None
            continue
        refs = [EVIDENCE.get(k, EVIDENCE["minutes"]) for k in req.evidence]
        answers[req.id] = {
            "status": "met",
            "description": f"{req.guidance.sv if req.guidance else req.text.sv} Vi har gjort detta sedan {rng.randrange(2012, 2024)}.",
            "evidence": sorted(set(refs)),
        }
    return answers


TERMS = [f"{season}{year}" for year in range(2018, 2027) for season in ("VT", "HT")]


def _records(rng, root: Path, company: Path, standard, name: str, org: str, auditor: str, decided: dt.date, defect, serial: int) -> None:
    """An audit record with a decision and, when certified, a certificate in the registry
    and its copy in the company folder, as `asfcert audit` and `asfcert certify` write
    them. The snapshot holds the real hashes, so nothing shows as changed since the audit."""
    from asfcert.base.dates import add_months
    from asfcert.company.folder import CompanyFolder
    from asfcert.formats import audit as A
    from asfcert.formats import certificate as C
    from asfcert.records.certificates import last_valid_day, verification_code

    folder = CompanyFolder(company)
    files = [A.SnapshotFile(path=rel, size=(company / rel).stat().st_size, sha256=folder.content_hash(rel))
             for rel in folder.files if rel == "company.yaml" or rel.startswith(("self-assessment/", "evidence/"))]
    remark_reqs = [r for r in standard.enabled if r.severity == "remark" and r.decided_by == "auditor"]
    remarks = sorted(rng.sample([r.id for r in remark_reqs], rng.choice([0, 0, 1, 2])))
    outcome = "not-certified" if defect else ("certified-with-remarks" if remarks else "certified")
    deadline = add_months(decided, standard.policy.remark_deadline_months)
    std = A.StandardRef(id=standard.id, version=standard.version)
    decision_id = f"{serial:08x}"
    number = f"ASF-{decided.year}-{serial:04d}" if outcome != "not-certified" else None
    results = {r.id: A.RequirementAudit(result="remark" if r.id in remarks else "conform") for r in standard.enabled}
    if defect:
        results[next(r.id for r in standard.enabled if r.severity == "blocker")] = A.RequirementAudit(result="major")
    record = A.AuditRecord(
        format="asfcert-audit/1", company=A.CompanyRef(name=name, org_number=org, folder=company.name), standard=std,
        auditor=auditor, impartiality=A.Impartiality(basis="cohort", cohort_file="../cohort.yaml", checked=decided),
        started=decided - dt.timedelta(days=14), updated=decided, requirements=results,
        snapshot=A.Snapshot(taken=decided, files=files),
        decision=A.Decision(id=decision_id, outcome=outcome, date=decided, auditor=auditor, standard=std,
                            remarks=[A.Remark(requirement=r, deadline=deadline) for r in remarks], certificate=number),
    )
    (company / "audit").mkdir(exist_ok=True)
    (company / "audit" / "audit.yaml").write_text(_yaml(record.model_dump(mode="json", exclude_none=True)), encoding="utf-8")
    if number is None:
        return
    titles = {r.id: r.title for r in standard.enabled}
    closed = decided + dt.timedelta(days=rng.randrange(30, 200))
    cert = C.CertificateRecord(
        format="asfcert-certificate/1", number=number, certifier="SKOOPI", certifier_org_number="829502-4247",
        company=C.CompanyRef(name=name, org_number=org, folder=f"{company.parent.name}/{company.name}"),
        standard=C.StandardRef(id=standard.id, version=standard.version),
        decision=C.DecisionRef(id=decision_id, date=decided, auditor=auditor, outcome=outcome),
        effective=decided, valid_until=last_valid_day(decided, standard.policy.certificate_validity_years),
        issued=decided + dt.timedelta(days=1),
        code=verification_code("SKOOPI", number, org, decided, last_valid_day(decided, standard.policy.certificate_validity_years)),
        remarks=[C.PendingRemark(requirement=r, title_sv=titles[r].sv, title_en=titles[r].en, deadline=deadline,
                                 closed=closed if closed < dt.date(2026, 11, 1) and rng.random() < 0.7 else None) for r in remarks],
        events=[C.Event(date=decided + dt.timedelta(days=1), action="issued")],
    )
    text = _yaml(cert.model_dump(mode="json", exclude_none=True))
    for target in (root / "certificates" / f"{number}.yaml", company / "certificate" / f"{number}.yaml"):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def build(root: Path, companies: int, pdfs: int = 5, seed: int = 1, per_cohort: int = 20, pages: int = 1) -> list[Path]:
    """Write the registry under `root`; returns the company folders."""
    from asfcert.standard.load import load_standard

    standard = load_standard(None)[0]
    rng = random.Random(seed)
    folders: list[Path] = []
    docs = list(EVIDENCE.items())[:pdfs]
    n_cohorts = max(1, -(-companies // per_cohort))
    made = 0
    numbers = itertools.count(1)
    root.mkdir(parents=True, exist_ok=True)
    (root / "registry.yaml").write_text(_yaml({"format": "asfcert-registry/1", "certifier": "SKOOPI", "certifier_org_number": "829502-4247", "prefix": "ASF"}), encoding="utf-8")
    for c in range(n_cohorts):
        index = len(TERMS) - 1 - c % len(TERMS)  # newest term first; several cohorts per term once every term has one
        year, spring = 2018 + index // 2, index % 2 == 0
        term = f"{'VT' if spring else 'HT'}{year}"
        folder = root / f"omgang-{term.lower()}-{c // len(TERMS) + 1}"
        start = dt.date(year, 2 if spring else 8, 20)
        people = [
            {"name": f"{PEOPLE_FIRST[(c + i) % 12]} {PEOPLE_LAST[(c * 3 + i) % 8]}", "roles": [role], "home_company": _org_number(rng, "7696")}
            for i, role in enumerate(["supervisor", "supervisor", "supervisor", "supervisor", "auditor", "auditor"])
        ]
        names = []
        entries = {}
        for _ in range(min(per_cohort, companies - made)):
            made += 1
            slug = f"asf-{made:04d}"
            name = f"{rng.choice(FIRST)} {rng.choice(NOUN)} i {rng.choice(PLACE)} ek. för."
            org = _org_number(rng, "7696")
            defect = rng.choice(DEFECTS) if rng.random() < 0.17 else None
            company = folder / slug
            (company / "self-assessment").mkdir(parents=True, exist_ok=True)
            (company / "company.yaml").write_text(_yaml(_profile(rng, name, org, defect)), encoding="utf-8")
            answers = _answers(rng, standard, defect == "incomplete")
            (company / "self-assessment" / "svar.yaml").write_text(_yaml({"answers": answers}), encoding="utf-8")
            for kind, rel in docs:
                path = company / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(_pdf(kind, [f"{name}, Org.nr {org}", "Räkenskapsåret 2025-01-01 - 2025-12-31", "Protokoll fört 2026-03-12."], pages))
            names.append(slug)
            entries[slug] = {"auditor": people[4 + made % 2]["name"], "fee": {"invoiced": True, "paid": rng.random() > 0.2},
                             "hours_spent": rng.randrange(45, 110)}
            if term != "HT2026" and defect != "incomplete":
                entries[slug]["submitted"] = start + dt.timedelta(days=rng.randrange(80, 110))
            if rng.random() < 0.04:
                entries[slug].update(state="withdrawn", reason=rng.choice(["Verksamheten lades ned.", "Tidsbrist under hösten.", "Byte av verksamhetsledare."]))
            elif defect not in (None, "incomplete") or (defect is None and term != "HT2026" and rng.random() < 0.9):
                decided = start + dt.timedelta(days=rng.randrange(135, 160))
                if decided < dt.date(2026, 11, 1):
                    _records(rng, root, company, standard, name, org, entries[slug]["auditor"], decided, defect, next(numbers))
            folders.append(company)
        groups = [{"supervisor": people[i]["name"], "companies": names[i::4]} for i in range(4) if names[i::4]]
        cohort = {
            "name": f"Certifiering {term}", "term": term, "certifier": "SKOOPI",
            "dates": {"start": start, "submission_deadline": start + dt.timedelta(days=110)},
            "fee_sek": 6000, "targets": {"started": len(names), "certified": int(len(names) * 0.7)},
            "people": people, "groups": groups, "companies": entries,
        }
        (folder / "cohort.yaml").write_text(_yaml(cohort), encoding="utf-8")
    return folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--pdfs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    folders = build(args.out, args.companies, args.pdfs, args.seed, pages=args.pages)
    print(f"wrote {len(folders)} companies under {args.out}")


if __name__ == "__main__":
    main()
