"""Exceptions that abort a command. Findings (see findings.py) are data, not exceptions."""

from __future__ import annotations

from asfcert.base.i18n import L10n


class UserError(Exception):
    """A problem the user can fix. The CLI prints it and exits with `exit_code` (2 by default).

    `findings` may carry located problems (for example every schema error in a broken
    standard file), which the CLI prints as a list.
    """

    def __init__(self, message: L10n, *, hint: L10n | None = None, findings=(), exit_code: int = 2):
        super().__init__(message.en)
        self.message = message
        self.hint = hint
        self.findings = tuple(findings)
        self.exit_code = exit_code

    def __reduce__(self):  # exceptions pickle through args; ours need every field (worker processes)
        return (_rebuild, (self.message, self.hint, self.findings, self.exit_code))


def _rebuild(message, hint, findings, exit_code):
    return UserError(message, hint=hint, findings=findings, exit_code=exit_code)
