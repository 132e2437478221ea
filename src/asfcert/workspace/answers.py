"""One requirement's answer in `self-assessment/*.yaml`: where it is, what it says, and how
a posted requirement page edits it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from asfcert.base.i18n import L10n
from asfcert.base.layout import ASSESSMENT_DIR
from asfcert.company.folder import CompanyFolder
from asfcert.workspace import files
from asfcert.workspace.fields import scalar, shown

# The company's own answer, as plain choices (the values are the file format's).
STATUSES = (
    ("met", L10n("Uppfyllt", "Met")),
    ("partly", L10n("Delvis uppfyllt", "Partly met")),
    ("not-met", L10n("Ej uppfyllt", "Not met")),
    ("not-applicable", L10n("Ej tillämpligt", "Not applicable")),
)


@dataclass
class AnswerFile:
    loaded: files.Loaded
    exists: bool  # whether the file holds an entry for the requirement

    @property
    def rel(self) -> str:
        return self.loaded.rel

    def answer(self, rid: str) -> dict:
        return entry_of(self.loaded.data, rid)


def entry_of(data, rid: str) -> dict:
    """The answer to `rid` in a self-assessment file's data; {} when there is none."""
    answers = data.get("answers") if isinstance(data, dict) else None
    entry = answers.get(rid) if isinstance(answers, dict) else None
    return entry if isinstance(entry, dict) else {}


def locate(root: Path, standard, rid: str) -> AnswerFile:
    """The file that holds the answer to `rid`; else a file that cannot be read (the answer
    may be in it: the page shows why and saving waits until it is fixed); else the file of
    its clause (where the kit puts it); else a new file for the clause."""
    folder = CompanyFolder(root)
    clause = next((r.clause for r in standard.requirements if r.id == rid), "")
    siblings = {r.id for r in standard.requirements if r.clause == clause}
    loaded = [files.read(root, folder.display(p)) for p in folder.assessment_files()]
    for f in loaded:
        if rid in _ids(f):
            return AnswerFile(f, True)
    broken = next((f for f in loaded if f.problem is not None), None)
    if broken is not None:  # the answer may be in the file that cannot be read: never answer twice
        return AnswerFile(broken, False)
    for f in loaded:
        if _ids(f) & siblings and f.problem is None:
            return AnswerFile(f, False)
    for f in loaded:
        if Path(f.rel).name.startswith(clause.lower() + "-") and f.problem is None:
            return AnswerFile(f, False)
    return AnswerFile(files.read(root, f"{ASSESSMENT_DIR}/{clause.lower() or 'answers'}.yaml"), False)


def _ids(f: files.Loaded) -> set[str]:
    data = f.data
    answers = data.get("answers") if isinstance(data, dict) else None
    return {str(k) for k in answers} if isinstance(answers, dict) else set()


def canonical_status(value) -> str | None:
    """The status as the file format reads it (`uppfyllt` is `met`); None when empty or not
    a status (then the page shows no choice made, and check says why)."""
    from pydantic import TypeAdapter, ValidationError

    from asfcert.formats.assessment import AnswerStatus

    if value is None:
        return None
    try:
        return TypeAdapter(AnswerStatus).validate_python(value)
    except ValidationError:
        return None


def editor(rid: str, status: str | None, description: str, chosen: list[str]):
    """The edit a posted requirement page makes: for `files.save`."""
    from ruamel.yaml.comments import CommentedMap

    from asfcert.workspace.forms import apply_files

    def edit(data, plain) -> None:
        answers = data.get("answers")
        if not isinstance(answers, dict):
            answers = CommentedMap()
            data["answers"] = answers
        entry = answers.get(rid)
        if not isinstance(entry, dict):
            entry = CommentedMap()
            answers[rid] = entry
        old = entry_of(plain, rid)
        if (status or None) != canonical_status(old.get("status")) or "status" not in entry:
            entry["status"] = status or None
        text = description.replace("\r\n", "\n").replace("\r", "\n").strip()
        if text != shown(old.get("description"), "textarea").strip():
            entry["description"] = scalar(text) if text else None
        elif "description" not in entry:
            entry["description"] = None
        apply_files(entry, "evidence", old.get("evidence"), chosen)

    return edit
