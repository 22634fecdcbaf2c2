"""VoID description of the published graph, computed from the store with SPARQL.

``void_graph(store, base)`` is pure with respect to the store: it reads
statistics over the resolution graphs (the union of all named graphs when
the store holds nothing else, else exactly the resolution graphs as the
default graph) and returns an rdflib ``Graph``.  Counts are over distinct
triples: a triple stated in two resolution graphs counts once, as in the
N-Triples dump.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, SKOS, XSD

from kg.publish.formats import DUMPS
from kg.publish.graphs import resolution_graphs
from kg.publish.licences import LICENCES

VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
LINK_PREDICATES = (OWL.sameAs, SKOS.exactMatch)
FORMAT_FEATURES = {"nt": "N-Triples", "nq": "N-Quads", "ttl": "Turtle", "jsonld": "JSON-LD"}
EXAMPLE_COUNT = 3


@dataclass
class VoidStats:
    """The numbers a VoID description states, as plain data."""

    triples: int
    entities: int
    distinct_subjects: int
    distinct_objects: int
    classes: dict[str, int] = field(default_factory=dict)      # class IRI -> entities
    properties: dict[str, int] = field(default_factory=dict)   # property IRI -> triples
    linksets: dict[str, int] = field(default_factory=dict)     # link predicate -> links to Wikidata
    examples: list[str] = field(default_factory=list)


def query_scope(store: ox.Store) -> dict:
    """Query the union of all graphs when only resolution graphs exist, else just those."""
    graphs = resolution_graphs(store)
    published = {g.value for g in graphs}
    others = [g for g in store.named_graphs() if not (isinstance(g, ox.NamedNode) and g.value in published)]
    default_empty = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None
    if not others and default_empty:
        return {"use_default_graph_as_union": True}
    return {"default_graph": graphs or [ox.NamedNode("urn:x-kg:empty")]}


def _scalar(store: ox.Store, sparql: str, kwargs: dict) -> int:
    for row in store.query(sparql, **kwargs):
        value = row[0]
        return int(value.value) if value is not None else 0
    return 0


def compute_stats(store: ox.Store, uri_space: str) -> VoidStats:
    """Count triples, entities, subjects, objects, partitions and Wikidata links."""
    kw = query_scope(store)
    distinct = "{ SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    stats = VoidStats(
        triples=_scalar(store, f"SELECT (COUNT(*) AS ?n) WHERE {distinct}", kw),
        entities=_scalar(
            store,
            f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ ?s ?p ?o }} }} "
            f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{uri_space}")) }}',
            kw,
        ),
        distinct_subjects=_scalar(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }", kw),
        distinct_objects=_scalar(store, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }", kw),
    )
    for row in store.query("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c", **kw):
        if isinstance(row[0], ox.NamedNode):
            stats.classes[row[0].value] = int(row[1].value)
    for row in store.query(f"SELECT ?p (COUNT(*) AS ?n) WHERE {distinct} GROUP BY ?p", **kw):
        stats.properties[row[0].value] = int(row[1].value)
    for predicate in LINK_PREDICATES:
        n = _scalar(
            store,
            f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ ?s <{predicate}> ?o "
            f'FILTER(isIRI(?o) && STRSTARTS(STR(?o), "{WIKIDATA_ENTITY}")) }} }}',
            kw,
        )
        if n:
            stats.linksets[str(predicate)] = n
    resolution_class = f"{uri_space}def/unres#Resolution"
    for row in store.query(f"SELECT DISTINCT ?s WHERE {{ ?s a <{resolution_class}> }} LIMIT {EXAMPLE_COUNT}", **kw):
        stats.examples.append(row[0].value)
    if not stats.examples:
        for row in store.query(f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(isIRI(?s)) }} LIMIT {EXAMPLE_COUNT}", **kw):
            stats.examples.append(row[0].value)
    return stats


def vocabulary_of(iri: str) -> str:
    """The namespace of a term: up to and including the last '#' or '/'."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def dataset_iri(base: str, version: str | None = None) -> str:
    base = base.rstrip("/")
    return f"{base}/dataset/{version}" if version else f"{base}/dataset"


