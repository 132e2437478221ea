"""Text, byte and file-name mutations: what an editor, a copy between systems, a broken disk
or another operating system does to a file.

    text    on the lines of the file: BOMs, line ends, TABs, comments with odd characters,
            lines deleted or moved, directives and document markers, other encodings,
            invalid UTF-8, NUL bytes, padding
    bytes   on raw bytes: flip bits, insert, delete, duplicate, truncate, overwrite
    names   in the folder: a copy of the file (or a PDF of the company) under a name that is
            not UTF-8, holds a newline or an escape sequence, or is 240 bytes long

Text and byte mutators take (rng, data, variant) and return (new data, what they did), or
None when the data has no place for them; name mutators take (rng, path, variant, company)."""

from __future__ import annotations

import os
import random
import re
import shutil
from pathlib import Path

from fuzz.mutators import Mutator

BOM = b"\xef\xbb\xbf"


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="surrogateescape")


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogateescape")


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _line_index(rng: random.Random, lines: list[bytes], pattern: bytes = rb".") -> int | None:
    hits = [i for i, line in enumerate(lines) if re.search(pattern, line)]
    return rng.choice(hits) if hits else None


def _value_offset(rng: random.Random, data: bytes) -> int:
    """An offset inside some value (after `key: `), or anywhere when there is none."""
    hits = [m.end() for m in re.finditer(rb"^[ -]*[^\s:#][^:\n]*: (?=\S)", data, re.MULTILINE)]
    return rng.choice(hits) if hits else rng.randrange(len(data) + 1)


# ---- text ----------------------------------------------------------------------------------------


def bom(rng: random.Random, data: bytes, variant: str) -> tuple[bytes, str]:
    text = _text(data)
    if variant == "start":
        return BOM + data, "BOM"
    if variant == "twice":
        return BOM + BOM + data, "two BOMs"
    if variant == "middle":
        at = _value_offset(rng, data)
        return data[:at] + BOM + data[at:], f"BOM at byte {at}"
    if variant == "crlf":
        return BOM + data.replace(b"\n", b"\r\n"), "BOM and CRLF"
    codec = {"utf16-le": "utf-16-le", "utf16-be": "utf-16-be", "utf32": "utf-32"}[variant]
    head = {"utf16-le": b"\xff\xfe", "utf16-be": b"\xfe\xff", "utf32": b""}[variant]
    return head + text.encode(codec, errors="replace"), f"re-encoded as {codec}"


def line_endings(rng: random.Random, data: bytes, variant: str) -> tuple[bytes, str]:
    if variant == "mixed":
        lines = _lines(data)
        return b"".join(line + rng.choice([b"\n", b"\r\n", b"\r"]) for line in lines[:-1]) + lines[-1], "mixed line ends"
    if variant == "no-final-newline":
        return data.rstrip(b"\n"), "no final newline"
    ending = {"crlf": b"\r\n", "cr": b"\r", "nel": "\x85".encode(), "ls": "\u2028".encode(), "ps": "\u2029".encode()}[variant]
    return data.replace(b"\n", ending), f"line ends {variant}"


def tab(rng: random.Random, data: bytes, variant: str) -> tuple[bytes, str] | None:
    lines = _lines(data)
    pattern = {"indent": rb"^ +\S", "after-colon": rb"^[^#\n]*\w: \S", "in-value": rb"^[^#\n]*\w: \S",
               "trailing": rb"^[^#\n]*\w: \S", "in-comment": rb"\S", "tabs-line": rb""}[variant]
    i = _line_index(rng, lines, pattern)
    if i is None:
        return None
    line = lines[i]
    if variant == "indent":
        lines[i] = b"\t" + line.lstrip(b" ")
    elif variant == "after-colon":
        lines[i] = line.replace(b": ", b":\t", 1)
    elif variant == "in-value":
        at = line.index(b": ") + 2
        cut = rng.randrange(at, len(line) + 1)
        lines[i] = line[:cut] + b"\t" + line[cut:]
    elif variant == "trailing":
        lines[i] = line.rstrip(b"\r") + b"\t"
    elif variant == "in-comment":
        lines[i] = line + b"  # kommentar\tmed tabb"
    else:
        lines.insert(i, b"\t\t")
    return b"\n".join(lines), f"TAB {variant} on line {i + 1}"


_COMMENT_CHARS = {
    "tab": "\t", "nel": "\x85", "ls": "\u2028", "ps": "\u2029", "control": "\x1b[31m\x07", "bom": "\ufeff",
    "bidi": "\u202e", "invalid-utf8": "\udcff", "long": "x" * 100_000,
}


