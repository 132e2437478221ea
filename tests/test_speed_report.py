"""The audit report's PDF laid out directly with fpdf2 (render/audit/report_pdf.py): the
same bytes for the same data, nothing lost where a row or a word is longer than the room
it has, and people's texts shown visibly."""

import datetime as dt
import io
import re

import pytest
from audit_helpers import decide, setup

from asfcert.audit import report
from asfcert.render.audit import report as render

CREATED = dt.date(2027, 1, 15)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = setup(tmp_path_factory.mktemp("report-speed"))
    result = decide(root, {"3.9.b": "remark", "3.6.b": "observation"},
                    comments={"3.9.b": "Skyddsombudet har inte gått SAM-utbildning.", "3.6.b": "Sätt mätbara miljömål."})
    return report.view(result, "sv", CREATED, certifier="SKOOPI", folder=str(root))


def text_of(pdf: bytes) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_same_data_gives_the_same_bytes(data):
    assert render.pdf(data, CREATED) == render.pdf(data, CREATED)


def test_a_row_longer_than_a_page_goes_on_over_the_next_with_every_word(data):
    words = [f"ord{i:04d}" for i in range(1600)]
    long = dict(data, remarks=[dict(data["remarks"][0], comment=" ".join(words))])
    pages, text = text_of(render.pdf(long, CREATED))
    _, short = text_of(render.pdf(data, CREATED))
    assert pages >= text_of(render.pdf(data, CREATED))[0] + 2
    assert all(word in text for word in words)
    assert text.count("Åtgärdas senast") > short.count("Åtgärdas senast")  # the table's head on each page


def test_a_word_wider_than_its_column_is_cut_not_lost(data):
    path = "evidence/" + "mapp-utan-mellanslag-" * 8 + "slut.pdf"
    wide = dict(data, evidence=[dict(data["evidence"][0], path_pdf=path)])
    _, text = text_of(render.pdf(wide, CREATED))
    assert path in text.replace(" ", "")


def test_control_characters_from_the_files_are_shown_visibly(data):
    odd = dict(data, company=dict(data["company"], name="Kvarnen\x1b[2J AB"))
    _, text = text_of(render.pdf(odd, CREATED))
    assert "<U+001B>" in text and "\x1b" not in text
