"""The names of the folders and files asfcert reads and writes, in one place."""

COMPANY_FILE = "company.yaml"
ASSESSMENT_DIR = "self-assessment"
EVIDENCE_DIR = "evidence"
KIT_README = "README.txt"  # the guide `asfcert new` puts in the kit's folders; not evidence
AUDIT_DIR = "audit"
AUDIT_RECORD = AUDIT_DIR + "/audit.yaml"
AUDIT_HISTORY_DIR = AUDIT_DIR + "/history"
CERTIFICATE_DIR = "certificate"  # in the company folder
COHORT_FILE = "cohort.yaml"
REGISTRY_FILE = "registry.yaml"
REGISTRY_CERT_DIR = "certificates"
