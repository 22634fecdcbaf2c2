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
from kg.symbols import SYMBOL_RE

PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")
JOB_LINE_RE = re.compile(r"^\s*\d{2}-\d{5}\s*(?:\([A-Z]\))?\s*(?:\d{6})?\s*(?:\d{1,3}\s*/\s*\d{1,3})?\s*$")
BARCODE_RE = re.compile(r"^\s*\*\s?\d{6,9}\s?\*\s*$")
DATE_STAMP_RE = re.compile(r"^\s*\d{6}\s*$")
FOOTNOTE_RULE_RE = re.compile(r"^\s*_{5,}\s*$")
FOOTNOTE_START_RE = re.compile(r"^\s*(\d{1,3})\s+\S")
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
    for i in nonblank:
        if i > first_body and not drop[i] and _is_running_title(compact[i], titles):
            drop[i] = True
    return drop


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
            continue
        (notes if in_notes else body).append(line.replace("\f", ""))
    return body, notes


_LOOSE_NOTE_RE = re.compile(r"^\s*(\d{1,3})\s+(?!(?:January|February|March|April|May|June|July|August|September|"
                            r"October|November|December)\b)(\S.*)$")


def _loose_footnotes(lines: list[str]) -> tuple[list[str], list[str]]:
    """Footnotes printed without their rule, as blocks of their own between body
    paragraphs (raw PyMuPDF output): "1 A/54/298." after a page's last paragraph.
    A block counts as footnote n when it starts with the next number n and the body
    before it carries the marker n glued to a word ("expenditures,3")."""
    body: list[str] = []
    notes: list[str] = []
    expected, in_note, started = 1, False, False
    text_so_far: list[str] = []
    for i, line in enumerate(lines):
        if not line.strip():
            in_note = False
            body.append(line)
            continue
        started = started or bool(ENACTING_RE.match(line.strip()))
        block_start = i == 0 or not lines[i - 1].strip()
        m = _LOOSE_NOTE_RE.match(line) if started and block_start else None
        if m and int(m.group(1)) == expected and re.search(
                rf"[^\s\d]{expected}(?![\d/])", " ".join(text_so_far)):
            notes.append(line)
            expected, in_note = expected + 1, True
            continue
        if in_note:
            notes[-1] += " " + line.strip()
            continue
        body.append(line)
        text_so_far.append(line)
    return (body, notes) if notes else (lines, [])


def _join_footnotes(notes: list[str]) -> list[str]:
    """Footnote lines -> one line per footnote ("3 Ibid., sect. II.")."""
    out: list[str] = []
    expected = 1
    for raw in notes:
        line = re.sub(r"\s+", " ", raw).strip()
        if not line:
            continue
        m = FOOTNOTE_START_RE.match(line)
        if m and int(m.group(1)) >= expected and int(m.group(1)) <= expected + 2:
            out.append(line)
            expected = int(m.group(1)) + 1
        elif out:
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
    return out


def _join(left: str, right: str, drop_hyphen: bool = False) -> str:
    """Join a wrapped line to the next, mending words broken at the line end."""
    if left.endswith(" -"):
        return left[:-2] + "-" + right
    if left.endswith("-") and not left.endswith("--") and right[:1].islower():
        if drop_hyphen and re.search(r"[a-z]{2}-$", left):
            return left[:-1] + right
        return left + right
    return left + " " + right


#: Runs of spaces and tabs that are not already a single space (those are left as they are).
_BLANKS_RE = re.compile(r"[ \t]{2,}|\t")


def reflow(lines: list[str], drop_hyphen: bool = False) -> list[str]:
    """Hard-wrapped lines -> one paragraph per line."""
    widths = sorted(len(ln.strip()) for ln in lines if ln.strip())
    full = widths[int(len(widths) * 0.8)] if widths else 80
    paragraphs: list[str] = []
    current: str | None = None
    prev_len = 0
    for raw in lines:
        line = _BLANKS_RE.sub(" ", raw).strip()
        if not line:
            if current is not None:
                paragraphs.append(current)
                current = None
            continue
        if current is None:
            current, prev_len = line, len(line)
            continue
        if LABEL_ONLY_RE.match(current):
            current, prev_len = current + " " + line, len(line)
            continue
        if _starts_paragraph(current, line, prev_len, full):
            paragraphs.append(current)
            current = line
        else:
            current = _join(current, line, drop_hyphen)
        prev_len = len(line)
    if current is not None:
        paragraphs.append(current)
    return _mend_page_breaks(paragraphs)


_MARKER_END_RE = re.compile(r"[.;:,”)]\s?\d{1,3}$")
_MEETING_LINE_RE = re.compile(r"^\d{1,5}(?:st|nd|rd|th|d)\s+(?:plenary\s+)?meeting\b")


def _starts_paragraph(current: str, line: str, prev_len: int, full: int) -> bool:
    if ENACTING_RE.match(current) or ENACTING_RE.match(line) or _MEETING_LINE_RE.match(line):
        return True
    if line.startswith("[") and current.rstrip()[-1:] not in ("(", "["):
        return True
    first = line[:1]
    ends = current.rstrip()[-1:]
    short = prev_len < full * 0.75
    if PARA_LABEL_RE.match(line):
        # "... for 2017/18; 4" then "2. Also welcomes": a footnote marker after the final punctuation.
        return ends in ".;:," or short or current.endswith(("and", "or")) or bool(_MARKER_END_RE.search(current))
    if not (first.isupper() or first.isdigit() or first in "[(“\""):
        return False
    if ends in ".;:":
        return short or bool(LEAD_START_RE.match(line))
    if ends == ",":
        return bool(LEAD_START_RE.match(line)) and (short or bool(re.match(r"^[A-Z][a-z]+ing\b|^Having\b", line)))
    return False


def _mend_page_breaks(paragraphs: list[str]) -> list[str]:
    """A paragraph cut by a page break continues in lower case: join it back."""
    out: list[str] = []
    for para in paragraphs:
        continues = para[:1].islower() or (para[:1].isdigit() and not PARA_LABEL_RE.match(para)
                                           and not _MEETING_LINE_RE.match(para) and not FOOTNOTE_START_RE.match(para))
        if out and continues and (out[-1][-1:].isalnum() or out[-1][-1:] in ",-") and not PARA_LABEL_RE.match(para) \
                and not ENACTING_RE.match(out[-1]):
            out[-1] = _join(out[-1], para)
        else:
            out.append(para)
    return out


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
    if not notes:
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
    return lengths[int(len(lengths) * 0.9)] < 130 and lengths[len(lengths) // 2] > 25
