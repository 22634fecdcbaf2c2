"""The seed A/RES/65/140: every organization, State, place and event found and linked right."""
from __future__ import annotations

import pytest

from link_support import member_qid, needs_shared, seed_resolution, table_qid

pytestmark = needs_shared


@pytest.fixture(scope="module")
def seed():
    return seed_resolution()


@pytest.fixture(scope="module")
def mentions(seed):
    from kg.link import link
    return link(seed)


def _by_text(mentions, text, kind=None):
    return [m for m in mentions if m.text == text and (kind is None or m.type == kind)]


# surface in the seed -> (English label in the shared table, table type); the QID comes from the table.
LINKED_ORGANIZATIONS = {
    "Organization of the Islamic Conference": ("Organisation of Islamic Cooperation", "organization"),
    "United Nations": ("United Nations", "organization"),
    "General Assembly": ("United Nations General Assembly", "organization"),
    "United Nations Children's Fund": ("United Nations Children’s Fund", "organization"),
    "Office for the Coordination of Humanitarian Affairs":
        ("United Nations Office for the Coordination of Humanitarian Affairs", "organization"),
    "Secretariat": ("United Nations Secretariat", "organization"),
    "United Nations Development Programme": ("United Nations Development Programme", "organization"),
    "United Nations Educational, Scientific and Cultural Organization":
        ("United Nations Educational, Scientific and Cultural Organization", "organization"),
}
# bodies the tables do not know: found, typed, left unlinked
UNLINKED_ORGANIZATIONS = ["Secretary-General", "Islamic Summit Conference", "United Nations Alliance of Civilizations",
                          "Alliance of Civilizations", "International Contact Group on Somalia",
                          "Special Unit for South-South Cooperation", "United Nations system"]
STATES = ["Saudi Arabia", "Turkey", "Afghanistan", "Bosnia and Herzegovina", "Sierra Leone", "Somalia", "Brazil"]
CITIES = {"Mecca": "Saudi Arabia", "Dakar": "Senegal", "Istanbul": "Turkey", "Jeddah": "Saudi Arabia",
          "Mogadishu": "Somalia", "Rio de Janeiro": "Brazil", "Paris": "France"}


@pytest.mark.parametrize("surface", sorted(LINKED_ORGANIZATIONS))
def test_organization_found_and_linked(mentions, surface):
    label, kind = LINKED_ORGANIZATIONS[surface]
    found = _by_text(mentions, surface, "organization")
    assert found, f"{surface} not found"
    assert {m.qid for m in found} == {table_qid(label, kind)}


@pytest.mark.parametrize("surface", UNLINKED_ORGANIZATIONS)
def test_body_missing_from_tables_found_but_unlinked(mentions, surface):
    found = _by_text(mentions, surface, "organization")
    assert found and all(m.qid is None for m in found)


@pytest.mark.parametrize("name", STATES)
def test_state_found_and_linked(mentions, name):
    found = _by_text(mentions, name, "state")
    assert found and {m.qid for m in found} == {member_qid(name)}


@pytest.mark.parametrize("city", sorted(CITIES))
def test_city_found_and_linked(mentions, city):
    found = _by_text(mentions, city, "place")
    assert found and {m.qid for m in found} == {table_qid(city, "city", CITIES[city])}


def test_no_wrong_link(mentions):
    """Every linked mention is one of the expected entities, nothing else."""
    expected = {table_qid(*v) for v in LINKED_ORGANIZATIONS.values()}
    expected |= {member_qid(s) for s in STATES}
    expected |= {table_qid(c, "city", country) for c, country in CITIES.items()}
    linked = {(m.text, m.qid) for m in mentions if m.qid}
    assert {q for _, q in linked} == expected, sorted(linked)


def test_secretary_general_of_another_organization_is_not_the_un_one(seed, mentions):
    start = seed.text.index("Secretary-General of the Organization of the Islamic Conference")
    assert not [m for m in mentions if m.span.start == start]


