"""`verify` of a file for the first time reads registry.yaml and the certificate record
without pydantic when they are as asfcert writes them (records/plain_certificate.py). The
plain reading accepts only what the models accept, reads every value as they do, and gives
the same verdicts and output; anything else is validated by the models, as before."""

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from audit_helpers import certify, decide, setup
from helpers import pdf_bytes
from hypothesis import given, settings
from hypothesis import strategies as st

from asfcert.base.errors import Abort
from asfcert.certify.verify import verify
from asfcert.formats import certificate as models
from asfcert.io.cache import Cache
from asfcert.io.yamlfile import parse
from asfcert.records import plain_certificate as plain
from asfcert.records import registry

DAY = dt.date(2027, 1, 1)
TABLES = [
    (plain.REGISTRY, models.Registry), (plain.CERTIFICATE_RECORD, models.CertificateRecord), (plain.COMPANY_REF, models.CompanyRef),
    (plain.STANDARD_REF, models.StandardRef), (plain.DECISION_REF, models.DecisionRef), (plain.PENDING_REMARK, models.PendingRemark),
    (plain.DOCUMENT, models.Document), (plain.EVENT, models.Event), (plain.SNAPSHOT_FILE, models.SnapshotFile),
    (plain.SNAPSHOT, models.Snapshot),
]


@pytest.fixture(scope="module")
def cert(tmp_path_factory):
    root = setup(tmp_path_factory.mktemp("plain"))
    decide(root)
    rec = certify(root).record
    return root / "certificate" / f"{rec.number}-sv.pdf", root.parents[1], rec


def _data(path):
    return parse(path.read_bytes(), str(path)).data


@pytest.mark.parametrize(("table", "model"), TABLES, ids=[m.__name__ for _, m in TABLES])
def test_each_table_names_the_models_fields_with_their_defaults(table, model):
    assert list(table) == list(model.model_fields)
    for name, info in model.model_fields.items():
        default = table[name][0]
        if info.is_required():
            assert default is plain._REQUIRED, name
        else:
            expected = info.default_factory() if info.default_factory is not None else info.default
            assert plain.as_data(plain._default(default)) == (expected.model_dump() if hasattr(expected, "model_dump") else expected), name


def _same(model, data) -> None:
    """The plain reading of `data`, when there is one, is the model's."""
    read = (plain.registry if model is models.Registry else plain.record)(data)
    if read is not None:
        assert plain.as_data(read) == model.model_validate(data).model_dump()


def test_what_asfcert_writes_is_read_plainly_and_the_same(cert):
    _, reg, rec = cert
    assert plain.as_data(plain.registry(_data(reg / "registry.yaml"))) == models.Registry.model_validate(_data(reg / "registry.yaml")).model_dump()
    read = registry.read(registry.Registry(reg), rec.number)
    assert isinstance(read, plain.Plain) and plain.as_data(read) == rec.model_dump()


class Sub(str):
    pass


HOSTILE = ["", " ", "x ", " x", "\tx", "x\n", "x\x1c", "\x1fx", "\u00a0x", "x\u3000", "\u200bx", "\ud800", "å\udfff", "a" * 20_000, "a" * 20_001,
           "a" * 300, "a" * 301, 0, -1, 1, 10**30, True, False, 1.5, float("nan"), Decimal("1"), None, [], {}, (), b"x", Sub("x"),
           dt.date(2027, 1, 1), dt.datetime(2027, 1, 1), dt.datetime(2027, 1, 1, 12), "2027-01-15", "ASF-2027-0001", "ASF-2027-0001\n",
           "ASF-\u0662\u0660\u0662\u0667-0001", "asf-2027-0001", "ASF-2027-1234567", "A-2027-0001", "ASFASFASF", "AS", "valid", " valid",
           "withdrawn", "suspended", "certified", "certified-with-remarks", "issued", "superseded", "sv", "en", "de",
           "asfcert-registry/1", "asfcert-certificate/1", ["x"], [" x"], [1], {"x": "y"}, {"sv": {"file": "a", "sha256": "b"}}]
KEYS = ["sv", "en", " sv", "de", 1, None, "x", " x", "x "]


def _paths(data, at=()):
    yield at
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, (*at, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, (*at, i))


def _replaced(data, path, value):
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = _replaced(data[path[0]], path[1:], value)
    return copy


