"""The auditor's record audit/audit.yaml: pre-filled from the machine, the auditor's edits
survive every re-run (round trip), a snapshot of every submitted file, located errors."""

import hashlib

import pytest
from audit_helpers import AUDITOR, OTHER_AUDITOR, audit, set_results, setup
from helpers import line_of

from asfcert.base.errors import UserError


def test_a_new_record_lists_every_requirement_prefilled_from_the_machine(tmp_path):
    from asfcert.records import audit_record as record

    root = setup(tmp_path)
    result = audit(root)
    assert result.action == "created"
    model = record.load(root).model
    enabled = {i.id for i in result.proposal.items}
    assert set(model.requirements) == enabled
    assert model.auditor == AUDITOR and model.company.folder == "grona"
    machine = model.requirements["ASF-3.c"]  # pay ratio, decided by machine, passes
    assert machine.machine.status == "ready" and machine.result == "conform" and machine.machine.suggests == "conform"
    auditor_req = model.requirements["3.1.a"]  # decided by the auditor: left empty
    assert auditor_req.result is None and auditor_req.machine.answer == "met"
    assert {f.code for f in result.findings} == {"audit-results-missing"}
    assert result.exit_code == 1


def test_the_snapshot_holds_every_submitted_file_with_its_sha256(tmp_path):
    from asfcert.records import audit_record as record

    root = setup(tmp_path)
    audit(root)
    files = {f.path: f for f in record.load(root).model.snapshot.files}
    on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and p.parts[len(root.parts)] != "audit"}
    assert set(files) == on_disk
    statutes = files["evidence/stadgar/stadgar.pdf"]
    data = (root / statutes.path).read_bytes()
    assert (statutes.sha256, statutes.size, statutes.kind, statutes.pages) == (hashlib.sha256(data).hexdigest(), len(data), "statutes", 1)
    assert files["company.yaml"].kind == "profile"


def test_rerunning_keeps_the_auditors_results_comments_and_yaml_comments(tmp_path):
    root = setup(tmp_path)
    audit(root)
    path = root / "audit" / "audit.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  3.9.b:\n", "  3.9.b:  # följ upp efter SAM-kursen\n", 1)
    start = text.index("  3.9.b:")
    block = text[start:text.index("    comment:", start) + len("    comment:")]
    edited = block.replace("    result:", "    result: anmärkning  # mindre avvikelse").replace(
        "    comment:", "    comment: |\n      Skyddsombudet saknar SAM-utbildning.\n      Åtgärdas inom sex månader."
    )
    text = text.replace(block, edited).replace("summary:\n", "summary: Välskött förening; två saker att följa upp.\n")
    path.write_text(text, encoding="utf-8")

    result = audit(root)
    after = path.read_text(encoding="utf-8")
    assert result.action == "updated"
    for kept in ("# följ upp efter SAM-kursen", "result: anmärkning  # mindre avvikelse",
                 "      Skyddsombudet saknar SAM-utbildning.\n      Åtgärdas inom sex månader.",
                 "summary: Välskött förening; två saker att följa upp."):
        assert kept in after
    item = next(i for i in result.proposal.items if i.id == "3.9.b")
    assert (item.result, item.grade) == ("remark", "remark")
    assert item.comment == "Skyddsombudet saknar SAM-utbildning.\nÅtgärdas inom sex månader."
    assert after.index("  3.9.b:") < after.index("  3.9.c:")  # order kept


def test_a_machine_suggestion_follows_the_machine_until_the_auditor_changes_it(tmp_path):
    from helpers import write_tree, yaml_text

    from asfcert.records import audit_record as record

    root = setup(tmp_path, pay=[{"role": "Chef", "monthly_sek": 50000}, {"role": "Medarbetare", "monthly_sek": 16000}])
    audit(root)
    assert record.load(root).model.requirements["ASF-3.c"].result == "major"  # 3.1 > 2.5: the machine fails it
    import helpers

    profile = dict(helpers.GOOD_PROFILE, name="Gröna Händer på Åkern ekonomisk förening", org_number="829502-4247")
    write_tree(root, {"company.yaml": yaml_text(profile)})  # the company fixes the pay
    audit(root, refresh=True)
    assert record.load(root).model.requirements["ASF-3.c"].result == "conform"
    set_results(root, {"ASF-3.c": "observation"}, default=None)  # the auditor takes over
    audit(root)
    assert record.load(root).model.requirements["ASF-3.c"].result == "observation"


