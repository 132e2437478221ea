"""rules/public_bodies.py: the legal-entity groups of organisation numbers and the shipped
list of municipalities and regions, which both public-sector rules use."""

import pytest

from asfcert.rules.public_bodies import (
    GROUPS,
    PUBLIC_GROUP,
    number,
    public_name,
    public_sector,
)


@pytest.mark.parametrize(("text", "group", "public"), [
    ("212000-0142", "2", True),  # a municipality
    ("232100-0016", "2", True),  # a region
    ("202100-5489", "2", True),  # a state agency
    ("556036-0793", "5", False),  # a limited company
    ("829502-4247", "8", False),  # a non-profit association (SKOOPI)
    ("16829502-4247", "8", False),  # with the century prefix 16
])
def test_the_first_digit_is_the_legal_entity_group(text, group, public):
    read = number(text)
    assert read.problem is None and read.group == group and read.public is public and public_sector(text) is public


def test_a_bad_check_digit_or_a_persons_number_has_no_group():
    assert number("212000-0143").problem is not None and not public_sector("212000-0143")
    person = number("121212-1212")
    assert person.personal and person.group is None and person.shown == "121212-****"
    assert number(None) is None and number("  ") is None


def test_group_2_is_named_in_plain_words():
    assert GROUPS[PUBLIC_GROUP].sv == "kommun, region, stat eller församling"


def test_the_shipped_list_has_every_municipality_and_region_and_no_number():
    from asfcert.base.resources import data_dir
    from asfcert.io.yamlfile import load

    path = data_dir("standard") / "public-bodies.yaml"
    data = load(path, path.name).data
    assert len(data["municipalities"]) == 290 and len(data["regions"]) == 21
    assert len({m["code"] for m in data["municipalities"]}) == 290
    assert all(set(m) == {"code", "name", "county"} for m in data["municipalities"])  # names only: no number is ever written from memory
    assert "CC0" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "public"), [
    ("Storstads kommun", True), ("Kommunen", True), ("Stockholms stad", True), ("Göteborgs Stad", True), ("Borås Stad", True),
    ("Region Jämtland Härjedalen", True), ("Västra Götalandsregionen", True), ("Svenska kyrkan, Exempels församling", True),
    ("Medlemmarna", False), ("Snickarna AB", False), ("Kommunfastigheter i Norr AB", False), ("Regionteatern AB", False),
    ("Staden Café AB", False), ("Markens Trädgård AB", False),
])
def test_names_of_the_public_sector(name, public):
    assert (public_name(name) is not None) is public
