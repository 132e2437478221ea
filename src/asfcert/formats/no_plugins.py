"""pydantic's plugin loader, for a run with every plugin switched off.

Before pydantic builds its first validator it imports `pydantic.plugin._loader`, whose
first line imports `importlib.metadata` (with email, zipfile and csv: about a tenth of a
check after an edit), even when PYDANTIC_DISABLE_PLUGINS says to look for none. When that
variable switches all plugins off, formats/types.py puts this module in the loader's
place: it answers as the loader then does, with no plugins. With any other setting the
variable is left to pydantic's own loader."""

from __future__ import annotations

import sys

NAME = "pydantic.plugin._loader"
OFF = ("__all__", "1", "true")  # the values with which pydantic's loader returns no plugins


def get_plugins() -> tuple:
    return ()


def install(setting: str | None) -> None:
    """Stand in for the loader when `setting` (PYDANTIC_DISABLE_PLUGINS) turns every
    plugin off and pydantic has not loaded its own yet."""
    if setting in OFF:
        sys.modules.setdefault(NAME, sys.modules[__name__])
