"""The pure heart of the link stage: ``link(resolution, gazetteer) -> list[Mention]``.

The whole text is folded and scanned once with the gazetteer's Aho-Corasick
automaton; each paragraph and footnote is then read with its matches, once with
the date pattern and once for the event shapes; every mention keeps its span into ``Resolution.text`` and the key of
the paragraph it stands in (``pp/4``, ``op/12/a``, ``fn/1``; ``A/op/3`` in part A).
"""
from __future__ import annotations

from typing import NamedTuple

from kg.link.dates import find_dates
from kg.link.entities import confirm_abbreviations, recognise
from kg.link.events import find_events
from kg.link.gazetteer import Gazetteer, load_gazetteer
from kg.model import Mention, Paragraph, Resolution, Span, SubParagraph


class Unit(NamedTuple):
    """A stretch of ``Resolution.text`` scanned on its own, with its paragraph key (a named
    tuple: made by the hundred per document, and cheaper to make than a frozen dataclass)."""

    key: str | None
    start: int
    end: int


def paragraph_key(paragraph: Paragraph) -> str:
    """``pp/4``, ``op/12``, ``A/op/3``, ``sec/2/op/1``: the same keys as the parser's (``Paragraph.scope``)."""
    kind = "pp" if paragraph.kind == "preambular" else "op"
    return f"{paragraph.scope}{kind}/{paragraph.number}"


def _sub_units(prefix: str, subs: list[SubParagraph]) -> list[Unit]:
    units = []
    for sub in subs:
        key = f"{prefix}/{sub.label}"
        units.append(Unit(key, sub.span.start, sub.span.end))
        units += _sub_units(key, sub.subparagraphs)
    return units


def text_units(resolution: Resolution) -> tuple[list[Unit], list[Unit]]:
    """(units to scan, finer units used only to key mentions: sub-paragraphs)."""
    units: list[Unit] = []
    finer: list[Unit] = []
    title = resolution.spans.get("title")
    if title is not None:
        units.append(Unit(None, title.start, title.end))
    for paragraph in resolution.paragraphs:
        key = paragraph_key(paragraph)
        units.append(Unit(key, paragraph.span.start, paragraph.span.end))
        finer += _sub_units(key, paragraph.subparagraphs)
    for footnote in resolution.footnotes:
        units.append(Unit(f"fn/{footnote.number}", footnote.span.start, footnote.span.end))
    for annex in resolution.annexes:
        units.append(Unit(None, annex.span.start, annex.span.end))
    if not resolution.paragraphs and not resolution.footnotes:
        units = [Unit(None, 0, len(resolution.text))]
    return _without_overlaps(units), finer


def _without_overlaps(units: list[Unit]) -> list[Unit]:
    """Drop units inside an earlier one (a title span inside the body, say): scan text once."""
    kept: list[Unit] = []
    for unit in sorted(units, key=lambda u: (u.start, -u.end)):
        if kept and unit.start < kept[-1].end:
            continue
        kept.append(unit)
    return kept


def _key_for(span: Span, unit: Unit, finer: list[Unit]) -> str | None:
    """The key of the innermost sub-paragraph holding ``span`` (the latest-starting one), else the unit's."""
    best = None
    for f in finer:
        if f.start <= span.start and span.end <= f.end and (best is None or f.start > best.start):
            best = f
    return best.key if best is not None else unit.key


def link(resolution: Resolution, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """All mentions in ``resolution``: organizations, states, places, events/meetings, dates."""
    gaz = gazetteer or load_gazetteer()
    units, finer = text_units(resolution)
    matches = gaz.find_in_units(resolution.text, [(unit.start, unit.end) for unit in units])
    mentions: list[Mention] = []
    for unit, unit_matches in zip(units, matches):
        text = resolution.text[unit.start:unit.end]
        entities = recognise(text, unit.start, gaz, resolution.organ, unit_matches)
        dates = find_dates(text, unit.start)
        events = find_events(text, unit.start, entities, dates, resolution.organ)
        date_mentions = [Mention(resolution.text[d.start:d.end], Span(d.start, d.end), "date",
                                 confidence=1.0, start_date=d.start_date, end_date=d.end_date)
                         for d in dates]
        for mention in [*entities, *events, *date_mentions]:
            mention.in_paragraph = _key_for(mention.span, unit, finer)
            if mention.place is not None:
                mention.place.in_paragraph = mention.in_paragraph
            mentions.append(mention)
    confirm_abbreviations(mentions, gaz)
    for mention in mentions:
        if mention.qid:
            mention.qid = gaz.current_qid(mention.qid)
    return sorted(mentions, key=lambda m: (m.span.start, -m.span.end))


def link_votes(resolution: Resolution, gazetteer: Gazetteer | None = None) -> int:
    """Fill ``StateVote.qid`` for every vote in ``resolution.voting``; return how many stayed unlinked."""
    if resolution.voting is None:
        return 0
    gaz = gazetteer or load_gazetteer()
    missing = 0
    for vote in resolution.voting.votes:
        vote.qid = gaz.link_state_name(vote.state)
        missing += vote.qid is None
    return missing
