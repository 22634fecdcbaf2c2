"""The AKN reader counts what AKN4UN numbers as operative paragraphs (issue 3; issue 2, items 5-6).

Unnumbered indents ("– To protect ..."), names listed under a paragraph,
"* * *" separators, section headings ("I", "II") and continuation text are not
operative paragraphs; a text adopted in the body ("Adopts the following
declaration:") is an annex, the same convention as the text parser's, so the
resolution's own paragraphs are counted the same in every language.
"""
from __future__ import annotations

import pytest

from kg.model import Resolution, SourceDocument
from kg.parse.groundtruth_files import akn_counts
from kg.parse.text import parse_text
from test_akn_support import CORPUS, read

SC = CORPUS / "unxml-sc" / "xml" / "Pre-2020"
GA = CORPUS / "unxml-ga" / "xml"


def _res(path) -> Resolution:
    res = read(path)
    assert isinstance(res, Resolution), str(res)
    return res


@pytest.mark.parametrize("path,operative", [
    (SC / "2011" / "S_RES_2000_N1143339.xml", 20),        # "– To protect ..." indents under 7 (a)
    (SC / "2015" / "S_RES_2193_1467585E.xml", 7),         # names of judges listed under a paragraph
    (SC / "2004" / "S_RES_1551_N0441937.xml", 24),        # "I", "II" and "* * *"
    (SC / "2014" / "S_RES_2164_1456271E.xml", 34),        # sub-headings, continuation paragraphs
    (GA / "78session" / "English" / "A_RES_78_245-2326259E.xml", 124),   # sections I-VII
    (SC / "2000" / "S_RES_1285_N0023963.xml", 7),         # "1." alone, its text in the next paragraph
])
def test_operative_paragraphs_are_the_numbered_ones(path, operative):
    res = _res(path)
    assert len(res.operative) == operative == akn_counts(path.read_bytes()).operative
    numbers = [p.number for p in res.operative]
    assert numbers == list(range(1, operative + 1))


def test_indents_belong_to_their_paragraph():
    res = _res(SC / "2011" / "S_RES_2000_N1143339.xml")
    seven = res.operative[6]
    assert seven.subparagraphs[0].label == "a"
    assert "To protect, without prejudice" in res.text[seven.subparagraphs[0].span.start:seven.span.end]


@pytest.mark.parametrize("path", [GA / "74session" / "English" / "74_2.xml", GA / "74session" / "French" / "74_2_F.xml",
                                  GA / "75session" / "English" / "75_1_E.xml",
                                  GA / "76session" / "English" / "A_RES_76_1_E.xml",
                                  GA / "79session" / "English" / "A_RES_79_1-2416433E.xml"])
def test_declaration_adopted_in_the_body_is_an_annex(path):
    res = _res(path)
    assert len(res.operative) == 1 == akn_counts(path.read_bytes()).operative
    assert res.operative[0].text.rstrip().endswith(":") or ":" in res.operative[0].text
    assert res.annexes and res.annexes[0].title
    assert "1." in res.annexes[0].text


def test_english_and_french_count_alike():
    en, fr = _res(GA / "74session" / "English" / "74_2.xml"), _res(GA / "74session" / "French" / "74_2_F.xml")
    assert (len(en.preamble), len(en.operative), len(en.footnotes)) == (len(fr.preamble), len(fr.operative),
                                                                        len(fr.footnotes))


def test_text_parser_follows_the_same_convention():
    akn = _res(GA / "76session" / "English" / "A_RES_76_1_E.xml")
    text = parse_text(SourceDocument(akn.source, "text", akn.text, "", {}))
    assert (len(text.preamble), len(text.operative), len(text.annexes)) == (0, 1, 1)
    assert text.operative[0].lead == "Adopts"


def test_a_mandate_introduced_by_a_colon_is_not_an_embedded_text():
    """"7. Decides that UNOCI shall have the following mandate:" then a sub-heading and (a):
    no restart at 1, so no annex."""
    res = _res(SC / "2011" / "S_RES_2000_N1143339.xml")
    assert not res.annexes
