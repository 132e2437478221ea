"""Reading DER (ASN.1's distinguished encoding) strictly: what asfcert reads of a CMS
signature (certify/cms.py) and of a PKCS#12 key file (records/key_unlock.py). Elements are
located, never trusted: the callers rebuild or decrypt what they find and compare."""

from __future__ import annotations


def read(data: bytes, pos: int, end: int) -> tuple[int, int, int]:
    """(tag, start of the content, end of the content) of the DER element at `pos`; ValueError
    when it is not one within `end` (no indefinite lengths, no long form for short ones)."""
    if pos + 2 > end:
        raise ValueError("truncated")
    tag, first = data[pos], data[pos + 1]
    pos += 2
    if first < 0x80:
        size = first
    else:
        count = first & 0x7F
        if not 1 <= count <= 3 or pos + count > end:
            raise ValueError("length")
        size = int.from_bytes(data[pos : pos + count], "big")
        if size < 0x80 or size >> (8 * (count - 1)) == 0:
            raise ValueError("length not minimal")
        pos += count
    if pos + size > end:
        raise ValueError("truncated")
    return tag, pos, pos + size


def children(data: bytes, start: int, end: int, most: int = 16) -> list[tuple[int, int, int, int]]:
    """The elements inside [start, end): (tag, element start, content start, end)."""
    out = []
    pos = start
    while pos < end:
        if len(out) >= most + 1:
            raise ValueError("too many elements")
        tag, content, stop = read(data, pos, end)
        out.append((tag, pos, content, stop))
        pos = stop
    return out
