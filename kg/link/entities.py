"""Entity mentions in one text unit: gazetteer matches, longest first, decided by context.

Rules (each one small and named):
- longest match wins; overlapping shorter matches are dropped;
- blockers ("Charter of the United Nations") consume their span and give no mention;
- one name, several entities: curated > label > alias, then state > organization >
  place kinds, then UN-family organizations; a tie stays unlinked (ambiguous);
- organ names without "United Nations" ("General Assembly", "Secretariat") are not the
  UN organ when glued to a capitalised word ("Peace and Security Council", "General
  Secretariat") or owned by another organization ("Secretary-General of the OIC");
- geographic compounds ("Gulf of Guinea", "Lake Chad", "Congo Basin") are places, unlinked;
- a place in a document name ("Paris Agreement", "Hyogo Framework") is no mention;
- cities need context: a capital or large city, "in/at/from X", or "X, <its country>";
- "the Assembly" / "the Council" are the resolution's own organ.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.link.gazetteer import ALIAS, CURATED, KIND_ORDER, LABEL, Entity, Gazetteer, Match, Name
from kg.link.names import is_abbreviation
from kg.model import Mention, Span

THRESHOLD = 0.5
RANK_CONFIDENCE = {CURATED: 0.95, LABEL: 0.95, ALIAS: 0.9}
TABLE_CONFIDENCE = {"high": 1.0, "medium": 0.95, "low": 0.7}

ORGAN_LABELS = {"GA": "United Nations General Assembly", "SC": "United Nations Security Council",
                "HRC": "United Nations Human Rights Council",
                "ECOSOC": "United Nations Economic and Social Council"}
# (?=[Tt]): the engine skips every position that cannot start a match at once (the same matches)
SHORT_ORGAN = re.compile(r"(?=[Tt])\b[Tt]he (Assembly|Council)\b(?! of\b)")
SHORT_FOR = {"Assembly": {"GA"}, "Council": {"SC", "HRC", "ECOSOC"}}

GEO_BEFORE = re.compile(r"(?:\b(?:Gulf|Sea|Bay|Strait|Straits|Horn|Coast|Lake|Mount|Islands?) of (?:the )?|\b(?:Lake|Mount|Cape) )$")
GEO_AFTER = re.compile(r"^ (?:Basin|River|Valley|Peninsula|Delta|Lake|Mountains|Highlands|Sea|Gulf|Strait|Region|region|Corridor)\b")
DOCUMENT_AFTER = re.compile(
    r"^ (?:Protocol|Declaration|Convention|Agreements?|Programme|Plan|Framework|Consensus|Principles|"
    r"Rules|Commitments?|Strategy|Platform|Accords?|Process|Statement|Action|Agenda|Outcome|Guidelines|"
    r"Document|Communiqu|Roadmap|Road Map|Call|Pledge|Treaty|Charter|Initiative|Memorandum|Final Act|"
    r"Conclusions|Resolution|Vision|Compact|Mandate|Amendment|Ministerial Declaration|Rounds?|"
    r"agreements?|accords?|consensus|declaration|protocol)\b")
NAME_CONTINUES = re.compile(r"^ (?!(?:Member|Members|The|A|An|In|On|At|For|To|By|As|And|Or|Of)\b)[A-Z][\w'\u2019-]*")
NAME_TAIL = re.compile(r"(?:(?: (?:of|for|on|in|to)(?: the)?| and)? [A-Z][\w'\u2019-]*)+")
DOCUMENT_NOUN = re.compile(r"\b(?:Charter|Declaration|Convention|Protocol|Agreement|Statute|Treaty|Rules|Principles|"
                           r"Guidelines|Programme of Action|Plan of Action|Agenda|Strategy|Report|Resolution|Regulations|Series|"
                           r"Publication|Journal|Yearbook|Handbook|Manual)\b")
EVENT_HEAD = re.compile(r"\b(?:Conference|Summit|Forum|Meeting|Session|Congress|Symposium|Dialogue|Games)\b")
PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|to|held in|hosted in|venue in|city of)\s+$")
OWNED_BY = re.compile(r"^ of the ")


@dataclass
class Found:
    """A kept gazetteer match with the chosen entity (None = ambiguous)."""

    start: int
    end: int
    entity: Entity | None
    candidates: list[Entity]
    rank: int
    name: str


def choose(match: Match) -> Found:
    """Pick the entity a match designates, or None when several fit equally."""
    entity, candidates, rank, name = _choice(tuple(match.names))
    return Found(match.start, match.end, entity, list(candidates), rank, name)


_CHOICES: dict[tuple[Name, ...], tuple[Entity | None, tuple[Entity, ...], int, str]] = {}


def _choice(names: tuple[Name, ...]) -> tuple[Entity | None, tuple[Entity, ...], int, str]:
    """:func:`_decide`, remembered: it depends on the names only, and the same few names
    (organs, States) are matched in every resolution."""
    known = _CHOICES.get(names)
    if known is None:
        if len(_CHOICES) >= 100_000:
            _CHOICES.clear()
        known = _CHOICES[names] = _decide(names)
    return known


def _decide(all_names: tuple[Name, ...]) -> tuple[Entity | None, tuple[Entity, ...], int, str]:
    """(the entity, or None when several fit equally; the candidates; the best rank; the name)."""
    best_rank = max(n.rank for n in all_names)
    names = [n for n in all_names if n.rank == best_rank]
    entities: list[Entity] = []
    for name in names:
        if name.entity not in entities:
            entities.append(name.entity)
    best_kind = min(KIND_ORDER[e.kind] for e in entities)
    entities = [e for e in entities if KIND_ORDER[e.kind] == best_kind]
    if len(entities) > 1 and any(e.un_family for e in entities):
        entities = [e for e in entities if e.un_family]
    if len(entities) > 1 and entities[0].kind == "city":
        majors = [e for e in entities if e.major]
        entities = majors if len(majors) == 1 else entities
    distinct = {(e.qid, e.kind) if e.qid else id(e) for e in entities}
    chosen = entities[0] if len(distinct) == 1 else None
    return chosen, tuple(entities), best_rank, names[0].text


def longest_first(matches: list[Match]) -> list[Match]:
    """Non-overlapping matches, the longest winning (then the leftmost)."""
    if len(matches) < 2:
        return list(matches)
    kept: list[Match] = []
    taken = bytearray(max((m.end for m in matches), default=0))   # 1 = a kept match covers it
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if taken.find(1, match.start, match.end) < 0:
            kept.append(match)
            taken[match.start:match.end] = b"\x01" * (match.end - match.start)
    return sorted(kept, key=lambda m: m.start)


_LAST_WORD = re.compile(r"([\w'-]+)$")


def _previous_word(text: str, start: int) -> tuple[str, int]:
    """The word before ``start`` (after trailing spaces) and where it starts."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    window = max(0, end - 64)          # a word is shorter than that; else look at all of it
    word = _LAST_WORD.search(text, window, end)
    if word and word.start() == window and window > 0:
        word = _LAST_WORD.search(text, 0, end)
    return (word.group(1), word.start()) if word else ("", 0)


