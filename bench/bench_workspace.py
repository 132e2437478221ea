"""`asfcert serve`: how long a page takes, warm, on every example company, against a floor
measured in the same run (the app's stylesheet through the same server, session and
headers: what any request costs). The target is at most 100 ms per page.

    .venv/bin/python bench/bench_workspace.py [--runs N]

Warm means the page has been shown once: the check result is cached on disk and held in
memory until a file in the folder changes (see src/asfcert/workspace/state.py). Also timed:
a page right after a save, when the folder is checked again from its cached parses."""

from __future__ import annotations

import argparse
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from common import BIN, ROOT, env_with_cache

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="asfcert-bench-serve-"))
    env = env_with_cache(work / "cache")
    worst, rows = 0.0, []
    try:
        for example in sorted((ROOT / "examples/omgang-ht2026").iterdir()):
            if not (example / "company.yaml").exists():
                continue
            folder = Path(shutil.copytree(example, work / example.name))
            proc, opener, base = serve(folder, env)
            try:
                floor = statistics.median(get(opener, base + "/static/style.css") for _ in range(args.runs))
                for page in PAGES:
                    get(opener, base + page)  # the first view: the page is warm from here on
                    ms = statistics.median(get(opener, base + page) for _ in range(args.runs)) * 1000
                    worst = max(worst, ms)
                    rows.append((example.name, page, ms, ms / (floor * 1000)))
                profile = folder / "company.yaml"
                after_save = []
                for i in range(max(3, args.runs // 3)):
                    profile.write_text(profile.read_text(encoding="utf-8") + f"# save {i}\n", encoding="utf-8")
                    after_save.append(get(opener, base + "/"))
                rows.append((example.name, "/ after a save", statistics.median(after_save) * 1000, statistics.median(after_save) / floor))
            finally:
                proc.send_signal(signal.SIGINT)
                proc.wait(20)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'company':<20} {'page':<24} {'median':>9} {'x floor':>8}")
    for name, page, ms, ratio in rows:
        print(f"{name:<20} {page:<24} {ms:7.1f} ms {ratio:7.1f}x")
    verdict = "ok" if worst <= LIMIT_MS else "OVER"
    print(f"slowest warm page: {worst:.1f} ms (limit {LIMIT_MS:.0f} ms): {verdict}")
    raise SystemExit(0 if worst <= LIMIT_MS else 1)


if __name__ == "__main__":
    main()
