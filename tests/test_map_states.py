"""States' triples are made once per process (kg/map/entities.py ``_state_triples``) and copied
into each graph: every graph must still get its States, in the order ``ctx.add`` adds them,
under its own base."""
from __future__ import annotations

import dataclasses

from kg.map import to_graph
from kg.map.entities import _state_triples
from kg.model import StateVote, Voting
from tests.snapshot_support import NOW, VERSION, seed_mentions, seed_record


def _voted(names: list[str]):
    record = seed_record()
    votes = [StateVote(state=name, vote="yes") for name in names]
    return dataclasses.replace(record, voting=Voting(adoption_type="recorded vote", yes=len(votes), votes=votes))


def _state_lines(text: str, iso3: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(f"<https://w3id.org/unres/id/state/{iso3}> ")
            or line.startswith(f"<https://example.org/kg/id/state/{iso3}> ")]


def test_every_graph_gets_the_triples_of_its_states_also_from_the_cache():
    _state_triples.cache_clear()
    first = to_graph(_voted(["France", "Ghana"]), seed_mentions(), software_version=VERSION, now=NOW).ntriples
    second = to_graph(_voted(["Ghana", "France"]), seed_mentions(), software_version=VERSION, now=NOW).ntriples
    assert _state_triples.cache_info().hits >= 2
    for iso3 in ("fra", "gha"):
        lines = _state_lines(first, iso3)
        assert lines == _state_lines(second, iso3)
        assert [line.split(" ", 2)[1].rsplit("#", 1)[-1] for line in lines][:3] == ["type>", "iso3>", "label>"]
    assert '<https://w3id.org/unres/def/unres#iso3> "FRA" .' in first


def test_the_cache_keeps_each_base_apart():
    mapped = to_graph(_voted(["France"]), seed_mentions(), software_version=VERSION, now=NOW)
    other = to_graph(_voted(["France"]), seed_mentions(), "https://example.org/kg", software_version=VERSION, now=NOW)
    assert _state_lines(mapped.ntriples, "fra") and _state_lines(other.ntriples, "fra")
    assert "https://w3id.org/unres/id/state/" not in other.ntriples
    assert "<https://example.org/kg/def/unres#MemberState>" in other.ntriples
