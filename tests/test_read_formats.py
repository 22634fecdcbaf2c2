"""Readers: format detected by content, encodings, Word, PDF text and files, front matter, furniture."""
from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from kg.model import ParseError
from kg.read import decode, read_path
from kg.read.pdftext import clean_pdf_text

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
CORPUS = SHARED / "corpus"
SEED = CORPUS / "seed" / "A_RES_65_140.txt"
needs_corpus = pytest.mark.skipif(not SEED.exists(), reason="shared corpus not available")


@needs_corpus
def test_seed_is_ods_text_and_unchanged():
    doc = read_path(str(SEED))
    assert doc.format == "ods-text"
    assert doc.text == SEED.read_text(encoding="ascii")
    assert len(doc.sha256) == 64


@needs_corpus
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_encodings_decode_to_the_same_text(encoding):
    text = SEED.read_text(encoding="ascii").replace("Recalling also", "Recalling\u00a0also \u201cquoted\u201d")
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    doc = decode("seed.txt", data)
    assert "Recalling also \u201cquoted\u201d" in doc.text      # NBSP -> space, curly quotes kept
    assert doc.format == "ods-text"


def test_crlf_and_odd_spaces_are_normalised():
    doc = decode("x.txt", "a\u202fb\r\nc\u00add\u2011e\r".encode("utf-8"))
    assert doc.text == "a b\ncd-e\n"


@needs_corpus
def test_word_ooxml_named_doc_is_detected_by_content():
    doc = read_path(str(CORPUS / "ods-word/ga72/original/N1730150.DOC"))
    assert doc.format == "docx"
    assert doc.meta["ods:JOB NO"] == "N1730150E"
    assert doc.meta["prop:Symbol1"] == "A/RES/72/1"
    assert "\t1\tResolution 64/293." in doc.text          # footnotes after the body
    assert "Trafficking in Persons1 and" in doc.text      # marker glued as in ODS text


@needs_corpus
def test_ods_comment_split_across_runs_is_joined():
    doc = read_path(str(CORPUS / "ods-word/ga72/original/N1731586.DOC"))
    assert doc.meta["ods:JOB NO"] == "N1731586E"


@needs_corpus
def test_pdf_layout_text_loses_its_page_furniture():
    doc = read_path(str(CORPUS / "pdf-ga73-gatenlp/text-pdftotext-layout/A_RES_73_3-EN.txt"))
    assert doc.format == "pdf-text"
    assert "*1816895*" not in doc.text and "18-16895" not in doc.text and "\f" not in doc.text
    assert "3/10" not in doc.text.split("\n")
    assert "drug-resistant forms" in doc.text             # "drug -\nresistant" mended
    assert doc.text.count("A/RES/73/3") == 1               # only the masthead keeps the symbol


@needs_corpus
def test_pdf_file_is_read_with_pypdf():
    doc = read_path(str(CORPUS / "pdf-ga73-gatenlp/original/A_RES_73_8-EN.pdf"))
    assert doc.format == "pdf-text" and doc.meta["extractor"] == "pypdf"
    assert "Resolution adopted by the General Assembly on 1 November 2018" in doc.text


@needs_corpus
def test_markdown_front_matter_goes_to_meta():
    doc = read_path(str(CORPUS / "pdf-extract-ga80-railcar/md/A_RES_80_7.md"))
    assert doc.meta["symbol"] == "A/RES/80/7" and doc.meta["date"] == "2025-11-18"
    assert not doc.text.startswith("---")
    assert "\n1 See A/80/348." in doc.text                # [^1]: -> "1 ..."


def test_words_hyphenated_across_lines_are_rejoined_in_ocr_text():
    text = "The General Assembly,\n\nRecognizing that the representatives of the Govern-\nment are lawful,\n"
    assert "Government are lawful," in clean_pdf_text(text, drop_hyphen=True)


def test_scanned_pdf_without_text_layer_is_refused(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "scan.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    with pytest.raises(ParseError, match="no text layer|without a text layer"):
        read_path(str(path))


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (bytes(range(256)) * 8, "binary"),
    (b"PK\x03\x04truncated", "zip|Word|damaged"),
    (b"{\\rtf1 hello}", "RTF"),
])
def test_bad_input_gets_a_reason(data, reason):
    with pytest.raises(ParseError, match=reason):
        decode("bad.bin", data)


@needs_corpus
def test_legacy_binary_doc_needs_a_converter_or_is_converted():
    import shutil

    path = str(CORPUS / "ods-word/ga-misc/original/67_290.doc")
    if shutil.which("antiword") or shutil.which("soffice") or shutil.which("libreoffice"):
        assert "Format and organizational aspects" in read_path(path).text
    else:
        with pytest.raises(ParseError, match="antiword.*LibreOffice"):
            read_path(path)
