"""Every command the corpus runs, as a user would type it against a copy of the world.

Adding a command is one entry in COMMANDS: its arguments, and where it may write when it
runs (every write elsewhere, and any write at all on exit code 2, fails the corpus). A
command whose CLI module does not exist yet is skipped with that reason."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from audit_helpers import AUDITOR

from corpus.world import AS_OF, CERTIFIED, DECIDED, FRESH, NUMBER, World

DAY = AS_OF.isoformat()


@dataclass(frozen=True)
class Command:
    name: str
    module: str  # asfcert.cli.<module>: the command exists when it does
    args: Callable[[World, Path], list[str]]  # (the world, an output folder outside it)
    writes: Callable[[World], list[Path]] = lambda w: []  # the only places it may write

    @property
    def available(self) -> bool:
        return importlib.util.find_spec(f"asfcert.cli.{self.module}") is not None


COMMANDS = [
    Command("check", "check_cmd", lambda w, out: ["check", str(w.company(FRESH)), "--as-of", DAY]),
    Command(
        "audit", "audit_cmd",
        lambda w, out: ["audit", str(w.company(FRESH)), "--auditor", AUDITOR, "--as-of", DAY],
        lambda w: [w.company(FRESH) / "audit"],
    ),
    Command(
        "certify", "certify_cmd",
        lambda w, out: ["certify", str(w.company(DECIDED)), "--as-of", DAY],
        lambda w: [w.company(DECIDED) / "certificate", w.company(DECIDED) / "audit" / "audit.yaml", w.registry / "certificates"],
    ),
    Command("verify-pdf", "verify_cmd", lambda w, out: ["verify", str(w.certificate_pdf), "--as-of", DAY]),
    Command("verify-number", "verify_cmd", lambda w, out: ["verify", NUMBER, "--registry", str(w.registry), "--as-of", DAY]),
    Command("intake", "intake_cmd", lambda w, out: ["intake", str(w.company(FRESH)), "--as-of", DAY]),
    Command("cohort-check", "cohort_cmd", lambda w, out: ["cohort", "check", str(w.cohort), "--as-of", DAY]),
    Command("cohort-report", "cohort_cmd", lambda w, out: ["cohort", "report", str(w.registry), "--as-of", DAY, "--out", str(out)]),
    Command("registry-build", "registry_cmd", lambda w, out: ["registry", "build", str(w.registry), "--as-of", DAY, "--out", str(out)]),
    Command("cohort-init", "cohort_cmd",
            lambda w, out: ["cohort", "init", str(out / "omgang-vt2027"), "--term", "VT2027", "--renewals-from", str(w.registry), "--as-of", DAY]),
    Command(
        "registry-complaint", "registry_cmd",
        lambda w, out: ["registry", "complaint", str(w.registry), "--certificate", NUMBER, "--summary", "Handledaren är anställd av kommunen", "--as-of", DAY],
        lambda w: [w.registry / "complaints.yaml", w.registry / "certificates" / ".complaints.lock"],
    ),
]
BY_NAME = {c.name: c for c in COMMANDS}

# What each command reads of the world, to explain the expectations in cases.py.
__all__ = ["COMMANDS", "BY_NAME", "Command", "CERTIFIED"]
