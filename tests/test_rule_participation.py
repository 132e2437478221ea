"""participation-documented: introduction, daily operation and board decisions each have a
description and a document that exists."""

import copy

from helpers import GOOD_PROFILE, codes, only, requirement, run


def participation(**changes):
    part = copy.deepcopy(GOOD_PROFILE["participation"])
    part.update(changes)
    return part


def test_all_three_occasions_documented_pass(company):
    result = run(company())
    req = requirement(result, "ASF-2.b")
    assert req.status == "ready"
    assert req.figures["documented"] == ["introduction", "daily-operation", "board-decisions"]


def test_missing_occasion_fails(company):
    result = run(company(participation=participation(board_decisions=None)))
    f = only(result, "participation-undocumented")
    assert f.requirement == "ASF-2.b"
    assert f.params["field"] == "board_decisions"
    assert requirement(result, "ASF-2.b").figures["missing"] == ["board-decisions"]


def test_description_without_document_fails(company):
    part = participation(daily_operation={"description": "Vi har veckomöten.", "evidence": []})
    f = only(run(company(participation=part)), "participation-undocumented")
    assert f.params["field"] == "daily_operation"
    assert "dokument" in f.message.sv


def test_document_that_does_not_exist_is_reported_and_does_not_count(company):
    part = participation(introduction={"description": "Fadder.", "evidence": ["evidence/policyer/finns-inte.pdf"]})
    result = run(company(participation=part))
    assert {"participation-undocumented", "evidence-not-found"} <= codes(result)


def test_membership_is_an_observation(company):
    result = run(company(participation=participation(employees_can_become_members=False)))
    f = only(result, "employees-cannot-become-members")
    assert str(f.severity) == "observation"
    assert result.exit_code == 0


def test_no_participation_section_is_missing_data(company):
    result = run(company(participation=None))
    missing = {f.requirement for f in result.findings if f.code == "profile-missing"}
    assert missing == {"ASF-2.b", "ASF-2.c"}  # the occasions, and employees_can_become_members
    assert requirement(result, "ASF-2.b").status == "open"
    assert "participation-undocumented" not in codes(result)


def test_the_kits_empty_occasions_count_as_not_filled_in(company):
    """`asfcert new` writes each occasion as `description:` and `evidence: []`: missing data, not a failure."""
    part = participation(**{o: {"description": None, "evidence": []} for o in ("introduction", "daily_operation", "board_decisions")})
    result = run(company(participation=part))
    f = only(result, "profile-missing")
    assert f.requirement == "ASF-2.b" and f.params["field"] == "participation"
    assert requirement(result, "ASF-2.b").status == "open"
