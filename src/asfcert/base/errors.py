"""Exceptions that abort a command. Findings (see findings.py) are data, not exceptions.

A fatal error is raised as `Abort(KIND, location=..., **params)`: like a finding, it
carries a stable code from the catalogue, a located message and a hint, so tests assert
the code and the place, and JSON output can report it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asfcert.base.i18n import L10n

if TYPE_CHECKING:
    from asfcert.base.findings import Kind, Location


class UserError(Exception):
    """A problem the user can fix. The CLI prints it and exits with `exit_code` (2 by default).

    `findings` may carry located problems (for example every schema error in a broken
    standard file), which the CLI prints as a list. `code` and `location` are set by
    `Abort`; new code raises `Abort`."""

    code: str | None = None
    location: Location | None = None
    params: dict

    def __init__(self, message: L10n, *, hint: L10n | None = None, findings=(), exit_code: int = 2):
        super().__init__(message.en)
        self.message = message
        self.hint = hint
        self.findings = tuple(findings)
        self.exit_code = exit_code
        self.params = {}

    def __reduce__(self):  # exceptions pickle through args; ours need every field (worker processes)
        return (_rebuild, (type(self), self.__dict__))

    def to_dict(self) -> dict:
        """The error as JSON output reports it (`--format json` on exit code 2)."""
        from asfcert.base.findings import _jsonable

        loc = self.location
        return {
            "code": self.code,
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "message": self.message.to_dict(),
            "hint": self.hint.to_dict() if self.hint else None,
            "params": _jsonable(self.params),
            "findings": [f.to_dict() for f in self.findings],
            "exit_code": self.exit_code,
        }


class Abort(UserError):
    """A fatal error of a catalogued kind: `raise Abort(REGISTRY_MISSING, location=..., path=p)`."""

    def __init__(self, kind: Kind, *, location: Location | None = None, findings=(), exit_code: int = 2, hint: L10n | None = None, **params):
        message = kind.message.format(**params)
        if location is not None and location.file:
            message = L10n(f"{location}: {message.sv}", f"{location}: {message.en}")
        super().__init__(message, hint=hint or (kind.hint.format(**params) if kind.hint else None), findings=findings, exit_code=exit_code)
        self.code = kind.code
        self.location = location
        self.params = {k: v for k, v in params.items() if not k.startswith("_")}


def _rebuild(cls, state):
    err = cls.__new__(cls)
    Exception.__init__(err, state["message"].en)
    err.__dict__.update(state)
    return err