def glued_to_other_name(text: str, found: Found) -> bool:
    """"General Secretariat", "Peace and Security Council": part of another body's name."""
    if found.rank != CURATED or "United Nations" in found.name or len(found.name.split()) > 3:
        return False
    word, position = _previous_word(text, found.start)
    if word == "and":
        word, position = _previous_word(text, position)
    if not word[:1].isupper() or word in ("The", "United"):
        return False
    first_word = re.match(r"\s*\S+", text)
    return not (first_word and position < first_word.end())   # the lead ("Requests") is fine


def owned_by_other(text: str, found: Found, following: list[Found]) -> bool:
    """"Secretary-General of the Organization of the Islamic Conference"."""
    if found.rank != CURATED or "United Nations" in found.name or len(found.name.split()) > 3:
        return False
    if not OWNED_BY.match(text[found.end:found.end + 8]):
        return False
    for other in following:
        if other.start == found.end + len(" of the "):
            owner = other.entity
            return owner is not None and owner.kind == "organization" and not owner.un_family
    return False


def city_confidence(text: str, found: Found, following: list[Found]) -> float:
    entity = found.entity
    score = 0.55 if entity.major else 0.3
    if PLACE_BEFORE.search(text[max(0, found.start - 12):found.start]):
        score += 0.35
    if text[found.end:found.end + 2] == ", ":
        for other in following:
            if other.start == found.end + 2 and other.entity and other.entity.kind == "state":
                score += 0.4 if other.entity.iso3 == entity.iso3 else -0.3
    return min(score, 0.97)


def recognise(text: str, offset: int, gaz: Gazetteer, organ: str | None,
              matches: list[Match] | None = None) -> list[Mention]:
    """Entity mentions (organizations, states, places) in one unit of text.

    ``matches`` are the gazetteer's matches in ``text`` when already found
    (``Gazetteer.find_in_units`` scans a whole resolution at once)."""
    found = [choose(m) for m in longest_first(list(gaz.find(text) if matches is None else matches))]
    mentions: list[Mention] = []
    consumed = 0
    for index, item in enumerate(found):
        if item.start < consumed:
            continue
        longer = longer_name(text, item)
        if longer is not None:      # inner organizations are consumed; inner places still count
            straddling = [f for f in found[index + 1:] if f.start < longer.span.end < f.end]
            if straddling:          # "... Operation in Côte d'Ivoire": the name ends with the place
                end = straddling[0].end
                longer = replace(longer, text=text[item.start:end], label=text[item.start:end],
                                 span=Span(item.start, end))
            consumed = longer.span.end
            if EVENT_HEAD.search(text, item.end, longer.span.end):
                continue            # "United Nations Conference on ...": an event, named by the event finder
            inner = [f for f in found[index + 1:] if f.start < consumed and f.entity is not None
                     and f.entity.kind not in ("organization", "blocker")]
            if not DOCUMENT_NOUN.search(longer.text):
                mentions.append(replace(longer, span=Span(longer.span.start + offset, longer.span.end + offset)))
            for place in inner:
                mention = _mention_for(text, place, [], offset)
                if mention is not None:
                    mentions.append(mention)
            continue
        following = found[index + 1:index + 3]
        mention = _mention_for(text, item, following, offset)
        if mention is not None:
            mentions.append(mention)
    mentions += short_organ_mentions(text, offset, gaz, organ, found)
    return sorted(mentions, key=lambda m: m.span.start)


