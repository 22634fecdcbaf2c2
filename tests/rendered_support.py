"""Shared helper (no tests here): the printed text of an AKN file laid out as pdftotext prints a page.

The layout is the one of tests/test_parse_rendered_akn.py: each block of the AKN text wrapped at
88 columns (the width of a UN page in pdftotext's output), blank lines between blocks.  With
``blank_lines=False`` the blocks follow each other without a blank line, as pdftotext (without
-layout), PyMuPDF's plain text or a copy from a PDF viewer give them: only line breaks, the
lines of a paragraph wrapped at the page width.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

from kg.model import Resolution
from kg.parse import parse_path

WIDTH = 88


def as_pdf_text(text: str, width: int = WIDTH, blank_lines: bool = True) -> str:
    """``text`` (one block a line) wrapped at ``width`` columns, a blank line between blocks
    (or none, ``blank_lines=False``)."""
    return ("\n\n" if blank_lines else "\n").join("\n".join(textwrap.wrap(line, width)) for line in text.split("\n"))


def render_as_pdf_text(path: Path, tmp: Path, blank_lines: bool = True) -> tuple[Resolution, Resolution]:
    """The AKN record of ``path`` and the text parser's record of its text laid out as a PDF page."""
    akn = parse_path(str(path))
    text = tmp / (path.stem + ".txt")
    text.write_text(as_pdf_text(akn.text, blank_lines=blank_lines), encoding="utf-8")
    return akn, parse_path(str(text))
