"""What the standard library compiles from text on every import, compiled once and kept.

`@dataclass` writes the source of each class's `__init__`, `__repr__`, `__eq__`, ... and
compiles it with `exec`, `typing` compiles every forward reference (an annotation written
as a string: pydantic-core's schema types hold hundreds) with `compile`, and `re` turns
each pattern into the program of its matching engine, in Python. On a check after an edit
that is about eighty classes, eight hundred references and sixty patterns, a fifth of its
time. What each text compiled to is kept in the cache (marshal, keyed by Python's version
and bytecode magic besides asfcert itself):
- code is used as those modules would have compiled it: the same text, mode, file name
  and flags (neither module has a `__future__` import, so none), with the same globals;
- a pattern's program is handed to the engine (`_sre.compile`) with exactly what `re`
  handed it when it compiled that pattern (noted as it did); the engine checks it.
A text not kept yet is compiled as always, and the entry is written again at exit.

The cache is the user's own folder, the same trust as Python's `__pycache__` (and Jinja's
bytecode cache, kept alike): an entry that cannot be read, or that holds anything but
texts and what they compiled to, is removed and every text compiled again."""

from __future__ import annotations

import builtins
import marshal
import sys
import types

NAMESPACE = "compiled"
_SUFFIX = ".marshal"
VERSION = 3  # bump when what is kept changes
_MODES = ("exec", "eval")

_CODE: dict[tuple[str, str], types.CodeType] = {}  # (mode, source) -> its code
_RE: dict[tuple[str | bytes, int], tuple] = {}  # (pattern, flags) -> what re handed the engine
_new: list[tuple] = []
# What this run compiled or took from the entry. Some patterns are made of a file's data
# (an organisation number searched for in a document): when the entry outgrows what one
# run uses by more than this, it is written again with this run's texts alone.
_used_code: set[tuple[str, str]] = set()
_used_re: set[tuple[str | bytes, int]] = set()
_SLACK = 500


def _compiled(source: str, mode: str) -> types.CodeType:
    code = _CODE.get((mode, source))
    _used_code.add((mode, source))
    if code is None:
        # dont_inherit: compiled with the flags of the calling module (no __future__
        # imports), not this one's, exactly as its `exec(txt, ...)` or `compile` would
        code = builtins.compile(source, "<string>", mode, dont_inherit=True)
        _CODE[mode, source] = code
        _new.append((mode, source))
    return code


def _exec(source, globals=None, locals=None, /):
    """`exec` as dataclasses calls it, with the code of a source text compiled before."""
    if globals is None:  # the caller's namespaces, as the builtin takes them (dataclasses always names its own)
        caller = sys._getframe(1)
        globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
    if type(source) is not str:
        return builtins.exec(source, globals, locals)
    return builtins.exec(_compiled(source, "exec"), globals, locals)


def _compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, **more):
    """`compile` as typing calls it for a forward reference, with the code compiled before."""
    if type(source) is str and filename == "<string>" and mode == "eval" and not flags and optimize == -1 and not more:
        return _compiled(source, mode)
    return builtins.compile(source, filename, mode, flags, dont_inherit, optimize, **more)


def install(cache, command: str) -> None:
    """Compile dataclasses' methods, typing's forward references and re's patterns through
    what `cache` (io.cache.Cache) kept for `command`, from now on in this process; what was
    compiled anew is kept at exit. One entry per command: each reads only what it compiles
    (a warm `check` a fraction of what `audit` or `cohort` compile)."""
    import dataclasses
    import typing

    if not cache.enabled or getattr(dataclasses, "exec", None) is _exec:
        return
    import atexit

    digest = _key(command)
    raw = cache.get_bytes(NAMESPACE, digest, _SUFFIX)
    if raw is not None:
        kept = _read(raw)
        if kept is None:
            cache.drop(NAMESPACE, digest, _SUFFIX)
        else:
            _CODE.update(kept[0])
            _RE.update(kept[1])
    # each module's own name, found before the builtin: dataclasses' `exec(txt, ...)` and
    # ForwardRef's `compile(arg, '<string>', 'eval')`
    dataclasses.exec = _exec
    typing.compile = _compile
    _patterns()
    atexit.register(_keep, cache, digest)


