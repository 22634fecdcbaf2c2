"""Corpus files are identified by content and mapped to their expected record."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.parse.groundtruth import load_ground_truth, map_file
from kg.parse.groundtruth_files import akn_counts, identify_file

SHARED = Path(os.environ.get("KG_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")


@pytest.fixture(scope="module")
def truth():
    return load_ground_truth(CORPUS)


def test_akn_in_the_wrong_language_folder_is_read_by_content():
    ident = identify_file(CORPUS / "unxml-hrc/xml/57session/English/A_HRC_RES_57_18F.xml")
    assert (ident.input_format, ident.symbol, ident.language) == ("akn", "A/HRC/RES/57/18", "fra")


def test_akn_file_name_unlike_its_symbol():
    ident = identify_file(CORPUS / "unxml-ga/xml/75session/English/75_101A-B_E.xml")
    assert ident.symbol == "A/RES/75/101 A-B"


def test_docx_named_doc_is_identified_by_its_ods_comment():
    ident = identify_file(CORPUS / "ods-word/ga72/original/N1731586.DOC")
    assert (ident.input_format, ident.symbol, ident.mapped_by) == ("docx", "A/RES/72/2", "ODS comment")


def test_legacy_binary_doc_is_identified():
    ident = identify_file(CORPUS / "ods-word/ga-misc/original/67_290.doc")
    assert (ident.input_format, ident.symbol) == ("doc", "A/RES/67/290")


def test_body_only_text_export_is_identified_through_its_original():
    ident = identify_file(CORPUS / "ods-word/ga72/text-libreoffice/N1821424.txt")
    assert (ident.input_format, ident.symbol) == ("word-text", "A/RES/72/8 B")


def test_seedlike_text_is_ods_text_with_its_marker():
    ident = identify_file(CORPUS / "ods-word/ga72/text-seedlike/N1730150.txt")
    assert (ident.input_format, ident.symbol) == ("ods-text", "A/RES/72/1")


def test_railcar_extract_is_pdf_text_from_front_matter():
    ident = identify_file(CORPUS / "pdf-extract-ga80-railcar/md/A_RES_80_7.md")
    assert (ident.input_format, ident.symbol, ident.mapped_by) == ("pdf-text", "A/RES/80/7", "front matter")


def test_pdftotext_output_is_identified_by_its_masthead():
    ident = identify_file(CORPUS / "pdf-ga73-gatenlp/text-pdftotext-raw/A_RES_73_3-EN.txt")
    assert (ident.input_format, ident.symbol) == ("pdf-text", "A/RES/73/3")


@pytest.mark.parametrize("name, symbol", [
    ("1971-10-25_UN_GA_Resolution_2758_en.txt", "A/RES/2758 (XXVI)"),
    ("1950-07-07_UN_SC_Resolution_84_1950_en.txt", "S/RES/84 (1950)"),
    ("1992-09-19_UN_SC_Resolution_777_1992_en.txt", "S/RES/777 (1992)"),
    ("1992-09-22_UN_GA_Resolution_47-1_1992_en.txt", "A/RES/47/1"),
])
def test_ocr_text_is_identified_by_number_and_organ(name, symbol):
    ident = identify_file(CORPUS / "scans-ageyev/ocr-tesseract" / name)
    assert (ident.input_format, ident.symbol) == ("ocr", symbol)


def test_malformed_xml_is_reported_not_dropped(truth):
    mapped = map_file(CORPUS / "unxml-sc/xml/PRST/2005/S_PRST_2005_1-0520703E.xml", truth)
    assert mapped.expected is None and "not well-formed" in mapped.reason


def test_presidential_statement_has_no_ground_truth(truth):
    mapped = map_file(CORPUS / "unxml-sc/xml/PRST/2010/S_PRST_2010_1-1020850E.xml", truth)
    assert mapped.expected is None and "presidentialStatement" in mapped.reason


def test_akn_counts_of_a_small_resolution():
    counts = akn_counts((CORPUS / "unxml-ga/xml/80session/English/A_RES_80_1-2515106E.xml").read_bytes())
    assert (counts.preambular, counts.operative, counts.footnotes) == (5, 3, 1)


def test_arabic_paragraph_numbers_count_like_english():
    arabic = akn_counts((CORPUS / "unxml-ga/xml/80session/Arabic/A_RES_80_7-2518769A.xml").read_bytes())
    english = akn_counts((CORPUS / "unxml-ga/xml/80session/English/A_RES_80_7-2518769E.xml").read_bytes())
    assert arabic == english


def test_annex_paragraphs_are_not_operative_paragraphs():
    counts = akn_counts((CORPUS / "unxml-ga/xml/78session/English/A_RES_78_1_E.xml").read_bytes())
    assert counts.operative == 1


def test_french_file_is_not_held_to_the_english_title(truth):
    mapped = map_file(CORPUS / "unxml-ga/xml/80session/French/A_RES_80_7-2518769F.xml", truth)
    assert mapped.expected.title is None and truth.find("A/RES/80/7").title


def test_text_rendering_gets_the_counts_of_the_akn_of_the_same_resolution(truth):
    mapped = map_file(CORPUS / "pdf-extract-ga80-railcar/md/A_RES_80_7.md", truth)
    xml = akn_counts((CORPUS / "unxml-ga/xml/80session/English/A_RES_80_7-2518769E.xml").read_bytes())
    assert (mapped.expected.preambular_count, mapped.expected.operative_count) == (xml.preambular, xml.operative)


def test_akn_resolution_without_metadata_is_held_to_its_own_markup(truth):
    mapped = map_file(CORPUS / "unxml-ecosoc/xml/2021/English/E_RES_2021_1-2010157E.xml", truth)
    assert mapped.expected.symbol == "E/RES/2021/1" and mapped.expected.operative_count is not None
    assert mapped.expected.adoption_date is None


def test_every_text_file_is_mapped_or_has_a_reason(truth):
    for path in sorted(CORPUS.rglob("*")):
        if path.is_file():
            mapped = map_file(path, truth)
            assert mapped.expected is not None or mapped.reason, path


def test_unnumbered_single_paragraph_with_sub_items_counts_once():
    counts = akn_counts((CORPUS / "unxml-ga/xml/75session/English/75_101A-B_E.xml").read_bytes())
    assert counts.operative == 1 + 135          # part A: one unnumbered paragraph (a)-(f); part B: 1-135


def test_unnumbered_indents_and_headings_are_not_operative_paragraphs():
    counts = akn_counts((CORPUS / "unxml-sc/xml/Pre-2020/2011/S_RES_2000_N1143339.xml").read_bytes())
    assert counts.operative == 20
