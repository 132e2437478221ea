"""The privacy scan: valid personal identity and coordination numbers in the YAML files and
in PDF text give a warning (a blocker with --strict-privacy) that shows only a masked form."""

import datetime as dt
import os
import re
import subprocess
import sys

import pytest
from helpers import AS_OF, complete_answers, line_of, make_company, only, run
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from asfcert.evidence.privacy import find, mask


def valid(first9: str) -> str:
    """Nine digits plus the Luhn check digit."""
    return first9 + luhn.calc_check_digit(first9)


PERSON = valid("811218987")  # born 18 December 1981
COORDINATION = valid("811278987")  # the same date, day + 60
PAYROLL = "evidence/lon/lonesammanstallning-per-roll.pdf"


@pytest.mark.parametrize(
    "written, shown",
    [
        (f"{PERSON[:6]}-{PERSON[6:]}", "19811218-****"),
        (f"19{PERSON[:6]}-{PERSON[6:]}", "19811218-****"),
        (f"19{PERSON}", "19811218-****"),
        (PERSON, "19811218-****"),
        (f"{PERSON[:6]} {PERSON[6:]}", "19811218-****"),
        (f"{PERSON[:6]}+{PERSON[6:]}", "18811218-****"),  # a hundred years or older
        (f"{COORDINATION[:6]}-{COORDINATION[6:]}", "19811278-****"),
    ],
)
def test_valid_numbers_are_found_and_masked(written, shown):
    [hit] = find(f"Lön för {written}, roll medarbetare.", dt.date(2026, 11, 22))
    assert hit.masked == shown
    masked = mask(f"x {written} y", [find(f"x {written} y")[0]])
    assert masked == f"x {shown} y" and PERSON[6:] not in masked


@pytest.mark.parametrize(
    "text",
    [
        "829502-4247",  # an organisation number: Luhn-valid, but month 95 is no month
        "SE829502424701",
        f"{PERSON[:6]}-{PERSON[6:9]}{(int(PERSON[9]) + 1) % 10}",  # wrong check digit
        "811232-1234",  # no 32nd day
        valid("201501021"),  # 12 digits with an invented century are not read as dates
        f"20{valid('301218987')}",  # born in 2030: in the future
        "2026-03-12",
        "6 240 000",
        "070-123 45 67",
    ],
)
def test_ordinary_numbers_are_not_identity_numbers(text):
    assert find(f"Text {text} text", dt.date(2026, 11, 22)) == []


@given(st.from_regex(r"[0-9]{2}[2-9][0-9]{6}", fullmatch=True))
def test_no_organisation_number_is_ever_taken_for_a_person(first9):
    number = valid(first9)
    assert find(f"org.nr {number[:6]}-{number[6:]}") == []


def test_number_in_yaml_is_located_and_masked(tmp_path):
    answers = complete_answers()
    answers["3.5.a"]["description"] = f"Delegationen beslutades av Anna ({PERSON[:6]}-{PERSON[6:]})."
    root = make_company(tmp_path / "c", answers=answers)
    result = run(root)
    f = only(result, "personal-number-found")
    path = root / "self-assessment/answers.yaml"
    assert (f.location.file, f.location.line, f.severity) == ("self-assessment/answers.yaml", line_of(path, "Delegationen"), "warning")
    assert f.location.column == 1 + next(l for l in path.read_text().splitlines() if "Delegationen" in l).index(PERSON[:6])
    assert "19811218-****" in f.message.sv and PERSON[6:] not in str(f.to_dict())
    assert result.exit_code == 0


def test_strict_privacy_blocks_and_is_part_of_the_cache_key(tmp_path):
    root = make_company(tmp_path / "c", municipality=f"Falun {PERSON}")
    assert only(run(root, use_cache=True), "personal-number-found").severity == "warning"
    strict = run(root, use_cache=True, strict_privacy=True)
    assert only(strict, "personal-number-found").severity == "blocker" and strict.exit_code == 1


def test_a_sole_traders_own_number_is_left_to_the_org_number_rule(tmp_path):
    root = make_company(tmp_path / "c", org_number=f"{PERSON[:6]}-{PERSON[6:]}")
    result = run(root)
    assert "personal-number-found" not in {f.code for f in result.findings}
    assert "org-number-personal" in {f.code for f in result.findings}


def payroll_with_numbers(tmp_path):
    from fixtures.hostile_pdfs import text_pdf

    root = make_company(tmp_path / "c")
    (root / PAYROLL).write_bytes(
        text_pdf("Lönesammanställning per roll", f"Medarbetare {PERSON[:6]}-{PERSON[6:]} 16 000 kr\nHandledare 19{COORDINATION} 30 000 kr")
    )
    return root


def test_number_in_a_pdf_names_file_and_page(tmp_path):
    result = run(payroll_with_numbers(tmp_path))
    f = only(result, "personal-number-found")
    assert (f.location.file, f.params["pages"], f.params["count"]) == (PAYROLL, [2], 2)
    assert "19811218-****" in f.message.en and "19811278-****" in f.message.en and "page 2" in f.message.en


def test_pdf_metadata_is_scanned_too(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_author(f"Anna {PERSON[:6]}-{PERSON[6:]}")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, "Lonesammanstallning")
    root = make_company(tmp_path / "c")
    (root / PAYROLL).write_bytes(bytes(pdf.output()))
    f = only(run(root), "personal-number-found")
    assert f.params["pages"] == [0] and "document properties" in f.message.en


@pytest.mark.parametrize("fmt", ["terminal", "json", "markdown"])
def test_no_output_and_no_cache_file_holds_an_unmasked_number(tmp_path, fmt):
    root = payroll_with_numbers(tmp_path)
    (root / "company.yaml").write_text((root / "company.yaml").read_text() + f"# kontakt {PERSON}\n")
    cache = tmp_path / "cache"
    asfcert = os.path.join(os.path.dirname(sys.executable), "asfcert")
    proc = subprocess.run(
        [asfcert, "check", str(root), "--as-of", AS_OF.isoformat(), "-f", fmt, "--strict-privacy"],
        capture_output=True, text=True, timeout=120, env={**os.environ, "ASFCERT_CACHE_DIR": str(cache)},
    )
    assert proc.returncode == 1
    out = proc.stdout + proc.stderr
    assert "19811218-****" in out and "19811278-****" in out
    # A last-four group on its own, not four digits inside a SHA-256 or a file time in nanoseconds
    # (the cache is full of those: by chance they hold any four digits)
    leaks = [re.compile(re.escape(PERSON))] + [re.compile(rf"(?<![0-9A-Fa-f]){n[6:]}(?![0-9A-Fa-f])") for n in (PERSON, COORDINATION)]
    for leak in leaks:
        assert not leak.search(out), leak.pattern
        for path in cache.rglob("*"):
            if path.is_file():
                assert not leak.search(path.read_text(encoding="utf-8", errors="replace")), (leak.pattern, path)
