"""Page furniture of the UN's print PDFs: what is printed on every page but is not the resolution.

A print PDF repeats around the text of each page the document symbol and a running title at the
top, and a page number ("3/10"), the job number ("18-16895 (E) 241018"), a date stamp and a
barcode ("*1816895*") at the bottom; pdftotext -layout may put some of them in a column beside a
body line.  ``mark_furniture`` tells which lines are furniture, so that ``kg.read.pdftext`` drops
them before it reflows the body.  The head of page 1 (masthead, number, title) is never furniture,
and a title's words inside a wrapped paragraph are the paragraph's own: a running title stands
apart (a blank line, furniture or the text's end above or below it).
"""
from __future__ import annotations

import re

from kg.read.printsigns import ENACTING_RE, LABEL_ONLY_RE
from kg.symbols import SYMBOL_RE

PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")
JOB_LINE_RE = re.compile(r"^\s*\d{2}-\d{5}\s*(?:\([A-Z]\))?\s*(?:\d{6})?\s*(?:\d{1,3}\s*/\s*\d{1,3})?\s*$")
BARCODE_RE = re.compile(r"^\s*\*\s?\d{6,9}\s?\*\s*$")
DATE_STAMP_RE = re.compile(r"^\s*\d{6}\s*$")
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


def first_symbol(lines: list[str]) -> str | None:
    for line in lines[:40]:
        m = SYMBOL_RE.search(line)
        if m and "/RES/" in m.group(0).replace(" ", ""):
            return re.sub(r"\s+", " ", m.group(0)).strip()
    return None


_GAP_RE = re.compile(r"\s{3,}")


def strip_furniture_columns(line: str) -> str:
    """``"   1   A/73/85.        2/2   18-18418"`` (pdftotext -layout) -> ``"   1   A/73/85."``."""
    if not _GAP_RE.search(line.strip()):
        return line
    indent = line[:len(line) - len(line.lstrip())]
    columns = _GAP_RE.split(line.strip())
    kept = [c for c in columns if not _is_furniture(c)]
    if len(kept) == len(columns) or not kept:
        return line
    return indent + "   ".join(kept)


def mark_furniture(lines: list[str], symbol: str | None, extra_titles: list[str] | None = None) -> list[bool]:
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
