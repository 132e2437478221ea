"""The auditor's commands on a copy of the ready example, timed as a user runs them.

    .venv/bin/python bench/bench_audit.py [--runs N]

Times: the first `audit` (creates the record), a re-run, `audit --report` (HTML and PDF),
`audit --decide --report` (decided already: a new decision after the same text, the report
written), the same right after the auditor typed a summary (spliced too) or added a line
(the round trip), the
first `certify` (number, PDF, stamp, record) in the folder where the decision was made (put
back as decided before each run), the same in a copy of the registry at another path (its
folder checked cold: the cache knows folders by path), `certify` again (completes nothing
new), and `verify` of the PDF: with a warm cache, and as the first check of that file with
an empty cache. `certify` unlocks its key with one key derivation, started in a thread while
the case loads (records/key_unlock.py: the passphrase comes from the environment here, as a
certifier's script gives it), and signs without pyHanko; `verify` judges a file exactly as asfcert
signs it in-process (certify/signature_fast.py): neither row starts the bounded pyHanko
child, which only files signed otherwise (with a timestamp, or by an older asfcert) need.
Checked before, the registry's verdict on it and registry.yaml come from the cache (no
pydantic model is built) and its view through a pipe is replayed (no rich console); the
first time, registry.yaml and the record, as asfcert writes them, are read without pydantic
(records/plain_certificate.py) and the view is drawn.
Works in a temporary copy; the examples are never written.
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
from pathlib import Path

from common import BIN, FLOOR, ROOT, Times, env_with_cache, ratio, summary, timed


def once(cmd: list[str], env: dict, ok=(0, 1)):
    return timed(cmd, 1, env, ok)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="asfcert-bench-audit-"))
    env = env_with_cache(work / "cache")
    env["ASFCERT_KEY_PASSPHRASE"] = "bench passphrase, not a secret"  # certify signs with the registry's keys
    asfcert = str(BIN / "asfcert")
    try:
        reg = work / "registry"  # the registry and its cohort, copied whole to issue a certificate more than once
        shutil.copytree(ROOT / "examples/omgang-ht2026", reg / "omgang-ht2026")
        (reg / "registry.yaml").write_text("format: asfcert-registry/1\ncertifier: SKOOPI\nprefix: ASF\n", encoding="utf-8")
        once([asfcert, "registry", "keys", str(reg), "--create"], env, ok=(0,))
        company = str(reg / "omgang-ht2026/vaxthuset")
        timed(FLOOR, 3)  # warm the OS file cache and .pyc files
        floor = timed(FLOOR, args.runs)
        as_of = ["--as-of", "2027-01-15"]
        created = once([asfcert, "audit", company, "--auditor", "Amira Fiktiva", *as_of], env)
        rerun = timed([asfcert, "audit", company, *as_of], args.runs, env)
        path = Path(company) / "audit/audit.yaml"
        path.write_text(re.sub(r"(?m)^    result:$", "    result: conform", path.read_text(encoding="utf-8")), encoding="utf-8")
        report = timed([asfcert, "audit", company, "--report", *as_of], args.runs, env)
        once([asfcert, "audit", company, "--decide", *as_of], env, ok=(0,))
        decide = timed([asfcert, "audit", company, "--decide", "--report", *as_of], args.runs, env, ok=(0,))
        typed, edited = Times(), Times()  # the auditor has just typed a summary (spliced) / added a line (round trip)
        for run in range(args.runs):
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"(?m)^summary:.*$", f"summary: Granskad {run}", text), encoding="utf-8")
            typed += once([asfcert, "audit", company, "--decide", "--report", *as_of], env, ok=(0,))
            path.write_text(path.read_text(encoding="utf-8").replace("\nsummary:", f"\n# granskad {run}\nsummary:"), encoding="utf-8")
            edited += once([asfcert, "audit", company, "--decide", "--report", *as_of], env, ok=(0,))
        decided = work / "decided"
        shutil.copytree(reg, decided)  # the registry as decided: the same certificate, issued anew in each run
        elsewhere = Times()
        for run in range(args.runs):  # in a copy at another path: a folder its cache never saw there, checked cold
            shutil.copytree(decided, work / f"issue-{run}")
            elsewhere += once([asfcert, "certify", str(work / f"issue-{run}/omgang-ht2026/vaxthuset"), *as_of], env, ok=(0,))
        issue = Times()
        for _ in range(args.runs):  # where it was decided, put back as decided each time: as a certifier runs it
            shutil.rmtree(reg)
            shutil.copytree(decided, reg)
            issue += once([asfcert, "certify", company, *as_of], env, ok=(0,))
        again = timed([asfcert, "certify", company, *as_of], args.runs, env, ok=(0,))
        pdf = next((Path(company) / "certificate").glob("ASF-*-sv.pdf"))
        verify = timed([asfcert, "verify", str(pdf), *as_of], args.runs, env, ok=(0,))
        first = Times()  # each run with a cache of its own: nothing read or judged before
        for run in range(args.runs):
            first += once([asfcert, "verify", str(pdf), *as_of], env_with_cache(work / f"cold-{run}"), ok=(0,))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'import floor':34s}{summary(floor)}")
    for name, times in (("audit, first run (creates)", created), ("audit, re-run", rerun), ("audit --report (HTML + PDF)", report),
                        ("audit --decide --report", decide), ("  after typing a summary", typed),
                        ("  after adding a line", edited), ("certify, issue", issue), ("certify, issue (copy elsewhere)", elsewhere),
                        ("certify, again (completed)", again),
                        ("verify CERT.pdf", verify), ("verify CERT.pdf, first time", first)):
        print(f"{name:34s}{summary(times)}  {ratio(times, floor)}")


if __name__ == "__main__":
    main()
