"""What the standard pipeline publishes from a mapped resolution, and the worker set-up.

The mapper vouches that its triples hold no blank node (every term it makes is an
IRI or a literal), so the pipeline takes its N-Triples as they are, without
scanning them; a ``MappedResolution`` made from an rdflib Graph is checked, and
its blank nodes relabelled, as before.
"""
from __future__ import annotations

import gc

from rdflib import BNode, Graph, Literal, URIRef

from kg.map import MappedResolution, to_graph
from kg.store.pipeline import _serialized
from tests.snapshot_support import NOW, VERSION, seed_mentions, seed_record

W = "https://w3id.org/unres/eli/un/ga/res/65/140"


def test_the_mappers_ntriples_are_published_as_they_are_one_line_a_triple():
    mapped = to_graph(seed_record(), seed_mentions(), software_version=VERSION, now=NOW)
    assert mapped.blank_node_free
    text, count = _serialized(mapped)
    assert text is mapped.ntriples
    assert count == len(mapped) == text.count("\n") == len(text.splitlines())
    assert "".join(f"{s} {p} {o} .\n" for s, p, o in mapped.triples) == text


def test_a_graph_with_a_blank_node_is_checked_and_relabelled():
    graph = Graph()
    node = BNode("fixed")
    graph.add((URIRef(W), URIRef(f"{W}#vote"), node))
    graph.add((node, URIRef(f"{W}#yes"), Literal(130)))
    mapped = MappedResolution(f"{W}/eng/graph", graph, W)
    assert not mapped.blank_node_free
    text, count = _serialized(mapped)
    assert count == 2 and "_:" in text and "_:fixed" not in text


def test_replacing_the_graph_withdraws_the_mappers_word():
    mapped = to_graph(seed_record(), seed_mentions(), software_version=VERSION, now=NOW)
    graph = Graph()
    graph.add((URIRef(W), URIRef(f"{W}#vote"), BNode("b")))
    mapped.graph = graph
    assert not mapped.blank_node_free
    text, count = _serialized(mapped)
    assert count == 1 and "_:b " not in text and text.count("_:") == 1


def test_a_worker_freezes_what_its_pipeline_loaded_and_collects_less_often():
    from kg.store import workers

    threshold = gc.get_threshold()
    gc.unfreeze()
    try:
        workers._init_worker("kg.store.pipeline:rdf_file_pipeline", "https://w3id.org/unres", None)
        assert gc.get_freeze_count() > 0 and workers._PIPELINE is not None
        assert gc.get_threshold()[0] > threshold[0]
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        workers._PIPELINE = None
