"""`certify` without the round trip of the audit record (issue 17): the certificate number
is written into a record that ends with its decision as asfcert writes it by splicing the
decision block after the unchanged text (`issue.numbered`). These tests prove that the
record then holds exactly the data the round trip gives it, that its text is the record's
own with only the number's line changed (the round trip also requoted machine texts that
`audit` writes in double quotes), for every example
company and for a record numbered before, and that any other record takes the round trip."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from audit_helpers import EXAMPLES, certify, decide, setup

from asfcert.certify.issue import numbered
from asfcert.records import audit_record as record
from asfcert.records import decision_splice as splice

COMPANIES = ("grona", *sorted(p.name for p in EXAMPLES.iterdir() if (p / "company.yaml").exists()))


@pytest.fixture(scope="module")
def decided(tmp_path_factory) -> Path:
    """A cohort with a company made by the tests' helpers and copies of every example
    company, each decided."""
    root = setup(tmp_path_factory.mktemp("certify"), examples=tuple(c for c in COMPANIES if c != "grona")).parent
    for name in COMPANIES:
        decide(root / name)
    return root


def round_trip(loaded, number: str) -> str:
    data = loaded.editable()
    record.set_certificate(data, number)
    return record.dump(data)


@pytest.mark.parametrize("name", COMPANIES)
def test_the_spliced_number_is_the_round_trip_byte_for_byte(decided, name):
    loaded = record.read(decided / name)
    assert loaded.decision is not None and splice.before_decision(loaded) is not None  # the splice applies
    for number in ("ASF-2027-0001", "ASF-2027-1234", "123", "ASF 2027: 7"):  # also a number that needs quoting
        assert_numbered(decided / name, loaded, number)
    again = record.checked(decided / name, numbered(loaded, "ASF-2027-0001"))  # a record with a number, numbered anew
    assert splice.before_decision(again) is not None
    assert_numbered(decided / name, again, "ASF-2027-0002")


def assert_numbered(root: Path, loaded, number: str) -> None:
    from asfcert.io.yamlfile import parse

    text, trip = numbered(loaded, number), round_trip(record.checked(root, loaded.raw.decode("utf-8")), number)
    assert parse(text.encode(), "audit.yaml").data == parse(trip.encode(), "audit.yaml").data  # the same record
    assert record.checked(root, text).decision.certificate == number
    old, new = loaded.raw.decode("utf-8").split("\n"), text.split("\n")
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert [b for _, b in changed] == [new[new.index("decision:") + 1:][-2]]  # only the number's line
    assert changed[0][1].startswith("  certificate: ") and changed[0][0].startswith("  certificate:")


@pytest.mark.parametrize("edit", [
    lambda text: text + "# granskad\n",  # a comment after the decision
    lambda text: text.replace("\n  outcome:", "\n  # utfall\n  outcome:"),  # a comment inside it
    lambda text: text.replace("\ndecision:\n", "\ndecision: \n"),  # its key written otherwise
])
def test_any_other_record_takes_the_round_trip(decided, tmp_path, edit, monkeypatch):
    folder = tmp_path / "grona"
    shutil.copytree(decided / "grona", folder, symlinks=True)
    path = folder / "audit/audit.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    loaded = record.read(folder)
    assert splice.before_decision(loaded) is None
    trips = []
    editable = record.Record.editable
    monkeypatch.setattr(record.Record, "editable", lambda self: trips.append(1) or editable(self))
    assert numbered(loaded, "ASF-2027-0001") == round_trip(record.read(folder), "ASF-2027-0001") and trips == [1, 1]


def test_certify_writes_the_record_the_round_trip_writes(decided, tmp_path, monkeypatch):
    """The whole command, twice: spliced, and with every record taking the round trip."""
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(decided.parent, a, symlinks=True)  # the registry with the cohort
    shutil.copytree(decided.parent, b, symlinks=True)
    a, b = a / decided.name / "grona", b / decided.name / "grona"
    trips = []
    editable = record.Record.editable
    monkeypatch.setattr(record.Record, "editable", lambda self: trips.append(self.root) or editable(self))
    spliced = certify(a)
    assert trips == []  # no round trip
    monkeypatch.setattr(splice, "before_decision", lambda loaded: None)
    trip = certify(b)
    assert trips == [b]
    assert spliced.record.number == trip.record.number == record.read(a).decision.certificate
    assert {**spliced.to_dict(), "certificate": None} == {**trip.to_dict(), "certificate": None}
    assert spliced.record.model_dump(exclude={"documents"}) == trip.record.model_dump(exclude={"documents"})
    assert record.read(a).doc.data == record.read(b).doc.data


# ---- the view through a pipe, drawn without rich (render/audit/plain.py) ----------------

CERTIFY = "asfcert.render.audit.terminal:render_certify"


@pytest.fixture(scope="module")
def results(decided, tmp_path_factory):
    """`certify` results: a first certificate with an open remark, and a re-certification
    (what changed since the previous certificate)."""
    import datetime as dt

    from audit_helpers import RECERTIFIED, redecide

    reg = tmp_path_factory.mktemp("certified")
    shutil.copytree(decided.parent, reg / "registry", symlinks=True)
    root = reg / "registry" / decided.name / "grona"
    first = certify(root)
    redecide(root)
    again = certify(root, today=RECERTIFIED + dt.timedelta(days=1))
    assert again.since_certificate is not None and again.record.previous == first.record.number
    remark = first.record.model_copy(update={"remarks": [again.record.remarks[0] if again.record.remarks else _remark()]})
    return {"first": first, "again": again, "remark": dataclasses.replace(first, record=remark)}


def _remark():
    import datetime as dt

    from asfcert.formats.certificate import PendingRemark

    return PendingRemark(requirement="A1", title_sv="Styrelseprotokoll", title_en="Board minutes", deadline=dt.date(2027, 3, 1))


@pytest.mark.parametrize("case", ["first", "again", "remark"])
def test_the_certify_view_is_drawn_as_rich_draws_it(results, case, monkeypatch):
    from test_speed_audit_plain import same

    paths = {same(CERTIFY, results[case], monkeypatch, w, lang) for w in ("40", "80", "120", "200") for lang in ("sv", "en")}
    assert paths == {"plain"}


@pytest.mark.parametrize("name", ["Gröna \u202eHänder", "Gröna\tHänder", "綠手 ekonomisk förening"])
def test_a_hostile_company_name_is_drawn_by_rich(results, name, monkeypatch):
    from test_speed_audit_plain import same

    from asfcert.render.audit import plain
    from asfcert.render.common.plaintext import Fallback

    first = results["first"]
    rec = first.record.model_copy(update={"company": first.record.company.model_copy(update={"name": name})})
    result = dataclasses.replace(first, record=rec)
    with pytest.raises(Fallback):
        plain.render_certify(result, "sv", 80)
    assert same(CERTIFY, result, monkeypatch, "80", "sv") == "rich"


# ---- the key derivation started before the case is loaded (certify/documents.unlock_early) ----


def test_the_key_is_derived_once_early_and_only_when_a_certificate_is_issued(decided, tmp_path, monkeypatch):
    from asfcert.certify import documents
    from asfcert.records import key_unlock

    shutil.copytree(decided.parent, tmp_path / "registry", symlinks=True)
    root = tmp_path / "registry" / decided.name / "grona"
    started, derived = [], []
    unlock_early, derive = documents.unlock_early, key_unlock.derive
    monkeypatch.setattr(documents, "unlock_early", lambda *a: started.append(a) or unlock_early(*a))
    monkeypatch.setattr(key_unlock, "derive", lambda *a: derived.append(a) or derive(*a))
    first = certify(root)
    assert first.action == "issued" and len(started) == 1 and len(derived) == 1  # the early one, used
    assert certify(root).action == "completed" and len(started) == 1 and len(derived) == 1  # no key needed: none derived
    assert certify(root, lang="en").action == "completed" and len(started) == 1 and len(derived) == 2  # signed: derived when needed


def test_collections_resume_after_certify_issues_or_refuses(decided, tmp_path):
    """certify runs without garbage collections (base/lasting.py); they are on again after
    it, whether it issued or refused."""
    import gc

    from asfcert.base.errors import Abort

    shutil.copytree(decided.parent, tmp_path / "registry", symlinks=True)
    root = tmp_path / "registry" / decided.name / "grona"
    assert gc.isenabled()
    assert certify(root).action == "issued" and gc.isenabled()
    with pytest.raises(Abort):
        certify(root, passphrase=b"not the passphrase at all", lang="en")  # a PDF to sign: the key is refused
    assert gc.isenabled()


def test_a_kept_cohort_file_is_never_stale_for_the_impartiality_check(decided, tmp_path):
    """certify reuses the cohort file's kept parse (records/cohort_file.py, by its bytes):
    the auditor's role taken away after a first run is seen by the next."""
    from audit_helpers import AUDITOR

    from asfcert.base.errors import Abort

    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(decided.parent, a, symlinks=True)
    shutil.copytree(decided.parent, b, symlinks=True)
    assert certify(a / decided.name / "grona").action == "issued"  # the cohort file kept in the cache
    path = b / decided.name / "cohort.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index(f"name: {AUDITOR}")
    edited = text[:at] + text[at:].replace("- auditor", "- supervisor", 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(Abort) as refused:
        certify(b / decided.name / "grona")
    assert refused.value.code == "impartiality-refused"
    assert "auditor-not-an-auditor" in {f.code for f in refused.value.findings}
