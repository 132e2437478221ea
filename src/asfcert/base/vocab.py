"""The vocabulary: every closed set of words asfcert uses, each one enum with one table of
names in Swedish and English. Values are the words in files and JSON; names are what
people read. A renderer asks `name(member, lang)` and never keeps its own table."""

from __future__ import annotations

from enum import StrEnum

from asfcert.base.i18n import L10n, Lang


class Severity(StrEnum):
    """What a finding means for certification."""

    ERROR = "error"  # the input is unusable: exit code 2
    BLOCKER = "blocker"  # blocks certification: exit code 1
    REMARK = "remark"  # must be fixed within the remark period, does not block
    WARNING = "warning"  # something to look at; does not block unless made strict
    OBSERVATION = "observation"  # an opportunity for improvement


class Decider(StrEnum):
    """Who decides whether a requirement is met."""

    MACHINE = "machine"
    AUDITOR = "auditor"


class Status(StrEnum):
    """A requirement's status after the engine has evaluated it."""

    READY = "ready"
    OPEN = "open"  # data or documents missing, or a document needs a person
    FAILING = "failing"
    NOT_APPLICABLE = "not-applicable"
    AUDITOR = "auditor"  # not evaluated here: the auditor judges it in the audit (intake)


class Grade(StrEnum):
    """The auditor's result for one requirement."""

    CONFORM = "conform"
    REMARK = "remark"
    MAJOR = "major"
    NOT_APPLICABLE = "not-applicable"
    OBSERVATION = "observation"


class Outcome(StrEnum):
    """The audit decision."""

    CERTIFIED = "certified"
    WITH_REMARKS = "certified-with-remarks"
    NOT_CERTIFIED = "not-certified"


class Lifecycle(StrEnum):
    """Where a company stands in a cohort."""

    APPLIED = "applied"
    ADMITTED = "admitted"
    IN_PROGRESS = "in-progress"
    SUBMITTED = "submitted"
    AUDITED = "audited"
    CERTIFIED = "certified"
    WITH_REMARKS = "certified-with-remarks"
    NOT_CERTIFIED = "not-certified"
    WITHDRAWN = "withdrawn"


class CertificateStatus(StrEnum):
    """A certificate's status on a given day."""

    VALID = "valid"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"


class ComplaintStatus(StrEnum):
    """Where a complaint against a certificate stands."""

    RECEIVED = "received"
    INVESTIGATING = "investigating"
    UPHELD = "upheld"
    DISMISSED = "dismissed"


class ComplaintOutcome(StrEnum):
    """What an upheld complaint led to."""

    NONE = "none"
    REMARK = "remark"
    SUSPENSION = "suspension"
    WITHDRAWAL = "withdrawal"


