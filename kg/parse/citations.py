"""Citations: every resolution, decision and document a paragraph or footnote cites.

Two kinds of mention are recognised:

* full symbols anywhere in the text (``A/65/382-S/2010/490`` is one joint
  citation with two symbols, ``S/PRST/2010/1``, ``A/CONF.151/26``);
* numbers after the words *resolution(s)* / *decision(s)*, in lists with
  dates ("its resolutions 37/4 of 22 October 1982, 38/4 of 28 October
  1983, ... and 63/114 of 5 December 2008" is 24 citations, each with its
  date).  The organ of a bare number comes from the words before it
  ("Security Council resolution", "its resolution"), from its form
  ("1325 (2000)" is the Security Council, "3369 (XXX)" the General
  Assembly) or from the citing document's own organ.

Resolutions of bodies outside the four organs ("World Health Assembly
resolution 69.2", "Executive Board decision 2018/5") are not UN symbols and
are left out.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator

from kg.model import Citation, Span
from kg.parse.patterns import DATE, finditer_at, iso_date
from kg.symbols import canonical, find_symbols, organ_of_number

_NUMBER = (r"(?:(?:ES|S)-\d{1,2}/\d{1,3}|\d{1,4}/\d{1,4}(?:/\d{1,3})?|"
           r"\d{1,4}(?:\s?[A-L])?\s?\((?:[IVXLC]{1,7}|\d{4}|ES-[IVXL]+|S-[IVXL]+)\))")
#: "217 A (III)": the part letter printed before a Roman session; the UN's own links
#: (undocs.org/A/RES/217(III)) cite the document, whose symbol has no letter.
_LETTER_BEFORE_SESSION = re.compile(r"^(\d{1,4})\s?[A-L]\s?(?=\([IVXLC]+\)$)")
#: A part letter ends the word, or is glued to the next table cell ("71/272 BIncrease", ODS text).
_LETTER = r"[A-L](?![a-z\d/]|[A-Z](?![a-z]))"
_PARTS = rf"(?:\s?{_LETTER}(?:\s?(?:,\s?|\s?and\s|\s?to\s|\s?-\s?)\s?{_LETTER})*)?"
PARTS_RE = re.compile(_PARTS)
ITEM_RE = re.compile(rf"(?P<number>{_NUMBER})(?P<parts>{_PARTS})(?:\s?,?\s+of\s+(?P<date>{DATE}))?")
# (?=[RrDd]): the engine skips every position that cannot start a match at once (the same matches)
KEYWORD_RE = re.compile(r"(?=[RrDd])\b(?P<kw>[Rr]esolutions?|[Dd]ecisions?|RESOLUTIONS?)\s+(?=(?:ES-|S-)?\d)")
#: The letters every ``KEYWORD_RE`` match holds, and how far after its start ("[Rr]esolution").
_KEYWORD_WORDS = (("esolution", 1), ("ecision", 1), ("RESOLUTION", 0))


def keywords(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches of ``KEYWORD_RE`` in ``text[start:end]``, tried only where its words stand."""
    return finditer_at(KEYWORD_RE, text, start, end, _KEYWORD_WORDS)


SEPARATOR_RE = re.compile(r"\s?(?:,\s?(?:and\s|as\s+well\s+as\s)?|\s?and\s|\s?to\s|\s?as\s+well\s+as\s|\s?or\s)\s*")
_SENTENCE_END = re.compile(r";|\.\s")
_POSSESSIVE = ("its", "their")
DOC_KIND = {"RES": "resolution", "DEC": "decision", "PV": "meeting-record", "SR": "meeting-record",
            "PRST": "presidential-statement"}


def symbol_kind(symbol: str) -> str:
    parts = symbol.replace("-", "/").split("/")
    for part in parts:
        key = part.split(" ")[0]
        if key in DOC_KIND:
            return DOC_KIND[key]
        if key.startswith(("PV.", "SR.")):
            return "meeting-record"
        if key.startswith("L."):
            return "draft"
    return "document"


_KNOWN_ORGANS = ("General Assembly", "Security Council", "Economic and Social Council", "Human Rights Council",
                 "Commission on Human Rights")
_BODY_WORDS = ("Assembly", "Council", "Commission", "Board", "Conference", "Committee", "Organization", "Meeting",
               "Parties")


def _qualifier(before: str) -> tuple[str | None, str | None]:
    """The organ words just before "resolution": ("Security Council", None), ("Council", "Health ") ..."""
    words = before.replace("’s", "").replace("'s", "").split()
    if not words:
        return None, None
    tail = " ".join(words[-5:])
    for name in _KNOWN_ORGANS:
        if tail.endswith(name):
            return name, None
    last = words[-1]
    if last in _BODY_WORDS:
        prev = words[-2] if len(words) > 1 else ""
        lead = prev + " " if prev[:1].isupper() else None
        return last, lead
    return last, None


