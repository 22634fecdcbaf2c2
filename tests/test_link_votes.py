"""Voting States in the AKN files (and the UN's data_extract) link to their member-State QIDs."""
from __future__ import annotations

import json
from functools import lru_cache

import pytest

from link_support import CORPUS, member_qid, member_qids, needs_shared

pytestmark = needs_shared


@lru_cache(maxsize=1)
def recorded_votes() -> tuple[tuple[str, str], ...]:
    """(file, state name as printed) for every vote of every AKN resolution with a recorded vote."""
    from kg.model import ParseError

    from kg.read.akn import read_akn

    votes = []
    for path in sorted(CORPUS.glob("unxml-*/xml/**/*.xml")):
        try:
            resolution = read_akn(str(path), path.read_bytes())
        except ParseError:
            continue                         # presidential statements, drafts: not resolutions
        if resolution.voting is not None:
            votes += [(str(path), vote.state) for vote in resolution.voting.votes]
    return tuple(votes)


def test_the_corpus_has_recorded_votes():
    assert len({path for path, _ in recorded_votes()}) >= 50


def test_every_voting_state_links_to_a_member_state():
    from kg.link import link_state_name

    members = member_qids()
    unlinked = [(path, name) for path, name in recorded_votes() if link_state_name(name) not in members]
    assert not unlinked, unlinked[:10]


def test_all_193_members_are_reached():
    from kg.link import link_state_name

    linked = {link_state_name(name) for _, name in recorded_votes()}
    assert linked == member_qids() and len(linked) == 193


@pytest.mark.parametrize("name,member_name", [
    ("TÜRKİYE", "Turkey"), ("TURKIYE", "Turkey"), ("TURKEY", "Turkey"),
    ("IRAN (ISLAMIC REPUBLIC OF)", "Iran"), ("Bolivia (Plurinational State of)", "Bolivia"),
    ("VENEZUELA (BOLIVARIAN REPUBLIC OF)", "Venezuela"), ("Viet Nam", "Vietnam"),
    ("DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "North Korea"), ("REPUBLIC OF KOREA", "South Korea"),
    ("United Kingdom of Great Britain and Northern Ireland", "United Kingdom"),
    ("NETHERLANDS (KINGDOM OF THE)", "Kingdom of the Netherlands"), ("Denmark", "Kingdom of Denmark"),
    ("CÔTE D'IVOIRE", "Côte d'Ivoire"), ("Côte d’Ivoire", "Côte d'Ivoire"), ("COTE D'IVOIRE", "Côte d'Ivoire"),
    ("LIBYAN ARAB JAMAHIRIYA", "Libya"), ("MICRONESIA (FEDERATED STATES OF)", "Federated States of Micronesia"),
    ("Congo", "Republic of the Congo"), ("Democratic Republic of the Congo", "Democratic Republic of the Congo"),
    ("UNITED STATES", "United States of America"), ("Eswatini", "Eswatini"), ("Swaziland", "Eswatini"),
    ("The former Yugoslav Republic of Macedonia", "North Macedonia"),
])
def test_un_names_link(name, member_name):
    from kg.link import link_state_name
    assert link_state_name(name) == member_qid(member_name)


@pytest.mark.parametrize("name,member_name", [("Holy See", "Holy See"), ("State of Palestine", "Palestine"),
                                              ("HOLY SEE", "Holy See"), ("Palestine", "Palestine")])
def test_observers_link_to_the_observer_entity(name, member_name):
    from kg.link import link_state_name
    qid = link_state_name(name)
    assert qid == member_qid(member_name) and qid in member_qids(("observer",))


@pytest.mark.parametrize("name", ["Korea", "Europe", "Organization of the Islamic Conference", "Dakar", ""])
def test_not_a_state_gives_none(name):
    from kg.link import link_state_name
    assert link_state_name(name) is None


def test_data_extract_vote_names_link():
    """The UN's own metadata (names applied retroactively); a few records split one name in two."""
    from kg.link import link_state_name

    names = set()
    for path in CORPUS.glob("unxml-*/data_extract/*.json"):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.startswith('"') and line.endswith('"') and len(line) > 2:
                line = line[1:-1].replace('\\"', '"')
            if not line.startswith("{"):
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            for key, value in record.items():
                if key.startswith("MS_") and isinstance(value, list):
                    names.update(value)
    linked = {n: link_state_name(n) for n in names}
    assert {q for q in linked.values() if q} <= member_qids()
    unlinked = sorted(n for n, q in linked.items() if q is None)
    assert len(unlinked) <= 0.02 * len(names), unlinked


def test_link_votes_fills_the_vote_records():
    from kg.link import link_votes
    from kg.model import Resolution, StateVote, Voting

    resolution = Resolution("x", "akn", "", "", "A/RES/1/1", "GA",
                            voting=Voting("recorded vote", votes=[StateVote("TÜRKİYE", "yes"), StateVote("Atlantis", "no")]))
    assert link_votes(resolution) == 1
    assert resolution.voting.votes[0].qid == member_qid("Turkey") and resolution.voting.votes[1].qid is None
