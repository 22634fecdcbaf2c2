"""Reflow hard-wrapped PDF text into one paragraph per line, the layout the parser reads.

Text extracted from a print PDF keeps the printed lines.  ``reflow`` joins them back into
paragraphs: where blank lines separate paragraphs they tell; where none do (pdftotext without
-layout, PyMuPDF, a copy from a viewer) the rules of UN print do, from the signs of
``kg.read.printsigns``: a numbered or lettered line, a lead phrase after a line that ends a
clause, a short line (lines are filled to the page width), the masthead's one item a line, the
trailer's meeting and date lines, short headings.  ``join_lines`` joins a wrapped line to the
next, mending a word broken at the line end (a hyphen is kept in born-digital text, dropped in
the OCR of printed scans) and putting no space between Chinese lines.  Last, a paragraph cut by a
page break is joined again.
"""
from __future__ import annotations

import re

from kg.parse.patterns import ENACTING_RE as FORMULA_RE
from kg.parse.patterns import LOWERCASE_LEAD_RE, MEETING_RE, MEETING_WORDS, NUMBER_LINE_RE, ORDINAL_SUFFIX, SUB_LABEL_RE
from kg.parse.structure import ADOPTS_FOLLOWING_RE
from kg.read.printsigns import (DATE_START_RE, ENACTING_RE, FOOTNOTE_START_RE, FULL_DATE_RE, LABEL_ONLY_RE,
                                LABEL_THEN_CAPITAL_RE, LEAD_START_RE, OPEN_END_RE, OTHER_LABEL_RE, PARA_LABEL_RE,
                                clause_end, hyphen_evidence, opens_with_lead, other_label, paragraphs_spaced,
                                real_compound, text_language)


def join_lines(left: str, right: str, drop_hyphen: bool = False,
               evidence: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())) -> str:
    """Join a wrapped line to the next, mending words broken at the line end.  A line-end
    hyphen is kept ("multi-" / "stakeholder"): the UN's born-digital documents are not
    hyphenated by the typesetter, so it is a compound's own.  ``drop_hyphen`` (a scan's OCR
    text, whose printer did hyphenate: "Govern-" / "ment") drops it, unless the compound is
    one (see ``real_compound``)."""
    if left.endswith(" -"):
        return left[:-2] + "-" + right
    if left.endswith("-") and not left.endswith("--") and right[:1].islower():
        if drop_hyphen and re.search(r"[a-z]{2}-$", left) and not real_compound(left, right, evidence):
            return left[:-1] + right
        return left + right
    if _CJK_RE.match(left[-1:]) and _CJK_RE.match(right[:1]):
        return left + right      # Chinese puts no space between words: a wrapped line goes straight on
    return left + " " + right


#: A Chinese character or full-width punctuation mark ("，", "；", "。", "《").
_CJK_RE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


#: Runs of spaces and tabs that are not already a single space (those are left as they are).
_BLANKS_RE = re.compile(r"[ \t]{2,}|\t")


def reflow(lines: list[str], drop_hyphen: bool = False) -> list[str]:
    """Hard-wrapped lines -> one paragraph per line."""
    widths = sorted(len(ln.strip()) for ln in lines if ln.strip())
    # The width of a filled line, among the long lines only: the masthead's and the one-line
    # paragraphs' short lines may be most of a short document's.
    widths = [w for w in widths if w >= widths[-1] / 2] if widths else widths
    full = widths[int(len(widths) * 0.8)] if widths else 80
    if _blank_separated(lines):
        full = 0      # a line's length tells nothing there: only a lead or a label opens a paragraph
    language = text_language(lines)
    evidence = hyphen_evidence(lines) if drop_hyphen else (frozenset(), frozenset())
    paragraphs: list[str] = []
    current: str | None = None
    prev_len = 0
    head = True       # before the first enacting formula: the masthead, one item a line
    # No blank line between paragraphs (pdftotext without -layout, PyMuPDF, a copy from a viewer):
    # only the rules of print tell where a paragraph starts.
    tight = bool(full) and not paragraphs_spaced(lines)
    for raw in lines:
        line = _BLANKS_RE.sub(" ", raw).strip()
        if not line:
            if current is not None and not LABEL_ONLY_RE.match(current):
                paragraphs.append(current)     # a label alone ("1.") waits for its text
                current = None
            continue
        if current is None:
            current, prev_len = line, len(line)
            continue
        if LABEL_ONLY_RE.match(current):
            current, prev_len = current + " " + line, len(line)
            continue
        head = head and not _is_formula(current)
        if _starts_paragraph(current, line, prev_len, full, language, tight) \
                or (tight and head and _head_break(current, prev_len, full) and not line.startswith("(")):
            paragraphs.append(current)
            current = line
        else:
            current = join_lines(current, line, drop_hyphen, evidence)
        prev_len = len(line)
    if current is not None:
        paragraphs.append(current)
    return _mend_page_breaks(paragraphs)