_given: dict[int, tuple] = {}  # id of a pattern just compiled -> what the engine was given


class _Engine:
    """`_sre` as `re._compiler` sees it: the same, except that what `compile` is given is
    noted, under the pattern it returns (alive until `_patterns` takes the note)."""

    def __init__(self, sre):
        self._sre = sre

    def __getattr__(self, name):
        return getattr(self._sre, name)

    def compile(self, *args):
        found = self._sre.compile(*args)
        _given[id(found)] = args
        return found


def _patterns() -> None:
    from re import _compiler

    engine = _compiler._sre
    if isinstance(engine, _Engine):
        return
    compile_pattern = _compiler.compile
    debug = _compiler.SRE_FLAG_DEBUG

    def _pattern(p, flags=0):
        """`re._compiler.compile`, with the engine's program of a pattern compiled before."""
        if type(p) not in (str, bytes) or type(flags) is not int or flags & debug:
            found = compile_pattern(p, flags)
            _given.pop(id(found), None)  # not kept: a parsed pattern (re.Scanner), or one to print
            return found
        given = _RE.get((p, flags))
        if given is not None:
            _used_re.add((p, flags))
            return engine.compile(*given)
        found = compile_pattern(p, flags)
        given = _given.pop(id(found), None)
        if given is not None and given[0] is p:  # what re handed the engine for this very pattern
            pattern, final, program, groups, index, names = given
            # as plain ints: the program holds re's named opcodes, an int subclass marshal refuses
            given = (pattern, int(final), [int(n) for n in program], int(groups), dict(index), tuple(names))
            if _engine_input(given):
                _RE[p, flags] = given
                _used_re.add((p, flags))
                _new.append((p, flags))
        return found

    _compiler._sre = _Engine(engine)
    _compiler.compile = _pattern


def _read(raw: bytes) -> tuple[dict, dict] | None:
    try:
        kept = marshal.loads(raw)
    except (EOFError, ValueError, TypeError):
        return None
    if not (type(kept) is tuple and len(kept) == 2 and type(kept[0]) is dict and type(kept[1]) is dict):
        return None
    codes, patterns = kept
    if not (set(map(type, codes.values())) <= {types.CodeType}
            and all(type(what) is tuple and len(what) == 2 and what[0] in _MODES and type(what[1]) is str for what in codes)):
        return None
    for what, given in patterns.items():
        if not (type(what) is tuple and len(what) == 2 and type(what[0]) in (str, bytes) and type(what[1]) is int
                and _engine_input(given) and given[0] == what[0]):
            return None
    return codes, patterns


def _engine_input(given) -> bool:
    """What re hands the engine: pattern, flags, program, groups, group index, index group."""
    return (type(given) is tuple and len(given) == 6 and type(given[1]) is int and type(given[2]) is list
            and set(map(type, given[2])) <= {int} and type(given[3]) is int and type(given[4]) is dict
            and set(map(type, given[4])) <= {str} and set(map(type, given[4].values())) <= {int}
            and type(given[5]) is tuple and set(map(type, given[5])) <= {str, type(None)})


def _keep(cache, digest: str) -> None:
    if _new:
        _new.clear()
        codes, patterns = _CODE, _RE
        if len(codes) + len(patterns) > 2 * (len(_used_code) + len(_used_re)) + _SLACK:
            codes = {what: code for what, code in codes.items() if what in _used_code}
            patterns = {what: given for what, given in patterns.items() if what in _used_re}
        try:
            raw = marshal.dumps((codes, patterns))
        except ValueError:  # a value marshal cannot write: nothing kept, as without a cache
            return
        cache.put_bytes(NAMESPACE, digest, raw, _SUFFIX)


def _key(command: str) -> str:
    from importlib.util import MAGIC_NUMBER

    from asfcert.io.cache import key

    return key(NAMESPACE, VERSION, sys.version, MAGIC_NUMBER, command)
