"""The seed's graph stays exactly the same: mapping optimisations must not change a triple.

Input is the frozen parsed record and mentions of the seed (``tests/fixtures``), so
only a change of the mapping itself can make this fail.  A deliberate change of the
graph regenerates the snapshot with ``python -m tests.snapshot_support``.
"""
from __future__ import annotations

from kg.map import to_graph
from tests.snapshot_support import NOW, SEED_GRAPH, VERSION, canonical_nt, seed_mentions, seed_record


def test_seed_graph_equals_the_snapshot_triple_for_triple():
    mapped = to_graph(seed_record(), seed_mentions(), software_version=VERSION, now=NOW)
    expected = SEED_GRAPH.read_text(encoding="utf-8").splitlines()
    actual = canonical_nt(mapped.graph).splitlines()
    missing, extra = sorted(set(expected) - set(actual)), sorted(set(actual) - set(expected))
    assert (missing[:5], extra[:5]) == ([], []), f"{len(missing)} triples missing, {len(extra)} extra"
    assert len(actual) == len(expected)


def test_the_ntriples_text_equals_the_snapshot_and_the_graph():
    mapped = to_graph(seed_record(), seed_mentions(), software_version=VERSION, now=NOW)
    lines = mapped.ntriples.splitlines()
    assert len(lines) == len(set(lines)) == len(mapped)
    assert sorted(lines) == SEED_GRAPH.read_text(encoding="utf-8").splitlines()
    assert len(mapped.graph) == len(mapped)


def test_a_mapped_resolution_pickles_without_its_graph_and_rebuilds_it():
    import pickle

    mapped = to_graph(seed_record(), seed_mentions(), software_version=VERSION, now=NOW)
    _ = mapped.graph
    copy = pickle.loads(pickle.dumps(mapped))
    assert copy.__dict__["_graph"] is None and copy.ntriples == mapped.ntriples
    assert canonical_nt(copy.graph) == SEED_GRAPH.read_text(encoding="utf-8")
