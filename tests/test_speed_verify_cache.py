"""`verify` of a certificate checked before: the registry's verdict on it, kept in the cache
under the record's bytes, the number, the day and the registry's folder, and registry.yaml,
validated from the same bytes before, build no pydantic model. The same verdicts and the
same output as a first check, never stale, and a damaged entry is ignored."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from audit_helpers import certify, decide, setup

from asfcert.base.errors import UserError
from asfcert.certify import status
from asfcert.certify.verify import verify
from asfcert.io.cache import Cache

DAY = dt.date(2027, 1, 1)


@pytest.fixture
def cert(tmp_path):
    root = setup(tmp_path)
    decide(root)
    rec = certify(root).record
    return root / "certificate" / f"{rec.number}-sv.pdf", root.parents[1], rec


def _fresh(monkeypatch, tmp_path, name: str) -> None:
    monkeypatch.setenv("ASFCERT_CACHE_DIR", str(tmp_path / name))


def _entries(namespace: str) -> list:
    folder = Cache().root / namespace
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def test_a_certificate_checked_before_is_judged_the_same_without_pydantic(cert):
    pdf, _, rec = cert
    first = verify(str(pdf), today=DAY).to_dict()
    assert first["verdict"] == "valid" and _entries("verify-status") and _entries("registry-file")
    code = ("import sys, datetime, json\n"
            "from asfcert.certify.verify import verify\n"
            f"r = verify({str(pdf)!r}, today=datetime.date(2027, 1, 1))\n"
            "print(json.dumps([r.to_dict(), sorted(m for m in sys.modules if m == 'pydantic.main' or m.startswith('asfcert.formats'))]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True).stdout
    import json

    again, models = json.loads(out)
    assert models == []
    assert again == json.loads(json.dumps(first))


@pytest.mark.parametrize("day", [DAY, dt.date(2026, 1, 1), dt.date(2030, 1, 1)])
def test_every_day_is_judged_as_a_first_check(cert, tmp_path, monkeypatch, day):
    """valid, not yet issued (unknown), expired: from the cache as from an empty one."""
    pdf, reg, rec = cert
    warm = [verify(str(pdf), today=day).to_dict() for _ in range(2)]
    by_number = [verify(rec.number, registry_dir=reg, today=day).to_dict() for _ in range(2)]
    _fresh(monkeypatch, tmp_path, "cold")
    assert warm == [verify(str(pdf), today=day).to_dict()] * 2
    assert by_number == [verify(rec.number, registry_dir=reg, today=day).to_dict()] * 2


def test_a_status_change_is_seen_at_once(cert):
    pdf, reg, rec = cert
    assert verify(str(pdf), today=dt.date(2027, 6, 2)).verdict == "valid"
    status.change(rec.number, "suspend", "Anmärkningen ej åtgärdad", registry_dir=reg, today=dt.date(2027, 6, 1))
    suspended = verify(str(pdf), today=dt.date(2027, 6, 2))
    assert suspended.verdict == "suspended" and any("Anmärkningen ej åtgärdad" in d.sv for d in suspended.details)
    status.change(rec.number, "reinstate", "Åtgärdat", registry_dir=reg, today=dt.date(2027, 6, 3))
    assert verify(str(pdf), today=dt.date(2027, 6, 2)).verdict == "suspended"  # as it stood that day
    assert verify(str(pdf), today=dt.date(2027, 6, 4)).verdict == "valid"


def test_a_code_is_compared_with_the_record_every_time(cert):
    _, reg, rec = cert
    assert verify(rec.number, registry_dir=reg, today=DAY).verdict == "valid"
    assert verify(rec.number, registry_dir=reg, code="AAAAA-BBBBB", today=DAY).verdict == "altered"
    assert verify(rec.number, registry_dir=reg, code=rec.code, today=DAY).verdict == "valid"


def test_a_record_broken_after_a_check_is_said_to_be_broken(cert):
    pdf, reg, rec = cert
    verify(str(pdf), today=DAY)
    record = reg / "certificates" / f"{rec.number}.yaml"
    text = record.read_text(encoding="utf-8")
    assert "status: valid" in text
    record.write_text(text.replace("status: valid", "status: [broken"), encoding="utf-8")
    with pytest.raises(UserError) as err:
        verify(str(pdf), today=DAY)
    assert err.value.code == "certificate-record-unusable"


def test_a_registry_file_broken_after_a_check_is_said_to_be_broken(cert):
    pdf, reg, _ = cert
    verify(str(pdf), today=DAY)
    (reg / "registry.yaml").write_text((reg / "registry.yaml").read_text(encoding="utf-8") + "unknown_field: 1\n", encoding="utf-8")
    with pytest.raises(UserError) as err:
        verify(str(pdf), today=DAY)
    assert err.value.code == "registry-unusable"


@pytest.mark.parametrize("damage", [b"", b"\x00not json", b"[]", b'{"verdict": "valid"}',
                                    b'{"verdict": "valid", "number": "X", "details": [{"sv": 1, "en": "x"}], "facts": {}}',
                                    b'{"verdict": "valid", "number": null, "details": [], "facts": {}}'])
def test_a_damaged_status_entry_is_ignored(cert, damage):
    pdf, _, _ = cert
    first = verify(str(pdf), today=DAY).to_dict()
    (entry,) = _entries("verify-status")
    entry.write_bytes(damage)
    assert verify(str(pdf), today=DAY).to_dict() == first


@pytest.mark.parametrize("damage", [b"\x00not json", b"[]", b'{"certifier": 1}'])
def test_a_damaged_registry_entry_is_ignored(cert, damage):
    from asfcert.records import registry

    _, reg, _ = cert
    expected = registry.find(reg).model
    assert registry.find(reg, cache=Cache()).model == expected  # validated, and kept
    (entry,) = _entries("registry-file")
    assert registry.find(reg, cache=Cache()).model == expected  # from the entry
    entry.write_bytes(damage)
    assert registry.find(reg, cache=Cache()).model == expected


def test_a_record_that_names_another_number_is_shown_with_its_own(cert):
    """A record edited by hand: the number it names, from the cache as from the file."""
    pdf, reg, rec = cert
    record = reg / "certificates" / f"{rec.number}.yaml"
    text = record.read_text(encoding="utf-8")
    other = rec.number[:-1] + ("9" if rec.number[-1] != "9" else "8")
    assert f"number: {rec.number}" in text
    record.write_text(text.replace(f"number: {rec.number}", f"number: {other}"), encoding="utf-8")
    first = verify(rec.number, registry_dir=reg, today=DAY).to_dict()
    assert first["number"] == other
    assert verify(rec.number, registry_dir=reg, today=DAY).to_dict() == first
