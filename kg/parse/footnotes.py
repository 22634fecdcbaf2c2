"""Footnotes: find their texts after the body, their markers in it, and resolve "Ibid.".

The seed glues markers to the text ("Century1", "organizations,2",
"Secretary-General;2"), also to a year ("Destruction of 19721" = 1972 and
marker 1); antiword writes "[1]"; pdftotext sometimes leaves a space
("Development, 1 including").  Markers are searched in order: the
marker of footnote *n* is the first candidate after the marker of *n-1*.
"""
from __future__ import annotations

import bisect
import re

from kg.model import Footnote, FootnoteRef, Span
from kg.parse.patterns import FOOTNOTE_LINE_RE, STOP_LINE_RE, finditer_at

_ABBREVIATION_BEFORE_DOT = re.compile(r"(?:\b(?:Add|Rev|Corr|Amend|No|Nos|para|paras|vol|sect|chap|art|arts|p|pp|L|PV|SR|Sales|op|cit|Suppl|E|A|S)|[A-Z]|\d)\.$")


def find_footnote_block(text: str, lines: list[tuple[int, int]], first: int, last: int) -> tuple[int, int, list[Footnote]]:
    """The footnote lines among ``lines[first:last]``: (first line index, end line index, footnotes).

    Footnotes are the longest run of lines numbered 1, 2, 3 ... (blank lines
    allowed between them); when there is none, ``(last, last, [])``.
    """
    starts = []
    for idx in range(first, last):
        s, e = lines[idx]
        if text[s:e].lstrip()[:1] in "1[":
            m = FOOTNOTE_LINE_RE.match(text, s, e)
            if m and int(m.group("b") or m.group("n")) == 1:
                starts.append(idx)
    best: tuple[int, int, list[Footnote]] = (last, last, [])
    for idx in starts:
        notes: list[Footnote] = []
        expected, j, end_idx = 1, idx, idx
        blank_before = False
        while j < last:
            s, e = lines[j]
            if s == e or not text[s:e].strip():
                blank_before = True
                j += 1
                continue
            m = FOOTNOTE_LINE_RE.match(text, s, e)
            if not m or int(m.group("b") or m.group("n")) != expected:
                if notes and not m and not blank_before and not STOP_LINE_RE.match(text, s, e):
                    # A footnote wrapped onto the next line (antiword, PDF text).
                    note = notes[-1]
                    end = e - (len(text[s:e]) - len(text[s:e].rstrip()))
                    note.span = Span(note.span.start, end)
                    note.text = text[note.span.start:end]
                    j += 1
                    end_idx = j
                    continue
                break
            body = m.group("text").rstrip()
            notes.append(Footnote(number=expected, text=body, span=Span(m.start("text"), m.start("text") + len(body))))
            expected += 1
            j += 1
            end_idx = j
            blank_before = False
        if len(notes) >= len(best[2]):
            best = (idx, end_idx, notes)
    return best


#: "[n]", or n standing alone (no digit or "/" around it) before a space or punctuation.  The check of
#: the character before comes after the first digit (the engine skips to digits), so the digits inside
#: a longer number or a symbol ("2017", "70/1"), which ``_is_marker`` would refuse, are never matched.
_NUMBER_RE = re.compile(r"\[\d{1,3}\]|\d(?<![\d/]\d)\d{0,2}(?=[ \t\n,;:.)”’\"\]]|$)")
_GLUED_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz)]”’\"',;:.%")
_SPACED_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz,;:.)”’\"")
_AFTER = frozenset(" \t\n,;:.)”’\"]")
#: "the Court, 5 and calls": a comma after a word, then the marker, then "and" (not "paragraphs 4, 5 and 6").
_AFTER_WORD_COMMA_RE = re.compile(r"[a-z)], \d{1,3} and ")
#: A year or a symbol before the comma: "in 1979,1", "resolution 79/16,2" (markers, not "1,000").
_YEAR_BEFORE_RE = re.compile(r"(?:(?<!\d)(?:1[89]|20)\d\d|/\d{1,4}),$")
_NOT_AFTER_SPACED_RE = re.compile(
    r" ?(?:January|February|March|April|May|June|July|August|September|October|November|December|per|to|and|of|years?|\d)")


