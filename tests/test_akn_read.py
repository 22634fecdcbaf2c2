"""The AKN reader on chosen real files, and on bad XML."""
from __future__ import annotations

import pytest

from kg.model import ParseError
from kg.read.akn import read_akn
from test_akn_support import CORPUS, read

GA = CORPUS / "unxml-ga" / "xml"


def test_ga_resolution_cover_page_and_trailer():
    res = read(GA / "80session/English/A_RES_80_7-2518769E.xml")
    assert (res.symbol, res.organ, res.session, res.number) == ("A/RES/80/7", "GA", "80", "80/7")
    assert res.title == "Report of the International Atomic Energy Agency"
    assert (res.adoption_date, res.meeting, res.meeting_kind) == ("2025-11-14", 40, "plenary")
    assert (res.committee, res.origin_documents, res.agenda_items) == (None, ["A/80/L.7"], ["89"])
    assert (res.distribution_date, res.job_number, res.language) == ("2025-11-18", "25-18769", "en")
    assert res.enacting_formula == "The General Assembly,"


def test_paragraphs_leads_and_footnotes():
    res = read(GA / "80session/English/A_RES_80_7-2518769E.xml")
    assert [p.lead for p in res.preamble] == ["Having received", "Taking note", "Recognizing", "Recognizing also"]
    assert [p.number for p in res.operative] == [1, 2, 3, 4, 5]
    assert res.operative[0].lead == "Takes note with appreciation"
    assert [fn.number for fn in res.footnotes] == [1, 2, 3]
    assert [r.number for r in res.operative[1].footnote_refs] == [2, 3]
    assert res.footnotes[0].text == "See A/80/348."


def test_every_span_indexes_into_the_text():
    res = read(GA / "80session/English/A_RES_80_7-2518769E.xml")
    for p in res.paragraphs:
        assert res.text[p.span.start:p.span.end] == p.text and p.text.startswith(p.lead)
    for fn in res.footnotes:
        assert res.text[fn.span.start:fn.span.end] == fn.text
        assert all(res.text[r.span.start:r.span.end] == str(fn.number) for r in fn.refs)
    for c in res.citations:
        assert res.text[c.span.start:c.span.end] == c.text
    assert res.text[res.spans["symbol"].start:res.spans["symbol"].end] == "A/RES/80/7"


def test_citations_from_links_with_paragraph_keys():
    res = read(GA / "80session/English/A_RES_80_7-2518769E.xml")
    assert [(c.symbol, c.in_paragraph, c.kind) for c in res.citations] == [
        ("A/RES/1145 (XII)", "pp/4", "resolution"), ("A/80/348", "fn/1", "document")]


def test_recorded_vote_with_each_state():
    res = read(GA / "80session/English/A_RES_80_7-2518769E.xml")
    v = res.voting
    assert (v.adoption_type, v.yes, v.no, v.abstain) == ("recorded vote", 146, 2, 1)
    assert {s.state for s in v.votes if s.vote == "no"} == {"RUSSIAN FEDERATION", "UNITED STATES"}
    assert "Australia" in res.sponsors and "Bosnia and Herzegovina" in res.sponsors
    assert {"SDG", "UNBIS", "EuroVoc"} <= {s.scheme for s in res.subjects}
    assert res.workflow[0] == {"date": "2025-10-22", "outcome": "draftResolution", "as": "A/80/L.7", "by": "Australia"}


def test_multi_part_resolution():
    res = read(GA / "75session/English/75_101A-B_E.xml")
    assert res.symbol == "A/RES/75/101 A-B" and [p.label for p in res.parts] == ["A", "B"]
    assert res.parts[0].title == "Information in the service of humanity"
    assert (res.parts[1].meeting, res.parts[1].adoption_date) == (41, "2020-12-10")
    part_a = [p for p in res.operative if p.part == "A"]
    assert len(part_a) == 1                                  # one unnumbered paragraph, (a)-(f) below it
    assert [s.label for s in part_a[0].subparagraphs] == ["a", "b", "c", "d", "e", "f"]
    assert [s.label for s in part_a[0].subparagraphs[4].subparagraphs] == ["i", "ii", "iii", "iv"]
    assert {c.in_paragraph.split("/")[0] for c in res.citations if c.in_paragraph} <= {"A", "B"}


def test_recommended_draft_inside_a_paragraph_is_not_counted():
    res = read(CORPUS / "unxml-ecosoc/xml/2022/English/E_RES_2022_13-2211662E.xml")
    assert [p.lead for p in res.operative] == ["Recommends"]    # one unnumbered paragraph
    assert "The General Assembly," in res.operative[0].text and "Recalling" in res.operative[0].text


def test_annex():
    res = read(GA / "80session/English/A_RES_80_3-2516680E.xml")
    assert [a.title for a in res.annexes] == ["Awaza Political Declaration"]
    assert res.annexes[0].text.startswith("Annex")


def test_human_rights_council_printed_vote():
    res = read(CORPUS / "unxml-hrc/xml/59session/English/A_HRC_RES_59_1_E.xml")
    assert (res.organ, res.meeting, res.meeting_kind, res.adoption_date) == ("HRC", 30, None, "2025-07-04")
    assert (res.voting.yes, res.voting.no, res.voting.abstain) == (23, 4, 20)
    assert res.origin_documents == ["A/HRC/59/L.7"]


def test_security_council_voting_by_mail():
    res = read(CORPUS / "unxml-sc/xml/2021/English/SC_2561_2021-E.xml")
    assert (res.symbol, res.session, res.meeting) == ("S/RES/2561 (2021)", "2021", None)
    assert (res.voting.adoption_type, res.voting.yes) == ("unanimous", 15)
    assert res.origin_documents == ["S/2021/86"]


@pytest.mark.parametrize("name,reason", [
    ("unxml-sc/xml/PRST/2010/S_PRST_2010_1-1020850E.xml", "not a resolution: S/PRST/2010/1 is a presidential"),
    ("unxml-sc/xml/Not adopted/English/S_2023_212-2305680E.xml", "not a resolution: S/2023/212 is a draft"),
])
def test_statements_and_failed_drafts_are_refused(name, reason):
    err = read(CORPUS / name)
    assert isinstance(err, ParseError) and err.reason.startswith(reason)


BAD = {
    "not well-formed": b"<akomaNtoso><statement></akomaNtoso>",
    "not Akoma Ntoso": b"<html><body>hello</body></html>",
    "external entities/DTD not allowed": b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                         b'<akomaNtoso>&x;</akomaNtoso>',
    "external entities/DTD not allowed ": b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                                          b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                                          b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
                                          b'<akomaNtoso>&lol3;</akomaNtoso>',
    "not well-formed XML": b"",
}


@pytest.mark.parametrize("expected,data", BAD.items(), ids=["broken", "html", "xxe", "billion-laughs", "empty"])
def test_bad_xml_gets_a_one_line_error(expected, data):
    with pytest.raises(ParseError) as info:
        read_akn("bad.xml", data)
    assert expected.strip() in str(info.value)
    assert str(info.value).startswith("bad.xml: ") and "\n" not in str(info.value)
