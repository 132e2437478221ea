"""Where a finding belongs in the workspace: the field it is about, and the page to fix it on.

`check` locates a finding as `file:line:column`. The workspace turns the position back into
the path of the value in the file (`pay[0].monthly_sek`), so the message and hint stand next
to the field, and links go to the profile section or the requirement page that edits it."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

from asfcert.base.findings import Finding
from asfcert.base.i18n import L10n
from asfcert.base.layout import ASSESSMENT_DIR, COMPANY_FILE, EVIDENCE_DIR
from asfcert.io.yamlfile import YamlDoc, YamlProblem, load
from asfcert.rules.base import PROFILE_MISSING
from asfcert.workspace.forms import html_id
from asfcert.workspace.profile import section_for


@dataclass(frozen=True)
class Place:
    url: str | None  # the page where it is fixed, with the field's anchor
    where: L10n  # the page's name, for links
    field: str | None = None  # the dotted field name on that page: pay.0.monthly_sek, status


class Positions:
    """The paths of one parsed file, by position."""

    def __init__(self, doc: YamlDoc):
        marks = {}
        for table in (doc.keys, doc.values):
            for path, pos in table.items():
                if len(path) >= len(marks.get(pos, ())):
                    marks[pos] = path
        self._positions = sorted(marks)
        self._paths = [marks[p] for p in self._positions]

    def path_at(self, line: int | None, column: int | None) -> tuple | None:
        """The path of the last key or value that starts at or before the position."""
        if not line:
            return None
        i = bisect.bisect_right(self._positions, (line, column or 10**6)) - 1
        return self._paths[i] if i >= 0 else None


def load_positions(root: Path, rel: str) -> Positions | None:
    from asfcert.io.cache import Cache

    try:
        return Positions(load(root / rel, rel, within=root, cache=Cache(True)))  # parsed once per content
    except (YamlProblem, OSError):
        return None


def field_name(path: tuple) -> str:
    return ".".join(str(p) for p in path)


class Places:
    """Finds the place of every finding of one check result."""

    def __init__(self, root: Path, lang):
        self.root = root
        self.lang = lang
        self._files: dict[str, Positions | None] = {}

    def positions(self, rel: str) -> Positions | None:
        if rel not in self._files:
            self._files[rel] = load_positions(self.root, rel)
        return self._files[rel]

    def path(self, finding: Finding) -> tuple | None:
        loc = finding.location
        if not loc.file or not loc.file.endswith((".yaml", ".yml")):
            return None
        positions = self.positions(loc.file)
        return positions.path_at(loc.line, loc.column) if positions else None

    def of(self, finding: Finding) -> Place:
        file = finding.location.file or ""
        if file == COMPANY_FILE:
            # missing data names its field; its position may be that of whatever comes first
            named = finding.params.get("field") if finding.code == PROFILE_MISSING.code else None
            path = tuple(named.split(".")) if isinstance(named, str) else self.path(finding)
            section = section_for(path) if path else None
            if section is not None:
                name = field_name(path)
                return Place(f"/profile/{section.id}#{html_id(name)}", L10n(f"Profil: {section.title.sv}", f"Profile: {section.title.en}"), name)
        if file.startswith(ASSESSMENT_DIR + "/"):
            path = self.path(finding)
            if path and len(path) >= 2 and path[0] == "answers":
                rid = str(path[1])
                name = str(path[2]) if len(path) > 2 else None
                anchor = "#" + html_id(name) if name else ""
                return Place(f"/req/{rid}{anchor}", L10n(f"Krav {rid}", f"Requirement {rid}"), name)
        if finding.requirement:
            rid = finding.requirement
            return Place(f"/req/{rid}", L10n(f"Krav {rid}", f"Requirement {rid}"))
        if file.startswith(EVIDENCE_DIR + "/"):
            return Place("/evidence", L10n("Underlag", "Evidence"))
        return Place(None, L10n(file, file))


def on_page(findings: list[Finding], places: Places, prefix: str) -> tuple[dict[str, list[Finding]], list[Finding]]:
    """The findings whose place is on the page at `prefix` (`/profile/pay`): by field name,
    and those that belong to the page but no one field."""
    by_field: dict[str, list[Finding]] = {}
    rest: list[Finding] = []
    for f in findings:
        place = places.of(f)
        if not place.url or place.url.split("#")[0] != prefix:
            continue
        if place.field:
            by_field.setdefault(place.field, []).append(f)
        else:
            rest.append(f)
    return by_field, rest
