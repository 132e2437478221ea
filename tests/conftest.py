import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "tools"))  # docsgen

# Property tests (hypothesis): bounded and derandomized, so the suite is fast and every run
# tries the same examples. `HYPOTHESIS_PROFILE=explore` searches further with new examples.
settings.register_profile("default", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("explore", max_examples=2000, deadline=None, derandomize=False,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own cache directory and a fixed language."""
    monkeypatch.setenv("ASFCERT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("ASFCERT_LANG", raising=False)


@pytest.fixture
def company(tmp_path):
    """A complete, ready company folder; call it with profile edits for a variant."""
    from helpers import make_company

    def build(**edits):
        return make_company(tmp_path / "company", **edits)

    return build
