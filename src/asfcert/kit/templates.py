"""The texts of a new kit, rendered from the Jinja2 templates in `templates/kit/`.

`render_kit()` returns every file of the kit as text, keyed by its path inside the company
folder. Nothing is written here (see kit.py). The templates get the standard's own words
(easy-read text, guidance, evidence kinds with their kit folders), so a kit always follows
the standard it was made from. Comments carry both languages, the chosen one first.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field

from asfcert.base.i18n import L10n, Lang
from asfcert.base.text import ascii_fold as fold  # ASCII for file names
from asfcert.company.folder import (
    ASSESSMENT_DIR,
    COMPANY_FILE,
    EVIDENCE_DIR,
    KIT_README,
)

WIDTH = 88  # comment lines wrap here


@dataclass
class EvidenceFolder:
    """One kit folder under `evidence/` and the kinds of documents that go there."""

    folder: str
    kinds: list = field(default_factory=list)  # EvidenceKind
    examples: dict[str, str] = field(default_factory=dict)  # kind id -> example file path
    used_by: dict[str, list[str]] = field(default_factory=dict)  # kind id -> requirement ids

    @property
    def path(self) -> str:
        return f"{EVIDENCE_DIR}/{self.folder}/"


@dataclass
class AssessmentFile:
    clause: object  # Clause
    requirements: list  # Requirement, enabled only
    name: str

    @property
    def path(self) -> str:
        return f"{ASSESSMENT_DIR}/{self.name}"




def slug(text: str, max_len: int = 32) -> str:
    words = [w for w in re.split(r"[^a-z0-9]+", re.sub(r"(\w):s\b", r"\1s", fold(text))) if w]
    out: list[str] = []
    for w in words:
        if out and len("-".join(out + [w])) > max_len:
            break
        out.append(w)
    return "-".join(out)


def assessment_name(clause) -> str:
    """A file name that does not depend on the language: the clause id and its Swedish
    title in ASCII, e.g. `3.1-andamal-och-inriktning.yaml`."""
    ident = clause.id.lower()
    words = slug(clause.title.sv, 48).split("-")
    if words and words[0].startswith(ident.replace("-", "").replace(".", "")):
        words = words[1:]  # `SKOOPI:s tre extra frågor` -> `skoopi-tre-extra-fragor`
    rest = "-".join(words)
    return f"{ident}-{rest}.yaml" if rest else f"{ident}.yaml"


def assessment_files(standard) -> list[AssessmentFile]:
    files = []
    for clause in standard.clauses:
        reqs = [r for r in standard.enabled if r.clause == clause.id]
        if reqs:
            files.append(AssessmentFile(clause, reqs, assessment_name(clause)))
    return files


def example_name(kind, standard) -> str:
    """A file name for the kind that `check` sorts under that kind, e.g. `stadgar.pdf`."""
    from asfcert.company.manifest import classify

    for word in [slug(kind.name.sv).split("-")[0], *kind.keywords, kind.id]:
        name = slug(word, 40)
        if name and classify(f"{EVIDENCE_DIR}/{kind.folder}/{name}.pdf", standard) == kind.id:
            return f"{name}.pdf"
    return f"{kind.id}.pdf"


def evidence_folders(standard) -> list[EvidenceFolder]:
    folders: dict[str, EvidenceFolder] = {}
    for kind in standard.evidence_kinds:
        ef = folders.setdefault(kind.folder, EvidenceFolder(kind.folder))
        ef.kinds.append(kind)
        ef.examples[kind.id] = f"{ef.path}{example_name(kind, standard)}"
        ef.used_by[kind.id] = [r.id for r in standard.enabled if kind.id in r.evidence]
    return sorted(folders.values(), key=lambda f: f.folder)


# ---- filters and helpers the templates use -------------------------------------------


def comment(text: str, indent: int = 0, lead: str = "", width: int = WIDTH) -> str:
    """Text as YAML comment lines (`# …`), wrapped, each paragraph kept. With a `lead`,
    the lead is a line of its own and the text is indented under it."""
    pad = " " * indent + "# "
    body = "  " if lead else ""
    lines = [lead.strip()] if lead else []
    for para in str(text).splitlines() or [""]:
        wrapped = textwrap.wrap(
            " ".join(para.split()), width=max(20, width - len(pad) - len(body)),
            break_long_words=False, break_on_hyphens=False,
        )
        lines.extend(body + line for line in wrapped or [""])
    return "\n".join((pad + line).rstrip() for line in lines)


def wrap(text: str, indent: int = 0, width: int = 78, hang: int = 0) -> str:
    """Plain text wrapped for the README files; `hang` indents the lines after the first."""
    pad = " " * indent
    out = []
    for para in str(text).splitlines() or [""]:
        out.append(textwrap.fill(para.strip() if not hang else para.rstrip(), width=width, initial_indent=pad,
                                 subsequent_indent=pad + " " * hang, break_long_words=False,
                                 break_on_hyphens=False, replace_whitespace=not hang, drop_whitespace=True) or "")
    return "\n".join(out)


def yaml_str(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def yaml_key(value: str) -> str:
    """A requirement id as a mapping key; quoted when YAML would read it as something
    other than the same text (`3.10` is a number, `no` is false)."""
    from asfcert.io.yamlfile import YamlProblem, parse

    try:
        doc = parse(f"{value}: x\n".encode(), "key")
        if isinstance(doc.data, dict) and list(doc.data) == [value]:
            return value
    except YamlProblem:
        pass
    return yaml_str(value)


def _pay_ratio_max(standard) -> str | None:
    for req in standard.enabled:
        for spec in req.checks:
            if spec.rule == "pay-ratio":
                return str(spec.max)
    return None


def environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from asfcert.base.resources import data_dir

    env = Environment(
        loader=FileSystemLoader(str(data_dir("templates") / "kit")),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from asfcert.render.standard.labels import check_line

    env.filters.update(comment=comment, wrap=wrap, yaml_str=yaml_str, yaml_key=yaml_key, check_line=check_line)
    return env


def render_kit(standard, name: str, org_number: str, lang: Lang) -> dict[str, str]:
    """Every file of the kit: path inside the company folder -> text."""
    order: tuple[Lang, ...] = ("en", "sv") if lang == "en" else ("sv", "en")
    kinds = {k.id: k for k in standard.evidence_kinds}
    folders = evidence_folders(standard)
    examples = {kid: path for ef in folders for kid, path in ef.examples.items()}
    files = assessment_files(standard)

    def both(sv: str, en: str, sep: str = " / ") -> str:
        """Both languages on one line (a standard's title may hold line breaks)."""
        texts = {"sv": " ".join(sv.split()), "en": " ".join(en.split())}
        return sep.join(texts[o] for o in order)

    def note(sv: str, en: str, indent: int = 0) -> str:
        """A comment in both languages, the chosen one first."""
        texts = {"sv": sv, "en": en}
        return "\n".join(comment(texts[o], indent) for o in order)

    def words(w, indent: int = 0, lead_sv: str = "", lead_en: str = "") -> str:
        """A text from the standard as a comment in both languages."""
        leads = {"sv": lead_sv, "en": lead_en}
        return "\n".join(comment(getattr(w, o), indent, leads[o]) for o in order)

    common = dict(
        langs=order,
        tr=lambda sv, en: en if lang == "en" else sv,
        both=both,
        note=note,
        words=words,
        text=lambda w, o: getattr(w, o),
        name=name,
        org_number=org_number,
        standard=standard,
        kinds=kinds,
        examples=examples,
        folders=folders,
        assessment_files=files,
        pay_ratio_max=_pay_ratio_max(standard),
        is_machine=lambda r: r.decided_by == "machine",
        severity_name=lambda s, o: _SEVERITY[s].format(months=standard.policy.remark_deadline_months).get(o),
        decider_name=lambda d, o: _DECIDER[d].get(o),
    )
    env = environment()
    out = {COMPANY_FILE: env.get_template("company.yaml.j2").render(**common)}
    assessment = env.get_template("self-assessment.yaml.j2")
    for f in files:
        out[f.path] = assessment.render(file=f, **common)
    out[KIT_README] = env.get_template("README.txt.j2").render(**common)
    guide = env.get_template("evidence-README.txt.j2")
    out[f"{EVIDENCE_DIR}/{KIT_README}"] = env.get_template("evidence-index.txt.j2").render(**common)
    for ef in folders:
        out[f"{ef.path}{KIT_README}"] = guide.render(ef=ef, **common)
    return out


_SEVERITY = {
    "blocker": L10n("hinder (måste vara uppfyllt för certifiering)", "blocker (must be met to be certified)"),
    "remark": L10n("anmärkning (kan åtgärdas inom {months} månader efter beslutet)", "remark (can be fixed within {months} months of the decision)"),
    "observation": L10n("observation (ett tips, hindrar inte)", "observation (a tip, does not block)"),
}
_DECIDER = {
    "auditor": L10n("revisorn, utifrån ert svar här", "the auditor, from your answer here"),
    "machine": L10n("asfcert, utifrån company.yaml", "asfcert, from company.yaml"),
}
