import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


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
