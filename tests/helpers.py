"""Helpers to build company folders on disk and run the real check on them."""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
from pathlib import Path

AS_OF = dt.date(2026, 11, 22)
FIXTURES = Path(__file__).parent / "fixtures"

GOOD_PROFILE: dict = {
    "name": "Testföretaget Gröna Händer ekonomisk förening",
    "org_number": "829502-4247",
    "legal_form": "economic-association",
    "county": "Dalarnas län",
    "municipality": "Falun",
    "industries": ["café", "trädgård"],
    "owners": [{"name": "Medlemmarna", "kind": "members", "share_percent": 100}],
    "headcount": {
        "as_of": dt.date(2026, 9, 30),
        "employees": 10,
        "target_group_employees": 7,
        "target_group_hired_last_24_months": 2,
        "work_training_participants": 12,
    },
    "pay": [
        {"role": "Verksamhetsledare", "monthly_sek": 40000},
        {"role": "Arbetshandledare", "monthly_sek": 30000},
        {"role": "Medarbetare", "monthly_sek": 16000},
    ],
    "work_supervisors": [{"role": "Arbetshandledare", "employer": "Gröna Händer", "employer_sector": "own-company", "count": 2}],
    "finances": [
        {"year": 2025, "revenue_sek": 3200000, "result_sek": 85000, "dividends_sek": 0,
         "allocations": [{"kind": "bonus", "amount_sek": 20000}]},
        {"year": 2024, "revenue_sek": 2900000, "result_sek": 40000, "dividends_sek": 0},
    ],
    "collective_agreement": {"has_agreement": True, "agreement": "Via KFO"},
    "work_environment": {"sam_in_place": True, "last_annual_review": dt.date(2026, 3, 10), "safety_representative": True},
    "participation": {
        "introduction": {"description": "Nya medarbetare går igenom delaktighetspolicyn.", "evidence": ["evidence/policyer/delaktighetspolicy.pdf"]},
        "daily_operation": {"description": "Veckomöten där alla tar beslut om veckans arbete.", "evidence": ["evidence/protokoll/apt-2026-09.pdf"]},
        "board_decisions": {"description": "Medarbetarna har två platser i styrelsen.", "evidence": ["evidence/protokoll/styrelse-2026-03.pdf"]},
        "employees_can_become_members": True,
    },
}

# One document per evidence kind, in the kind's kit folder.
EVIDENCE = {
    "annual-report": "evidence/arsredovisning/arsredovisning-2025.pdf",
    "statutes": "evidence/stadgar/stadgar.pdf",
    "minutes": "evidence/protokoll/styrelse-2026-03.pdf",
    "registration-certificate": "evidence/registreringsbevis/registreringsbevis.pdf",
    "business-plan": "evidence/verksamhetsplan/verksamhetsplan-2026.pdf",
    "participation-policy": "evidence/policyer/delaktighetspolicy.pdf",
    "delegation-order": "evidence/policyer/delegationsordning.pdf",
    "environment-policy": "evidence/policyer/miljopolicy.pdf",
    "social-policy": "evidence/policyer/likabehandlingspolicy.pdf",
    "management-system": "evidence/ledningssystem/kvalitetshandbok.pdf",
    "work-environment": "evidence/arbetsmiljo/sam-arlig-uppfoljning.pdf",
    "payroll-summary": "evidence/lon/lonesammanstallning-per-roll.pdf",
    "collective-agreement": "evidence/avtal/kollektivavtal.pdf",
    "competence-plan": "evidence/kompetens/kompetensplan.pdf",
    "introduction-plan": "evidence/introduktion/introduktionsplan.pdf",
    "effect-report": "evidence/uppfoljning/uppfoljning-deltagare.pdf",
}
EXTRA_EVIDENCE = ["evidence/protokoll/apt-2026-09.pdf"]
# What the document cross-checks look for (rules annual-report, statutes-wording, minutes-dated).
KIND_TEXT = {
    EVIDENCE["annual-report"]: ("Räkenskapsåret 2025-01-01 - 2025-12-31.", "Styrelsen avger härmed årsredovisning."),
    EVIDENCE["statutes"]: (
        "§ 2 Ändamål. Föreningen har till ändamål att skapa arbete för människor som står långt från arbetsmarknaden.",
        "§ 9 Vinstfördelning. Vinstutdelning till medlemmarna får inte ske.",
    ),
}


def standard():
    from asfcert.standard.load import load_standard

    return load_standard(None)[0]


def complete_answers() -> dict:
    """A `met` answer with description and evidence for every auditor requirement."""
    answers = {}
    for req in standard().enabled:
        if req.decided_by != "auditor":
            continue
        answers[req.id] = {
            "status": "met",
            "description": f"Så här uppfyller vi {req.id}: {req.title.sv.lower()} är beskrivet och följs upp.",
            "evidence": [EVIDENCE[k] for k in req.evidence],
        }
    return answers


def pdf_bytes(title: str, *lines: str) -> bytes:
    """A small real PDF with extractable text."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def yaml_text(data) -> str:
    from ruamel.yaml import YAML

    y = YAML()
    y.default_flow_style = False
    y.allow_unicode = True
    buf = io.StringIO()
    y.dump(data, buf)
    return buf.getvalue()


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def make_company(root: Path, profile: dict | None = None, answers: dict | None = None, evidence: bool = True, **edits) -> Path:
    """A complete, ready company folder, with `edits` applied to a copy of the profile:
    `make_company(p, pay=[...])` replaces `pay`; a value of `None` removes the key."""
    data = copy.deepcopy(GOOD_PROFILE if profile is None else profile)
    for key, value in edits.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    files: dict[str, str | bytes] = {"company.yaml": yaml_text(data)}
    files["self-assessment/answers.yaml"] = yaml_text({"answers": complete_answers() if answers is None else answers})
    if evidence:
        for rel in sorted(set(EVIDENCE.values()) | set(EXTRA_EVIDENCE)):
            name = Path(rel).stem.replace("-", " ").capitalize()
            lines = KIND_TEXT.get(rel, ("Dokumentet är upprättat 2026-03-12.",))
            files[rel] = pdf_bytes(name, f"{data.get('name', '')}, org.nr {data.get('org_number', '')}", *lines)
    return write_tree(root, files)


def run(root: Path, **options):
    from asfcert.assess.checker import CheckOptions, check

    options.setdefault("today", AS_OF)
    options.setdefault("use_cache", False)
    return check(root, CheckOptions(**options))


def codes(result) -> set[str]:
    return {f.code for f in result.findings}


def only(result, code: str):
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, (code, [(f.code, str(f.location)) for f in result.findings])
    return found[0]


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """The 1-based line number of the nth line containing `needle`."""
    hits = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return hits[nth - 1]


def requirement(result, req_id: str):
    return next(r for r in result.requirements if r.id == req_id)


def edited_standard(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the shipped standard with one text replaced, e.g. a rule's threshold."""
    from asfcert.base.resources import default_standard

    text = default_standard().read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "standard.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def same_size_edit(path: Path, old: str, new: str) -> None:
    """Edit `path` keeping its size and its modification time to the nanosecond: only its
    ctime tells that it changed."""
    assert len(old.encode()) == len(new.encode())
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
