"""The iXBRL reader (evidence/ixbrl.py): the facts of a digital annual report, each with its
tag, unit, scale, sign and context as filed, and every hostile or wrong file refused
quickly with a problem instead of an exception."""

import json
import resource
import time
import zipfile

import pytest
from fixtures import ixbrl as x

from asfcert.evidence import ixbrl


def facts_of(data: bytes) -> dict:
    facts = ixbrl.read(data)
    assert json.loads(json.dumps(facts)) == facts  # plain JSON types only: it crosses a pipe and the cache
    return facts


def one(facts: dict, concept: str, context: str = "period0") -> dict:
    found = [f for f in facts["facts"] if f["concept"] == concept and f["context"] == context]
    assert len(found) == 1, (concept, context, found)
    return found[0]


def test_a_report_yields_every_wanted_fact_as_filed():
    facts = facts_of(x.report(employees=12, dividend=0))
    assert facts["problem"] is None and facts["documents"] == [{"file": "", "tagged": 20, "problem": None, "detail": None}]
    org = one(facts, "se-cd-base:Organisationsnummer")
    assert (org["value"], org["type"], org["entity"], org["period"]) == (x.ORG, "text", x.ORG, {"start": "2025-01-01", "end": "2025-12-31"})
    assert one(facts, "se-cd-base:ForetagetsNamn")["value"] == x.NAME
    first, last = one(facts, "se-cd-base:RakenskapsarForstaDag"), one(facts, "se-cd-base:RakenskapsarSistaDag")
    assert (first["value"], last["value"], first["hidden"], last["hidden"]) == ("2025-01-01", "2025-12-31", True, True)
    revenue = one(facts, "se-gen-base:Nettoomsattning")
    assert {k: revenue[k] for k in ("value", "shown", "unit", "unit_ref", "scale", "sign", "decimals", "format", "hidden")} == {
        "value": "3200000", "shown": "3 200 000", "unit": "iso4217:SEK", "unit_ref": "SEK", "scale": 0, "sign": None,
        "decimals": "INF", "format": "ixt:numspacecomma", "hidden": False,
    }
    assert one(facts, "se-gen-base:Nettoomsattning", "period1")["value"] == "2900000"
    assert one(facts, "se-gen-base:AretsResultat")["value"] == "85000"
    staff = one(facts, "se-gen-base:MedelantaletAnstallda")
    assert (staff["value"], staff["unit"]) == ("12", "se-k2-type:AntalAnstallda")
    assert one(facts, "se-gen-base:Personalkostnader")["value"] == "2400000"
    assert one(facts, "se-gen-base:ForslagDispositionUtdelning", "balans0")["value"] == "0"
    adopted = one(facts, "se-bol-base:UnderskriftFastallelseintygDatum", "balans0")
    assert (adopted["value"], adopted["period"]) == ("2026-04-20", {"instant": "2025-12-31"})
    assert not any(f["concept"] == "se-gen-base:ForslagDispositionBalanserasINyRakning" for f in facts["facts"])  # not wanted


def test_scale_and_sign_give_the_value_and_keep_how_it_was_shown():
    facts = facts_of(x.report(result=-85_000, revenue=3_245_000, scale=3))
    loss = one(facts, "se-gen-base:AretsResultat")
    assert (loss["value"], loss["shown"], loss["scale"], loss["sign"], loss["decimals"]) == ("-85000", "85", 3, "-", "-3")
    assert one(facts, "se-gen-base:Nettoomsattning")["value"] == "3245000"


def test_dividends_proposed_and_paid_are_kept_with_their_tags():
    facts = facts_of(x.report(dividend=50_000, dividend_paid=20_000))
    assert one(facts, "se-gen-base:ForslagDispositionUtdelning", "balans0")["value"] == "50000"
    paid = one(facts, "se-gen-base:ForandringEgetKapitalBalanseratResultatUtdelning")
    assert (paid["value"], paid["sign"]) == ("-20000", "-")


def test_tags_are_recognised_by_namespace_whatever_the_prefix():
    facts = facts_of(x.report(prefix="gen"))
    revenue = one(facts, "se-gen-base:Nettoomsattning")
    assert revenue["name"] == "gen:Nettoomsattning" and revenue["value"] == "3200000"


def test_a_zip_with_two_xhtml_documents_reads_both():
    data = x.zipped({"arsredovisning.xhtml": x.report(), "revisionsberattelse.xhtml": x.audit_report(), "logga.png": b"\x89PNG"})
    facts = facts_of(data)
    assert facts["problem"] is None
    assert [(d["file"], d["problem"]) for d in facts["documents"]] == [("arsredovisning.xhtml", None), ("revisionsberattelse.xhtml", None)]
    orgs = [f for f in facts["facts"] if f["concept"] == "se-cd-base:Organisationsnummer"]
    assert sorted(f["file"] for f in orgs) == ["arsredovisning.xhtml", "revisionsberattelse.xhtml"]
    assert len(facts["texts"]) == 2 and facts["text_pages"] == 2


