"""Citations: organ from context and form, lists with dates, parts, decisions, joint documents."""
from __future__ import annotations

import pytest

from kg.parse.citations import find_citations
from kg.parse.header import expand_documents, parse_agenda, parse_origin


def cites(text: str, organ: str = "GA") -> list[tuple[str, str | None]]:
    return [(c.symbol, c.date) for c in find_citations(text, 0, len(text), organ, "op/1")]


@pytest.mark.parametrize("text, organ, expected", [
    ("Recalling its resolution 3369 (XXX) of 10 October 1975,", "GA", [("A/RES/3369 (XXX)", "1975-10-10")]),
    ("Security Council resolution 1325 (2000) of 31 October 2000", "GA", [("S/RES/1325 (2000)", "2000-10-31")]),
    ("resolution 1325 (2000)", "GA", [("S/RES/1325 (2000)", None)]),
    ("Economic and Social Council resolution 2010/1", "GA", [("E/RES/2010/1", None)]),
    ("Human Rights Council resolution 16/18", "GA", [("A/HRC/RES/16/18", None)]),
    ("its resolution 16/18", "HRC", [("A/HRC/RES/16/18", None)]),
    ("its resolution 2017/9", "ECOSOC", [("E/RES/2017/9", None)]),
    ("its resolution 65/140", "GA", [("A/RES/65/140", None)]),
    ("General Assembly resolution 60/251", "HRC", [("A/HRC/RES/60/251", None)][:0] or [("A/RES/60/251", None)]),
    ("its resolutions 71/101 A and B of 6 December 2016", "GA",
     [("A/RES/71/101 A", "2016-12-06"), ("A/RES/71/101 B", "2016-12-06")]),
    ("its decision 64/555", "GA", [("A/DEC/64/555", None)]),
    ("resolution ES-10/19", "GA", [("A/RES/ES-10/19", None)]),
    ("World Health Assembly resolution 69.2 and Executive Board decision 2018/5", "GA", []),
    ("See A/65/382-S/2010/490.", "GA", [("A/65/382-S/2010/490", None)]),
])
def test_citation_forms(text, organ, expected):
    assert cites(text, organ) == expected


def test_joint_citation_keeps_both_symbols_and_paragraph_key():
    [c] = find_citations("A/60/633-S/2005/826, annex III", 0, 30, "GA", "fn/1")
    assert (c.symbols, c.in_paragraph, c.kind) == (["A/60/633", "S/2005/826"], "fn/1", "document")


def test_list_of_resolutions_each_with_its_date_and_span():
    text = "Recalling its resolutions 37/4 of 22 October 1982, 38/4 of 28 October 1983 and 63/114 of 5 December 2008,"
    found = find_citations(text, 0, len(text), "GA", "pp/1")
    assert [(c.symbol, c.date) for c in found] == [
        ("A/RES/37/4", "1982-10-22"), ("A/RES/38/4", "1983-10-28"), ("A/RES/63/114", "2008-12-05")]
    assert [text[c.span.start:c.span.end] for c in found] == ["37/4", "38/4", "63/114"]


def test_origin_line():
    assert parse_origin("without reference to a Main Committee (A/65/L.43 and Add.1)") == (
        None, ["A/65/L.43", "A/65/L.43/Add.1"])
    assert parse_origin("on the report of the Special Political and Decolonization Committee "
                        "(Fourth Committee) (A/72/451)") == ("Fourth Committee", ["A/72/451"])
    assert expand_documents("A/72/439/Add.1 and 2") == ["A/72/439/Add.1", "A/72/439/Add.2"]
    assert expand_documents("A/80/534, para. 7") == ["A/80/534"]


def test_agenda_items():
    assert parse_agenda("122 (s)") == ["122 (s)"]
    assert parse_agenda("20 (a) and (b) and 21") == ["20 (a)", "20 (b)", "21"]


def test_part_letter_before_a_roman_session_cites_the_document():
    """"resolution 2200 A (XXI)" is cited, as the UN's own links do, as A/RES/2200 (XXI)."""
    from kg.parse.citations import find_citations

    text = "See resolution 2200 A (XXI), annex, and resolution 217 A (III)."
    assert [c.symbol for c in find_citations(text, 0, len(text), "GA", "fn/1")] == ["A/RES/2200 (XXI)", "A/RES/217 (III)"]


def test_another_bodys_decision_is_not_a_human_rights_council_decision():
    from kg.parse.citations import find_citations

    text = "United Nations Environment Programme, document CBD/COP/15/17, decision 15/4, annex."
    assert "A/HRC/DEC/15/4" not in [c.symbol for c in find_citations(text, 0, len(text), "GA", "fn/1")]
    named = "Recalling Human Rights Council resolution 5/1 and resolution 5/2,"
    assert [c.symbol for c in find_citations(named, 0, len(named), "GA", "pp/1")] == ["A/HRC/RES/5/1", "A/HRC/RES/5/2"]


# A/HRC/RES/57/10 (unxml-hrc, English), with 60/251 as 60/25 so that the number's form cannot decide
_HRC_SENTENCE = ("Recalling General Assembly resolution 59/113 A of 10 December 2004, in which the Assembly proclaimed "
                 "the World Programme for Human Rights Education, and resolution 60/25 of 15 March 2006, in which the "
                 "Assembly decided")


def test_a_bare_resolution_after_an_organs_citation_in_the_same_sentence_is_that_organs():
    assert [c.symbol for c in find_citations(_HRC_SENTENCE, 0, len(_HRC_SENTENCE), "HRC", "pp/2")] == [
        "A/RES/59/113 A", "A/RES/60/25"]


def test_the_carried_organ_stops_at_the_end_of_the_sentence():
    text = _HRC_SENTENCE.replace(", and resolution", "; resolution")
    assert [c.symbol for c in find_citations(text, 0, len(text), "HRC", "pp/2")][-1] == "A/HRC/RES/60/25"


def test_its_own_resolution_after_another_organs_citation_stays_its_own():
    text = "Recalling General Assembly resolution 60/251 of 15 March 2006, and its resolution 5/1 of 18 June 2007,"
    assert [c.symbol for c in find_citations(text, 0, len(text), "HRC", "pp/1")] == ["A/RES/60/251", "A/HRC/RES/5/1"]
