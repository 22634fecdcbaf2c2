"""Parts, sections and tables of real budget and omnibus resolutions (GA 72, Word and its text renderings).

UN drafting conventions: parts A, B, C each with their own enacting formula and
numbering; sections "I", "II" whose numbering either restarts (72/258: "paragraph 3
of section I above") or runs on (72/261); budget tables whose rows look like
numbered paragraphs; "Resolves that:" as the chapeau of paragraphs 1, 2, 3.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.model import SourceDocument
from kg.parse import parse_path
from kg.parse.sections import section_heading, table_lines
from kg.parse.text import line_spans, paragraph_key, parse_text

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
GA72 = SHARED / "corpus" / "ods-word" / "ga72"
ECOSOC = SHARED / "corpus" / "ods-word" / "ecosoc2018"
RAILCAR = SHARED / "corpus" / "pdf-extract-ga80-railcar"
GATE = SHARED / "corpus" / "pdf-ga73-gatenlp"


def _renderings(job: str) -> list[str]:
    return [str(GA72 / "original" / f"{job}.DOC"), str(GA72 / "text-seedlike" / f"{job}.txt"),
            str(GA72 / "text-libreoffice" / f"{job}.txt")]


def _keys(res) -> list[str]:
    return [paragraph_key(p) for p in res.paragraphs]


@pytest.mark.parametrize("path", _renderings("N1746986"))
def test_numbering_that_restarts_in_each_section_is_keyed_by_section(path):
    res = parse_path(path)                                   # A/RES/72/258: I (op 1-3), II (op 1-7)
    assert [(s.key, s.label, s.restarts) for s in res.sections] == [("1", "I", True), ("2", "II", True)]
    assert res.sections[1].title.startswith("Budget for the International Residual Mechanism")
    ops = [paragraph_key(p) for p in res.operative]
    assert ops == [f"sec/1/op/{n}" for n in range(1, 4)] + [f"sec/2/op/{n}" for n in range(1, 8)]
    assert [paragraph_key(p) for p in res.preamble] == ["sec/1/pp/1", "sec/1/pp/2", "sec/2/pp/1", "sec/2/pp/2"]
    assert len(set(_keys(res))) == len(res.paragraphs)


def test_citations_and_footnotes_keep_the_section_of_their_paragraph():
    res = parse_path(_renderings("N1746986")[0])
    keys = {c.in_paragraph for c in res.citations if c.symbol == "A/RES/71/269"}
    assert "sec/1/pp/2" in keys
    refs = {paragraph_key(p): [r.number for r in p.footnote_refs] for p in res.paragraphs}
    assert refs["sec/2/pp/2"] == [7] and refs["sec/1/op/1"] == [1] and 6 in refs["sec/2/op/1"]


@pytest.mark.parametrize("path", _renderings("N1747013"))
def test_numbering_that_runs_on_across_sections_keeps_plain_keys(path):
    res = parse_path(path)                                   # A/RES/72/261: Part I ... Part XII, 1 to 214
    assert [p.number for p in res.operative] == list(range(1, 215))   # "86<tab>Further decides": no full stop
    assert all(paragraph_key(p) == f"op/{p.number}" for p in res.operative)
    assert res.sections and not any(s.restarts for s in res.sections)
    assert [s.label for s in res.sections][:2] == ["Part I", "Part II"]
    assert res.operative[-1].section == "12"                 # Part XII (there is no Part V): the numeral's value


@pytest.mark.parametrize("path", _renderings("N1747039"))
def test_budget_tables_are_not_paragraphs(path):
    res = parse_path(path)                                   # A/RES/72/263 A-C
    assert [p.label for p in res.parts] == ["A", "B", "C"]
    assert [paragraph_key(p) for p in res.operative] == ["A/op/1", "A/op/2", "A/op/3", "B/op/1", "B/op/2",
                                                          "B/op/3", "C/op/1", "C/op/2"]
    assert "119 854 000" in res.operative[0].text                # the table belongs to paragraph 1
    assert not res.sections                                     # "Part I. Overall policymaking" is a table row
    assert res.enacting_formula.startswith("The General Assembly")
    assert res.enacting_formula.rstrip().endswith("Resolves that, for the biennium 2018–2019:")


@pytest.mark.parametrize("path", _renderings("N1746933"))
def test_parts_with_tables_under_a_lettered_paragraph(path):
    res = parse_path(path)                                   # A/RES/72/253 A-B: "2. Resolves that:" (a) table (b) (c)
    assert [paragraph_key(p) for p in res.operative] == ["A/op/1", "A/op/2", "B/op/1"]
    assert [s.label for s in res.operative[1].subparagraphs] == ["a", "b", "c"]
    assert "5 682 779 000" in res.operative[1].subparagraphs[0].text


@pytest.mark.parametrize("path", _renderings("N1747057"))
def test_resolves_that_is_the_chapeau_of_the_numbered_paragraphs(path):
    res = parse_path(path)                                   # A/RES/72/265: "Resolves that:" 1. ... 6.
    assert [p.number for p in res.operative] == [1, 2, 3, 4, 5, 6]
    assert res.enacting_formula.endswith("Resolves that:")


@pytest.mark.parametrize("path", _renderings("N1821476"))
def test_sections_inside_a_part_with_sub_headings(path):
    res = parse_path(path)                                   # A/RES/72/262 C: I-IV restart, sub-headings run on
    assert [(s.part, s.label) for s in res.sections] == [("C", "I"), ("C", "II"), ("C", "III"), ("C", "IV")]
    last = {s.key: max(p.number for p in res.operative if p.section == s.key) for s in res.sections}
    assert last == {"1": 3, "2": 13, "3": 16, "4": 4}
    assert paragraph_key(res.operative[-1]) == "C/sec/4/op/4"
    assert res.sections[2].title.startswith("Revised estimates relating to the programme budget")


@pytest.mark.parametrize("path", _renderings("N1821456"))
def test_title_lines_between_paragraphs_are_sections_that_run_on(path):
    res = parse_path(path)                                   # A/RES/72/259 B
    assert [p.number for p in res.operative] == list(range(1, 34))
    assert res.sections[0].label is None and res.sections[0].title.startswith("Budget performance report")
    assert {paragraph_key(p) for p in res.operative} == {f"B/op/{n}" for n in range(1, 34)}


@pytest.mark.parametrize("path", [GA72 / "text-libreoffice" / "N1743834.txt", ECOSOC / "text-libreoffice" / "N1824503.txt"])
def test_short_word_processor_text_is_not_taken_for_wrapped_pdf_text(path):
    res = parse_path(str(path))                              # 72/135, E/RES/2018/21: one unnumbered operative
    assert len(res.operative) == 1 and res.operative[0].lead == "Approves"


@pytest.mark.parametrize("path, count", [(RAILCAR / "md" / "A_RES_80_8.md", 9), (RAILCAR / "md" / "A_RES_80_11.md", 30),
                                         (RAILCAR / "txt-early" / "A_RES_80_11.txt", 30),
                                         (GATE / "text-pdftotext-layout" / "A_RES_73_7-EN.txt", 28)])
def test_pdf_text_paragraph_numbers_run_without_gaps(path, count):
    res = parse_path(str(path))
    assert [p.number for p in res.operative] == list(range(1, count + 1))


def test_section_heading_forms():
    assert section_heading("II") == ("II", 2, None)
    assert section_heading("III. Questions relating to the proposed programme budget") == \
        ("III", 3, "Questions relating to the proposed programme budget")
    assert section_heading("Section 29C") == ("Section 29C", 29, None)
    assert section_heading("IV.") == ("IV", 4, None)
    for not_a_heading in ("I. Decides to act;", "C", "A", "1.", "Introduction", "IIII"):
        assert section_heading(not_a_heading) is None, not_a_heading


def test_table_rows_need_two_amount_rows():
    text = "\t1.\tDecides to pay 3 000 000\n\t2.\tDecides further;\nSection\tAmount\nA\t1 200\nB\t3 400\n"
    lines = line_spans(text)
    assert table_lines(text, lines, 0, len(lines)) == {2, 3, 4}


def test_restarting_sections_in_plain_text():
    text = ("Resolution adopted by the General Assembly on 1 March 2020\n72/999. Questions\n"
            "The General Assembly,\nI\nFirst matter\nRecalling its resolution 70/1,\n1.\tDecides to act;\n"
            "2.\tRequests a report;\nII\nSecond matter\n1.\tAlso decides to act;\n"
            "100th plenary meeting\n1 March 2020\n")
    res = parse_text(SourceDocument("x.txt", "text", text, "0" * 64))
    assert _keys(res) == ["sec/1/pp/1", "sec/1/op/1", "sec/1/op/2", "sec/2/op/1"]
    assert [s.title for s in res.sections] == ["First matter", "Second matter"]
