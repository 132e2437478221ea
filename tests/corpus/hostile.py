"""Hostile contents and file-system tricks, each a function that replaces one file in place.

YAML variants take the file's current text and return new bytes, so a variant applies to
any of the world's YAML files (company.yaml, cohort.yaml, the audit record, ...). File
variants replace the path with something that is not a plain readable file. PDF variants
come from tests/fixtures/hostile_pdfs.py."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from pathlib import Path

from fixtures import hostile_pdfs

Mutation = Callable[[Path], None]

# ---- YAML: text in, bytes out ---------------------------------------------------------------


def _first(pattern: str, text: str, replace: str) -> str:
    new, n = re.subn(pattern, replace, text, count=1, flags=re.M)
    assert n == 1, f"no match for {pattern!r}"
    return new


def alias_bomb(text: str) -> bytes:
    """The billion laughs: nine levels of nine aliases each."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def deep_flow(text: str) -> bytes:
    return b"[" * 100_000 + b"]" * 100_000 + b"\n"


def deep_block(text: str) -> bytes:
    return "".join("  " * i + f"n{i}:\n" for i in range(80)).encode() + b"  " * 80 + b"x: 1\n"


def deep_dashes(text: str) -> bytes:
    """Block nesting on one line: libyaml's composer recursed in C and crashed (exit 139)."""
    return (text.rstrip("\n") + "\nextra:\n  " + "- " * 100_000 + "x\n").encode()


def deep_questions(text: str) -> bytes:
    """Complex keys nested the same way: `? ? ? … x`."""
    return (text.rstrip("\n") + "\n" + "? " * 100_000 + "x\n").encode()


def many_keys(text: str) -> bytes:
    """A legal map of 100,000 keys: composing and constructing it took about a minute."""
    return (text.rstrip("\n") + "\nextra:\n" + "".join(f"  k{i}: {i}\n" for i in range(100_000))).encode()


def timestamp_tag(text: str) -> bytes:
    """An explicit tag on a value that is no date: the constructor raised past the loader."""
    return _first(r"(?<=: )\d{4}-\d{2}-\d{2}$", text, "!!timestamp x").encode()


def duplicate_key(text: str) -> bytes:
    first = next(line for line in text.splitlines() if re.match(r"^[a-z_]+:", line))
    return (text.rstrip("\n") + "\n" + first + "\n").encode()


def tab_indent(text: str) -> bytes:
    return _first(r"^  (?=\S)", text, "\t").encode()


