"""A command loads a company's case once: `audit --decide` parses audit/audit.yaml once
(and reads back once the record it then writes), `check` inside it shares that parse, and
`certify` runs the check once, as of the decision date."""

import datetime as dt
import shutil

import pytest
from audit_helpers import DECIDED, audit, certify, decide, set_results, setup
from helpers import AS_OF

RECORD = "audit/audit.yaml"


class Parses(list):
    """The texts parsed as the audit record; `profiles`: how often company.yaml was parsed."""

    profiles = 0

    def start(self) -> None:
        """A new command: nothing parsed before it counts, in this process either."""
        from asfcert.records import audit_record

        audit_record._PARSED.clear()
        self.clear()
        self.profiles = 0


@pytest.fixture
def parses(monkeypatch):
    """Every YAML text parsed as the audit record, in order (the one parse function)."""
    from asfcert.io import yamlfile

    seen = Parses()
    real = yamlfile.parse

    def counting(raw, display, **options):
        if display == RECORD:
            seen.append(bytes(raw))
        elif display == "company.yaml":
            seen.profiles += 1
        return real(raw, display, **options)

    monkeypatch.setattr(yamlfile, "parse", counting)
    return seen


@pytest.fixture
def checks(monkeypatch):
    """The dates every full evaluation of a company folder (a check not served from the
    cache) ran as of."""
    from asfcert.assess import checker

    seen: list[dt.date] = []
    real = checker.evaluate

    def counting(folder, standard, today, *args, **kwargs):
        seen.append(today)
        return real(folder, standard, today, *args, **kwargs)

    monkeypatch.setattr(checker, "evaluate", counting)
    return seen


def test_audit_decide_parses_the_record_once(tmp_path, parses, checks):
    root = setup(tmp_path)
    audit(root)
    set_results(root)
    on_disk = (root / RECORD).read_bytes()
    parses.start()
    checks.clear()
    result = audit(root, decide=True, use_cache=False)  # no cached check: `check` compares the snapshot too
    written = (root / RECORD).read_bytes()
    assert result.action == "decided" and len(checks) == 1
    assert parses.count(on_disk) == 1  # the file, once: the check's snapshot comparison shares the parse
    assert parses == [on_disk, written]  # and what it wrote, read back once before it was written


def test_with_the_cache_the_profile_is_parsed_at_most_once(tmp_path, parses, checks):
    root = setup(tmp_path)
    audit(root)
    set_results(root)
    parses.start()
    checks.clear()
    audit(root, decide=True)  # the record changed: the check is not served from the cache
    assert len(checks) == 1 and parses.profiles <= 1 and len(parses) == 2


def test_an_unchanged_record_is_parsed_once_and_not_written(tmp_path, parses):
    root = setup(tmp_path)
    audit(root)
    before = (root / RECORD).stat().st_mtime_ns
    parses.start()
    result = audit(root, use_cache=False)
    assert result.action == "updated" and len(parses) == 1
    assert (root / RECORD).stat().st_mtime_ns == before


def test_certify_runs_the_check_once_as_of_the_decision_date(tmp_path, parses, checks):
    root = setup(tmp_path)
    decide(root)
    on_disk = (root / RECORD).read_bytes()
    parses.start()
    checks.clear()
    result = certify(root, today=DECIDED + dt.timedelta(days=20), use_cache=False)
    assert result.action == "issued" and checks == [DECIDED]
    assert parses.count(on_disk) == 1  # the record, once; and the record with the number, read back once
    assert len(parses) == 2 and parses[1] == (root / RECORD).read_bytes()


def test_a_decision_is_certified_years_later_as_it_was_decided(tmp_path, checks):
    """The annual report and the SAM review are too old by 2028: checked as of the decision
    date, the decision still stands, with one check."""
    root = setup(tmp_path)
    decide(root)
    checks.clear()
    result = certify(root, today=dt.date(2028, 6, 1), use_cache=False)
    assert result.action == "issued" and checks == [DECIDED]
    assert result.record.valid_until == dt.date(2028, 11, 29)


