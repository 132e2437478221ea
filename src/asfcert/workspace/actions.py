"""What the audit view may do beyond audit/audit.yaml's results: start the record, decide,
render the audit report, issue the certificate and change its status.

Each is the audit or certify workflow's own function, the one the CLI runs. The workspace
may not import another workflow, so `asfcert serve` (cli/serve_cmd.py) builds these
callables and hands them in; a missing one (None) hides its page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Actions:
    # (folder, auditor, lang) -> None: `asfcert audit DIR --auditor NAME --decide`
    decide: Callable[[Path, str, str], object] | None = None
    # (folder, auditor, lang, "html" | "pdf") -> str | bytes: the report `audit --report` writes
    report: Callable[[Path, str, str, str], str | bytes] | None = None
    # (folder, lang, passphrase or None) -> CertifyResult: `asfcert certify DIR`
    certify: Callable[[Path, str, str | None], object] | None = None
    # (folder, action, number, reason, day, requirement) -> StatusResult:
    # `asfcert certify --suspend|--reinstate|--withdraw|--close-remark NUMBER --reason …`
    status: Callable[[Path, str, str, str, dt.date, str | None], object] | None = None
