"""The kind of a file from the words in its name, as docs/reference/evidence-kinds.md says."""

from __future__ import annotations

import pytest

from asfcert.base.resources import default_standard
from asfcert.company.manifest import classify
from asfcert.standard.load import load_standard

STANDARD = load_standard(default_standard())[0]


@pytest.mark.parametrize(("path", "kind"), [
    ("evidence/policyer/miljopolicy.pdf", "environment-policy"),  # å, ä, ö match a, a, o
    ("evidence/policyer/Delegationsordning 2026.pdf", "delegation-order"),
    ("evidence/policyer/likabehandlingspolicy.pdf", "social-policy"),
    ("evidence/policyer/delaktighetspolicy.pdf", "participation-policy"),
    ("evidence/policyer/policy.pdf", None),  # four kinds share the folder: a word is needed
    ("evidence/lon/lonesammanstallning-2026.pdf", "payroll-summary"),  # `sam` must begin a word
    ("evidence/arbetsmiljo/sam-uppfoljning.pdf", "work-environment"),
    ("evidence/stadgar/dokument.pdf", "statutes"),  # a folder of one kind gives its kind
])
def test_the_kind_comes_from_the_words_of_the_name(path, kind):
    assert classify(path, STANDARD) == kind
