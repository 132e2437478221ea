"""io/folder_swap.py: a generated folder (the public ASF list) is published in one rename.
Readers and a kill -9 see the old folder or the new one, never a mix; the publisher's own
files stay; leftovers of a killed run are cleaned up (an old folder caught mid-swap is put
back)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath

import pytest

from asfcert.io.folder_swap import replace_folder

P = PurePosixPath


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_new_folder_then_a_replacement_that_keeps_the_publishers_files(tmp_path):
    site = tmp_path / "site"
    assert replace_folder(site, {P("index.html"): b"1", P("foretag/a.html"): b"a", P("foretag/b.html"): b"b"}, lambda rel: True) == []
    assert tree(site) == {"index.html": b"1", "foretag/a.html": b"a", "foretag/b.html": b"b"}
    (site / "CNAME").write_bytes(b"asf.example.se")
    os.chmod(site, 0o2775)
    dropped = replace_folder(site, {P("index.html"): b"2", P("foretag/a.html"): b"a2"}, lambda rel: rel.parent != P("foretag"))
    assert dropped == [P("foretag/b.html")]
    assert tree(site) == {"index.html": b"2", "foretag/a.html": b"a2", "CNAME": b"asf.example.se"}
    assert os.stat(site).st_mode & 0o7777 == 0o2775
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no hidden sibling left


def test_a_linked_site_folder_stays_a_link(tmp_path):
    real = tmp_path / "real"
    replace_folder(real, {P("index.html"): b"1"}, lambda rel: True)
    link = tmp_path / "site"
    link.symlink_to(real)
    replace_folder(link, {P("index.html"): b"2"}, lambda rel: True)
    assert link.is_symlink() and (real / "index.html").read_bytes() == b"2"


def test_an_old_folder_caught_between_two_renames_is_put_back(tmp_path):
    site = tmp_path / "site"
    replace_folder(site, {P("index.html"): b"old"}, lambda rel: True)
    (site / "CNAME").write_bytes(b"mine")
    dead = _dead_pid()
    site.rename(tmp_path / f".site.old-{dead}")  # killed after the first rename of the fallback swap
    (tmp_path / f".site.new-{dead}").mkdir()  # and a half-written new folder
    replace_folder(site, {P("index.html"): b"new"}, lambda rel: True)
    assert tree(site) == {"index.html": b"new", "CNAME": b"mine"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


_WRITER = """
import sys
from pathlib import Path, PurePosixPath
sys.path.insert(0, {src!r})
from asfcert.io.folder_swap import replace_folder
tag = sys.argv[2].encode()
files = {{PurePosixPath(f"foretag/{{i:05}}.html"): tag * 200 for i in range(3000)}}
files[PurePosixPath("index.html")] = tag
print("go", flush=True)
replace_folder(Path(sys.argv[1]), files, lambda rel: True)
"""


@pytest.mark.skipif(os.name != "posix", reason="kill -9")
@pytest.mark.parametrize("delay", [0.0, 0.02, 0.05, 0.1, 0.2, 0.4])
def test_kill_9_at_any_moment_leaves_the_old_folder_or_the_new_one(tmp_path, delay):
    site = tmp_path / "site"
    src = str(Path(__file__).resolve().parents[1] / "src")
    script = _WRITER.format(src=src)
    subprocess.run([sys.executable, "-c", script, str(site), "A"], check=True, capture_output=True)
    old = tree(site)
    proc = subprocess.Popen([sys.executable, "-c", script, str(site), "B"], stdout=subprocess.PIPE)
    proc.stdout.readline()
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    now = tree(site)
    new = {k: (b"B" * 200 if k != "index.html" else b"B") for k in old}
    assert now in (old, new)
    subprocess.run([sys.executable, "-c", script, str(site), "C"], check=True, capture_output=True)  # the next run cleans up
    assert tree(site)["index.html"] == b"C" and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_the_folders_above_a_new_site_folder_are_made(tmp_path):
    site = tmp_path / "srv" / "www" / "asf-listan"
    replace_folder(site, {P("index.html"): b"1"}, lambda rel: True)
    assert tree(site) == {"index.html": b"1"}
