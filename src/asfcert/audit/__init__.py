"""The auditor's workflow: the audit record, impartiality, the decision and the audit report.

    changes.py       the snapshot of submitted files and what changed since the audit
    record.py        audit/audit.yaml: load, validate, create and update (round trip)
    impartiality.py  may this auditor audit this company? (cohort.yaml, company.yaml)
    decision.py      auditor results + machine findings -> certified / with remarks / not
    history.py       what changed since the company's last certificate
    session.py       `asfcert audit`: puts the pieces together, returns an AuditResult
    report.py        the audit report's content, for the HTML and PDF renderers
"""