EVENTS = [
    # (words of the event text, ordinal, place, start, end)
    ("Islamic Summit Conference at its third extraordinary session", 3, "Mecca", "2005-12-07", "2005-12-08"),
    ("Islamic Summit Conference at its eleventh session", 11, "Dakar", "2008-03-13", "2008-03-14"),
    ("general meeting of the organizations and agencies", None, "Istanbul", "2010-06-29", "2010-07-01"),
    ("sixteenth meeting of the International Contact Group on Somalia", 16, "Jeddah", "2009-12-17", "2009-12-17"),
    ("second Alliance of Civilizations Forum", 2, "Istanbul", "2009-04-06", "2009-04-07"),
    ("third Alliance of Civilizations Forum", 3, "Rio de Janeiro", "2010-05-27", "2010-05-29"),
]


@pytest.mark.parametrize("words,ordinal,place,start,end", EVENTS)
def test_event_with_place_and_dates(mentions, words, ordinal, place, start, end):
    events = [m for m in mentions if m.type == "event" and m.text.startswith(words)]
    assert len(events) == 1, [m.text for m in mentions if m.type == "event"]
    event = events[0]
    assert (event.ordinal, event.start_date, event.end_date) == (ordinal, start, end)
    assert event.place is not None and event.place.text == place
    assert event.place.qid == table_qid(place, "city", CITIES[place])


def test_no_event_without_a_name(mentions):
    """"these meetings are now being held" and "important meetings" are no events."""
    assert all("these meetings" not in m.text and "important" not in m.text
               for m in mentions if m.type in ("event", "meeting"))


def test_session_of_the_assembly_is_a_meeting(mentions):
    sessions = [m for m in mentions if m.type == "meeting"]
    assert sessions and {m.ordinal for m in sessions} == {67}


def test_dates_are_iso(mentions):
    dates = {(m.text, m.start_date, m.end_date) for m in mentions if m.type == "date"}
    assert ("22 October 1982", "1982-10-22", "1982-10-22") in dates
    assert ("29 June to 1 July 2010", "2010-06-29", "2010-07-01") in dates
    assert ("14 March 2008", "2008-03-14", "2008-03-14") in dates


def test_spans_index_the_text(seed, mentions):
    assert mentions and all(seed.text[m.span.start:m.span.end] == m.text for m in mentions)


def test_paragraph_keys_follow_the_paragraph_spans(seed, mentions):
    from kg.link.recognize import paragraph_key

    keys = {}
    for paragraph in seed.paragraphs:
        keys[paragraph_key(paragraph)] = paragraph.span
    for footnote in seed.footnotes:
        keys[f"fn/{footnote.number}"] = footnote.span
    for mention in mentions:
        if mention.in_paragraph is None:
            continue
        span = keys[mention.in_paragraph.rsplit("/", 1)[0] if mention.in_paragraph.count("/") > 1 else mention.in_paragraph]
        assert span.start <= mention.span.start and mention.span.end <= span.end


def test_jeddah_meeting_is_keyed_to_its_operative_paragraph(seed, mentions):
    event = next(m for m in mentions if m.type == "event" and m.ordinal == 16)
    paragraph = next(p for p in seed.operative if p.span.start <= event.span.start < p.span.end)
    assert event.in_paragraph == f"op/{paragraph.number}" and "Jeddah" in paragraph.text


def test_link_is_pure(seed, mentions):
    from kg.link import link
    assert link(seed) == mentions


def test_paragraph_keys_of_mentions_follow_restarting_section_numbering():
    """In a resolution whose numbering restarts in each section, a mention's paragraph key
    names the section too (``sec/2/op/1``), as the parser's keys do."""
    from kg.link.recognize import paragraph_key
    from kg.model import Paragraph, Span

    paragraph = Paragraph(kind="operative", number=1, lead="Requests", text="Requests", span=Span(0, 8),
                          part="A", section="2", section_numbering=True)
    assert paragraph_key(paragraph) == "A/sec/2/op/1"
