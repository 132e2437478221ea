"""One presenter per result type: which renderer shows it in the terminal, in Markdown and
in JSON, and what it says on standard error besides.

Renderers are pure functions in render/ of one result object, named here as
"module:function" and imported only when used (a warm `check` must not pay for the
renderers of other commands, nor JSON output for rich). A command offers a format only
when the presenters of its results have it; tests/test_presenters.py keeps that true."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

TO_DICT = "to_dict"  # JSON is the result's own `to_dict()`


@dataclass(frozen=True)
class Presenter:
    terminal: str  # f(result, lang, console): prints with rich
    markdown: str | None = None  # f(result, lang) -> str
    json: str | None = TO_DICT  # f(result) -> dict, TO_DICT, or None: no JSON
    notes: str | None = None  # f(result, lang, format) -> list[str], printed on standard error

    def formats(self) -> set[str]:
        return {"terminal"} | ({"json"} if self.json else set()) | ({"markdown"} if self.markdown else set())

    def data(self, result) -> dict:
        return result.to_dict() if self.json == TO_DICT else function(self.json)(result)


def function(name: str):
    module, attr = name.split(":")
    return getattr(importlib.import_module(module), attr)


PRESENTERS: dict[str, Presenter] = {
    "asfcert.assess.result.CheckResult": Presenter(
        "asfcert.render.check.terminal:render", "asfcert.render.check.markdown:render"),
    "asfcert.intake.result.IntakeResult": Presenter(
        "asfcert.render.intake.terminal:render", "asfcert.render.intake.markdown:render"),
    "asfcert.intake.result.BatchResult": Presenter(
        "asfcert.render.intake.terminal:render_batch", "asfcert.render.intake.markdown:render_batch"),
    "asfcert.standard.view.StandardView": Presenter(
        "asfcert.render.standard.terminal:render", "asfcert.render.standard.markdown:render"),
    "asfcert.standard.view.Validated": Presenter("asfcert.render.standard.terminal:render_validated", json=None),
    "asfcert.kit.create.KitResult": Presenter("asfcert.render.kit.terminal:render", json=None),
    "asfcert.cli.audit_cmd.AuditRun": Presenter("asfcert.render.audit.terminal:render_audit_run"),
    "asfcert.certify.issue.CertifyResult": Presenter("asfcert.render.audit.terminal:render_certify"),
    "asfcert.certify.status.StatusResult": Presenter("asfcert.render.audit.terminal:render_status"),
    "asfcert.certify.verify.VerifyResult": Presenter("asfcert.render.audit.terminal:render_verify"),
    "asfcert.certify.verify.TrustSaved": Presenter("asfcert.render.audit.terminal:render_trust_saved"),
    "asfcert.cohort.commands.CohortCheck": Presenter(
        "asfcert.render.cohort.terminal:render_check", "asfcert.render.cohort.markdown:render_check"),
    "asfcert.cohort.commands.CohortReport": Presenter(
        "asfcert.render.cohort.terminal:render_report", "asfcert.render.cohort.markdown:render_report",
        notes="asfcert.render.cohort.terminal:report_notes"),
    "asfcert.cohort.init.InitResult": Presenter("asfcert.render.cohort.init:render"),
    "asfcert.cohort.complaint.ComplaintResult": Presenter("asfcert.render.cohort.complaint:render"),
    "asfcert.site.build.BuildResult": Presenter("asfcert.render.site.terminal:render"),
}


def presenter(result) -> Presenter:
    """The presenter of `result`'s type (or of the nearest base class that has one)."""
    for cls in type(result).__mro__:
        found = PRESENTERS.get(f"{cls.__module__}.{cls.__qualname__}")
        if found is not None:
            return found
    raise LookupError(f"no presenter for {type(result).__qualname__}")
