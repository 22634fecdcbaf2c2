"""The SPARQL 1.1 Protocol of `kg serve`, against the real app on a loopback port, with real clients."""
from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
import xml.dom.minidom

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from kg.serve.app import create_app
from kg.serve.config import ServeConfig
from kg.serve.testing import LiveServer, shared_sample_store

SEED = "https://w3id.org/unres/eli/un/ga/res/65/140"
COUNT_RESOLUTIONS = ("PREFIX unres: <https://w3id.org/unres/def/unres#> "
                     "SELECT ?r ?symbol WHERE { ?r a unres:Resolution ; unres:symbol ?symbol } ORDER BY ?symbol")


@pytest.fixture(scope="module")
def server():
    app = create_app(ServeConfig(store_path=str(shared_sample_store()), workers=2, timeout=20, max_rows=200))
    with LiveServer(app) as live:
        yield live


def http(server, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(server.url + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def q(query: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query})


def expected_symbols(graph: str | None = None) -> list[str]:
    """What pyoxigraph itself answers, over the union of graphs or over one graph."""
    store = ox.Store.read_only(str(shared_sample_store()))
    dataset = {"default_graph": [ox.NamedNode(graph)]} if graph else {"use_default_graph_as_union": True}
    try:
        return sorted(s["symbol"].value for s in store.query(COUNT_RESOLUTIONS, **dataset))
    finally:
        del store


# --- SPARQLWrapper, every result format -------------------------------------------------

def wrapper(server, fmt, query=COUNT_RESOLUTIONS, method=None) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method:
        client.setMethod(method)
    return client


def test_sparqlwrapper_json_select_gives_the_stores_resolutions(server):
    result = wrapper(server, JSON).query().convert()
    assert sorted(b["symbol"]["value"] for b in result["results"]["bindings"]) == expected_symbols()
    assert "A/RES/65/140" in expected_symbols()


def test_sparqlwrapper_xml_select(server):
    document = wrapper(server, XML).query().convert()
    assert isinstance(document, xml.dom.minidom.Document)
    literals = [n.firstChild.data for n in document.getElementsByTagName("literal")]
    assert sorted(literals) == expected_symbols()


def test_sparqlwrapper_csv_select(server):
    rows = list(csv.DictReader(io.StringIO(wrapper(server, CSV).query().convert().decode())))
    assert sorted(r["symbol"] for r in rows) == expected_symbols()


def test_sparqlwrapper_tsv_select(server):
    lines = wrapper(server, TSV).query().convert().decode().splitlines()
    assert lines[0] == "?r\t?symbol"
    assert sorted(line.split("\t")[1].strip('"') for line in lines[1:]) == expected_symbols()


def test_sparqlwrapper_post_json_ask(server):
    result = wrapper(server, JSON, f"ASK {{ <{SEED}> ?p ?o }}", POST).query().convert()
    assert result["boolean"] is True


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD, RDFXML])
def test_sparqlwrapper_construct_formats(server, fmt):
    query = f"CONSTRUCT {{ <{SEED}> ?p ?o }} WHERE {{ <{SEED}> ?p ?o }}"
    result = wrapper(server, fmt, query).query()
    converted = result.convert()
    graph = converted if isinstance(converted, Graph) else Graph().parse(data=converted, format="turtle")
    assert (URIRef(SEED), URIRef("https://w3id.org/unres/def/unres#symbol"), None) in graph
    assert len(graph) > 5


def test_describe_as_ntriples_by_accept(server):
    status, headers, body = http(server, "GET", q(f"DESCRIBE <{SEED}>"), headers={"Accept": "application/n-triples"})
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    graph = Graph().parse(data=body.decode(), format="nt")
    assert (URIRef(SEED), None, None) in graph


def test_rdflib_sparqlstore_reads_the_endpoint(server):
    store = SPARQLStore(server.url + "/sparql")
    rows = list(store.query(COUNT_RESOLUTIONS))
    assert sorted(str(r.symbol) for r in rows) == expected_symbols()
    graph = Graph(store=store)
    assert (URIRef(SEED), URIRef("https://w3id.org/unres/def/unres#symbol"), None) in graph


# --- the three routes and the dataset -------------------------------------------------------

def test_url_encoded_post_and_direct_post_agree_with_get(server):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    _, _, by_get = http(server, "GET", q(query))
    _, _, by_form = http(server, "POST", "/sparql", urllib.parse.urlencode({"query": query}).encode(),
                         {"Content-Type": "application/x-www-form-urlencoded"})
    _, _, direct = http(server, "POST", "/sparql", query.encode(), {"Content-Type": "application/sparql-query"})
    counts = {json.loads(b)["results"]["bindings"][0]["n"]["value"] for b in (by_get, by_form, direct)}
    assert len(counts) == 1 and int(counts.pop()) > 1000


def test_default_graph_uri_restricts_the_dataset(server):
    graph = SEED + "/eng/graph"
    path = "/sparql?" + urllib.parse.urlencode({"query": COUNT_RESOLUTIONS, "default-graph-uri": graph})
    status, _, body = http(server, "GET", path)
    symbols = sorted(b["symbol"]["value"] for b in json.loads(body)["results"]["bindings"])
    assert status == 200 and symbols == expected_symbols(graph)
    assert "A/RES/65/140" in symbols and "A/RES/78/102" not in symbols and symbols != expected_symbols()


