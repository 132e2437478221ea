"""Every shell command in README.md, examples/README.md and the hand-written docs/ runs as
shown, in the doc's order, on a fresh copy of the examples: no traceback, the exit code the
doc states or implies, and the output lines it shows. A placeholder (DIR, /srv/skoopi,
ASF-2027-0001 …) must be in the doc's table below, so a new one fails until it is mapped;
a block that shows a command's form (`[--option]`) must name only options the command has.
The few commands that cannot run in a test are listed in NOT_RUN with the reason."""

from __future__ import annotations

import hashlib
import json
import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from doc_commands import (
    REPO,
    Command,
    Place,
    commands,
    hand_written_docs,
    matches,
    shown_lines,
)

DECIDED = "2026-11-30"  # the day the examples are decided and certified on, where a doc needs a certificate
WALKTHROUGH = "2027-01-15"  # the day of auditor.md's walkthrough on the example cohort
AUDITOR = "Amira Fiktiva"  # appointed for vaxthuset in examples/omgang-ht2026/cohort.yaml

# Commands that cannot run in a test, by (doc, start of the command), with the reason.
NOT_RUN = {
    ("README.md", "make demo"): "a make target: it creates .venv; the commands it runs are those of examples/README.md, run here",
    ("README.md", "make test"): "a make target: it runs this test suite",
    ("examples/README.md", ".venv/bin/pip install fpdf2"): "installs a package from the network; fpdf2 is a test extra, already installed",
}

# Blocks that show a command's form rather than a command, by (doc, start of the block's
# first line): every option they name must be one the command takes.
SYNOPSES = {
    ("docs/auditor.md", "asfcert audit DIR --auditor NAME "),
    ("docs/auditor.md", "asfcert serve REGISTRET "),  # the browser's steps and the command of each
    ("docs/check.md", "asfcert check FOLDER ["),
    ("docs/cohort.md", "asfcert cohort init DIR "),
    ("docs/cohort.md", "asfcert cohort check DIR ["),
    ("docs/cohort.md", "asfcert cohort report DIR ["),
    ("docs/cohort.md", "asfcert registry complaint REGISTRY --certificate"),
    ("docs/intake.md", "asfcert intake DIR ["),
    ("docs/registry-site.md", "asfcert registry build DIR --out SITE ["),
    ("docs/verification.md", "asfcert verify CERT.pdf|NUMBER|TOKEN"),
}

# Words written in capitals that are values, not placeholders.
LITERALS = {"SKOOPI", "ASFCERT_KEY_PASSPHRASE"}
PLACEHOLDER = re.compile(r"…|(?<![\w$-])[A-Z][A-Z0-9_]+(?:\.[a-z]+)?(?![\w-])|(?<![\w.:/*-])(?:~/|/)[\w.-][^\s\"';]*")


@dataclass
class Doc:
    """How a doc's commands run: its placeholders (a value may name `{root}`, `{number}`,
    `{code}`), what the reader does by hand before a command (by the start of its key),
    exit codes other than the default, output to find, answers typed at a prompt."""

    placeholders: dict[str, str] = field(default_factory=dict)
    before: dict[str, Callable[[Place], None]] = field(default_factory=dict)
    exits: dict[str, set[int]] = field(default_factory=dict)
    finds: dict[str, list[str]] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    after: dict[str, Callable[[Place, object], None]] = field(default_factory=dict)
    anywhere: dict[str, bool] = field(default_factory=dict)  # shown positions in a reader's own file


def _first(table: dict, key: str):
    """The entry for a command: the one whose key is the longest start of the command's."""
    starts = [k for k in table if key.startswith(k)]
    return table[max(starts, key=len)] if starts else None


# --- what the reader does by hand between the commands -------------------------------------