def _blank_separated(lines: list[str]) -> bool:
    """Whether blank lines separate the paragraphs, each a line or two (PyMuPDF's block
    output): most text lines are followed by a blank line."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 8:
        return False
    before_blank = sum(1 for i in filled if i + 1 < len(lines) and not lines[i + 1].strip())
    return before_blank >= 0.6 * len(filled)


_MARKER_END_RE = re.compile(r"[.;:,”)]\s?\d{1,3}$")
#: A meeting line opens ("40th plenary meeting", "50th (resumed) plenary meeting"): the parser's words.
_MEETING_LINE_RE = re.compile(rf"^\d{{1,5}}{ORDINAL_SUFFIX}\.?\s+{MEETING_WORDS}\b")


def _starts_paragraph(current: str, line: str, prev_len: int, full: int, language: str = "en",
                      tight: bool = False) -> bool:
    """Whether ``line`` opens a new paragraph after the open paragraph ``current`` (its last line
    ``prev_len`` long, ``full`` the width of a filled line, 0 when unknown; ``tight``: no blank
    line separates the paragraphs, so a lead, a short line or a heading must tell)."""
    if _is_formula(current) or _is_formula(line) or _is_meeting_line(line) \
            or _is_number_line(line) or _is_meeting_line(current) or FULL_DATE_RE.match(current):
        return True       # the trailer's meeting and date lines stand alone
    if tight and ADOPTS_FOLLOWING_RE.search(current) and line[:1].isupper():
        return True       # "Adopts the following declaration:" then the declaration's title
    if line.startswith("[") and current.rstrip()[-1:] not in ("(", "["):
        return True
    first = line[:1]
    ends = clause_end(current)
    # Chinese wraps between any two characters: its lines are filled to the width but for the last.
    short = prev_len < full * (0.9 if tight and language == "zh" else 0.75)
    if PARA_LABEL_RE.match(line) or other_label(line, language):
        # "... for 2017/18; 4" then "2. Also welcomes": a footnote marker after the final punctuation.
        # Without blank lines, a label before a capital opens a paragraph after a heading too
        # ("(a) Security, stabilization and protection of civilians" / "(i) In support of ...");
        # a cross-reference goes on in lower case ("paragraph 4" / "(a) above").
        return bool(ends) or short or current.endswith(("and", "or")) or bool(_MARKER_END_RE.search(current)) \
            or (tight and bool(LABEL_THEN_CAPITAL_RE.match(line)) and not DATE_START_RE.match(line))
    if ends and tight and opens_with_lead(line, language):
        # A lead in italics in print ("Recalling", "Decides", "Rappelant", "ссылаясь на", "وإذ تؤكد")
        # right after a line that ends a clause: the next paragraph, however long that line is.
        return True
    if tight and ends and _is_heading(line, full, language) and len(line) < full * 0.75 and first.isupper():
        return True       # a heading after a paragraph ("National reconciliation and social cohesion", "Annex I")
    if ends in ".;:" and ends and (FULL_DATE_RE.match(line) or FOOTNOTE_START_RE.match(line)):
        return True       # the trailer's date ("21 July 2020"), a footnote ("2 See A/75/3.") after the body
    caseless = first.isalpha() and not first.isupper() and not first.islower()   # Arabic, Chinese
    if not (first.isupper() or first.isdigit() or first in "[(“\"" or caseless):
        return False
    if ends in ".;:" and ends:
        return short or bool(LEAD_START_RE.match(line))
    if ends == ",":
        # Lines are filled to the width: a short one ending with a comma ends its paragraph
        # (or a list item: "International peace and security,").
        return (tight and short) or (bool(LEAD_START_RE.match(line)) and (
            short or not full or bool(re.match(r"^[A-Z][a-z]+ing\b|^Having\b", line))))
    # A short line with no final mark is a heading ("Annex I", "National reconciliation"), or the
    # last line of one: the next line, opening in upper case, opens the next paragraph.
    return tight and short and not ends and (first.isupper() or caseless) and _is_heading(current, full, language)


def _is_heading(current: str, full: int, language: str = "en") -> bool:
    """A paragraph with no final mark whose lines are short or few, no label, no lead: a heading
    or a title (a body paragraph cut by a page break goes on a filled line)."""
    return len(current) < 3 * full and not clause_end(current) and not PARA_LABEL_RE.match(current) \
        and not OTHER_LABEL_RE.match(current) and not LEAD_START_RE.match(current) \
        and not opens_with_lead(current, language)


def _is_meeting_line(line: str) -> bool:
    """The trailer's meeting line in any language ("46th plenary meeting", "40‑е пленарное
    заседание 14 ноября 2025 года", "الجلسة العامة 40"), alone on its line."""
    return bool(_MEETING_LINE_RE.match(line) or (len(line) < 80 and MEETING_RE.match(line)))


