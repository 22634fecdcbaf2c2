"""The vocabulary parses, every term is documented, and the mapping uses only defined terms."""
from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg.map import uris
from kg.map.docs import ontology_html
from kg.validate import ontology_graph
from tests.map_support import SEED, mapped

NS = uris.vocab()
# Standard vocabularies the mapping may use besides ours.
STANDARD = ("http://data.europa.eu/eli/ontology#", "https://schema.org/", "http://www.w3.org/ns/org#",
            "http://purl.org/spar/cito/", "http://www.w3.org/ns/oa#", "http://www.w3.org/ns/prov#",
            "http://www.w3.org/2004/02/skos/core#", "http://purl.org/dc/terms/", "http://www.w3.org/2002/07/owl#",
            "http://www.w3.org/2000/01/rdf-schema#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "http://xmlns.com/foaf/0.1/")


def _ours(graph: Graph) -> set[URIRef]:
    return {t for t in graph.subjects() if isinstance(t, URIRef) and str(t).startswith(NS)}


def test_ontology_parses_and_declares_itself():
    graph = ontology_graph()
    assert (URIRef(uris.ontology_iri()), RDF.type, OWL.Ontology) in graph
    assert len(_ours(graph)) > 60


def test_every_term_of_ours_has_a_label_and_a_definition():
    graph = ontology_graph()
    undocumented = [t for t in _ours(graph)
                    if graph.value(t, RDFS.label) is None or graph.value(t, SKOS.definition) is None]
    assert undocumented == []


def test_every_class_and_property_is_aligned_to_a_standard_or_scoped():
    graph = ontology_graph()
    for cls in graph.subjects(RDF.type, OWL.Class):
        assert graph.value(cls, RDFS.subClassOf) is not None, cls
    for prop in (*graph.subjects(RDF.type, OWL.ObjectProperty), *graph.subjects(RDF.type, OWL.DatatypeProperty)):
        assert any(graph.objects(prop, p) for p in (RDFS.subPropertyOf, RDFS.domain, RDFS.range)), prop


def test_every_term_the_mapping_uses_is_defined():
    graph = ontology_graph()
    defined = _ours(graph)
    used: set[URIRef] = set()
    data = mapped(str(SEED)).graph
    for s, p, o in data:
        used.add(p)
        if p == RDF.type:
            used.add(o)
    ours = {t for t in used if str(t).startswith(NS)}
    assert ours - defined == set()
    foreign = {t for t in used if not str(t).startswith(NS)}
    assert {t for t in foreign if not str(t).startswith(STANDARD)} == set()


def test_generated_documentation_lists_every_term():
    page = ontology_html()
    assert page.startswith("<!DOCTYPE html>")
    for term in _ours(ontology_graph()):
        assert f"id='{str(term)[len(NS):]}'" in page


def test_a_different_base_moves_the_namespace():
    graph = ontology_graph("https://example.org/kg")
    assert (URIRef("https://example.org/kg/def/unres#Resolution"), RDF.type, OWL.Class) in graph
