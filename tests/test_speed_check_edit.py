"""A check after an edit reads again only what changed, and says what it said before:
never stale (an edit of the same size in the same second is seen), the same bytes as
--no-cache, the public bodies list kept by its content, organisation numbers and
personal identity numbers told as python-stdnum tells them, without loading it."""

import datetime as dt
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import AS_OF, make_company, same_size_edit

from asfcert.io.cache import Cache
from asfcert.rules import public_bodies
from asfcert.rules.org_number import formatted, invalid_reason

ASFCERT = str(Path(sys.executable).parent / "asfcert")


def program(*args, env=None):
    return subprocess.run([ASFCERT, *args], capture_output=True, env={**os.environ, "COLUMNS": "80", **(env or {})}, timeout=120, check=False)


@pytest.mark.parametrize("where", ["company.yaml", "self-assessment"])
def test_an_edit_of_the_same_size_in_the_same_second_is_seen(tmp_path, where):
    root = make_company(tmp_path / "c")
    env = {"ASFCERT_CACHE_DIR": str(tmp_path / "cache")}
    args = ("check", str(root), "--as-of", AS_OF.isoformat(), "--format", "json")
    before = program(*args, env=env)
    assert before.returncode == 0 and program(*args, env=env).stdout == before.stdout
    if where == "company.yaml":
        same_size_edit(root / "company.yaml", "share_percent: 100", "share_percent: 200")
    else:
        path = min((root / "self-assessment").glob("*.yaml"))
        text = path.read_text(encoding="utf-8")
        status = next(s for s in ("status: met", "status: uppfyllt") if s in text)
        same_size_edit(path, status, status[:-1] + "X")
    after = program(*args, env=env)
    fresh = program(*args, "--no-cache", env=env)
    assert after.stdout != before.stdout
    assert (after.returncode, after.stdout) == (fresh.returncode, fresh.stdout)


@pytest.mark.parametrize("fmt", ["terminal", "json", "markdown"])
def test_after_an_edit_the_same_bytes_as_without_the_cache(tmp_path, fmt):
    root = make_company(tmp_path / "c")
    env = {"ASFCERT_CACHE_DIR": str(tmp_path / "cache")}
    args = ("check", str(root), "--as-of", AS_OF.isoformat(), "--format", fmt)
    program(*args, env=env)
    profile = root / "company.yaml"
    for i in range(2):  # twice: the second edit is checked with the first one's parses kept
        profile.write_text(profile.read_text(encoding="utf-8").replace("Testföretaget", f"Testföretaget {i}"), encoding="utf-8")
        cached, fresh = program(*args, env=env), program(*args, "--no-cache", env=env)
        assert (cached.returncode, cached.stdout, cached.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)
        assert f"Testföretaget {i}".encode() in cached.stdout


