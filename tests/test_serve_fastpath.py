"""The endpoint's fast paths keep its answers and its limits (issue 7, performance part).

A query whose own outermost LIMIT keeps it within the row cap is serialized by
Oxigraph at once; any other query still goes through the capped path, and a
cut is still signalled.  The guard reads that LIMIT from the tokens, never
from braces inside strings, IRIs or comments.
"""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kg.serve.config import ServeConfig, config_from_env, config_to_env
from kg.serve.guard import inspect_query
from kg.serve.pool import QueryJob, execute
from kg.serve.testing import shared_sample_store

UNRES = "PREFIX unres: <https://w3id.org/unres/def/unres#>\n"


@pytest.fixture(scope="module")
def store():
    opened = ox.Store.read_only(str(shared_sample_store()))
    yield opened
    del opened


@pytest.mark.parametrize("query,limit", [
    ("SELECT * { ?s ?p ?o } LIMIT 20", 20),
    ("SELECT * { ?s ?p ?o } OFFSET 5 LIMIT 7", 7),
    ("SELECT * { ?s ?p \"} LIMIT 3 {\" } LIMIT 9", 9),
    ("SELECT * { ?s ?p ?o # }\n } LIMIT 4", 4),
    ("SELECT * { { SELECT * { ?s ?p ?o } LIMIT 5 } }", None),
    ("SELECT * { ?s ?p ?o } # LIMIT 3", None),
    ("SELECT * { ?s ?p ?o } } LIMIT 2", None),
    ("SELECT * { { ?s ?p ?o } LIMIT 2", None),
    ("SELECT ?LIMIT { ?s ?p ?LIMIT }", None),
])
def test_the_guard_reads_only_the_outermost_limit(query, limit):
    assert inspect_query(query).top_limit == limit


def test_a_query_within_the_cap_answers_as_the_capped_path_does(store):
    query = UNRES + "SELECT ?r ?p ?o WHERE { ?r unres:symbol ?s ; ?p ?o } ORDER BY ?r ?p ?o LIMIT 50"
    fast = execute(store, QueryJob(query, max_rows=100, query_limit=inspect_query(query).top_limit))
    capped = execute(store, QueryJob(query, max_rows=100))
    assert fast.status == capped.status == "ok"
    assert not fast.truncated and not capped.truncated
    assert json.loads(fast.body) == json.loads(capped.body)
    assert len(json.loads(fast.body)["results"]["bindings"]) == 50


def test_a_limit_above_the_cap_is_still_cut_and_said_so(store):
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 500"
    outcome = execute(store, QueryJob(query, max_rows=10, query_limit=inspect_query(query).top_limit))
    assert outcome.truncated and outcome.rows == 10
    assert len(json.loads(outcome.body)["results"]["bindings"]) == 10


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_the_fast_path_writes_every_result_format(store, fmt):
    query = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"
    outcome = execute(store, QueryJob(query, result_format=fmt, max_rows=10, query_limit=3))
    assert outcome.status == "ok" and outcome.format == fmt
    if fmt == "csv":            # lossy: Oxigraph does not read it back; the sample's IRIs hold no newline
        assert len(outcome.body.decode().strip().splitlines()) == 1 + 3
        return
    parsed = ox.parse_query_results(outcome.body, format={"json": ox.QueryResultsFormat.JSON,
                                                          "xml": ox.QueryResultsFormat.XML,
                                                          "tsv": ox.QueryResultsFormat.TSV}[fmt])
    assert len(list(parsed)) == 3


def test_the_config_travels_to_the_server_process_unchanged():
    config = ServeConfig(store_path="/some/store", timeout=3.5, max_rows=12,
                         service_allowlist=frozenset({"https://query.wikidata.org/sparql"}))
    assert config_from_env({"KG_SERVE_CONFIG": config_to_env(config)}) == config


# --- the short route for plain GET queries (kg/serve/fastpath.py) answers as the Flask view does ---

@pytest.fixture(scope="module")
def app():
    """The result cache off: each route runs the query (the cache's own tests: test_serve_cache.py)."""
    from kg.serve.app import create_app

    made = create_app(ServeConfig(store_path=str(shared_sample_store()), workers=1, timeout=20, max_rows=7,
                                  cache_mb=0))
    yield made
    made.extensions["kg"].close()


def _environ(params: dict[str, str], accept: str | None) -> dict:
    from werkzeug.test import EnvironBuilder

    headers = {"Accept": accept} if accept is not None else {}
    return EnvironBuilder(path="/sparql", query_string=params, headers=headers).get_environ()


def _by_flask(app, environ: dict):
    """The Flask view's answer, the short route bypassed (the class's own ``wsgi_app``)."""
    from flask import Flask
    from werkzeug.wrappers import Response

    return Response.from_app(lambda env, start: Flask.wsgi_app(app, env, start), dict(environ))


def _comparable(headers) -> list[tuple[str, str]]:
    """Header pairs, sorted; the query's own time differs from run to run, so only its presence counts."""
    return sorted((k.lower(), "t" if k.lower() == "x-query-time" else v) for k, v in headers)


