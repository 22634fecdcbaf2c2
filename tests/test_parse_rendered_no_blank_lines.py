"""Every AKN resolution of the corpus, laid out as PDF text WITHOUT blank lines, parses to the same record.

pdftotext (without -layout), PyMuPDF's plain text and a copy from a PDF viewer give the lines of a
page with no blank line between paragraphs: only the rules of UN print tell where a paragraph
starts (kg.read.pdf_reflow.reflow): a numbered line ("1.", Arabic "1 - "), a sub-paragraph label, a lead
phrase ("Recalling", "Rappelant", "ссылаясь на", "وإذ") after a line that ends a clause, a short line
ending a clause (lines are filled to the page width), the masthead's one item a line, the trailer's
meeting and date lines.  As in tests/test_parse_rendered_akn*.py, the header and the paragraph counts
must be those the AKN reader gives, in every language.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from rendered_support import as_pdf_text, render_as_pdf_text
from kg.parse import parse_path
from kg.read.pdftext import clean_pdf_text
from test_parse_rendered_akn import AKN_MARKUP_QUIRKS, CORPUS, FIELDS
from test_parse_rendered_akn import FILES as ENGLISH
from test_parse_rendered_akn_languages import FILES as OTHERS
from test_parse_rendered_akn_languages import KNOWN as KNOWN_WITH_BLANK_LINES

FILES = sorted(set(ENGLISH) | set(OTHERS))
_PARTICIPLE_CHAIN = ("a preambular paragraph chains a second lead after a comma ({}), and the wrap puts it at the "
                     "start of a line filled to the width: nothing in the text tells it from a new paragraph, "
                     "which the print shows by its indent only")
#: Differences that come with the missing blank lines, each with its cause (strict xfail).
KNOWN: dict[str, str] = {
    **KNOWN_WITH_BLANK_LINES,
    **AKN_MARKUP_QUIRKS,
    "A_RES_76_250-2200691A.xml": _PARTICIPLE_CHAIN.format("'، وإذ تشير'"),
    "SC_2561_2021-A.xml": _PARTICIPLE_CHAIN.format("'، وإذ يلاحظ'"),
    "A_HRC_RES_57_10R.xml": _PARTICIPLE_CHAIN.format("', принимая во внимание'"),
    "SC_2561_2021-R.xml": _PARTICIPLE_CHAIN.format("', вновь заявляя'"),
    "A_RES_76_250-2200691C.xml": "the layout (textwrap) breaks the Chinese text at the space after footnote marker "
                                 "1 ('重申《世界人权宣言》，1' / '其中宣布 ...'), a short line ending with a comma in the "
                                 "middle of the first preambular paragraph, where Chinese print fills the line; a short "
                                 "line that ends a clause ends its paragraph: 27 preambular paragraphs, AKN 26",
}
pytestmark = pytest.mark.skipif(not FILES, reason="shared corpus not found")


def test_the_layout_has_no_blank_line():
    text = as_pdf_text("The General Assembly,\nRecalling its resolution 1 (I),\n1. Decides to remain seized.",
                       blank_lines=False)
    assert text == "The General Assembly,\nRecalling its resolution 1 (I),\n1. Decides to remain seized."


@pytest.mark.parametrize("path", FILES, ids=lambda p: "/".join(p.parts[-2:]))
def test_pdf_text_without_blank_lines_parses_alike(path, tmp_path, request):
    if path.name in KNOWN:
        request.applymarker(pytest.mark.xfail(reason=KNOWN[path.name], strict=True))
    akn, text = render_as_pdf_text(path, tmp_path, blank_lines=False)
    assert text.source_format != "akn"
    assert {f: getattr(text, f) for f in FIELDS} == {f: getattr(akn, f) for f in FIELDS}
    assert (len(text.preamble), len(text.operative)) == (len(akn.preamble), len(akn.operative))


def _english(name: str) -> Path:
    return next(p for p in ENGLISH if p.name == name)


def test_a_compound_broken_at_a_line_end_keeps_its_hyphen(tmp_path):
    """E/RES/2021/1 (e): "The multi-stakeholder forum ..."; wrapped so that "multi-" ends a line, as
    Word breaks a born-digital UN page, the text reader keeps the compound's hyphen."""
    akn, _ = render_as_pdf_text(_english("E_RES_2021_1-2010157E.xml"), tmp_path, blank_lines=False)
    lines = as_pdf_text(akn.text, blank_lines=False).split("\n")
    at = next(i for i, line in enumerate(lines) if "(e) The multi-stakeholder" in line)
    lines[at:at + 1] = ["(e) The multi-", lines[at][len("(e) The multi-"):]]
    for ocr in (False, True):
        assert "(e) The multi-stakeholder forum on science" in clean_pdf_text("\n".join(lines), drop_hyphen=ocr)


def test_a_word_the_printer_hyphenated_is_joined_in_ocr_text():
    """The OCR of a printed GA resolution (A/RES/2758 (XXVI), 1971): the printer hyphenated words."""
    text = (CORPUS / "scans-ageyev/ocr-tesseract/1971-10-25_UN_GA_Resolution_2758_en.txt").read_text(encoding="utf-8")
    assert "Govern-\nment" in text
    cleaned = clean_pdf_text(text, drop_hyphen=True)
    assert "the representatives of the Government of the People" in cleaned
    assert "People’s Republic of China" in cleaned


def test_a_lead_after_a_filled_line_that_ends_a_clause_opens_a_paragraph_in_real_pdftotext_output():
    """pdftotext's raw output of A/RES/73/6 (no blank lines between paragraphs): "Convinced that
    UNISPACE+50 ..." follows a paragraph whose last line, ending with its comma, is filled to the
    width; the print opens a paragraph there (its lead in italics), and so does the reader."""
    res = parse_path(str(CORPUS / "pdf-ga73-gatenlp/text-pdftotext-raw/A_RES_73_6-EN.txt"))
    leads = [p.lead for p in res.preamble]
    assert leads[:3] == ["Recalling", "Recognizing", "Convinced"]
    assert "Seriously concerned" in leads and "Noting with appreciation" in leads
    assert not any("Convinced that UNISPACE+50" in p.text for p in res.preamble[:2])


def test_ocr_text_that_prints_the_closed_word_elsewhere_joins_it():
    """In OCR text a prefix that opens compounds may be the printer's syllable break: "multi-" /
    "lateral" is "multilateral" when the text prints that word elsewhere (a made-up text in the
    layout of the scans' OCR)."""
    text = ("The General Assembly,\n\nRecalling the multilateral trading system and the multi-\nlateral "
            "institutions, and the multi-\nstakeholder forum,\n")
    cleaned = clean_pdf_text(text, drop_hyphen=True)
    assert "the multilateral institutions" in cleaned and "the multi-stakeholder forum" in cleaned
