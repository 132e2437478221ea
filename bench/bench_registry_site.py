"""`asfcert registry build` and `asfcert intake --batch` on a synthetic registry.

    .venv/bin/python bench/bench_registry_site.py [--companies 1000] [--pdfs 5] [--keep DIR]

Reports: the public ASF list built from every certificate of the registry, signed with the
registry's keys, as ratios (wall and CPU) to the import floor measured in the same run:
a fresh output folder with an empty cache; a rebuild into the same folder with nothing
changed (site/rebuild.py: nothing is written), taken two seconds after the build, when
the site's files are settled (a rebuild within two seconds of a write reads the site's
files once); a rebuild after one certificate record changed; and --no-cache. Then the
review of one cohort folder as a batch of applications, cold (empty cache) and warm.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import BIN, FLOOR, Times, env_with_cache, ratio, summary, timed
from make_registry import build

AS_OF = "2026-11-22"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--pdfs", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="Build the registry here (reused when it exists).")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="asfcert-bench-site-"))
    root = args.keep or work / "registry"
    if not (root / "registry.yaml").exists():
        start = time.perf_counter()
        build(root, args.companies, args.pdfs)
        print(f"generated {args.companies} companies in {time.perf_counter() - start:.1f} s")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from trust_helpers import PASSPHRASE, copy_keys

    if not (root / "keys").is_dir():  # keys as `registry init` makes them: the list is signed
        copy_keys(root)
    env = env_with_cache(work / "cache")
    env["ASFCERT_KEY_PASSPHRASE"] = PASSPHRASE
    asfcert = str(BIN / "asfcert")
    site = work / "site"

    command = [asfcert, "registry", "build", str(root), "--out", str(site), "--as-of", AS_OF]
    first = timed(command, 1, env, ok=(0,))
    time.sleep(2.1)  # the site's files settle (company/signatures.py: RACY_NS)
    floor, again = Times(), Times()
    for _ in range(args.runs):  # side by side: on a shared machine the load changes from minute to minute
        floor += timed(FLOOR, 1)
        again += timed(command, 1, env, ok=(0,))
    edited = timed_after_edit(root, command, args.runs, env)
    uncached = timed([*command, "--no-cache"], args.runs, env, ok=(0,))
    out = subprocess.run([*command, "-f", "json"], capture_output=True, text=True, env=env, check=True)
    data = json.loads(out.stdout)
    certificates = len(list((root / "certificates").glob("*.yaml")))
    print(f"registry build: {certificates} certificates, {data['listed']} listed, left out {data['left_out']}")
    print(f"  import floor     {summary(floor)}")
    print(f"  fresh folder     {summary(first)}  {ratio(first, floor)}")
    print(f"  rebuild          {summary(again)}  {ratio(again, floor)}")
    print(f"  one record edit  {summary(edited)}  {ratio(edited, floor)}")
    print(f"  --no-cache       {summary(uncached)}  {ratio(uncached, floor)}")

    cohort = sorted(p for p in root.iterdir() if p.is_dir() and (p / "cohort.yaml").exists())[0]
    apps = [p for p in cohort.iterdir() if (p / "company.yaml").exists()]
    pdfs = len(list((apps[0] / "evidence").rglob("*.pdf")))
    shutil.rmtree(work / "cache", ignore_errors=True)
    cold = timed([asfcert, "intake", str(cohort), "--as-of", AS_OF], 1, env)
    warm = timed([asfcert, "intake", str(cohort), "--as-of", AS_OF], args.runs, env)
    print(f"intake batch of {len(apps)} applications ({pdfs} PDFs each)")
    print(f"  cold          {summary(cold)}")
    print(f"  warm          {summary(warm)}")
    shutil.rmtree(work)  # the cache and the site; a --keep registry is elsewhere


def timed_after_edit(root: Path, command: list[str], runs: int, env: dict) -> Times:
    """Rebuilds, each after one certificate record changed (a comment added, then taken
    away: the record stays valid and the registry ends as it began)."""
    record = sorted((root / "certificates").glob("*.yaml"))[-1]
    text = record.read_text(encoding="utf-8")
    times = Times()
    try:
        for n in range(runs):
            record.write_text(text + f"# bench edit {n}\n" if n % 2 == 0 else text, encoding="utf-8")
            times += timed(command, 1, env, ok=(0,))
    finally:
        record.write_text(text, encoding="utf-8")
    return times


if __name__ == "__main__":
    main()