def test_a_check_after_an_edit_loads_no_stdnum(tmp_path):
    """stdnum's package loads stdnum.util, which loads ssl and pydoc: plain numbers need none of it."""
    root = make_company(tmp_path / "c", owners=[{"name": "Region Dalarna", "org_number": "232100-0180", "kind": "public-sector", "share_percent": 1},
                                               {"name": "Medlemmarna", "kind": "members", "share_percent": 99}])
    code = (
        "import sys\n"
        "from asfcert.cli import main\n"
        "try:\n"
        f"    main(['check', {str(root)!r}, '--as-of', {AS_OF.isoformat()!r}, '--format', 'json', '--no-cache'])\n"
        "except SystemExit as done:\n"
        "    print('exit', done.code, 'stdnum' in sys.modules, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, check=False)
    assert proc.stderr.strip().endswith(b"exit 1 False"), proc.stderr[-2000:]
    assert "public-owner" in {f["code"] for f in json.loads(proc.stdout)["findings"]}


# -- the public bodies list, kept by its content -------------------------------------


@pytest.fixture
def bodies_list(tmp_path, monkeypatch):
    """A copy of the shipped list the rules read, to edit."""
    from asfcert.base import resources

    shipped = resources.data_dir("standard") / "public-bodies.yaml"
    folder = tmp_path / "data"
    folder.mkdir()
    copy = folder / "public-bodies.yaml"
    copy.write_bytes(shipped.read_bytes())
    monkeypatch.setattr(resources, "data_dir", lambda name: folder)
    monkeypatch.setattr(public_bodies, "_MEMO", {})
    return copy


def test_the_kept_list_is_the_parsed_one(tmp_path, bodies_list):
    parsed = public_bodies._bodies(None)
    public_bodies._MEMO.clear()
    cache = Cache(root=tmp_path / "cache")
    first = public_bodies._bodies(cache)
    assert len(list((tmp_path / "cache" / "public-bodies").rglob("*.json"))) == 1
    public_bodies._MEMO.clear()
    kept = public_bodies._bodies(cache)
    assert kept == first == parsed and len(kept) > 300
    assert public_bodies.public_name("Stockholms stad", cache=cache).en == "Stockholm (municipality)"


def test_an_edited_list_is_seen(tmp_path, bodies_list):
    cache = Cache(root=tmp_path / "cache")
    assert public_bodies.public_name("Testköpings kommun", cache=cache).en == "the word “kommun”"
    text = bodies_list.read_text(encoding="utf-8")
    bodies_list.write_text(text.replace("municipalities:\n", "municipalities:\n  - name: Testköping\n", 1), encoding="utf-8")
    found = public_bodies.public_name("Testköpings kommun", cache=cache)
    assert found is not None and found.sv == "Testköping (kommun)"
    assert len(list((tmp_path / "cache" / "public-bodies").rglob("*.json"))) == 2


@pytest.mark.parametrize("damage", [b"", b"[1]", b'[["a", "b", "c"]]', b'{"a": 1}'])
def test_a_damaged_entry_is_parsed_again(tmp_path, bodies_list, damage):
    cache = Cache(root=tmp_path / "cache")
    parsed = public_bodies._bodies(cache)
    entry, = (tmp_path / "cache" / "public-bodies").rglob("*.json")
    entry.write_bytes(damage)
    public_bodies._MEMO.clear()
    assert public_bodies._bodies(cache) == parsed
    public_bodies._MEMO.clear()
    assert public_bodies._bodies(cache) == parsed


def test_no_cache_keeps_no_list(tmp_path, bodies_list):
    public_bodies._bodies(Cache(enabled=False, root=tmp_path / "cache"))
    assert not (tmp_path / "cache").exists()


# -- numbers, told as python-stdnum tells them ----------------------------------------


def numbers() -> list[str]:
    rnd = random.Random(10)
    out = ["".join(rnd.choice("0123456789") for _ in range(10)) for _ in range(20000)]
    out += ["829502-4247", "829502.4247", "829502–4247", "82950242", "82950242477", "829502424x", "８２９５０２４２４７", "", "-"]
    return out


def test_organisation_numbers_as_stdnum_tells_them():
    from stdnum.exceptions import ValidationError
    from stdnum.se import orgnr

    valid = 0
    for text in numbers():
        try:
            orgnr.validate(text)
            expected = None
        except ValidationError as e:
            expected = type(e).__name__
        reason = invalid_reason(text)
        assert (reason is None) == (expected is None), text
        if expected is not None:
            from asfcert.rules.org_number import _REASONS

            assert reason == _REASONS.get(expected, reason), text
        else:
            valid += 1
            assert formatted(text) == orgnr.format(text), text
    assert valid > 1000


def reference_hit(date_part: str, sep: str, serial: str, today: dt.date):
    """What evidence.privacy said of a candidate before it looked at the month first."""
    from stdnum import luhn
    from stdnum.exceptions import ValidationError
    from stdnum.se import personnummer

    if len(date_part) == 8 and date_part[:2] not in ("18", "19", "20"):
        return None
    day = int(date_part[-2:])
    kind = "samordningsnummer" if day > 60 else "personnummer"
    as_birth = date_part[:-2] + f"{day - 60:02d}" if day > 60 else date_part
    number = as_birth + ("+" if sep == "+" else "-") + serial
    try:
        birth = personnummer.get_birth_date(number)
    except (ValidationError, ValueError):
        return None
    valid = personnummer.is_valid(number) if kind == "personnummer" else luhn.is_valid(date_part[-6:] + serial)
    if not valid or birth > today or birth.year < 1880:
        return None
    return f"{birth.year // 100:02d}{date_part[-6:]}-****", kind


def test_personal_identity_numbers_as_before():
    from asfcert.evidence.privacy import _check

    rnd = random.Random(11)
    found = 0
    for month in range(100):
        for day in (1, 15, 29, 31, 61, 75, 91):
            for prefix in ("", "19", "20", "17"):
                date_part = f"{prefix}{rnd.randrange(100):02d}{month:02d}{day:02d}"
                for check_digit in range(10):
                    serial = f"{rnd.randrange(1000):03d}{check_digit}"
                    for sep in ("-", "+", ""):
                        hit = _check(date_part, sep, serial, AS_OF)
                        got = (hit.masked, hit.kind) if hit else None
                        assert got == reference_hit(date_part, sep, serial, AS_OF), (date_part, sep, serial)
                        found += got is not None
    assert found > 300


def test_names_found_as_the_patterns_found_them():
    """`_named` says what the two patterns it replaced said, at every kind of edge."""
    import re

    rnd = random.Random(12)
    pieces = ["falun", "falu", "region dalarna", "dalarnaregionen", "s", " ", "  ", "kommun", "stad", "stads", "-", "_", "x",
              "7", "é", "ö", "(", ")", ".", "kommunen", "stadsdel", "\u00b2", "\u0663", "s kommun", " stad-x", "faluns"]
    for _ in range(20000):
        folded = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 8)))
        for listed in ("falun", "falu", "region dalarna", "dalarnaregionen"):
            town = not (listed.startswith("region ") or listed.endswith("regionen"))
            pattern = rf"(?<![\w-]){re.escape(listed)}s? (kommun|stad)\w*(?![\w-])" if town else rf"(?<![\w-]){re.escape(listed)}(?![\w-])"
            assert public_bodies._named(folded, listed, town) == bool(re.search(pattern, folded)), (folded, listed)
