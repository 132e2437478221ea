"""statutes-wording: the purpose and dividend wording of the statutes is shown to the
auditor; not finding it is an observation, never a verdict."""

import os
import subprocess
import sys

from fixtures.hostile_pdfs import scan, text_pdf
from helpers import AS_OF, codes, edited_standard, make_company, only, requirement, run

STATUTES = "evidence/stadgar/stadgar.pdf"


def with_statutes(tmp_path, *pages):
    root = make_company(tmp_path / "c")
    (root / STATUTES).write_bytes(text_pdf(*pages))
    return root


def test_sentences_are_shown_with_file_and_page(company):
    req = requirement(run(company()), "3.1.a")
    [purpose] = req.figures["purpose"]
    assert (purpose["file"], purpose["page"]) == (STATUTES, 1) and "har till ändamål att skapa arbete" in purpose["text"]
    assert "Vinstutdelning till medlemmarna får inte ske." in [d["text"] for d in req.figures["dividend_restriction"]][-1]
    assert "Ändamål (stadgar.pdf s. 1)" in req.summary.sv and "Profit (stadgar.pdf p. 1)" in req.summary.en
    assert req.status == "ready"


def test_markdown_shows_the_wording_to_the_auditor(company):
    root = company()
    asfcert = os.path.join(os.path.dirname(sys.executable), "asfcert")
    proc = subprocess.run([asfcert, "check", str(root), "-f", "markdown", "--as-of", AS_OF.isoformat(), "--no-cache"],
                          capture_output=True, text=True, timeout=120)
    line = next(l for l in proc.stdout.splitlines() if l.startswith("- **3.1.a**"))
    assert "”§ 2 Ändamål." in line and "Vinstutdelning till medlemmarna får inte ske.”" in line


def test_missing_dividend_wording_is_an_observation_for_the_auditor(tmp_path):
    result = run(with_statutes(tmp_path, "§ 2 Ändamål. Bolaget har till ändamål att skapa arbete åt personer långt från arbetsmarknaden.",
                               "§ 9 Räkenskapsår. Räkenskapsåret är kalenderår."))
    f = only(result, "statutes-wording-missing")
    assert (f.severity, f.requirement, f.location.file) == ("observation", "3.1.a", STATUTES)
    assert "dividends" in f.message.en and "vinstutdelning" in f.params["words"]
    assert requirement(result, "3.1.a").status == "ready" and result.exit_code == 0  # the auditor decides
    assert requirement(result, "3.1.a").figures["dividend_restriction"] == []


def test_the_words_come_from_the_standard(tmp_path):
    std = edited_standard(tmp_path, "      - rule: statutes-wording\n", "      - rule: statutes-wording\n        purpose_words: [verksamhetsidé]\n")
    result = run(make_company(tmp_path / "c"), standard=std)
    assert only(result, "statutes-wording-missing").params["words"] == "«verksamhetsidé»"  # search terms shown as terms


def test_scanned_statutes_need_review(tmp_path):
    root = make_company(tmp_path / "c")
    (root / STATUTES).write_bytes(scan())
    result = run(root)
    f = only(result, "document-needs-review")
    assert (f.requirement, f.severity, f.location.file) == ("3.1.a", "observation", STATUTES)
    assert "statutes-wording-missing" not in codes(result)
