"""Descriptions of the service itself: the SPARQL 1.1 Service Description and VoID."""
from __future__ import annotations

import pyoxigraph as ox
from flask import Response, abort, current_app, request

from . import formats
from .pool import QueryJob

_OX = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
       "rdfxml": ox.RdfFormat.RDF_XML}

_RESULT_FORMAT_IRIS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                       "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def service_description(endpoint: str, base: str, timeout: float, max_rows: int, federation: bool) -> str:
    """The SPARQL 1.1 Service Description of this endpoint, as Turtle (pure)."""
    site = endpoint.rsplit("/", 1)[0]    # this server: the releases, the catalogue and the VoID are here
    result_formats = ", ".join(f"<http://www.w3.org/ns/formats/{name}>" for name in _RESULT_FORMAT_IRIS)
    features = "sd:UnionDefaultGraph, sd:BasicFederatedQuery" if federation else "sd:UnionDefaultGraph"
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<{endpoint}#service> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat {result_formats} ;
    sd:feature {features} ;
    sd:defaultEntailmentRegime <http://www.w3.org/ns/entailment/Simple> ;
    sd:defaultDataset <{base}/dataset> ;
    rdfs:seeAlso <{site}/.well-known/void>, <{site}/catalog>, <{site}/data/> ;
    rdfs:comment "Read-only SPARQL 1.1 endpoint. SPARQL Update is refused. A query is stopped after {timeout:g} seconds; results are cut at {max_rows} rows or triples, and a cut result carries the header X-Result-Truncated: true. SERVICE may only call allow-listed endpoints; FROM never fetches."@en .

<{base}/dataset> a sd:Dataset, void:Dataset ;
    dcterms:title "United Nations resolutions knowledge graph"@en ;
    void:sparqlEndpoint <{endpoint}> ;
    void:uriSpace "{base}/" ;
    rdfs:seeAlso <{base}/.well-known/void> ;
    sd:defaultGraph [
        a sd:Graph ;
        rdfs:comment "The default graph is the union of all named graphs: one named graph per resolution expression ({{work}}/{{lang}}/graph)."@en
    ] .
"""


def service_description_response() -> Response:
    kg = current_app.extensions["kg"]
    fmt = formats.negotiate(request.accept_mimetypes, formats.GRAPH_FORMATS)
    if fmt is None:
        abort(406, description="The service description is available as "
                               + ", ".join(formats.media_types(formats.GRAPH_FORMATS)) + ".")
    from .releases import scope_cache, site_url
    endpoint = f"{site_url()}/sparql"     # --public-url when set, never a forged Host
    turtle = service_description(endpoint, kg.config.base, kg.config.timeout, kg.config.max_rows,
                                 bool(kg.config.service_allowlist))
    response = Response(_convert(turtle, fmt.name), content_type=fmt.content_type)
    response.headers["Vary"] = "Accept"
    kg.cache_headers(response, f"sd|{endpoint}|{fmt.name}")
    return scope_cache(response)


def _convert(turtle: str | bytes, fmt: str) -> bytes:
    data = turtle.encode() if isinstance(turtle, str) else turtle
    if fmt == "ttl":
        return data
    quads = ox.parse(data, format=ox.RdfFormat.TURTLE)
    return ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=_OX[fmt])


_void_cache: dict[str, bytes] = {}


def void_turtle(kg) -> bytes:
    """The VoID of the store: the publish stage's ``void_graph`` run in a worker, else a minimal one."""
    key = kg.stamp
    if key not in _void_cache:
        outcome = kg.pool.run(QueryJob("", task="void", base=kg.config.base))
        _void_cache[key] = outcome.body if outcome.status == "ok" else minimal_void(kg)
    return _void_cache[key]


def minimal_void(kg) -> bytes:
    """A small VoID description from two counting queries (used when kg.publish cannot answer)."""
    base = kg.config.base
    rows = kg.select("SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?g) AS ?graphs) "
                     "WHERE { GRAPH ?g { ?s ?p ?o } }")
    triples = rows[0]["triples"]["value"] if rows else "0"
    return f"""@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{base}/dataset> a void:Dataset ;
    dcterms:title "United Nations resolutions knowledge graph"@en ;
    void:uriSpace "{base}/" ;
    void:sparqlEndpoint <{base}/sparql> ;
    void:triples "{triples}"^^xsd:integer .
""".encode()
