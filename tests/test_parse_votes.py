"""The vote a Human Rights Council resolution prints at its end is read from the text too.

The AKN files mark the same printed words up ("[Adopted by a recorded vote of 21 to 8, ...]"),
so the markup is the ground truth for what the text reader finds in the same words.
"""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from kg.link import link_votes, load_gazetteer
from kg.parse import parse_path
from kg.parse.votes import printed_vote

SHARED = Path(os.environ.get("KG_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
HRC = sorted((SHARED / "corpus" / "unxml-hrc" / "xml").glob("*/*/*.xml"))
SEED = SHARED / "corpus" / "seed" / "A_RES_65_140.txt"
pytestmark = pytest.mark.skipif(not HRC, reason="shared corpus not found")


@pytest.fixture(scope="module")
def hrc():
    return [parse_path(str(path)) for path in HRC]


def test_every_hrc_resolution_prints_its_vote_as_its_markup_says(hrc):
    """All languages: 'without a vote' or a recorded vote with the same three counts."""
    for res in hrc:
        found = printed_vote(res.text)
        assert found is not None, res.source
        vote, _ = found
        expected = res.voting
        assert (vote.adoption_type, vote.yes, vote.no, vote.abstain) == (
            expected.adoption_type, expected.yes, expected.no, expected.abstain), res.source


def test_the_states_printed_in_each_group_are_the_states_of_the_markup(hrc):
    gazetteer = load_gazetteer()
    recorded = [res for res in hrc if res.voting.votes]
    assert len(recorded) >= 5
    for res in recorded:
        printed = replace(res, voting=printed_vote(res.text)[0])
        link_votes(res, gazetteer)
        link_votes(printed, gazetteer)
        assert {(v.qid, v.vote) for v in printed.voting.votes} == {(v.qid, v.vote) for v in res.voting.votes}, \
            res.source
        assert all(v.qid for v in printed.voting.votes)


def test_the_text_parser_reads_the_vote_of_a_plain_text_rendering(hrc, tmp_path):
    """The AKN text of a recorded-vote resolution, saved as a plain text file, parses with its vote."""
    res = next(r for r in hrc if r.voting.votes and r.language == "en")
    path = tmp_path / "hrc.txt"
    path.write_text(res.text, encoding="utf-8")
    parsed = parse_path(str(path))
    assert parsed.source_format != "akn"
    assert (parsed.voting.adoption_type, parsed.voting.yes, parsed.voting.no, parsed.voting.abstain) == (
        "recorded vote", res.voting.yes, res.voting.no, res.voting.abstain)
    assert len(parsed.voting.votes) == res.voting.yes + res.voting.no + res.voting.abstain
    assert parsed.warnings == []


def test_a_general_assembly_text_gets_no_invented_vote():
    assert parse_path(str(SEED)).voting is None


def test_french_and_spanish_recorded_votes():
    fr = ("[Adoptée à l’issue d’un vote enregistré par 23 voix contre 6, avec 18 abstentions. Les voix se sont "
          "réparties comme suit : Ont voté pour : Albanie, Belgique Ont voté contre : Chine Se sont abstenus : Inde]")
    vote, _ = printed_vote(fr)
    assert (vote.yes, vote.no, vote.abstain) == (23, 6, 18)
    assert [(v.state, v.vote) for v in vote.votes] == [("Albanie", "yes"), ("Belgique", "yes"), ("Chine", "no"),
                                                      ("Inde", "abstain")]
    es = "[Aprobada en votación registrada por 23 votos contra 6 y 18 abstenciones.]"
    assert printed_vote(es)[0].abstain == 18
