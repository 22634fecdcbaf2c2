"""The data users get conforms to the shapes we publish, as the store gives it back.

The store (Oxigraph) rewrites some typed literals when it keeps them: every integer subtype
(``xsd:nonNegativeInteger``, ``xsd:positiveInteger`` ...) comes back as ``xsd:integer``.  The
shapes and the ontology therefore state the datatype the store keeps, and the mapper writes
it.  These tests build a real store from the bundled sample (three of its documents record
votes), read each published graph back the ways a user does (from the store, from the
``kg dump`` release, from the SPARQL endpoint of ``kg serve``) and validate it with pyshacl
against the shapes published beside it.
"""
from __future__ import annotations

import gzip
import urllib.parse
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.publish import dump_release
from kg.publish.graphs import resolution_graphs
from kg.store import graphfiles
from kg.store.backends import EmbeddedStore
from kg.store.build import BuildOptions, build
from kg.store.graphfiles import canonical_lines
from kg.store.pipeline import standard_pipeline
from kg.store.scan import scan
from kg.validate.shapes import ONTOLOGY_PATH, SHAPES_PATH
from serve_support import ServerProcess, request

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample"
BASE = "https://w3id.org/unres"
UNRES = BASE + "/def/unres#"
VOTE_GRAPH = BASE + "/eli/un/sc/res/2023/2697/eng/graph"          # S/RES/2697 (2023): a recorded vote
VOTING = BASE + "/eli/un/sc/res/2023/2697/voting"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_INTEGER = XSD + "integer"
COUNTS = ("yesCount", "noCount", "abstainCount", "nonVotingCount")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """``kg build`` (in process, one job) of the bundled sample into an on-disk store."""
    store_dir = tmp_path_factory.mktemp("conforms") / "store"
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        store = EmbeddedStore(store_dir, BASE)
        try:
            build(BuildOptions(sources=[str(SAMPLE)], base=BASE, jobs=1, progress=False), store)
        finally:
            store.close()
    return store_dir


@pytest.fixture(scope="module")
def store(built) -> ox.Store:
    return ox.Store.read_only(str(built))


def _graph_of(store: ox.Store, graph: ox.NamedNode) -> Graph:
    """One named graph as the store gives it back (its N-Triples, parsed by rdflib)."""
    lines = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in store.quads_for_pattern(None, None, None, graph))
    return Graph().parse(data=lines, format="nt")


def _violations(data: Graph, shapes: Graph) -> str:
    """'' when ``data`` conforms to ``shapes``, else pyshacl's report (for the assertion message)."""
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes)
    return "" if conforms else text


def _published_shapes() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


def test_the_sample_has_graphs_with_recorded_votes(store):
    """Not vacuous: the graphs validated below hold vote counts (the values the store rewrote)."""
    with_counts = [g for g in resolution_graphs(store)
                   if next(store.quads_for_pattern(None, ox.NamedNode(UNRES + "yesCount"), None, g), None)]
    assert len(resolution_graphs(store)) >= 8 and len(with_counts) >= 3


def test_every_graph_read_back_from_the_store_conforms_to_the_shapes(store):
    shapes = _published_shapes()
    for graph in resolution_graphs(store):
        assert _violations(_graph_of(store, graph), shapes) == "", graph.value


def test_the_dump_users_download_conforms_to_the_shapes_released_with_it(built, store, tmp_path):
    """``kg dump`` (reading the graph files beside the store): each graph of the N-Quads dump
    and the whole N-Triples dump, against the ``unres-shapes.ttl`` of the same release."""
    dump_release(store, tmp_path, base=BASE, version="test", log=lambda message: None,
                 graph_files=graphfiles.folder_of(built))
    release = tmp_path / "test"
    shapes = Graph().parse(release / "unres-shapes.ttl", format="turtle")
    by_graph: dict[str, list[str]] = defaultdict(list)
    for quad in ox.parse(gzip.decompress((release / "unres.nq.gz").read_bytes()), format=ox.RdfFormat.N_QUADS):
        by_graph[quad.graph_name.value].append(f"{quad.subject} {quad.predicate} {quad.object} .\n")
    assert set(by_graph) == {g.value for g in resolution_graphs(store)}
    for name, lines in by_graph.items():
        assert _violations(Graph().parse(data="".join(lines), format="nt"), shapes) == "", name
    whole = Graph().parse(data=gzip.decompress((release / "unres.nt.gz").read_bytes()).decode(), format="nt")
    assert _violations(whole, shapes) == ""


