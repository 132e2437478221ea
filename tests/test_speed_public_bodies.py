"""`public_name` searches only the listed names whose leading word could start a token of
the name: the same answers as searching every one of them, as it did before."""

import random
import re

from asfcert.rules.public_bodies import (
    PUBLIC_WORDS,
    _bodies,
    _tokens,
    _word_in,
    loose,
    public_name,
)


def every_pattern(name: str):
    """The former search: one pattern per municipality and region, in the list's order."""
    folded = loose(name)
    for listed, shown, _ in _bodies():
        if listed.startswith("region ") or listed.endswith("regionen"):
            if re.search(rf"(?<![\w-]){re.escape(listed)}(?![\w-])", folded):
                return shown
        elif re.search(rf"(?<![\w-]){re.escape(listed)}s? (kommun|stad)\w*(?![\w-])", folded):
            return shown
    word = _word_in(_tokens(name), PUBLIC_WORDS)
    return f"the word “{word}”" if word else None


def names() -> list[str]:
    listed = [shown.sv.removesuffix(" (kommun)") for _, shown, _ in _bodies()]
    out = ["", "Medlemmarna", "Kommunalförbundet", "Region", "Stiftelsen Regionens Vänner"]
    for name in listed:
        out += [name, f"{name} kommun", f"{name}s kommun", f"{name}s stad", f"AB {name} kommunala", f"Nya-{name} kommun",
                f"{name.upper()} KOMMUN", f"x{name} kommun", f"{name} stadsdel", f"Region {name}", f"{name}regionen",
                f"({name}) kommun", f"{name}-kommun"]
    rnd = random.Random(17)
    for _ in range(1500):
        out.append(" ".join(rnd.sample(listed, 2)) + rnd.choice([" kommun", " stad", " ab", "s kommunfastigheter"]))
    return out


def test_the_same_answers_as_searching_every_listed_name():
    found = 0
    for name in names():
        expected = every_pattern(name)
        got = public_name(name)
        if isinstance(expected, str):
            got = got.en if got is not None else None
        assert got == expected, name
        found += got is not None
    assert found > 1000
