"""Usage errors (click's) in the user's language with a catalogue code and exit 2; never
click's English, Python's date formats or a traceback. Run in-process through `main`, the
way the console script runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from asfcert.cli import main

ENGLISH = ("Usage:", "Error:", "Invalid value", "No such", "does not match", "%Y", "Traceback", "is not one of", "Got unexpected")


def run(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stopped:
        main(list(args))
    out, err = capsys.readouterr()
    return stopped.value.code, out, err


@pytest.mark.parametrize(("args", "code"), [
    (["check", ".", "--as-of", "2026-13-01"], "usage-bad-value"),
    (["check", "--bogus"], "usage-unknown-option"),
    (["chek"], "usage-unknown-command"),
    (["check", ".", "--format", "xml"], "usage-bad-value"),
    (["check", ".", "extra"], "usage-extra-argument"),
    (["check"], "usage-missing"),
    (["check", "--as-of"], "usage-option-needs-value"),
    (["check", ".", "--lang", "fi"], "usage-bad-value"),
    (["registry", "keys", ".", "--create", "--rotate"], "usage-exclusive-options"),
])
def test_usage_errors_are_coded_swedish_and_exit_2(capsys, args, code):
    exit_code, out, err = run(capsys, *args)
    assert exit_code == 2
    assert f"[{code}]" in err
    for word in ENGLISH:
        assert word not in err, word


def test_a_bad_date_names_the_option_the_value_and_the_form(capsys):
    _, _, err = run(capsys, "check", ".", "--as-of", "2026-13-01")
    assert "--as-of" in err and "'2026-13-01'" in err and "ÅÅÅÅ-MM-DD" in err


def test_a_near_miss_is_suggested(capsys):
    _, _, err = run(capsys, "check", "--as-f", "2026-01-01")
    assert "--as-of?" in err
    _, _, err = run(capsys, "chek")
    assert "check?" in err


def test_english_when_asked_even_before_the_option_is_parsed(capsys):
    exit_code, _, err = run(capsys, "check", ".", "--as-of", "x", "--lang", "en")
    assert exit_code == 2 and "[usage-bad-value]" in err and "YYYY-MM-DD" in err


def test_json_when_asked(capsys):
    exit_code, out, _ = run(capsys, "check", ".", "--format", "json", "--as-of", "x")
    data = json.loads(out)
    assert exit_code == 2
    assert (data["format"], data["code"], data["params"]["name"]) == ("asfcert-error/1", "usage-bad-value", "--as-of")


def test_a_group_without_its_command_shows_its_help_and_exits_2(capsys):
    exit_code, out, err = run(capsys, "cohort")
    assert exit_code == 2 and "cohort" in out + err


def test_help_and_version_still_exit_0(capsys):
    assert run(capsys, "--version")[0] == 0
    assert run(capsys, "check", "--help")[0] == 0


def test_as_of_comes_from_the_environment_and_a_bad_one_names_the_variable(tmp_path):
    folder = str(Path(__file__).resolve().parents[1] / "examples" / "omgang-ht2026" / "vaxthuset")
    env = {**os.environ, "ASFCERT_AS_OF": "2027-03-01", "ASFCERT_CACHE_DIR": str(tmp_path)}
    run = subprocess.run([sys.executable, "-m", "asfcert", "check", folder, "-f", "json"], capture_output=True, text=True, env=env)
    assert json.loads(run.stdout)["as_of"] == "2027-03-01"
    given = subprocess.run([sys.executable, "-m", "asfcert", "check", folder, "-f", "json", "--as-of", "2026-12-01"],
                           capture_output=True, text=True, env=env)
    assert json.loads(given.stdout)["as_of"] == "2026-12-01"  # the option wins
    bad = subprocess.run([sys.executable, "-m", "asfcert", "check", folder], capture_output=True, text=True,
                         env={**env, "ASFCERT_AS_OF": "2027-13-01"})
    assert bad.returncode == 2 and "[usage-bad-value]" in bad.stderr and "$ASFCERT_AS_OF" in bad.stderr and "Traceback" not in bad.stderr
