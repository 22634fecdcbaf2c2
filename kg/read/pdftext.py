"""Clean text extracted from the UN's print PDFs (pdftotext, PyMuPDF, pypdf).

Print PDFs interleave the resolution with page furniture: the document
symbol and a running title at the top of each page, a page number ("3/10"),
the job number ("18-16895 (E) 241018") and a barcode ("*1816895*") at the
bottom, form feeds between pages, and footnotes at the foot of the page they
belong to.  ``clean_pdf_text`` removes the furniture, moves footnote blocks to
the end (after one separator line, as in ODS text), rejoins words broken over
lines and reflows hard-wrapped lines into one paragraph per line, which is the
layout the parser reads.
"""
from __future__ import annotations

import re
from kg.parse.footnotes import marker_spots
from kg.parse.patterns import ENACTING_RE as FORMULA_RE
from kg.parse.patterns import LOWERCASE_LEAD_RE, MEETING_RE, MEETING_WORDS, NUMBER_LINE_RE, ORDINAL_SUFFIX, SUB_LABEL_RE
from kg.parse.structure import ADOPTS_FOLLOWING_RE
from kg.read.printsigns import (DATE_START_RE, FULL_DATE_RE, LABEL_THEN_CAPITAL_RE, OPEN_END_RE, OTHER_LABEL_RE,
                                clause_end, hyphen_evidence, opens_with_lead, other_label, paragraphs_spaced,
                                real_compound, text_language)
from kg.symbols import SYMBOL_RE

PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")
JOB_LINE_RE = re.compile(r"^\s*\d{2}-\d{5}\s*(?:\([A-Z]\))?\s*(?:\d{6})?\s*(?:\d{1,3}\s*/\s*\d{1,3})?\s*$")
BARCODE_RE = re.compile(r"^\s*\*\s?\d{6,9}\s?\*\s*$")
DATE_STAMP_RE = re.compile(r"^\s*\d{6}\s*$")
FOOTNOTE_RULE_RE = re.compile(r"^\s*_{5,}\s*$")
FOOTNOTE_START_RE = re.compile(r"^\s*(\d{1,3})\s+\S")
FOOTNOTE_NUMBER_RE = re.compile(r"^\s*(\d{1,3})\s*$")
#: Stands between the footnote blocks of two pages in the footnote lines.
PAGE_MARK = "\f"
LABEL_ONLY_RE = re.compile(r"^\s*(?:\d{1,3}\s?\.|\((?:[a-z]{1,3}|[ivxlc]{1,6})\))\s*$")
PARA_LABEL_RE = re.compile(r"^(?:\d{1,3}\.\s|\d{1,3}\.$|\((?:[a-z]{1,3}|[ivxlc]{1,6})\)\s|\[)")
ENACTING_RE = re.compile(r"^(?:The|L[a’']|La|El|Le)\s.{0,60}(?:Assembly|Council|Assemblée|Conseil|Asamblea|Consejo)\s*,?$")
# Leads that open a new paragraph after a comma-ended line (preambular style).
LEAD_START_RE = re.compile(
    r"^(?:[A-Z][a-z]+ing\b|Having\b|(?:Deeply|Gravely|Seriously|Further|Also|Strongly|Firmly|Fully|Again)\s+[a-z]+|"
    r"(?:Aware|Mindful|Conscious|Convinced|Concerned|Alarmed|Cognizant|Determined|Desirous|Guided|Encouraged|"
    r"Reaffirming|Noting|Recalling|Welcoming|Recognizing|Stressing|Emphasizing|Acknowledging|Underlining|Expressing|"
    r"Taking|Bearing|Affirming|Considering|Reiterating|Regretting|Deploring|Condemning|Appreciating|Commending|"
    r"Noting|Observing|Believing|Highlighting|Underscoring|Disturbed|Dismayed|Appalled|Outraged|Saddened|Shocked|"
    r"Persuaded|Resolved|Satisfied|Pleased|Confident|Reaffirming)\b)")
TERMINAL = (".", ";", ":", ",", "”", "\"", "’", ")")
#: Any of page number, job line, barcode, date stamp (one match instead of four).
_FURNITURE_TOKEN_RE = re.compile("|".join(f"(?:{r.pattern})" for r in (PAGE_NUMBER_RE, JOB_LINE_RE, BARCODE_RE,
                                                                       DATE_STAMP_RE)))