def _get(data, path):
    for p in path:
        data = data[p]
    return data


def _variants(data):
    """Every value replaced by each hostile one, every key dropped, every mapping given one
    more key, every list one more item."""
    for path in _paths(data):
        for value in HOSTILE:
            yield _replaced(data, path, value)
        here = _get(data, path)
        if path:
            parent = _get(data, path[:-1])
            if isinstance(parent, dict):
                yield _replaced(data, path[:-1], {k: v for k, v in parent.items() if k != path[-1]})
        if isinstance(here, dict):
            for key in KEYS:
                for value in (HOSTILE[3], here[next(iter(here))] if here else "x"):
                    yield _replaced(data, path, {**here, key: value})
        if isinstance(here, list) and here:
            yield _replaced(data, path, [*here, here[0]])
            yield _replaced(data, path, [*here, "x"])


def _full(rec) -> dict:
    """The record with every field set, remarks, events and documents in both languages."""
    data = rec.model_dump(mode="python")
    return data | {
        "certifier_org_number": "829502-4247", "certifier_address": "Box 1, 111 11 Stockholm", "previous": "ASF-2026-0001",
        "original_date": dt.date(2024, 1, 2), "superseded_by": "ASF-2028-0002", "superseded_on": dt.date(2028, 3, 1),
        "remarks": [{"requirement": "3.9.b", "title_sv": "Risk", "title_en": "Risk", "deadline": dt.date(2027, 3, 1),
                     "closed": dt.date(2027, 2, 1), "closed_reason": "Gjort"}],
        "documents": {"sv": {"file": "a-sv.pdf", "sha256": "ab" * 32}, "en": {"file": "a-en.pdf", "sha256": "cd" * 32}},
        "events": [*data["events"], {"date": dt.date(2027, 2, 1), "action": "remark-closed", "reason": "3.9.b"},
                   {"date": dt.date(2027, 5, 1), "action": "suspended", "reason": None}],
        "snapshot": {"files": [{"path": "company.yaml", "sha256": "ef" * 32, "size": 0}], "requirements": {"3.1.a": {"machine": "ok", "grade": None}}},
    }


def test_hostile_values_are_never_read_otherwise_than_by_the_models(cert):
    _, reg, rec = cert
    seen = {"plain": 0, "model": 0}
    for model, base in ((models.Registry, _data(reg / "registry.yaml") | {"verify_url": "https://x.example/{number}", "certifier_address": "Box 1"}),
                        (models.CertificateRecord, _data(registry.Registry(reg).record_path(rec.number))), (models.CertificateRecord, _full(rec))):
        for data in _variants(base):
            read = (plain.registry if model is models.Registry else plain.record)(data)
            seen["plain" if read is not None else "model"] += 1
            if read is not None:
                assert plain.as_data(read) == model.model_validate(data).model_dump(), data
    assert seen["plain"] > 300 and seen["model"] > 3000  # both ways are taken


def test_a_record_as_asfcert_writes_it_with_every_field_is_read_plainly(cert):
    _, _, rec = cert
    data = _data_of(registry.dump(models.CertificateRecord.model_validate(_full(rec))))
    assert plain.as_data(plain.record(data)) == models.CertificateRecord.model_validate(data).model_dump()


def _data_of(text: str):
    return parse(text.encode("utf-8"), "record.yaml").data


def test_a_plain_record_is_copied_as_the_model_is(cert):
    _, reg, rec = cert
    read = registry.read(registry.Registry(reg), rec.number)
    changed = read.model_copy(update={"status": "suspended"})
    assert (changed.status, read.status, changed.number) == ("suspended", "valid", rec.number)
    with pytest.raises(AttributeError):
        read.status = "withdrawn"


STORIES = {
    "as issued": {},
    "suspended, then reinstated": {"status": "valid", "events": [{"action": "suspended", "date": dt.date(2027, 2, 1), "reason": "Ej åtgärdat"},
                                                                 {"action": "reinstated", "date": dt.date(2027, 3, 1), "reason": "Åtgärdat"}]},
    "withdrawn": {"status": "withdrawn", "events": [{"action": "withdrawn", "date": dt.date(2027, 2, 1), "reason": "Upphört"}]},
    "suspended by hand": {"status": "suspended"},
    "superseded": {"superseded_by": "ASF-2027-0099", "superseded_on": dt.date(2027, 6, 1),
                   "events": [{"action": "superseded", "date": dt.date(2027, 5, 20), "reason": "ASF-2027-0099"}]},
    "with remarks": {"remarks": [{"requirement": "3.9.b", "deadline": dt.date(2027, 3, 1), "closed": dt.date(2027, 2, 10), "closed_reason": "Gjort"},
                                 {"requirement": "3.1.a", "deadline": dt.date(2027, 4, 1)}]},
}
DAYS = [dt.date(2026, 1, 1), DAY, dt.date(2027, 2, 15), dt.date(2027, 3, 15), dt.date(2027, 6, 2), dt.date(2030, 1, 1)]