def test_a_web_page_next_to_the_report_in_the_zip_does_not_spoil_it():
    facts = facts_of(x.zipped({"arsredovisning.xhtml": x.report(), "index.html": b"<!doctype html><html><p>Hej</p></html>"}))
    assert facts["problem"] is None and [d["problem"] for d in facts["documents"]] == [None, "not-ixbrl"]


def test_a_broken_document_in_the_zip_spoils_the_set():
    facts = facts_of(x.zipped({"a.xhtml": x.report(), "b.xhtml": x.report()[:500]}))
    assert facts["problem"] == "damaged"


@pytest.mark.parametrize("data, problem, detail", [
    (x.plain_xhtml(), "not-ixbrl", "xhtml"),
    (b"<!DOCTYPE html><html><body><p>Ars<br>redovisning</body></html>", "not-ixbrl", "html"),
    (b'<?xml version="1.0"?><rapport><belopp>1</belopp></rapport>', "not-ixbrl", "xml"),
    (x.report()[:3000], "damaged", None),
    (x.report().decode().encode("utf-16"), "damaged", "not UTF-8"),
    (x.deep_nesting(), "damaged", None),
    (x.zipped({"readme.txt": b"hej"}), "not-ixbrl", "zip"),
    (b"PK\x03\x04" + b"\x00" * 100, "damaged", None),
    (b"", "damaged", None),
])
def test_files_that_are_not_a_readable_filing(data, problem, detail):
    facts = facts_of(data)
    assert facts["problem"] == problem and facts["facts"] == []
    if detail:
        assert facts["detail"] == detail


def _fast_and_small(data: bytes) -> dict:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.process_time()
    facts = facts_of(data)
    assert time.process_time() - start < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KB: under 100 MB more
    return facts


def test_the_billion_laughs_is_refused_before_parsing():
    facts = _fast_and_small(x.billion_laughs())
    assert (facts["problem"], facts["detail"]) == ("refused", "DTD declarations (entities)")


def test_an_external_entity_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("HEMLIGT")
    facts = _fast_and_small(x.external_entity(secret.as_uri()))
    assert facts["problem"] == "refused" and "HEMLIGT" not in json.dumps(facts)


def test_without_the_refusal_the_parser_still_expands_and_loads_nothing(tmp_path, monkeypatch):
    """Defence in depth: the parser has entities, DTDs and the network off as well."""
    import re

    secret = tmp_path / "secret.txt"
    secret.write_text("HEMLIGT")
    monkeypatch.setattr(ixbrl, "_DECLARATIONS", re.compile(rb"(?!)"))
    for data in (x.external_entity(secret.as_uri()), x.billion_laughs()):
        facts = _fast_and_small(data)
        assert "HEMLIGT" not in json.dumps(facts) and "lollol" not in json.dumps(facts)


def test_a_zip_bomb_is_stopped_at_the_limit_whatever_it_declares():
    data = x.zip_bomb(200)
    assert len(data) < 2 * 2**20
    facts = _fast_and_small(data)
    assert facts["problem"] == "limit" and "unpacked" in facts["detail"]


def test_a_zip_with_too_many_files_is_not_unpacked(monkeypatch):
    monkeypatch.setattr(ixbrl, "MAX_ZIP_MEMBERS", 3)
    facts = facts_of(x.zipped({f"{i}.xhtml": x.report() for i in range(4)}))
    assert facts["problem"] == "limit"


def test_a_document_larger_than_the_limit_is_not_parsed(monkeypatch):
    monkeypatch.setattr(ixbrl, "MAX_DOCUMENT_BYTES", 10_000)
    assert facts_of(x.report(extra_body="<p>" + "x" * 20_000 + "</p>"))["problem"] == "limit"


def test_an_encrypted_zip_member_is_reported():
    data = bytearray(x.zipped({"arsredovisning.xhtml": x.report()}))
    with zipfile.ZipFile(__import__("io").BytesIO(bytes(data))) as zf:
        info = zf.infolist()[0]
    for offset in (6, data.rfind(b"PK\x01\x02") + 8):  # the flag bits, in the local and the central header
        data[offset] |= 0x1
    assert facts_of(bytes(data))["problem"] == "encrypted"
    assert info.filename == "arsredovisning.xhtml"


def test_personal_identity_numbers_in_values_and_text_are_masked(tmp_path):
    """The reader masks the values it keeps; the worker masks the text and records the hit,
    as for a PDF, so neither the answer nor the cache holds the number."""
    from stdnum import luhn

    from asfcert.evidence.worker import read_many

    person = "811218987" + luhn.calc_check_digit("811218987")
    data = x.report(name=f"Anna Andersson {person[:6]}-{person[6:]}")
    assert one(facts_of(data), "se-cd-base:ForetagetsNamn")["value"] == f"Anna Andersson 19{person[:6]}-****"
    path = tmp_path / "a.xhtml"
    path.write_bytes(data)
    answer = read_many([str(path)], readers={str(path): "ixbrl"})[str(path)]
    assert person[6:] not in json.dumps(answer)
    assert answer["privacy"] and answer["privacy"][0]["masked"] == f"19{person[:6]}-****"


