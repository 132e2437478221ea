"""The terminal at 80 and 120 columns and through a pipe: the clause table keeps one line
per clause (a long title is cut with an ellipsis), no line is wider than the terminal, and
piped output has no trailing padding."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TRADEN = ROOT / "examples" / "omgang-ht2026" / "traden"
ASFCERT = [sys.executable, "-m", "asfcert"]


def run(columns: int, *args: str) -> list[str]:
    env = {**os.environ, "COLUMNS": str(columns), "ASFCERT_LANG": "sv"}
    proc = subprocess.run([*ASFCERT, "check", str(TRADEN), "--as-of", "2026-11-22", "--no-cache", *args],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout.splitlines()


@pytest.mark.parametrize("columns", [80, 120])
def test_no_line_is_wider_than_the_terminal_and_none_ends_in_padding(columns):
    lines = run(columns)
    assert all(len(line) <= columns for line in lines), max(lines, key=len)
    assert all(line == line.rstrip() for line in lines)


def _clause_rows(lines: list[str]) -> list[str]:
    ids = ("3.1 ", "3.2 ", "3.8 ", "ASF-1 ", "SKOOPI ")
    return [line for line in lines if line.startswith(ids)]


def test_at_80_columns_each_clause_is_one_line_and_long_titles_end_in_an_ellipsis():
    rows = _clause_rows(run(80))
    assert len(rows) == 5  # one line each: no title wrapped onto a second line
    assert "Finansiella" in rows[1] and "…" in rows[1]
    assert all(row.rstrip().endswith("%") for row in rows)  # the numbers are all there


def test_at_120_columns_the_titles_are_whole():
    rows = _clause_rows(run(120))
    assert any("Finansiella och ekonomiska krav" in row for row in rows)
    assert not any("…" in row for row in rows)