def certified(place: Place, registry: Path) -> None:
    """vaxthuset audited, decided and certified in `registry` (made with the test keys when
    it is not one yet), as auditor.md walks through; sets {number}, {code} and {pdf}."""
    from audit_helpers import registry as make_registry
    from audit_helpers import set_results

    if "number" in place.values:
        return
    if not (registry / "registry.yaml").exists():
        make_registry(registry)
    if not (registry / "omgang-ht2026").exists():
        shutil.copytree(place.root / "examples" / "omgang-ht2026", registry / "omgang-ht2026")
    company = registry / "omgang-ht2026" / "vaxthuset"
    run = place.asfcert("audit", str(company), "--auditor", AUDITOR, "--as-of", DECIDED)
    assert run.code == 1, run.out + run.err  # results missing
    set_results(company)
    run = place.asfcert("audit", str(company), "--decide", "--as-of", DECIDED)
    assert run.code == 0, run.out + run.err
    run = place.asfcert("certify", str(company), "--as-of", DECIDED)
    assert run.code == 0, run.out + run.err
    (record,) = (registry / "certificates").glob("*.yaml")
    fields = dict(re.findall(r"^(number|code): (\S+)$", record.read_text(encoding="utf-8"), re.M))
    place.values.update(number=fields["number"], code=fields["code"], pdf=str(next(company.glob("certificate/*-sv.pdf"))))


def auditor_results(place: Place) -> None:
    from audit_helpers import set_results

    set_results(place.root / "skoopi" / "omgang-ht2026" / "vaxthuset")


def auditor_certify(place: Place) -> None:
    """auditor.md section 5, between the decision and the status changes."""
    run = place.asfcert("certify", "omgang-ht2026/vaxthuset", "--as-of", WALKTHROUGH)
    assert run.code == 0, run.out + run.err


def licensed_copy(place: Place) -> None:
    """standard-format.md step 2 and 3: a copy of the shipped standard with its own version."""
    copy = place.root / "skoopi" / "asf-pas10-sis.yaml"
    copy.parent.mkdir(exist_ok=True)
    text = (REPO / "standard" / "asf-pas10.yaml").read_text(encoding="utf-8")
    copy.write_text(text.replace('version: "2026.1"', 'version: "2026.1-sis"', 1), encoding="utf-8")


def broken_copy(place: Place) -> None:
    """The two slips the doc shows: 3.1.b renamed 3.1.a, and 3.2.a's clause written 3.20."""
    copy = place.root / "skoopi" / "asf-pas10-sis.yaml"
    text = copy.read_text(encoding="utf-8").replace("- id: 3.1.b\n", "- id: 3.1.a\n", 1)
    copy.write_text(text.replace('- id: 3.2.a\n    clause: "3.2"', '- id: 3.2.a\n    clause: "3.20"', 1), encoding="utf-8")


def broken_kit(place: Place) -> None:
    """supervisor-guide.md section 5: the two mistakes its output shows."""
    kit = place.root / "gröna-verkstaden"
    profile = kit / "company.yaml"
    profile.write_text(re.sub(r'(?m)^org_number: "769612-3459"', "org_number: 7696123459", profile.read_text(encoding="utf-8")), encoding="utf-8")
    answers = kit / "self-assessment" / "3.1-andamal-och-inriktning.yaml"
    lines = answers.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("evidence:"))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at:at + 1] = [f"{indent}evidence: []", f"{indent}  - evidence/stadgar/stadgar.pdf"]
    answers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    place.values["yaml_line"] = str(at + 1)


def logo(place: Place) -> None:
    """The certifier's mark the doc passes with --logo."""
    from PIL import Image

    Image.new("RGB", (120, 40), (20, 90, 60)).save(place.cwd / "skoopi.png")


def published(place: Place) -> None:
    """What a stranger holds (verification.md section 2): the certificate PDF, the published
    root and the signed list, from a certificate issued in skoopi-register and its site."""
    registry = place.cwd / "skoopi-register"
    certified(place, registry)
    run = place.asfcert("registry", "build", str(registry), "--out", "asf-listan", "--as-of", DECIDED)
    assert run.code == 0, run.out + run.err
    shutil.copy(place.values["pdf"], place.cwd / "certifikat.pdf")
    shutil.copy(registry / "keys" / "root.pem", place.cwd / "skoopi-root.pem")
    shutil.copy(place.cwd / "asf-listan" / "asf-list.json", place.cwd / "asf-list.json")
    (place.cwd / "https-copy-of").mkdir()
    shutil.copy(place.cwd / "asf-list.json", place.cwd / "https-copy-of" / "asf-list.json")


def pdf_hashes(place: Place) -> None:
    place.values["pdfs"] = json.dumps({str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((place.root / "examples").rglob("*.pdf"))})