def test_excluded_content_is_left_out_of_a_text_fact():
    body = ('<p><ix:nonNumeric name="se-cd-base:ForetagetsNamn" contextRef="period0">Gröna'
            '<ix:exclude> (sidan 2)</ix:exclude> Händer</ix:nonNumeric></p>')
    facts = facts_of(x.report(extra_body=body))
    assert [f["value"] for f in facts["facts"] if f["concept"] == "se-cd-base:ForetagetsNamn"][-1] == "Gröna Händer"


@pytest.mark.parametrize("shown, fmt, value", [
    ("3 200,50", "ixt:numspacecomma", "3200.50"),
    ("3.200,50", "ixt:numdotcomma", "3200.50"),
    ("3,200.50", "ixt:numcommadot", "3200.50"),
    ("3 200", "ixt4:num-dot-decimal", "3200"),
    ("3.200", "ixt4:num-comma-decimal", "3200"),
    ("-", "ixt:zerodash", "0"),
    ("3200", None, "3200"),
])
def test_number_formats(shown, fmt, value):
    attr = f' format="{fmt}"' if fmt else ""
    body = (f'<p><ix:nonFraction name="se-gen-base:Personalkostnader" contextRef="period1" unitRef="SEK" '
            f'decimals="INF"{attr}>{shown}</ix:nonFraction></p>')
    facts = facts_of(x.report(extra_body=body))
    assert one(facts, "se-gen-base:Personalkostnader", "period1")["value"] == value


@pytest.mark.parametrize("shown, fmt, error", [("3 200", "ixt:numwordsen", "format"), ("3 200", None, "format"), ("tre", "ixt:numspacecomma", "format")])
def test_an_unreadable_figure_is_an_error_of_the_fact_never_a_guess(shown, fmt, error):
    attr = f' format="{fmt}"' if fmt else ""
    body = f'<p><ix:nonFraction name="se-gen-base:Personalkostnader" contextRef="period1" unitRef="SEK"{attr}>{shown}</ix:nonFraction></p>'
    fact = one(facts_of(x.report(extra_body=body)), "se-gen-base:Personalkostnader", "period1")
    assert (fact["value"], fact["error"]) == (None, error)


def test_dates_in_the_swedish_long_format_and_a_missing_context():
    body = ('<p><ix:nonNumeric name="se-bol-base:Arsstamma" contextRef="balans1" format="ixt3:datedaymonthyeardk">'
            '20 april 2025</ix:nonNumeric><ix:nonNumeric name="se-bol-base:Arsstamma" contextRef="nowhere">2025-04-20</ix:nonNumeric></p>')
    facts = facts_of(x.report(extra_body=body))
    assert one(facts, "se-bol-base:Arsstamma", "balans1")["value"] == "2025-04-20"
    assert one(facts, "se-bol-base:Arsstamma", "nowhere")["error"] == "context"


def test_a_nil_figure_has_no_value():
    body = ('<p><ix:nonFraction name="se-gen-base:Personalkostnader" contextRef="period1" unitRef="SEK" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/></p>')
    fact = one(facts_of(x.report(extra_body=body)), "se-gen-base:Personalkostnader", "period1")
    assert fact["nil"] and fact["value"] is None


def test_the_worker_reads_a_filing_in_its_bounded_process(tmp_path):
    from asfcert.evidence.worker import read_many

    good, bomb = tmp_path / "a.xhtml", tmp_path / "b.xhtml"
    good.write_bytes(x.report())
    bomb.write_bytes(x.billion_laughs())
    answers = read_many([str(good), str(bomb)], readers={str(good): "ixbrl", str(bomb): "ixbrl"})
    assert answers[str(good)]["problem"] is None and answers[str(good)]["sha256"]
    assert any(f["concept"] == "se-gen-base:Nettoomsattning" for f in answers[str(good)]["facts"])
    assert answers[str(bomb)]["problem"] == "refused"


def test_facts_from_the_cache_or_a_dead_worker_have_the_expected_shape():
    from asfcert.evidence.documents import READERS

    _, normalise, valid = READERS["ixbrl"]
    facts = normalise(ixbrl.read(x.report()))
    assert valid(facts) and valid(normalise({"problem": "time"}))
    assert not valid({**facts, "facts": "x"}) and not valid({**facts, "facts": [1]}) and not valid({**facts, "format": 0})
    assert not valid([]) and not valid({**facts, "texts": [None]})


def test_an_external_dtd_is_never_loaded(tmp_path):
    """No internal subset, so nothing to refuse up front: the parser must not load the DTD,
    and the entity it would define is never expanded into a fact or the text."""
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY secret "HEMLIGT">')
    body = '<p><ix:nonNumeric name="se-cd-base:ForetagetsNamn" contextRef="period0">X&secret;</ix:nonNumeric></p>'
    head, _, rest = x.report(extra_body=body).partition(b"\n")
    data = head + f'\n<!DOCTYPE html SYSTEM "{dtd.as_uri()}">\n'.encode() + rest
    facts = facts_of(data)
    assert "HEMLIGT" not in json.dumps(facts)
    if facts["problem"] is None:
        assert [f["value"] for f in facts["facts"] if f["concept"] == "se-cd-base:ForetagetsNamn"][-1] == "X"
