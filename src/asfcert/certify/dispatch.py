"""What one `certify` asks for: issue the certificate a decided audit allows, or change an
issued certificate (suspend, reinstate, withdraw, close a remark). Exactly one of them; the
combinations that make no sense are refused here, before anything is read or written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, made_by
from asfcert.base.i18n import L10n
from asfcert.base.vocab import Severity
from asfcert.certify.issue import CertifyOptions

ONE_ACTION = Kind(
    "certify-one-action",
    L10n("En företagsmapp eller en statusändring", "A company folder or a status change"),
    L10n("Ange antingen en företagsmapp eller en av --suspend, --reinstate, --withdraw, --close-remark",
         "Give either a company folder or one of --suspend, --reinstate, --withdraw, --close-remark"),
    L10n("Se `asfcert certify --help`.", "See `asfcert certify --help`."),
    severity=Severity.ERROR, effect=Effect.ABORTS,
)
REQUIREMENT_MISSING = Kind(
    "certify-requirement-missing",
    L10n("Kravet saknas", "The requirement is missing"),
    L10n("--close-remark behöver --requirement ID", "--close-remark needs --requirement ID"),
    L10n("Till exempel --requirement 3.9.b.", "For example --requirement 3.9.b."),
    severity=Severity.ERROR, effect=Effect.ABORTS,
)


@dataclass(frozen=True)
class Request:
    """A company folder to issue for, or one status change of the certificate NUMBER."""

    folder: Path | None = None
    suspend: str | None = None  # NUMBER
    reinstate: str | None = None
    withdraw: str | None = None
    close_remark: str | None = None
    requirement: str | None = None  # with close_remark: the remark's requirement
    reason: str | None = None  # required with every status change
    options: CertifyOptions = field(default_factory=CertifyOptions)  # registry and date for the changes too
    confirm: object = None  # with withdraw: `confirm(record) -> bool`, see status.change

    def changes(self) -> dict[str, str]:
        asked = {"suspend": self.suspend, "reinstate": self.reinstate, "withdraw": self.withdraw, "close-remark": self.close_remark}
        return {action: number for action, number in asked.items() if number}


def run(request: Request):
    """Issue (`CertifyResult`) or change a status (`StatusResult`), as the request asks."""
    changes = request.changes()
    if len(changes) > 1 or bool(changes) == (request.folder is not None):
        raise Abort(ONE_ACTION)
    options = request.options
    if not changes:
        from asfcert.certify.issue import certify

        return certify(request.folder, options)
    (action, number), = changes.items()
    if action == "close-remark":
        from asfcert.certify.status import close_remark

        if not request.requirement:
            raise Abort(REQUIREMENT_MISSING)
        return close_remark(number, request.requirement.strip(), request.reason or "", registry_dir=options.registry, today=options.today)
    from asfcert.certify.status import change

    return change(number, action, request.reason or "", registry_dir=options.registry, today=options.today, confirm=request.confirm)


KINDS = made_by("certify", ONE_ACTION, REQUIREMENT_MISSING)