def comment(rng: random.Random, data: bytes, variant: str) -> tuple[bytes, str]:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    text = _bytes("# kommentar " + _COMMENT_CHARS[variant] + " slut")
    if rng.random() < 0.5 and lines[i].strip():
        lines[i] = lines[i] + b"  " + text
    else:
        indent = re.match(rb" *", lines[i]).group()
        lines.insert(i, indent + text)
    return b"\n".join(lines), f"comment with {variant} at line {i + 1}"


def line_ops(rng: random.Random, data: bytes, variant: str) -> tuple[bytes, str] | None:
    lines = _lines(data)
    if len(lines) < 3:
        return None
    i, j = rng.sample(range(len(lines)), 2)
    if variant == "dedent":
        i = _line_index(rng, lines, rb"^ ")
        if i is None:
            return None
    if variant == "delete":
        del lines[i]
    elif variant == "duplicate":
        lines.insert(i, lines[i])
    elif variant == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif variant == "move":
        lines.insert(j, lines.pop(i))
    elif variant == "indent":
        lines[i] = b" " * rng.choice([1, 2, 3]) + lines[i]
    elif variant == "dedent":
        lines[i] = lines[i][1:]
    else:  # join
        lines[i:i + 2] = [lines[i] + b" " + (lines[i + 1] if i + 1 < len(lines) else b"")]
    return b"\n".join(lines), f"{variant} line {i + 1}"


_DOCUMENT = {
    "yaml-1.1": lambda d: b"%YAML 1.1\n---\n" + d,
    "yaml-1.3": lambda d: b"%YAML 1.3\n---\n" + d,
    "yaml-2.0": lambda d: b"%YAML 2.0\n---\n" + d,
    "tag-directive": lambda d: b"%TAG !e! tag:example.com,2000:\n---\n" + d,
    "directive-without-marker": lambda d: b"%YAML 1.2\n" + d,
    "start-marker": lambda d: b"--- " + d,
    "end-marker": lambda d: d + b"\n...\n",
    "second-document": lambda d: d + b"\n---\n" + d,
    "empty-documents": lambda d: b"---\n---\n" + d,
    "end-then-garbage": lambda d: d + b"\n...\nskr\xc3\xa4p: [\n",
}


def document(rng: random.Random, data: bytes, variant: str) -> tuple[bytes, str]:
    return _DOCUMENT[variant](data), variant


def encoding(rng: random.Random, data: bytes, variant: str) -> tuple[bytes, str]:
    return _text(data).encode(variant, errors="replace"), f"saved as {variant}"


def invalid_utf8(rng: random.Random, data: bytes, variant: tuple[str, str]) -> tuple[bytes, str]:
    where, hexbytes = variant
    at = _value_offset(rng, data) if where == "in-value" else rng.randrange(len(data) + 1)
    return data[:at] + bytes.fromhex(hexbytes) + data[at:], f"{hexbytes} at byte {at}"


def nul(rng: random.Random, data: bytes, variant: str) -> tuple[bytes, str]:
    if variant == "many":
        return data.replace(b" ", b"\x00", rng.randint(1, 20)), "NULs for spaces"
    at = {"start": 0, "end": len(data), "middle": rng.randrange(len(data) + 1)}.get(variant)
    at = _value_offset(rng, data) if at is None else at
    return data[:at] + b"\x00" + data[at:], f"NUL at byte {at}"


def padding(rng: random.Random, data: bytes, variant: str) -> tuple[bytes, str]:
    filler = {
        "comments-1.9MB": (b"# " + b"x" * 78 + b"\n") * 23_700,
        "comments-2.1MB": (b"# " + b"x" * 78 + b"\n") * 26_300,
        "blank-lines-100k": b"\n" * 100_000,
        "spaces-1MB": b" " * 1_000_000 + b"\n",
    }[variant]
    return (filler + data if rng.random() < 0.5 else data + b"\n" + filler), variant


# ---- bytes ---------------------------------------------------------------------------------------


def flip(rng: random.Random, data: bytes, variant: int) -> tuple[bytes, str] | None:
    if not data:
        return None
    out = bytearray(data)
    for _ in range(variant):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out), f"{variant} bits flipped"


def insert_bytes(rng: random.Random, data: bytes, variant: int) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(variant) + data[at:], f"{variant} random bytes at {at}"


