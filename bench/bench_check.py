"""`asfcert check` on the ready example against the dependency import floor
(`python -c "import typer, pydantic, ruamel.yaml, rich"`).

    .venv/bin/python bench/bench_check.py [--runs N] [--edits-only] [--against CHECKOUT] [FOLDER]

Reports the warm run (the result cache filled by an earlier run of the same folder, and
the command line remembered: cli/replay.py), the warm run of a command line not seen
before (parsed by typer), the run after an edit of company.yaml (a cold result cache but
warm per-file caches: an edit of the same size that the output shows, and a comment
appended), and the run with no cache at all.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from common import BIN, FLOOR, ROOT, Times, env_with_cache, ratio, summary, timed


def _name_edit(text: str, i: int) -> str:
    """The company's name with its last three letters made the run's number: an edit that
    the check's output shows (its view is rendered again, not replayed), of the same size
    where those letters are ASCII, and new content on every run (never a cached result)."""
    head, sep, rest = text.partition("\nname: ")
    line, nl, tail = rest.partition("\n")
    line = line.rstrip()
    return head + sep + line[:-3] + f"{i:03d}" + nl + tail


def _after_edits(folder: str, cmds: list[list[str]], env: dict, runs: int, how: str) -> list[Times]:
    """The supervisor's loop: edit company.yaml, check again. The result cache misses; the
    parses of the other files and the document facts are still cached. `how`: "value",
    an edit of the same size to the name, which the output shows; "comment", a comment
    appended (the result, and so its view, is as before). One copy and one cache per
    command (`--against`: another checkout's asfcert), their runs interleaved, so that a
    loaded machine weighs on each alike. Works on copies; the folder is never touched."""
    work = Path(tempfile.mkdtemp(prefix="asfcert-bench-edit-"))
    try:
        setups = []
        for n, cmd in enumerate(cmds):
            copy = work / f"company-{n}"
            shutil.copytree(folder, copy)
            own = env_with_cache(work / f"cache-{n}") if n else env
            cmd = [cmd[0], cmd[1], str(copy), *cmd[3:]]
            timed(cmd, 1, own)
            setups.append((cmd, own, copy / "company.yaml", Times()))
        text = setups[0][2].read_text(encoding="utf-8")
        for i in range(runs):
            edited = _name_edit(text, i) if how == "value" else text + f"\n# edit {i}\n"
            for cmd, own, profile, times in setups:
                profile.write_text(edited, encoding="utf-8")
                times += timed(cmd, 1, own)
        return [times for *_, times in setups]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=str(ROOT / "examples/omgang-ht2026/vaxthuset"))
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--edits-only", action="store_true", help="only the floor and the runs after an edit (a loaded machine)")
    parser.add_argument("--against", metavar="CHECKOUT", help="also time another checkout's asfcert (its .venv) after the same edits, interleaved")
    args = parser.parse_args()
    cache = Path(tempfile.mkdtemp(prefix="asfcert-bench-"))
    env = env_with_cache(cache)
    cmd = [str(BIN / "asfcert"), "check", args.folder, "--as-of", "2026-11-22"]
    try:
        timed(FLOOR + [], 3)  # warm the OS file cache and .pyc files
        timed(cmd, 2, env)
        floor = timed(FLOOR, args.runs)
        rows = {}
        if not args.edits_only:
            rows["check, warm (terminal)"] = timed(cmd, args.runs, env)
            rows["check, warm (--format json)"] = timed(cmd + ["--format", "json"], args.runs, env)
            unseen = Times()
            for i in range(args.runs):  # any ASFCERT_* variable makes it another command line
                unseen += timed(cmd + ["--format", "json"], 1, {**env, "ASFCERT_BENCH_RUN": f"{os.getpid()}-{i}"})
            rows["check, warm, new command line"] = unseen
        cmds = [cmd] + ([[str(Path(args.against) / ".venv/bin/asfcert"), *cmd[1:]]] if args.against else [])
        for how, name in (("value", "check after a YAML edit"), ("comment", "check after a comment edit")):
            ours, *theirs = _after_edits(args.folder, cmds, env, args.runs, how)
            rows[name] = ours
            if theirs:
                rows[f"  {how} edit, {Path(args.against).name}"] = theirs[0]
        if not args.edits_only:
            rows["check --no-cache"] = timed(cmd + ["--no-cache"], args.runs, env)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    print(f"folder: {args.folder}")
    print(f"{'import floor':32s}{summary(floor)}")
    for name, times in rows.items():
        print(f"{name:32s}{summary(times)}  {ratio(times, floor)}")


if __name__ == "__main__":
    main()
