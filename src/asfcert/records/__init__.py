"""Every persistent record a workflow reads or writes: one loader and one saver each.

    files.py         how a record file is read and validated; the one `*-unusable` abort
    audit_record.py  audit/audit.yaml (round trip: the auditor's comments survive)
    snapshot.py      the submitted files at audit time, and what changed since
    history.py       what changed since the company's last certificate
    registry.py      registry.yaml, certificates/<NUMBER>.yaml, number claims, locks
    certificates.py  what a certificate record says, and the company's certificate/ folder
    cohort_file.py   cohort.yaml, and the coordinator's warnings about a cohort
"""
