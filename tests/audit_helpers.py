"""Build a certifier's registry with a cohort and company folders on disk, and play the
auditor: fill in results, decide, certify. Every person and company is invented."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from helpers import AS_OF, make_company, yaml_text
from trust_helpers import PASSPHRASE, copy_keys

AUDITOR = "Åsa Öberg"
SUPERVISOR = "Per Lind"
OTHER_AUDITOR = "Kim Berg"
NAME = "Gröna Händer på Åkern ekonomisk förening"  # å, ä and ö
ORG = "829502-4247"
DECIDED = dt.date(2026, 11, 30)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "omgang-ht2026"


def registry(root: Path, *, keys: bool = True, **fields) -> Path:
    """A registry with the certifier's keys (encrypted with trust_helpers.PASSPHRASE), or
    without them as one made before `registry init`."""
    root.mkdir(parents=True, exist_ok=True)
    data = {"format": "asfcert-registry/1", "certifier": "SKOOPI", "certifier_org_number": "829502-4247", "prefix": "ASF", **fields}
    (root / "registry.yaml").write_text(yaml_text(data), encoding="utf-8")
    if keys:
        copy_keys(root)
    return root


def cohort(folder: Path, companies: dict[str, dict], people: list[dict] | None = None, groups: list[dict] | None = None) -> Path:
    data = {
        "name": "Certifiering hösten 2026",
        "term": "HT2026",
        "dates": {"start": dt.date(2026, 8, 24), "submission_deadline": dt.date(2026, 11, 20)},
        "people": people if people is not None else [
            {"name": AUDITOR, "roles": ["auditor"], "home_company": "769651-8278"},
            {"name": OTHER_AUDITOR, "roles": ["auditor", "supervisor"], "home_company": "802533-4114"},
            {"name": SUPERVISOR, "roles": ["supervisor"], "home_company": "559402-1189"},
        ],
        "groups": groups if groups is not None else [{"supervisor": SUPERVISOR, "companies": sorted(companies)}],
        "companies": companies,
    }
    path = folder / "cohort.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml_text(data), encoding="utf-8")
    return path


def setup(tmp_path: Path, folder: str = "grona", *, examples: tuple[str, ...] = (), **edits) -> Path:
    """registry/omgang/<folder> (a complete company named NAME) plus copies of example
    companies, a cohort with AUDITOR appointed for all, and the registry marker.
    Returns the company folder."""
    reg = registry(tmp_path / "registry")
    omgang = reg / "omgang-ht2026"
    edits.setdefault("name", NAME)
    edits.setdefault("org_number", ORG)
    company = make_company(omgang / folder, **edits)
    for name in examples:
        shutil.copytree(EXAMPLES / name, omgang / name)
    cohort(omgang, {name: {"auditor": AUDITOR} for name in (folder, *examples)})
    return company


def audit(root: Path, **options):
    from asfcert.audit.session import AuditOptions
    from asfcert.audit.session import audit as run

    options.setdefault("today", AS_OF)
    options.setdefault("use_cache", True)  # a private cache per test (conftest)
    if not (root / "audit" / "audit.yaml").exists():
        options.setdefault("auditor", AUDITOR)
    return run(root, AuditOptions(**options))


def set_results(root: Path, results: dict | None = None, default: str | None = "conform", comments: dict | None = None) -> None:
    """Play the auditor: write results into audit/audit.yaml with a round-trip edit,
    filling every other empty result with `default`, leaving everything else as it is."""
    from asfcert.records import audit_record as record

    path = root / "audit" / "audit.yaml"
    data = record.read(root).required().editable()
    for req_id, entry in data["requirements"].items():
        if results and req_id in results:
            entry["result"] = results[req_id]
        elif default and entry.get("result") in (None, ""):
            entry["result"] = default
        if comments and req_id in comments:
            entry["comment"] = comments[req_id]
    path.write_text(record.dump(data), encoding="utf-8")


def decide(root: Path, results: dict | None = None, date: dt.date = DECIDED, comments: dict | None = None):
    audit(root, today=date)
    set_results(root, results, comments=comments)
    return audit(root, today=date, decide=True)


RECERTIFIED = dt.date(2027, 2, 15)  # an early re-certification, while the 2025 annual report is current


def redecide(root: Path, day: dt.date = RECERTIFIED):
    """A new board protocol, a new audit (`--new`) and its decision on `day`, for a company
    certified before; returns the decided audit."""
    from helpers import pdf_bytes, write_tree

    write_tree(root, {"evidence/protokoll/styrelse-2027-02.pdf": pdf_bytes("Protokoll 2027")})
    audit(root, new=True, today=day)
    set_results(root)
    return audit(root, today=day, decide=True)


def certify(root: Path, **options):
    from asfcert.certify.issue import CertifyOptions
    from asfcert.certify.issue import certify as run

    options.setdefault("today", DECIDED + dt.timedelta(days=1))
    options.setdefault("use_cache", True)  # a private cache per test (conftest)
    options.setdefault("passphrase", PASSPHRASE.encode())
    return run(root, CertifyOptions(**options))


def issued(folder: Path) -> tuple[Path, object]:
    """A company in `folder`, decided and certified: its Swedish certificate PDF and record."""
    root = setup(folder)
    decide(root)
    rec = certify(root).record
    return root / "certificate" / f"{rec.number}-sv.pdf", rec


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() or "" for page in reader.pages)
