"""Every example query answers in well under a second on a store many times the size of the test corpus.

The store is the query test corpus copied COPIES times: each copy renames its resolutions (IRIs, symbols)
and their sessions, meetings and agenda items, while States, organs, places, organizations and cited
documents stay shared, as in a larger real corpus. That sharing is what makes naive queries blow up: in the
union default graph a State is repeated once per graph that names it. The 40 copies make ~880 graphs and
1.9 million quads (about three times the real corpus; ~20 s to build). Set KG_QUERY_STORE to the directory
of a real store (`kg build ../shared/corpus --store DIR`) to time the queries on it instead."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.test_queries_corpus import QUERIES, graphs

# Speed is for benchmarks, not for `make test`: this guard runs with the long runs (`pytest -m slow`).
pytestmark = pytest.mark.slow

COPIES = int(os.environ.get("KG_QUERY_COPIES", "40"))
BUDGET_S = 1.0
U = "https://w3id.org/unres/def/unres#"
RENAMED_PATHS = re.compile(r"(/eli/un/|/id/session/|/id/meeting/|/id/agenda/)")
RENAMED_LITERALS = re.compile(
    rf'^(<[^>]*> <{re.escape(U)}(?:symbol|resolutionNumber|sessionLabel)> "[^"]*)"')


def copy_of(nquads: str, k: int) -> str:
    """Copy k of the store's N-Quads: its own resolutions and sessions, the same States and places."""
    text = RENAMED_PATHS.sub(lambda m: f"{m.group(1)}copy{k}/", nquads)
    return "\n".join(RENAMED_LITERALS.sub(lambda m: f'{m.group(1)} copy{k}"', line) for line in text.split("\n"))


@pytest.fixture(scope="module")
def big_store() -> ox.Store:
    if os.environ.get("KG_QUERY_STORE"):
        return ox.Store.read_only(os.environ["KG_QUERY_STORE"])
    original = ox.Store()
    for iri, graph in graphs().items():
        original.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                      to_graph=ox.NamedNode(iri))
    nquads = original.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    store = ox.Store()
    store.bulk_load(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    for k in range(1, COPIES):
        store.bulk_load(copy_of(nquads, k).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


def test_copies_share_states_but_not_resolutions():
    line = ('<https://w3id.org/unres/eli/un/ga/res/80/1> <https://w3id.org/unres/def/unres#symbol> "A/RES/80/1" '
            '<https://w3id.org/unres/eli/un/ga/res/80/1/eng/graph> .\n'
            '<https://w3id.org/unres/id/state/fra> <https://w3id.org/unres/def/unres#iso3> "FRA" '
            '<https://w3id.org/unres/eli/un/ga/res/80/1/eng/graph> .')
    assert copy_of(line, 3).split("\n") == [
        '<https://w3id.org/unres/eli/un/copy3/ga/res/80/1> <https://w3id.org/unres/def/unres#symbol> '
        '"A/RES/80/1 copy3" <https://w3id.org/unres/eli/un/copy3/ga/res/80/1/eng/graph> .',
        '<https://w3id.org/unres/id/state/fra> <https://w3id.org/unres/def/unres#iso3> "FRA" '
        '<https://w3id.org/unres/eli/un/copy3/ga/res/80/1/eng/graph> .']


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_query_answers_within_a_second(big_store, path: Path):
    text = path.read_text(encoding="utf-8")
    started = time.perf_counter()
    rows = list(big_store.query(text, use_default_graph_as_union=True))
    elapsed = time.perf_counter() - started
    assert rows, f"{path.name}: no results"
    assert elapsed < BUDGET_S, f"{path.name}: {elapsed:.2f} s on {len(big_store)} quads"
