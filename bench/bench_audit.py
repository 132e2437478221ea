"""The auditor's commands on a copy of the ready example, timed as a user runs them.

    .venv/bin/python bench/bench_audit.py [--runs N]

Times: the first `audit` (creates the record), a re-run, `audit --report` (HTML and PDF),
the first `certify` (number, PDF, stamp, record), `certify` again (completes nothing new)
and `verify` of the PDF. Works in a temporary copy; the examples are never written.
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
from pathlib import Path

from common import BIN, FLOOR, ROOT, env_with_cache, ratio, summary, timed


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
        shutil.copytree(ROOT / "examples/omgang-ht2026", work / "omgang-ht2026")
        (work / "registry.yaml").write_text("format: asfcert-registry/1\ncertifier: SKOOPI\nprefix: ASF\n", encoding="utf-8")
        once([asfcert, "registry", "keys", str(work), "--create"], env, ok=(0,))
        company = str(work / "omgang-ht2026/vaxthuset")
        timed(FLOOR, 3)  # warm the OS file cache and .pyc files
        floor = timed(FLOOR, args.runs)
        as_of = ["--as-of", "2027-01-15"]
        first = once([asfcert, "audit", company, "--auditor", "Amira Fiktiva", *as_of], env)
        rerun = timed([asfcert, "audit", company, *as_of], args.runs, env)
        path = Path(company) / "audit/audit.yaml"
        path.write_text(re.sub(r"(?m)^    result:$", "    result: conform", path.read_text(encoding="utf-8")), encoding="utf-8")
        report = timed([asfcert, "audit", company, "--report", *as_of], args.runs, env)
        once([asfcert, "audit", company, "--decide", *as_of], env, ok=(0,))
        issue = once([asfcert, "certify", company, *as_of], env, ok=(0,))
        again = timed([asfcert, "certify", company, *as_of], args.runs, env, ok=(0,))
        pdf = next((Path(company) / "certificate").glob("ASF-*-sv.pdf"))
        verify = timed([asfcert, "verify", str(pdf), *as_of], args.runs, env, ok=(0,))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'import floor':34s}{summary(floor)}")
    for name, times in (("audit, first run (creates)", first), ("audit, re-run", rerun), ("audit --report (HTML + PDF)", report),
                        ("certify, issue", issue), ("certify, again (completed)", again), ("verify CERT.pdf", verify)):
        print(f"{name:34s}{summary(times)}  {ratio(times, floor)}")


if __name__ == "__main__":
    main()
