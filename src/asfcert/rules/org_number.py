"""`org-number`: the company has a valid Swedish organisation number of its own.

Validated as python-stdnum's `stdnum.se.orgnr` validates it (ten plain digits by their
Luhn check digit, anything else by stdnum itself). A personal identity number, which a
sole trader uses as organisation number, is refused unless `allow_personal_number: true`,
and is never shown unmasked.

Passes::

    org_number: "829502-4247"

Fails (`org-number-invalid`, wrong check digit)::

    org_number: "829502-4248"
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from asfcert.base.findings import Kind, made_by
from asfcert.base.i18n import L10n
from asfcert.base.orgnr import is_personal, masked, normalise
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand

ID = "org-number"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["org-number"]
        allow_personal_number: bool = False

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


ORG_NUMBER_INVALID = Kind(
    "org-number-invalid",
    L10n("Ogiltigt organisationsnummer", "Invalid organisation number"),
    L10n("Organisationsnumret {shown} är ogiltigt: {reason}", "The organisation number {shown} is invalid: {reason}"),
    L10n(
        "Skriv numret som på registreringsbeviset, tio siffror med bindestreck och inom citattecken: \"769612-3459\".",
        "Write the number as on the registration certificate, ten digits with a hyphen and in quotes: \"769612-3459\".",
    ),
)
ORG_NUMBER_PERSONAL = Kind(
    "org-number-personal",
    L10n("Personnummer i stället för organisationsnummer", "Personal identity number instead of organisation number"),
    L10n(
        "{shown} är ett personnummer; ett ASF behöver ett eget organisationsnummer som juridisk person",
        "{shown} is a personal identity number; an ASF needs an organisation number of its own as a legal person",
    ),
    L10n("Ange företagets eget organisationsnummer.", "Give the company's own organisation number."),
)

_REASONS = {
    "InvalidLength": L10n("fel antal siffror (ska vara tio)", "wrong number of digits (should be ten)"),
    "InvalidChecksum": L10n("kontrollsiffran stämmer inte", "the check digit does not match"),
    "InvalidFormat": L10n("otillåtna tecken", "characters that are not allowed"),
}


def invalid_reason(digits: str) -> L10n | None:
    """Why `digits` (see `normalise`) is not a valid organisation number, or None.
    Also used by `asfcert new`, which refuses an invalid number up front."""
    if _plain(digits):  # all stdnum.se.orgnr does with ten plain digits is the Luhn check
        return None if _luhn(digits) else _REASONS["InvalidChecksum"]
    from stdnum.exceptions import ValidationError
    from stdnum.se import orgnr

    try:
        orgnr.validate(digits)
    except ValidationError as e:
        return _REASONS.get(type(e).__name__, L10n(str(e), str(e)))
    return None


def _luhn(digits: str) -> bool:
    """The Luhn check digit holds (stdnum.luhn with its default alphabet, 0-9)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def formatted(digits: str) -> str:
    """A valid organisation number as it is written: `769612-3459`."""
    if _plain(digits):
        return f"{digits[:6]}-{digits[6:]}"
    from stdnum.se import orgnr

    return orgnr.format(digits)


def _plain(digits: str) -> bool:
    """Ten ASCII digits, which stdnum.se.orgnr takes as they are. Other text needs orgnr
    itself (it maps Unicode dashes and drops dots); importing any part of stdnum imports
    stdnum.util, and that imports ssl and pydoc: a twentieth of a check after an edit."""
    return len(digits) == 10 and digits.isascii() and digits.isdigit()


def check(ctx: RuleContext, opts: Options) -> Outcome:
    text = ctx.company.org_number
    digits = normalise(text)
    shown = masked(text)
    reason = invalid_reason(digits)
    if reason is not None:
        return Outcome([ctx.finding(ORG_NUMBER_INVALID, "org_number", shown=shown, reason=reason)])
    outcome = Outcome(figures={"org_number": formatted(digits) if not is_personal(digits) else shown})
    if is_personal(digits) and not opts.allow_personal_number:
        outcome.findings.append(ctx.finding(ORG_NUMBER_PERSONAL, "org_number", shown=shown))
    return outcome


KINDS = made_by(ID, ORG_NUMBER_INVALID, ORG_NUMBER_PERSONAL)
