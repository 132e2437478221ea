"""The result and standard caches: never stale, corrupt entries ignored, bypassable."""

import json

import pytest
from cache_entries import bundles, entries, replace
from helpers import make_company, run

from asfcert.io.cache import cache_root


def test_an_edit_is_never_served_stale(tmp_path):
    root = make_company(tmp_path / "c")
    assert run(root, use_cache=True).exit_code == 0
    company = root / "company.yaml"
    text = company.read_text()
    # same size, same second: only the content differs
    company.write_text(text.replace("monthly_sek: 40000", "monthly_sek: 49000"))
    assert "pay-ratio-exceeded" in {f.code for f in run(root, use_cache=True).findings}
    company.write_text(text)
    assert run(root, use_cache=True).exit_code == 0


def test_adding_or_removing_an_evidence_file_is_seen(tmp_path):
    root = make_company(tmp_path / "c")
    assert run(root, use_cache=True).exit_code == 0
    (root / "evidence/stadgar/stadgar.pdf").unlink()
    assert "evidence-not-found" in {f.code for f in run(root, use_cache=True).findings}


def test_warm_result_equals_cold_result(tmp_path):
    root = make_company(tmp_path / "c", pay=[{"role": "VD", "monthly_sek": 41000}, {"role": "M", "monthly_sek": 16000}])
    cold = run(root, use_cache=True).to_dict()
    warm = run(root, use_cache=True).to_dict()
    assert warm == cold == run(root, use_cache=False).to_dict()


def test_corrupt_entries_are_ignored(tmp_path):
    root = make_company(tmp_path / "c")
    run(root, use_cache=True)
    files = [p for p in cache_root().rglob("*") if p.is_file()]  # entries alone, bundles, the kept standard
    assert bundles() and files
    for p in files:
        p.write_text("{not json")
    assert run(root, use_cache=True).exit_code == 0
    for p in cache_root().rglob("*.json"):
        json.loads(p.read_text())  # rewritten
    assert entries("check")  # the bundle too


def test_valid_json_of_the_wrong_shape_is_ignored(tmp_path):
    root = make_company(tmp_path / "c")
    run(root, use_cache=True)
    for p in cache_root().rglob("*.json"):
        p.write_text('{"unexpected": true}')
    assert replace("check", '{"unexpected": true}') and replace("check-summary", "[]")
    assert run(root, use_cache=True).exit_code == 0


def test_no_cache_writes_nothing(tmp_path):
    run(make_company(tmp_path / "c"), use_cache=False)
    assert not cache_root().exists() or not any(cache_root().rglob("*.json"))


def test_deleting_the_cache_is_safe(tmp_path):
    import shutil

    root = make_company(tmp_path / "c")
    run(root, use_cache=True)
    shutil.rmtree(cache_root())
    assert run(root, use_cache=True).exit_code == 0


def test_yaml_parse_cache_is_keyed_by_content(tmp_path):
    from asfcert.io.cache import Cache
    from asfcert.io.yamlfile import YamlProblem, load

    cache = Cache(True)
    path = tmp_path / "cohort.yaml"
    path.write_text("name: Omgång\nterm: HT2026\ndates: {start: 2026-08-24}\n", encoding="utf-8")
    first = load(path, "cohort.yaml", cache=cache)
    again = load(path, "cohort.yaml", cache=cache)  # from the cache
    assert again.data == first.data and again.values == first.values and again.keys == first.keys
    path.write_text("name: Omgång\nterm: VT2026\ndates: {start: 2026-02-24}\n", encoding="utf-8")  # same size
    assert load(path, "cohort.yaml", cache=cache).data["term"] == "VT2026"
    for entry in cache_root().rglob("*.json"):
        entry.write_text("[broken")
    assert load(path, "cohort.yaml", cache=cache).data["term"] == "VT2026"
    path.write_text("name: [unclosed\n", encoding="utf-8")
    for _ in range(2):  # a file that fails to parse is never cached
        with pytest.raises(YamlProblem):
            load(path, "cohort.yaml", cache=cache)
