"""`pay-ratio`: the highest monthly full-time pay divided by the lowest must not exceed `max`.

Compared exactly (as fractions), so 2.5 passes and 2.51 fails. The arithmetic is shown
either way.

Passes with `max: 2.5`::

    pay:
      - {role: Verksamhetsledare, monthly_sek: 40000}
      - {role: Medarbetare, monthly_sek: 16000}      # 40 000 / 16 000 = 2,5 ≤ 2,5

Fails (`pay-ratio-exceeded`)::

    pay:
      - {role: Verksamhetsledare, monthly_sek: 41000}
      - {role: Medarbetare, monthly_sek: 16000}      # 41 000 / 16 000 = 2,56 > 2,5
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from asfcert.base.findings import Kind, made_by
from asfcert.base.i18n import L10n, number, ratio
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand

ID = "pay-ratio"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["pay-ratio"]
        max: Decimal = Field(Decimal("2.5"), gt=1, le=100)

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


PAY_RATIO_EXCEEDED = Kind(
    "pay-ratio-exceeded",
    L10n("Lönespridningen är för stor", "Pay ratio too high"),
    L10n(
        "Högsta lönen ({highest_role}) delad med den lägsta ({lowest_role}): {arithmetic}",
        "Highest pay ({highest_role}) divided by lowest ({lowest_role}): {arithmetic}",
    ),
    L10n(
        "Högsta lönen får vara högst {max:num} gånger den lägsta, alltså högst {allowed:num} kr med dagens lägsta lön.",
        "The highest pay may be at most {max:num} times the lowest, that is at most {allowed:num} SEK with today's lowest pay.",
    ),
)


def arithmetic(high: Decimal, low: Decimal, limit: Decimal) -> L10n:
    value = Fraction(high) / Fraction(low)
    sign = ">" if value > Fraction(limit) else "≤"

    def line(lang):
        return f"{number(high, lang)} / {number(low, lang)} = {ratio(value, limit, lang)} {sign} {number(limit, lang)}"

    return L10n(line("sv"), line("en"))


def check(ctx: RuleContext, opts: Options) -> Outcome:
    pay = ctx.company.pay
    if not pay:
        return ctx.missing("pay")
    hi = max(range(len(pay)), key=lambda i: pay[i].monthly_sek)
    lo = min(range(len(pay)), key=lambda i: pay[i].monthly_sek)
    high, low = pay[hi].monthly_sek, pay[lo].monthly_sek
    value = Fraction(high) / Fraction(low)
    shown = arithmetic(high, low, opts.max)
    figures = {
        "highest_sek": float(high),
        "lowest_sek": float(low),
        "highest_role": pay[hi].role,
        "lowest_role": pay[lo].role,
        "ratio": round(float(value), 4),
        "max": float(opts.max),
        "passed": value <= Fraction(opts.max),
    }
    outcome = Outcome(figures=figures, summary=shown)
    if value > Fraction(opts.max):
        outcome.findings.append(
            ctx.finding(
                PAY_RATIO_EXCEEDED, "pay", hi, "monthly_sek",
                highest_role=pay[hi].role, lowest_role=pay[lo].role, arithmetic=shown,
                max=opts.max, allowed=(low * opts.max).quantize(Decimal(1)),
                ratio=round(float(value), 4), highest_sek=high, lowest_sek=low,
            )
        )
    return outcome


KINDS = made_by(ID, PAY_RATIO_EXCEEDED)