def test_a_new_audit_checks_once_without_the_closed_audits_changes(tmp_path, checks):
    from helpers import pdf_bytes, write_tree

    root = setup(tmp_path)
    decide(root)
    certify(root)
    write_tree(root, {"evidence/protokoll/styrelse-2027-02.pdf": pdf_bytes("Protokoll 2027")})
    checks.clear()
    later = dt.date(2027, 2, 15)
    restarted = audit(root, new=True, today=later, use_cache=False)
    assert checks == [later] and restarted.action == "created"
    assert not [f for f in restarted.findings if f.code.endswith("-since-audit")]
    assert [f.path for f in restarted.since_certificate.files.added] == ["evidence/protokoll/styrelse-2027-02.pdf"]


def test_the_case_is_refused_with_codes(tmp_path):
    from helpers import write_tree

    from asfcert.base.errors import UserError

    root = setup(tmp_path)
    audit(root)
    write_tree(root, {"company.yaml": "name: [\n"})
    with pytest.raises(UserError) as err:
        audit(root)
    assert err.value.code == "case-input-errors" and err.value.exit_code == 2
    assert err.value.findings[0].location.file == "company.yaml"


def _no_dump(monkeypatch):
    from asfcert.records import audit_record

    def refused(data):
        raise AssertionError("the record was dumped")

    monkeypatch.setattr(audit_record, "dump", refused)


def test_a_re_run_that_changed_nothing_before_neither_parses_nor_dumps_the_record(tmp_path, parses, monkeypatch):
    root = setup(tmp_path)
    audit(root)
    audit(root)  # left the record as it was: these inputs are remembered
    before = (root / RECORD).read_bytes(), (root / RECORD).stat().st_mtime_ns
    parses.start()
    _no_dump(monkeypatch)
    result = audit(root)
    assert result.action == "updated" and parses == []
    assert ((root / RECORD).read_bytes(), (root / RECORD).stat().st_mtime_ns) == before
    monkeypatch.undo()  # without the cache the update is made, and comes to the same
    assert result.to_dict() == audit(root, use_cache=False).to_dict()


@pytest.mark.parametrize("change", ["result", "date", "refresh"])
def test_a_re_run_after_a_change_updates_the_record_as_without_the_cache(tmp_path, change):
    from asfcert.io.yamlfile import parse

    root = setup(tmp_path)
    audit(root)
    audit(root)
    options = {}
    if change == "result":  # the auditor's own edit: other bytes, so the remembered update does not apply
        set_results(root)
    elif change == "date":
        options["today"] = AS_OF + dt.timedelta(days=3)
    else:
        options["refresh"] = True
        (root / "evidence" / "extra.pdf").write_bytes((next((root / "evidence").rglob("*.pdf"))).read_bytes())
    shutil.copytree(tmp_path / "registry", tmp_path / "twin", symlinks=True)
    twin = tmp_path / "twin" / root.relative_to(tmp_path / "registry")
    cached, fresh = audit(root, **options), audit(twin, use_cache=False, **options)
    assert cached.to_dict() | {"folder": None} == fresh.to_dict() | {"folder": None}
    assert (root / RECORD).read_bytes() == (twin / RECORD).read_bytes()
    data = parse((root / RECORD).read_bytes(), RECORD).data
    if change == "date":
        assert data["updated"] == options["today"]
    if change == "refresh":
        assert "evidence/extra.pdf" in {f["path"] for f in data["snapshot"]["files"]}


def test_a_record_asfcert_wrote_is_read_from_the_cache(tmp_path, parses):
    """What asfcert wrote was read back before it was written; that parse is kept in the
    cache, so the next command that only reads the record does not parse it again."""
    root = setup(tmp_path)
    decide(root)
    certify(root)
    parses.start()
    again = certify(root)
    assert again.action == "completed" and parses == []
    audit(root)  # a decided record is reported, not changed
    assert parses == []


def test_check_reads_the_snapshot_from_the_parse_kept_in_the_cache(tmp_path, parses):
    from helpers import run

    root = setup(tmp_path)
    audit(root)
    parses.start()
    result = run(root, use_cache=True)  # a new day: the check itself is not cached
    assert result.usable and parses == []
