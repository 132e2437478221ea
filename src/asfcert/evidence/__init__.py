"""Evidence documents: what asfcert reads from the files in a company's `evidence/` folder.

    pdf_facts.py  reads one PDF: pypdf for structure (the only module that imports it), PDFium for text
    pdfium_pages.py  PDF page text and page images with PDFium (the only module that imports pypdfium2)
    ocr.py        text recognition of scanned pages and images with Tesseract (swe)
    images.py     reads one JPEG, PNG or TIFF image by OCR
    office.py     reads one Word, OpenDocument or text file, behind a zip-bomb and DTD guard
    ixbrl.py      reads one digital annual report (iXBRL: XHTML or ZIP) with lxml
    ixbrl_formats.py  the inline XBRL number and date formats
    worker.py     runs the readers in child processes with bounded time and memory
    limits.py     what reading may cost (per file, per company), without the worker
    filing.py     what a digital annual report says (company, fiscal year, figures)
    documents.py  the facts of every evidence file, cached by content
    privacy.py    personal identity numbers in YAML files and document text
    text.py       what the cross-check rules look for in document text
    review.py     findings about the files themselves and missing kinds of evidence
    read_review.py  findings about Word, OpenDocument, text and image files, and about OCR

pypdf, PDFium, python-docx, odfdo, Tesseract and lxml never run in the main process, and a
warm `check` imports none of them.
"""
