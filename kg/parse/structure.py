"""The body of a resolution: parts, preambular and operative paragraphs, sub-paragraphs, annexes.

Input is the text in the readers' layout (one paragraph per line) and the
line range of the body (from the first enacting formula to the footnotes).
Rules, following the UN's drafting conventions:

* numbered lines ("5.", "5 bis.") are operative paragraphs; "(a)", "(i)"
  lines are their sub-paragraphs, roman numerals nested under letters;
* unnumbered lines before the first operative paragraph are preambular,
  unless their lead is an operative verb ("Decides to restore ..." in a
  resolution with a single, unnumbered operative paragraph);
* a line with a single capital letter followed by an enacting formula opens
  a part (A, B, ...) of a multi-part resolution; "76th plenary meeting" ends it;
* short lines without final punctuation after the operative paragraphs have
  begun are section headings ("I", "Introduction"); "Annex" opens an annex;
* "I", "II. Title", "Section 3" open a section, and paragraph numbering may
  start again in each (``kg.parse.sections``); table rows of budget resolutions
  belong to the paragraph that introduces the table;
* "Resolves that:" right before paragraph 1 is the chapeau of the numbered
  paragraphs (budget resolutions), not a paragraph of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from kg.model import Annex, Paragraph, Part, Section, Span, SubParagraph
from kg.parse.footnotes import without_trailing_marker
from kg.parse.labels import ITEM_RE, PREAMBLE_ITEM_RE, ROMAN_LABEL_RE, first_label, next_label, previous_letter
from kg.parse.leads import OPERATIVE_VERBS, PREAMBULAR_WORDS, lead_phrase
from kg.parse.patterns import (ANNEX_RE, CLAUSE_END, DATE_RE, ENACTING_RE, MEETING_RE, OP_NUMBER_RE, PART_LABEL_RE,
                               SUB_LABEL_RE, iso_date, sub_label)
from kg.parse.sections import Heading, assign_sections, section_heading, table_lines

_HEADING_MAX = 90
_LONG_HEADING_MAX = 300
_LEAD_READ = 240             # what lead_phrase reads of a paragraph (no need to copy the rest)
_SECTION_TITLE_MAX = 500     # the title line under "II": 72/262 C has one of 318 characters
#: "86<tab>Further decides ..." -- a paragraph number that lost its full stop.
_NUMBER_NO_DOT_RE = re.compile(r"[ \t]*(?P<num>\d{1,3})\t+(?=[A-Z“\"])")
_ADOPTS_FOLLOWING_RE = re.compile(r"\b(?:the\s+following|as\s+follows|annexed\s+to\s+the\s+present\s+resolution|"
                                  r"suivante?s?|ci-apr[èe]s|siguientes?|a\s+continuaci[óo]n)\b[^\n]*:\s*(?:\d{1,3}|\[\d{1,3}\])?\s*$")
#: A paragraph that introduces the text it adopts ("Adopts the following declaration:", "Adopte la
#: déclaration politique suivante, ... :"); the PDF reader starts the adopted text's title after it.
ADOPTS_FOLLOWING_RE = _ADOPTS_FOLLOWING_RE


@dataclass
class Body:
    preamble: list[Paragraph] = field(default_factory=list)
    operative: list[Paragraph] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    enacting_formula: Span | None = None
    meetings: list[tuple[int, bool, str | None, Span]] = field(default_factory=list)  # number, plenary, date, span
    headings: list[Span] = field(default_factory=list)
    section_headings: list[Heading] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t":
        s += 1
    while e > s and text[e - 1] in " \t":
        e -= 1
    return s, e


class _Builder:
    def __init__(self, text: str, lines: list[tuple[int, int]], language: str = "en",
                 italic_leads: tuple[str, ...] = ()):
        self.text = text
        self.language = language
        # Longest first, so "Also decides" wins over "Also".
        self.italic_leads = tuple(sorted(italic_leads, key=len, reverse=True))
        self.lines = lines
        self.body = Body()
        self.part: str | None = None
        self.current: Paragraph | None = None
        self.current_sub: SubParagraph | None = None
        self.letter_sub: SubParagraph | None = None
        self.operative_started = False
        self.annex: Annex | None = None
        self.embedded = False      # the open annex is a text adopted in the body ("the following declaration:")
        self.after_meeting = False
        self.tables: set[int] = set()
        self.last = len(lines)
        self.after_formula = False  # the line before was an enacting formula
        self.first_formula = False  # ... and it was the document's first
        self.inferred: dict[int, bool] = {}  # sub-paragraphs whose lost label was inferred: roman?
        self.counts: dict[tuple[str, str | None], int] = {}  # paragraphs by kind and part

    # -- helpers ---------------------------------------------------------------
    def _is_part_label(self, idx: int, s: int, e: int, end: int) -> bool:
        """Line ``idx`` (``s``..``e``, stripped) is a part's label ("A") with an enacting formula after it."""
        if not PART_LABEL_RE.match(self.text, s, e):
            return False
        seen = 0
        for j in range(idx + 1, min(end, idx + 8)):
            js, je = self.lines[j]
            if not self.text[js:je].strip():
                continue
            if ENACTING_RE.match(self.text, js, je):
                return True
            seen += 1
            if seen > 3:
                return False
        return False

    def _lead(self, s: int, e: int) -> str:
        """The lead phrase: as the Word file italicises it when it does, else from the lexicon."""
        if self.italic_leads:
            head = self.text[s:min(e, s + 200)].lstrip(" \t\"“‘'")
            for lead in self.italic_leads:
                if head.startswith(lead) and (len(head) == len(lead) or not head[len(lead)].isalnum()):
                    return lead
        return lead_phrase(self.text[s:min(e, s + _LEAD_READ)], self.language)[0]

    def _new_paragraph(self, kind: str, number: int, s: int, e: int, number_text: str | None = None) -> Paragraph:
        lead = self._lead(s, e)
        para = Paragraph(kind=kind, number=number, lead=lead, text=self.text[s:e], span=Span(s, e),
                         part=self.part, number_text=number_text)
        (self.body.preamble if kind == "preambular" else self.body.operative).append(para)
        self.counts[kind, self.part] = self.counts.get((kind, self.part), 0) + 1
        self.current, self.current_sub, self.letter_sub = para, None, None
        return para

    def _count(self, kind: str) -> int:
        """How many paragraphs of ``kind`` the current part has so far."""
        return self.counts.get((kind, self.part), 0)

    def _extend(self, s: int, e: int) -> None:
        """An unnumbered line continuing the current paragraph or sub-paragraph."""
        target = self.current_sub or self.current
        if target is None:
            return
        target.span = Span(target.span.start, e)
        target.text = self.text[target.span.start:e]

    def _subparagraph(self, label: str, s: int, e: int) -> None:
        parent = self.current
        if parent is None:
            return
        lead, _ = lead_phrase(self.text[s:min(e, s + _LEAD_READ)], self.language)
        sub = SubParagraph(label=label, text=self.text[s:e], span=Span(s, e), lead=lead or None)
        roman = bool(ROMAN_LABEL_RE.match(label))
        letter_prev = self.letter_sub.label if self.letter_sub else None
        continues_letters = letter_prev is not None and previous_letter(label) == letter_prev
        if roman and self.letter_sub is not None and not continues_letters:
            self.letter_sub.subparagraphs.append(sub)
        elif roman and self.letter_sub is None and not (label in ("i", "v", "x") and not parent.subparagraphs and label != "i"):
            parent.subparagraphs.append(sub)
        else:
            parent.subparagraphs.append(sub)
            self.letter_sub = sub
        self.current_sub = sub

    # -- main loop -------------------------------------------------------------
    def run(self, first: int, last: int) -> Body:
        idx = first
        self.last = last
        self.tables = table_lines(self.text, self.lines, first, last)
        while idx < last:
            s, e = self.lines[idx]
            s, e = _strip_span(self.text, s, e)
            idx += 1
            if s >= e:
                continue
            line = self.text[s:e]
            after_formula, self.after_formula = self.after_formula, False
            if self._is_part_label(idx - 1, s, e, last):
                idx = self._open_part(PART_LABEL_RE.match(line).group("label"), s, idx, last)
                continue
            enact = ENACTING_RE.match(self.text, s, e)
            if enact and len(line) < 60 and not self.embedded:
                self.first_formula = self.body.enacting_formula is None
                if self.body.enacting_formula is None:
                    self.body.enacting_formula = Span(enact.start("formula"), enact.end("formula"))
                self.operative_started = False
                self.annex = None
                self.embedded = False
                self.after_meeting = False
                self.current = None
                self.after_formula = True
                continue
            meeting = MEETING_RE.match(self.text, s, e)
            if meeting:
                self._meeting(meeting, s, e, idx, last)
                continue
            if self.after_meeting and DATE_RE.fullmatch(line.rstrip(". ")):
                continue
            annex = ANNEX_RE.match(self.text, s, e)
            if annex and (self.after_meeting or self.operative_started):
                idx = self._open_annex(annex.group("head"), s, idx, last)
                continue
            if self.annex is not None:
                self.annex.span = Span(self.annex.span.start, e)
                self.annex.text = self.text[self.annex.span.start:e]
                continue
            if idx - 1 in self.tables:
                self._extend(s, e)       # a table row: part of the paragraph that introduced the table
                continue
            if not self.after_meeting:
                numbered = section_heading(line)
                if numbered:
                    idx = self._open_section(numbered, s, e, idx)
                    continue
            self._line(line, s, e, idx, after_formula)
        return self.body

    def _next_line(self, idx: int) -> tuple[int, int, int] | None:
        """(index, start, end) of the next non-empty line from ``idx`` in the body."""
        for j in range(idx, self.last):
            js, je = _strip_span(self.text, *self.lines[j])
            if js < je:
                return j, js, je
        return None

    def _next_number(self, idx: int) -> int | None:
        """The number of the next numbered paragraph from line ``idx`` (None at a trailer or part)."""
        for _, js, je in self._body_lines(idx):
            num = OP_NUMBER_RE.match(self.text, js, je)
            if num:
                return int(num.group("num"))
        return None

    def _body_lines(self, idx: int) -> Iterator[tuple[int, int, int]]:
        """(index, start, end) of the non-empty lines from ``idx``, tables left out, up to the meeting
        trailer or the enacting formula of a next part (not included): what a look-ahead may read."""
        for j in range(idx, self.last):
            js, je = _strip_span(self.text, *self.lines[j])
            if js >= je or j in self.tables:
                continue
            if MEETING_RE.match(self.text, js, je) or ENACTING_RE.match(self.text, js, je):
                return
            yield j, js, je

    def _opens_numbering(self, idx: int) -> bool:
        """The next line is paragraph "1." (a chapeau such as "Resolves that:" stands right before it)."""
        nxt = self._next_line(idx)
        num = OP_NUMBER_RE.match(self.text, nxt[1], nxt[2]) if nxt is not None else None
        return bool(num) and int(num.group("num")) == 1

    def _open_section(self, numbered: tuple[str, int, str | None], s: int, e: int, idx: int) -> int:
        """"II" (its title on the next line) or "III. Title": a new section; what follows
        may open with its own preambular paragraphs."""
        label, number, title = numbered
        end = e
        if title is None:
            nxt = self._next_line(idx)
            if nxt is not None:
                j, js, je = nxt
                candidate = self.text[js:je]
                if (len(candidate) <= _SECTION_TITLE_MAX and without_trailing_marker(candidate)[-1:] not in ".,;:"
                        and not OP_NUMBER_RE.match(candidate) and not ENACTING_RE.match(self.text, js, je)
                        and j not in self.tables):
                    title, end, idx = candidate, je, j + 1
        self.body.section_headings.append(Heading(label, number, title, Span(s, end), self.part))
        self.body.headings.append(Span(s, end))
        self.current = self.current_sub = self.letter_sub = None
        self.operative_started = False
        return idx

    def _open_part(self, label: str, s: int, idx: int, last: int) -> int:
        from kg.parse.patterns import part_label     # "باء", Cyrillic "В" -> "B"
        printed, label = label, part_label(label)
        self.part = label
        self.current = self.current_sub = self.letter_sub = None
        self.operative_started = False
        self.annex = None
        self.embedded = False
        self.after_meeting = False
        title = None
        for j in range(idx, min(last, idx + 4)):
            js, je = _strip_span(self.text, *self.lines[j])
            if js >= je:
                continue
            if ENACTING_RE.match(self.text, js, je):
                break
            title = self.text[js:je]
            idx = j + 1
            break
        self.body.parts.append(Part(label=label, title=title, span=Span(s, s + len(printed))))
        return idx

    def _meeting(self, m: re.Match[str], s: int, e: int, idx: int, last: int) -> None:
        date = iso_date(m) if m.group("year") else None
        if date is None:
            for j in range(idx, min(last, idx + 3)):
                js, je = _strip_span(self.text, *self.lines[j])
                if js >= je:
                    continue
                dm = DATE_RE.match(self.text, js, je)
                if dm and je - js < 25:
                    date = iso_date(dm)
                    e = je
                break
        from kg.parse.patterns import meeting_number   # digits or words ("First plenary meeting")
        number = meeting_number(m)
        self.body.meetings.append((number, bool(m.group("plenary")), date, Span(s, e)))
        for part in self.body.parts:
            if part.label == self.part and part.meeting is None:
                part.meeting, part.adoption_date = number, date
        self.after_meeting = True
        self.current = self.current_sub = None
        self.annex = None
        self.embedded = False

    def _open_annex(self, head: str, s: int, idx: int, last: int) -> int:
        title = head
        for j in range(idx, min(last, idx + 4)):
            js, je = _strip_span(self.text, *self.lines[j])
            if js >= je:
                continue
            candidate = self.text[js:je]
            if len(candidate) < 300 and not OP_NUMBER_RE.match(candidate):
                title = candidate
                idx = j + 1
            break
        self.annex = Annex(title=title, text="", span=Span(s, s + len(head)), part=self.part)
        self.body.annexes.append(self.annex)
        self.current = self.current_sub = None
        return idx

    def _line(self, line: str, s: int, e: int, idx: int = 0, after_formula: bool = False) -> None:
        num = OP_NUMBER_RE.match(self.text, s, e)
        if num and not self.after_meeting:
            ps = num.end()
            suffix = num.group("suffix")
            self.operative_started = True
            self._new_paragraph("operative", int(num.group("num")), ps, e,
                                number_text=f"{num.group('num')} {suffix}" if suffix else None)
            return
        no_dot = _NUMBER_NO_DOT_RE.match(self.text, s, e)
        if no_dot and not self.after_meeting and self.current is not None and self.current.kind == "operative" \
                and int(no_dot.group("num")) == self.current.number + 1:
            self._new_paragraph("operative", int(no_dot.group("num")), no_dot.end(), e)
            return
        sub = SUB_LABEL_RE.match(self.text, s, e)
        if sub and self.current is not None:
            self._subparagraph(sub_label(sub), sub.end(), e)
            return
        if self.after_meeting:
            return  # stray text between parts or after the trailer
        if self._continues_broken_line(line):
            self._extend(s, e)       # a paragraph broken across a page ("... Winter" / "Games, as ...")
            return
        lead, kind = lead_phrase(line, self.language)
        bare = without_trailing_marker(line)
        unpunctuated = bare[-1:] not in CLAUSE_END and line[-1:] not in CLAUSE_END
        heading = unpunctuated and (len(line) <= _HEADING_MAX or self._long_heading(line, idx))
        if heading:
            self.body.headings.append(Span(s, e))
            if self.operative_started or self.body.section_headings:
                self.body.section_headings.append(Heading(None, None, line, Span(s, e), self.part))
            self.current_sub = None
            return
        if not self.operative_started:
            if kind == "operative" and line.rstrip().endswith(":") and not _ADOPTS_FOLLOWING_RE.search(line) \
                    and self._opens_numbering(idx):
                # "Resolves that, for the biennium 2018-2019:" then "1. Appropriations ...": the
                # chapeau of the numbered paragraphs; right after "The General Assembly" it
                # completes the enacting formula.
                self.body.headings.append(Span(s, e))
                if after_formula and self.first_formula and self.body.enacting_formula is not None:
                    self.body.enacting_formula = Span(self.body.enacting_formula.start, e)
                return
            if kind == "operative" and not self._preambular_slip(bare, idx):
                self.operative_started = True
                self._new_paragraph("operative", self._count("operative") + 1, s, e)
                if _ADOPTS_FOLLOWING_RE.search(line):
                    # "Adopts the following declaration:" -- what follows is the adopted text, an
                    # annex-like embedded text (its own "The General Assembly," included) up to
                    # the meeting trailer; the same convention as the AKN reader.
                    self.annex = Annex(title="", text="", span=Span(e, e), part=self.part)
                    self.body.annexes.append(self.annex)
                    self.embedded = True
                return
            label = self._preamble_item(line, kind)
            if label is not None:
                # "... constitutes a major contribution to:" then "International peace and
                # security," ...: the items of that paragraph, their "(a)" lost (A/RES/80/34).
                self._subparagraph(label, s, e)
                self.inferred[id(self.current_sub)] = False
                return
            self._new_paragraph("preambular", self._count("preambular") + 1, s, e)
            return
        label = self._lost_label(line, idx)
        if label is not None:
            # "(a)", "(b)" that the PDF extraction dropped (A/RES/80/12, paragraphs 7 and 8).
            previous = self.current_sub
            roman = self.inferred[id(previous)] if previous is not None else label == "i"
            self._subparagraph(label, s, e)
            self.inferred[id(self.current_sub)] = roman
            return
        if kind == "operative" and line[:1].isupper() and self.current is not None \
                and self.current.kind == "operative" and self.current.text.rstrip()[-1:] in ".;" \
                and self._next_number(idx) != self.current.number + 1:
            # A numbered paragraph whose number the extraction lost ("Expresses its profound gratitude ...").
            self._new_paragraph("operative", self.current.number + 1, s, e)
            return
        self._extend(s, e)


    def _preamble_item(self, line: str, kind: str | None) -> str | None:
        """The inferred label of an unlabelled item of a preambular paragraph, or None.

        A preambular paragraph that ends with a colon introduces a list; the lines after it
        that open with a capital but no lead phrase (``kind`` None) and end like list items
        ("International peace and security,") are its items, up to the first line with a
        lead.  A real preambular paragraph always opens with a lead, so this never takes one."""
        parent, sub = self.current, self.current_sub
        if kind is not None or parent is None or parent.kind != "preambular" or not line[:1].isupper() \
                or not PREAMBLE_ITEM_RE.search(line):
            return None
        if sub is not None:
            if id(sub) not in self.inferred or not PREAMBLE_ITEM_RE.search(sub.text):
                return None
            return next_label(sub.label, self.inferred[id(sub)])
        return "a" if not parent.subparagraphs and parent.text.rstrip().endswith(":") else None

    def _lost_label(self, line: str, idx: int) -> str | None:
        """The label of an unlabelled line that is a sub-paragraph whose "(a)" the extraction lost:
        the operative paragraph ends with a colon, every line up to the next numbered paragraph,
        labelled sub-paragraph or trailer reads as an item ("To ...;"), and a labelled
        sub-paragraph after them goes on with the letters (or roman numerals) they would have."""
        parent, sub = self.current, self.current_sub
        if parent is None or parent.kind != "operative" or not ITEM_RE.match(line):
            return None
        if sub is not None:
            if id(sub) not in self.inferred or not sub.text.rstrip().endswith(";"):
                return None
            return next_label(sub.label, self.inferred[id(sub)])
        if parent.subparagraphs or not parent.text.rstrip().endswith(":"):
            return None
        run = 1
        for j in range(idx, self.last):
            js, je = _strip_span(self.text, *self.lines[j])
            if js >= je:
                continue
            following = self.text[js:je]
            label = SUB_LABEL_RE.match(self.text, js, je)
            if label:
                found = sub_label(label)
                return first_label(found, run)
            if OP_NUMBER_RE.match(self.text, js, je) or MEETING_RE.match(self.text, js, je):
                break
            if not ITEM_RE.match(following) or j in self.tables:
                return None
            run += 1
        return "a" if run > 1 else None

    def _preambular_slip(self, bare: str, idx: int) -> bool:
        """An unnumbered line of the preamble that opens with an operative verb yet ends with the
        comma of a preambular paragraph, the numbered operative part still to come from "1."
        ("Recalls that UNDOF's deployment ... Resolution 338 (1973)," among the "Recalling"
        paragraphs of S/RES/2477 (2019)): a preambular paragraph, not the operative part."""
        return bare.rstrip()[-1:] == "," and self._next_number(idx) == 1

    def _long_heading(self, line: str, idx: int) -> bool:
        """A title line longer than a short heading: only right before a numbered paragraph.
        In the preamble, right before paragraph 1 when title lines divide the operative part
        further on: the title of its first section ("Taking stock: reviewing the implementation
        of the outcomes of the World Summit on the Information Society", E/RES/2025/18).  Else
        it is the last preambular paragraph, its comma lost ("Underscoring that ... the
        Council's decisions", S/RES/2504 (2020))."""
        if len(line) > _LONG_HEADING_MAX:
            return False
        if not self.operative_started:
            return self._opens_numbering(idx) and self._titles_follow(idx)
        return self._opens_paragraph(idx)

    def _titles_follow(self, idx: int) -> bool:
        """A title line (short, no final punctuation) stands between two numbered paragraphs
        after line ``idx``, before the end of the part."""
        numbered = False
        for j, js, je in self._body_lines(idx):
            if OP_NUMBER_RE.match(self.text, js, je):
                numbered = True
                continue
            line = self.text[js:je]
            if numbered and len(line) <= _HEADING_MAX and without_trailing_marker(line)[-1:] not in ".,;:" \
                    and line[-1:] not in ".,;:" and not SUB_LABEL_RE.match(self.text, js, je) \
                    and self._opens_paragraph(j + 1):
                return True
        return False

    def _opens_paragraph(self, idx: int) -> bool:
        """The next non-empty line from ``idx`` is a numbered paragraph."""
        nxt = self._next_line(idx)
        return nxt is not None and bool(OP_NUMBER_RE.match(self.text, nxt[1], nxt[2]))

    def _continues_broken_line(self, line: str) -> bool:
        """The open paragraph stops mid-sentence (no punctuation: a PDF page break) and this
        line does not open with a lead word: it goes on with that paragraph."""
        current = self.current_sub or self.current
        if current is None or not current.text.rstrip()[-1:].isalpha():
            return False
        first = line.lstrip(" \t\"“‘'").split(" ", 1)[0].strip(",;:").lower()
        return first not in OPERATIVE_VERBS and first not in PREAMBULAR_WORDS \
            and not first.endswith(("ing", "ed")) and first not in ("also", "further", "again", "once")


def parse_body(text: str, lines: list[tuple[int, int]], first: int, last: int, language: str = "en",
               italic_leads: tuple[str, ...] = ()) -> Body:
    """Parse ``lines[first:last]`` (the body) of ``text``, lead phrases read in ``language``
    (or taken from ``italic_leads``, the italic openings of a Word file's paragraphs)."""
    body = _Builder(text, lines, language, italic_leads).run(first, last)
    body.sections = assign_sections(body.section_headings, body.preamble, body.operative)
    for annex in body.annexes:
        if not annex.title:
            first_line = annex.text.strip().split("\n", 1)[0].strip()
            annex.title = first_line if len(first_line) < 300 else ""
    return body
