"""The formats' validators built from their kept core schemas (formats/kept.py) make what
pydantic's own make: the same instances, the same errors at the same places. A damaged
entry is generated again; an entry that names anything but the formats' own models and
functions and the few pydantic validators they use is refused; --no-cache keeps none."""

import copy
import datetime as dt
import io
import os
import pickle
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import AS_OF, GOOD_PROFILE, complete_answers, make_company
from pydantic import ValidationError

from asfcert.formats import kept
from asfcert.formats.assessment import SelfAssessment
from asfcert.formats.company import Company
from asfcert.io.cache import Cache

ASFCERT = str(Path(sys.executable).parent / "asfcert")


def _kept_raw(model, tmp_path) -> bytes:
    cache = Cache(root=tmp_path / "cache")
    kept._BUILT.pop(model, None)
    model.__pydantic_complete__ = False  # as in a new process: not built yet
    try:
        assert kept.validator(model, cache) is None  # generated, and kept
    finally:
        model.__pydantic_complete__ = True
    entry, = (tmp_path / "cache" / kept.NAMESPACE).rglob("*" + kept._SUFFIX)
    return entry.read_bytes()


def _variants(good: dict) -> list:
    """The valid document, and one edit per field kind that pydantic refuses or changes."""
    out = [good, None, [], "text", {}]
    edits = [
        ("name", ""), ("name", "  spaces  "), ("name", 12), ("org_number", "123"), ("org_number", "8295024247"),
        ("legal_form", "aktiebolag"), ("legal_form", "ekonomisk förening"), ("legal_form", "nothing-like-it"),
        ("owners", {"name": "Ensam", "kind": "members"}), ("owners", [{"name": "X", "kind": "members", "share_percent": "12,5 %"}]),
        ("owners", [{"name": "X", "kind": "kommun", "share_percent": 101}]), ("owners", [{"name": "X", "kind": "members", "extra": 1}]),
        ("headcount", {"employees": -1}), ("headcount", {"employees": "tio"}), ("headcount", {"as_of": "2026-13-01"}),
        ("pay", [{"role": "A", "monthly_sek": "34 000 kr"}]), ("pay", [{"role": "A", "monthly_sek": 0}]),
        ("pay", [{"role": "A", "monthly_sek": float("nan")}]), ("pay", [{"role": "A", "monthly_sek": True}]),
        ("finances", [{"year": 2025, "revenue_sek": "1e400"}, {"year": 2025}]), ("finances", [{"year": 1800}]),
        ("collective_agreement", {"has_agreement": "ja"}), ("collective_agreement", {"has_agreement": "kanske"}),
        ("unknown_key", 1), ("industries", "café"), ("industries", None),
    ]
    for field, value in edits:
        doc = copy.deepcopy(good)
        doc[field] = value
        out.append(doc)
    return out


def _outcome(validate, data):
    try:
        return "ok", validate(data).model_dump()
    except ValidationError as err:
        return "error", err.errors(include_url=False), err.title


@pytest.mark.parametrize("model, good", [
    (Company, GOOD_PROFILE),
    (SelfAssessment, {"answers": complete_answers()}),
])
def test_a_kept_schema_validates_as_pydantic_does(tmp_path, model, good):
    built = kept._built(_kept_raw(model, tmp_path), model)
    assert built is not None
    documents = _variants(good) if model is Company else [good, {"answers": None}, {"answers": {"x": {"status": "kanske"}}}, {"answer": {}}]
    for data in documents:
        mine, theirs = _outcome(built.validate_python, data), _outcome(model.model_validate, data)
        assert mine == theirs, data
    instance = built.validate_python(good)
    assert type(instance) is model and instance == model.model_validate(good)


def test_the_instances_are_the_models_own(tmp_path):
    built = kept._built(_kept_raw(Company, tmp_path), Company)
    company = built.validate_python(GOOD_PROFILE)
    assert isinstance(company.finances[0].revenue_sek, Decimal) and isinstance(company.headcount.as_of, dt.date)
    with pytest.raises(ValidationError):  # frozen, as the model says
        company.name = "other"
    assert pickle.loads(pickle.dumps(company)) == company


class _Evil:
    def __reduce__(self):
        return (os.system, ("true",))


@pytest.mark.parametrize("payload", [
    _Evil(),
    {"type": "model", "cls": getattr},
])
def test_an_entry_naming_anything_else_is_refused(tmp_path, payload):
    raw = pickle.dumps(payload)
    assert kept._built(raw, Company) is None
    with pytest.raises(pickle.UnpicklingError):
        kept._Reader(io.BytesIO(raw)).load()


def test_a_name_imported_into_a_format_is_refused():
    # `asfcert.formats.types` imports `os`: `os.system` is reachable by name, and refused
    def text(value: str) -> bytes:  # SHORT_BINUNICODE
        return b"\x8c" + bytes([len(value)]) + value.encode()

    # protocol 4's STACK_GLOBAL looks a dotted name up attribute by attribute
    raw = b"\x80\x04" + text("asfcert.formats.types") + text("os.system") + b"\x93."
    assert pickle.loads(raw) is os.system  # what an unrestricted reader would give
    with pytest.raises(pickle.UnpicklingError):
        kept._Reader(io.BytesIO(raw)).load()
    with pytest.raises(pickle.UnpicklingError):
        kept._method(dict, "get")


def _program(*args, env):
    return subprocess.run([ASFCERT, *args], capture_output=True, env={**os.environ, "COLUMNS": "80", **env}, timeout=120, check=False)


@pytest.mark.parametrize("damage", [b"", b"garbage", pickle.dumps({"type": "model", "cls": dict}), pickle.dumps([1, 2])])
def test_a_damaged_entry_is_generated_again(tmp_path, damage):
    root = make_company(tmp_path / "c")
    env = {"ASFCERT_CACHE_DIR": str(tmp_path / "cache")}
    args = ("check", str(root), "--as-of", AS_OF.isoformat(), "--format", "json")
    first = _program(*args, env=env)
    entries = sorted((tmp_path / "cache" / kept.NAMESPACE).rglob("*" + kept._SUFFIX))
    assert len(entries) == 2  # Company and SelfAssessment
    for entry in entries:
        entry.write_bytes(damage)
    profile = root / "company.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    again = _program(*args, env=env)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)
    for entry in entries:  # written anew, as generated, and read back
        raw = entry.read_bytes()
        assert raw != damage
        schema = kept._Reader(io.BytesIO(raw)).load()
        model = (schema["schema"] if schema["type"] == "definitions" else schema)["cls"]
        assert model in (Company, SelfAssessment) and kept._built(raw, model) is not None


def test_no_cache_keeps_no_schema(tmp_path):
    root = make_company(tmp_path / "c")
    proc = _program("check", str(root), "--as-of", AS_OF.isoformat(), "--no-cache", env={"ASFCERT_CACHE_DIR": str(tmp_path / "cache")})
    assert proc.returncode == 0
    assert not (tmp_path / "cache" / kept.NAMESPACE).exists()
