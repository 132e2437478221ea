"""What the standard library compiles from text on every import, compiled once and kept.

`@dataclass` writes the source of each class's `__init__`, `__repr__`, `__eq__`, ... and
compiles it with `exec`, and `typing` compiles every forward reference (an annotation
written as a string: pydantic-core's schema types hold hundreds) with `compile`. On a
check after an edit that is about eighty classes and eight hundred references, more than
a tenth of its time. The code of each source text is kept in the cache (marshal, keyed by
Python's version and bytecode magic besides asfcert itself) and used as those modules
would have compiled it: the same text, mode, file name and flags (neither module has a
`__future__` import, so none), with the same globals. A text not kept yet is compiled as
always, and the entry is written again at exit.

The cache is the user's own folder, the same trust as Python's `__pycache__` (and Jinja's
bytecode cache, kept alike): an entry that cannot be read, or that holds anything but
source texts and their code, is removed and every text compiled again."""

from __future__ import annotations

import builtins
import marshal
import sys
import types

NAMESPACE = "compiled"
_SUFFIX = ".marshal"
VERSION = 2  # bump when what is kept changes
_MODES = ("exec", "eval")

_CODE: dict[tuple[str, str], types.CodeType] = {}  # (mode, source) -> its code
_new: list[tuple[str, str]] = []


def _compiled(source: str, mode: str) -> types.CodeType:
    code = _CODE.get((mode, source))
    if code is None:
        # dont_inherit: compiled with the flags of the calling module (no __future__
        # imports), not this one's, exactly as its `exec(txt, ...)` or `compile` would
        code = builtins.compile(source, "<string>", mode, dont_inherit=True)
        _CODE[mode, source] = code
        _new.append((mode, source))
    return code


def _exec(source, globals=None, locals=None, /):
    """`exec` as dataclasses calls it, with the code of a source text compiled before."""
    if type(source) is not str:
        return builtins.exec(source, globals, locals)
    return builtins.exec(_compiled(source, "exec"), globals, locals)


def _compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, **more):
    """`compile` as typing calls it for a forward reference, with the code compiled before."""
    if type(source) is str and filename == "<string>" and mode == "eval" and not flags and optimize == -1 and not more:
        return _compiled(source, mode)
    return builtins.compile(source, filename, mode, flags, dont_inherit, optimize, **more)


def install(cache) -> None:
    """Compile dataclasses' methods and typing's forward references through the kept code
    of `cache` (io.cache.Cache) from now on, in this process; what was compiled anew is
    kept at exit."""
    import dataclasses
    import typing

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
    # each module's own name, found before the builtin: dataclasses' `exec(txt, ...)` and
    # ForwardRef's `compile(arg, '<string>', 'eval')`
    dataclasses.exec = _exec
    typing.compile = _compile
    atexit.register(_keep, cache, digest)


def _read(raw: bytes) -> dict[tuple[str, str], types.CodeType] | None:
    try:
        kept = marshal.loads(raw)
    except (EOFError, ValueError, TypeError):
        return None
    if type(kept) is not dict:
        return None
    for what, code in kept.items():
        if not (type(what) is tuple and len(what) == 2 and what[0] in _MODES and type(what[1]) is str
                and type(code) is types.CodeType):
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
