"""Shared helper (no tests here): the printed text of an AKN file laid out as pdftotext prints a page.

The layout is the one of tests/test_parse_rendered_akn.py: each block of the AKN text wrapped at
88 columns (the width of a UN page in pdftotext's output), blank lines between blocks.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

from kg.model import Resolution
from kg.parse import parse_path

WIDTH = 88


def as_pdf_text(text: str, width: int = WIDTH) -> str:
    """``text`` (one block a line) wrapped at ``width`` columns with a blank line between blocks."""
    return "\n\n".join("\n".join(textwrap.wrap(line, width)) for line in text.split("\n"))


def render_as_pdf_text(path: Path, tmp: Path) -> tuple[Resolution, Resolution]:
    """The AKN record of ``path`` and the text parser's record of its text laid out as a PDF page."""
    akn = parse_path(str(path))
    text = tmp / (path.stem + ".txt")
    text.write_text(as_pdf_text(akn.text), encoding="utf-8")
    return akn, parse_path(str(text))
