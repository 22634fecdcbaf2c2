"""The fast paths of the link stage give what the plain definitions give.

``Gazetteer.find_in_units`` (one scan of the stretches' skeleton) must find exactly what
``Gazetteer.find`` finds in each stretch on its own; ``skeleton`` (ASCII codec fast path)
must equal its per-character definition; the event patterns (ordinals grouped by first
letter, lookaheads) must match as the plain alternation does.
"""
from __future__ import annotations

import re

import pytest

from kg.link.gazetteer import CURATED, LABEL, Entity, Gazetteer
from kg.link.names import _skeleton_char, skeleton

NAMES = [
    ("UN", "organization"), ("UNICEF", "organization"), ("United Nations", "organization"),
    ("United Nations Children's Fund", "organization"), ("ECE", "organization"),
    ("Guinea-Bissau", "state"), ("Guinea", "state"), ("Côte d'Ivoire", "state"), ("Chad", "state"),
    ("Lake Chad", "place"), ("Iran (Islamic Republic of)", "state"), ("Россия", "state"),
    ("Женева", "city"), ("日内瓦", "city"), ("Dakar", "city"),
]

TEXTS = [
    "The United Nations Children's Fund (UNICEF) and the fund of the UN in Guinea-Bissau.",
    "UNICEF/ECE/1 is a symbol; E/ECE/1462 too; the UNICEF, the ECE and the UN.",
    "Guinea Bissau, Guinea-Bissau and GUINEA-BISSAU; guinea; Chad, Lake Chad, chad.",
    "Côte d\u02bcIvoire, Côte d\u2019Ivoire, Cote d'Ivoire; Iran (Islamic Republic of) and Iran.",
    "Россия и Женева; РОССИЯ; 日内瓦会议 in 日内瓦; Dakar\u00a0and\u2013Dakar.",
    "UNited Nations, united nations, UNITED NATIONS and United  Nations.",
    "Dakar1 2Dakar Dakar/ /Dakar xDakar Dakarx (Dakar) «Dakar» \u201cDakar\u201d.",
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    for index, (name, kind) in enumerate(NAMES):
        entity = Entity(f"Q{index + 1}", kind, name)
        gaz.entities.append(entity)
        gaz.add(name, entity, CURATED if kind == "state" else LABEL)
    return gaz


def _as_tuples(matches) -> list[tuple[int, int, list[str]]]:
    return sorted((m.start, m.end, sorted(n.text for n in m.names)) for m in matches)


def _stretchings(text: str) -> list[list[tuple[int, int]]]:
    """The whole text, every cut in two (also inside words and names), and stretches with gaps."""
    cuts = [[(0, len(text))]]
    cuts += [[(0, cut), (cut, len(text))] for cut in range(1, len(text))]
    cuts += [[(0, cut), (cut + 1, len(text))] for cut in range(1, len(text) - 1, 3)]
    cuts += [[(start, start), (start, min(start + 9, len(text)))] for start in range(0, len(text), 7)]
    return cuts


@pytest.mark.parametrize("text", TEXTS)
def test_find_in_units_finds_what_find_finds_in_each_unit(gazetteer, text):
    for units in _stretchings(text):
        found = gazetteer.find_in_units(text, units)
        expected = [list(gazetteer.find(text[start:end])) for start, end in units]
        assert [_as_tuples(f) for f in found] == [_as_tuples(e) for e in expected], units


def test_find_in_units_finds_names_at_boundaries_only(gazetteer):
    text = TEXTS[1]
    surfaces = [text[m.start:m.end] for m in gazetteer.find_in_units(text, [(0, len(text))])[0]]
    assert surfaces == ["UNICEF", "ECE", "UN"]       # none inside E/ECE/1462 or UNICEF/ECE/1


@pytest.mark.parametrize("text", TEXTS + ["", "plain ascii / text-with, punctuation!", "\u02bc\u02bcx\u0130\u0131"])
def test_skeleton_is_its_definition(text):
    assert skeleton(text) == "".join(_skeleton_char(c) for c in text)
    assert len(skeleton(text)) == len(text)


def test_event_patterns_match_as_the_plain_alternation():
    from kg.link import events
    from kg.ordinals import ORDINALS

    plain = r"(?:\d{1,3}(?:st|nd|rd|th)|" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"
    text = ("at its sixty-seventh session, at its Seventy-Fifth Session and at its 3rd meeting; "
            "its twenty-first special session; the fortieth anniversary meeting of the Group of 77; "
            "the sixteenth meeting of the International Contact Group on Somalia, the second Alliance "
            "of Civilizations Forum, the Fourth World Conference on Women, the 2005 World Summit, "
            "the seventieth session of the Commission, ninetieth and ninety-ninth, fifth and fiftieth; "
            "Sixty-sixth session, FIRST SESSION, the eighteenth Meeting of States Parties.")
    for pattern in (events.AT_ITS, events.BARE_ITS, events.ORD_OF, events.NAMED, events.ORDINAL_ONLY):
        reference = re.compile(re.sub(r"^\(\?=\[[^\]]*\]\)", "", pattern.pattern).replace(events.ORDINAL, plain),
                               pattern.flags)
        assert reference.pattern != pattern.pattern
        for start in range(0, len(text), 11):
            assert ([m.groupdict() | {"span": m.span()} for m in pattern.finditer(text, start)]
                    == [m.groupdict() | {"span": m.span()} for m in reference.finditer(text, start)])


def test_choose_gives_each_match_its_own_found_from_the_remembered_choice(gazetteer):
    """choose() remembers its decision per set of names (kg.link.entities._choice); each match still
    gets its own span and its own list of candidates."""
    from kg.link.entities import _decide, choose

    matches = [m for unit in gazetteer.find_in_units("the United Nations and the United Nations",
                                                     [(0, 18), (19, 41)]) for m in unit]
    assert len(matches) >= 2
    first, second = choose(matches[0]), choose(matches[-1])
    assert (first.entity, first.rank, first.name) == (second.entity, second.rank, second.name)
    assert (first.entity, tuple(first.candidates), first.rank, first.name) == _decide(tuple(matches[0].names))
    assert (first.start, first.end) != (second.start, second.end)
    first.candidates.clear()
    assert second.candidates and choose(matches[0]).candidates