_OF_DATE_RE = re.compile(rf"\s?,?\s+of\s+{DATE}")
_YEAR_LIKE_RE = re.compile(r"(?:19[4-9]\d|20\d\d)/")
_SPACES_RE = re.compile(r"\s+")


def _organ_for(number: str, qualifier: str | None, lead: str | None, context: str, decision: bool,
               nearby: str = "") -> str | None:
    """The organ that adopted resolution/decision ``number`` cited with ``qualifier`` before it
    (``nearby``: the text just before the keyword)."""
    by_form = organ_of_number(number)
    year_like = bool(_YEAR_LIKE_RE.match(number))
    q = _SPACES_RE.sub(" ", qualifier or "")
    if q == "General Assembly" or (q == "Assembly" and not lead):
        return "GA"
    if q == "Security Council":
        return "SC"
    if q == "Economic and Social Council":
        return "ECOSOC"
    if q == "Human Rights Council":
        return "HRC"
    if q == "Commission on Human Rights":
        return "CHR"
    if q.endswith(("Assembly", "Council", "Commission", "Board", "Conference", "Committee", "Organization",
                   "Meeting", "Parties")):
        if q == "Council" and not lead:
            if by_form:
                return by_form
            if context in ("SC", "HRC", "ECOSOC"):
                return context
            return "ECOSOC" if year_like else "HRC"
        return None  # another body's resolution: not a UN symbol
    if by_form:
        return by_form
    if context == "GA":
        if year_like:
            return "ECOSOC"
        first = number.split("/")[0]
        if first.isdigit() and int(first) < 31:
            # "Human Rights Council resolution 5/1 and resolution 5/2"; never a bare
            # "document CBD/COP/15/17, decision 15/4" of another body.
            return "HRC" if "Human Rights Council" in nearby else None
    if context == "SC" and not decision:
        return "GA" if "/" in number else "SC"
    if context == "HRC" and not decision and _beyond_council_session(number):
        return "GA"    # "the General Assembly in its resolution 66/137": no Council session has 137
    return context


def _beyond_council_session(number: str) -> bool:
    """A session/number the Human Rights Council never reaches (it adopts well under 100
    resolutions a session), so a General Assembly resolution ("60/251")."""
    parts = number.split("/")
    return len(parts) == 2 and parts[1].isdigit() and int(parts[1]) >= 100


def _symbol_for(number: str, parts: str, organ: str, decision: bool) -> list[str]:
    number = _SPACES_RE.sub(" ", number).strip()
    prefix = {
        ("GA", False): "A/RES/", ("SC", False): "S/RES/", ("ECOSOC", False): "E/RES/", ("HRC", False): "A/HRC/RES/",
        ("CHR", False): "E/CN.4/RES/", ("GA", True): "A/DEC/", ("ECOSOC", True): "E/DEC/", ("HRC", True): "A/HRC/DEC/",
        ("CHR", True): "E/CN.4/DEC/",
    }.get((organ, decision))
    if prefix is None:
        return []
    letters = _part_letters(parts)
    try:
        if not letters:
            return [canonical(prefix + number)]
        return [canonical(f"{prefix}{number} {letter}") for letter in letters]
    except ValueError:
        return []


def part_letters_at(text: str, pos: int) -> tuple[list[str], int]:
    """The part letters printed at ``pos`` (" B", " A and C", " A-C") and where they end;
    ``([], pos)`` when none.  The AKN reader uses it after a link that names only the number."""
    m = PARTS_RE.match(text, pos)
    if not m or not m.group(0).strip():
        return [], pos
    return _part_letters(m.group(0)), pos + len(m.group(0).rstrip())


def _part_letters(parts: str) -> list[str]:
    parts = parts.strip()
    if not parts:
        return []
    letters = re.findall(r"[A-L]", parts)
    if re.search(r"\bto\b|-", parts) and len(letters) == 2:
        return [chr(c) for c in range(ord(letters[0]), ord(letters[1]) + 1)]
    return letters


