"""The workspace: `asfcert serve DIR`, a web page on the user's own computer over one company
folder, so that the people who fill it in never edit YAML (docs/workspace.md).

The files stay the one source of truth. Every page is computed from them with the same
engine as `check`; every save goes through the round-trip writer (comments, key order and
unknown fields survive), atomically, and is refused when the file changed on disk since the
page was loaded. Uploads only ever create new files under `evidence/<kind>/`.

    fields.py      the form field types: how a value is shown, read back and written
    profile.py     company.yaml as form sections (owners, pay, supervisors, finances, …)
    forms.py       a posted section -> edits of the round-trip document
    answers.py     one requirement's answer in self-assessment/*.yaml
    files.py       reading with a digest, conflict detection, atomic round-trip saving
    uploads.py     new evidence files: safe names, type and size checks, never overwrite
    places.py      where a finding belongs: a field, a requirement page, a profile section
    steps.py       the three most useful next steps
    state.py       the folder served, and its check result as of now
    labels.py      the workspace's own words in Swedish and English
    pages.py       the data of each page (plain dicts for the templates)
    security.py    token, session, CSRF, Host check, security headers
    app.py         the Starlette application of one company: routes and handlers
    cohorts.py     a cohort folder or registry: its companies, its auditors ("did you mean")
    cohort_pages.py the coordinator's overview (the cohort report's data, render/cohort)
    audit_pages.py the audit view: the impartiality gate, a requirement beside its PDF,
                   results saved to audit/audit.yaml (records/audit_record.py)
    coordinator.py the Starlette application of a cohort: the overview, every company's
                   app mounted under /c/<cohort>/<company>, the audit view
    server.py      binding, the printed URL, uvicorn, Ctrl-C

On a cohort folder the cohort report comes from the cohort workflow, which this package may
not import: the serve command passes it in as a function. Only the serve command imports this package; the web stack (starlette, uvicorn,
python-multipart) is imported nowhere else.
"""
