"""`asfcert intake`: the coordinator's review of an application for admission.

    review.py     one application: the engine (assess/engine.py) evaluates the ASF
                  definition's four principles and the three documents; admit or come
                  back later
    documents.py  the three application documents as requirements for the engine, each
                  running its document rule from rules/, and the documents table
    batch.py      a folder of applications, and how a folder is told to be one or many
    result.py     the result objects (plain dataclasses) and their JSON form

An application is a company folder (company.yaml + evidence/; a self-assessment is not
needed yet). Nothing is written anywhere. See docs/intake.md.
"""
