"""The cohort dashboard (report.html) in Chromium at 1280 and 390 px: nothing wider than
the window, no console errors, nothing loaded from the network. A wide table scrolls in
its own box instead of widening the page."""

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from audit_helpers import registry as make_registry
from cdp import CDPError, Chromium, find_chromium

from asfcert.assess.checker import CheckOptions
from asfcert.cohort.api import CohortOptions, run
from asfcert.cohort.exports import write_all

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "omgang-ht2026"


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    path = find_chromium()
    if path is None:
        reason = "Chromium not found: run `make browser` (apt-get install chromium) or set ASFCERT_CHROMIUM"
        pytest.fail(reason + " ($ASFCERT_REQUIRE_BROWSER is set)") if os.environ.get("ASFCERT_REQUIRE_BROWSER") else pytest.skip(reason)
    try:
        with Chromium(path, tmp_path_factory.mktemp("chromium")) as browser:
            yield browser
    except CDPError as e:
        if os.environ.get("ASFCERT_REQUIRE_BROWSER"):
            raise
        pytest.skip(f"Chromium at {path} did not start: {e}")


@pytest.fixture(scope="module")
def dashboards(tmp_path_factory):
    """The example cohort's dashboard, and a registry's (a column per cohort)."""
    reg = make_registry(tmp_path_factory.mktemp("reg") / "registret")
    shutil.copytree(EXAMPLE, reg / "omgang-ht2026")
    out = {}
    for name, folder in (("cohort", EXAMPLE), ("registry", reg)):
        report = run(folder, CohortOptions(CheckOptions(today=dt.date(2026, 11, 22), use_cache=True), jobs=2))
        out[name] = tmp_path_factory.mktemp(name)
        write_all(report, out[name], "sv")
    return out


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("which", ["cohort", "registry"])
def test_the_dashboard_fits_the_window(chromium, dashboards, which, width):
    page = chromium.open("about:blank")
    chromium.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
                  session=page.session)
    page.navigate((dashboards[which] / "report.html").as_uri())
    assert page.errors == []
    assert all(url.startswith(("file://", "about:", "data:")) for url in page.requests), page.requests
    assert page.evaluate("window.innerWidth") == width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
