"""A corpus of hostile inputs, run through every command as real subprocesses.

    world.py     the registry, cohort and companies every case starts from
    hostile.py   the hostile contents and file-system tricks
    cases.py     the cases (a mutation of one role's files) and the expected answers
    commands.py  the commands and where each may write
    harness.py   running asfcert with time and memory limits; snapshots of the files

`execute(case, command, ...)` materialises the case in a fresh copy of the world, runs the
command and returns every broken promise as a line of text: tests/test_corpus.py asserts
there are none. The promises: the expected exit code, no traceback or internal error, a
message naming the file, bounded time and memory, nothing changed in the input, nothing
written at all on exit code 2, no temporary file left behind, and no character printed raw
that controls the terminal or hides text."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.base.safetext import CODES
from corpus import harness
from corpus.cases import Case
from corpus.commands import Command
from corpus.world import World, copy

_HIDDEN = set(CODES)  # what asfcert must never print raw (safetext.py)
_TEMP = re.compile(r"(^|/)\.[^/]*(\.tmp|\.lock)$|(^|/)\.tmp-[^/]*$")
# Files people edit and evidence: no command writes to them, whatever it answers.
_PROTECTED = re.compile(r"(^|/)(evidence|self-assessment)(/|$)|(^|/)(company|cohort|registry)\.yaml$")


@dataclass
class Outcome:
    case: str
    command: str
    run: harness.Run
    changed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def execute(case: Case, command: Command, template: World, workdir: Path, seed_cache: Path | None = None) -> Outcome:
    workdir.mkdir(parents=True)
    world = copy(template, workdir / "world")
    case.apply(world)
    cache, out = workdir / "cache", workdir / "out"
    if seed_cache is not None:
        shutil.copytree(seed_cache, cache)
    before = harness.snapshot(world.root)
    result = harness.run(command.args(world, out), cwd=workdir, env=harness.environment(cache))
    changed = harness.changes(before, harness.snapshot(world.root))
    outcome = Outcome(case.name, command.name, result, changed)
    outcome.problems = _broken_promises(case, command, world, out, result, changed, workdir)
    return outcome


def _broken_promises(case: Case, command: Command, world: World, out: Path, result: harness.Run, changed: list[str], workdir: Path) -> list[str]:
    problems = []
    code, named = case.expected(command.name)
    if result.code is None:
        problems.append(f"did not finish within {harness.WALL_SECONDS:g} s")
    elif result.code != code:
        problems.append(f"exit code {result.code}, expected {code}")
    if "Traceback" in result.output or result.code == 70:
        problems.append("a traceback or an internal error")
    if named and result.code in (1, 2) and case.shown not in result.output:
        problems.append(f"the output does not name {case.shown}")
    if result.code in (1, 2) and not result.output.strip():
        problems.append("no message")
    allowed = [p.relative_to(world.root).as_posix() for p in command.writes(world)]
    for rel in changed:
        if result.code not in (0, 1):
            problems.append(f"changed {rel} although it failed (exit {result.code})")
        elif _PROTECTED.search(rel):
            problems.append(f"changed the input file {rel}")
        elif not any(rel == a or rel.startswith(a + "/") for a in allowed):
            problems.append(f"wrote {rel}, outside {allowed or 'nothing'}")
        if _TEMP.search(rel):
            problems.append(f"left the temporary file {rel}")
    if result.code == 2 and out.exists():
        problems.append(f"wrote output into {out.name}/ although it failed")
    if (workdir / "PWNED").exists():
        problems.append("ran a command from a YAML tag")
    raw = sorted({f"U+{ord(ch):04X}" for ch in result.output if ord(ch) in _HIDDEN})
    if raw:
        problems.append(f"printed characters that control the terminal or hide text: {', '.join(raw)}")
    return problems
