"""VoID: its counts equal counts made independently from the store's quads."""
from __future__ import annotations

from collections import Counter, defaultdict

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, SKOS

from kg.publish import void_graph
from kg.publish.graphs import resolution_graphs
from kg.publish.sample_store import build_sample_store
from publish_support import store_triples

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
BASE = "https://w3id.org/unres"
RDF_TYPE = ("I", str(RDF.type))


@pytest.fixture(scope="module")
def described(tmp_path_factory):
    path = tmp_path_factory.mktemp("void") / "store"
    build_sample_store(path, 25)
    store = ox.Store.read_only(str(path))
    graph = void_graph(store, BASE, version="v1")
    # rdflib wrote it; read it back with pyoxigraph's parser to check it is well-formed Turtle
    text = graph.serialize(format="turtle")
    assert len(list(ox.parse(text, format=ox.RdfFormat.TURTLE))) == len(graph)
    return store, graph, store_triples(store, resolution_graphs(store))


def _int(graph, subject, predicate) -> int:  # type: ignore[no-untyped-def]
    return int(graph.value(subject, predicate))


def _dataset(graph):  # type: ignore[no-untyped-def]
    return rdflib.URIRef(f"{BASE}/dataset/v1")


def test_dataset_counts_equal_independent_counts(described):
    _, graph, triples = described
    ds = _dataset(graph)
    assert _int(graph, ds, VOID.triples) == len(triples)
    assert _int(graph, ds, VOID.distinctSubjects) == len({t[0] for t in triples})
    assert _int(graph, ds, VOID.distinctObjects) == len({t[2] for t in triples})
    assert _int(graph, ds, VOID.entities) == len({t[0] for t in triples
                                                   if t[0][0] == "I" and t[0][1].startswith(BASE + "/")})


def test_class_and_property_partitions(described):
    _, graph, triples = described
    ds = _dataset(graph)
    per_class = defaultdict(set)
    for s, p, o in triples:
        if p == RDF_TYPE:
            per_class[o[1]].add(s)
    per_property = Counter(p[1] for _, p, _ in triples)
    classes = {str(graph.value(part, VOID["class"])): int(graph.value(part, VOID.entities))
               for part in graph.objects(ds, VOID.classPartition)}
    properties = {str(graph.value(part, VOID.property)): int(graph.value(part, VOID.triples))
                  for part in graph.objects(ds, VOID.propertyPartition)}
    assert classes == {c: len(s) for c, s in per_class.items()}
    assert properties == dict(per_property)
    vocabularies = {str(v) for v in graph.objects(ds, VOID.vocabulary)}
    assert f"{BASE}/def/unres#" in vocabularies and str(RDF) in vocabularies


def test_wikidata_linksets(described):
    _, graph, triples = described
    ds = _dataset(graph)
    linksets = {str(graph.value(ls, VOID.linkPredicate)): ls for ls in graph.subjects(RDF.type, VOID.Linkset)}
    assert set(linksets) == {str(OWL.sameAs), str(SKOS.exactMatch)}
    for predicate, linkset in linksets.items():
        expected = sum(1 for s, p, o in triples
                       if p == ("I", predicate) and o[0] == "I" and o[1].startswith("http://www.wikidata.org/entity/"))
        assert expected > 0
        assert _int(graph, linkset, VOID.triples) == expected
        assert graph.value(linkset, VOID.subjectsTarget) == ds
        assert graph.value(linkset, VOID.objectsTarget) == rdflib.URIRef("http://www.wikidata.org/")


def test_access_points(described):
    store, graph, _ = described
    ds = _dataset(graph)
    assert str(graph.value(ds, VOID.uriSpace)) == BASE + "/"
    assert str(graph.value(ds, VOID.sparqlEndpoint)) == BASE + "/sparql"
    dumps = {str(d) for d in graph.objects(ds, VOID.dataDump)}
    assert f"{BASE}/data/v1/unres.nt.gz" in dumps and len(dumps) == 4
    examples = list(graph.objects(ds, VOID.exampleResource))
    assert examples and all(any(True for _ in store.quads_for_pattern(ox.NamedNode(str(e)), None, None)) for e in examples)


def test_live_description_without_version_points_at_latest(described):
    store, _, _ = described
    graph = void_graph(store, "http://127.0.0.1:9999", sparql_endpoint="http://127.0.0.1:9999/sparql")
    ds = rdflib.URIRef("http://127.0.0.1:9999/dataset")
    assert (ds, RDF.type, VOID.Dataset) in graph
    assert rdflib.URIRef("http://127.0.0.1:9999/data/latest/unres.nt.gz") in set(graph.objects(ds, VOID.dataDump))
