"""Linked data of `kg serve`: every URI resolves, by content negotiation, with redirects and caching."""
from __future__ import annotations

import csv
import http.client
import io
import json

import pytest
from rdflib import Graph, URIRef

from kg.parse import parse_path
from kg.serve.app import create_app
from kg.serve.config import ServeConfig
from kg.serve.testing import SEED, LiveServer, shared_sample_store

WORK = "/eli/un/ga/res/65/140"
BASE = "https://w3id.org/unres"
UNRES = BASE + "/def/unres#"


@pytest.fixture(scope="module")
def server():
    with LiveServer(create_app(ServeConfig(store_path=str(shared_sample_store()), workers=2))) as live:
        yield live


def fetch(server, path, accept=None, headers=None, method="GET"):
    """One request, redirects not followed."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    all_headers = dict(headers or {})
    if accept:
        all_headers["Accept"] = accept
    conn.request(method, path, headers=all_headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, response.headers, body


@pytest.mark.parametrize("accept,media,rdflib_format", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
])
def test_resolution_uri_answers_rdf_by_accept(server, accept, media, rdflib_format):
    status, headers, body = fetch(server, WORK, accept)
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    assert headers["Vary"] == "Accept" and headers["Content-Location"].startswith(WORK + ".")
    graph = Graph().parse(data=body, format=rdflib_format)
    assert (URIRef(BASE + WORK), URIRef(UNRES + "symbol"), None) in graph


def test_resolution_uri_answers_html_to_browsers(server):
    status, headers, body = fetch(server, WORK, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert headers["Content-Location"] == WORK + ".html"
    assert b"A/RES/65/140" in body


@pytest.mark.parametrize("suffix,media", [(".ttl", "text/turtle"), (".jsonld", "application/ld+json"),
                                          (".nt", "application/n-triples"), (".html", "text/html")])
def test_file_suffix_urls_pick_the_format(server, suffix, media):
    status, headers, _ = fetch(server, WORK + suffix, "text/html")
    assert status == 200 and headers["Content-Type"].split(";")[0] == media


def test_resolution_data_is_its_named_graph(server):
    _, _, body = fetch(server, WORK + ".nt")
    graph = Graph().parse(data=body, format="nt")
    resolution = parse_path(str(SEED))
    paragraphs = set(graph.subjects(URIRef(UNRES + "paragraphNumber"), None))
    assert len(paragraphs) == len(resolution.preamble) + len(resolution.operative)


def test_things_that_are_not_documents_303_to_their_description(server):
    status, headers, _ = fetch(server, "/id/organ/ga", "text/turtle")
    assert status == 303 and headers["Location"].endswith("/doc/organ/ga")
    status, headers, body = fetch(server, "/doc/organ/ga", "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    assert (URIRef(BASE + "/id/organ/ga"), None, None) in graph


def test_entity_page_lists_the_resolutions_that_name_it(server):
    status, _, body = fetch(server, "/doc/organ/ga.json")
    rows = json.loads(body)["rows"]
    assert status == 200 and "A/RES/65/140" in {r["symbol"] for r in rows}
    assert "S/RES/2618 (2022)" not in {r["symbol"] for r in rows}
    status, headers, body = fetch(server, "/doc/organ/ga.csv")
    csv_rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert headers["Content-Type"].startswith("text/csv") and {r["symbol"] for r in csv_rows} == {r["symbol"] for r in rows}
    status, _, body = fetch(server, "/doc/organ/ga", "text/html")
    assert status == 200 and b'href="/eli/un/ga/res/65/140"' in body


@pytest.mark.parametrize("spelling", ["A/RES/65/140", "a/res/65/140", "A%20/%20RES%20/%2065%20/%20140", "A_RES_65_140"])
def test_symbol_resolver_redirects_any_spelling_permanently(server, spelling):
    status, headers, _ = fetch(server, "/symbol/" + spelling)
    assert status == 301 and headers["Location"].endswith(WORK)


def test_symbol_resolver_rejects_what_is_not_a_symbol(server):
    assert fetch(server, "/symbol/not-a-symbol")[0] == 404


def test_unknown_uri_is_404(server):
    assert fetch(server, "/eli/un/ga/res/1/99999", "text/turtle")[0] == 404
    assert fetch(server, "/doc/organ/nowhere", "text/html")[0] == 404


def test_unacceptable_is_406(server):
    assert fetch(server, WORK, "image/png")[0] == 406


def test_etag_and_conditional_request(server):
    status, headers, _ = fetch(server, WORK, "text/turtle")
    assert status == 200 and headers["ETag"] and "max-age" in headers["Cache-Control"]
    status, _, body = fetch(server, WORK, "text/turtle", {"If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""
    other, _, _ = fetch(server, WORK, "application/ld+json", {"If-None-Match": headers["ETag"]})
    assert other == 200          # another representation, another ETag


def test_ontology_and_shapes(server):
    status, headers, body = fetch(server, "/def/unres", "text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    assert status == 200 and (URIRef(UNRES + "Resolution"), None, None) in graph
    status, _, body = fetch(server, "/def", "text/html")
    assert status == 200 and b"Resolution" in body
    status, headers, body = fetch(server, "/def/shapes", "text/turtle")
    shapes = Graph().parse(data=body, format="turtle")
    assert status == 200 and len(shapes) > 10


def test_well_known_void_describes_the_dataset(server):
    status, _, body = fetch(server, "/.well-known/void", "text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    void = "http://rdfs.org/ns/void#"
    assert status == 200 and (None, URIRef(void + "triples"), None) in graph


def test_well_known_void_opens_as_a_page_in_a_browser(server):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    status, headers, body = fetch(server, "/.well-known/void", browser)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"void:Dataset" in body and b'href="/.well-known/void.ttl"' in body
    status, headers, _ = fetch(server, "/.well-known/void", "*/*")         # a harvester asking for anything
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")


def test_resolutions_listing_as_json(server):
    status, _, body = fetch(server, "/resolutions.json")
    data = json.loads(body)
    assert status == 200 and data["page_size"] > 0 and "A/RES/65/140" in {r["symbol"] for r in data["rows"]}
