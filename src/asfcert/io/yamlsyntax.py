"""YAML syntax errors explained: in Swedish and English instead of the parser's words, on
the line where the mistake usually is, with what to do about it.

The most common mistake in a kit is keeping an empty list and writing the list under it:

    evidence: []
      - evidence/stadgar/stadgar.pdf

libyaml reports it one line later as "did not find expected key"; here it is reported on
the `[]` line, with the fix."""

from __future__ import annotations

import re

from asfcert.base.i18n import L10n
from asfcert.base.text import clip

_EMPTY_THEN_LIST = (
    L10n("`{key}: []` följs av en lista på raderna under", "`{key}: []` is followed by a list on the lines below"),
    L10n(
        "Ta bort [] på rad {line}: skriv `{key}:` och sedan listan på raderna under, en rad per post som börjar med `- `.",
        "Remove the [] on line {line}: write `{key}:` and then the list on the lines below, one line per entry starting with `- `.",
    ),
)
_QUOTE = L10n('Sätt hela texten inom citattecken, till exempel "Café: öppet".', 'Put the whole text in quotes, for example "Café: open".')
# (words in libyaml's problem, the problem in plain words, what to do)
_PROBLEMS = (
    ("did not find expected key", L10n(
        "raden passar inte in bland raderna ovanför (indraget stämmer inte)",
        "the line does not fit in with the lines above (the indentation does not match)",
    ), L10n(
        "Dra in raden lika mycket som de andra på samma nivå, med mellanslag (två per nivå). En lista skrivs under sin nyckel, en rad per post som börjar med `- `.",
        "Indent the line as much as the others on the same level, with spaces (two per level). A list goes under its key, one line per entry starting with `- `.",
    )),
    ("mapping values are not allowed", L10n(
        "ett kolon följt av mellanslag mitt i ett värde",
        "a colon followed by a space inside a value",
    ), L10n(
        'Sätt texten inom citattecken, till exempel `name: "Bolaget: Café"`. Saknas mellanslaget efter ett kolon på raden ovanför? Skriv `nyckel: värde`.',
        'Put the text in quotes, for example name: "The company: Café". Is the space after a colon missing on the line above? Write key: value.',
    )),
    ("could not find expected ':'", L10n("en nyckel utan kolon", "a key without a colon"), L10n(
        "Skriv `nyckel: värde`, med kolon och ett mellanslag. Text som fortsätter på nästa rad behöver `>-` efter kolonet.",
        "Write key: value, with a colon and a space. Text that goes on to the next line needs >- after the colon.",
    )),
    ("expected ',' or ']'", L10n("en lista inom [ ] avslutas inte", "a list in [ ] is not closed"), L10n(
        "Avsluta listan med ] på samma rad, eller skriv den med en rad per post som börjar med `- `.",
        "Close the list with ] on the same line, or write it with one line per entry starting with `- `.",
    )),
    ("expected ',' or '}'", L10n("en mappning inom { } avslutas inte", "a mapping in { } is not closed"), L10n(
        "Avsluta med } på samma rad, eller skriv en nyckel per rad.", "Close it with } on the same line, or write one key per line.",
    )),
    ("end of stream", L10n("ett citattecken öppnas men stängs aldrig", "a quotation mark is opened but never closed"), L10n(
        "Avsluta texten med samma sorts citattecken som den börjar med.", "End the text with the same kind of quotation mark it starts with.",
    )),
    ("unknown escape character", L10n("ett omvänt snedstreck (\\) inom dubbla citattecken", "a backslash (\\) inside double quotes"), L10n(
        "Använd enkla citattecken ('…') runt text med \\, eller skriv \\\\.", "Use single quotes ('…') around text with \\, or write \\\\.",
    )),
    ("cannot start any token", L10n("ett värde börjar med ett tecken som YAML reserverar (@ eller `)", "a value starts with a character YAML reserves (@ or `)"), _QUOTE),
    ("undefined alias", L10n("ett värde börjar med *", "a value starts with *"), _QUOTE),
    ("unknown directive", L10n("en rad börjar med %", "a line starts with %"), _QUOTE),
    ("block sequence entries are not allowed", L10n(
        "en rad som börjar med - står där ett värde redan finns", "a line starting with - stands where there already is a value",
    ), L10n(
        "Skriv nyckeln ensam på sin rad (nyckel:) och listan på raderna under.", "Write the key alone on its line (key:) and the list on the lines below.",
    )),
    ("expected <document start>", L10n(
        "en rad som inte hör till något (saknas # framför en hjälptext, eller är raden inte indragen?)",
        "a line that belongs to nothing (is a # missing in front of a help text, or is the line not indented?)",
    ), L10n(
        "Sätt # först på raden om den är en kommentar, eller dra in den under sin nyckel med mellanslag.",
        "Put # first on the line if it is a comment, or indent it under its key with spaces.",
    )),
    ("expected <block end>", L10n("raden är indragen fel", "the line is indented wrongly"), L10n(
        "Dra in raden lika mycket som de andra på samma nivå, med mellanslag.", "Indent the line as much as the others on the same level, with spaces.",
    )),
)
_KEY_EMPTY_LIST = re.compile(r"^\s*(?:-\s+)?([^\s#:][^#:]*?):\s*\[\s*\]\s*(?:#.*)?$")


def explain(problem: str, text: str, line: int | None, context: str = "", context_line: int | None = None) -> tuple[int | None, L10n, L10n | None]:
    """(the line the mistake is on, the problem in plain words, what to do) for libyaml's
    `problem` reported at `line` (1-based), while parsing `context` that began on
    `context_line`. Unknown problems keep the parser's words."""
    lines = text.split("\n")  # lines as editors count them (and as `line` was counted)
    if "quoted scalar" in context and context_line:
        line = context_line  # an unclosed quote: where it opened, not the end of the file
    if line and 1 <= line <= len(lines) and lines[line - 1].lstrip().startswith("-"):
        before = _previous(lines, line - 1)
        if before is not None:
            m = _KEY_EMPTY_LIST.match(lines[before])
            if m:
                params = {"key": m.group(1).strip(), "line": before + 1}
                return before + 1, _EMPTY_THEN_LIST[0].format(**params), _EMPTY_THEN_LIST[1].format(**params)
    for words, said, todo in _PROBLEMS:
        if words in problem:
            return line, said, todo
    first = clip(problem.splitlines()[0]) if problem else "?"
    return line, L10n(first, first), None


def _previous(lines: list[str], index: int) -> int | None:
    """The index of the last line before `index` that is not blank or a comment."""
    for i in range(index - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i
    return None