def _is_furniture(line: str) -> bool:
    if _is_furniture_token(line):
        return True
    tokens = line.split()
    return len(tokens) > 1 and all(_is_furniture_token(t) or t == "(E)" for t in tokens)


def _is_furniture_token(text: str) -> bool:
    return bool(_FURNITURE_TOKEN_RE.match(text))


def _first_symbol(lines: list[str]) -> str | None:
    for line in lines[:40]:
        m = SYMBOL_RE.search(line)
        if m and "/RES/" in m.group(0).replace(" ", ""):
            return re.sub(r"\s+", " ", m.group(0)).strip()
    return None


_GAP_RE = re.compile(r"\s{3,}")


def _strip_furniture_columns(line: str) -> str:
    """``"   1   A/73/85.        2/2   18-18418"`` (pdftotext -layout) -> ``"   1   A/73/85."``."""
    if not _GAP_RE.search(line.strip()):
        return line
    indent = line[:len(line) - len(line.lstrip())]
    columns = _GAP_RE.split(line.strip())
    kept = [c for c in columns if not _is_furniture(c)]
    if len(kept) == len(columns) or not kept:
        return line
    return indent + "   ".join(kept)


def _mark_furniture(lines: list[str], symbol: str | None, extra_titles: list[str] | None = None) -> list[bool]:
    """Which lines are page furniture (symbol, running title, page number, job, barcode)."""
    drop = [False] * len(lines)
    compact = [" ".join(ln.split()) for ln in lines]
    symbol_seen = False
    for i, line in enumerate(compact):
        if not line:
            continue
        if "\f" in lines[i] and line.replace("\f", "").strip() == "":
            drop[i] = True
            continue
        if _is_furniture(line):
            drop[i] = True
            continue
        if symbol and symbol in line:
            rest = line.replace(symbol, "").strip()
            gap = re.search(re.escape(symbol) + r"\s{3,}|\s{3,}" + re.escape(symbol), lines[i])
            if not rest or gap:
                if not symbol_seen and i < 40:
                    symbol_seen = True          # the masthead keeps its symbol
                    continue
                if symbol_seen or gap:
                    drop[i] = True
                    if not rest:
                        continue
            symbol_seen = True
    # Running titles: lines repeated on several pages, or sandwiched between furniture.
    # Only after the first enacting formula: page 1 carries the head, which is never furniture.
    first_body = next((i for i, c in enumerate(compact) if ENACTING_RE.match(c)), len(compact))
    marks = list(drop)
    nonblank = [i for i, c in enumerate(compact) if c]
    for pos, i in enumerate(nonblank):
        if marks[i] or i <= first_body:
            continue
        if compact[i][-1:] in ".;:," or LABEL_ONLY_RE.match(compact[i]):
            continue
        before = nonblank[max(0, pos - 2):pos]
        after = nonblank[pos + 1:pos + 3]
        after_ff = any("\f" in lines[j] for j in range(max(0, i - 3), i + 1))
        sandwiched = bool(before and after and marks[before[-1]] and marks[after[0]])
        if sandwiched or (after_ff and any(marks[j] for j in after)):
            drop[i] = True
    titles = [_words(t) for t in [*(extra_titles or []), _head_title(compact[:first_body])] if t]
    found = [i for i in nonblank if i > first_body and not drop[i] and _is_running_title(compact[i], titles)]
    for run in _runs(found):
        if _set_apart(run, compact, drop):
            for i in run:
                drop[i] = True
    return drop


def _runs(indices: list[int]) -> list[list[int]]:
    """Sorted line indices -> runs of consecutive ones ([3, 4, 9] -> [[3, 4], [9]])."""
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _set_apart(run: list[int], compact: list[str], drop: list[bool]) -> bool:
    """Whether the lines of ``run`` stand apart from the body text, as a running title at the
    top of a page does: a blank line, page furniture or the end of the text above or below
    them.  Words of the title inside a wrapped paragraph, body lines right above and below
    ("... on the assessment of the" / "progress made in the implementation of ..." / "Summit,"),
    are the paragraph's own."""
    before, after = run[0] - 1, run[-1] + 1
    return (before < 0 or not compact[before] or drop[before]
            or after >= len(compact) or not compact[after] or drop[after])


