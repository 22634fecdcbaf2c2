"""Meetings and events named in a text unit, with ordinal, place and dates.

Four shapes cover UN drafting:
  A  "<body> at its third extraordinary session"             (or bare "at its 67th session")
  B  "the sixteenth meeting of the International Contact Group on Somalia"
  C  "the second Alliance of Civilizations Forum", "the Fourth World Conference on Women"
  D  "the general meeting of the organizations ..., held in Istanbul"   (found from "held")
Place and dates are read from what follows ("held in Mecca, Saudi Arabia, on 7 and 8
December 2005", "held on 6 and 7 April 2009 in Istanbul") or, failing that, from what
directly precedes ("in Jeddah, Saudi Arabia, on 17 December 2009, of the sixteenth meeting").
A session or meeting of a principal organ is typed ``meeting``; everything else ``event``.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property
from typing import Iterable, Iterator

from kg.link.dates import DateMatch
from kg.model import Mention, Span
from kg.ordinals import ORDINALS


def _by_first_letter(words: list[str]) -> str:
    """``first|fifth|second`` as ``f(?:irst|ifth)|s(?:econd)``: the same alternation (order kept
    within a letter, and words of other letters cannot match), but the regex engine tries one
    group at a position instead of every word."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())


# The patterns below open with a lookahead on the characters they can start with: the
# engine skips every other position at once (the same matches, several times faster).
ORDINAL = r"(?:\d{1,3}(?:st|nd|rd|th)|" + _by_first_letter(sorted(ORDINALS, key=len, reverse=True)) + ")"
_ORDINAL_START = r"\defhnst"   # digits and the first letters of the ordinal words
_HEAD_WORDS = ("session", "meeting", "conference", "summit", "forum", "congress", "symposium", "dialogue",
               "workshop", "seminar", "consultation", "round table", "games")
_CAP_HEAD_WORDS = ("Conference", "Summit", "Forum", "Meeting", "Session", "Congress", "Symposium", "Dialogue",
                   "Workshop", "Seminar", "Consultation", "Games")
HEADS = f"(?:{'|'.join(_HEAD_WORDS)})"
_HEADS_BEFORE_OF = _HEAD_WORDS + tuple(word + "s" for word in _HEAD_WORDS)
CAP_HEADS = re.compile(rf"(?=[CSFMDWG])\b(?:{'|'.join(_CAP_HEAD_WORDS)})\b")
_CAP_HEAD_HINT = re.compile("|".join(_CAP_HEAD_WORDS))     # the same words anywhere (a quick test)
CAPSEQ = r"[A-Z][\w'\u2019\-]*(?:(?: (?:of|the|on|for|and|to|in|against|with))* [A-Z0-9][\w'\u2019\-]*)*"

AT_ITS = re.compile(rf"(?=[aA])\bat its (?P<ord>{ORDINAL})(?P<adj>(?: (?:regular|special|extraordinary|emergency special|resumed|substantive|organizational|plenary))?) (?P<head>session|meeting)\b", re.I)
# (The literal "its " first, its "\b" checked after: the engine finds the literal as str.find does.)
BARE_ITS = re.compile(rf"its (?<=\bits )(?P<ord>{ORDINAL})(?P<adj>(?: (?:regular|special|emergency special|resumed|substantive))?) (?P<head>session)\b")
ORD_OF = re.compile(rf"(?=[{_ORDINAL_START}])\b(?:the )?(?P<ord>{ORDINAL})(?P<adj>(?: [a-z][a-z-]+){{0,2}}?) (?P<head>{HEADS})s? of the (?P<name>{CAPSEQ})")
NAMED = re.compile(rf"(?=[A-Z{_ORDINAL_START}])\b(?:(?:the )?(?P<ord>{ORDINAL}|\d{{4}}) )?(?P<name>{CAPSEQ})")
AT_ITS_HINT = re.compile(r"at its ", re.I)
HELD = re.compile(r", (?:which (?:was|were) )?(?:held|convened|that took place)\b")
_NOT_ADJ = r"(?!(?:that|these|those|this|which|who|are|is|was|were|be|been|being|of|and|or|to|in)\b)"
LOWER_HEAD = re.compile(rf"\bthe (?P<adj>(?:{_NOT_ADJ}[a-z][a-z-]+ ){{0,3}}?)(?P<head>{HEADS})s?\b")

