"""Who wrote a value from the browser, and when: an end-of-line YAML comment next to it
(`# Amira Fiktiva, 2026-11-30 (asfcert serve)`), written by the same round-trip save as
the value. A comment: `check` and the file format never see it; git and the next reader
of the file do. The audit view stamps a result; under a cohort, the company workspace
stamps the answer or the profile section the coordinator or auditor saved."""

from __future__ import annotations

import datetime as dt


def stamp(mapping, key, who: str, day: dt.date) -> None:
    """Put (or replace) the stamp on `key` of the round-trip `mapping`."""
    mapping.yaml_add_eol_comment(f"{who}, {day.isoformat()} (asfcert serve)", key)


def signed(edit, place, who: str | None, day: dt.date):
    """`edit` for files.save, stamped at `place(data) -> (mapping, key) | None`; `edit`
    itself when nobody is named (one company served alone: its own people)."""
    if who is None:
        return edit

    def stamped(data, plain) -> None:
        edit(data, plain)
        found = place(data)
        if found is not None:
            stamp(*found, who, day)

    return stamped