def longer_name(text: str, item: Found) -> Mention | None:
    """"United Nations Interim Force in Lebanon", "Security Council Committee established ...":
    an organization's name continued by capitalised words names another body (or a document)."""
    entity = item.entity
    if entity is None or entity.kind != "organization" or not NAME_CONTINUES.match(text[item.end:item.end + 30]):
        return None
    extension = NAME_TAIL.match(text, item.end)
    end = extension.end() if extension else item.end
    if end <= item.end:
        return None
    return Mention(text[item.start:end], Span(item.start, end), "organization", None, 0.5, text[item.start:end])


def _mention_for(text: str, item: Found, following: list[Found], offset: int) -> Mention | None:
    entity = item.entity
    surface = text[item.start:item.end]
    span = Span(item.start + offset, item.end + offset)
    if entity is None:
        kinds = {e.mention_type for e in item.candidates}
        kind = kinds.pop() if len(kinds) == 1 else "place"
        return Mention(surface, span, kind, None, 0.3, None)
    if entity.kind == "blocker":
        return None
    if entity.kind in ("city", "state", "territory", "region", "place"):
        if entity.kind == "city" and DOCUMENT_AFTER.match(text[item.end:item.end + 24]):
            return None                           # "Paris Agreement", "Hyogo Framework": a document's name
        geo_before = GEO_BEFORE.search(text[max(0, item.start - 20):item.start])
        if geo_before or GEO_AFTER.match(text[item.end:item.end + 12]):
            start = item.start - len(geo_before.group(0)) if geo_before else item.start
            after = GEO_AFTER.match(text[item.end:item.end + 12])
            end = item.end + (after.end() if after else 0)
            return Mention(text[start:end], Span(start + offset, end + offset), "place", None, 0.3, None)
    if entity.kind == "organization" and (glued_to_other_name(text, item) or owned_by_other(text, item, following)):
        return None
    confidence = RANK_CONFIDENCE.get(item.rank, 0.8) * TABLE_CONFIDENCE.get(entity.confidence, 0.9)
    if entity.kind == "city":
        confidence = city_confidence(text, item, following)
        if confidence < THRESHOLD:
            return None                           # a small town's name without context: not a mention
    if entity.kind == "organization" and not entity.un_family and is_abbreviation(item.name):
        confidence = min(confidence, 0.45)        # raised later if the full name occurs in the document
    qid = entity.qid if confidence >= THRESHOLD else None
    return Mention(surface, span, entity.mention_type, qid, round(confidence, 3), entity.label)


def short_organ_mentions(text: str, offset: int, gaz: Gazetteer, organ: str | None,
                         found: list[Found]) -> list[Mention]:
    """"the Assembly" in a GA resolution, "the Council" in an SC/HRC/ECOSOC one."""
    if organ not in ORGAN_LABELS or not any(f"he {word}" in text for word, organs in SHORT_FOR.items()
                                            if organ in organs):
        return []                 # (a cheap test that no mention can escape)
    entity = gaz.by_label(ORGAN_LABELS[organ], "organization")
    mentions = []
    for match in SHORT_ORGAN.finditer(text):
        word = match.group(1)
        start = match.start(1)
        if organ not in SHORT_FOR[word] or entity is None:
            continue
        if any(f.start <= start < f.end for f in found):
            continue
        mentions.append(Mention(word, Span(start + offset, match.end(1) + offset), "organization",
                                entity.qid, 0.9, entity.label))
    return mentions


def confirm_abbreviations(mentions: list[Mention], gaz: Gazetteer) -> None:
    """Link a non-UN abbreviation ("AU") only when its full name occurs in the same document."""
    full_names = {m.label for m in mentions if m.qid and not is_abbreviation(m.text)}
    for mention in mentions:
        if mention.type == "organization" and mention.qid is None and mention.label in full_names:
            entity = gaz.by_label(mention.label, "organization")
            if entity is not None and 0.4 <= mention.confidence < THRESHOLD:
                mention.qid, mention.confidence = entity.qid, 0.85
