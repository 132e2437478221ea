"""One fuzz case from seed and number to verdict: plan it, apply it to a copy of the world,
run the command under limits (tests/corpus/harness.py) and judge what happened.

Everything follows from random.Random streams seeded with the seed and the case number:
the plan (which file kind, command, company and mutations), where each mutation lands, and
the command's options. Case n of a seed is the same case on every machine and every run.
Cases go round the (file kind, command) pairs in an order shuffled per round, so any
len(PAIRS) consecutive cases cover every pair once.

A failure is a run that was killed by a signal (a segfault), exited with anything other
than 0, 1 or 2 (70 is asfcert's internal error), printed a Python traceback, took more than
10 s, had more than 512 MB resident, ran a command from a YAML tag, or changed a file it was
not allowed to change (any file at all when it failed; see targets.Run for the places a
command may write). Time is CPU time, so that a loaded machine does not make a case fail:
each process may use 10 s (RLIMIT_CPU; SIGXCPU past it), all of them together too; a run
still going after 60 s of wall time is killed as hanging.

Run as a script for a long run with a summary of the distinct failures:

    .venv/bin/python tests/fuzz/runner.py --seed 7 --cases 3000 [--jobs 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __name__ == "__main__":  # run as a script: the tests folder holds corpus/, fuzz/ and the helpers
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import harness
from corpus.world import World, build, copy, seed_cache

from fuzz import targets
from fuzz.mutators import STRUCTURE, Mutator
from fuzz.textual import BYTES, NAMES_FAMILY, TEXT
from fuzz.yamltext import Doc

CPU_SECONDS = 10
HANG_SECONDS = 60.0
RSS_LIMIT_MB = 512
# A hard cap on the address space, so that a run that wants much more than the limit above
# fails fast (MemoryError: exit 70) instead of taking the machine's memory.
ADDRESS_SPACE = 1536 * 2**20

FAMILIES: tuple[tuple[str, float, tuple[Mutator, ...]], ...] = (
    ("structure", 0.5, STRUCTURE),
    ("text", 0.25, TEXT),
    ("bytes", 0.17, BYTES),
    ("names", 0.08, NAMES_FAMILY),
)
_ORDER = {name: i for i, (name, _, _) in enumerate(FAMILIES)}
MUTATORS = {m.name: m for _, _, ms in FAMILIES for m in ms}
STEPS = ((1, 6), (2, 3), (3, 1))  # (number of mutations, weight)
REPLAY_COMMAND = "ASFCERT_FUZZ_REPLAY={seed}:{number} .venv/bin/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py"


def _rng(seed: int, number: int, stream: str) -> random.Random:
    return random.Random(f"asfcert-fuzz:{seed}:{number}:{stream}")


@dataclass(frozen=True)
class Plan:
    seed: int
    number: int
    kind: str
    command: str
    runs_on: str | None  # the company the command is given (None: a registry, cohort, file or number)
    company: str | None  # the company whose file is mutated (None: a file of the registry or the standard)
    day: str
    steps: tuple[tuple[str, Any], ...]  # (mutator name, variant), in the order they apply

    @property
    def replay(self) -> str:
        return REPLAY_COMMAND.format(seed=self.seed, number=self.number)

    @property
    def labels(self) -> list[str]:
        return [MUTATORS[name].label(variant) for name, variant in self.steps]

    def describe(self) -> str:
        where = f"{self.kind}" + (f" of {self.company}" if self.company else "")
        on = f" on {self.runs_on}" if self.runs_on else ""
        on += f" as of {self.day}" if self.day != targets.DAY else ""
        return f"seed {self.seed} case {self.number}: {self.command}{on}, {where}: {' + '.join(self.labels)}"


def pair(seed: int, number: int) -> tuple[str, str]:
    round_, at = divmod(number, len(targets.PAIRS))
    order = list(targets.PAIRS)
    random.Random(f"asfcert-fuzz:{seed}:round:{round_}").shuffle(order)
    return order[at]


def plan(seed: int, number: int) -> Plan:
    rng = _rng(seed, number, "plan")
    kind_name, command_name = pair(seed, number)
    kind, command = targets.KINDS_BY_NAME[kind_name], targets.COMMANDS_BY_NAME[command_name]
    runs_on, company = targets.subject(rng, kind, command)
    day = targets.day(rng)
    count = rng.choices([n for n, _ in STEPS], [w for _, w in STEPS])[0]
    steps = []
    for _ in range(count):
        family = rng.choices(FAMILIES, [w for _, w, _ in FAMILIES])[0]
        mutator = rng.choice(family[2])
        steps.append((mutator.name, rng.choice(mutator.variants)))
    steps.sort(key=lambda s: _ORDER[MUTATORS[s[0]].family])  # the tree first, then text, bytes, names
    return Plan(seed, number, kind_name, command_name, runs_on, company, day, tuple(steps))


# ---- applying a plan ------------------------------------------------------------------------------


def mutate(p: Plan, world: World) -> list[str]:
    """Apply the plan's mutations to its file in `world`; returns what each one did. The
    steps come in family order: the tree, then text and bytes, then names in the folder."""
    rng = _rng(p.seed, p.number, "apply")
    path = targets.KINDS_BY_NAME[p.kind].path(world, p.company)
    data = path.read_bytes()
    doc: Doc | None = None
    written = False
    notes = []
    for name, variant in p.steps:
        mutator = MUTATORS[name]
        if mutator.family != "structure" and doc is not None:
            data, doc = doc.text().encode("utf-8", errors="surrogatepass"), None
        if mutator.family == "structure":
            doc = doc or Doc(data.decode("utf-8"))
            what = mutator.apply(rng, doc, variant)
        elif mutator.family == "names":
            if not written:
                path.write_bytes(data)
                written = True
            what = mutator.apply(rng, path, variant, world.company(p.company) if p.company else None)
        else:
            done = mutator.apply(rng, data, variant)
            what = None if done is None else done[1]
            data = data if done is None else done[0]
        notes.append(f"{mutator.label(variant)}: {what or 'no place for it in this file'}")
    if doc is not None:
        data = doc.text().encode("utf-8", errors="surrogatepass")
    if not written:
        path.write_bytes(data)
    return notes


def command_run(p: Plan, world: World, out: Path) -> targets.Run:
    command = targets.COMMANDS_BY_NAME[p.command]
    standard = targets.standard_file(world) if p.kind == "standard" and command.standard_option else None
    return command.build(world, out, p.runs_on, p.day, standard, _rng(p.seed, p.number, "args"))


# ---- running and judging ------------------------------------------------------------------------------


@dataclass
class Outcome:
    plan: Plan
    notes: list[str]
    run: harness.Run
    changed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    workdir: Path | None = None  # kept when the case failed
    crash: str = ""  # the traceback asfcert saved with an internal error

    def report(self) -> str:
        return "\n".join([
            f"fuzz case failed: {self.plan.describe()}",
            *(f"  - {p}" for p in self.problems),
            "mutations:", *(f"  {n}" for n in self.notes),
            f"replay: {self.plan.replay}",
            *([f"files kept in {self.workdir}"] if self.workdir else []),
            f"(CPU time {self.run.cpu_seconds:.1f} s)",
            self.run.describe(),
            *([f"--- saved traceback ---\n{self.crash}"] if self.crash else []),
        ])

    def signature(self) -> tuple[str, str, str, str]:
        """What makes two failures the same: the first problem's class, the command, the
        file kind, and what went wrong inside (the internal error's exception type)."""
        inner = re.search(r"(?:internal error|internt fel) \((\w+)", self.run.output)
        frames = re.findall(r'File ".*?/asfcert/([^"]+)", line \d+, in (\w+)', self.crash)
        where = f" in {frames[-1][0]}:{frames[-1][1]}" if frames else ""
        return (_class(self.problems[0]), self.plan.command, self.plan.kind, (inner.group(1) + where) if inner else "")


def _class(problem: str) -> str:
    """`signal SIGSEGV`, `exit 70`, `changed on failure`, `timeout`, ... from a problem."""
    category, _, rest = problem.partition(": ")
    if category == "signal":
        return f"signal {rest.split()[-1]}"
    if category == "exit":
        return f"exit {rest.split()[1]}"
    if category == "changed" and "although" in rest:
        return "changed on failure"
    return category


def _under(rel: str, places: list[str]) -> bool:
    return any(rel == p or rel.startswith(p + "/") for p in places)


def judge(p: Plan, result: harness.Run, before: dict, changed: list[str], spec: targets.Run, world: World, workdir: Path) -> list[str]:
    problems = []
    if result.code is None:
        problems.append(f"timeout: still running after {HANG_SECONDS:g} s, killed as hanging")
    elif result.code in (-signal.SIGXCPU, -signal.SIGKILL) and result.cpu_seconds >= CPU_SECONDS:
        problems.append(f"timeout: killed after {result.cpu_seconds:.1f} s of CPU time, more than {CPU_SECONDS} s")
    elif result.cpu_seconds > CPU_SECONDS:
        problems.append(f"timeout: {result.cpu_seconds:.1f} s of CPU time, more than {CPU_SECONDS} s")
    elif result.code < 0:
        problems.append(f"signal: killed by {signal.Signals(-result.code).name}")
    elif result.code not in (0, 1, 2):
        problems.append(f"exit: code {result.code}" + (" (internal error)" if result.code == 70 else ""))
    if "Traceback (most recent call last)" in result.output:
        problems.append("traceback: a Python traceback in the output")
    if result.max_rss_mb > RSS_LIMIT_MB:
        problems.append(f"memory: {result.max_rss_mb:.0f} MB resident, more than {RSS_LIMIT_MB} MB")
    if (workdir / "PWNED").exists():
        problems.append("tag: ran a command from a YAML tag")
    writes = [w.relative_to(world.root).as_posix() for w in spec.writes]
    adds = [a.relative_to(world.root).as_posix() for a in spec.adds]
    for rel in changed:
        if result.code not in (0, 1):
            problems.append(f"changed: {rel} although it failed (exit {result.code})")
        elif rel in before and not _under(rel, writes):
            problems.append(f"changed: the input file {rel}")
        elif rel not in before and not _under(rel, writes + adds):
            problems.append(f"changed: wrote {rel}, outside {writes + adds or 'nothing'}")
    return problems


def execute(p: Plan, template: World, workdir: Path, cache: Path | None = None) -> Outcome:
    """Run the case in `workdir` (a new folder); the folder is removed unless it failed.
    `cache` is copied in first (the parsed standard and the world's PDF facts)."""
    workdir.mkdir(parents=True)
    world = copy(template, workdir / "world")
    out = workdir / "out"
    notes = mutate(p, world)
    spec = command_run(p, world, out)
    if cache is not None:
        shutil.copytree(cache, workdir / "cache")
    before = harness.snapshot(world.root)
    result = harness.run(spec.argv, cwd=workdir, env=harness.environment(workdir / "cache"), wall=HANG_SECONDS, memory=ADDRESS_SPACE,
                         cpu=CPU_SECONDS)
    changed = harness.changes(before, harness.snapshot(world.root))
    outcome = Outcome(p, notes, result, changed, judge(p, result, before, changed, spec, world, workdir))
    crashes = sorted((workdir / "cache" / "crashes").glob("*.txt"))
    outcome.crash = crashes[-1].read_text(errors="replace")[-4000:] if crashes else ""
    if outcome.problems:
        outcome.workdir = workdir
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return outcome


class Fuzzer:
    """The world built once, cases run `jobs` at a time in threads (each a subprocess).
    The folders of the first KEEP failing cases are kept; a replay rebuilds any other."""

    KEEP = 30

    def __init__(self, tmp: Path, jobs: int = 2):
        self.tmp = tmp
        self.kept = self.started = 0
        self.lock = threading.Lock()
        # The world is built in this process: with a cache of its own, never the user's (which
        # another version of asfcert may have filled).
        saved = os.environ.get("ASFCERT_CACHE_DIR")
        os.environ["ASFCERT_CACHE_DIR"] = str(tmp / "build-cache")
        try:
            self.template = build(tmp / "template" / "world")
        finally:
            if saved is None:
                del os.environ["ASFCERT_CACHE_DIR"]
            else:
                os.environ["ASFCERT_CACHE_DIR"] = saved
        targets.prepare(self.template)
        (tmp / "seed").mkdir()
        self.cache = seed_cache(self.template, tmp / "seed" / "cache")
        self.pool = ThreadPoolExecutor(max_workers=jobs)

    def submit(self, seed: int, number: int):
        return self.pool.submit(self._execute, seed, number)

    def _execute(self, seed: int, number: int) -> Outcome:
        p = plan(seed, number)
        with self.lock:  # a case run twice gets a folder of its own
            self.started += 1
            workdir = self.tmp / "runs" / f"{seed}-{number}-{self.started}"
        try:
            outcome = execute(p, self.template, workdir, self.cache)
        except Exception as exc:  # noqa: BLE001 - a bug in the fuzzer fails this case, not the run
            import traceback

            run = harness.Run([], None, "", traceback.format_exc(), 0.0, 0.0)
            return Outcome(p, [], run, problems=[f"fuzzer: the case could not be built ({type(exc).__name__}: {exc})"])
        if outcome.workdir is not None:
            with self.lock:
                keep = self.kept < self.KEEP
                self.kept += keep
            if not keep:
                shutil.rmtree(outcome.workdir, ignore_errors=True)
                outcome.workdir = None
        return outcome

    def run(self, cases: Iterable[tuple[int, int]]) -> Iterator[Outcome]:
        futures = [self.submit(seed, number) for seed, number in cases]
        for future in futures:
            yield future.result()

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


def parse_replay(text: str) -> tuple[int, int]:
    seed, _, number = text.partition(":")
    return int(seed), int(number)


def summary(failures: list[Outcome]) -> str:
    """The distinct failures, each with how often and the first case to replay."""
    groups: dict[tuple, list[Outcome]] = {}
    for outcome in failures:
        groups.setdefault(outcome.signature(), []).append(outcome)
    lines = [f"{len(failures)} failing cases, {len(groups)} distinct failures"]
    for (problem, command, kind, inner), found in sorted(groups.items(), key=lambda g: -len(g[1])):
        mutations = sorted({m for o in found for m in o.plan.labels})
        lines.append(f"\n{problem} {inner}".rstrip() + f" - {command}, {kind}: {len(found)} cases")
        lines.append(f"  first: {found[0].plan.describe()}")
        lines.append(f"  {found[0].problems[0]}")
        lines.append(f"  replay: {found[0].plan.replay}")
        lines.append(f"  mutations seen: {', '.join(mutations[:12])}" + (" ..." if len(mutations) > 12 else ""))
        lines.append(f"  cases: {', '.join(str(o.plan.number) for o in found[:40])}" + (" ..." if len(found) > 40 else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run a long fuzz campaign and summarise the distinct failures.")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("ASFCERT_FUZZ_SEED", "1")))
    parser.add_argument("--cases", type=int, default=int(os.environ.get("ASFCERT_FUZZ_CASES", "3000")))
    parser.add_argument("--first", type=int, default=0, help="the first case number")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("ASFCERT_FUZZ_JOBS", "2")))
    parser.add_argument("--work", type=Path, help="where to build the world and keep failing cases (default: a temporary folder)")
    parser.add_argument("--log", type=Path, help="append one line per failing case to this file")
    parser.add_argument("--minutes", type=float, help="stop starting cases after this long")
    args = parser.parse_args(argv)
    import tempfile

    work = args.work or Path(tempfile.mkdtemp(prefix="asfcert-fuzz-"))
    work.mkdir(parents=True, exist_ok=True)
    fuzzer = Fuzzer(work, args.jobs)
    failures = []
    deadline = time.monotonic() + args.minutes * 60 if args.minutes else None
    done = 0
    try:
        for outcome in fuzzer.run((args.seed, n) for n in range(args.first, args.first + args.cases)):
            done += 1
            if deadline and time.monotonic() > deadline:
                print(f"stopped after {args.minutes:g} minutes", flush=True)
                break
            if outcome.problems:
                failures.append(outcome)
                print(outcome.report().split("\n--- stdout")[0], flush=True)
                if args.log:
                    with open(args.log, "a", encoding="utf-8") as log:
                        log.write(f"{outcome.plan.describe()}\t{' | '.join(outcome.problems)}\t{outcome.plan.replay}\n")
    finally:
        fuzzer.close()
    print(f"\n{done} cases of seed {args.seed} from {args.first}; " + summary(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
