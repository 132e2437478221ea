"""Properties of the rule engine on generated company folders (hypothesis): the whole
`check`, in this process, on folders written to disk.

- The pay ratio and its verdict do not change when the pay table is reordered or every
  amount is scaled by the same factor, and they agree with the arithmetic done here.
- Every finding on a generated folder has a documented code, and a finding located in a
  YAML file points inside that file.

Bounded and derandomized (tests/conftest.py)."""

from __future__ import annotations

import tempfile
from fractions import Fraction
from pathlib import Path

from helpers import GOOD_PROFILE, make_company, requirement, run
from hypothesis import given
from hypothesis import strategies as st
from properties import DOCUMENTED, pay_rows, profiles

PAY_RATIO = "ASF-3.c"


def check_profile(profile: dict):
    with tempfile.TemporaryDirectory() as tmp:
        root = make_company(Path(tmp) / "c", profile=profile, evidence=False)
        result = run(root)
        lines = {p: len(p.read_text(encoding="utf-8").splitlines()) for p in root.rglob("*.yaml")}
        return result, {p.relative_to(root).as_posix(): n for p, n in lines.items()}


def pay_verdict(result) -> tuple:
    req = requirement(result, PAY_RATIO)
    figures = {k: req.figures.get(k) for k in ("ratio", "passed", "highest_sek", "lowest_sek", "max")}
    codes = sorted(f.code for f in result.findings if f.requirement == PAY_RATIO)
    return req.status, figures, codes


@given(pay_rows, st.randoms(use_true_random=False), st.integers(min_value=2, max_value=50))
def test_pay_ratio_is_invariant_under_reordering_and_scaling(pay, rng, factor):
    base = {**GOOD_PROFILE, "pay": pay}
    verdict = pay_verdict(check_profile(base)[0])
    shuffled = list(pay)
    rng.shuffle(shuffled)
    assert pay_verdict(check_profile({**base, "pay": shuffled})[0]) == verdict
    scaled = [{**row, "monthly_sek": row["monthly_sek"] * factor} for row in pay]
    status, figures, codes = pay_verdict(check_profile({**base, "pay": scaled})[0])
    assert (status, figures["ratio"], figures["passed"], codes) == (verdict[0], verdict[1]["ratio"], verdict[1]["passed"], verdict[2])
    amounts = [row["monthly_sek"] for row in pay]
    exact = Fraction(max(amounts), min(amounts))
    assert verdict[1]["passed"] == (exact <= Fraction(5, 2))
    assert (verdict[2] == ["pay-ratio-exceeded"]) == (exact > Fraction(5, 2))


@given(profiles())
def test_every_finding_is_documented_and_located_inside_its_file(profile):
    result, lines = check_profile(profile)
    for f in result.findings:
        assert f.code in DOCUMENTED, f.code
        loc = f.location
        if loc.file in lines and loc.line is not None:
            assert 1 <= loc.line <= lines[loc.file] + 1, (f.code, str(loc))
            assert loc.column is None or loc.column >= 1, (f.code, str(loc))
