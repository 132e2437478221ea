"""The cold cohort run's shortcuts give what the straightforward code gave (issue 17 item
4): finding a company's number in a document without compiling a pattern per number, the
public bodies named in a text with the list indexed by first letters, and a manifest with
each file name classified once per process."""

from __future__ import annotations

import itertools
import re
import string

from hypothesis import given
from hypothesis import strategies as st

from asfcert.evidence.text import find_org_number, org_number_pattern

NUMBER = "7696123456"
PIECES = [NUMBER[:6], NUMBER[6:], NUMBER, "16", "SE", "se", "01", "1", "0", "-", "\u2013", " ", "\u00a0", "x", "\n", "55667", "7", "٧"]


def _as_before(texts: list[str], digits: str):
    pattern = org_number_pattern(digits)
    for i, text in enumerate(texts):
        m = pattern.search(text)
        if m:
            return i + 1, m.group(0)
    return None


@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=14).map("".join), max_size=3))
def test_the_number_is_found_where_its_own_pattern_finds_it(texts):
    assert find_org_number(texts, NUMBER) == _as_before(texts, NUMBER)


def test_the_forms_of_a_number():
    for text, found in [
        ("Org.nr 769612-3456.", "769612-3456"), ("16769612-3456", "16769612-3456"), ("SE769612345601", "SE769612345601"),
        ("se 769612 3456 01", "se 769612 3456 01"), ("1769612-3456", None), ("769612-34567", None),
        ("556677-8899 och 769612\u00a03456", "769612\u00a03456"), ("16769612345 769612-3456", "769612-3456"),
    ]:
        assert find_org_number(["", text], NUMBER) == ((2, found) if found else None), text
        assert find_org_number(["", text], NUMBER) == _as_before(["", text], NUMBER)


def test_digits_that_are_not_ascii_use_their_own_pattern():
    digits = "٧٦٩٦١٢٣٤٥٦"
    assert find_org_number(["nr ٧٦٩٦١٢-٣٤٥٦"], digits) == _as_before(["nr ٧٦٩٦١٢-٣٤٥٦"], digits)
    assert re.search(r"\d", digits)


def test_public_names_as_before(monkeypatch):
    """With the bodies indexed by first letters, each name is found as when every body is
    compared with it."""
    from asfcert.rules import public_bodies
    from asfcert.rules.public_bodies import PUBLIC_WORDS, _bodies, public_name

    names = ["", "Bageriet AB", "Storstads kommun", "Region Skåne", "Regionen", "Ale kommun", "Åre kommunala bolag AB",
             "Stockholms stad", "stockholms-stad", "Övertorneå kommun", "Gotlands regionen", "Mora Stad AB", "Kommunalförbundet X"]
    for _, shown, _ in _bodies():
        names += [shown.sv, shown.sv.upper(), f"AB {shown.sv} fastigheter", shown.sv.replace(" ", "-"), shown.sv[:4]]
    indexed = [public_name(name, PUBLIC_WORDS) for name in names]
    assert sum(found is not None for found in indexed) > len(names) // 2
    every = list(range(len(_bodies())))
    monkeypatch.setattr(public_bodies, "_by_start", lambda digest: ({}, every))
    assert [public_name(name, PUBLIC_WORDS) for name in names] == indexed


def test_a_file_name_is_classified_as_before_whatever_was_classified_first():
    from asfcert.base.resources import default_standard
    from asfcert.company import manifest
    from asfcert.standard.load import load_standard

    standard = load_standard(default_standard())[0]
    rels = [f"evidence/{kind.folder}/{word}.pdf" for kind in standard.evidence_kinds for word in kind.keywords]
    rels += ["evidence/stadgar/protokoll-2026.pdf", "evidence/other/lon.pdf", "evidence/x.pdf", "evidence/Årsredovisning 2025.PDF"]
    manifest._KINDS.clear()
    first = [manifest.classify(rel, standard) for rel in rels]
    assert [manifest.classify(rel, standard) for rel in reversed(rels)] == first[::-1]
    assert first == [manifest._classify(rel, standard) for rel in rels]
    other = load_standard(default_standard())[0].model_copy(update={"evidence_kinds": standard.evidence_kinds[:1]})
    assert [manifest.classify(rel, other) for rel in rels] == [manifest._classify(rel, other) for rel in rels]


def test_messages_read_as_the_formatter_writes_them():
    """fmt's shortcut for templates of bare `{name}` fields gives the formatter's text."""
    from asfcert.base.i18n import _FORMATTERS, L10n, fmt
    from asfcert.cli.catalogue import catalogue

    params = {"file": "a.pdf", "n": 3, "kind": L10n("Stadgar", "Statutes"), "x": 2.5, "items": ["a", "b"]}
    templates = ["", "plain", "{{braces}} {file}", "{file} {n} {kind}", "{n:num} {kind}", "{x:pct}", "{items:list}", "{file!r}", "{n:>4}", "{}", "{0}", "{file.upper}", "{items[0]}", "{missing}", "{"]
    for kind in catalogue().values():
        for text in (kind.message, kind.hint):
            if text is not None:
                templates += [text.sv, text.en]
    plain = 0
    for template in templates:
        try:
            fields = [(name, spec) for _, name, spec, _ in string.Formatter().parse(template) if name]
        except ValueError:  # `{` alone: both raise
            fields = []
        values = itertools.cycle(["a.pdf", 3, L10n("på svenska", "in English"), "x"])
        wanted = {name: 41000.5 if spec in ("num", "pct") else ["a", "b"] if spec == "list" else next(values) for name, spec in fields}
        plain += bool(fields) and all(name.isidentifier() and not spec for name, spec in fields)
        for lang, params in itertools.product(("sv", "en"), (params, wanted)):
            try:
                expected = _FORMATTERS[lang].format(template, **params)
            except (KeyError, IndexError, ValueError, TypeError, AttributeError) as e:
                expected = type(e)
            try:
                got = fmt(template, lang, **params)
            except (KeyError, IndexError, ValueError, TypeError, AttributeError) as e:
                got = type(e)
            assert got == expected, template
    assert plain > 100  # the shortcut was taken


def test_a_file_is_inside_its_folder_exactly_when_resolving_both_says_so(tmp_path):
    """yamlfile._inside skips resolving a path with no link below the folder; with a link
    anywhere below it (a file, a folder), or `..`, it resolves as before."""
    import os
    from pathlib import Path

    from asfcert.io.yamlfile import _inside

    root = tmp_path / "company"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.yaml").write_text("a: 1\n")
    (tmp_path / "outside.yaml").write_text("a: 1\n")
    (tmp_path / "elsewhere").mkdir()
    (root / "out.yaml").symlink_to(tmp_path / "outside.yaml")
    (root / "in.yaml").symlink_to(root / "sub" / "a.yaml")
    (root / "outdir").symlink_to(tmp_path / "elsewhere")
    (root / "indir").symlink_to(root / "sub")
    (tmp_path / "link-to-company").symlink_to(root)
    cases = [root / "sub" / "a.yaml", root / "out.yaml", root / "in.yaml", root / "outdir" / "x.yaml", root / "indir" / "a.yaml",
             root / "sub" / ".." / ".." / "outside.yaml", root / "missing.yaml", tmp_path / "outside.yaml", root,
             tmp_path / "link-to-company" / "sub" / "a.yaml"]
    for folder in (root, tmp_path / "link-to-company"):
        for path in cases:
            real, top = Path(os.path.realpath(path)), Path(os.path.realpath(folder))
            assert _inside(path, folder) == (real == top or top in real.parents), (path, folder)
