"""Evidence documents: what asfcert reads from the files in a company's `evidence/` folder.

    pdf_facts.py  reads one PDF with pypdf (the only module that imports it)
    ixbrl.py      reads one digital annual report (iXBRL: XHTML or ZIP) with lxml
    ixbrl_formats.py  the inline XBRL number and date formats
    worker.py     runs pdf_facts and ixbrl in child processes with bounded time and memory
    filing.py     what a digital annual report says (company, fiscal year, figures)
    documents.py  the facts of every evidence file, cached by content
    privacy.py    personal identity numbers in YAML files and document text
    text.py       what the cross-check rules look for in document text
    review.py     findings about the files themselves and missing kinds of evidence

pypdf and lxml never run in the main process, and a warm `check` imports neither.
"""
