"""Every dump of a real store (seed + AKN files, built by `kg build`) parses back, with an
independent parser, to exactly the triples of the store's resolution graphs."""
from __future__ import annotations

import gzip
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.publish import dump_release
from kg.publish.graphs import resolution_graphs
from kg.store import graphfiles
from publish_support import (blank_shape, build_real_store, real_sources, rdflib_quads, rdflib_triples,
                             split_ground, store_quads, store_triples)

pytestmark = pytest.mark.skipif(len(real_sources()) < 2, reason="corpus not found (set KG_SHARED)")


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    root = tmp_path_factory.mktemp("real")
    build_real_store(root / "store", real_sources(3))
    store = ox.Store.read_only(str(root / "store"))
    files = graphfiles.folder_of(root / "store")          # as `kg dump` does: the graph files kg build wrote
    assert files is not None and any(files.iterdir())
    manifest = dump_release(store, root / "data", version="t1", log=lambda m: None, graph_files=files)
    return store, root / "data" / "t1", manifest


def _same_triples(store_side: set, parsed: list) -> None:
    expected_ground, expected_blank = split_ground(store_side)
    got_ground, got_blank = split_ground(set(parsed))
    assert got_ground == expected_ground
    assert blank_shape(got_blank) == blank_shape(expected_blank)


def test_store_has_several_resolution_graphs_and_nothing_else(real):
    store, _, manifest = real
    graphs = resolution_graphs(store)
    assert len(graphs) >= 3 and manifest.graphs == len(graphs)
    assert len(list(store.named_graphs())) == len(graphs), "the build manifest is beside the store, not in it"


@pytest.mark.parametrize("filename,fmt", [("unres.nt.gz", "nt"), ("unres.ttl.gz", "turtle"),
                                          ("unres.jsonld.gz", "json-ld")])
def test_dump_parses_back_with_rdflib_to_the_store_triples(real, filename, fmt):
    store, release, _ = real
    _same_triples(store_triples(store, resolution_graphs(store)), rdflib_triples(release / filename, fmt))


def test_nquads_keep_one_named_graph_per_resolution_expression(real):
    store, release, _ = real
    parsed = rdflib_quads(release / "unres.nq.gz")
    expected = store_quads(store, resolution_graphs(store))
    assert {q for q in parsed if not any(t[0] == "B" for t in q)} == {
        q for q in expected if not any(t[0] == "B" for t in q)}
    assert len(parsed) == len(expected)
    assert {q[3][1] for q in parsed} == {g.value for g in resolution_graphs(store)}


def test_build_manifest_is_not_published(real):
    store, release, _ = real
    with gzip.open(release / "unres.nq.gz", "rt", encoding="utf-8") as handle:
        text = handle.read()
    assert "/graph/build-manifest" not in text
    assert "/def/build#" not in text


def test_ntriples_are_sorted_and_unique(real):
    _, release, manifest = real
    with gzip.open(release / "unres.nt.gz", "rb") as handle:
        lines = handle.read().splitlines()
    assert lines == sorted(set(lines))
    assert len(lines) == manifest.triples


def test_ntriples_dump_is_deterministic(real, tmp_path):
    store, release, _ = real
    again = dump_release(store, tmp_path, version="t2", log=lambda m: None)
    assert again.file("unres.nt.gz").sha256 == sha(release / "unres.nt.gz")
    assert (tmp_path / "t2" / "unres.nt.gz").read_bytes() == (release / "unres.nt.gz").read_bytes()


def test_ontology_and_shapes_ship_with_the_release(real):
    _, release, manifest = real
    for name, source in (("unres-ontology.ttl", "ontology/unres.ttl"), ("unres-shapes.ttl", "shapes/unres-shapes.ttl")):
        original = Path(__file__).resolve().parents[1] / source
        if original.exists():
            assert (release / name).read_bytes() == original.read_bytes()
            assert manifest.file(name) is not None


ADOPTED = "<https://w3id.org/unres/def/unres#adoptionDate>"
REALIZED = "<http://data.europa.eu/eli/ontology#is_realized_by>"


def test_temporal_coverage_comes_from_the_adoption_dates_of_the_texts(real):
    store, _, manifest = real
    dates = sorted(str(row[0].value) for row in store.query(
        f"SELECT DISTINCT ?d WHERE {{ GRAPH ?g {{ ?r {ADOPTED} ?d ; {REALIZED} ?e }} }}"))
    assert dates, "the real graphs carry adoption dates"
    assert (manifest.temporal_start, manifest.temporal_end) == (dates[0], dates[-1])


def test_temporal_coverage_leaves_out_resolutions_only_cited(real):
    # the seed cites resolution 3369 (XXX) "of 10 October 1975": its date is in the graph, its text is not
    store, _, manifest = real
    cited = sorted(str(row[0].value) for row in store.query(
        f"SELECT DISTINCT ?d WHERE {{ GRAPH ?g {{ ?r {ADOPTED} ?d FILTER NOT EXISTS {{ ?r {REALIZED} ?e }} }} }}"))
    assert "1975-10-10" in cited
    assert manifest.temporal_start > "1975-10-10"


def sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()
