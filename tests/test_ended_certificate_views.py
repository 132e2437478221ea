"""A suspended or withdrawn certificate is never shown as valid ("Giltig …", "Gäller …") in
any view: the cohort report (terminal, CSV, HTML), `verify` from the registry and from the
signed list, and the public verification page's words."""

import csv
import json
import re

import pytest
from audit_helpers import certify, decide, setup
from test_cli import cli as _cli
from trust_helpers import PASSPHRASE

AS_OF = ["--as-of", "2026-12-15"]
VALID_WORDS = re.compile(r"\bGiltig|\bGäller\b|\bValid\b(?! until)")  # "Valid until" is a column head in English


def cli(*args):
    return _cli(*args, env={"ASFCERT_KEY_PASSPHRASE": PASSPHRASE, "COLUMNS": "80"})


@pytest.fixture(scope="module", params=["suspend", "withdraw"])
def ended(request, tmp_path_factory):
    root = setup(tmp_path_factory.mktemp(request.param))
    decide(root)
    number = certify(root).record.number
    reg = root.parents[1]
    extra = ["--yes"] if request.param == "withdraw" else []
    proc = cli("certify", f"--{request.param}", number, "--reason", "Protokoll saknas", "--registry", str(reg),
               "--as-of", "2026-12-10", *extra)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return {"root": root, "reg": reg, "number": number, "status": {"suspend": "suspended", "withdraw": "withdrawn"}[request.param]}


def test_the_cohort_report_shows_the_certificate_status_not_certified(ended, tmp_path):
    cohort = ended["root"].parent
    out = tmp_path / "out"
    proc = cli("cohort", "report", str(cohort), *AS_OF, "--out", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    row = next(line for line in proc.stdout.splitlines() if "Gröna" in line)
    assert "certifierad" not in row and ("indraget" in row or "återkallat" in row), row
    with (out / "companies.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, delimiter=";"))
    head, values = rows[0], rows[1]
    assert values[head.index("Läge")] == values[head.index("Giltigt till")]  # the status, where a date would say "valid until"
    assert not re.search(r"\d{4}-\d{2}-\d{2}", values[head.index("Giltigt till")])
    data = json.loads(cli("cohort", "report", str(cohort), *AS_OF, "--format", "json").stdout)
    company = data["companies"][0] if "companies" in data else data["cohorts"][0]["companies"][0]
    assert company["certificate_status"] == ended["status"] and company["state"] == "certified"  # the data keeps both


def test_verify_never_says_valid(ended):
    pdf = ended["root"] / "certificate" / f"{ended['number']}-sv.pdf"
    for lang in ("sv", "en"):
        proc = cli("verify", str(pdf), "--registry", str(ended["reg"]), *AS_OF, "--lang", lang)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert not VALID_WORDS.search(proc.stdout), proc.stdout
    site = ended["reg"].parent / "site"
    assert cli("registry", "build", str(ended["reg"]), "--out", str(site), *AS_OF).returncode == 0
    by_list = cli("verify", str(pdf), "--trust", str(site / "root.pem"), "--status", str(site / "asf-list.json"), *AS_OF)
    assert by_list.returncode == 1, by_list.stdout + by_list.stderr
    assert ended["status"] in json.loads(cli("verify", str(pdf), "--trust", str(site / "root.pem"), "--status",
                                             str(site / "asf-list.json"), *AS_OF, "--format", "json").stdout)["verdict"]
    assert not VALID_WORDS.search(by_list.stdout), by_list.stdout
    page = (site / "verify" / f"{ended['number']}.html").read_text(encoding="utf-8")
    words = json.loads(re.search(r'<script id="asf-data" type="application/json">(.*?)</script>', page, re.S).group(1))["words"]
    shown_with_any_certificate = {k: v for k, v in words.items() if k in ("period", "today", "outcome")}
    assert not any(VALID_WORDS.search(v) for v in shown_with_any_certificate.values()), shown_with_any_certificate
