"""Where the shipped data lives: `standard/` and `templates/` at the top of the repository,
packaged as `asfcert/_data/` in a wheel."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parents[1]  # the asfcert package


def data_dir(name: str) -> Path:
    for candidate in (_HERE / "_data" / name, _HERE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"asfcert is installed without its {name}/ folder")


def default_standard() -> Path:
    return data_dir("standard") / "asf-pas10.yaml"
