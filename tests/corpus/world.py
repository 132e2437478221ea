"""The world every corpus case starts from: a certifier's registry with one cohort of three
companies, each at the stage one command works on.

    registry/
      registry.yaml
      certificates/ASF-2026-0001.yaml, ASF-2026-0001-sv.pdf
      omgang-ht2026/
        cohort.yaml            the auditor is appointed for all three
        grona/                 certified: a decided audit record and certificate/ (verify)
        solsidan/              audited and decided, not yet certified (certify)
        vaxa/                  complete and ready, never audited (check, audit, intake)

It is built once per test session with the real audit and certify code, then copied for
each run (symlinks kept as links, times kept), so every run starts from the same bytes.
Every person and company is invented."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import audit_helpers
from helpers import make_company

COHORT = "omgang-ht2026"
CERTIFIED, DECIDED, FRESH = "grona", "solsidan", "vaxa"
COMPANIES = (CERTIFIED, DECIDED, FRESH)
ORG_NUMBERS = {CERTIFIED: audit_helpers.ORG, DECIDED: "769633-1235", FRESH: "769677-4566"}
NUMBER = "ASF-2026-0001"  # the certificate of CERTIFIED
AS_OF = dt.date(2026, 12, 2)  # every command runs as of this day: after the decision and the certificate


@dataclass(frozen=True)
class World:
    """Paths into one copy of the world."""

    root: Path

    @property
    def registry(self) -> Path:
        return self.root / "registry"

    @property
    def cohort(self) -> Path:
        return self.registry / COHORT

    def company(self, name: str) -> Path:
        return self.cohort / name

    @property
    def certificate_pdf(self) -> Path:
        """The company's copy of the issued PDF: what a member of the public would verify."""
        return self.company(CERTIFIED) / "certificate" / f"{NUMBER}-sv.pdf"


def build(root: Path) -> World:
    """Build the world in `root` (in this process, without the cache)."""
    world = World(root)
    reg = audit_helpers.registry(world.registry)
    for name in COMPANIES:
        make_company(world.company(name), name=f"{audit_helpers.NAME} {name}", org_number=ORG_NUMBERS[name])
    audit_helpers.cohort(world.cohort, {name: {"auditor": audit_helpers.AUDITOR} for name in COMPANIES})
    for name in (CERTIFIED, DECIDED):
        folder = world.company(name)
        audit_helpers.audit(folder, today=audit_helpers.DECIDED, use_cache=False)
        audit_helpers.set_results(folder)
        result = audit_helpers.audit(folder, today=audit_helpers.DECIDED, decide=True, use_cache=False)
        assert result.decision is not None and result.decision.outcome == "certified", name
    issued = audit_helpers.certify(world.company(CERTIFIED), use_cache=False)
    assert issued.record.number == NUMBER and (reg / "certificates" / f"{NUMBER}.yaml").is_file()
    assert world.certificate_pdf.is_file()
    return world


def seed_cache(template: World, cache: Path) -> Path:
    """A cache holding the parsed standard and the facts of the untouched world's PDFs (by
    content), so that each run reads only the PDFs a case changed. Results of checks are
    not kept: every run checks the folders it is given."""
    from corpus import harness

    run = harness.run(["cohort", "check", str(template.cohort), "--as-of", AS_OF.isoformat()],
                      cwd=cache.parent, env=harness.environment(cache))
    assert run.code == 1, run.describe()
    for namespace in cache.iterdir():
        if namespace.name not in ("pdf-facts", "standard"):
            shutil.rmtree(namespace)
    return cache


def copy(template: World, root: Path) -> World:
    shutil.copytree(template.root, root, symlinks=True)
    return World(root)
