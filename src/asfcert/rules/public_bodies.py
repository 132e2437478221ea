"""Who is the public sector: what the organisation numbers of owners, employers and a parent
company say, and what their names say. Shared by `no-public-owner` and
`supervisors-not-public` (and the workspace's live flag), so every place asks the same
question the same way.

By number. The first digit of a Swedish organisation number is its legal-entity group
(Skatteverket, *Organisationsnummer*, SKV 709; the same table as the `organisationsnummer`
package's): 1 estates, 2 the state, regions, municipalities and parishes, 3 foreign
companies, 5 limited companies, 6 simple partnerships, 7 economic associations and housing
cooperatives, 8 non-profit associations and foundations, 9 trading and limited
partnerships. Group 2 is the public sector whatever kind the company chose; a company a
municipality owns is an ordinary limited company (group 5) and shows only in a register, the
annual report or the registration certificate. Every number is validated with python-stdnum
like the company's own: a bad check digit is a located finding, and a personal identity
number is never shown unmasked.

By name. `standard/public-bodies.yaml` lists Sweden's 290 municipalities and 21 regions by
name (public data, its licence is in the file), so "Stockholms stad" or "Region Skåne" is
recognised; a name holding one of the standard's words (`kommun`, `region`, ...) is
recognised as well. A match by name alone is a warning for the auditor, never a blocker.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from asfcert.base.findings import Effect, Kind, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.text import loose
from asfcert.company.signatures import Signatures

PUBLIC_GROUP = "2"
GROUPS = {
    "1": L10n("dödsbo", "an estate of a deceased person"),
    "2": L10n("kommun, region, stat eller församling", "a municipality, region, the state or a parish"),
    "3": L10n("utländskt företag med verksamhet eller fastighet i Sverige", "a foreign company with business or property in Sweden"),
    "5": L10n("aktiebolag", "a limited company"),
    "6": L10n("enkelt bolag", "a simple partnership"),
    "7": L10n("ekonomisk förening eller bostadsrättsförening", "an economic association or a housing cooperative"),
    "8": L10n("ideell förening eller stiftelse", "a non-profit association or a foundation"),
    "9": L10n("handelsbolag, kommanditbolag eller enkelt bolag", "a trading or limited partnership, or a simple partnership"),
}
# The words that make a name sound like the public sector (the standard may set its own).
PUBLIC_WORDS = ("kommun", "region", "landsting", "församling", "kommunförbund", "kommunalförbund", "samordningsförbund")
# Endings a Swedish word takes in a name: "kommunen", "kommuns", "regionens", "landstinget".
_ENDINGS = ("", "s", "en", "ens", "et", "ets", "er", "erna")

PARTY_ORG_NUMBER_INVALID = Kind(
    "party-org-number-invalid",
    L10n("Ogiltigt organisationsnummer för ägare eller arbetsgivare", "Invalid organisation number of an owner or employer"),
    L10n("Organisationsnumret {shown} för {name} är ogiltigt: {reason}", "The organisation number {shown} of {name} is invalid: {reason}"),
    L10n(
        "Skriv numret som på organisationens registreringsbevis, tio siffror med bindestreck och inom citattecken: \"769612-3459\". Utan ett giltigt nummer går det inte att se om det är offentlig sektor.",
        "Write the number as on the organisation's registration certificate, ten digits with a hyphen and in quotes: \"769612-3459\". Without a valid number it cannot be told whether it is the public sector.",
    ),
    effect=Effect.OPENS,  # public or not cannot be told from a number that is wrong
)
PARTY_ORG_NUMBER_PERSONAL = Kind(
    "party-org-number-personal",
    L10n("Personnummer för en ägare eller arbetsgivare", "Personal identity number of an owner or employer"),
    L10n("{shown} för {name} är ett personnummer, inget organisationsnummer", "{shown} of {name} is a personal identity number, not an organisation number"),
    L10n(
        "En person anges utan nummer: ta bort numret. Bara organisationer har ett organisationsnummer här.",
        "A person is given without a number: remove it. Only organisations have an organisation number here.",
    ),
    severity=Severity.WARNING,
)


@dataclass(frozen=True)
class Number:
    """An organisation number as written, validated and classified."""

    text: str
    digits: str
    problem: L10n | None  # why it is not valid (python-stdnum), or None
    personal: bool  # a personal identity number: never shown unmasked

    @property
    def group(self) -> str | None:
        return self.digits[0] if self.problem is None and not self.personal else None

    @property
    def public(self) -> bool:
        return self.group == PUBLIC_GROUP

    @property
    def group_name(self) -> L10n:
        return GROUPS.get(self.group or "", L10n("okänd grupp", "an unknown group"))

    @property
    def shown(self) -> str:
        from asfcert.rules.org_number import formatted, masked

        return formatted(self.digits) if self.group else masked(self.text)


def number(text: str | None) -> Number | None:
    """`text` read as an organisation number; None when nothing is written."""
    from asfcert.rules.org_number import invalid_reason, is_personal, normalise

    if text is None or not str(text).strip():
        return None
    digits = normalise(str(text))
    return Number(str(text), digits, invalid_reason(digits), is_personal(digits))


def public_sector(text: str | None) -> bool:
    """Whether `text` is a valid organisation number of the public sector (group 2)."""
    read = number(text)
    return read is not None and read.public


def warning(ctx, kind: Kind, *path, **params):
    """A warning at `path` in company.yaml: told to the auditor whatever the requirement's
    severity (`ctx.finding` gives the requirement's)."""
    return kind(location=ctx.at(*path), severity=Severity.WARNING, requirement=ctx.requirement.id, **params)


def number_findings(ctx, read: Number | None, name: str, *path) -> list:
    """The findings about the number itself: not valid, or a person's."""
    if read is None:
        return []
    if read.personal:
        return [warning(ctx, PARTY_ORG_NUMBER_PERSONAL, *path, shown=read.shown, name=name)]
    if read.problem is not None:
        return [ctx.finding(PARTY_ORG_NUMBER_INVALID, *path, shown=read.shown, name=name, reason=read.problem)]
    return []


Body = tuple[str, L10n, str]  # (folded name, the name as listed, its leading word characters)
_LIST = "public-bodies.yaml"
_MEMO: dict[str, tuple[Body, ...]] = {}  # the list's SHA-256 -> its bodies: read once a process
_READ = Signatures()  # the list's file -> its SHA-256 while its signature holds
_STARTS: dict[str, tuple[dict[str, list[int]], list[int]]] = {}


def _bodies(cache=None) -> tuple[Body, ...]:
    """(folded name, the name as listed, its leading word characters) for every
    municipality and region. Kept in `cache` (an io.cache.Cache) by the list's content:
    parsing and folding 300 entries of YAML cost a fifth of a check after an edit, reading
    them back as JSON a twentieth of that. Without a cache (--no-cache) the list is parsed."""
    return _MEMO[_list(cache)]


def _list(cache) -> str:
    """The SHA-256 of the list, with its bodies in _MEMO."""
    import hashlib

    from asfcert.base.resources import data_dir
    from asfcert.io.yamlfile import read_bytes

    path = data_dir("standard") / _LIST
    try:  # the list read before, unchanged: not read and hashed again (every rule asks, per name)
        st = os.stat(path)
        digest = _READ.get(str(path), st)
    except OSError:
        st = digest = None
    if digest is None or digest not in _MEMO:
        raw = read_bytes(path, _LIST)
        digest = hashlib.sha256(raw).hexdigest()
        if digest not in _MEMO:
            _MEMO[digest] = _kept(cache, digest) or _parsed(raw, cache, digest)
        if st is not None:
            _READ.put(str(path), st, digest)
    return digest


def _by_start(digest: str) -> tuple[dict[str, list[int]], list[int]]:
    """The list's bodies by the first two letters of their leading word, and those with a
    shorter one: a name is compared only with the bodies one of its words could start."""
    if digest not in _STARTS:
        starts: dict[str, list[int]] = {}
        always = []
        for i, (_, _, head) in enumerate(_MEMO[digest]):
            if len(head) < 2:
                always.append(i)
            else:
                starts.setdefault(head[:2], []).append(i)
        _STARTS[digest] = (starts, always)
    return _STARTS[digest]


def _cache_key(digest: str) -> str:
    from asfcert.io.cache import key

    return key("public-bodies", digest)


def _kept(cache, digest: str) -> tuple[Body, ...] | None:
    hit = cache.get("public-bodies", _cache_key(digest)) if cache is not None else None
    if not isinstance(hit, list) or not all(isinstance(row, list) and len(row) == 4 and all(isinstance(v, str) for v in row) for row in hit):
        return None  # none kept, or not what was kept: parse the list again
    return tuple((listed, L10n(sv, en), head) for listed, sv, en, head in hit)


def _parsed(raw: bytes, cache, digest: str) -> tuple[Body, ...]:
    from asfcert.io.yamlfile import parse

    data = parse(raw, _LIST).data
    out = [(loose(m["name"]), L10n(f"{m['name']} (kommun)", f"{m['name']} (municipality)")) for m in data["municipalities"]]
    out += [(loose(r["name"]), L10n(r["name"], r["name"])) for r in data["regions"]]
    bodies = tuple((listed, shown, re.match(r"[\w-]*", listed).group()) for listed, shown in out)
    if cache is not None:
        cache.put("public-bodies", _cache_key(digest), [[listed, shown.sv, shown.en, head] for listed, shown, head in bodies])
    return bodies


def _tokens(text: str) -> list[str]:
    return re.findall(r"[\w-]+", loose(text))


def _word_in(tokens: list[str], words) -> str | None:
    for token in tokens:
        for word in words:
            w = loose(word)
            if token.startswith(w) and token[len(w):] in _ENDINGS:
                return token
    return None


def public_name(name: str | None, words=PUBLIC_WORDS, cache=None) -> L10n | None:
    """What in `name` says public sector: a municipality or region of the list ("Stockholms
    stad", "Region Skåne"), or one of `words` ("Storstads kommun"); None when nothing does.
    `cache`: where the prepared list is kept (the rule context's)."""
    if not name:
        return None
    folded = loose(name)
    tokens = _tokens(name)
    digest = _list(cache)
    bodies = _MEMO[digest]
    starts, candidates = _by_start(digest)
    candidates = set(candidates)
    for token in tokens:
        candidates.update(starts.get(token[:2], ()))
    for i in sorted(candidates):  # in the list's order: the first body named is the one shown
        listed, shown, head = bodies[i]
        # A name starts where a token does: only a listed name whose leading word could
        # begin one is searched for (compiling 310 patterns per name cost more than a check).
        if head and not any(token.startswith(head) for token in tokens):
            continue
        if _named(folded, listed, town=not (listed.startswith("region ") or listed.endswith("regionen"))):
            return shown
    word = _word_in(tokens, words)
    return L10n(f"ordet ”{word}”", f"the word “{word}”") if word else None


def _named(folded: str, listed: str, town: bool) -> bool:
    r"""Whether `folded` names `listed` as a whole word: `(?<![\w-])LISTED(?![\w-])`, or for
    a municipality (`town`) `(?<![\w-])LISTEDs? (kommun|stad)\w*(?![\w-])`. Said with string
    operations, not patterns: compiling one costs more than the search, and a new process
    compiled a dozen for each check."""
    start = folded.find(listed)
    while start >= 0:
        end = start + len(listed)
        if (start == 0 or not _in_word(folded[start - 1])) and (_town(folded, end) if town else end == len(folded) or not _in_word(folded[end])):
            return True
        start = folded.find(listed, start + 1)
    return False


def _town(folded: str, end: int) -> bool:
    r"""`s? (kommun|stad)\w*(?![\w-])` at `end` of `folded`."""
    at = end + 2 if folded.startswith("s ", end) else end + 1 if folded.startswith(" ", end) else None
    if at is None:
        return False
    for word in ("kommun", "stad"):
        if folded.startswith(word, at):
            rest = at + len(word)
            while rest < len(folded) and _word(folded[rest]):
                rest += 1
            return rest == len(folded) or folded[rest] != "-"
    return False


def _word(ch: str) -> bool:
    r"""A character of re's `\w` (letters, digits and the underscore, in Unicode)."""
    return ch.isalnum() or ch == "_"


def _in_word(ch: str) -> bool:
    r"""A character of `[\w-]`."""
    return _word(ch) or ch == "-"


KINDS = made_by("rules", PARTY_ORG_NUMBER_INVALID, PARTY_ORG_NUMBER_PERSONAL)  # the engine marks each with the rule that found it
