"""`asfcert intake`: the coordinator's review of an application for admission.

    documents.py  the three application documents: present, readable, current, and showing
                  the company's organisation number
    review.py     one application: the machine-decided parts of the ASF definition's four
                  principles plus the documents; admit or come back later
    batch.py      a folder of applications, and how a folder is told to be one or many
    result.py     the result objects (plain dataclasses) and their JSON form

An application is a company folder (company.yaml + evidence/; a self-assessment is not
needed yet). Nothing is written anywhere. See docs/intake.md.
"""