def test_an_invalid_result_is_a_located_error(tmp_path):
    root = setup(tmp_path)
    audit(root)
    path = root / "audit" / "audit.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  3.4.a:")
    at = text.index("    result:", start)
    path.write_text(text[:at] + "    result: kanske\n" + text[text.index("\n", at) + 1:], encoding="utf-8")
    with pytest.raises(UserError) as err:
        audit(root)
    (finding,) = err.value.findings
    assert finding.code == "schema-value" and finding.location.file == "audit/audit.yaml"
    assert finding.location.line == line_of(path, "result: kanske")
    assert err.value.exit_code == 2


def test_another_auditor_cannot_take_over_the_record(tmp_path):
    root = setup(tmp_path)
    audit(root)
    with pytest.raises(UserError) as err:
        audit(root, auditor=OTHER_AUDITOR)
    assert err.value.exit_code == 1 and AUDITOR in err.value.message.en


def test_nothing_is_written_under_evidence_and_evidence_is_untouched(tmp_path):
    root = setup(tmp_path)
    before = {p: p.read_bytes() for p in (root / "evidence").rglob("*") if p.is_file()}
    audit(root)
    set_results(root)
    audit(root, decide=True)
    after = {p: p.read_bytes() for p in (root / "evidence").rglob("*") if p.is_file()}
    assert before == after
    assert sorted(p.name for p in (root / "audit").iterdir()) == ["audit.yaml"]


def test_long_machine_texts_are_folded_without_changing_them():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from asfcert.io.yamlfile import parse
    from asfcert.records import audit_record as record

    word = st.text(alphabet=st.sampled_from(list("abcåäöÅÄÖ0123456789:#«»'\"-,.§/<>=≤")), min_size=1, max_size=14)

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.tuples(word, st.sampled_from([" ", " ", " ", "  "])), min_size=1, max_size=40),
           st.sampled_from(["", " "]))
    def round_trip(parts, edge):
        text = edge + "".join(w + sep for w, sep in parts).rstrip() + edge
        from ruamel.yaml.comments import CommentedMap

        data = CommentedMap(figures=record._folded(text))
        assert parse(record.dump(data).encode("utf-8"), "x.yaml").data == {"figures": text}

    round_trip()


def test_what_asfcert_writes_reads_back_through_the_records_loader():
    """The record's writer and its one loader (round-trip mode): any text, in a comment, a
    flow mapping or a list, comes back the same, tabs and line separators included."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from ruamel.yaml.comments import CommentedMap

    from asfcert.io.yamlfile import parse
    from asfcert.records import audit_record as record

    text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40) | st.text(alphabet="a b\t:#-\"'\u0085\u2028", max_size=20)

    @settings(max_examples=200, deadline=None)
    @given(text, st.dictionaries(st.text(alphabet="abc:# \t", min_size=1, max_size=5), text, max_size=3))
    def round_trip(comment, fields):
        data = CommentedMap(comment=comment, summary=comment)
        data["machine"] = record._flow(fields)
        data["list"] = record._flow_seq([comment, *fields])
        doc = parse(record.dump(data).encode("utf-8"), "audit/audit.yaml", round_trip=True)
        assert doc.data == {"comment": comment, "summary": comment, "machine": fields, "list": [comment, *fields]}

    round_trip()


def test_a_tab_between_words_is_text_and_a_tab_as_indentation_is_refused(tmp_path):
    from asfcert.io.yamlfile import YamlProblem, parse

    assert parse(b"a:\n  comment:\tSe protokollet\tfr\xc3\xa5n mars\t# ok\n", "x", round_trip=True).data == {
        "a": {"comment": "Se protokollet\tfrån mars"}}
    with pytest.raises(YamlProblem) as err:
        parse(b"a:\n\tcomment: x\n", "x", round_trip=True)
    assert (err.value.finding.code, err.value.finding.location.line) == ("yaml-tab", 2)
