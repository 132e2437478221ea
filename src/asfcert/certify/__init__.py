"""Certificates: the certifier's registry, issuing, suspending and withdrawing, verifying.

    registry.py  registry.yaml, certificates/<NUMBER>.yaml, number allocation, locks
    issue.py     `asfcert certify DIR`: the certificate PDF, the stamp and the record
    status.py    suspend, reinstate, withdraw
    verify.py    `asfcert verify`: valid, expired, suspended, withdrawn, unknown, altered
"""
