"""What the fuzzer mutates (the YAML file kinds) and what it runs (every command).

The world is the hostile corpus's registry (tests/corpus/world.py: a cohort with a
certified, a decided and a fresh company, an audit record, a certificate) plus a copy of the
shipped standard at the world's root, for `--standard` and `standard validate`.

READS pairs each file kind with the commands that read it: breaking the file (with `[`)
changes what the command answers (found so, once, for every kind, command and company). Only
those pairs are fuzzed; a command that does not read a file has nothing to find in it."""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from audit_helpers import AUDITOR
from corpus.world import AS_OF, CERTIFIED, COMPANIES, DECIDED, FRESH, NUMBER, World

DAY = AS_OF.isoformat()
# Rarely, a command runs as of a day at the edge of the calendar instead.
EDGE_DAYS = ("9999-12-31", "0001-01-01", "2099-12-31")
EDGE_DAY_RATE = 0.04


def standard_file(world: World) -> Path:
    return world.root / "standard.yaml"


def prepare(world: World) -> None:
    """Make the corpus's world the fuzzer's: a copy of the shipped standard at its root, and
    the same bytes on every machine. An audit decision's id is random (secrets.token_hex);
    each is replaced, in every file that holds it, by a fixed one of the same length."""
    from asfcert.base.resources import default_standard

    shutil.copyfile(default_standard(), standard_file(world))
    files = sorted(p for p in world.root.rglob("*.yaml") if p.is_file())
    ids: dict[str, str] = {}
    for path in files:
        for found in re.findall(r"^decision:\n(?:  .*\n)*?  id: ([0-9a-f]{16})$", path.read_text(encoding="utf-8"), re.MULTILINE):
            ids.setdefault(found, f"f{len(ids) + 1:015x}")  # a letter first: not a number
    for path in files:
        text = path.read_text(encoding="utf-8")
        for old, new in ids.items():
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")


# ---- file kinds ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileKind:
    name: str
    path: Callable[[World, str | None], Path]  # (world, company) -> the file
    companies: tuple[str, ...] = ()  # per-company kinds: the companies that have one


KINDS = (
    FileKind("company", lambda w, c: w.company(c) / "company.yaml", COMPANIES),
    FileKind("answers", lambda w, c: w.company(c) / "self-assessment" / "answers.yaml", COMPANIES),
    FileKind("record", lambda w, c: w.company(c) / "audit" / "audit.yaml", (CERTIFIED, DECIDED)),
    FileKind("cohort", lambda w, c: w.cohort / "cohort.yaml"),
    FileKind("registry", lambda w, c: w.registry / "registry.yaml"),
    FileKind("certificate", lambda w, c: w.registry / "certificates" / f"{NUMBER}.yaml"),
    FileKind("certificate-copy", lambda w, c: w.company(c) / "certificate" / f"{NUMBER}.yaml", (CERTIFIED,)),
    FileKind("standard", lambda w, c: standard_file(w)),
)
KINDS_BY_NAME = {k.name: k for k in KINDS}


# ---- commands ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """What one case runs: the arguments, and where the command may write."""

    argv: list[str]
    writes: list[Path]  # files below these may change or appear (on exit 0 or 1)
    adds: list[Path] = field(default_factory=list)  # below these, new files may appear, nothing may change


@dataclass(frozen=True)
class Command:
    name: str
    subjects: tuple[str | None, ...]  # the companies it runs on (None: no company)
    build: Callable[[World, Path, str | None, str, Path | None, random.Random], Run]  # (world, out, subject, day, standard, rng)
    standard_option: bool = False  # takes --standard FILE


def _flags(rng: random.Random, *choices: tuple[float, list[str]]) -> list[str]:
    """Each optional flag with its probability."""
    return [arg for p, args in choices if rng.random() < p for arg in args]


def _format(rng: random.Random, *formats: str) -> list[str]:
    r = rng.random()
    if r < 0.25:
        return ["--format", "json"]
    if r < 0.4 and "markdown" in formats:
        return ["--format", "markdown"]
    return []


def _common(rng: random.Random, standard: Path | None, formats: tuple[str, ...] = ("json",)) -> list[str]:
    return [*_format(rng, *formats), *_flags(rng, (0.3, ["--lang", "en"]), (0.1, ["--no-cache"])),
            *(["--standard", str(standard)] if standard else [])]


def _new(w: World, out: Path, subject, day, standard, rng) -> Run:
    folder = w.company(subject) if subject else out / "kit"
    argv = ["new", str(folder), "--name", "Fuzz Förening ekonomisk förening", "--org-number", "769677-4566",
            *_flags(rng, (0.3, ["--lang", "en"]), (0.1, ["--allow-invalid-org-number"])),
            *(["--standard", str(standard)] if standard else [])]
    return Run(argv, [], [folder] if subject else [])


def _check(w, out, subject, day, standard, rng) -> Run:
    argv = ["check", str(w.company(subject)), "--as-of", day, *_common(rng, standard, ("json", "markdown")),
            *_flags(rng, (0.1, ["--strict-privacy"]))]
    return Run(argv, [])


def _intake(w, out, subject, day, standard, rng) -> Run:
    argv = ["intake", str(w.company(subject)), "--as-of", day, *_common(rng, standard, ("json", "markdown")),
            *_flags(rng, (0.1, ["--minutes-max-age-months", "1"]))]
    return Run(argv, [])


def _audit(decide: bool):
    def build(w, out, subject, day, standard, rng) -> Run:
        folder = w.company(subject)
        argv = ["audit", str(folder), "--as-of", day, *(["--decide"] if decide else []), *_common(rng, standard),
                *(["--auditor", AUDITOR] if subject == FRESH else []),
                *_flags(rng, (0.1, ["--report"]), (0.1, ["--no-cohort"]), (0.05 if not decide else 0, ["--refresh-evidence"]))]
        return Run(argv, [folder / "audit"])

    return build


