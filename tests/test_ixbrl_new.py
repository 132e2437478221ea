"""`asfcert new --from-annual-report FILE`: the kit's profile gets the name, number and
finances the digital annual report tags, and nothing it does not."""

import subprocess
import sys
from pathlib import Path

import pytest
from fixtures import ixbrl as x

ASFCERT = str(Path(sys.executable).parent / "asfcert")


def new(folder: Path, *args: str):
    return subprocess.run([ASFCERT, "new", str(folder), *args], capture_output=True, text=True, timeout=120)


def profile(folder: Path) -> dict:
    from asfcert.formats.company import Company
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import load

    company, problems = validate(Company, load(folder / "company.yaml", "company.yaml"))
    assert not problems
    return company


def filing(tmp_path: Path, data: bytes, name: str = "arsredovisning.xhtml") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_name_number_and_finances_come_from_the_filing(tmp_path):
    report = filing(tmp_path, x.zipped({"arsredovisning.xhtml": x.report(scale=3, revenue=3_245_000),
                                        "revisionsberattelse.xhtml": x.audit_report()}), "ar.zip")
    proc = new(tmp_path / "kit", "--from-annual-report", str(report))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "name, org_number, finances 2025, finances 2024" in proc.stdout
    company = profile(tmp_path / "kit")
    assert (company.name, company.org_number) == (x.NAME, x.ORG)
    got = [(f.year, f.fiscal_year_end, f.revenue_sek, f.result_sek, f.dividends_sek) for f in company.finances]
    assert got == [(2025, None, 3_245_000, 85_000, None), (2024, None, 2_900_000, 40_000, None)]
    text = (tmp_path / "kit" / "company.yaml").read_text(encoding="utf-8")
    assert "se-gen-base:Nettoomsattning" in text and "ar.zip" in text


def test_a_broken_fiscal_year_and_a_tagged_dividend_are_written_as_filed(tmp_path):
    report = filing(tmp_path, x.report(first="2024-07-01", last="2025-06-30", dividend=0, result=-12_500))
    assert new(tmp_path / "kit", "--from-annual-report", str(report), "--lang", "en").returncode == 0
    latest = profile(tmp_path / "kit").finances[0]
    assert (latest.year, str(latest.fiscal_year_end), latest.result_sek, latest.dividends_sek) == (2025, "2025-06-30", -12_500, 0)


def test_untagged_figures_are_left_empty(tmp_path):
    report = filing(tmp_path, x.report(revenue=None, previous=None))
    assert new(tmp_path / "kit", "--from-annual-report", str(report)).returncode == 0
    (only,) = profile(tmp_path / "kit").finances
    assert (only.year, only.revenue_sek, only.result_sek) == (2025, None, 85_000)


def test_the_filled_kit_checks_the_filing_against_itself(tmp_path):
    from helpers import AS_OF, codes, run

    report = filing(tmp_path, x.report())
    kit = tmp_path / "kit"
    assert new(kit, "--from-annual-report", str(report)).returncode == 0
    (kit / "evidence" / "arsredovisning" / "arsredovisning-2025.xhtml").write_bytes(report.read_bytes())
    result = run(kit, today=AS_OF)
    assert not {"filing-revenue-differs", "filing-result-differs", "filing-fiscal-year-differs",
                "document-org-number-missing", "filing-dividend"} & codes(result)


def test_a_name_given_wins_and_a_matching_number_is_accepted(tmp_path):
    report = filing(tmp_path, x.report())
    assert new(tmp_path / "kit", "--from-annual-report", str(report), "--name", "Gröna Händer", "--org-number", "8295024247").returncode == 0
    assert profile(tmp_path / "kit").name == "Gröna Händer"


@pytest.mark.parametrize("data, args, code", [
    (x.report(), ["--org-number", "556036-0793"], "filing-other-company"),
    (x.plain_xhtml(), [], "filing-not-usable"),
    (x.billion_laughs(), [], "filing-not-usable"),
    (x.report(name=""), [], "filing-lacks"),
])
def test_a_filing_that_cannot_fill_the_kit_exits_2_and_writes_nothing(tmp_path, data, args, code):
    report = filing(tmp_path, data)
    proc = new(tmp_path / "kit", "--from-annual-report", str(report), *args)
    assert proc.returncode == 2 and f"[{code}]" in proc.stderr + proc.stdout
    assert not (tmp_path / "kit").exists()


def test_a_missing_file_exits_2(tmp_path):
    proc = new(tmp_path / "kit", "--from-annual-report", str(tmp_path / "finns-inte.xhtml"))
    assert proc.returncode == 2 and "[filing-not-usable]" in proc.stderr + proc.stdout


def test_prefill_keeps_to_the_tags(tmp_path):
    """In process: the mapping itself, with the tags each value came from."""
    from asfcert.evidence import ixbrl
    from asfcert.evidence.filing import Filing
    from asfcert.kit.from_filing import prefill

    pre = prefill(Filing(ixbrl.read(x.report(dividend=50_000, employees=None))), "a.xhtml")
    assert pre.finances[0] == {"year": 2025, "revenue_sek": 3_200_000, "result_sek": 85_000, "dividends_sek": 50_000}
    assert pre.finances[1] == {"year": 2024, "revenue_sek": 2_900_000, "result_sek": 40_000}
    assert "se-gen-base:ForslagDispositionUtdelning" in pre.tags and "se-gen-base:MedelantaletAnstallda" not in pre.tags
