"""Choices accept the Swedish words people write, old ones too (`landsting` is a region),
and a wrong word is answered with every accepted word, Swedish ones included."""

from __future__ import annotations

from helpers import codes, line_of, make_company, only, run


def test_landsting_as_an_owner_is_the_public_sector(tmp_path):
    root = make_company(tmp_path / "c", owners=[{"name": "Landstinget i Storlän", "kind": "landsting", "share_percent": 100}])
    result = run(root)
    assert "schema-value" not in codes(result)
    assert only(result, "public-owner").requirement == "ASF-4.b"


def test_a_wrong_word_lists_the_accepted_ones_in_both_languages(tmp_path):
    root = make_company(tmp_path / "c", owners=[{"name": "Kommunen", "kind": "kommunen", "share_percent": 100}])
    f = only(run(root), "schema-value")
    assert f.location.line == line_of(root / "company.yaml", "kind: kommunen")
    assert "public-sector" in f.message.sv and "kommun" in f.message.sv and "landsting" in f.message.sv
    assert "or in Swedish" in f.message.en and "landsting" in f.message.en