def _certify(w, out, subject, day, standard, rng) -> Run:
    folder = w.company(subject)
    argv = ["certify", str(folder), "--as-of", day, *_common(rng, standard)]
    return Run(argv, [folder / "certificate", folder / "audit" / "audit.yaml", w.registry / "certificates"])


_STATUS_ACTIONS = (["--suspend", NUMBER], ["--withdraw", NUMBER], ["--close-remark", NUMBER, "--requirement", "3.9.a"],
                   ["--reinstate", NUMBER])


def _certify_status(w, out, subject, day, standard, rng) -> Run:
    argv = ["certify", *rng.choice(_STATUS_ACTIONS), "--reason", "Fuzz: ändrad status", "--registry", str(w.registry),
            "--as-of", day, *_common(rng, None)]
    return Run(argv, [w.registry / "certificates", w.company(CERTIFIED) / "certificate"])


def _verify_pdf(w, out, subject, day, standard, rng) -> Run:
    return Run(["verify", str(w.certificate_pdf), "--as-of", day, *_common(rng, None)], [])


def _verify_number(w, out, subject, day, standard, rng) -> Run:
    argv = ["verify", NUMBER, "--registry", str(w.registry), "--as-of", day, *_common(rng, None),
            *_flags(rng, (0.15, ["--code", "AAAAA-BBBBB"]))]
    return Run(argv, [])


def _cohort_check(w, out, subject, day, standard, rng) -> Run:
    argv = ["cohort", "check", str(w.cohort), "--as-of", day, *_common(rng, standard, ("json", "markdown")),
            *_flags(rng, (0.3, ["--jobs", "1"]))]
    return Run(argv, [])


def _cohort_report(w, out, subject, day, standard, rng) -> Run:
    argv = ["cohort", "report", str(rng.choice([w.registry, w.cohort])), "--as-of", day, "--out", str(out),
            *_common(rng, standard), *_flags(rng, (0.3, ["--jobs", "1"]))]
    return Run(argv, [])


def _registry_build(w, out, subject, day, standard, rng) -> Run:
    argv = ["registry", "build", str(w.registry), "--as-of", day, "--out", str(out), *_flags(rng, (0.3, ["--lang", "en"]))]
    return Run(argv, [])


def _standard_validate(w, out, subject, day, standard, rng) -> Run:
    return Run(["standard", "validate", str(standard_file(w)), *_flags(rng, (0.3, ["--lang", "en"]))], [])


def _standard_show(w, out, subject, day, standard, rng) -> Run:
    target = rng.choice([[], [], ["3.1"], ["3.1.a"], ["ASF-3"], ["SKOOPI-1"], ["9.9"]])
    argv = ["standard", "show", *target, *_common(rng, standard_file(w), ("json", "markdown")), *_flags(rng, (0.2, ["--easy"]))]
    return Run(argv, [])


COMMANDS = (
    Command("new", (None, None, FRESH), _new, True),
    Command("check", COMPANIES, _check, True),
    Command("intake", COMPANIES, _intake, True),
    Command("audit", (FRESH, DECIDED, CERTIFIED), _audit(False), True),
    Command("audit-decide", (DECIDED,), _audit(True), True),  # the certified company's audit is closed
    Command("certify", (DECIDED, DECIDED, CERTIFIED), _certify, True),
    Command("certify-status", (None,), _certify_status),
    Command("verify-pdf", (None,), _verify_pdf),
    Command("verify-number", (None,), _verify_number),
    Command("cohort-check", (None,), _cohort_check, True),
    Command("cohort-report", (None,), _cohort_report, True),
    Command("registry-build", (None,), _registry_build),
    Command("standard-validate", (None,), _standard_validate),
    Command("standard-show", (None,), _standard_show),
)
COMMANDS_BY_NAME = {c.name: c for c in COMMANDS}

# Which commands read which kind of file (see the module's docstring).
READS: dict[str, tuple[str, ...]] = {
    "company": ("check", "intake", "audit", "audit-decide", "certify", "cohort-check", "cohort-report", "registry-build"),
    "answers": ("check", "audit", "audit-decide", "certify", "cohort-check", "cohort-report"),
    "record": ("check", "audit", "audit-decide", "certify", "cohort-check", "cohort-report"),
    "cohort": ("audit", "audit-decide", "certify", "cohort-check", "cohort-report"),
    "registry": ("certify", "certify-status", "verify-pdf", "verify-number", "registry-build"),
    "certificate": ("certify", "certify-status", "verify-pdf", "verify-number", "registry-build"),
    "certificate-copy": ("audit", "cohort-check", "cohort-report"),
    "standard": ("new", "check", "intake", "audit", "audit-decide", "certify", "cohort-check", "cohort-report",
                 "standard-validate", "standard-show"),
}
PAIRS: tuple[tuple[str, str], ...] = tuple((kind, command) for kind, commands in READS.items() for command in commands)


def day(rng: random.Random) -> str:
    return rng.choice(EDGE_DAYS) if rng.random() < EDGE_DAY_RATE else DAY


def subject(rng: random.Random, kind: FileKind, command: Command) -> tuple[str | None, str | None]:
    """(the company the command runs on, the company whose file is mutated)."""
    if kind.companies and command.subjects != (None,):
        choices = [s for s in command.subjects if s in kind.companies]
        chosen = rng.choice(choices or list(kind.companies))
        return (chosen if chosen in command.subjects else rng.choice(command.subjects)), chosen
    runs_on = rng.choice(command.subjects)
    return runs_on, (rng.choice(kind.companies) if kind.companies else None)
