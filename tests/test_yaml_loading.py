"""Hostile and broken YAML: every case is a located error finding, never a crash."""

import pytest
from helpers import make_company, only, run

CASES = [
    ("dup", b"name: A\norg_number: '829502-4247'\nname: B\n", "yaml-duplicate-key", 3, 1),
    ("tab", b"name: A\nowners:\n\t- name: x\n", "yaml-tab", 3, 1),
    ("baddate", b"name: A\norg_number: '829502-4247'\nheadcount:\n  as_of: 2025-13-01\n", "yaml-bad-value", 4, 10),
    ("python-tag", b"name: !!python/object/apply:os.system ['ls']\n", "yaml-tag", 1, 7),
    ("multi", b"name: A\n---\nname: B\n", "yaml-multiple-documents", 2, 1),
    ("bigint", b"name: A\nheadcount:\n  employees: " + b"9" * 5000 + b"\n", "yaml-bad-value", 3, 14),
    ("alias", b"a: &x [1, 2]\nb: *x\n", "yaml-alias", 2, 4),  # at the first alias itself
    ("bomb", b"a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n", "yaml-alias", 2, 8),
    ("merge", b"base: {a: 1}\nname:\n  <<: {a: 2}\n", "yaml-alias", 3, 3),
    ("deep", b"[" * 100000 + b"]" * 100000, "yaml-too-deep", 1, None),
    # block nesting crashed libyaml's composer (exit 139); the 41st level is refused where it starts
    ("deep-dashes", b"name: A\nextra:\n  " + b"- " * 100000 + b"x\n", "yaml-too-deep", 3, 81),
    ("deep-questions", b"? " * 100000 + b"x\n", "yaml-too-deep", 1, 81),
    ("deep-mixed", b"a:\n" + b"".join(b"  " * i + b"- k:\n" for i in range(1, 60)), "yaml-too-deep", 21, 43),
    ("many-keys", b"name: A\n" + b"".join(b"k%d: %d\n" % (i, i) for i in range(100_000)), "yaml-too-many-values", 25000, 9),
    ("many-items", b"evidence: [" + b"1, " * 140_000 + b"1]\n", "yaml-too-many-values", 1, 1 + len("evidence: [") + 3 * 49_997),
    ("timestamp-tag", b"name: A\nheadcount:\n  as_of: !!timestamp x\n", "yaml-bad-value", 3, 10),
    ("latin1", "name: Gröna\n".encode("latin-1"), "file-encoding", 1, 9),
    ("utf16", "name: A\n".encode("utf-16"), "file-encoding", 1, 1),
    ("nul", b"name: A\n\x00\x01\x02", "file-binary", 2, None),
    ("syntax", b"name: a: b\n", "yaml-syntax", 1, 8),
    ("unclosed", b"owners: [1, 2\nname: x\n", "yaml-syntax", 2, 5),
    ("list-root", b"- name: A\n", "schema-type", 1, 1),
    ("empty", b"", "file-empty", 1, 1),
    ("comments-only", b"# bara kommentarer\n", "file-empty", 1, 1),
]


@pytest.mark.parametrize(("name", "raw", "code", "line", "column"), CASES, ids=[c[0] for c in CASES])
def test_broken_company_yaml(tmp_path, name, raw, code, line, column):
    root = make_company(tmp_path / "c")
    (root / "company.yaml").write_bytes(raw)
    result = run(root)
    assert result.exit_code == 2
    f = only(result, code)
    assert f.location.file == "company.yaml"
    assert f.location.line == line
    if column is not None:
        assert f.location.column == column
    assert f.message.sv and f.message.en and f.hint is not None


def test_bom_and_crlf_are_accepted(tmp_path):
    root = make_company(tmp_path / "c")
    text = (root / "company.yaml").read_text(encoding="utf-8")
    (root / "company.yaml").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert run(root).exit_code == 0


def test_yaml_1_1_header_does_not_turn_text_into_booleans(tmp_path):
    root = make_company(tmp_path / "c")
    text = (root / "company.yaml").read_text(encoding="utf-8")
    text = text.replace("county: Dalarnas län", "county: NO")
    (root / "company.yaml").write_text("%YAML 1.1\n---\n" + text, encoding="utf-8")
    result = run(root)
    assert result.exit_code == 0


