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
