"""The text parser on Word, PDF text, old printed layouts and multi-part resolutions."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.model import ParseError
from kg.parse import parse_bytes, parse_path

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "seed").exists(), reason="shared corpus not available")
ODS = CORPUS / "ods-word"
PDF73 = CORPUS / "pdf-ga73-gatenlp"
OCR = CORPUS / "scans-ageyev/ocr-tesseract"


def _truth(symbol: str) -> dict:
    session = symbol.split("/")[2]
    with open(CORPUS / f"unxml-ga/data_extract/{session}.json", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["symbol"] == symbol:
                return record
    raise KeyError(symbol)


def test_docx_header_fields():
    res = parse_path(str(ODS / "ga72/original/N1731586.DOC"))
    assert (res.symbol, res.source_format, res.title) == (
        "A/RES/72/2", "docx",
        "Scale of assessments for the apportionment of the expenses of the United Nations: requests under Article 19 of the Charter")
    assert (res.adoption_date, res.meeting, res.committee, res.origin_documents) == (
        "2017-10-09", 29, "Fifth Committee", ["A/72/519"])
    assert res.agenda_items == ["140"]
    assert res.job_number == "17-31586"          # from the ODS comment, not the quirky property
    assert [p.lead for p in res.operative][:2] == ["Reaffirms", "Also reaffirms"]
    assert res.citations[0].symbol == "A/RES/54/237 C"


def test_multi_part_resolution_in_word():
    res = parse_path(str(ODS / "ga72/original/N1743001.DOC"))
    assert res.symbol == "A/RES/72/90 A-B"
    assert [(p.label, p.title, p.meeting, p.adoption_date) for p in res.parts] == [
        ("A", "Information in the service of humanity", 66, "2017-12-07"),
        ("B", "United Nations public information policies and activities", 66, "2017-12-07")]
    part_a = [p for p in res.operative if p.part == "A"]
    assert len(part_a) == 1 and part_a[0].lead == "Urges"          # one unnumbered operative paragraph
    assert [s.label for s in part_a[0].subparagraphs] == ["a", "b", "c", "d", "e", "f"]
    assert [s.label for s in part_a[0].subparagraphs[4].subparagraphs] == ["i", "ii", "iii", "iv"]
    assert [p.number for p in res.operative if p.part == "B"] == list(range(1, 108))
    assert any(c.in_paragraph == "B/pp/5" and c.symbol == "A/RES/71/101 B" for c in res.citations)


def test_word_and_its_text_renderings_agree():
    docx = parse_path(str(ODS / "ga72/original/N1743001.DOC"))
    seedlike = parse_path(str(ODS / "ga72/text-seedlike/N1743001.txt"))
    libre = parse_path(str(ODS / "ga72/text-libreoffice/N1743001.txt"))
    for other in (seedlike, libre):
        # The Word file's italics may carry the lead further than the lexicon of the text
        # renderings ("Reiterates its request" / "Reiterates"): same verb, never another.
        pairs = list(zip([p.lead for p in other.paragraphs], [p.lead for p in docx.paragraphs]))
        assert len(pairs) == len(docx.paragraphs) == len(other.paragraphs)
        assert all(word.startswith(text) for text, word in pairs), [p for p in pairs if not p[1].startswith(p[0])]
        assert sum(text == word for text, word in pairs) >= 0.95 * len(pairs)
        assert (other.adoption_date, other.committee, other.origin_documents) == (
            docx.adoption_date, docx.committee, docx.origin_documents)
    assert [f.text for f in seedlike.footnotes] == [f.text for f in docx.footnotes]


def test_ecosoc_recommendation_origin():
    res = parse_path(str(ODS / "ecosoc2018/original/N1745085.DOC"))
    assert (res.symbol, res.organ, res.session) == ("E/RES/2018/2", "ECOSOC", "2018")
    assert res.enacting_formula == "The Economic and Social Council,"
    assert res.meeting_kind == "plenary"


@pytest.mark.parametrize("path", [
    "text-pdftotext-layout/A_RES_73_8-EN.txt", "text-pdftotext-raw/A_RES_73_8-EN.txt", "original/A_RES_73_8-EN.pdf"])
def test_pdf_text_in_three_extractions(path):
    res = parse_path(str(PDF73 / path))
    assert (res.symbol, res.adoption_date, res.meeting, res.distribution_date) == (
        "A/RES/73/8", "2018-11-01", 30, "2018-11-05")
    assert res.title == ("Necessity of ending the economic, commercial and financial embargo imposed by the "
                         "United States of America against Cuba")
    assert (res.origin_documents, res.agenda_items) == (["A/73/L.3"], ["43"])
    assert (len(res.preamble), len(res.operative)) == (8, 5)
    assert [f.text for f in res.footnotes] == ["A/73/85."]
    assert res.operative[2].lead == "Once again urges"
    recalled = [c for c in res.citations if c.in_paragraph == "pp/6"]
    assert len(recalled) == 26 and recalled[-1].symbol == "A/RES/72/4" and recalled[-1].date == "2017-11-01"


@pytest.mark.parametrize("folder", ["md", "txt-early"])
def test_pymupdf_extract_against_un_metadata(folder):
    res = parse_path(str(CORPUS / f"pdf-extract-ga80-railcar/{folder}/A_RES_80_7.md"
                         if folder == "md" else CORPUS / "pdf-extract-ga80-railcar/txt-early/A_RES_80_7.txt"))
    truth = _truth("A/RES/80/7")
    assert res.title == truth["title"]
    assert res.meeting == int(truth["adoption_meeting"].split("th")[0])
    assert res.origin_documents == [truth["originating_document"]]
    assert res.agenda_items == [truth["agenda_item"].split()[-1]]
    assert [p.lead for p in res.operative] == ["Takes note with appreciation", "Takes note", "Reaffirms",
                                               "Appeals", "Requests"]
    assert len(res.footnotes) == 3


def test_old_compilation_layout_roman_session():
    res = parse_path(str(OCR / "1971-10-25_UN_GA_Resolution_2758_en.txt"))
    assert (res.symbol, res.session, res.number) == ("A/RES/2758 (XXVI)", "26", "2758 (XXVI)")
    assert res.title.startswith("Restoration of the lawful rights of the People")
    assert (res.adoption_date, res.meeting, res.meeting_kind) == ("1971-10-25", 1976, "plenary")
    assert [p.lead for p in res.preamble] == ["Recalling", "Considering", "Recognizing"]
    assert "Government of the People" in res.preamble[2].text       # "Govern-\nment" rejoined
    assert [(p.number, p.lead) for p in res.operative] == [(1, "Decides")]


def test_old_security_council_resolution_by_form():
    res = parse_path(str(OCR / "1992-09-19_UN_SC_Resolution_777_1992_en.txt"))
    assert (res.symbol, res.organ) == ("S/RES/777 (1992)", "SC")
    assert [c.symbol for c in res.citations][:2] == ["S/RES/713 (1991)", "S/RES/757 (1992)"]


def test_not_a_resolution():
    with pytest.raises(ParseError, match="not a resolution"):
        parse_bytes("notes.txt", b"Minutes of the meeting.\nWe discussed the budget.\n" * 5)


def test_truncated_word_file(tmp_path):
    data = (ODS / "ga72/original/N1731586.DOC").read_bytes()[:5000]
    with pytest.raises(ParseError, match="damaged|truncated|Word"):
        parse_bytes("cut.docx", data)