def test_folder_in_place_of_company_yaml(tmp_path):
    root = make_company(tmp_path / "c")
    (root / "company.yaml").unlink()
    (root / "company.yaml").mkdir()
    f = only(run(root), "not-a-file")
    assert f.location.file == "company.yaml"


def test_missing_company_yaml_is_refused_before_anything_is_read(tmp_path):
    from asfcert.base.errors import Abort

    root = make_company(tmp_path / "c")
    (root / "company.yaml").unlink()
    with pytest.raises(Abort) as refused:
        run(root)
    assert (refused.value.code, refused.value.location.file, refused.value.exit_code) == ("folder-not-company", str(root), 2)


def test_a_dangling_company_yaml_link_is_a_finding_not_a_refusal(tmp_path):
    import os

    root = make_company(tmp_path / "c")
    (root / "company.yaml").unlink()
    os.symlink("finns-inte.yaml", root / "company.yaml")
    assert only(run(root), "file-unreadable").location.file == "company.yaml"


def test_broken_self_assessment_is_reported_with_the_rest(tmp_path):
    root = make_company(tmp_path / "c")
    (root / "self-assessment" / "extra.yaml").write_bytes(b"answers:\n  3.1.a:\n\tstatus: met\n")
    (root / "company.yaml").write_bytes(b"name: A\nname: B\n")
    result = run(root)
    assert {(f.code, f.location.file) for f in result.findings} == {
        ("yaml-tab", "self-assessment/extra.yaml"),
        ("yaml-duplicate-key", "company.yaml"),
    }


GUARDED = [c for c in CASES if c[2] in ("yaml-too-deep", "yaml-too-many-values", "yaml-alias", "yaml-multiple-documents")]


@pytest.mark.parametrize(("name", "raw", "code", "line", "column"), GUARDED, ids=[c[0] for c in GUARDED])
def test_the_round_trip_parse_has_the_same_guard(name, raw, code, line, column):
    """The audit record is read by ruamel's pure-Python round-trip parser: the guard watches
    its events as its composer takes them, and refuses what the libyaml parse refuses."""
    from asfcert.io.yamlfile import YamlProblem, parse

    with pytest.raises(YamlProblem) as refused:
        parse(raw, "audit.yaml", round_trip=True)
    f = refused.value.finding
    assert (f.code, f.location.line) == (code, line) and (column is None or f.location.column == column)


def test_both_parsers_place_every_value_and_key_alike():
    """Readers parse with libyaml, commands that edit a record with ruamel's round trip: a
    finding must point at the same place either way (an empty `result:` was two lines apart)."""
    from asfcert.io.yamlfile import parse

    raw = (
        "summary:\nrequirements:\n  3.1.a:\n    about: Ägarskap\n    machine: {status: ready, findings: []}\n"
        "    result:\n    comment:\n  3.1.b:\n    result: ''\n    comment: |\n      två\n      rader\n"
        "    list:\n    - a\n    -\n    - c\nlast:   \n"
    ).encode()
    safe, rt = parse(raw, "audit.yaml"), parse(raw, "audit.yaml", round_trip=True)
    assert safe.data == rt.data
    assert safe.values == rt.values and safe.keys == rt.keys
    assert safe.where(("requirements", "3.1.a", "result")).line == 6
    assert safe.where(("summary",)).line == 1 and safe.where(("last",)).line == 17


def test_without_libyaml_the_guard_watches_the_pure_parser():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.modules['_ruamel_yaml'] = None  # no libyaml binding\n"
        "from asfcert.io.yamlfile import YamlProblem, parse\n"
        "for raw in (b'a:\\n  ' + b'- ' * 100000 + b'x\\n', b'[' * 100000, b''.join(b'k%d: 1\\n' % i for i in range(60000))):\n"
        "    try:\n"
        "        parse(raw, 'x.yaml')\n"
        "    except YamlProblem as p:\n"
        "        print(p.finding.code)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["yaml-too-deep", "yaml-too-deep", "yaml-too-many-values"], proc.stderr