def unchanged_pdfs(place: Place, run) -> None:
    """The scripts are deterministic: an unchanged run rewrites nothing."""
    before = json.loads(place.values["pdfs"])
    pdf_hashes(place)
    assert json.loads(place.values["pdfs"]) == before


def example_table(place: Place, run) -> None:
    """The loop prints, per example, what the table above it says: exit code and codes."""
    text = (REPO / "examples" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z-]+)` \|[^|]+\|[^|]+\|[^|]+\| (\d) \| ([^|]+) \|$", text, re.M)
    expected = [f"{code} {sorted(set(re.findall(r'`([a-z-]+)`', codes)))}" for _, code, codes in sorted(rows)]
    assert len(rows) == 6 and run.out.splitlines() == expected


def application_table(place: Place, run) -> None:
    """The batch review gives each application the reasons the table of applications lists."""
    text = (REPO / "examples" / "README.md").read_text(encoding="utf-8").split("## Example applications", 1)[1]
    rows = re.findall(r"^\| `([a-z-]+)` \|[^|]+\|[^|]+\|[^|]+\| ([^|]+) \|$", text, re.M)
    sections = re.split(r"^(?=[a-z-]+ — )", run.out, flags=re.M)
    found = {s.split(" — ", 1)[0]: set(re.findall(r"(?m)^\s+(?:hinder|anmärkning|observation)\s.*\s([a-z0-9]+(?:-[a-z0-9]+)+)$", s))
             for s in sections if re.match(r"[a-z-]+ — ", s)}
    assert len(rows) == 3 and found == {folder: set(re.findall(r"`([a-z-]+)`", reasons)) for folder, reasons in rows}


DOCS: dict[str, Doc] = {
    "README.md": Doc(placeholders={"gröna-verkstaden": "examples/omgang-ht2026/vaxthuset"},
                     exits={".venv/bin/asfcert check examples/omgang-ht2026/cykelkoket": {1}}),
    "examples/README.md": Doc(
        exits={".venv/bin/asfcert intake": {1}},
        before={".venv/bin/python examples/make_": pdf_hashes},
        after={"for d in examples/omgang-ht2026/*/": example_table, ".venv/bin/python examples/make_": unchanged_pdfs,
               ".venv/bin/asfcert intake examples/ansokningar --as-of": application_table},
        finds={".venv/bin/asfcert intake examples/ansokningar/flyttlaget": ["annual-report-outdated", "evidence-kind-missing"]},
    ),
    "docs/auditor.md": Doc(
        # DIR is the example of "Try it on the example cohort", on the day that walkthrough is
        # dated; the certificate it gets is then the doc's ASF-2027-0001
        placeholders={"/tmp/skoopi": "{root}/skoopi", "DIR": f"omgang-ht2026/vaxthuset --as-of {WALKTHROUGH}"},
        before={"asfcert audit DIR --refresh-evidence --decide": auditor_results, "asfcert certify --suspend": auditor_certify},
        answers={"asfcert certify --withdraw": "j\n"},
        # auditor.md's exit codes: 1 while results are missing
        exits={"asfcert audit omgang-ht2026/vaxthuset --auditor": {1}, "asfcert audit DIR --refresh-evidence  ": {1}},
    ),
    "docs/cohort.md": Doc(placeholders={"/srv/skoopi": "{root}/skoopi", "ASF-2026-0001": "{number}"},
                          before={"asfcert certify --suspend": lambda p: certified(p, p.root / "skoopi")}),
    "docs/intake.md": Doc(placeholders={"ansokningar-vt2027/": "examples/ansokningar/"}, exits={"": {1}}),
    "docs/registry-site.md": Doc(
        placeholders={"/srv/skoopi": "{root}/skoopi", "/srv/www/asf-listan": "{root}/www/asf-listan"},
        before={"asfcert registry build /srv/skoopi --out /srv/www/asf-listan": lambda p: certified(p, p.root / "skoopi")},
    ),
    "docs/standard-format.md": Doc(
        placeholders={"~/skoopi/asf-pas10-sis.yaml": "{root}/skoopi/asf-pas10-sis.yaml",
                      "/home/karin/skoopi/asf-pas10-sis.yaml": "{root}/skoopi/asf-pas10-sis.yaml",
                      '"…"': '"Gröna Verkstaden i Gävle ekonomisk förening"', "…": "769612-3459"},
        before={"asfcert standard validate ~/skoopi/asf-pas10-sis.yaml#2": broken_copy,
                "asfcert standard validate": licensed_copy, "asfcert standard show 3.1.a": licensed_copy},
        exits={"asfcert standard validate ~/skoopi/asf-pas10-sis.yaml#2": {2}, "asfcert check": {1}},
        anywhere={"asfcert standard validate ~/skoopi/asf-pas10-sis.yaml#2": True},
        finds={"asfcert standard show --format json": ['"file":'],
               "asfcert standard validate ~/skoopi/asf-pas10-sis.yaml#2": [
                   "[standard-broken]", "standard-reference: id `3.1.a` förekommer flera gånger",
                   "standard-reference: 3.2.a: okänt avsnitt `3.20`"]},
    ),
    "docs/supervisor-guide.md": Doc(
        placeholders={"kohort-ht2026": "examples/omgang-ht2026"},
        before={"asfcert check gröna-verkstaden#2": broken_kit},
        exits={"asfcert new gröna-verkstaden --name \"Gröna Verkstaden i Gävle ekonomisk förening\" --org-number 769612-3456": {2},
               "asfcert check gröna-verkstaden#2": {2}, "asfcert check": {1}, "for d in": {0, 1}},
    ),
    "docs/verification.md": Doc(
        placeholders={"ASF-2026-0007": "{number}", "ABCDE-FGHIJ": "{code}"},
        before={"asfcert registry init skoopi-register": logo, "asfcert verify certifikat.pdf --trust": published},
    ),
    "docs/workspace.md": Doc(placeholders={"gröna-verkstaden": "examples/omgang-ht2026/vaxthuset", "omgang-ht2026": "examples/omgang-ht2026"}),
}


# --- the tests ------------------------------------------------------------------------------


def kinds(doc: str) -> list[tuple[Command, str]]:
    """Each command of the doc with what the test does with it: "form" (a line of a
    synopsis), "skip" (in NOT_RUN) or "run"."""
    found = commands(doc)
    forms = {c.block for c in found if any(d == doc and c.text.startswith(start) for d, start in SYNOPSES)}
    skipped = [start for d, start in NOT_RUN if d == doc]
    return [(c, "form" if c.block in forms else "skip" if any(c.key.startswith(s) for s in skipped) else "run") for c in found]


def _cases():
    runs, synopses = [], []
    for doc in hand_written_docs():
        found = kinds(doc)
        for index, (command, kind) in enumerate(found):
            if kind == "form" and "asfcert " in command.text:
                synopses.append(pytest.param(command, [c for c, _ in found], id=command.id))
            elif kind == "run":
                runs.append(pytest.param(doc, index, id=command.id))
    return runs, synopses


RUNS, FORMS = _cases()
_PLACES: dict[str, tuple[Place, list]] = {}


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    """One reader's place per doc, in which its commands run in order; module-wide, so that
    a command can be tested alone (-k) after the ones before it."""
    cache = tmp_path_factory.mktemp("cache")
    yield lambda doc: _PLACES.get(doc) or _PLACES.setdefault(doc, (Place(tmp_path_factory.mktemp("doc"), cache), []))
    _PLACES.clear()


def substitute(doc: str, text: str, place: Place, strict: bool = True) -> str:
    """The doc's placeholders replaced by their values; an unmapped one in a command
    (`strict`) fails the test."""
    table = DOCS.get(doc, Doc()).placeholders
    keys = re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True)))) if table else None
    rest = keys.sub(" ", text) if keys else text
    unknown = [p for p in PLACEHOLDER.findall(rest) if p not in LITERALS]
    assert not (strict and unknown), f"{doc}: placeholder(s) {unknown} in `{text}`: map them in DOCS[{doc!r}].placeholders"
    return keys.sub(lambda m: table[m.group(0)].format(**place.values), text) if keys else text


def default_exits(text: str) -> set[int]:
    """The README's exit codes: 0 done or ready; 1 as well for the commands that judge a
    folder (findings that block, come back later)."""
    judging = re.match(r"(?:\.venv/bin/)?asfcert (check|intake|cohort check|cohort report)\b", text)
    return {0, 1} if judging else {0}


def run_upto(doc: str, index: int, places) -> tuple[Command, str, object]:
    """The doc's commands before `index` (once), then command `index`: (command, run text, result)."""
    place, done = places(doc)
    found = kinds(doc)
    spec = DOCS.get(doc, Doc())
    while len(done) <= index:
        command, kind = found[len(done)]
        if kind != "run":
            done.append(None)
            continue
        hook = _first(spec.before, command.key)
        if hook:
            hook(place)
        text = substitute(doc, command.text, place)
        if text.startswith("asfcert serve "):
            result = place.serve(shlex.split(text)[1:])
        elif _first(spec.answers, command.key):
            result = place.answered(text, _first(spec.answers, command.key))
        else:
            result = place.shell(text)
        done.append((command, text, result))
    return done[index]


@pytest.mark.parametrize("doc,index", RUNS)
def test_doc_command_runs_as_shown(doc, index, places):
    command, text, result = run_upto(doc, index, places)
    spec = DOCS.get(doc, Doc())
    place = places(doc)[0]
    if text.startswith("asfcert serve "):
        run, page, browser = result
        assert "Traceback" not in run.out + run.err
        assert run.code == 0, run.out + run.err  # Ctrl-C stops it, as the doc says
        # the page is the served folder's: its title names the company or the cohort
        folder = place.cwd / shlex.split(text)[2]
        profile = next(folder / f for f in ("company.yaml", "cohort.yaml") if (folder / f).exists())
        name = re.search(r"^name: (.+)$", profile.read_text(encoding="utf-8"), re.M).group(1).strip().strip('"')
        title = re.search(r"<title>(.*?)</title>", page)
        assert title and name in title.group(1), (name, page[:300])
        link = next(line for line in run.out.splitlines() if line.startswith("http://"))
        assert ("--open" not in text) or browser == link
        return
    run = result
    assert "Traceback" not in run.out + run.err, run.err
    exits = _first(spec.exits, command.key) or default_exits(text)
    assert run.code in exits, f"{command.id}: `{text}` exit {run.code}, expected {sorted(exits)}\n{run.out}{run.err}"
    output = run.out + run.err
    anywhere = _first(spec.anywhere, command.key) is not None
    for line in shown_lines(command.shown):
        line = substitute(doc, line, place, strict=False)
        assert matches(line, output, anywhere), f"{command.id}: not in the output: {line}\n{output}"
    for needle in _first(spec.finds, command.key) or []:
        assert needle in output, f"{command.id}: `{needle}` not in the output\n{output}"
    check = _first(spec.after, command.key)
    if check:
        check(place, run)


_HELP: dict[tuple[str, ...], str] = {}


@pytest.mark.parametrize("command,found", FORMS)
def test_doc_command_forms_name_real_options(command, found, places):
    """A synopsis names the command and only options it has (with their continuation lines)."""
    place = places(command.doc)[0]
    rest = found[found.index(command) + 1:]
    text = command.text[command.text.index("asfcert "):]  # a line may say what it does first
    lines = [text, *[c.text for c in rest[: next((i for i, c in enumerate(rest) if not c.text.startswith("[") or c.block != command.block), len(rest))]]]
    words = text.split()[1:]
    path = tuple(words[:2] if words[0] in ("cohort", "registry", "standard") else words[:1])
    if path not in _HELP:
        run = place.asfcert(*path, "--help", "--lang", "en")
        assert run.code == 0, run.out + run.err
        _HELP[path] = run.out
    used = {o for line in lines for o in re.findall(r"--[a-z][a-z-]*", re.split(r"\s{3,}", line)[0])}
    named = set(re.findall(r"--[a-z][a-z-]*", _HELP[path]))
    assert used <= named, f"{command.id}: `asfcert {' '.join(path)}` has no {sorted(used - named)}"


def test_every_command_not_run_is_still_in_the_docs():
    for doc, start in NOT_RUN:
        assert any(c.key.startswith(start) for c in commands(doc)), (doc, start)
    for doc, start in SYNOPSES:
        assert any(c.text.startswith(start) for c in commands(doc)), (doc, start)
    for doc, spec in DOCS.items():
        keys = [c.key for c in commands(doc)]
        for table in (spec.before, spec.exits, spec.finds, spec.answers, spec.after, spec.anywhere):
            for start in table:
                assert any(k.startswith(start) for k in keys), (doc, start)
