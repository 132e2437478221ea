"""`asfcert registry build` and `asfcert intake --batch` on a synthetic registry.

    .venv/bin/python bench/bench_registry_site.py [--companies 1000] [--pdfs 5] [--keep DIR]

Reports: the public ASF list built from every certificate of the registry, signed with the
registry's keys (a fresh output folder, then a rebuild into the same folder), as a ratio
to the import floor measured in the same run, and the review of one cohort folder as a
batch of applications, cold (empty cache) and warm.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import BIN, FLOOR, env_with_cache, summary, timed
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

    first = timed([asfcert, "registry", "build", str(root), "--out", str(site), "--as-of", AS_OF], 1, env, ok=(0,))
    again = timed([asfcert, "registry", "build", str(root), "--out", str(site), "--as-of", AS_OF], args.runs, env, ok=(0,))
    out = subprocess.run([asfcert, "registry", "build", str(root), "--out", str(site), "--as-of", AS_OF, "-f", "json"],
                         capture_output=True, text=True, env=env, check=True)
    data = json.loads(out.stdout)
    certificates = len(list((root / "certificates").glob("*.yaml")))
    print(f"registry build: {certificates} certificates, {data['listed']} listed, left out {data['left_out']}")
    floor = statistics.median(timed(FLOOR, args.runs))
    print(f"  import floor  {floor * 1000:6.1f} ms")
    print(f"  fresh folder  {summary(first)}  {statistics.median(first) / floor:5.1f}x floor")
    print(f"  rebuild       {summary(again)}  {statistics.median(again) / floor:5.1f}x floor")

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


if __name__ == "__main__":
    main()
