"""Every command against the corpus of hostile inputs (tests/corpus/), as real subprocesses.

One test per case and command. Each asserts the promises of issue 7: the expected exit code
(2 for input a command cannot use, 1 for findings, else as on the untouched world), no
traceback, a message naming the file, at most 30 s and 1.5 GB, nothing changed in the
input, nothing written at all on exit code 2, no temporary file left behind.

The runs are started together when the first corpus test runs, in as many parallel
processes as there are cores (plus one, at most 8), and each test waits for its own. The
whole corpus (about 130 cases, 520 runs) takes two to three minutes on two cores. A run's
folder is kept under pytest's temporary folder when its test fails, for a look at the files.

Skipped, with the reason: a command whose CLI module does not exist (yet), and the cases
with a file without read permission where permissions are not enforced (root that may not
drop its capabilities)."""

from __future__ import annotations

import os
import shutil
from concurrent.futures import Future, ThreadPoolExecutor

import pytest
from corpus import execute
from corpus.cases import BY_NAME as CASES_BY_NAME
from corpus.cases import CASES
from corpus.commands import BY_NAME as COMMANDS
from corpus.harness import permissions_enforced
from corpus.world import build, seed_cache

PAIRS = [(case.name, command) for case in CASES for command in case.commands()]


class Corpus:
    def __init__(self, tmp, selected: list[tuple[str, str]]):
        self.tmp = tmp
        self.template = build(tmp / "template" / "world")
        (tmp / "seed").mkdir()
        self.seed = seed_cache(self.template, tmp / "seed" / "cache")
        self.permissions = permissions_enforced(tmp)
        self.pool = ThreadPoolExecutor(max_workers=min(8, (os.cpu_count() or 2) + 1))
        self.futures: dict[tuple[str, str], Future] = {}
        for case_name, command in selected:
            if self.skip_reason(case_name, command) is None:
                self.futures[case_name, command] = self.pool.submit(self._run, case_name, command)

    def skip_reason(self, case_name: str, command: str) -> str | None:
        cmd = COMMANDS[command]
        if not cmd.available:
            return f"`asfcert {command}` does not exist yet (src/asfcert/cli/{cmd.module}.py)"
        if CASES_BY_NAME[case_name].needs_permissions and not self.permissions:
            return "read permissions are not enforced here (root without the right to drop CAP_DAC_OVERRIDE)"
        return None

    def _run(self, case_name: str, command: str):
        workdir = self.tmp / "runs" / case_name / command
        outcome = execute(CASES_BY_NAME[case_name], COMMANDS[command], self.template, workdir, self.seed)
        if not outcome.problems:
            shutil.rmtree(workdir, ignore_errors=True)  # hundreds of worlds would fill the disk
        return outcome


@pytest.fixture(scope="module")
def corpus(request, tmp_path_factory):
    selected = [tuple(item.callspec.params[k] for k in ("case_name", "command"))
                for item in request.session.items if item.originalname == "test_corpus" and hasattr(item, "callspec")]
    corpus = Corpus(tmp_path_factory.mktemp("corpus"), selected)
    yield corpus
    corpus.pool.shutdown(cancel_futures=True)


@pytest.mark.parametrize(("case_name", "command"), PAIRS, ids=[f"{c}-{m}" for c, m in PAIRS])
def test_corpus(corpus, case_name, command):
    reason = corpus.skip_reason(case_name, command)
    if reason:
        pytest.skip(reason)
    outcome = corpus.futures[case_name, command].result()
    assert not outcome.problems, "\n".join(outcome.problems) + "\n\n" + outcome.run.describe()


def test_every_case_and_command_is_in_the_corpus():
    """Each role is run through every command at least once, and every command meets
    hostile input of some role it reads."""
    for role in {c.role for c in CASES}:
        assert any(set(c.commands()) == set(COMMANDS) for c in CASES if c.role == role), role
    hostile = {(c.name, m) for c in CASES if not c.fine for m in c.commands() if c.expected(m)[1]}
    assert {m for _, m in hostile} == set(COMMANDS)
