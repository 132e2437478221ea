"""Reading an open file whole, but never more than a bound: by its size, not into a buffer
of the bound (a buffered read of the bound allocates it all first: 2 MiB per YAML file,
256 MiB per PDF)."""

from __future__ import annotations

import os

_CHUNK = 1 << 16


def read_at_most(fd: int, size: int, most: int) -> bytes:
    """At most `most` bytes of the open file `fd`, whose status said `size`: one read of its
    size and one more byte, which a regular file answers short only at its end. A file that
    grew since its status is read on, up to `most` (the caller's size check then refuses it)."""
    want = min(size + 1, most)
    data = os.read(fd, want)
    if len(data) < want or len(data) >= most:
        return data
    parts, total = [data], len(data)
    while total < most:
        more = os.read(fd, min(_CHUNK, most - total))
        if not more:
            break
        parts.append(more)
        total += len(more)
    return b"".join(parts)
