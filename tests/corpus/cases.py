"""The hostile cases: what each does to the world, and what every command must answer.

A case applies one mutation to every file of one *role* (company.yaml in each company,
the cohort file, the audit records, ...). What a command must answer depends on whether
it reads that file, and how much it needs it:

    EXIT 2    the command cannot do its work with that file: a clear message naming the
              file, and nothing written anywhere;
    EXIT 1    the command reports the file as a finding (or refuses for a reason of its
              own, e.g. files changed since the audit) and names the file;
    baseline  the command does not read the file, or the input is actually fine (a BOM,
              CRLF line ends, a YAML 1.1 header): it answers exactly as on the untouched
              world (BASELINE).

ROLE_EXPECT says it per role for a broken file; a case can override single commands."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from corpus import hostile as h
from corpus.world import CERTIFIED, COMPANIES, DECIDED, NUMBER, World

# The exit codes on the untouched world: check, intake and verify find everything fine;
# audit creates a record whose auditor results are still missing (1); certify issues the
# decided company's certificate; cohort check has companies not yet ready for audit.
BASELINE = {
    "check": 0, "audit": 1, "certify": 0, "verify-pdf": 0, "verify-number": 0, "intake": 0,
    "cohort-check": 1, "cohort-report": 0, "registry-build": 0, "cohort-init": 0, "registry-complaint": 0,
}

# Where each role's files are in a world, and the text a message about them must contain.
ROLES: dict[str, tuple[Callable[[World], list[Path]], str]] = {
    "company": (lambda w: [w.company(c) / "company.yaml" for c in COMPANIES], "company.yaml"),
    "answers": (lambda w: [w.company(c) / "self-assessment" / "answers.yaml" for c in COMPANIES], "answers.yaml"),
    "cohort": (lambda w: [w.cohort / "cohort.yaml"], "cohort.yaml"),
    "registry": (lambda w: [w.registry / "registry.yaml"], "registry.yaml"),
    "record": (lambda w: [w.company(c) / "audit" / "audit.yaml" for c in (CERTIFIED, DECIDED)], "audit.yaml"),
    "certificate": (
        lambda w: [w.registry / "certificates" / f"{NUMBER}.yaml", w.company(CERTIFIED) / "certificate" / f"{NUMBER}.yaml"],
        f"{NUMBER}.yaml",
    ),
    "statutes": (lambda w: [w.company(c) / "evidence" / "stadgar" / "stadgar.pdf" for c in COMPANIES], "stadgar.pdf"),
    # the annual report PDF, replaced by a digital annual report (iXBRL) of the same name
    "filing": (lambda w: [w.company(c) / "evidence" / "arsredovisning" / "arsredovisning-2025.pdf" for c in COMPANIES],
               "arsredovisning-2025."),
    "certificate-pdf": (lambda w: [w.certificate_pdf], f"{NUMBER}-sv.pdf"),
}

# A broken file of each role, per command: 2, 1, or absent for the baseline.
ROLE_EXPECT: dict[str, dict[str, int]] = {
    "company": {"check": 2, "audit": 2, "certify": 2, "intake": 2, "cohort-check": 1},
    "answers": {"check": 2, "audit": 2, "certify": 2, "cohort-check": 1},
    "cohort": {"audit": 2, "certify": 2, "cohort-check": 2, "cohort-report": 2},
    "registry": {"certify": 2, "verify-pdf": 2, "verify-number": 2, "registry-build": 2, "cohort-init": 2, "registry-complaint": 2},
    "record": {"certify": 2, "cohort-check": 1},
    "certificate": {"certify": 2, "verify-pdf": 2, "verify-number": 2, "registry-build": 2, "cohort-init": 2, "registry-complaint": 2},
    "statutes": {"check": 1, "audit": 1, "certify": 1, "intake": 1, "cohort-check": 1},
    "filing": {"check": 1, "audit": 1, "certify": 1, "intake": 1, "cohort-check": 1},
    "certificate-pdf": {"verify-pdf": 2},
}


@dataclass(frozen=True)
class Case:
    name: str
    role: str
    mutate: h.Mutation
    fine: bool = False  # the input is actually fine: every command answers as on the untouched world
    expect: dict[str, int] = field(default_factory=dict)  # overrides of ROLE_EXPECT for this case
    shown: str = ""  # the text a message must contain; default: the role's file name
    every_command: bool = False  # run every command, not only those that read the role's files
    needs_permissions: bool = False  # relies on read permission being enforced (see harness.py)

    @property
    def named(self) -> str:
        return self.shown or ROLES[self.role][1]

    def expected(self, command: str) -> tuple[int, bool]:
        """(exit code, whether the output must name the file)."""
        if command in self.expect:
            return self.expect[command], True
        if self.fine:
            return BASELINE[command], False
        return ROLE_EXPECT[self.role].get(command, BASELINE[command]), command in ROLE_EXPECT[self.role]

    def commands(self) -> list[str]:
        """The commands that read this role's files (and those the case names); every
        command for the first case of each role, to show the others do not read them."""
        readers = set(ROLE_EXPECT[self.role]) | set(self.expect)
        return [c for c in BASELINE if self.every_command or c in readers]

    def apply(self, world: World) -> None:
        for path in ROLES[self.role][0](world):
            self.mutate(path)


# A file of the decided company changed: `certify` refuses (changed since the audit), naming it.
_CHANGED = {"certify": 1}
_FINE = {h.bom_crlf, h.yaml_1_1_norway}


def _name(role: str, mutation) -> str:
    return f"{role}-{mutation.__name__.replace('_', '-')}"


def _yaml_cases(role: str, variants: list, **overrides) -> list[Case]:
    return [
        Case(_name(role, v), role, h.yaml(v), fine=v in _FINE, expect=overrides.get(v.__name__, {}))
        for v in variants
    ]


def _file_cases(role: str, mutations: list, **overrides) -> list[Case]:
    return [
        Case(_name(role, m), role, m, expect=overrides.get(m.__name__, {}), needs_permissions=m is h.unreadable)
        for m in mutations
    ]


def _pdf_cases(role: str, names: list[str], **overrides) -> list[Case]:
    return [Case(f"{role}-{name}", role, h.pdf(name), expect=overrides.get(name, {})) for name in names]


def _first_runs_everything(cases: list[Case]) -> list[Case]:
    seen, out = set(), []
    for case in cases:
        out.append(case if case.role in seen else replace(case, every_command=True))
        seen.add(case.role)
    return out


_FILES = [h.folder_in_place, h.symlink_loop, h.dangling_link, h.link_out, h.unreadable, h.fifo]
_EVERY_YAML = [
    h.alias_bomb, h.deep_flow, h.deep_block, h.duplicate_key, h.tab_indent, h.bom_crlf, h.latin1, h.utf16,
    h.nul_byte, h.control_character, h.list_root, h.scalar_root, h.huge_number, h.long_integer,
    h.invalid_date, h.yaml_1_1_norway, h.python_tag, h.several_documents, h.too_large, h.empty,
    h.deep_dashes, h.deep_questions, h.many_keys, h.timestamp_tag,
]
# deep_dashes: every kind of YAML file crashed every command that read it (exit 139)
_SOME_YAML = [h.alias_bomb, h.duplicate_key, h.list_root, h.python_tag, h.empty, h.latin1, h.deep_dashes]
_PDFS = ["not-a-pdf", "truncated", "encrypted-user", "zero-pages", "bomb", "huge-length", "cyclic", "empty"]

CASES: list[Case] = _first_runs_everything([
    *_yaml_cases("company", _EVERY_YAML, bom_crlf=_CHANGED, yaml_1_1_norway=_CHANGED),
    *_file_cases("company", _FILES),
    Case("company-case-twin", "company", h.case_twin, fine=True),
    # shown in the terminal, the dashboard, the CSV and XLSX files and the public list
    Case("company-escaped-controls", "company", h.yaml(h.escaped_controls), fine=True,
         expect={**_CHANGED, "cohort-report": 0, "registry-build": 0}),
    *_yaml_cases("answers", [*_SOME_YAML, h.cut_in_half, h.bom_crlf], bom_crlf=_CHANGED),
    *_file_cases("answers", [h.folder_in_place, h.symlink_loop, h.link_out, h.unreadable, h.fifo]),
    Case("answers-case-twin", "answers", h.case_twin, shown="ANSWERS.YAML"),
    *_yaml_cases("cohort", [*_SOME_YAML, h.scalar_root, h.invalid_date, h.bom_crlf]),
    *_file_cases("cohort", [h.folder_in_place, h.symlink_loop, h.link_out, h.unreadable, h.fifo]),
    *_yaml_cases("registry", [*[v for v in _SOME_YAML if v is not h.latin1], h.scalar_root]),  # no å, ä, ö in it
    *_file_cases("registry", [h.folder_in_place, h.symlink_loop, h.link_out, h.unreadable, h.fifo]),
    *_yaml_cases("record", [*_SOME_YAML, h.cut_in_half, h.invalid_date, h.bom_crlf]),
    *_file_cases("record", [h.folder_in_place, h.symlink_loop, h.link_out, h.unreadable, h.fifo]),
    *_yaml_cases("certificate", [*_SOME_YAML, h.cut_in_half, h.invalid_date]),
    *_file_cases("certificate", [h.folder_in_place, h.symlink_loop, h.link_out, h.unreadable, h.fifo]),
    *_pdf_cases("statutes", _PDFS),
    # readable, with an owner password only or as a scan the auditor reads by hand; intake
    # needs to see the organisation number in it, and asks the company to come back
    *[Case(f"statutes-{n}", "statutes", h.pdf(n), fine=True, expect={**_CHANGED, "intake": 1}) for n in ("encrypted-owner", "scan")],
    *_file_cases("statutes", [*_FILES, h.sparse_huge]),
    Case("statutes-nfd-twin", "statutes", h.nfd_twin, fine=True, expect=_CHANGED, shown="rsredovisning"),
    Case("statutes-odd-name", "statutes", h.odd_name, fine=True, expect=_CHANGED, shown="[utkast] #2"),
    Case("statutes-non-utf8-name", "statutes", h.non_utf8_name, fine=True, expect=_CHANGED, shown="kopia-%FF%FE.pdf"),
    *[Case(f"filing-{name}", "filing", h.filing(name)) for name in h.FILINGS],
    *_pdf_cases("certificate-pdf", _PDFS),
    # readable, but not the PDF that was issued (altered) or without a number (unknown)
    *[Case(f"certificate-pdf-{n}", "certificate-pdf", h.pdf(n), expect={"verify-pdf": 1}) for n in ("encrypted-owner", "scan")],
    # verify follows a link the user names: the file they gave is the input
    *_file_cases("certificate-pdf", [*_FILES, h.sparse_huge], link_out={"verify-pdf": 0}),
])
BY_NAME = {c.name: c for c in CASES}
assert len(BY_NAME) == len(CASES), "case names must be unique"
