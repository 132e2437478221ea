"""The CLI's shape: every shared option declared once, every command a thin mapping onto one
core call, every result type with one presenter that has each format its command offers."""

import ast
import importlib
from pathlib import Path

import pytest
import typer.main

from asfcert.cli import app, load_commands
from asfcert.cli.presenters import PRESENTERS, Presenter, function, presenter

CLI = Path(importlib.import_module("asfcert.cli").__file__).parent
SHARED = ("--standard", "--as-of", "--lang", "--format", "--no-cache", "--cohort", "--no-cohort", "--registry", "--out", "--auditor", "--jobs")


def _commands():
    load_commands(["--help"])
    group = typer.main.get_group(app)

    def walk(cmd, path):
        if hasattr(cmd, "commands"):  # a group (typer may bring its own copy of click)
            for name, sub in cmd.commands.items():
                yield from walk(sub, (*path, name))
        else:
            yield " ".join(path), cmd

    return dict(walk(group, ()))


def test_every_shared_option_is_declared_once_in_options_py():
    for path in CLI.glob("*.py"):
        if path.name == "options.py":
            continue
        text = path.read_text(encoding="utf-8")
        for option in SHARED:
            assert f'typer.Option("{option}"' not in text, f"{path.name} declares {option}: use cli/options.py"


def test_shared_options_have_help_and_commands_still_show_it():
    commands = _commands()
    for name, cmd in commands.items():
        for param in cmd.params:
            if any(opt in SHARED for opt in getattr(param, "opts", ())):
                assert param.help, f"{name} {param.opts}"
    assert {"check", "audit", "certify", "verify", "intake", "cohort check", "cohort report", "registry build", "standard show", "new"} <= set(commands)


def test_no_command_module_imports_another():
    for path in CLI.glob("*_cmd.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("asfcert.cli."):
                assert not node.module.endswith("_cmd"), f"{path.name} imports {node.module}"


@pytest.mark.parametrize("key", sorted(PRESENTERS))
def test_every_presenter_names_renderers_that_exist(key):
    module, _, cls = key.rpartition(".")
    assert hasattr(importlib.import_module(module), cls), key
    shown = PRESENTERS[key]
    for name in (shown.terminal, shown.markdown, shown.notes, None if shown.json in (None, "to_dict") else shown.json):
        if name:
            assert callable(function(name)), name


def test_commands_offer_only_formats_their_results_have():
    """A command's --format choices must each have a renderer for every result type it can
    return (the bug: `cohort check --format markdown` printed the terminal table)."""
    returns = {
        "check": ["asfcert.assess.result.CheckResult"],
        "intake": ["asfcert.intake.result.IntakeResult", "asfcert.intake.result.BatchResult"],
        "standard show": ["asfcert.standard.view.StandardView"],
        "audit": ["asfcert.cli.audit_cmd.AuditRun"],
        "certify": ["asfcert.certify.issue.CertifyResult", "asfcert.certify.status.StatusResult"],
        "verify": ["asfcert.certify.verify.VerifyResult"],
        "cohort check": ["asfcert.cohort.commands.CohortCheck"],
        "cohort report": ["asfcert.cohort.commands.CohortReport"],
        "registry build": ["asfcert.site.build.BuildResult"],
        "cohort init": ["asfcert.cohort.init.InitResult"],
        "registry complaint": ["asfcert.cohort.complaint.ComplaintResult"],
    }
    commands = _commands()
    with_format = {name for name, cmd in commands.items() if any("--format" in getattr(p, "opts", ()) for p in cmd.params)}
    assert with_format == set(returns)
    for name, types in returns.items():
        option = next(p for p in commands[name].params if "--format" in getattr(p, "opts", ()))
        for key in types:
            assert set(option.type.choices) <= PRESENTERS[key].formats(), (name, key)


def test_a_subclass_finds_the_presenter_of_its_base():
    from asfcert.cohort.commands import CohortCheck

    class Special(CohortCheck):
        pass

    assert presenter(Special(report=None)) is PRESENTERS["asfcert.cohort.commands.CohortCheck"]
    with pytest.raises(LookupError):
        presenter(object())
    assert Presenter("m:f").formats() == {"terminal", "json"}
