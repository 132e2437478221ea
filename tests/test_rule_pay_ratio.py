"""pay-ratio: highest / lowest monthly full-time pay must not exceed the standard's max."""

import random

import pytest
from helpers import GOOD_PROFILE, codes, line_of, make_company, only, requirement, run


def pay(high, low, *middle):
    rows = [{"role": "Verksamhetsledare", "monthly_sek": high}]
    rows += [{"role": f"Roll {i}", "monthly_sek": m} for i, m in enumerate(middle)]
    rows.append({"role": "Medarbetare", "monthly_sek": low})
    return rows


@pytest.mark.parametrize(
    ("high", "low", "arithmetic"),
    [(40000, 16000, "40 000 / 16 000"), (25000, 10000, "25 000 / 10 000"), ("40 000 kr", "16 000", "40 000 / 16 000")],
)
def test_exactly_two_and_a_half_passes(company, high, low, arithmetic):
    result = run(company(pay=pay(high, low, 18000)))
    assert "pay-ratio-exceeded" not in codes(result)
    req = requirement(result, "ASF-3.c")
    assert req.status == "ready"
    assert req.figures["ratio"] == 2.5
    assert req.summary.sv == f"{arithmetic} = 2,50 ≤ 2,5"
    assert req.summary.en == f"{arithmetic.replace(' 0', ',0')} = 2.50 ≤ 2.5"


@pytest.mark.parametrize(("high", "low", "shown"), [(25100, 10000, "2,51"), (41000, 16000, "2,56"), (41600, 16000, "2,60")])
def test_above_limit_fails_with_arithmetic(tmp_path, high, low, shown):
    root = make_company(tmp_path / "c", pay=pay(high, low))
    result = run(root)
    f = only(result, "pay-ratio-exceeded")
    assert f.requirement == "ASF-3.c"
    assert str(f.severity) == "blocker"
    assert (f.location.file, f.location.line) == ("company.yaml", line_of(root / "company.yaml", f"monthly_sek: {high}"))
    assert f"= {shown} > 2,5" in f.message.sv
    assert f"= {shown.replace(',', '.')} > 2.5" in f.message.en
    assert result.exit_code == 1


def test_rounding_never_hides_which_side_of_the_limit(company):
    result = run(company(pay=pay(25001, 10000)))  # 2.5001
    f = only(result, "pay-ratio-exceeded")
    assert "2,5001 > 2,5" in f.message.sv


def test_order_of_the_pay_table_does_not_matter(tmp_path):
    rows = pay(41000, 16000, 30000, 22000, 18000)
    seen = set()
    for i in range(5):
        random.Random(i).shuffle(rows)
        result = run(make_company(tmp_path / str(i), pay=rows))
        seen.add((requirement(result, "ASF-3.c").figures["ratio"], tuple(sorted(codes(result)))))
    assert len(seen) == 1


def test_missing_pay_table_is_open_not_failing(company):
    result = run(company(pay=None))
    f = only(result, "profile-missing")
    assert f.requirement == "ASF-3.c"
    assert requirement(result, "ASF-3.c").status == "open"


def test_threshold_comes_from_the_standard(tmp_path):
    from pathlib import Path

    from asfcert.base.resources import default_standard

    text = default_standard().read_text(encoding="utf-8").replace("rule: pay-ratio\n        max: 2.5", "rule: pay-ratio\n        max: 3")
    custom = Path(tmp_path / "std.yaml")
    custom.write_text(text, encoding="utf-8")
    root = make_company(tmp_path / "c", pay=pay(41000, 16000))
    assert "pay-ratio-exceeded" in codes(run(root))
    assert "pay-ratio-exceeded" not in codes(run(root, standard=custom))


def test_zero_pay_is_a_schema_error(company):
    result = run(company(pay=pay(40000, 0)))
    assert result.exit_code == 2
    assert "schema-value" in codes(result)


def test_good_profile_is_untouched():
    assert GOOD_PROFILE["pay"][0]["monthly_sek"] == 40000
