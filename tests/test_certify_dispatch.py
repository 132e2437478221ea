"""`certify`'s one call: which action a request asks for, and the combinations refused before
anything is read or written."""

from pathlib import Path

import pytest

from asfcert.base.errors import Abort
from asfcert.certify import dispatch
from asfcert.certify.dispatch import Request, run
from asfcert.certify.issue import CertifyOptions


@pytest.mark.parametrize(
    "request_",
    [
        Request(),  # nothing asked
        Request(folder=Path("c"), suspend="ASF-2026-0001"),  # both
        Request(suspend="ASF-2026-0001", withdraw="ASF-2026-0001"),  # two changes
        Request(reinstate="ASF-2026-0001", close_remark="ASF-2026-0001"),
    ],
    ids=["nothing", "folder-and-change", "two-changes", "reinstate-and-close"],
)
def test_exactly_one_action(request_):
    with pytest.raises(Abort) as err:
        run(request_)
    assert err.value.code == "certify-one-action" and err.value.exit_code == 2


def test_close_remark_needs_a_requirement():
    with pytest.raises(Abort) as err:
        run(Request(close_remark="ASF-2026-0001", reason="fixed"))
    assert err.value.code == "certify-requirement-missing"


def test_each_action_reaches_its_core_call(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr("asfcert.certify.issue.certify", lambda folder, options: calls.append(("issue", folder, options.today)))
    monkeypatch.setattr("asfcert.certify.status.change", lambda number, action, reason, **k: calls.append((action, number, reason, k["registry_dir"])))
    monkeypatch.setattr("asfcert.certify.status.close_remark", lambda number, req, reason, **k: calls.append(("close", number, req, reason)))
    options = CertifyOptions(registry=tmp_path)
    run(Request(folder=tmp_path, options=options))
    run(Request(suspend="ASF-2026-0001", reason="why", options=options))
    run(Request(withdraw="ASF-2026-0002", options=options))
    run(Request(close_remark="ASF-2026-0003", requirement=" 3.9.b ", reason="done", options=options))
    assert calls == [
        ("issue", tmp_path, None),
        ("suspend", "ASF-2026-0001", "why", tmp_path),
        ("withdraw", "ASF-2026-0002", "", tmp_path),
        ("close", "ASF-2026-0003", "3.9.b", "done"),
    ]


def test_the_kinds_are_catalogued():
    from asfcert.cli.catalogue import catalogue

    assert {k.code for k in dispatch.KINDS} <= set(catalogue())
