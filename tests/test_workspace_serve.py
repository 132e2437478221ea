"""`asfcert serve` as a person runs it: the printed link, the port, Ctrl-C, --host."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from http.cookiejar import CookieJar

import pytest
from helpers import make_company
from workspace_browser import Served


def opener():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))


def test_the_printed_link_opens_the_workspace_once_and_ctrl_c_stops_it(tmp_path):
    served = Served(make_company(tmp_path / "co"))
    try:
        assert served.url.startswith("http://127.0.0.1:") and "?token=" in served.url
        with pytest.raises(urllib.error.HTTPError) as denied:
            urllib.request.urlopen(served.base + "/", timeout=10)
        assert denied.value.code == 403
        browser = opener()
        page = browser.open(served.url, timeout=10)
        assert page.status == 200 and page.url == served.base + "/"
        assert "Redo för revision" in page.read().decode()
        with pytest.raises(urllib.error.HTTPError):
            opener().open(served.url, timeout=10)  # the link works once
    finally:
        code, output = served.stop()
    assert code == 0 and "Arbetsytan är stängd." in output and "Traceback" not in output


def test_a_given_port_is_used_and_another_host_prints_a_warning(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.2", 0))
        port = s.getsockname()[1]
    served = Served(make_company(tmp_path / "co"), "--host", "127.0.0.2", "--port", str(port), "--lang", "en")
    try:
        assert served.url.startswith(f"http://127.0.0.2:{port}/?token=")
        assert opener().open(served.url, timeout=10).status == 200
    finally:
        code, output = served.stop()
    assert code == 0 and "The workspace is closed." in output
    assert "Warning: the workspace listens on 127.0.0.2" in served.errors


def test_a_folder_that_does_not_exist_stops_before_anything_listens(tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "asfcert", "serve", str(tmp_path / "nope")], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "http://" not in r.stdout


def test_a_port_in_use_stops_with_its_code_before_anything_is_printed(tmp_path):
    import subprocess
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "asfcert", "serve", str(make_company(tmp_path / "co")), "--port", str(port)],
                           capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "[serve-cannot-listen]" in r.stderr and "http://" not in r.stdout
