"""Text extracted from print PDFs, page by page: footnotes at the foot of each page,
paragraphs cut by the page break (and by the footnotes between the two halves).

Real extracts of the same resolutions checked against a better reading of them:
raw PyMuPDF text (``pdf-extract-ga80-railcar/txt-early``, extract_version 1.0.0/1.1.0)
against PyMuPDF 1.3.0 Markdown (``md/``, footnotes as ``[^n]``), and poppler's
``pdftotext -layout`` / ``pdftotext`` raw output (``pdf-ga73-gatenlp``) against the
PDF itself read with pypdf.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.parse import parse_path
from kg.read import decode

SHARED = Path(os.environ.get("KG_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
RAILCAR = SHARED / "corpus" / "pdf-extract-ga80-railcar"
GATE = SHARED / "corpus" / "pdf-ga73-gatenlp"
pytestmark = pytest.mark.skipif(not (RAILCAR.is_dir() and GATE.is_dir()),
                                reason=f"PDF extracts not found under {SHARED / 'corpus'}")

TXT_EARLY = sorted(p.name for p in (RAILCAR / "txt-early").glob("*.txt")) if RAILCAR.is_dir() else []
PDFTOTEXT = [f"{kind}/A_RES_73_{n}-EN.txt" for kind in ("text-pdftotext-layout", "text-pdftotext-raw")
             for n in (3, 6, 7, 8)]


def _parse(path: Path):
    return parse_path(str(path))


def _md(name: str):
    return _parse(RAILCAR / "md" / name.replace(".txt", ".md"))


def _pdf(name: str):
    return _parse(GATE / "original" / Path(name).name.replace(".txt", ".pdf"))


def _notes(res) -> list[tuple[int, str]]:
    return [(f.number, " ".join(f.text.split())) for f in res.footnotes]


def _leads(res) -> tuple[list[str], list[str]]:
    return [p.lead for p in res.preamble], [p.lead for p in res.operative]


def test_footnotes_at_the_foot_of_each_page_are_read_as_footnotes():
    res = _parse(RAILCAR / "txt-early" / "A_RES_80_24.txt")
    assert [n for n, _ in _notes(res)] == list(range(1, 21))
    assert _notes(res)[:2] == [(1, "United Nations, Treaty Series, vol. 1015, No. 14860."),
                               (2, "Ibid., vol. 1974, No. 33757.")]
    assert not any(p.text.startswith(("1 United Nations", "2 Ibid.")) for p in res.paragraphs)


def test_paragraph_cut_by_the_page_break_and_its_footnotes_is_joined_again():
    res = _parse(RAILCAR / "txt-early" / "A_RES_80_24.txt")
    bearing = next(p for p in res.preamble if p.text.startswith("Bearing in mind that the Convention"))
    assert "on the prohibition of the development, testing, production" in " ".join(bearing.text.split())
    assert not any(p.text.startswith("development, testing") for p in res.paragraphs)
    assert len(res.preamble) == len(_md("A_RES_80_24.md").preamble) == 35


def test_marker_glued_to_a_year_is_a_footnote_reference():
    res = _parse(RAILCAR / "txt-early" / "A_RES_80_24.txt")
    first, second = res.footnotes[0], res.footnotes[1]
    assert [res.text[r.span.start - 4:r.span.end] for r in first.refs] == ["19721"]
    assert [res.text[r.span.start - 4:r.span.end] for r in second.refs] == ["19932"]


def test_marker_after_a_year_and_a_comma_is_a_footnote_reference():
    res = _parse(RAILCAR / "txt-early" / "A_RES_80_13.txt")
    note = res.footnotes[0]
    assert [res.text[r.span.start - 5:r.span.end] for r in note.refs] == ["1979,1"]
    assert note.text.startswith("Official Records of the General Assembly, Thirty-fourth Session")


@pytest.mark.parametrize("name", TXT_EARLY)
def test_raw_pymupdf_text_reads_like_the_markdown_of_the_same_pdf(name):
    res, ref = _parse(RAILCAR / "txt-early" / name), _md(name)
    assert _leads(res) == _leads(ref)
    assert [len(p.subparagraphs) for p in res.operative] == [len(p.subparagraphs) for p in ref.operative]
    assert _notes(res) == _notes(ref)
    assert all(p.lead for p in res.preamble + res.operative)


@pytest.mark.parametrize("name", PDFTOTEXT)
def test_pdftotext_output_reads_like_the_pdf(name):
    res, ref = _parse(GATE / name), _pdf(name)
    assert _leads(res) == _leads(ref)
    assert _notes(res) == _notes(ref)
    assert all(p.lead for p in res.preamble + res.operative)


def test_footnote_number_on_a_line_of_its_own_starts_a_footnote():
    res = _parse(GATE / "text-pdftotext-layout" / "A_RES_73_3-EN.txt")
    assert _notes(res)[:3] == [(1, "Resolution 70/1."), (2, "Resolution 69/313, annex."),
                               (3, "See World Health Organization, document WHA69/2016/REC/1.")]
    assert len(res.footnotes) == 7


def test_footnote_numbers_printed_apart_from_their_texts_are_paired_in_order():
    # pdftotext's raw order: texts of 2 and 3, "4", text, "5", text, then "2", "3".
    res = _parse(GATE / "text-pdftotext-raw" / "A_RES_73_7-EN.txt")
    assert _notes(res)[1:5] == [(2, "A/58/874 and A/58/874/Add.1."),
                                (3, "Articles 10 and 13 of the Relationship Agreement."),
                                (4, "A/73/334."), (5, "United Nations, Treaty Series, vol. 2271, No. 40446.")]


def test_footnote_continued_on_the_next_page_is_one_footnote():
    res = _parse(GATE / "text-pdftotext-raw" / "A_RES_73_6-EN.txt")
    last = res.footnotes[-1]
    assert last.number == 6
    assert last.text.startswith("Related documents include A/AC.105/1129")
    assert last.text.endswith("A/AC.105/1180 and A/AC.105/1181.")


def test_paragraph_number_alone_before_a_blank_line_keeps_its_text():
    res = _parse(GATE / "text-pdftotext-raw" / "A_RES_73_7-EN.txt")
    assert res.operative[0].lead == "Welcomes"
    assert res.operative[0].text.startswith("Welcomes the report of the International Criminal Court")


def test_spaced_marker_before_and_after_a_word_and_comma_is_a_reference():
    res = _parse(GATE / "text-pdftotext-raw" / "A_RES_73_7-EN.txt")
    note = next(f for f in res.footnotes if f.number == 5)
    assert [res.text[r.span.start - 7:r.span.end + 4] for r in note.refs] == ["Court, 5 and"]


def test_page_break_after_a_closing_quote_is_joined():
    res = _parse(RAILCAR / "md" / "A_RES_80_28.md")
    welcoming = next(p for p in res.preamble if p.text.startswith("Welcoming also the 2025 report"))
    assert "“Seven-Plus-One” formula and the description" in " ".join(welcoming.text.split())
    assert all(p.lead for p in res.preamble)


def test_page_break_before_a_capital_inside_a_phrase_is_joined_by_the_reader():
    path = RAILCAR / "md" / "A_RES_80_39.md"
    lines = decode(str(path), path.read_bytes()).text.split("\n")
    assert any("and the Final Documents of the 2000" in line for line in lines)
    assert not any(line.startswith("Documents of the 2000") for line in lines)


def test_line_break_inside_a_blank_separated_paragraph_is_not_a_new_paragraph():
    res = _parse(RAILCAR / "md" / "A_RES_80_33.md")
    noting = next(p for p in res.preamble if p.text.startswith("Noting continued efforts"))
    assert "Securing Our Common Future: An Agenda for Disarmament," in " ".join(noting.text.split())
    assert all(p.lead for p in res.preamble + res.operative)


def test_lead_after_a_comma_opens_a_paragraph_in_blank_separated_text():
    res = _parse(RAILCAR / "md" / "A_RES_80_34.md")
    assert any(p.lead == "Convinced" and p.text.startswith("Convinced that the Convention, 28 years")
               for p in res.preamble)


@pytest.mark.parametrize("extract", ["md/A_RES_80_2.md", "txt-early/A_RES_80_2.txt"])
def test_title_completed_from_the_catalogue_keeps_the_printed_colon(extract):
    res = _parse(RAILCAR / extract)    # catalogue: "... of the United Nations : requests under ..."
    assert res.title == ("Scale of assessments for the apportionment of the expenses of the United Nations: "
                         "requests under Article 19 of the Charter")