# Pairs, not a dict literal: members of different enums with the same value are equal
# (`Outcome.CERTIFIED == Lifecycle.CERTIFIED`, both "certified") and would overwrite each
# other as keys. Each name is kept under (enum, member).
_NAMED: list[tuple[StrEnum, L10n]] = [
    (Severity.ERROR, L10n("fel i indata", "input error")),
    (Severity.BLOCKER, L10n("hinder", "blocker")),
    (Severity.REMARK, L10n("anmärkning", "remark")),
    (Severity.WARNING, L10n("varning", "warning")),
    (Severity.OBSERVATION, L10n("observation", "observation")),
    (Decider.MACHINE, L10n("asfcert", "asfcert")),
    (Decider.AUDITOR, L10n("revisorn", "auditor")),
    (Status.READY, L10n("klar", "ready")),
    (Status.OPEN, L10n("öppen", "open")),
    (Status.FAILING, L10n("brist", "failing")),
    (Status.NOT_APPLICABLE, L10n("ej tillämplig", "not applicable")),
    (Status.AUDITOR, L10n("prövas vid revisionen", "judged in the audit")),
    (Grade.CONFORM, L10n("överensstämmer", "conform")),
    (Grade.REMARK, L10n("anmärkning", "remark")),
    (Grade.MAJOR, L10n("större avvikelse", "major nonconformity")),
    (Grade.NOT_APPLICABLE, L10n("ej tillämplig", "not applicable")),
    (Grade.OBSERVATION, L10n("observation", "observation")),
    (Outcome.CERTIFIED, L10n("Certifierad", "Certified")),
    (Outcome.WITH_REMARKS, L10n("Certifierad med anmärkningar", "Certified with remarks")),
    (Outcome.NOT_CERTIFIED, L10n("Inte certifierad", "Not certified")),
    (Lifecycle.APPLIED, L10n("ansökt", "applied")),
    (Lifecycle.ADMITTED, L10n("antagen", "admitted")),
    (Lifecycle.IN_PROGRESS, L10n("pågår", "in progress")),
    (Lifecycle.SUBMITTED, L10n("inlämnad", "submitted")),
    (Lifecycle.AUDITED, L10n("reviderad", "audited")),
    (Lifecycle.CERTIFIED, L10n("certifierad", "certified")),
    (Lifecycle.WITH_REMARKS, L10n("certifierad med anmärkningar", "certified with remarks")),
    (Lifecycle.NOT_CERTIFIED, L10n("inte certifierad", "not certified")),
    (Lifecycle.WITHDRAWN, L10n("avbruten", "withdrawn")),
    (CertificateStatus.VALID, L10n("giltigt", "valid")),
    (CertificateStatus.EXPIRED, L10n("utgånget", "expired")),
    (CertificateStatus.SUSPENDED, L10n("tillfälligt indraget", "suspended")),
    (CertificateStatus.WITHDRAWN, L10n("återkallat", "withdrawn")),
    (ComplaintStatus.RECEIVED, L10n("mottaget", "received")),
    (ComplaintStatus.INVESTIGATING, L10n("utreds", "under investigation")),
    (ComplaintStatus.UPHELD, L10n("befogat", "upheld")),
    (ComplaintStatus.DISMISSED, L10n("avvisat", "dismissed")),
    (ComplaintOutcome.NONE, L10n("ingen åtgärd", "no action")),
    (ComplaintOutcome.REMARK, L10n("anmärkning", "remark")),
    (ComplaintOutcome.SUSPENSION, L10n("tillfälligt indraget", "suspension")),
    (ComplaintOutcome.WITHDRAWAL, L10n("återkallat", "withdrawal")),
]

# Plural forms, where a count is shown ("3 anmärkningar").
_PLURAL: list[tuple[StrEnum, L10n]] = [
    (Severity.ERROR, L10n("fel i indata", "input errors")),
    (Severity.BLOCKER, L10n("hinder", "blockers")),
    (Severity.REMARK, L10n("anmärkningar", "remarks")),
    (Severity.WARNING, L10n("varningar", "warnings")),
    (Severity.OBSERVATION, L10n("observationer", "observations")),
    (CertificateStatus.VALID, L10n("giltiga", "valid")),
    (CertificateStatus.EXPIRED, L10n("utgångna", "expired")),
    (CertificateStatus.SUSPENDED, L10n("tillfälligt indragna", "suspended")),
    (CertificateStatus.WITHDRAWN, L10n("återkallade", "withdrawn")),
]

_NAMES = {(type(m), m): text for m, text in _NAMED}
_PLURALS = {(type(m), m): text for m, text in _PLURAL}

SEVERITY_ORDER = {s: i for i, s in enumerate(Severity)}


def name(member: StrEnum, lang: Lang) -> str:
    """The member's name in `lang`."""
    return _NAMES[type(member), member].get(lang)


def names(member: StrEnum) -> L10n:
    return _NAMES[type(member), member]


def plural(member: StrEnum, count: int, lang: Lang) -> str:
    """`1 anmärkning`, `3 anmärkningar`."""
    key = (type(member), member)
    word = _NAMES[key] if count == 1 else _PLURALS.get(key, _NAMES[key])
    return f"{count} {word.get(lang)}"


def every_member_named() -> list[StrEnum]:
    """Members without a name (a test keeps this empty)."""
    enums = (Severity, Decider, Status, Grade, Outcome, Lifecycle, CertificateStatus)
    return [m for e in enums for m in e if (e, m) not in _NAMES]
