"""Organisation numbers as text: normalised, told from personal identity numbers, masked.

Plain string work, kept out of rules/ (rules/org_number validates): importing any module of
rules/ imports every rule and pydantic, a tenth of a warm `cohort report`, which only needs
to compare numbers."""

from __future__ import annotations

import re


def normalise(text: str) -> str:
    """Ten digits: drops the separator and a `16` century prefix (`16829502-4247`)."""
    digits = re.sub(r"[\s\-+]", "", text)
    return digits[2:] if len(digits) == 12 and digits.startswith("16") else digits


def is_personal(digits: str) -> bool:
    """Legal persons have 20 or more in the 'month' digits; people have 01-12 (+60 for
    coordination numbers)."""
    return len(digits) == 10 and digits.isdigit() and int(digits[2:4]) < 20


def masked(text: str) -> str:
    digits = normalise(text)
    if is_personal(digits):
        return digits[:6] + "-****"
    return text
