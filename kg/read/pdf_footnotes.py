"""Footnotes of the UN's print PDFs: found at the foot of each page, moved after the body.

Print puts a footnote at the foot of the page that cites it, below a rule ("_____"), so that in
extracted text the footnotes of each page interrupt the body.  ``move_footnotes`` takes the
blocks under a rule out of the body; ``loose_footnotes`` finds footnotes printed without their
rule (raw PyMuPDF output) by their number and a marker of it in the body before; ``join_footnotes``
makes one line per footnote ("3 Ibid., sect. II."), also where pdftotext prints the numbers on
lines of their own or apart from their texts.  ``kg.read.pdftext`` writes them after one
separator line, the layout of ODS text that the parser reads.
"""
from __future__ import annotations

import re

from kg.parse.footnotes import marker_spots
from kg.read.pdf_furniture import PAGE_NUMBER_RE
from kg.read.pdf_reflow import join_lines
from kg.read.printsigns import ENACTING_RE, FOOTNOTE_START_RE

FOOTNOTE_RULE_RE = re.compile(r"^\s*_{5,}\s*$")
FOOTNOTE_NUMBER_RE = re.compile(r"^\s*(\d{1,3})\s*$")
#: Stands between the footnote blocks of two pages in the footnote lines.
PAGE_MARK = "\f"


def move_footnotes(lines: list[str], drop: list[bool]) -> tuple[list[str], list[str]]:
    """Split the kept lines into body lines and footnote lines (footnote blocks start at '_____')."""
    body: list[str] = []
    notes: list[str] = []
    in_notes = False
    paged = any("\f" in line for line in lines)
    for line, dropped in zip(lines, drop):
        if "\f" in line:
            in_notes = False
        if dropped:
            # Without form feeds, the furniture of the next page ends a footnote block.
            if in_notes and not paged and not (PAGE_NUMBER_RE.match(line) and not notes):
                in_notes = False
            continue
        if FOOTNOTE_RULE_RE.match(line):
            in_notes = True
            notes.append(PAGE_MARK)
            continue
        (notes if in_notes else body).append(line.replace("\f", ""))
    return body, notes


_LOOSE_NOTE_RE = re.compile(r"^\s*(\d{1,3})\s+(?!(?:January|February|March|April|May|June|July|August|September|"
                            r"October|November|December)\b)(\S.*)$")


def loose_footnotes(lines: list[str]) -> tuple[list[str], list[str]]:
    """Footnotes printed without their rule, as blocks of their own between body
    paragraphs (raw PyMuPDF output): "1 A/54/298." after a page's last paragraph, or
    in the middle of a paragraph cut by the page break.  A block counts as footnote n
    when it starts with the next number n and the body before it carries a marker n
    (glued to a word or a year, "expenditures,3", "of 19721", or spaced, ", 3 calling").
    Lines that follow a footnote's first line without a blank line continue it."""
    body: list[str] = []
    notes: list[str] = []
    expected, in_note, started = 1, False, False
    seen = ""
    for i, line in enumerate(lines):
        if not line.strip():
            in_note = False
            body.append(line)
            continue
        started = started or bool(ENACTING_RE.match(line.strip()))
        block_start = i == 0 or not lines[i - 1].strip()
        m = _LOOSE_NOTE_RE.match(line) if started and block_start else None
        if m and int(m.group(1)) == expected and _marked(seen, expected):
            notes.append(line)
            expected, in_note = expected + 1, True
            continue
        if in_note:
            notes[-1] += " " + line.strip()
            continue
        body.append(line)
        seen += line + "\n"
    return (body, notes) if notes else (lines, [])


def _marked(text: str, number: int) -> bool:
    """Whether ``text`` carries a marker of footnote ``number``: where the parser looks for
    one, or the number standing between words ("the Convention 1 and to provide", "for 2021, 1 2022")."""
    return bool(marker_spots(text, number) or re.search(rf"[a-z,;)] {number} (?=[a-z]|\d{{4}}\b)", text))


def join_footnotes(notes: list[str]) -> list[str]:
    """Footnote lines -> one line per footnote ("3 Ibid., sect. II."), page block by page
    block (``PAGE_MARK`` separates them).  The number may stand on a line of its own, its
    text on the next (pdftotext -layout), or apart from it (pdftotext raw order, below)."""
    out: list[str] = []
    for block in _page_blocks(notes):
        lines = [line for line in (re.sub(r"\s+", " ", raw).strip() for raw in block) if line]
        if not (_displaced_labels(lines) and _pair_displaced(lines, out)):
            _join_in_order(lines, out)
    return out


def _page_blocks(notes: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in notes:
        if line == PAGE_MARK:
            blocks.append([])
        else:
            blocks[-1].append(line)
    return [block for block in blocks if block]


def _join_in_order(lines: list[str], out: list[str]) -> None:
    """Each footnote starts with its number; other lines continue the footnote before."""
    expected = _next_number(out)
    for line in lines:
        m = FOOTNOTE_START_RE.match(line) or FOOTNOTE_NUMBER_RE.match(line)
        if m and expected <= int(m.group(1)) <= expected + 2:
            out.append(line)
            expected = int(m.group(1)) + 1
        elif out:
            out[-1] = join_lines(out[-1], line)
        else:
            out.append(line)


def _next_number(out: list[str]) -> int:
    m = FOOTNOTE_START_RE.match(out[-1]) if out else None
    return int(m.group(1)) + 1 if m else 1


def _displaced_labels(lines: list[str]) -> bool:
    """Whether a page's footnote numbers stand apart from their texts: a number line
    followed by another number line or by nothing (pdftotext's raw reading order puts
    "1", "2" after the texts of footnotes 1 to 6)."""
    labels = [i for i, line in enumerate(lines) if FOOTNOTE_NUMBER_RE.match(line)]
    return any(i + 1 == len(lines) or FOOTNOTE_NUMBER_RE.match(lines[i + 1]) for i in labels)


def _pair_displaced(lines: list[str], out: list[str]) -> bool:
    """Pair a page's footnote numbers (in order) with its footnote texts (in order); a
    text starts after a number line or after a line that ends a sentence.  A first text
    beyond the count continues the previous page's last footnote when that one is
    unfinished.  False (nothing done) when the numbers are not the next ones in sequence
    or the counts differ."""
    labels = sorted(int(line) for line in lines if FOOTNOTE_NUMBER_RE.match(line))
    expected = _next_number(out)
    if labels != list(range(expected, expected + len(labels))):
        return False
    texts: list[str] = []
    boundary = True
    for line in lines:
        if FOOTNOTE_NUMBER_RE.match(line):
            boundary = True
            continue
        if boundary or not texts:
            texts.append(line)
        else:
            texts[-1] = join_lines(texts[-1], line)
        boundary = line.endswith((".", ".”", ".)"))
    carried = len(texts) == len(labels) + 1 and out and not out[-1].endswith(".")
    if len(texts) != len(labels) + carried:
        return False
    if carried:
        out[-1] = join_lines(out[-1], texts.pop(0))
    out.extend(f"{number} {text}" for number, text in zip(labels, texts))
    return True
