"""The engine: the one loop that applies the rules to requirements and decides each
requirement's status. `check`, `intake` and every later caller evaluate through it.

For each requirement, in order:

1. the company's answer, when the caller reads answers (`check`): the findings about it
   (assess/answers.py) and the files it refers to;
2. every rule the requirement names under `checks:`, with its parameters; each finding a
   rule makes is marked with the rule's id (`Finding.rule`), and the rules' figures and
   one-line summaries are merged;
3. the evidence the requirement expects, when the caller gives a `Review`
   (evidence/review.py): a missing or unreadable document keeps it open;
4. its status (`base.vocab.Status`), from the findings' effects alone: `open` when any
   finding opens it or its evidence is missing, else `failing` when any fails it, else
   `not-applicable` when the company answered so, else `ready`. On a requirement the
   auditor decides the rules only advise: their findings never decide its status. A
   caller that leaves those requirements to the audit (`intake`) gets `auditor` for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from asfcert.base.findings import Effect, Finding
from asfcert.base.i18n import L10n
from asfcert.base.identity import ByIdentity
from asfcert.base.vocab import Decider, Status
from asfcert.rules.base import RuleContext

if TYPE_CHECKING:
    from asfcert.assess.answers import Answers
    from asfcert.company.folder import CompanyFolder
    from asfcert.evidence.documents import Documents
    from asfcert.evidence.review import Review
    from asfcert.formats.company import Company
    from asfcert.io.cache import Cache
    from asfcert.io.yamlfile import YamlDoc
    from asfcert.standard.model import Requirement

NOT_APPLICABLE_ANSWER = "not-applicable"


@dataclass
class Subject:
    """What the rules read: one company's profile, folder and documents, on one day."""

    company: Company | None
    profile: YamlDoc | None
    folder: CompanyFolder
    today: dt.date
    documents: Documents | None = None
    cache: Cache | None = None  # the run's cache (io.cache), for what rules derive from shipped data


@dataclass
class Evaluation:
    """One requirement, evaluated."""

    requirement: Requirement
    status: Status
    findings: list[Finding] = field(default_factory=list)  # about its answer, and from its rules
    figures: dict = field(default_factory=dict)  # the rules' numbers
    summary: L10n | None = None  # the rules' one-line summaries, joined
    answer: str | None = None  # the company's own status from the self-assessment
    evidence: list[str] = field(default_factory=list)  # the files the answer refers to that exist


def evaluate(
    requirements: list[Requirement],
    subject: Subject,
    *,
    answers: Answers | None = None,
    review: Review | None = None,
    auditor_later: bool = False,
) -> list[Evaluation]:
    """Evaluate `requirements` in order. `answers`: read the self-assessment's answers;
    `review`: ask for the evidence each requirement expects; `auditor_later`: leave the
    requirements the auditor decides to the audit (status `auditor`, nothing run)."""
    return [_one(req, subject, answers, review, auditor_later) for req in requirements]


def _one(req: Requirement, subject: Subject, answers: Answers | None, review: Review | None, auditor_later: bool) -> Evaluation:
    advisory = req.decided_by == Decider.AUDITOR
    if advisory and auditor_later:
        return Evaluation(req, Status.AUDITOR)
    about_answer, files, answer = answers.of(req) if answers is not None else ([], [], None)
    plan = _plan(req)
    found, figures, summaries = _run(plan, subject) if plan.rules else ([], {}, [])
    found_all = about_answer + found if found else about_answer
    evidence_open = review is not None and review.requirement(
        req, files, answer, found_all, failing=bool(found) and not advisory,
    )
    summary = L10n(" · ".join(s.sv for s in summaries), " · ".join(s.en for s in summaries)) if summaries else None
    deciding = about_answer if advisory else found_all
    return Evaluation(req, status_of(deciding, evidence_open, answer), found_all, figures, summary, answer, files)


@dataclass(frozen=True, slots=True)
class _Plan:
    """The rules of one requirement's checks: found once per requirement and process
    (base/identity.py)."""

    req: Requirement
    rules: tuple  # (rule id, rule module, the check's spec) for each of its checks


_PLANS: ByIdentity[_Plan] = ByIdentity()


def _plan(req: Requirement) -> _Plan:
    return _PLANS.get(req, _make_plan)


def _make_plan(req: Requirement) -> _Plan:
    from asfcert.rules import RULES

    return _Plan(req, tuple((spec.rule, RULES[spec.rule], spec) for spec in req.checks))


def run_rules(req: Requirement, subject: Subject) -> tuple[list[Finding], dict, list[L10n]]:
    """Every check of `req`: the findings (each marked with its rule), the merged figures
    and the summaries."""
    return _run(_plan(req), subject)


def _run(plan: _Plan, subject: Subject) -> tuple[list[Finding], dict, list[L10n]]:
    ctx = RuleContext(subject.company, subject.profile, subject.folder, plan.req, subject.today, subject.documents, subject.cache)
    found: list[Finding] = []
    figures: dict = {}
    summaries: list[L10n] = []
    for rule, module, spec in plan.rules:
        outcome = module.check(ctx, spec)
        found += [f if f.rule == rule else replace(f, rule=rule) for f in outcome.findings]
        figures.update(outcome.figures)
        if outcome.summary:
            summaries.append(outcome.summary)
    return found, figures, summaries


def status_of(deciding: list[Finding], evidence_open: bool, answer: str | None) -> Status:
    effects = {f.effect for f in deciding}
    if Effect.OPENS in effects or evidence_open:
        return Status.OPEN
    if Effect.FAILS in effects:
        return Status.FAILING
    if answer == NOT_APPLICABLE_ANSWER:
        return Status.NOT_APPLICABLE
    return Status.READY