_HEAD_TITLE_RE = re.compile(r"^(?:(?:ES-|S-)?\d{1,4}/\d{1,4}|\d{1,4}\s?\([IVXLC]+\))(?:\s?[A-L](?:-[A-L])?)?\.\s+(\S.*)$")


def _words(text: str) -> list[str]:
    return re.sub(r"[\s:;/]+$", "", text).lower().split()


def _head_title(head: list[str]) -> str | None:
    """The title printed after the resolution number ("80/4. Necessity of ending ..."), with
    the line after it when the title wraps."""
    for i, line in enumerate(head):
        m = _HEAD_TITLE_RE.match(line)
        if m:
            nxt = head[i + 1] if i + 1 < len(head) else ""
            wraps = nxt and not ENACTING_RE.match(nxt) and not nxt.startswith("[")
            return m.group(1) + (" " + nxt if wraps else "")
    return None


def _is_running_title(line: str, titles: list[list[str]]) -> bool:
    """A page's running title: the resolution's title, or a piece of it (it wraps over
    two lines, or is cut), printed alone at the top of a page in the middle of the text."""
    if len(line) < 20 or line[-1:] in ".;:":
        return False
    words = line.lower().split()
    if len(words) < 3:
        return False
    for title in titles:
        for start in range(len(title) - len(words) + 1):
            if title[start:start + len(words)] == words:
                return True
    return False


def _move_footnotes(lines: list[str], drop: list[bool]) -> tuple[list[str], list[str]]:
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


def _loose_footnotes(lines: list[str]) -> tuple[list[str], list[str]]:
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


def _join_footnotes(notes: list[str]) -> list[str]:
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
            out[-1] = _join(out[-1], line)
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
            texts[-1] = _join(texts[-1], line)
        boundary = line.endswith((".", ".”", ".)"))
    carried = len(texts) == len(labels) + 1 and out and not out[-1].endswith(".")
    if len(texts) != len(labels) + carried:
        return False
    if carried:
        out[-1] = _join(out[-1], texts.pop(0))
    out.extend(f"{number} {text}" for number, text in zip(labels, texts))
    return True


def _join(left: str, right: str, drop_hyphen: bool = False,
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
            current = _join(current, line, drop_hyphen, evidence)
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
            out[-1] = _join(out[-1], para)
        else:
            out.append(para)
    return out


def _cut_short(previous: str, para: str) -> bool:
    """Whether ``previous``, a long body paragraph (it opens with a label or a lead), was cut
    in the middle of a phrase and ``para`` (not a new paragraph's start) goes on with it."""
    return (len(previous) > 150 and previous[-1:].isalpha() and para[:1].isupper()
            and bool(PARA_LABEL_RE.match(previous) or LEAD_START_RE.match(previous))
            and not (LEAD_START_RE.match(para) or ENACTING_RE.match(para) or _MEETING_LINE_RE.match(para)))


#: " -" between two lower-case letters (the literal comes first so that the engine can skip to it).
_SPACED_HYPHEN_RE = re.compile(r" -(?<=[a-z] -)(?=[a-z])")


def clean_pdf_text(text: str, symbol: str | None = None, drop_hyphen: bool = False,
                   title: str | None = None) -> str:
    """PDF-extracted text -> the parser's layout (see module docstring).  ``title``: the
    catalogue title when known (front matter), to recognise running titles."""
    text = text.replace("\f", "\n\f")
    lines = text.split("\n")
    symbol = symbol or _first_symbol(lines)
    drop = _mark_furniture(lines, symbol, [title] if title else None)
    lines = [line if dropped else _strip_furniture_columns(line) for line, dropped in zip(lines, drop)]
    body, notes = _move_footnotes(lines, drop)
    if not any(line.strip() for line in notes):
        body, notes = _loose_footnotes(body)
    paragraphs = reflow(body, drop_hyphen)
    out = "\n".join(paragraphs)
    footnotes = _join_footnotes(notes)
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
