"""dataclasses' methods, typing's forward references and re's patterns compiled once and
kept (io/compiled.py): the kept code makes the same functions, references and patterns as
those modules' own, a damaged or foreign entry is removed and every
text compiled again, and --no-cache neither reads nor keeps any."""

import glob
import json
import marshal
import os
import re
import subprocess
import sys

from helpers import AS_OF, make_company

ASFCERT = os.path.join(os.path.dirname(sys.executable), "asfcert")

# Builds dataclasses of every shape (and imports asfcert's and pydantic's own), then prints
# what each generated method is, and which source texts were compiled in this process.
_PROBE = r"""
import dataclasses, json, marshal, sys
from asfcert.io import compiled
if sys.argv[1] == "kept":
    from pathlib import Path
    from asfcert.io.cache import Cache
    compiled.install(Cache(root=Path(sys.argv[2])), "probe")
import asfcert.assess.result, asfcert.base.findings, pydantic.fields, annotated_types
from dataclasses import dataclass, field, KW_ONLY

@dataclass(order=True, frozen=True)
class A:
    x: int
    y: str = "y"
    z: list = field(default_factory=list)

@dataclass(slots=True, kw_only=True, unsafe_hash=True)
class B:
    a: int = 1
    def __post_init__(self):
        self.a += 1

@dataclass(frozen=True, order=True)
class C(A):
    _: KW_ONLY
    w: "int" = 2

out = {}
for mod in (sys.modules[__name__], asfcert.assess.result, asfcert.base.findings, pydantic.fields, annotated_types):
    for name, cls in sorted(vars(mod).items()):
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == mod.__name__:
            for method, fn in sorted(vars(cls).items()):
                code = getattr(fn, "__code__", None)
                if code is not None and code.co_filename == "<string>":
                    out[f"{mod.__name__}.{name}.{method}"] = [marshal.dumps(code).hex(), repr(fn.__annotations__), repr(fn.__defaults__), repr(fn.__kwdefaults__)]
import typing, pydantic_core.core_schema as cs
for name, td in sorted(vars(cs).items()):
    for field, ref in sorted(getattr(td, "__annotations__", {}).items()) if isinstance(td, type) else ():
        if isinstance(ref, typing.ForwardRef):
            out[f"core_schema.{name}.{field}"] = [marshal.dumps(ref.__forward_code__).hex(), ref.__forward_arg__]
import re
SAMPLES = ["Växthuset i Borås ek. för. 769638-4812", "ÅÄÖ åäö 12 345,50 kr", "a\nB\n\u00a0c", "2026-11-22T10:00", ""]
for pattern, flags in PATTERNS:
    re.purge()
    found = re.compile(pattern, flags)
    texts = [t.encode() if isinstance(pattern, bytes) else t for t in SAMPLES]
    out[f"re {pattern!r} {flags}"] = [found.flags, found.groups, dict(found.groupindex),
                                      [[m.span() for m in found.finditer(t)] for t in texts]]
assert typing.get_type_hints(C)["w"] is int
assert C(1, w=3) > C(0, w=9) and B(a=1).a == 2 and repr(A(1)) == "A(x=1, y='y', z=[])"
print(json.dumps({"methods": out, "compiled": len(compiled._new), "kept": len(compiled._CODE)}))
"""


