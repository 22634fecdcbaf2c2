"""Paragraphs whose file marks no lead still get the lead the printed text has, on real files.

AKN4UN files usually italicise the lead ("*Decides* to ..."); where they do not (no markup,
an underlined lead, an upright adverb, a verb that does not open the clause) the AKN reader
falls back on the text rules or on the emphasised word (``kg.read.akn_leads``).  The text
parser knows adverb + adjective leads ("Ever mindful"), reads the unlabelled items of a
preambular list as its sub-paragraphs, and the Word reader does not count the "*" note of a
reissued document as footnote 1.  One behaviour per test.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.parse import parse_path
from kg.parse.leads import lead_phrase

SHARED = Path(os.environ.get("KG_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
CORPUS = SHARED / "corpus"


def _read(relative: str):
    path = CORPUS / relative
    if not path.is_file():
        pytest.skip(f"corpus file not found: {path}")
    return parse_path(str(path))


def _paragraph(res, kind: str, number: int):
    return next(p for p in res.paragraphs if p.kind == kind and p.number == number)


def test_akn_paragraph_without_markup_takes_the_text_lead():
    """A/RES/74/197 op 45 is printed "\\tDecides to include ..." with no italics in the file."""
    res = _read("unxml-ga/xml/74session/English/74_197.xml")
    assert _paragraph(res, "operative", 45).lead == "Decides"


def test_akn_spanish_paragraph_without_markup_takes_the_spanish_text_lead():
    res = _read("unxml-hrc/xml/57session/Spanish/A_HRC_RES_57_10S.xml")
    assert _paragraph(res, "operative", 11).lead == "Solicita"


def test_akn_upright_adverb_before_italic_verb_gives_the_whole_lead():
    """S/RES/1884 (2009) op 3: "Strongly *calls upon*" — the text rules' lead, as ODS would give."""
    res = _read("unxml-sc/xml/Pre-2020/2009/S_RES_1884_N0949660.xml")
    assert _paragraph(res, "operative", 3).lead == "Strongly calls upon"


def test_akn_underlined_leads_are_leads():
    """S/RES/1285 (2000) underlines its leads (and prints each number on a line of its own)."""
    res = _read("unxml-sc/xml/Pre-2020/2000/S_RES_1285_N0023963.xml")
    assert [p.lead for p in res.operative] == [
        "Authorizes", "Reiterates", "Notes with satisfaction", "Urges", "Requests", "Requests", "Decides"]
    assert _paragraph(res, "preambular", 8).lead == "urging"


def test_akn_chinese_lead_verb_after_its_object_is_the_bold_word():
    """S/RES/2812 (2026) zh op 1 "将……报告要求**延长**至……": the bold verb (English "Extends")."""
    res = _read("unxml-sc/xml/2026/Chinese/S_RES_2812-2600463C.xml")
    assert _paragraph(res, "operative", 1).lead == "延长"


def test_akn_german_participle_at_the_end_of_its_phrase_is_the_lead():
    """A/RES/ES-11/1 de pp 14 "der Erklärung … *beipflichtend*," (English "Endorsing")."""
    res = _read("unxml-ga/xml/Emergency sessions/ES-11/German/A_RES_ES-11_1-2204067G.xml")
    assert _paragraph(res, "preambular", 14).lead == "beipflichtend"


def test_no_akn_paragraph_in_the_corpus_has_an_empty_lead():
    from kg.model import ParseError
    from kg.read.akn import read_akn

    files = sorted(CORPUS.glob("unxml-*/xml/**/*.xml"))
    if not files:
        pytest.skip("no AKN files in the corpus")
    empty, read = [], 0
    for path in files:
        try:
            res = read_akn(str(path), path.read_bytes())
        except ParseError:
            continue
        read += 1
        empty += [(res.symbol, p.kind, p.number) for p in res.paragraphs if not p.lead.strip()]
    assert read > 200 and empty == []


@pytest.mark.parametrize("text, lead", [
    ("Ever mindful that, to preserve the credibility", "Ever mindful"),
    ("Acutely aware of the need", "Acutely aware"),
    ("Still concerned about", "Still concerned"),
])
def test_adverb_before_a_known_lead_word_belongs_to_the_lead(text, lead):
    assert lead_phrase(text) == (lead, "preambular")


@pytest.mark.parametrize("text", ["Early warning systems are essential,", "Only States parties may,"])
def test_adverb_like_words_before_other_words_make_no_lead(text):
    assert lead_phrase(text) == ("", None)


@pytest.mark.parametrize("text, language, lead", [
    ("Pleinement conscient que", "fr", "Pleinement conscient"),
    ("Plenamente consciente de", "es", "Plenamente consciente"),
])
def test_romance_adverb_before_a_known_lead_word_belongs_to_the_lead(text, language, lead):
    assert lead_phrase(text, language) == (lead, "preambular")


def test_pdf_text_ever_mindful_paragraph_has_its_lead():
    res = _read("pdf-extract-ga80-railcar/md/A_RES_80_39.md")
    assert _paragraph(res, "preambular", 13).lead == "Ever mindful"


def test_unlabelled_items_after_a_preambular_colon_are_its_subparagraphs():
    """A/RES/80/34: "... a major contribution to:" then five items whose "(a)" the PDF lost."""
    res = _read("pdf-extract-ga80-railcar/md/A_RES_80_34.md")
    last = res.preamble[-1]
    assert len(res.preamble) == 12 and last.text.endswith("contribution to:")
    assert [s.label for s in last.subparagraphs] == ["a", "b", "c", "d", "e"]
    assert last.subparagraphs[0].text == "International peace and security,"
    assert all(p.lead for p in res.preamble)


def test_word_reissue_note_under_asterisk_is_not_footnote_one():
    """E/RES/2018/14: the "*" note ("Reissued for technical reasons") is kept in the text, not
    counted; the Word file then has the ODS text's footnotes, numbered alike."""
    word = _read("ods-word/ecosoc2018/original/N1822444.DOC")
    ods = _read("ods-word/ecosoc2018/text-seedlike/N1822444.txt")
    assert [(f.number, f.text) for f in word.footnotes] == [(f.number, f.text) for f in ods.footnotes]
    assert "Reissued for technical reasons" in word.text
    assert not any("Reissued" in f.text for f in word.footnotes)


@pytest.mark.parametrize("language, expected", [("Chinese", "赞同"), ("Russian", None), ("Arabic", None)])
def test_the_lead_verb_of_a_paragraph_in_a_non_latin_script_is_its_lead(language, expected):
    """ES-11/1 in Chinese, Russian, Arabic: the verb is the marked lead, lower-cased, never the
    digits or the whole clause that folding to ASCII or running on to the first comma would give."""
    from kg.map.leads import lead_verb, opening

    path = next((SHARED / "corpus" / "unxml-ga" / "xml" / "Emergency sessions" / "ES-11" / language)
                .glob("A_RES_ES-11_1-*.xml"))
    res = parse_path(str(path))
    verbs = [lead_verb(opening(p.lead, p.text)) for p in res.preamble + res.operative]
    assert verbs == [" ".join(p.lead.split()).lower() for p in res.preamble + res.operative]
    assert all(v and not v.isdigit() for v in verbs)
    if expected:
        assert expected in verbs