TAIL_WORDS = re.compile(r"^(?:,? ?(?:which (?:was|were) )?(?:held|convened|hosted|organized|that took place)|,| ?in| ?at| ?on| ?from| ?and)(?= |,|$)")
BEFORE_GAP = re.compile(r",?\s*of\s+(?:the\s+)?$")
ORGAN_LABELS = {"United Nations General Assembly", "United Nations Security Council",
                "United Nations Economic and Social Council", "United Nations Human Rights Council"}
RESOLUTION_ORGANS = {"GA": "United Nations General Assembly", "HRC": "United Nations Human Rights Council",
                     "ECOSOC": "United Nations Economic and Social Council"}
OTHER_BODY = re.compile(r"\b(?:Committee|Commission|Conference|Board|Forum|Group|Court|Tribunal|Panel|Subcommittee|Working Group)\b")
SUBJECT_AFTER = re.compile(r"^[^;.]*?, the (?:[A-Z][\w-]*(?: (?:of|for|on|and|the))* )*(?:Commission|Committee|Board|Council|Conference|Forum|Group|Assembly)\b")
ORDINAL_ONLY = re.compile(rf"^{ORDINAL} (?:Session|Meeting)$", re.I)
# A NAMED or ORD_OF match never holds a character outside these: the text splits into stretches there.
_NAME_CHARS = re.compile(r"[\w'\u2019\- ]*")
NAMED_PREFIX = re.compile(r"^(?:World|International|Global|United Nations|High-level|High-Level|Regional|Ministerial|Islamic|African|Asian|Arab)\b")


def _may_say_at_its(text: str) -> bool:
    """Whether ``AT_ITS_HINT`` matches: ASCII text is tested with ``str.lower`` (the same answer
    there; other text keeps the regex, whose case folding also knows "ı", "ſ" ...)."""
    if text.isascii():
        return "at its " in text.lower()
    return AT_ITS_HINT.search(text) is not None


def _heads_of_the(text: str) -> list[int]:
    """Where " of the " follows a head word (``HEADS``, maybe plural): where ``{HEADS}s? of the ``
    matches, found from the few places " of the " occurs (far cheaper than that regex's scan)."""
    found = []
    at = text.find(" of the ")
    while at >= 0:
        if text.endswith(_HEADS_BEFORE_OF, 0, at):
            found.append(at)
        at = text.find(" of the ", at + 1)
    return found