def _numbered_citations(text: str, start: int, end: int, context: str, key: str | None) -> list[Citation]:
    """"resolution(s) N" mentions; a bare "resolution N" after an organ's citation in the same
    sentence is that organ's (the number's form still decides), as the translations read it."""
    found: list[Citation] = []
    carried: str | None = None                          # the organ of the last qualified citation
    last = start
    for kw in keywords(text, start, end):
        if _SENTENCE_END.search(text, last, kw.start()):
            carried = None                              # a new sentence forgets the last organ named
        last = kw.start()
        decision = kw.group("kw").lower().startswith("decision")
        qualifier, lead = _qualifier(text[max(start, kw.start() - 60):kw.start()])
        nearby = text[max(start, kw.start() - 250):kw.start()]
        use_carried = None
        if qualifier in _KNOWN_ORGANS:
            carried = qualifier
        elif carried and (qualifier is None or (qualifier[:1].islower() and qualifier not in _POSSESSIVE)):
            use_carried = carried                       # "General Assembly resolution 59/113 A ..., and resolution 60/251"
        pos = kw.end()
        first = True
        while True:
            item = ITEM_RE.match(text, pos, end)
            if not item or (not first and not item.group("number")):
                break
            number, parts = item.group("number"), item.group("parts") or ""
            number = _LETTER_BEFORE_SESSION.sub(r"\1 ", number)
            if use_carried:                             # the number's own form still decides ("1325 (2000)")
                organ = organ_of_number(number) or _organ_for(number, use_carried, None, context, decision, nearby)
            else:
                organ = _organ_for(number, qualifier, lead, context, decision, nearby)
            symbols = _symbol_for(number, parts, organ, decision) if organ else []
            date = iso_date(item) if item.group("date") else None
            item_end = item.start("parts") + len(parts.rstrip()) if parts.strip() else item.end("number")
            for symbol in symbols:
                found.append(Citation(symbol=symbol, span=Span(item.start(), item_end),
                                      text=text[item.start():item_end], kind="decision" if decision else "resolution",
                                      date=date, symbols=[symbol], in_paragraph=key))
            pos = item.end()
            sep = SEPARATOR_RE.match(text, pos, end)
            if not sep or not ITEM_RE.match(text, sep.end(), end):
                break
            pos = sep.end()
            first = False
    return found


def find_citations(text: str, start: int, end: int, context: str, key: str | None) -> list[Citation]:
    """Citations in ``text[start:end]``; ``context`` is the citing document's organ (GA, SC, ...)."""
    segment = text[start:end]
    has_keyword = "esolution" in segment or "ecision" in segment or "RESOLUTION" in segment
    citations = _numbered_citations(text, start, end, context, key) if has_keyword else []
    if "/" in segment:                                  # (no symbol without one)
        citations += symbol_citations(text, start, end, key, _OF_DATE_RE, iso_date)
    citations.sort(key=lambda c: c.span.start)
    return citations


def symbol_citations(text: str, start: int, end: int, key: str | None, date_re: re.Pattern[str] | None,
                     to_iso: Callable[[re.Match[str]], str | None]) -> list[Citation]:
    """The full symbols printed in ``text[start:end]`` (``S/PRST/2020/9``, ``A/65/382-S/2010/490``),
    each with the date ``date_re`` finds right after it (the wording of the text's language)."""
    segment = text[start:end]
    if "/" not in segment:
        return []
    found = []
    for s, e, symbol in find_symbols(segment):
        after = date_re.match(segment, e) if date_re is not None else None
        found.append(Citation(symbol=symbol, span=Span(start + s, start + e), text=segment[s:e],
                              kind=symbol_kind(symbol), date=to_iso(after) if after else None,
                              symbols=symbol.split("-") if _is_joint(symbol) else [symbol], in_paragraph=key))
    return found


def _is_joint(symbol: str) -> bool:
    return bool(re.search(r"-(?=(?:A|S|E|ST|T|TD|UNEP|DP)/)", symbol))


#: "A/RES/47/54", "A/RES/47/54 A-F": a resolution or decision with a session/number, whole or a range of parts.
_WHOLE_NUMBER_RE = re.compile(r"^(?P<base>[A-Z]+(?:/[A-Z.\d]+)*/(?:RES|DEC)/(?:[A-Z]+-)?\d+/\d+)(?: [A-L](?:-[A-L])?)?$")


#: Part letters as the Arabic texts print them, by their names in abjad order ("75/290 ألف").
_ARABIC_PARTS = {name: chr(ord("A") + i) for i, name in enumerate(
    ("ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء", "كاف", "لام"))}
_ARABIC_PART_RE = re.compile(r"\s?(" + "|".join(_ARABIC_PARTS) + r")(?!\w)")


def printed_parts(text: str, symbol: str, span: Span) -> list[tuple[str, Span]]:
    """The parts a link cites as printed: the UN links "47/54" to the whole A/RES/47/54 A-F but
    prints "47/54 B", so the citation is A/RES/47/54 B, as the text parser reads it; the link
    itself when no part letter follows it."""
    m = _WHOLE_NUMBER_RE.match(symbol)
    if not m:
        return [(symbol, span)]
    letters, end = part_letters_at(text, span.end)
    arabic = _ARABIC_PART_RE.match(text, span.end) if not letters else None
    if arabic:
        letters, end = [_ARABIC_PARTS[arabic.group(1)]], arabic.end()
    if not letters:
        return [(symbol, span)]
    out = []
    for letter in letters:
        try:
            out.append((canonical(f"{m.group('base')} {letter}"), Span(span.start, end)))
        except ValueError:
            return [(symbol, span)]
    return out
