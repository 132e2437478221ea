"""The methods `dataclasses` writes, compiled once and kept.

`@dataclass` writes the source of each class's `__init__`, `__repr__`, `__eq__`, ... and
compiles it with `exec` on every import: about eighty classes on a check after an edit
(pydantic's, annotated-types' and asfcert's own), a tenth of its time. The compiled code
of each source text is kept in the cache (marshal, keyed by Python's version and bytecode
magic besides asfcert itself) and executed as `exec` would have compiled it: the same
text, file name, flags and globals, so the same functions. A text not kept yet is
compiled as always, and the entry is written again at exit.

The cache is the user's own folder, the same trust as Python's `__pycache__` (and Jinja's
bytecode cache, kept alike): an entry that cannot be read, or that holds anything but
source texts and their code, is removed and every text compiled again."""

from __future__ import annotations

import builtins
import marshal
import sys
import types

NAMESPACE = "dataclass-code"
_SUFFIX = ".marshal"
VERSION = 1  # bump when what is kept changes

_CODE: dict[str, types.CodeType] = {}
_new: list[str] = []


def _exec(source, globals=None, locals=None, /):
    """`exec` as dataclasses calls it, with the code of a source text compiled before."""
    if type(source) is not str:
        return builtins.exec(source, globals, locals)
    code = _CODE.get(source)
    if code is None:
        # dont_inherit: compiled with the flags of dataclasses' own module (no __future__
        # imports), not this one's, exactly as its `exec(txt, ...)` compiles the text
        code = compile(source, "<string>", "exec", dont_inherit=True)
        _CODE[source] = code
        _new.append(source)
    return builtins.exec(code, globals, locals)


def install(cache) -> None:
    """Compile dataclasses' methods through the kept code of `cache` (io.cache.Cache) from
    now on, in this process; what was compiled anew is kept at exit."""
    import dataclasses

    if not cache.enabled or getattr(dataclasses, "exec", None) is _exec:
        return
    import atexit

    digest = _key()
    raw = cache.get_bytes(NAMESPACE, digest, _SUFFIX)
    if raw is not None:
        kept = _read(raw)
        if kept is None:
            cache.drop(NAMESPACE, digest, _SUFFIX)
        else:
            _CODE.update(kept)
    dataclasses.exec = _exec  # the module's own name, found before the builtin by its `exec(txt, ...)`
    atexit.register(_keep, cache, digest)


def _read(raw: bytes) -> dict[str, types.CodeType] | None:
    try:
        kept = marshal.loads(raw)
    except (EOFError, ValueError, TypeError):
        return None
    if type(kept) is not dict or not all(type(k) is str and type(v) is types.CodeType for k, v in kept.items()):
        return None
    return kept


def _keep(cache, digest: str) -> None:
    if _new:
        _new.clear()
        cache.put_bytes(NAMESPACE, digest, marshal.dumps(_CODE), _SUFFIX)


def _key() -> str:
    from importlib.util import MAGIC_NUMBER

    from asfcert.io.cache import key

    return key(NAMESPACE, VERSION, sys.version, MAGIC_NUMBER)