@pytest.mark.parametrize("story", list(STORIES))
def test_the_same_verdicts_and_output_read_plainly_or_by_the_model(cert, tmp_path, monkeypatch, story):
    """By the signed PDF, by number, with the right code and a wrong one, and an unsigned
    PDF judged by its SHA-256 in the record (one issued, one not)."""
    pdf, reg, rec = cert
    path = registry.Registry(reg).record_path(rec.number)
    issued = path.read_bytes()
    unsigned = [tmp_path / "utfardad.pdf", tmp_path / "annan.pdf"]
    for n, file in enumerate(unsigned):
        file.write_bytes(pdf_bytes("Certifikat", f"{rec.number} nr {n}"))
    data = rec.model_dump(mode="python")
    told = STORIES[story]
    data |= told | {"events": data["events"] + told.get("events", []),
                    "documents": data["documents"] | {"en": {"file": "utfardad.pdf", "sha256": hashlib.sha256(unsigned[0].read_bytes()).hexdigest()}}}
    path.write_text(registry.dump(models.CertificateRecord.model_validate(data)), encoding="utf-8")
    try:
        assert plain.record(_data(path)) is not None

        def run(n: int) -> list:
            out = []
            for i, day in enumerate(DAYS):
                monkeypatch.setenv("ASFCERT_CACHE_DIR", str(tmp_path / f"cache-{n}-{i}"))  # every check a first one
                for target, extra in ((str(pdf), {}), (rec.number, {"registry_dir": reg}), (rec.number, {"registry_dir": reg, "code": rec.code}),
                                      (rec.number, {"registry_dir": reg, "code": "AAAAA-BBBBB"}),
                                      *(((str(file), {"registry_dir": reg}) for file in unsigned) if i in (1, 4) else ())):
                    out.append(verify(target, today=day, **extra).to_dict())
            return out

        read_plainly = run(0)
        by_digest = [r for r in read_plainly if r["status_source"] == "registry" and r["signature"] is None and r["number"] == rec.number
                     and not any("code" in d["en"] for d in r["details"])]
        assert len([r for r in by_digest if any("SHA-256" in d["en"] for d in r["details"])]) == 2  # the other PDF, both days
        monkeypatch.setattr(plain, "record", lambda data: None)
        assert read_plainly == run(1)
    finally:
        path.write_bytes(issued)


def test_a_record_not_as_asfcert_writes_it_is_validated_by_the_model(cert, monkeypatch):
    _, reg, rec = cert
    path = registry.Registry(reg).record_path(rec.number)
    issued = path.read_bytes()
    try:
        path.write_bytes(issued.replace(b"\ncode: ", b"\ncode:   ").replace(b"\nstatus: valid", b"\nstatus: 'valid'  # typed"))
        assert plain.record(_data(path)) is not None  # quotes, spaces and comments are YAML's: the same values
        path.write_bytes(issued.replace(b"\ncertifier: SKOOPI", b"\ncertifier: ' SKOOPI '"))
        assert plain.record(_data(path)) is None
        read = registry.read(registry.Registry(reg), rec.number)
        assert isinstance(read, models.CertificateRecord) and read.certifier == "SKOOPI"
        assert verify(rec.number, registry_dir=reg, today=DAY).verdict == "valid"
        path.write_bytes(issued.replace(b"\nissued: ", b"\nissued: x"))
        with pytest.raises(Abort) as err:
            registry.read(registry.Registry(reg), rec.number)
        with pytest.raises(Abort) as by_model:
            registry.get(registry.Registry(reg), rec.number)
        assert err.value.code == by_model.value.code == registry.CERTIFICATE_RECORD_UNUSABLE.code
        assert [(f.code, f.location) for f in err.value.findings] == [(f.code, f.location) for f in by_model.value.findings]
    finally:
        path.write_bytes(issued)


