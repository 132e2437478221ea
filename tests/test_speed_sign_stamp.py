"""The stamp's SVG without Jinja2 (render/certificate/stamp.py substitutes the template's
fields itself): the same text as Jinja2 renders from the same template, for any text in
the fields, and Jinja2's own rendering for a template with anything more than fields."""

import pytest

from asfcert.render.certificate import stamp
from asfcert.render.common.pdfdoc import environment, templates_dir

NAMES = ["SKOOPI", "A & B <b>\"citat\" 'apostrof'</b>", "Gröna Händer på Åkern", "x\u202ey\u0000z\tw", "{{ label }}", "{% if %}", ""]


def jinja(data: dict) -> str:
    return environment().get_template("stamp.svg.j2").render(**data, **stamp._sizes(data))


@pytest.mark.parametrize("name", NAMES)
def test_the_svg_is_what_jinja_renders(name):
    data = {"heading": "CERTIFIERAT" if name else "", "certifier": name, "number": "ASF-2026-0001", "until": f"Giltigt till {name}",
            "label": f"Certifierat ASF – {name} – ASF-2026-0001", "colour": "#2f6f4f"}
    assert stamp._substituted(templates_dir() / "stamp.svg.j2", {**data, **stamp._sizes(data)}) is not None
    assert stamp.svg(data) == jinja(data)


def test_a_template_with_more_than_fields_is_left_to_jinja(tmp_path):
    for text in ("{% if x %}{{ x }}{% endif %}", "{{ x|upper }}", "{# a comment #}{{ x }}", "{{ y }}"):
        path = tmp_path / "t.svg.j2"
        path.write_text(text, encoding="utf-8")
        assert stamp._substituted(path, {"x": "a"}) is None, text
    path.write_text("<a>{{ x }}</a>{#- note #}\n{{ x }}", encoding="utf-8")
    assert stamp._substituted(path, {"x": "<"}) == "<a>&lt;</a>&lt;"
    assert stamp._substituted(path, {"x": None}) is None
