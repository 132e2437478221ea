"""The shape of `asfcert check --format json` (documented in docs/check-json.md)."""

import json

from helpers import AS_OF, make_company

from asfcert.cli import main
from asfcert.render.common.json_schema import CheckJson


def run_json(capsys, *args):
    try:
        main(["check", *args, "--format", "json", "--as-of", AS_OF.isoformat(), "--no-cache"])
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_ready_company(tmp_path, capsys):
    code, data = run_json(capsys, str(make_company(tmp_path / "c")))
    CheckJson.model_validate(data)
    assert code == 0 == data["exit_code"]
    assert data["ready"] is True and data["usable"] is True
    assert data["lang"] == "sv"
    assert data["company"]["org_number"] == "829502-4247"
    assert {c["id"] for c in data["clauses"]} >= {"3.1", "3.9", "ASF-1", "ASF-4", "SKOOPI"}
    ratio = next(r for r in data["requirements"] if r["id"] == "ASF-3.c")
    assert ratio["figures"]["ratio"] == 2.5 and ratio["summary"] == "40 000 / 16 000 = 2,50 ≤ 2,5"


def test_findings_shape_and_language(tmp_path, capsys):
    root = make_company(tmp_path / "c", pay=[{"role": "VD", "monthly_sek": 41000}, {"role": "Medarbetare", "monthly_sek": 16000}])
    code, data = run_json(capsys, str(root), "--lang", "en")
    CheckJson.model_validate(data)
    assert code == 1 == data["exit_code"]
    [f] = data["findings"]
    assert f["code"] == "pay-ratio-exceeded" and f["severity"] == "blocker" and f["requirement"] == "ASF-3.c"
    assert f["file"] == "company.yaml" and isinstance(f["line"], int) and isinstance(f["column"], int)
    assert "41,000 / 16,000 = 2.56 > 2.5" in f["message"]
    assert f["params"]["highest_sek"] == "41000"
    assert data["counts"]["blocker"] == 1


def test_unusable_input(tmp_path, capsys):
    root = make_company(tmp_path / "c")
    (root / "company.yaml").write_text("name: [unclosed\n")
    code, data = run_json(capsys, str(root))
    CheckJson.model_validate(data)
    assert code == 2 == data["exit_code"]
    assert data["usable"] is False and data["requirements"] == []
    assert data["findings"][0]["severity"] == "error"


def test_findings_are_sorted_most_severe_first(tmp_path, capsys):
    root = make_company(tmp_path / "c", collective_agreement={"has_agreement": False}, pay=[{"role": "VD", "monthly_sek": 50000}, {"role": "M", "monthly_sek": 16000}])
    _, data = run_json(capsys, str(root))
    severities = [f["severity"] for f in data["findings"]]
    assert severities == ["blocker", "remark"]
