"""What a cohort report takes of one company's check (assess/result.CheckSummary): its
verdict, counts, input errors and each clause's share ready, flat. The run index keeps it
as a row of plain values, and a warm run of a thousand companies builds one object per
company from it, not one per clause."""

from __future__ import annotations

from asfcert.base.findings import Finding

_SEVERITIES = ("error", "blocker", "remark", "warning")


class CompanyCheck:
    __slots__ = ("company", "usable", "ready", "counts", "columns", "clauses", "percent_ready", "errors")

    def __init__(self, company: dict | None, usable: bool, ready: bool, counts: dict[str, int],
                 columns: tuple, clauses: dict[str, int], percent_ready: int, errors: list[Finding]):
        self.company = company  # name, org_number, legal_form
        self.usable = usable
        self.ready = ready
        self.counts = counts  # severity -> number of findings
        self.columns = columns  # (clause id, title {sv, en}) of every clause, in the standard's order
        self.clauses = clauses  # clause id -> percent ready, of the clauses with requirements
        self.percent_ready = percent_ready  # of all the requirements
        self.errors = errors  # the input errors, in the order check reports them

    @classmethod
    def of(cls, summary: dict) -> CompanyCheck:
        """From `CheckSummary.to_dict()`."""
        titles: dict[str, dict] = {}
        return cls.from_row(row(summary, titles), titles, {})

    @classmethod
    def from_row(cls, values, titles: dict[str, dict], columns: dict[tuple, tuple]) -> CompanyCheck:
        """From a `row`, with the titles its clauses had; `columns` shares the columns of
        the companies with the same clauses. A row that does not fit raises ValueError,
        TypeError or KeyError."""
        company, usable, ready, counts, ids, clauses, percent, errors = values
        if type(usable) is not bool or type(ready) is not bool or type(percent) is not int or type(ids) is not tuple:
            raise ValueError("not a company check")
        if not (company is None or type(company) is dict and type(company["name"]) is str):
            raise ValueError("not a company")
        if type(counts) is not dict or any(type(counts[s]) is not int for s in _SEVERITIES):
            raise ValueError("not the counts of a check")
        if type(clauses) is not dict or not clauses.keys() <= set(ids) or any(type(v) is not int for v in clauses.values()):
            raise ValueError("not the clauses of a check")
        shared = columns.get(ids)
        if shared is None:
            shared = columns[ids] = tuple((i, titles[i]) for i in ids)
        return cls(company, usable, ready, counts, shared, clauses, percent, [Finding.from_dict(e) for e in errors])


def row(summary: dict, titles: dict[str, dict]) -> tuple:
    """A summary (`CheckSummary.to_dict()`) as the row `CompanyCheck.from_row` reads, its
    clauses' titles noted in `titles` (clause id -> {sv, en}) once for all rows."""
    clauses = summary["clauses"]
    total = sum(c["total"] for c in clauses)
    done = sum(c["ready"] + c["not_applicable"] for c in clauses)
    for c in clauses:
        titles[c["id"]] = c["title"]
    return (
        summary["company"], summary["usable"], summary["ready"], summary["counts"],
        tuple(c["id"] for c in clauses),
        {c["id"]: c["percent_ready"] for c in clauses if c["total"]},
        round(100 * done / total) if total else 0,
        summary["errors"],
    )