def _registry_entries() -> list:
    folder = Cache().root / "registry-file"
    return sorted(p for p in folder.rglob("*.json")) if folder.is_dir() else []


def test_registry_yaml_read_plainly_is_kept_as_the_models_json(cert, tmp_path, monkeypatch):
    pdf, reg, _ = cert
    path = reg / "registry.yaml"
    text = path.read_text(encoding="utf-8")
    try:
        for n, written in enumerate((text, text + "certifier_address: Box 1, 111 11 Stockholm\npublic_url: https://skoopi.example/asf\n")):
            monkeypatch.setenv("ASFCERT_CACHE_DIR", str(tmp_path / f"cache-{n}"))
            path.write_text(written, encoding="utf-8")
            found = registry.find(pdf.parent, cache=Cache())
            (entry,) = _registry_entries()
            expected = models.Registry.model_validate(_data(path))
            assert models.Registry.model_validate_json(entry.read_bytes()) == expected == found.model
    finally:
        path.write_text(text, encoding="utf-8")


def test_registry_yaml_not_as_asfcert_writes_it_is_validated_by_the_model(cert, tmp_path, monkeypatch):
    pdf, reg, _ = cert
    path = reg / "registry.yaml"
    text = path.read_text(encoding="utf-8")
    try:
        monkeypatch.setenv("ASFCERT_CACHE_DIR", str(tmp_path / "padded"))
        path.write_text(text.replace("certifier: SKOOPI", "certifier: ' SKOOPI'"), encoding="utf-8")
        assert plain.registry(_data(path)) is None
        assert registry.find(pdf.parent, cache=Cache()).model.certifier == "SKOOPI"
        assert verify(str(pdf), today=DAY).verdict == "valid"
        for broken in (text.replace("prefix: ASF", "prefix: asf"), text + "colour: green\n"):
            path.write_text(broken, encoding="utf-8")
            for name in ("cold", "no-cache"):
                monkeypatch.setenv("ASFCERT_CACHE_DIR", str(tmp_path / f"broken-{len(broken)}-{name}"))
                with pytest.raises(Abort) as err:
                    registry.find(pdf.parent, cache=Cache(enabled=name == "cold"))
                assert err.value.code == registry.REGISTRY_UNUSABLE.code
                assert [f.location for f in err.value.findings] and all(f.location.file == str(path) for f in err.value.findings)
    finally:
        path.write_text(text, encoding="utf-8")


def test_a_first_check_builds_no_model_and_answers_as_before(cert, tmp_path, monkeypatch):
    pdf, _, _ = cert
    code = ("import sys, datetime, json\n"
            "from asfcert.certify.verify import verify\n"
            f"r = verify({str(pdf)!r}, today=datetime.date(2027, 1, 1))\n"
            "print(json.dumps([r.to_dict(), sorted(m for m in sys.modules if m in ('pydantic.main', 'pydantic.fields') or m.startswith('asfcert.formats'))]))\n")
    env = dict(os.environ, ASFCERT_CACHE_DIR=str(tmp_path / "empty"))
    first, loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout)
    assert loaded == []
    monkeypatch.setenv("ASFCERT_CACHE_DIR", str(tmp_path / "model"))
    monkeypatch.setattr(plain, "record", lambda data: None)
    monkeypatch.setattr(plain, "registry", lambda data: None)
    assert first == json.loads(json.dumps(verify(str(pdf), today=DAY).to_dict()))


VALUES = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12), st.dates(), st.integers(), st.none(),
                   st.lists(st.text(max_size=5), max_size=2), st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2))


@settings(max_examples=300, deadline=None)
@given(choice=st.data())
def test_random_changes_are_never_read_otherwise_than_by_the_models(cert, choice):
    _, reg, rec = cert
    model, data = choice.draw(st.sampled_from([(models.Registry, _data(reg / "registry.yaml")), (models.CertificateRecord, _full(rec))]))
    paths = list(_paths(data))
    for path in choice.draw(st.lists(st.sampled_from(paths[1:]), min_size=1, max_size=4)):
        try:
            data = _replaced(data, path, choice.draw(VALUES))
        except (KeyError, IndexError, TypeError):  # a path under a value replaced before
            continue
    _same(model, data)