def void_graph(
    store: ox.Store,
    base: str = "https://w3id.org/unres",
    *,
    version: str | None = None,
    sparql_endpoint: str | None = None,
    data_url: str | None = None,
    stats: VoidStats | None = None,
) -> Graph:
    """The VoID description of the store's published graph.

    ``version`` names the release (its dumps are under ``{data_url}``, by
    default ``{base}/data/{version or 'latest'}``); ``sparql_endpoint``
    defaults to ``{base}/sparql``.  Pass ``stats`` to reuse counts already
    computed (they are the slow part on a large store).
    """
    base = base.rstrip("/")
    uri_space = f"{base}/"
    stats = stats or compute_stats(store, uri_space)
    data_url = (data_url or f"{base}/data/{version or 'latest'}").rstrip("/")
    endpoint = sparql_endpoint or f"{base}/sparql"

    g = Graph()
    g.bind("void", VOID)
    g.bind("dcterms", DCTERMS)
    g.bind("foaf", FOAF)
    g.bind("owl", OWL)
    g.bind("skos", SKOS)
    ds = URIRef(dataset_iri(base, version))
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal("United Nations resolutions knowledge graph", lang="en")))
    g.add((ds, DCTERMS.license, URIRef(LICENCES["data"].iri)))
    g.add((ds, FOAF.homepage, URIRef(uri_space)))
    g.add((ds, VOID.uriSpace, Literal(uri_space)))
    g.add((ds, VOID.sparqlEndpoint, URIRef(endpoint)))
    for release_file in DUMPS:
        g.add((ds, VOID.dataDump, URIRef(f"{data_url}/{release_file.filename}")))
        g.add((ds, VOID.feature, FORMATS_NS[FORMAT_FEATURES[release_file.key]]))
    g.add((ds, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    g.add((ds, VOID.entities, Literal(stats.entities, datatype=XSD.integer)))
    g.add((ds, VOID.distinctSubjects, Literal(stats.distinct_subjects, datatype=XSD.integer)))
    g.add((ds, VOID.distinctObjects, Literal(stats.distinct_objects, datatype=XSD.integer)))
    g.add((ds, VOID.classes, Literal(len(stats.classes), datatype=XSD.integer)))
    g.add((ds, VOID.properties, Literal(len(stats.properties), datatype=XSD.integer)))
    for example in stats.examples:
        g.add((ds, VOID.exampleResource, URIRef(example)))
    vocabularies = {vocabulary_of(c) for c in stats.classes} | {vocabulary_of(p) for p in stats.properties}
    for vocabulary in sorted(vocabularies):
        g.add((ds, VOID.vocabulary, URIRef(vocabulary)))
    for cls, n in sorted(stats.classes.items()):
        part = BNode()
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    for prop, n in sorted(stats.properties.items()):
        part = BNode()
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, Literal(n, datatype=XSD.integer)))
    if stats.linksets:
        wikidata = URIRef("http://www.wikidata.org/")
        g.add((wikidata, RDF.type, VOID.Dataset))
        g.add((wikidata, DCTERMS.title, Literal("Wikidata", lang="en")))
        g.add((wikidata, FOAF.homepage, URIRef("https://www.wikidata.org/")))
        g.add((wikidata, VOID.uriSpace, Literal(WIKIDATA_ENTITY)))
        g.add((wikidata, VOID.sparqlEndpoint, URIRef("https://query.wikidata.org/sparql")))
        g.add((wikidata, DCTERMS.license, URIRef(LICENCES["wikidata"].iri)))
    for predicate, n in sorted(stats.linksets.items()):
        local = predicate.rsplit("#", 1)[-1]
        linkset = URIRef(f"{ds}/links/wikidata/{local}")
        g.add((linkset, RDF.type, VOID.Linkset))
        g.add((ds, VOID.subset, linkset))
        g.add((linkset, VOID.subjectsTarget, ds))
        g.add((linkset, VOID.objectsTarget, URIRef("http://www.wikidata.org/")))
        g.add((linkset, VOID.linkPredicate, URIRef(predicate)))
        g.add((linkset, VOID.triples, Literal(n, datatype=XSD.integer)))
    return g
