"""Certificates: issuing, suspending and withdrawing, verifying. The registry and its
records are in records/ (registry.py, certificates.py).

    issue.py      `asfcert certify DIR`: a transaction (claim, prepare, commit, announce)
    documents.py  the company folder's PDF and stamps of a certificate
    status.py     suspend, reinstate, withdraw, close a remark
    verify.py     `asfcert verify`: valid, expired, suspended, withdrawn, unknown, altered
"""