@pytest.mark.parametrize("query,accept", [
    (COUNTED := UNRES + "SELECT ?r ?s WHERE { ?r unres:symbol ?s } ORDER BY ?s LIMIT 5", "application/sparql-results+json"),
    (COUNTED, "application/sparql-results+xml"),
    (COUNTED, "text/csv"),
    (COUNTED, "text/tab-separated-values;q=0.9, text/csv;q=0.2"),
    (COUNTED, None),
    (COUNTED, "*/*"),
    (UNRES + "SELECT ?r ?s WHERE { ?r unres:symbol ?s } ORDER BY ?s", "application/sparql-results+json"),  # cut at 7
    (UNRES + "SELECT ?r ?s WHERE { ?r unres:symbol ?s } ORDER BY ?s", "text/tab-separated-values"),
    (UNRES + "ASK { ?r unres:symbol \"A/RES/65/140\" }", "application/sparql-results+json"),
    (UNRES + "CONSTRUCT { ?r unres:symbol ?s } WHERE { ?r unres:symbol ?s } ORDER BY ?s LIMIT 3", "text/turtle"),
    (UNRES + "CONSTRUCT { ?r unres:symbol ?s } WHERE { ?r unres:symbol ?s } ORDER BY ?s", "application/n-triples"),
    ("SELECT * WHERE { ?s ?p ", "application/sparql-results+json"),                                      # syntax: 400
    ("SELECT * WHERE { ?s ?p ?o } ORDER BY xsd:nope(?o)", "application/sparql-results+json"),            # unknown prefix
])
def test_the_short_route_answers_a_plain_get_exactly_as_the_flask_view(app, query, accept):
    from kg.serve.fastpath import answer_plain_get

    environ = _environ({"query": query}, accept)
    short = answer_plain_get(app.extensions["kg"], dict(environ))
    assert short is not None, "a plain GET query takes the short route"
    status, headers, body = short
    flask = _by_flask(app, environ)
    assert int(status.split()[0]) == flask.status_code
    assert _comparable(headers) == _comparable(flask.headers.to_wsgi_list())
    assert body == flask.get_data()
    if query.startswith(UNRES + "SELECT") and "LIMIT" not in query:     # more rows than the cap of 7
        assert dict(headers)["X-Result-Truncated"] == "true" and dict(headers)["X-Result-Rows"] == "7"


@pytest.mark.parametrize("params,accept", [
    ({"query": "SELECT * { ?s ?p ?o } LIMIT 1", "format": "json"}, None),                # format parameter
    ({"query": "SELECT * { ?s ?p ?o } LIMIT 1", "default-graph-uri": "urn:x"}, None),    # protocol dataset
    ({"query": "SELECT * { ?s ?p ?o } LIMIT 1"}, "text/html"),                           # the browser's page
    ({"query": "SELECT * { ?s ?p ?o } LIMIT 1"}, "image/png"),                           # 406
    ({"query": "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}, None),  # refused SERVICE: 403
    ({"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}, None),                        # update: 403
    ({"query": "  "}, None),                                                             # no query
    ({"query": "ASK {}", "update": "CLEAR ALL"}, None),
])
def test_anything_but_a_plain_get_query_is_left_to_flask(app, params, accept):
    from kg.serve.fastpath import answer_plain_get

    assert answer_plain_get(app.extensions["kg"], _environ(params, accept)) is None


def test_the_app_answers_plain_gets_on_the_short_route(app, monkeypatch):
    from werkzeug.test import Client

    import kg.serve.fastpath as fastpath

    taken = []
    original = fastpath.answer_plain_get
    monkeypatch.setattr(fastpath, "answer_plain_get", lambda *args: taken.append(1) or original(*args))
    response = Client(app).get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"},
                               headers={"Accept": "application/sparql-results+json"})
    assert taken and response.status_code == 200 and json.loads(response.data) == {"head": {}, "boolean": True}
    assert response.headers["Access-Control-Allow-Origin"] == "*" and response.headers["ETag"].startswith('W/"')


def test_both_routes_answer_a_cached_query_with_the_same_bytes():
    """The result cache is shared: an answer kept by one route is found by the other, same key, same bytes."""
    from kg.serve.app import create_app
    from kg.serve.fastpath import answer_plain_get

    cached = create_app(ServeConfig(store_path=str(shared_sample_store()), workers=1, timeout=20, max_rows=7))
    try:
        for query, accept in ((UNRES + "SELECT ?r ?s WHERE { ?r unres:symbol ?s } ORDER BY ?s", "text/csv"),
                              (UNRES + "CONSTRUCT { ?r unres:symbol ?s } WHERE { ?r unres:symbol ?s }", "*/*")):
            environ = _environ({"query": query}, accept)
            first = _by_flask(cached, environ)                                   # the Flask view keeps it
            status, headers, body = answer_plain_get(cached.extensions["kg"], dict(environ))   # the short route finds it
            again = _by_flask(cached, environ)
            assert "X-Cache" not in first.headers and dict(headers)["X-Cache"] == again.headers["X-Cache"] == "hit"
            assert body == first.get_data() == again.get_data()
            assert sorted(headers) == sorted(again.headers.to_wsgi_list())
            assert sorted(h for h in headers if h[0] != "X-Cache") == sorted(first.headers.to_wsgi_list())
    finally:
        cached.extensions["kg"].close()
