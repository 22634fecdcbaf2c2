"""Word list numbering: the labels Word prints before numbered paragraphs (kg.read.docx_numbering).

The rendered AKN corpus (tests/test_parse_rendered_docx.py) checks whole resolutions numbered by
Word's lists; here, the counting rules that corpus does not exercise: a level that starts
elsewhere, a list restarted by an override, levels under an item restarting, bullets.
"""
from __future__ import annotations

from lxml import etree

from kg.read.docx_numbering import Numbering, format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbering(levels: str, nums: str) -> bytes:
    return (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
            f'{nums}</w:numbering>').encode()


def _level(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def _para(num_id: str, ilvl: int = 0) -> etree._Element:
    return etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/>'
                            f'<w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:p>')


LEVELS = _level(0, "decimal", "%1.") + _level(1, "lowerLetter", "(%2)") + _level(2, "lowerRoman", "(%3)")


def test_formats():
    assert [format_number(n, "lowerRoman") for n in (1, 4, 9, 14)] == ["i", "iv", "ix", "xiv"]
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert format_number(3, "upperRoman") == "III"


def test_levels_under_an_item_restart():
    numbering = Numbering(_numbering(LEVELS, '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'), None)
    labels = [numbering.label(_para("1", level)) for level in (0, 1, 1, 2, 2, 0, 1)]
    assert labels == ["1.\t", "(a)\t", "(b)\t", "(i)\t", "(ii)\t", "2.\t", "(a)\t"]


def test_start_and_start_override():
    nums = ('<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
            '<w:startOverride w:val="7"/></w:lvlOverride></w:num>')
    numbering = Numbering(_numbering(_level(0, "decimal", "%1.", start=3), nums), None)
    assert [numbering.label(_para("1")), numbering.label(_para("1")), numbering.label(_para("2"))] == ["3.\t", "4.\t", "7.\t"]


def test_bullets_and_unknown_lists_print_no_label():
    numbering = Numbering(_numbering(_level(0, "bullet", "\u2022"), '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'), None)
    assert numbering.label(_para("1")) == ""
    assert numbering.label(_para("9")) == ""
    assert numbering.label(_para("0")) == ""


def test_numbering_from_the_paragraph_style():
    styles = (f'<w:styles xmlns:w="{W}"><w:style w:styleId="ListNumber"><w:pPr><w:numPr><w:numId w:val="1"/>'
              f'</w:numPr></w:pPr></w:style></w:styles>').encode()
    numbering = Numbering(_numbering(LEVELS, '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'), styles)
    para = etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr></w:p>')
    assert numbering.label(para) == "1.\t"


def test_damaged_numbers_do_not_break_the_reading():
    """Missing or absurd numbers (a damaged or hostile file) give a plain decimal label or none."""
    numbering = Numbering(_numbering(_level(0, "lowerLetter", "%1.", start=10**12) + _level(1, "decimal", "%2."),
                                     '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'), None)
    assert numbering.label(_para("1")) == f"{10**12}.\t"
    bad = etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr><w:numPr><w:ilvl w:val="x"/><w:numId w:val="1"/>'
                           f'</w:numPr></w:pPr></w:p>')
    assert numbering.label(bad) == f"{10**12 + 1}.\t"