def test_named_graph_uri_restricts_graph_clauses(server):
    graph = SEED + "/eng/graph"
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    path = "/sparql?" + urllib.parse.urlencode({"query": query, "named-graph-uri": graph})
    _, _, body = http(server, "GET", path)
    assert [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]] == [graph]


def test_query_from_clause_is_honoured(server):
    graph = SEED + "/eng/graph"
    query = COUNT_RESOLUTIONS.replace("WHERE", f"FROM <{graph}> WHERE")
    _, _, body = http(server, "GET", q(query))
    symbols = sorted(b["symbol"]["value"] for b in json.loads(body)["results"]["bindings"])
    assert symbols == expected_symbols(graph) and "A/RES/78/102" not in symbols


# --- negotiation, headers, limits -------------------------------------------------------------

@pytest.mark.parametrize("accept,media", [
    ("application/sparql-results+xml;q=0.9, text/csv", "text/csv"),
    ("text/csv;q=0.2, text/tab-separated-values;q=0.8", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
])
def test_content_negotiation_follows_q_values(server, accept, media):
    status, headers, _ = http(server, "GET", q(COUNT_RESOLUTIONS), headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    assert "Accept" in headers["Vary"]


def test_nothing_acceptable_is_406(server):
    status, _, body = http(server, "GET", q(COUNT_RESOLUTIONS), headers={"Accept": "image/png"})
    assert status == 406 and b"application/sparql-results+json" in body


def test_construct_refuses_results_only_accept(server):
    status, _, _ = http(server, "GET", q(f"DESCRIBE <{SEED}>"), headers={"Accept": "text/csv"})
    assert status == 406


def test_row_cap_is_signalled_never_silent(server):
    status, headers, body = http(server, "GET", q("SELECT * WHERE { ?s ?p ?o }"))
    data = json.loads(body)
    assert status == 200 and headers["X-Result-Truncated"] == "true"
    assert len(data["results"]["bindings"]) == 200 and data["truncated"] is True
    _, headers, _ = http(server, "GET", q("SELECT * WHERE { ?s ?p ?o } LIMIT 200"))
    assert headers["X-Result-Truncated"] == "false"


def test_head_and_options_and_cors(server):
    status, headers, body = http(server, "HEAD", q(COUNT_RESOLUTIONS))
    assert status == 200 and body == b"" and headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = http(server, "OPTIONS", "/sparql", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 200
    assert "POST" in headers["Access-Control-Allow-Methods"] and headers["Access-Control-Allow-Origin"] == "*"
    assert "content-type" in headers["Access-Control-Allow-Headers"].lower()


def test_get_without_query_is_a_service_description(server):
    status, headers, body = http(server, "GET", "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body.decode(), format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "endpoint"), URIRef(server.url + "/sparql")) in graph
    assert (None, URIRef(sd + "resultFormat"), URIRef("http://www.w3.org/ns/formats/SPARQL_Results_TSV")) in graph
    assert (None, URIRef(sd + "defaultDataset"), None) in graph


def test_get_conditional_request_gets_304(server):
    _, headers, _ = http(server, "GET", q(COUNT_RESOLUTIONS))
    etag = headers["ETag"]
    assert "max-age" in headers["Cache-Control"]
    status, _, body = http(server, "GET", q(COUNT_RESOLUTIONS), headers={"If-None-Match": etag})
    assert status == 304 and body == b""


# --- errors of the protocol, by plain HTTP ---------------------------------------------------------

def test_syntax_error_is_400_with_a_readable_message(server):
    status, headers, body = http(server, "GET", q("SELEC ?x WHERE { ?x ?p ?o }"))
    assert status == 400 and headers["Content-Type"].startswith("text/plain")
    assert b"syntax error" in body.lower()


def test_post_without_query_is_400(server):
    status, _, _ = http(server, "POST", "/sparql", b"", {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400


def test_two_queries_are_400(server):
    two = urllib.parse.urlencode([("query", "ASK {}"), ("query", "ASK {}")])
    assert http(server, "GET", f"/sparql?{two}")[0] == 400
    status, _, _ = http(server, "POST", "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}), b"ASK {}",
                        {"Content-Type": "application/sparql-query"})
    assert status == 400


def test_wrong_media_type_is_415(server):
    status, headers, _ = http(server, "POST", "/sparql", b"ASK {}", {"Content-Type": "text/plain"})
    assert status == 415 and "application/sparql-query" in headers["Accept-Post"]


def test_xml_body_is_never_parsed(server):
    xxe = (b'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b"<query>&x;</query>")
    status, _, body = http(server, "POST", "/sparql", xxe, {"Content-Type": "application/xml"})
    assert status == 415 and b"root:" not in body


def test_oversized_body_is_413(server):
    big = b"ASK {} #" + b"x" * (300 * 1024)
    status, _, _ = http(server, "POST", "/sparql", big, {"Content-Type": "application/sparql-query"})
    assert status == 413


def test_unknown_format_parameter_is_400(server):
    status, _, _ = http(server, "GET", q(COUNT_RESOLUTIONS) + "&format=pdf")
    assert status == 400


def test_disagreeing_format_parameters_are_400(server):
    status, _, _ = http(server, "GET", q(COUNT_RESOLUTIONS) + "&format=json&output=xml")
    assert status == 400
