"""Evidence documents: what asfcert reads from the files in a company's `evidence/` folder.

    pdf_facts.py  reads one PDF with pypdf (the only module that imports it)
    worker.py     runs pdf_facts in child processes with bounded time and memory
    documents.py  the facts of every evidence file, cached by content
    privacy.py    personal identity numbers in YAML files and document text
    text.py       what the cross-check rules look for in document text
    review.py     findings about the files themselves and missing kinds of evidence

pypdf never runs in the main process, and a warm `check` never imports it.
"""