def _candidates(text: str, start: int, end: int, spaced_ok: bool,
                numbers: set[int] | None = None) -> dict[int, list[tuple[int, int]]]:
    """Possible markers by number: positions of "[n]", glued "n" and (PDF text) spaced " n".

    Only the footnote ``numbers`` are looked for: a few, each with ``str.find`` (far
    faster than a regular expression over every number of the text); many, in one pass."""
    found: dict[int, list[tuple[int, int]]] = {}
    if numbers is None or len(numbers) > 8:
        # Many footnotes: one pass over every number of the text beats one search per footnote.
        for m in _NUMBER_RE.finditer(text, start, end):
            s, e = m.span()
            if text[s] == "[":
                s, e = s + 1, e - 1
            number = int(text[s:e])
            if (numbers is None or number in numbers) and _is_marker(text, s, e, spaced_ok):
                found.setdefault(number, []).append((s, e))
        _year_glued(text, start, end, numbers, found)
        return found
    for number in sorted(numbers):
        token = str(number)
        spots: list[tuple[int, int]] = []
        pos = text.find(token, start, end)
        while pos >= 0:
            s, e = pos, pos + len(token)
            pos = text.find(token, e, end)
            if text[s - 1:s].isdigit() or text[e:e + 1].isdigit():
                continue            # inside a longer number (what _is_marker refuses first, without the call)
            if _is_marker(text, s, e, spaced_ok):
                spots.append((s, e))
        if spots:
            found[number] = spots
    _year_glued(text, start, end, numbers, found)
    return found


#: A year with a marker glued after it: "of 19721 and" (1972, marker 1); not "No. 19721", nor after a
#: digit, "/", "." or ",".  (The character before is checked after the first digit: a pattern that opens
#: with a look-behind is tried at every position, one that opens with its digits lets the engine skip
#: to them.)
_YEAR_GLUED_RE = re.compile(r"(?:1(?<![0-9/.,]1)[89]\d\d|2(?<![0-9/.,]2)0[0-4]\d)([1-9]\d?)(?=[ \t\n,;:.)”’\"\]]|$)")
_CENTURIES = (("18", 0), ("19", 0), ("20", 0))      # how every year the pattern reads opens
_NUMBER_SIGN_RE = re.compile(r"(?:\bNos?\.|\bvol\.|\bp\.|\bpara\.|\bpp\.|\$|€|£)\s?$")


def _year_glued(text: str, start: int, end: int, numbers: set[int] | None,
                found: dict[int, list[tuple[int, int]]]) -> None:
    """Add the markers glued to a year ("19721") to ``found`` (kept sorted by position)."""
    for m in finditer_at(_YEAR_GLUED_RE, text, start, end, _CENTURIES):
        number = int(m.group(1))
        if (numbers is not None and number not in numbers) or _NUMBER_SIGN_RE.search(text, max(0, m.start() - 8),
                                                                                      m.start()):
            continue
        spots = found.setdefault(number, [])
        bisect.insort(spots, m.span(1))


def marker_spots(text: str, number: int, start: int = 0, end: int | None = None,
                 spaced_ok: bool = True) -> list[tuple[int, int]]:
    """Where the marker of footnote ``number`` may stand in ``text[start:end]`` (glued to a word
    or a year, in brackets, or, with ``spaced_ok``, after a space), in text order."""
    return _candidates(text, start, len(text) if end is None else end, spaced_ok, {number}).get(number, [])


