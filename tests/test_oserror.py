"""Operating-system errors in the user's language: never strerror's English."""

from __future__ import annotations

import errno
import os

from asfcert.base.oserror import reason


def test_a_known_error_has_swedish_and_english():
    why = reason(FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), "x"))
    assert (why.sv, why.en) == ("finns inte", "does not exist")


def test_an_unknown_error_is_named_by_its_symbol_not_by_strerror():
    why = reason(OSError(errno.ECONNRESET, os.strerror(errno.ECONNRESET)))
    assert "ECONNRESET" in why.sv and os.strerror(errno.ECONNRESET) not in why.sv


def test_a_status_list_that_is_not_there_is_said_in_swedish(tmp_path, capsys):
    import pytest
    from helpers import pdf_bytes
    from trust_helpers import copy_keys

    from asfcert.cli import main

    (tmp_path / "c.pdf").write_bytes(pdf_bytes("Certifikat", "ASF-2026-0007"))
    root = copy_keys(tmp_path / "reg") / "root.pem"
    with pytest.raises(SystemExit) as stopped:
        main(["verify", str(tmp_path / "c.pdf"), "--trust", str(root), "--status", str(tmp_path / "nowhere.json"), "--lang", "sv"])
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert "No such file" not in err and "finns inte" in err
