"""The auditor's workflow: `asfcert audit` and the audit report.

    session.py  `asfcert audit`: the case (assess/case.py), impartiality, the record
                (records/audit_record.py) and the decision (assess/decision.py); returns
                an AuditResult
    report.py   the audit report's content, for the HTML and PDF renderers
"""