def _is_marker(text: str, s: int, e: int, spaced_ok: bool) -> bool:
    """Whether the digits ``text[s:e]`` stand where a footnote marker can."""
    before = text[s - 1] if s > 0 else "\n"
    after = text[e] if e < len(text) else "\n"
    if before == "[" and after == "]":
        return True
    if before.isdigit() or before == "/" or after.isdigit() or after not in _AFTER:
        return False
    if before in _GLUED_BEFORE:
        if after == "." and text[e + 1:e + 2].isdigit():
            return False
        if before == "." and _ABBREVIATION_BEFORE_DOT.search(text, max(0, s - 8), s):
            return False
        if before in "',\"" and text[s - 2:s - 1].isdigit() and not _YEAR_BEFORE_RE.search(text, max(0, s - 6), s):
            return False  # "1,000", not a marker; "in 1979,1" and "79/16,2" are
        return True
    if before.isupper() and (s < 2 or text[s - 2] in " \t\n"):
        return True  # a part label with its marker: "B1"
    return bool(spaced_ok and before == " " and s > 1 and text[s - 2] in _SPACED_BEFORE
                and after in " \n,;." and (not _NOT_AFTER_SPACED_RE.match(text, e) or _AFTER_WORD_COMMA_RE.match(
                    text, s - 3, e + 5)))


def find_markers(text: str, footnotes: list[Footnote], start: int, end: int, spaced_ok: bool) -> None:
    """Fill ``footnote.refs`` with the marker of each footnote in ``text[start:end]``.

    Markers come in order: the marker of footnote *n* is the first candidate
    after the marker of footnote *n-1*.
    """
    candidates = _candidates(text, start, end, spaced_ok, {note.number for note in footnotes})
    pos = start
    for note in footnotes:
        spots = candidates.get(note.number, [])
        i = bisect.bisect_left(spots, (pos, -1))
        if i < len(spots):
            s, e = spots[i]
            note.refs.append(FootnoteRef(note.number, Span(s, e)))
            pos = e
    _repeated_markers(text, footnotes, start, end)


def _repeated_markers(text: str, footnotes: list[Footnote], start: int, end: int) -> None:
    """A footnote cited a second time ("... report of the Secretary-General;2" in op/1 of the seed).

    Only markers glued after a comma or semicolon, itself after a word or a year, count
    here, to stay clear of numbers that belong to the text.
    """
    numbers = {note.number: note for note in footnotes if note.refs}
    if not numbers:
        return
    taken = {ref.span.start for note in footnotes for ref in note.refs}
    for m in _REPEAT_RE.finditer(text, start, end):
        note = numbers.get(int(m.group(1)))
        if note is None or m.start(1) in taken or m.start(1) < note.refs[0].span.start:
            continue
        if m.start() == 0 or (text[m.start() - 1] not in _REPEAT_BEFORE
                              and not _YEAR_END_RE.search(text, max(0, m.start() - 5), m.start())):
            continue
        note.refs.append(FootnoteRef(note.number, Span(m.start(1), m.end(1))))


_REPEAT_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz)”’")
_REPEAT_RE = re.compile(r"[,;](\d{1,3})(?=\s|$)")
#: A year just before: "for the biennium 2016–2017;1".
_YEAR_END_RE = re.compile(r"(?<!\d)(?:1[89]|20)\d\d$")


#: A footnote marker after a line's final punctuation ("... Agenda;2", "... 2015,[3]").
_TRAILING_MARKER_RE = re.compile(r"(?<=[.,;:)”’\"，；。،؛])\s?(?:\d{1,3}|\[\d{1,3}\])$")


def without_trailing_marker(line: str) -> str:
    """``line`` (one line) without the footnote marker after its final punctuation ("... Agenda;2").
    The marker is at most 6 characters long: searched there only, not from every position."""
    m = _TRAILING_MARKER_RE.search(line, max(0, len(line) - 6))
    return line[:m.start()] + line[m.end():] if m else line


_IBID_RE = re.compile(r"^\s*(?:See\s+)?Ibid\.?", re.I)


def resolve_ibid(footnotes: list[Footnote], first_symbol: dict[int, str]) -> None:
    """``resolved`` for "Ibid." footnotes: the symbol (or source) of the footnote they repeat."""
    previous: str | None = None
    for note in footnotes:
        if _IBID_RE.match(note.text):
            note.resolved = previous
            continue
        symbol = first_symbol.get(note.number)
        if symbol:
            previous = symbol
        else:
            head = re.split(r",|\(|\.\s", note.text, maxsplit=1)[0].strip()
            previous = re.sub(r"^See(?: also)?\s+", "", head) or None
