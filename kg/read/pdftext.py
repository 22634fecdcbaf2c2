"""Clean text extracted from the UN's print PDFs (pdftotext, PyMuPDF, pypdf).

Print PDFs interleave the resolution with page furniture: the document
symbol and a running title at the top of each page, a page number ("3/10"),
the job number ("18-16895 (E) 241018") and a barcode ("*1816895*") at the
bottom, form feeds between pages, and footnotes at the foot of the page they
belong to.  ``clean_pdf_text`` runs the steps that give the layout the parser
reads, each in a module of its own:

- ``kg.read.pdf_furniture``: which lines are page furniture (dropped);
- ``kg.read.pdf_footnotes``: footnote blocks moved to the end, one footnote a
  line, after one separator line, as in ODS text;
- ``kg.read.pdf_reflow``: hard-wrapped lines joined into one paragraph per line,
  words broken over lines mended, paragraphs cut by a page break joined again
  (the signs of print it reads are in ``kg.read.printsigns``).

``looks_hard_wrapped`` tells text wrapped at a fixed width (PDF or OCR output)
from text with one paragraph per line, for ``kg.read.decode_text``.
"""
from __future__ import annotations

import re

from kg.read.pdf_footnotes import join_footnotes, loose_footnotes, move_footnotes
from kg.read.pdf_furniture import first_symbol, mark_furniture, strip_furniture_columns
from kg.read.pdf_reflow import reflow
from kg.read.printsigns import PARA_LABEL_RE

#: " -" between two lower-case letters (the literal comes first so that the engine can skip to it).
_SPACED_HYPHEN_RE = re.compile(r" -(?<=[a-z] -)(?=[a-z])")


def clean_pdf_text(text: str, symbol: str | None = None, drop_hyphen: bool = False,
                   title: str | None = None) -> str:
    """PDF-extracted text -> the parser's layout (see module docstring).  ``title``: the
    catalogue title when known (front matter), to recognise running titles."""
    text = text.replace("\f", "\n\f")
    lines = text.split("\n")
    symbol = symbol or first_symbol(lines)
    drop = mark_furniture(lines, symbol, [title] if title else None)
    lines = [line if dropped else strip_furniture_columns(line) for line, dropped in zip(lines, drop)]
    body, notes = move_footnotes(lines, drop)
    if not any(line.strip() for line in notes):
        body, notes = loose_footnotes(body)
    paragraphs = reflow(body, drop_hyphen)
    out = "\n".join(paragraphs)
    footnotes = join_footnotes(notes)
    if footnotes:
        out += "\n_______________\n" + "\n".join(footnotes)
    return _SPACED_HYPHEN_RE.sub("-", out) + "\n"


def looks_hard_wrapped(text: str) -> bool:
    """True for text wrapped at a fixed width (PDF or OCR output), not one paragraph per line."""
    filled = [ln for ln in text.split("\n") if ln.strip()]
    lengths = [len(ln) for ln in filled]
    if len(lengths) < 8:
        return False
    if sum(1 for ln in filled if ln.startswith("\t")) * 3 >= len(filled):
        return False      # paragraphs indented by a tab: a word processor's text export, one per line
    lengths.sort()
    if lengths[int(len(lengths) * 0.9)] >= 130:
        return False
    return lengths[len(lengths) // 2] > 25 or _runs_on(text.split("\n")) >= 2


def _runs_on(lines: list[str]) -> int:
    """How many lines, filled to the width of the text, break in the middle of a sentence: the
    line stops on a word or a number, no punctuation, and the next line, right below (no
    blank line between), goes on in lower case or with a number or bracket that is no
    paragraph label ("... and 2787" / "(2025),", "... through July" / "15, 2026.").  One
    paragraph per line never does that (its lines end with their punctuation, and a Russian
    or German paragraph that opens in lower case follows a comma); a text wrapped at a fixed
    width does in most paragraphs.  It tells the two apart when the short lines of the
    masthead ("United Nations", "Distr.: General" / "14 January 2026") are most of a short
    document's lines: those are not filled lines."""
    width = max((len(line.strip()) for line in lines), default=0)
    count = 0
    for line, nxt in zip(lines, lines[1:]):
        line, nxt = line.strip(), nxt.strip()
        if not nxt or len(line) < 0.6 * width or not line[-1:].isalnum():
            continue
        if nxt[:1].islower() or (nxt[:1] in "0123456789(" and not PARA_LABEL_RE.match(nxt)):
            count += 1
    return count
