"""The terminal views of `audit`, `certify` and `verify` (render/audit/terminal.py) drawn for a pipe or
a file without rich: the same lines, the same bytes, or `Fallback` where rich must draw them."""

from __future__ import annotations

from asfcert.base.i18n import Lang
from asfcert.render.audit.terminal import (
    Grid,
    Say,
    Text,
    audit_run_lines,
    certify_lines,
    verify_lines,
)
from asfcert.render.common.findings_list import plain_findings
from asfcert.render.common.plaintext import table, whole, wrap


def render_audit_run(run, lang: Lang, width: int) -> str:
    return _drawn(audit_run_lines(run, lang, width), lang, width)


def render_certify(result, lang: Lang, width: int) -> str:
    return _drawn(certify_lines(result, lang), lang, width)


def render_verify(result, lang: Lang, width: int) -> str:
    return _drawn(verify_lines(result, lang), lang, width)


def _drawn(lines, lang: Lang, width: int) -> str:
    out: list[str] = []
    for line in lines:
        if isinstance(line, Text):
            out += wrap(line.first + "".join(part for part, _ in line.parts), width)
        elif isinstance(line, Say):
            out += whole(line.text) if line.whole else wrap(line.text, width)
        elif isinstance(line, Grid):
            out += table(line.title, line.header, line.rows, width, line.minimums, line.maximums)
        else:
            out += plain_findings(line.findings, lang, width, with_requirement=False)
    return "".join(line + "\n" for line in out)
