"""The funders' indicators beyond the lifecycle counts: hours per ASF against the expected
range, supervision hours (group and individual) against their targets, and the participant
survey (response rate, would-recommend share, effects by category)."""

from __future__ import annotations


def _float(value) -> float | None:
    return float(value) if value is not None else None


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def set_funder_targets(ind, cohort, hours: list[int]) -> None:
    """A cohort's targets from cohort.yaml, the group supervision held, and how many of
    the companies' reported hours fall within the expected range."""
    t = cohort.targets
    ind.target_hours_min, ind.target_hours_max = t.hours_min, t.hours_max
    if t.hours_min is not None or t.hours_max is not None:
        low, high = t.hours_min or 0, t.hours_max if t.hours_max is not None else float("inf")
        ind.hours_within_target = sum(1 for h in hours if low <= h <= high)
    ind.target_group_supervision_hours = _float(t.group_supervision_hours)
    ind.target_individual_supervision_hours = _float(t.individual_supervision_hours)
    ind.target_percent_survey_response = _float(t.survey_response_rate)
    held = [float(g.supervision_hours) for g in cohort.groups if g.supervision_hours is not None]
    ind.groups_reporting_supervision = len(held)
    ind.group_supervision_hours = sum(held)
    ind.average_group_supervision_hours = _mean(held)


def count_funders(ind, rows: list) -> None:
    """What the company rows tell: the range of hours spent, individual supervision."""
    hours = [r.hours_spent for r in rows if r.hours_spent is not None]
    ind.hours_min, ind.hours_max = min(hours, default=None), max(hours, default=None)
    individual = [r.individual_supervision_hours for r in rows if r.individual_supervision_hours is not None]
    ind.individual_supervision_recorded = len(individual)
    ind.individual_supervision_hours = sum(individual)
    ind.average_individual_supervision_hours = _mean(individual)


def add_survey(ind, survey) -> None:
    ind.survey_asked, ind.survey_answered = survey.asked, survey.answered
    ind.survey_recommend_yes, ind.survey_recommend_no = survey.recommend_yes, survey.recommend_no
    ind.survey_effects = dict(survey.effects)


def sum_funders(total, parts: list) -> None:
    """A registry's totals: sums over the cohorts; a target only where every cohort that
    sets one sets the same."""
    def shared(name: str):
        values = {getattr(p, name) for p in parts if getattr(p, name) is not None}
        return values.pop() if len(values) == 1 else None

    for name in ("target_hours_min", "target_hours_max", "target_group_supervision_hours",
                 "target_individual_supervision_hours", "target_percent_survey_response"):
        setattr(total, name, shared(name))
    within = [p.hours_within_target for p in parts if p.hours_within_target is not None]
    total.hours_within_target = sum(within) if within else None
    total.groups_reporting_supervision = sum(p.groups_reporting_supervision for p in parts)
    total.group_supervision_hours = sum(p.group_supervision_hours for p in parts)
    if total.groups_reporting_supervision:
        total.average_group_supervision_hours = round(total.group_supervision_hours / total.groups_reporting_supervision, 1)
    surveyed = [p for p in parts if p.survey_asked is not None]
    if surveyed:
        total.survey_asked = sum(p.survey_asked for p in surveyed)
        total.survey_answered = sum(p.survey_answered for p in surveyed)
        total.survey_recommend_yes = sum(p.survey_recommend_yes for p in surveyed)
        total.survey_recommend_no = sum(p.survey_recommend_no for p in surveyed)
        effects: dict[str, int] = {}
        for p in surveyed:
            for name, n in p.survey_effects.items():
                effects[name] = effects.get(name, 0) + n
        total.survey_effects = dict(sorted(effects.items(), key=lambda kv: (-kv[1], kv[0])))