# patterns of every kind: named groups, flags given and inline, verbose, Unicode classes,
# case folding, look-arounds, bytes; each compiled twice per run (the second from re's own cache)
PATTERNS = [
    (r"(?P<org>\d{6})-?(?P<check>\d{4})", 0), (r"(?i)kr\.?$|sek$", 0), (r"\w+", re.ASCII),
    (r"(?x) ( [a-zåäö]+ ) \s* (?=\d)", re.IGNORECASE), (r"^\s*$", re.MULTILINE), (r"[\u00a0\u202f\s]+", 0),
    (r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", 0), (rb"[A-Z]+\d*", re.IGNORECASE), (rb"(?L)\w+", 0), (r".", re.DOTALL),
    (r"\b(?:ab|a)+?c?\b", re.IGNORECASE | re.UNICODE), (r"(a)|(b)(?(1)x|y)", 0),
]
PATTERNS = [(pattern, int(flags)) for pattern, flags in PATTERNS] * 2


def _probe(mode: str, cache=None) -> dict:
    probe = f"PATTERNS = {PATTERNS!r}\n" + _PROBE
    proc = subprocess.run([sys.executable, "-c", probe, mode, str(cache)], capture_output=True, timeout=120, check=True)
    return json.loads(proc.stdout)


def _entries(cache) -> list[str]:
    return glob.glob(str(cache / "compiled" / "*" / "*.marshal"))


def test_kept_code_makes_the_same_methods_as_dataclasses_own(tmp_path):
    cache = tmp_path / "cache"
    plain = _probe("plain")
    first = _probe("kept", cache)
    assert len(_entries(cache)) == 1
    again = _probe("kept", cache)
    assert sum(".__init__" in k for k in plain["methods"]) > 20 and sum(k.startswith("core_schema.") for k in plain["methods"]) > 400  # the probe sees the classes it was meant to
    assert first["methods"] == plain["methods"] == again["methods"]
    assert first["compiled"] > 200 and again["compiled"] == 0  # the second run compiled nothing
    assert again["kept"] == first["kept"]


def test_a_damaged_or_foreign_entry_is_removed_and_compiled_again(tmp_path):
    cache = tmp_path / "cache"
    plain = _probe("plain")
    _probe("kept", cache)
    (entry,) = _entries(cache)
    for damage in (b"\x00garbage", marshal.dumps(({("exec", "def f(): pass"): "not code"}, {})), marshal.dumps(({}, {("a", 0): ("b", 0, [1], 0, {}, (None,))})), marshal.dumps([1, 2]), b""):
        with open(entry, "wb") as fh:
            fh.write(damage)
        run = _probe("kept", cache)
        assert run["methods"] == plain["methods"]
        assert run["compiled"] > 200  # nothing taken from the damaged entry
        with open(entry, "rb") as fh:  # written again, whole, at exit
            codes, patterns = marshal.loads(fh.read())
        assert len(codes) == run["kept"] and all(type(code).__name__ == "code" for code in codes.values())
        assert len(patterns) > 20 and ("a", 0) not in patterns
        assert _probe("kept", cache)["compiled"] == 0


def test_the_program_keeps_the_code_except_with_no_cache(tmp_path):
    root = make_company(tmp_path / "c")
    args = [ASFCERT, "check", str(root), "--as-of", AS_OF.isoformat(), "--format", "json"]
    cold = tmp_path / "cold"
    fresh = subprocess.run([*args, "--no-cache"], capture_output=True, env={**os.environ, "ASFCERT_CACHE_DIR": str(cold)}, timeout=120, check=False)
    assert not cold.exists()  # not a single entry read or written
    env = {**os.environ, "ASFCERT_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.run(args, capture_output=True, env=env, timeout=120, check=False)
    assert len(_entries(tmp_path / "cache")) == 1
    profile = root / "company.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after = subprocess.run(args, capture_output=True, env=env, timeout=120, check=False)
    assert (first.returncode, first.stdout) == (after.returncode, after.stdout) == (fresh.returncode, fresh.stdout)
    # every pattern kept is handed to the engine exactly as re compiles it
    (entry,) = _entries(tmp_path / "cache")
    with open(entry, "rb") as fh:
        _, patterns = marshal.loads(fh.read())
    assert len(patterns) > 40
    for (pattern, flags), (same, final, program, groups, index, names) in patterns.items():
        parsed = re._parser.parse(pattern, flags)
        assert (same, program) == (pattern, re._compiler._code(parsed, flags))
        assert (final, groups, index) == (flags | parsed.state.flags, parsed.state.groups - 1, parsed.state.groupdict)
        assert names == tuple(next((k for k, v in index.items() if v == i), None) for i in range(groups + 1))


_MANY = r"""
import sys
from pathlib import Path
from asfcert.io import compiled
from asfcert.io.cache import Cache
compiled.install(Cache(root=Path(sys.argv[1])), "probe")
import re
for n in range(int(sys.argv[2]), int(sys.argv[2]) + 400):  # patterns made of data: a new number each run
    assert re.compile(f"(?<!\\d){n:06d}-?\\d{{4}}").search(f"x {n:06d}-1234")
print(len(compiled._used_re))
"""


def test_patterns_made_of_data_do_not_grow_the_entry_without_bound(tmp_path):
    cache = tmp_path / "cache"
    sizes = []
    for run in range(8):
        subprocess.run([sys.executable, "-c", _MANY, str(cache), str(run * 1000)], capture_output=True, timeout=120, check=True)
        (entry,) = _entries(cache)
        with open(entry, "rb") as fh:
            sizes.append(len(marshal.loads(fh.read())[1]))
    assert sizes[1] == 2 * sizes[0] >= 800  # kept while the entry is within bounds
    assert max(sizes) <= 2 * (sizes[0] + 100) + 500 + 400  # this run's twice, the slack and one run's new
    assert sizes[3] == sizes[0]  # written again with that run's patterns alone