def bom_crlf(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()


def latin1(text: str) -> bytes:
    assert any(ch in text for ch in "åäöÅÄÖ")
    return text.encode("latin-1", errors="replace")


def utf16(text: str) -> bytes:
    return text.encode("utf-16")


def nul_byte(text: str) -> bytes:
    return text.encode() + b"\x00\x01binary\n"


def control_character(text: str) -> bytes:
    return text.encode() + b"note: \x1b[31mred\x1b[0m\n"


def list_root(text: str) -> bytes:
    return b"- name: en lista\n- name: i st\xc3\xa4llet\n"


def scalar_root(text: str) -> bytes:
    return b"bara en rad text\n"


def huge_number(text: str) -> bytes:
    return _first(r"(?<=: )\d+$", text, "1e999").encode()


def long_integer(text: str) -> bytes:
    return _first(r"(?<=: )\d+$", text, "9" * 5000).encode()


def invalid_date(text: str) -> bytes:
    return _first(r"(?<=: )\d{4}-\d{2}-\d{2}$", text, "2025-13-01").encode()


def yaml_1_1_norway(text: str) -> bytes:
    """A YAML 1.1 header, where `NO` would be false: asfcert reads YAML 1.2 words only."""
    return ("%YAML 1.1\n---\n" + _first(r"(?<=^county: ).*$", text, "NO")).encode()


def escaped_controls(text: str) -> bytes:
    """A name that YAML escapes fill with terminal escape sequences, NUL, a bidi override, a
    formula for spreadsheets and the Unicode line breaks. It is valid YAML and a valid name:
    every command must show it harmlessly (never raw in the output, never a formula)."""
    name = r'"=HYPERLINK(\"http://x\") Gröna \e[2J\e]0;titel\a \0 \u202e evil \L \N slut"'
    return _first(r"(?<=^name: ).*$", text, name.replace("\\", "\\\\")).encode()


def python_tag(text: str) -> bytes:
    """Would run a command in the working folder if a loader constructed it."""
    return _first(r"(?<=^)(\w+):.*$", text, r"\1: !!python/object/apply:os.system ['touch PWNED']").encode()


def several_documents(text: str) -> bytes:
    return (text.rstrip("\n") + "\n---\n" + text).encode()


def too_large(text: str) -> bytes:
    return text.encode() + (b"# " + b"x" * 78 + b"\n") * 40_000  # 3.2 MB of comments


def cut_in_half(text: str) -> bytes:
    """What a write interrupted half-way would leave, without atomic writes."""
    data = text.encode()
    return data[: len(data) // 2]


def comments_only(text: str) -> bytes:
    return b"# bara kommentarer\n"


def empty(text: str) -> bytes:
    return b""


def yaml(transform: Callable[[str], bytes]) -> Mutation:
    def apply(path: Path) -> None:
        path.write_bytes(transform(path.read_text(encoding="utf-8")))

    apply.__name__ = transform.__name__
    return apply


# ---- the file system --------------------------------------------------------------------------


def folder_in_place(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside.txt").write_text("en fil i mappen\n")


def symlink_loop(path: Path) -> None:
    path.unlink()
    os.symlink(path.name, path)


def dangling_link(path: Path) -> None:
    path.unlink()
    os.symlink("finns-inte" + path.suffix, path)


def link_out(path: Path) -> None:
    """A link to a readable copy of the file outside the world (the folder given)."""
    outside = _outside(path) / ("outside-" + path.name)
    outside.write_bytes(path.read_bytes())
    path.unlink()
    os.symlink(outside, path)


def _outside(path: Path) -> Path:
    """The run folder, which holds the world: outside every folder a command is given."""
    for parent in path.parents:
        if parent.name == "world":
            return parent.parent
    raise AssertionError(f"{path} is not in a world")


def unreadable(path: Path) -> None:
    """No read permission. The harness runs the command without the capabilities that
    let root read it anyway (see harness.py)."""
    os.chmod(path, 0o000)


def fifo(path: Path) -> None:
    """A named pipe that nobody writes to: opening it for reading would block forever."""
    path.unlink()
    os.mkfifo(path)


def sparse_huge(path: Path) -> None:
    """A 3 GB file that takes no disk space: reading it whole would need 3 GB of memory."""
    head = path.read_bytes()[:4096]
    with open(path, "wb") as fh:
        fh.write(head)
        fh.truncate(3 * 2**30)


def odd_name(path: Path) -> None:
    """A copy of the file under a name with a colon, comma, brackets, a hash, quotes, an
    escape sequence and a newline: all allowed in file names on Linux and macOS."""
    (path.parent / ("möte: 2026-03-12, [utkast] #2 'x' \"y\" \x1b[31m\nslut" + path.suffix)).write_bytes(path.read_bytes())


def non_utf8_name(path: Path) -> None:
    """A copy of the file under a name that is not UTF-8 (bytes 0xFF 0xFE), as an old
    Windows or Latin-1 system may leave it: shown escaped (`%FF%FE`) and handled as any file."""
    with open(os.fsencode(path.parent) + b"/kopia-\xff\xfe" + os.fsencode(path.suffix), "wb") as fh:
        fh.write(path.read_bytes())


def case_twin(path: Path) -> None:
    """A second file whose name differs only in case, with other, broken content."""
    twin = path.with_name(path.name.upper() if path.name.islower() else path.name.lower())
    twin.write_bytes(b"name: [inte samma fil\n")


def nfd_twin(path: Path) -> None:
    """The file once more under a name with å, ä, ö in NFC and once in NFD (as a Mac
    writes it): two different names on Linux for what looks like one file."""
    import unicodedata

    base = "Årsredovisning ändrad öppen" + path.suffix
    for form in ("NFC", "NFD"):
        (path.parent / unicodedata.normalize(form, base)).write_bytes(path.read_bytes())


# ---- PDFs -------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def _pdf(name: str) -> bytes:
    return hostile_pdfs.HOSTILE[name]()


def pdf(name: str) -> Mutation:
    def apply(path: Path) -> None:
        path.write_bytes(_pdf(name))

    apply.__name__ = name.replace("-", "_")
    return apply