def test_graphs_from_the_sparql_endpoint_conform_to_the_shapes_it_serves(built, store):
    """``kg serve`` on 127.0.0.1: the shapes from ``/def/shapes``, each graph by a CONSTRUCT on ``/sparql``."""
    with ServerProcess(built, timeout=20.0, workers=1, threads=2, max_rows=100_000) as server:
        status, _, body = request(server.url, "GET", "/def/shapes", headers={"Accept": "text/turtle"})
        assert status == 200
        shapes = Graph().parse(data=body.decode(), format="turtle")
        for graph in resolution_graphs(store):
            query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}"
            status, _, body = request(server.url, "GET", "/sparql?query=" + urllib.parse.quote(query),
                                      headers={"Accept": "application/n-triples"})
            assert status == 200, body[:200]
            data = Graph().parse(data=body.decode(), format="nt")
            assert len(data) == len(_graph_of(store, graph)), graph.value   # the whole graph, not cut
            assert _violations(data, shapes) == "", graph.value


def test_a_recorded_vote_as_stored_has_the_published_datatype_and_conforms(store):
    """S/RES/2697 (2023): 15 in favour.  Its counts come back from the store as xsd:integer, the
    range the ontology gives, and its voting record alone conforms to the shapes."""
    graph = ox.NamedNode(VOTE_GRAPH)
    counts = {q.predicate.value.removeprefix(UNRES): q.object
              for q in store.quads_for_pattern(ox.NamedNode(VOTING), None, None, graph)
              if q.predicate.value.removeprefix(UNRES) in COUNTS}
    assert counts["yesCount"] == ox.Literal("15", datatype=ox.NamedNode(XSD_INTEGER))
    assert {c.datatype.value for c in counts.values()} == {XSD_INTEGER}
    ontology = Graph().parse(ONTOLOGY_PATH, format="turtle")
    assert ontology.value(URIRef(UNRES + "yesCount"), RDFS.range) == URIRef(XSD_INTEGER)
    whole = _graph_of(store, graph)
    votes = set(whole.objects(URIRef(VOTING), URIRef(UNRES + "stateVote")))
    voters = {voter for vote in votes for voter in whole.objects(vote, URIRef(UNRES + "voter"))}
    voting = Graph()
    for triple in whole:   # the voting record, its State votes and the voting States
        if triple[0] in {URIRef(VOTING), *votes, *voters}:
            voting.add(triple)
    assert len(votes) == 15 and len(voters) == 15
    assert (URIRef(VOTING), RDF.type, URIRef(UNRES + "Voting")) in voting
    assert _violations(voting, _published_shapes()) == ""


def test_every_literal_the_store_keeps_has_the_range_the_ontology_gives(store):
    """For each of our datatype properties with an XSD range, the stored values have exactly that datatype."""
    ontology = Graph().parse(ONTOLOGY_PATH, format="turtle")
    ranges = {str(p): str(r) for p in ontology.subjects(RDF.type, OWL.DatatypeProperty)
              for r in ontology.objects(p, RDFS.range) if str(r).startswith(XSD)}
    seen: dict[str, set[str]] = defaultdict(set)
    for graph in resolution_graphs(store):
        for quad in store.quads_for_pattern(None, None, None, graph):
            if quad.predicate.value in ranges and isinstance(quad.object, ox.Literal) and not quad.object.language:
                seen[quad.predicate.value].add(quad.object.datatype.value)
    assert {UNRES + c for c in ("yesCount", "noCount", "abstainCount", "sourceLine")} <= set(seen)
    assert {p: d for p, d in seen.items() if d != {ranges[p]}} == {}


def test_the_mapper_writes_the_datatypes_the_store_keeps():
    """Per sample document: the typed literals of the mapper's N-Triples keep their datatypes
    through the store (only lexical forms may change: ``0.500`` -> ``0.5``, ``+00:00`` -> ``Z``)."""
    run = standard_pipeline(BASE)
    checked = 0
    for source in scan([str(SAMPLE)]):
        outcome = run(source.path, source.sha256)
        if outcome.refused or graphfiles.has_blank_nodes(outcome.ntriples):
            continue
        written = {line.rsplit("^^", 1)[1] for line in outcome.ntriples.splitlines() if '"^^<' in line}
        stored = {line.rsplit("^^", 1)[1] for line in canonical_lines(outcome.ntriples).decode().splitlines()
                  if '"^^<' in line}
        assert written == stored, source.path
        checked += 1
    assert checked >= 8
