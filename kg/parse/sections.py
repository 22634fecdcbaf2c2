"""Sections of a resolution body and the tables inside it (budget and omnibus resolutions).

UN drafting conventions handled here:

* a body may be divided into sections headed by a Roman numeral ("I", "II.",
  "III. Questions relating to ..."), by "Section 3" / "Part IV", or by a title
  line between paragraphs ("Budget performance report for ...");
* paragraph numbering either runs on across sections (72/261: 1 to 214) or
  starts again at 1 in each section (72/258: "paragraph 3 of section I above");
  in the second case paragraph keys carry the section: ``sec/2/op/1``;
* budget resolutions carry tables (appropriations by section) whose rows look
  like numbered paragraphs ("1.<tab>Overall policymaking<tab>119 854 000"):
  they belong to the paragraph that introduces them.

``table_lines`` finds the table rows before the paragraphs are read;
``assign_sections`` runs after, on the paragraphs and the headings found.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import Paragraph, Section, Span

_ROMAN = r"(?:X{0,3}(?:IX|IV|V?I{0,3}))"
#: "I", "II.", "III. Title", "Section 3", "Section 29C", "Part IV", "Part IV. Title".
SECTION_HEADING_RE = re.compile(
    rf"[ \t]*(?:(?P<word>Section|Part|Chapter|Sección|Parte|Capítulo|Chapitre|Partie)[ \t\u00a0]+)?"
    rf"(?P<num>{_ROMAN}|(?<=[ \t\u00a0])\d{{1,3}}[A-Z]?)\.?(?:[ \t]+(?P<title>\S[^\n]*?))?[ \t]*$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
#: A cell holding an amount: "119 854 000", "(10 833 700)", "2,767,070,650", "–".
_AMOUNT = r"\(?\d{1,3}(?:[ \u00a0,]\d{3})+\)?|\(?\d+\)?|[–—-]"
_LAST_CELL_AMOUNT_RE = re.compile(rf"\t[ \t]*(?:{_AMOUNT})[ \t]*$")
_AMOUNT_LINE_RE = re.compile(r"[ \t]*\(?\d{1,3}(?:[ \u00a0]\d{3})+\)?[ \t]*$")
#: Cells glued together (a text rendering without cell separators): "Political affairs1 231 086 000".
_GLUED_AMOUNT_RE = re.compile(r"\(?\d{1,3}(?:[ \u00a0]\d{3})+\)?[ \t]*$")
_BARE_NUMBER_RE = re.compile(r"[ \t]*\d{1,3}[A-Z]?\.[ \t]*$")
_TABLE_GAP = 6       # non-empty lines from one row of a table to the next
_TABLE_HEAD = 8      # non-empty lines of column headings before the first row


def roman_value(numeral: str) -> int:
    total = 0
    for i, ch in enumerate(numeral):
        value = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES.get(numeral[i + 1]) if i + 1 < len(numeral) else 0
        total += -value if nxt and nxt > value else value
    return total


@dataclass
class Heading:
    """A heading seen in the body: numbered ("II", "Section 3") or a title line."""

    label: str | None
    number: int | None
    title: str | None
    span: Span
    part: str | None


def section_heading(line: str) -> tuple[str, int, str | None] | None:
    """(label as printed, number, inline title) of a numbered section heading line, else None."""
    m = SECTION_HEADING_RE.fullmatch(line)
    if not m or not m.group("num"):
        return None
    num, title = m.group("num"), m.group("title")
    if title and title.rstrip()[-1:] in ".;:,":
        return None      # "I. Decides ..." would be a sentence, not a heading
    if not m.group("word") and title and not line.lstrip()[len(num):].startswith("."):
        return None      # "I Title" without the dot is not a heading form the UN uses
    number = roman_value(num) if num[0] in "IVX" else int(re.match(r"\d+", num).group())
    label = (f"{m.group('word')} {num}" if m.group("word") else num)
    return label, number, title.strip() if title else None


_AMOUNT_ENDINGS = frozenset("0123456789)\u2013\u2014-")


def _row_like(text: str, s: int, e: int) -> bool:
    k = e
    while k > s and text[k - 1] in " \t":
        k -= 1
    if k == s or text[k - 1] not in _AMOUNT_ENDINGS:
        return False     # every amount pattern ends the line with a digit, ")" or a dash: skip the regex scans
    line = text[s:e]
    return bool(_LAST_CELL_AMOUNT_RE.search(line, _tail(line, _CELL_CHARS)) or _AMOUNT_LINE_RE.fullmatch(line)
                or _GLUED_AMOUNT_RE.search(line, _tail(line, _GLUED_CHARS)))


#: The characters (besides digits) of what ``_LAST_CELL_AMOUNT_RE`` and ``_GLUED_AMOUNT_RE`` match.
_CELL_CHARS = frozenset("\t \u00a0,()\u2013\u2014-")
_GLUED_CHARS = frozenset("() \u00a0\t")


def _tail(line: str, chars: frozenset[str]) -> int:
    """Where the run of ``chars`` and digits that ends ``line`` begins.  A pattern anchored at the
    line's end and made of those characters matches there or after: searched from there, it is not
    tried at every position of a long paragraph."""
    k = len(line)
    while k and (line[k - 1] in chars or line[k - 1].isdecimal()):
        k -= 1
    return k


def _head_like(line: str) -> bool:
    """A line that may stand in a table before or between its rows (column headings, a
    "Part I. Overall policymaking" group row, a bare "1." cell): short, no sentence end."""
    stripped = line.strip()
    if not stripped:
        return True
    if _BARE_NUMBER_RE.fullmatch(stripped):
        return True
    return len(stripped) < 160 and stripped[-1:] not in ".;:,"


def table_lines(text: str, lines: list[tuple[int, int]], first: int, last: int) -> set[int]:
    """Indices of the lines of ``lines[first:last]`` that are table rows and cells.

    A row ends with an amount cell (tab-separated in Word text, or an amount alone
    on its line in LibreOffice text, which puts every cell on a line of its own).
    Rows at most a few lines apart form one table; the column headings before the
    first row (short lines without a sentence end) belong to it too."""
    filled = [i for i, (s, e) in enumerate(lines[first:last], first)
              if s < e and (not text[e - 1].isspace() or not text[s:e].isspace())]      # not blank (read from the end)
    rows = [n for n, i in enumerate(filled) if _row_like(text, *lines[i])]
    found: set[int] = set()
    k = 0
    while k < len(rows):
        start = end = rows[k]
        count = 1
        while k + 1 < len(rows) and rows[k + 1] - end <= _TABLE_GAP \
                and all(_head_like(text[slice(*lines[filled[j]])]) for j in range(end + 1, rows[k + 1])):
            k += 1
            end = rows[k]
            count += 1
        k += 1
        if count < 2:
            continue     # a lone number at the end of a line is no table
        head = start
        while head - 1 >= 0 and start - (head - 1) <= _TABLE_HEAD and _head_like(text[slice(*lines[filled[head - 1]])]):
            head -= 1
        found.update(range(filled[head], filled[end] + 1))
    return found


def assign_sections(headings: list[Heading], preamble: list[Paragraph], operative: list[Paragraph]) -> list[Section]:
    """Turn the headings into ``Section`` records and set ``section`` on every paragraph.

    In each part, numbered headings are the sections when there are any (title lines
    between them are sub-headings); otherwise title lines are. Numbering restarts when
    a later section of the part opens again with paragraph 1: then every section of the
    part is its own numbering (``section_numbering``), preambular positions included."""
    sections: list[Section] = []
    paragraphs = sorted([*preamble, *operative], key=lambda p: p.span.start)
    parts: dict[str | None, list[Heading]] = {}
    for heading in headings:
        parts.setdefault(heading.part, []).append(heading)
    for part, found in parts.items():
        numbered = [h for h in found if h.number is not None]
        # "Part I" > "Section 1" (72/261): the first kind of numbered heading is the top level.
        top_word = _word(numbered[0]) if numbered else None
        chosen = [h for h in numbered if _word(h) == top_word] or found
        part_sections: list[tuple[Section, list[Paragraph]]] = []
        for position, heading in enumerate(chosen, start=1):
            key = str(heading.number if heading.number is not None else position)
            if any(s.key == key for s, _ in part_sections):
                key = str(position)  # a numeral printed twice: fall back to the position
            section = Section(key=key, label=heading.label, title=heading.title, span=heading.span, part=part)
            end = chosen[position].span.start if position < len(chosen) else None
            members = [p for p in paragraphs if p.part == part and p.span.start >= heading.span.end
                       and (end is None or p.span.start < end)]
            for p in members:
                p.section = key
            part_sections.append((section, members))
            sections.append(section)
        if _restarts(part, part_sections, paragraphs):
            for section, members in part_sections:
                section.restarts = True
                position = 0
                for p in members:
                    p.section_numbering = True
                    if p.kind == "preambular":
                        position += 1
                        p.number = position
    return sections


def _word(heading: Heading) -> str | None:
    return heading.label.split()[0] if heading.label and " " in heading.label else None


def _restarts(part: str | None, part_sections: list[tuple[Section, list[Paragraph]]],
              paragraphs: list[Paragraph]) -> bool:
    """True when some section after the first numbered one opens with operative paragraph 1."""
    seen_operative = any(p.part == part and p.kind == "operative" and p.section is None for p in paragraphs)
    for _, members in part_sections:
        numbers = [p.number for p in members if p.kind == "operative"]
        if numbers and seen_operative and numbers[0] == 1:
            return True
        seen_operative = seen_operative or bool(numbers)
    return False
