"""`asfcert serve`: how long a page takes, warm, on every example company, against a floor
measured in the same run (the app's stylesheet through the same server, session and
headers: what any request costs). The target is at most 100 ms per page.

    .venv/bin/python bench/bench_workspace.py [--runs N] [--coordinator]

Warm means the page has been shown once: the check result is cached on disk and held in
memory until a file in the folder changes (see src/asfcert/workspace/state.py). Also timed:
a page right after a save, when the folder is checked again from its cached parses.

Then `asfcert serve` on a copy of the whole example cohort, the coordinator's pages: the
overview (the cohort report, held in memory until a cohort file or a company's file
changes: src/asfcert/workspace/cohorts.py), a company's own workspace under /c/..., and,
as the appointed auditor with an audit record, the audit view and a requirement in it."""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from common import BIN, ROOT, env_with_cache

COHORT = "omgang-ht2026"
COORDINATOR_PAGES = ["/", "/c/omgang-ht2026/vaxthuset/", "/c/omgang-ht2026/vaxthuset/req/3.1.a",
                     "/c/omgang-ht2026/vaxthuset/audit", "/c/omgang-ht2026/vaxthuset/audit/3.1.a"]
COORDINATOR_PAGES.append("/c/omgang-ht2026/vaxthuset/decide")  # the decision preview (workspace/decide_pages.py)
AUDITOR = "Amira Fiktiva"  # vaxthuset's appointed auditor in the example cohort
PAGES = ["/", "/req/3.1.a", "/req/ASF-3.c", "/profile", "/profile/pay", "/profile/finances", "/profile/participation", "/evidence"]
LIMIT_MS = 100.0


def get(opener, url: str) -> float:
    start = time.perf_counter()
    with opener.open(url, timeout=30) as r:
        r.read()
    return time.perf_counter() - start


def serve(folder: Path, env: dict):
    proc = subprocess.Popen([str(BIN / "asfcert"), "serve", str(folder), "--as-of", "2026-11-22"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    for line in proc.stdout:
        if line.startswith("http://"):
            url = line.strip()
            break
    else:
        raise SystemExit("asfcert serve printed no URL: " + proc.stderr.read())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    opener.open(url, timeout=60).read()
    return proc, opener, url.split("/?")[0]


def floor_of(opener, base: str, runs: int) -> float:
    """What any request costs: the stylesheet through the same server, session and headers."""
    return statistics.median(get(opener, base + "/static/style.css") for _ in range(runs))


def timed_pages(opener, base: str, label: str, pages: list[str], runs: int, floor: float) -> list[tuple]:
    """(label, page, median ms, x floor) for each page, warm: each shown once first."""
    rows = []
    for page in pages:
        get(opener, base + page)  # the first view: the page is warm from here on
        ms = statistics.median(get(opener, base + page) for _ in range(runs)) * 1000
        rows.append((label, page, ms, ms / (floor * 1000)))
    return rows


def after_saves(opener, url: str, saved: Path, runs: int) -> float:
    """The median time of `url` right after each of a few saves of the file `saved`."""
    times = []
    for i in range(max(3, runs // 3)):
        saved.write_text(saved.read_text(encoding="utf-8") + f"# save {i}\n", encoding="utf-8")
        times.append(get(opener, url))
    return statistics.median(times)


def coordinator(work: Path, env: dict, runs: int) -> list[tuple]:
    """The coordinator's overview, a company under /c/... and the audit view, on a copy of
    the example cohort with an audit record for vaxthuset."""
    folder = Path(shutil.copytree(ROOT / "examples" / COHORT, work / COHORT))
    made = subprocess.run([str(BIN / "asfcert"), "audit", str(folder / "vaxthuset"), "--auditor", AUDITOR, "--as-of", "2026-11-22"],
                          capture_output=True, text=True, env=env)
    if not (folder / "vaxthuset" / "audit" / "audit.yaml").is_file():
        raise SystemExit("asfcert audit made no record: " + made.stderr)
    proc, opener, base = serve(folder, env)
    try:
        with opener.open(base + "/", timeout=120) as r:
            csrf = re.search(r'name="csrf" value="([^"]+)"', r.read().decode()).group(1)
        body = urllib.parse.urlencode({"csrf": csrf, "auditor": AUDITOR}).encode()
        opener.open(urllib.request.Request(base + "/auditor", data=body), timeout=60).read()  # act as the auditor
        floor = floor_of(opener, base, runs)
        rows = timed_pages(opener, base, COHORT, COORDINATOR_PAGES, runs, floor)
        after = after_saves(opener, base + "/", folder / "vaxthuset" / "company.yaml", runs)
        rows.append((COHORT, "/ after a save", after * 1000, after / floor))
        return rows
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(20)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--coordinator", action="store_true", help="only the coordinator's pages")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="asfcert-bench-serve-"))
    env = env_with_cache(work / "cache")
    rows = []
    try:
        for example in sorted((ROOT / "examples" / COHORT).iterdir()):
            if args.coordinator or not (example / "company.yaml").exists():
                continue
            folder = Path(shutil.copytree(example, work / example.name))
            proc, opener, base = serve(folder, env)
            try:
                floor = floor_of(opener, base, args.runs)
                rows.extend(timed_pages(opener, base, example.name, PAGES, args.runs, floor))
                after = after_saves(opener, base + "/", folder / "company.yaml", args.runs)
                rows.append((example.name, "/ after a save", after * 1000, after / floor))
            finally:
                proc.send_signal(signal.SIGINT)
                proc.wait(20)
        rows.extend(coordinator(work, env, args.runs))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    worst = max(ms for _, page, ms, _ in rows if "after a save" not in page)
    print(f"{'served':<20} {'page':<40} {'median':>9} {'x floor':>8}")
    for name, page, ms, ratio in rows:
        print(f"{name:<20} {page:<40} {ms:7.1f} ms {ratio:7.1f}x")
    verdict = "ok" if worst <= LIMIT_MS else "OVER"
    print(f"slowest warm page: {worst:.1f} ms (limit {LIMIT_MS:.0f} ms): {verdict}")
    raise SystemExit(0 if worst <= LIMIT_MS else 1)


if __name__ == "__main__":
    main()