def _matches_in_stretches(pattern: re.Pattern[str], text: str, anchors: Iterable[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``'s matches, in order, in the stretches of ``_NAME_CHARS`` holding
    one of ``anchors`` (ascending positions), for a pattern whose matches never hold another
    character (NAMED, ORD_OF).  No match crosses a stretch's end, so each stretch scanned on its
    own gives the same matches as the whole text; the caller knows that the stretches without an
    anchor hold no match it keeps."""
    scanned_to = 0
    for anchor in anchors:
        if anchor < scanned_to:
            continue
        start = anchor - _NAME_CHARS.match(text[scanned_to:anchor][::-1]).end()
        scanned_to = _NAME_CHARS.match(text, anchor).end()
        yield from pattern.finditer(text, start, scanned_to)


def ordinal_value(text: str) -> int | None:
    text = text.lower()
    if text[:1].isdigit():
        digits = re.match(r"\d+", text)
        return int(digits.group(0)) if digits else None
    return ORDINALS.get(text)


def find_events(text: str, offset: int, entities: list[Mention], dates: list[DateMatch],
                organ: str | None) -> list[Mention]:
    """Event and meeting mentions in ``text`` (a unit starting at ``offset``)."""
    finder = _EventFinder(text, offset, entities, dates, organ)
    return finder.run()


class _EventFinder:
    """The shapes over one unit; the lookup tables of places, organizations and dates are
    built on first use (most units have no event words, and then none is needed)."""

    def __init__(self, text: str, offset: int, entities: list[Mention], dates: list[DateMatch],
                 organ: str | None):
        self.text, self.offset, self.organ = text, offset, organ
        self._entities, self._dates = entities, dates
        self.events: list[Mention] = []

    @cached_property
    def places(self) -> dict[int, Mention]:
        return {m.span.start - self.offset: m for m in self._entities if m.type in ("place", "state")}

    @cached_property
    def places_end(self) -> dict[int, Mention]:
        return {m.span.end - self.offset: m for m in self._entities if m.type in ("place", "state")}

    @cached_property
    def orgs_end(self) -> dict[int, Mention]:
        return {m.span.end - self.offset: m for m in self._entities if m.type == "organization"}

    @cached_property
    def orgs_start(self) -> dict[int, Mention]:
        return {m.span.start - self.offset: m for m in self._entities if m.type == "organization"}

    @cached_property
    def org_spans(self) -> list[tuple[int, int]]:
        return [(m.span.start - self.offset, m.span.end - self.offset) for m in self._entities
                if m.type == "organization"]

    @cached_property
    def dates(self) -> dict[int, DateMatch]:
        return {d.start - self.offset: d for d in self._dates}

    @cached_property
    def dates_end(self) -> dict[int, DateMatch]:
        return {d.end - self.offset: d for d in self._dates}

    def run(self) -> list[Mention]:
        # Each shape runs only when the words it needs occur (cheap tests that no match can escape).
        text = self.text
        if _may_say_at_its(text):
            self._at_its()
        if "its " in text:
            self._bare_its_all()
        heads_of_the = _heads_of_the(text)
        if heads_of_the:
            self._ordinal_of(heads_of_the)
        if _CAP_HEAD_HINT.search(text):
            self._named()
        self._held()
        return sorted(self.events, key=lambda m: m.span.start)

    # -- shapes -----------------------------------------------------------------------
    def _at_its(self) -> None:
        for match in AT_ITS.finditer(self.text):
            owner = self.orgs_end.get(match.start() - 1)
            ordinal = ordinal_value(match.group("ord"))
            head = f"{match.group('ord')}{match.group('adj')} {match.group('head')}"
            if owner is not None:
                self._add(owner.span.start - self.offset, match.end(), ordinal,
                          f"{head} of the {owner.label or owner.text}", owner.label)
            else:
                self._bare_its(match, ordinal, head)

    def _bare_its_all(self) -> None:
        for match in BARE_ITS.finditer(self.text):
            self._bare_its(match, ordinal_value(match.group("ord")),
                           f"{match.group('ord')}{match.group('adj')} {match.group('head')}")

    def _bare_its(self, match: re.Match, ordinal: int | None, head: str) -> None:
        """"its sixty-seventh session" is the resolution's organ unless another body is the subject."""
        label = RESOLUTION_ORGANS.get(self.organ or "")
        before = self.text[max(0, match.start() - 80):match.start()]
        after = self.text[match.end():match.end() + 160]
        if re.search(r"\bon $", before) or OTHER_BODY.search(before) or SUBJECT_AFTER.match(after):
            return
        if label:
            start = match.start("ord")
            self._add(start, match.end(), ordinal, f"{head} of the {label}", label)

    def _ordinal_of(self, heads_of_the: list[int]) -> None:
        # An ORD_OF match holds one of ``heads_of_the``: only their stretches are scanned.
        for match in _matches_in_stretches(ORD_OF, self.text, heads_of_the):
            name_start = match.start("name")
            owner = self.orgs_start.get(name_start)
            end = owner.span.end - self.offset if owner else match.end("name")
            name = owner.label if owner and owner.label else self.text[name_start:end]
            head = f"{match.group('ord')}{match.group('adj')} {match.group('head')}"
            self._add(match.start("ord"), end, ordinal_value(match.group("ord")),
                      f"{head} of the {name}", owner.label if owner else None)

    def _named(self) -> None:
        # A name _named keeps holds a head word (CAP_HEADS): only the stretches with one are scanned.
        heads = (head.start() for head in _CAP_HEAD_HINT.finditer(self.text))
        for match in _matches_in_stretches(NAMED, self.text, heads):
            name = match.group("name")
            head = CAP_HEADS.search(name)
            if head is None:
                continue
            name = name[:head.end()] + _name_tail(name[head.end():])
            start, end = match.start("name"), match.start("name") + len(name)
            owner = self.orgs_start.get(start)
            if owner is not None and owner.span.end - self.offset < start + head.start():
                rest = self.text[owner.span.end - self.offset:start + head.start()]
                if rest.startswith(" of the "):      # "the United Nations of the Social Forum"
                    continue
            head_at = start + head.start()
            if any(s <= head_at < e for s, e in self.org_spans):
                continue        # the head word belongs to an organization ("Organization of the Islamic Conference")
            if ORDINAL_ONLY.match(name):
                owner = self.orgs_end.get(start - 2) if self.text[start - 2:start] == ", " else None
                if owner is not None:       # "Official Records of the General Assembly, Seventy-fourth Session"
                    self._add(start, end, ordinal_value(name.split()[0]), f"{name} of the {owner.label}", owner.label)
                continue
            ordinal_text = match.group("ord") or _leading_ordinal(name)
            ordinal = ordinal_value(ordinal_text) if ordinal_text and not ordinal_text.isdigit() else None
            event_start = match.start("ord") if match.group("ord") else start
            if ordinal or NAMED_PREFIX.match(name) or self._has_details(end):
                label = (f"{match.group('ord')} " if match.group("ord") else "") + name
                self._add(event_start, end, ordinal, label, None)

    def _held(self) -> None:
        for match in HELD.finditer(self.text):
            if any(abs(e.span.end - self.offset - match.start()) <= 1 for e in self.events):
                continue
            clause_start = max(self.text.rfind(";", 0, match.start()), self.text.rfind(". ", 0, match.start()), 0)
            heads = list(LOWER_HEAD.finditer(self.text, clause_start, match.start()))
            if not heads or match.start() - heads[-1].start() > 400:
                continue
            head = heads[-1]
            start = head.start() + len("the ")
            if any(s <= start < e for s, e in ((ev.span.start - self.offset, ev.span.end - self.offset) for ev in self.events)):
                continue
            self._add(start, match.start(), None, self.text[start:match.start()], None)

    # -- places and dates ---------------------------------------------------------------
    def _has_details(self, end: int) -> bool:
        place, start_date, _ = self._details_after(end)
        return place is not None or start_date is not None

    def _details_after(self, end: int) -> tuple[Mention | None, str | None, str | None]:
        place, dates, pos, keyword = None, None, end, False
        while pos < len(self.text):
            if pos in self.dates and keyword:
                dates = dates or self.dates[pos]
                pos = self.dates[pos].end - self.offset
                continue
            if pos in self.places and keyword:
                place = place or self.places[pos]
                pos = self.places[pos].span.end - self.offset
                continue
            word = TAIL_WORDS.match(self.text[pos:pos + 40])
            if not word:
                if self.text[pos] == " " and (pos + 1 in self.places or pos + 1 in self.dates) and keyword:
                    pos += 1
                    continue
                break
            keyword = keyword or word.group(0).strip(" ,") not in ("", "and")
            pos += len(word.group(0))
        return place, dates.start_date if dates else None, dates.end_date if dates else None

    def _details_before(self, start: int) -> tuple[Mention | None, str | None, str | None]:
        gap = BEFORE_GAP.search(self.text[max(0, start - 12):start])
        if not gap:
            return None, None, None
        pos = start - len(gap.group(0))
        place, dates = None, None
        for _ in range(6):
            if pos in self.dates_end:
                dates = dates or self.dates_end[pos]
                pos = self.dates_end[pos].start - self.offset
            elif pos in self.places_end:
                mention = self.places_end[pos]
                place = mention                    # the leftmost (the city before its country) wins
                pos = mention.span.start - self.offset
            else:
                sep = re.search(r"(?:,? (?:on|in|at|from)|,) $", self.text[max(0, pos - 6):pos])
                if not sep:
                    break
                pos -= len(sep.group(0))
        if dates is None and place is None:
            return None, None, None
        return place, dates.start_date if dates else None, dates.end_date if dates else None

    def _add(self, start: int, end: int, ordinal: int | None, label: str, owner_label: str | None) -> None:
        span = Span(start + self.offset, end + self.offset)
        if any(e.span.start <= span.start < e.span.end or span.start <= e.span.start < span.end for e in self.events):
            return
        place, start_date, end_date = self._details_after(end)
        if place is None and start_date is None:
            place, start_date, end_date = self._details_before(start)
        kind = "meeting" if owner_label in ORGAN_LABELS else "event"
        place_copy = replace(place) if place is not None else None
        self.events.append(Mention(self.text[start:end], span, kind, None, 0.9, label.strip(),
                                   place=place_copy, start_date=start_date, end_date=end_date,
                                   ordinal=ordinal))


def _name_tail(rest: str) -> str:
    """After the head word keep "on/for/of ..." complements ("Conference on Women")."""
    tail = re.match(r"(?: (?:on|for|of|against|to|in) (?:the )?[A-Z][\w'\u2019\-]*(?:(?: (?:and|of|the|on|for))* [A-Z][\w'\u2019\-]*)*)*", rest)
    return tail.group(0) if tail else ""


def _leading_ordinal(name: str) -> str | None:
    first = name.split()[0].lower()
    return first if first in ORDINALS else None
