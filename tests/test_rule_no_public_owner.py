"""no-public-owner: no public-sector owner, not even 1 %."""

import pytest
from helpers import codes, line_of, only, requirement, run


def owners(public_share, kind="public-sector"):
    rows = [{"name": "Medlemmarna", "kind": "members", "share_percent": 100 - public_share}]
    if public_share is not None:
        rows.append({"name": "Sjöstads kommun", "kind": kind, "share_percent": public_share})
    return rows


def test_no_public_owner_passes(company):
    result = run(company(owners=owners(0)[:1]))
    assert requirement(result, "ASF-4.b").status == "ready"


@pytest.mark.parametrize("share", [1, 0.5, 10, 100])
def test_any_public_share_fails(company, share):
    root = company(owners=owners(share))
    f = only(run(root), "public-owner")
    assert f.requirement == "ASF-4.b"
    assert f.location.line == line_of(root / "company.yaml", "kind: public-sector")


@pytest.mark.parametrize("kind", ["kommun", "Region", "offentlig sektor", "samordningsförbund"])
def test_swedish_names_for_public_bodies_count(company, kind):
    assert "public-owner" in codes(run(company(owners=owners(5, kind))))


def test_public_owner_without_share_fails(company):
    result = run(company(owners=[{"name": "Staten", "kind": "stat"}]))
    assert "public-owner" in codes(result)


def test_missing_owners_is_open(company):
    result = run(company(owners=None))
    assert only(result, "profile-missing").requirement == "ASF-4.b"
    assert requirement(result, "ASF-4.b").status == "open"
