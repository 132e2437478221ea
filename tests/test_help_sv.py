"""--help speaks Swedish unless --lang en: every command's and option's help has its
Swedish (cli/help_sv.py), and click's headings and marks are Swedish too."""

from __future__ import annotations

import pytest
import typer.main

from asfcert.cli import app, help_sv, load_commands, main

ENGLISH_MARKS = ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message", "[default:", "[required]", "[OPTIONS]", "Exit code")


def command_paths() -> list[list[str]]:
    load_commands(["--help"])
    paths = []

    def walk(cmd, path):
        paths.append(path)
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return paths


def test_every_help_text_has_its_swedish():
    load_commands(["--help"])
    assert help_sv.missing(typer.main.get_command(app)) == []


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "asfcert")
def test_help_is_swedish_by_default_and_english_with_asfcert_lang_en(capsys, monkeypatch, path):
    monkeypatch.delenv("ASFCERT_LANG", raising=False)
    with pytest.raises(SystemExit) as stopped:
        main([*path, "--help"])
    swedish = capsys.readouterr().out
    assert stopped.value.code == 0 and "Användning:" in swedish
    for mark in ENGLISH_MARKS:
        assert mark not in swedish, mark
    monkeypatch.setenv("ASFCERT_LANG", "en")  # groups (asfcert standard) take no --lang
    with pytest.raises(SystemExit):
        main([*path, "--help"])
    assert "Usage:" in capsys.readouterr().out