def delete_bytes(rng: random.Random, data: bytes, variant: int | str) -> tuple[bytes, str] | None:
    if not data:
        return None
    length = len(data) // 2 if variant == "half" else min(variant, len(data))
    at = rng.randrange(len(data) - length + 1)
    return data[:at] + data[at + length:], f"{length} bytes deleted at {at}"


def duplicate_chunk(rng: random.Random, data: bytes, variant: int) -> tuple[bytes, str] | None:
    if not data:
        return None
    at = rng.randrange(len(data))
    chunk = data[at:at + variant]
    to = rng.randrange(len(data) + 1)
    return data[:to] + chunk + data[to:], f"{len(chunk)} bytes from {at} copied to {to}"


def truncate(rng: random.Random, data: bytes, variant: str) -> tuple[bytes, str]:
    at = {"half": len(data) // 2, "last-byte": max(len(data) - 1, 0), "empty": 0,
          "first-line": data.find(b"\n") + 1}.get(variant)
    at = rng.randrange(len(data) + 1) if at is None else at
    return data[:at], f"cut at byte {at}"


def overwrite(rng: random.Random, data: bytes, variant: int) -> tuple[bytes, str] | None:
    if not data:
        return None
    at = rng.randrange(len(data))
    return data[:at] + rng.randbytes(variant) + data[at + variant:], f"{variant} bytes overwritten at {at}"


# ---- names ---------------------------------------------------------------------------------------

NAMES = {
    "not-utf8": b"\xff\xfe-fil", "latin1": b"m\xf6te", "surrogate": b"\xed\xa0\x80", "newline": b"rad\nbrytning",
    "escape": b"\x1b[31mr\xc3\xb6d\x1b[0m", "long": b"l" * 240, "space": b" ", "dash": b"-", "dot": b".dold",
    "number": b"ASF-2026-0002",
}


def odd_name(rng: random.Random, path: Path, variant: tuple[str, str], company: Path | None) -> str | None:
    where, name = variant
    stem = NAMES[name]
    if where == "evidence":
        if company is None:
            return None
        pdfs = sorted(p for p in (company / "evidence").rglob("*.pdf"))
        if not pdfs:
            return None
        source = rng.choice(pdfs)
        target = source.parent / os.fsdecode(stem + b".pdf")
        shutil.copyfile(source, target)
        return f"{source.relative_to(company)} copied as {target.name!a}"
    target = path.parent / os.fsdecode(stem + path.suffix.encode())
    if not path.is_file():
        return None
    if where == "rename":
        path.rename(target)
        return f"renamed to {target.name!a}"
    shutil.copyfile(path, target)
    return f"copied as {target.name!a}"


_UTF8_BAD = ("ff", "c3", "eda080", "c0af", "f4908080", "80", "e282")

TEXT = (
    Mutator("bom", "text", ("start", "twice", "middle", "crlf", "utf16-le", "utf16-be", "utf32"), bom),
    Mutator("line-endings", "text", ("crlf", "cr", "mixed", "nel", "ls", "ps", "no-final-newline"), line_endings),
    Mutator("tab", "text", ("indent", "after-colon", "in-value", "trailing", "in-comment", "tabs-line"), tab),
    Mutator("comment", "text", tuple(_COMMENT_CHARS), comment),
    Mutator("lines", "text", ("delete", "duplicate", "swap", "move", "indent", "dedent", "join"), line_ops),
    Mutator("document", "text", tuple(_DOCUMENT), document),
    Mutator("encoding", "text", ("latin-1", "cp1252", "utf-16", "mac-roman"), encoding),
    Mutator("invalid-utf8", "text", tuple((w, b) for w in ("anywhere", "in-value") for b in _UTF8_BAD), invalid_utf8),
    Mutator("nul", "text", ("start", "middle", "end", "in-value", "many"), nul),
    Mutator("padding", "text", ("comments-1.9MB", "comments-2.1MB", "blank-lines-100k", "spaces-1MB"), padding),
)
BYTES = (
    Mutator("flip", "bytes", (1, 4, 32), flip),
    Mutator("insert-bytes", "bytes", (1, 8, 64, 4096), insert_bytes),
    Mutator("delete-bytes", "bytes", (1, 8, 64, "half"), delete_bytes),
    Mutator("duplicate-chunk", "bytes", (8, 64, 1024), duplicate_chunk),
    Mutator("truncate", "bytes", ("half", "random", "last-byte", "first-line", "empty"), truncate),
    Mutator("overwrite", "bytes", (16, 256), overwrite),
)
NAMES_FAMILY = (
    Mutator("odd-name", "names", tuple((w, n) for w in ("beside", "rename", "evidence") for n in NAMES), odd_name),
)