def _is_formula(line: str) -> bool:
    """The enacting formula, in any language ("The General Assembly,", "Le Conseil des droits
    de l’homme,", "إن مجلس حقوق الإنسان،")."""
    return bool(ENACTING_RE.match(line) or (len(line) < 80 and FORMULA_RE.match(line)))


def _head_break(current: str, prev_len: int, full: int) -> bool:
    """In the masthead (before the enacting formula) every item stands on a line of its own
    ("United Nations", "E/RES/2021/1", "Distr.: General"): a short line ends its item whatever
    its last mark; only a long title wraps over lines filled to the width.  (A line opening with
    "(" is left to the rules of the body: the OCR of a bracketed draft symbol, "(S/1588]", goes
    on the number line, where the header reads it.)"""
    return bool(full) and prev_len < full * 0.75 and not OPEN_END_RE.search(current)


def _is_number_line(line: str) -> bool:
    """The resolution's number and title ("52/1. Cooperation with Georgia", "3369 (XXX). ..."):
    its own line, whatever ends the line before (an HRC header ends on the adoption date).
    Arabic prints no full stop after the number ("57/10 البرنامج العالمي ...")."""
    return line[:1].isdigit() and ("." in line[:16] or bool(_ARABIC_AFTER_NUMBER_RE.match(line))) \
        and bool(NUMBER_LINE_RE.match(line))


_ARABIC_AFTER_NUMBER_RE = re.compile(r"[\d/ ()A-Z-]{1,16} [\u0621-\u064a]")


def _opens_lowercase(para: str) -> bool:
    """A paragraph that opens in lower case by itself: a sub-paragraph "b)", or a Russian or German
    preambular paragraph ("ссылаясь на ...", "unter Hinweis auf ...")."""
    return bool(SUB_LABEL_RE.match(para) or LOWERCASE_LEAD_RE.match(para))


def _mend_page_breaks(paragraphs: list[str]) -> list[str]:
    """A paragraph cut by a page break continues in lower case: join it back (unless the
    paragraph before ended a sentence or a clause: "...", ";", ":").  A body paragraph
    that stops on a bare word ("... and the Final") goes on in the next paragraph whatever
    its case ("Documents of the 2000 ..."), unless that one opens a paragraph itself."""
    out: list[str] = []
    for para in paragraphs:
        digits = (para[:1].isdigit() and not PARA_LABEL_RE.match(para) and not _MEETING_LINE_RE.match(para)
                  and not FOOTNOTE_START_RE.match(para) and not _is_number_line(para))
        ends = out[-1][-1:] if out else ""
        continues = (para[:1].islower() and ends not in ".;:" and not _opens_lowercase(para)) \
            or (digits and (ends.isalnum() or ends in ",-"))
        if out and (continues or _cut_short(out[-1], para)) \
                and not PARA_LABEL_RE.match(para) and not ENACTING_RE.match(out[-1]) and not FORMULA_RE.match(out[-1]):
            out[-1] = join_lines(out[-1], para)
        else:
            out.append(para)
    return out


def _cut_short(previous: str, para: str) -> bool:
    """Whether ``previous``, a long body paragraph (it opens with a label or a lead), was cut
    in the middle of a phrase and ``para`` (not a new paragraph's start) goes on with it."""
    return (len(previous) > 150 and previous[-1:].isalpha() and para[:1].isupper()
            and bool(PARA_LABEL_RE.match(previous) or LEAD_START_RE.match(previous))
            and not (LEAD_START_RE.match(para) or ENACTING_RE.match(para) or _MEETING_LINE_RE.match(para)))
