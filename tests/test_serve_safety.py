"""`kg serve` is safe by default: read-only, time-limited, no outbound requests because of a query."""
from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.serve.app import create_app
from kg.serve.config import ServeConfig
from kg.serve.guard import QueryRefused, check_query, inspect_query
from reliability_support import Listener
from kg.serve.testing import LiveServer, shared_sample_store, store_digest

FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture
def listener():
    """A loopback socket that counts connections; its URL looks like an endpoint's."""
    lst = Listener(path="/sparql")
    yield lst
    lst.close()


def serve(**settings) -> LiveServer:
    config = ServeConfig(store_path=str(shared_sample_store()), workers=2, **settings)
    return LiveServer(create_app(config))


@pytest.fixture(scope="module")
def server():
    with serve(timeout=1.5) as live:
        yield live


def http(server, method, path, body=None, headers=None):
    request = urllib.request.Request(server.url + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def get_query(server, query, **extra):
    return http(server, "GET", "/sparql?" + urllib.parse.urlencode({"query": query, **extra}))


# --- SERVICE and FROM: no request leaves the server ----------------------------------------

@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "PREFIX remote: <{prefix}> SELECT * WHERE {{ SERVICE remote:sparql {{ ?s ?p ?o }} }}",
    "BASE <{prefix}> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ # comment }}\n SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
])
def test_service_to_an_endpoint_not_allowed_is_refused_and_never_called(server, listener, template):
    query = template.format(url=listener.url, prefix=listener.url.rsplit("/", 1)[0] + "/")
    status, _, body = get_query(server, query)
    assert status == 403 and b"SERVICE" in body
    listener.close()
    assert listener.connections == 0


def test_service_on_the_allow_list_is_called(listener):
    """The control: the same query reaches the endpoint when it is allowed (so the test above can fail)."""
    with serve(timeout=5, service_allowlist=frozenset({listener.url})) as live:
        status, _, _ = get_query(live, f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}")
    listener.close()
    assert listener.connections >= 1 and status >= 400


def test_service_words_in_strings_and_comments_are_not_services(server):
    status, _, _ = get_query(server, 'SELECT ("SERVICE <http://x>" AS ?s) WHERE { } # SERVICE <http://y> {}')
    assert status == 200


def test_from_a_url_never_fetches(server, listener):
    status, _, body = get_query(server, f"SELECT * FROM <{listener.url}> FROM NAMED <{listener.url}> "
                                        "WHERE { ?s ?p ?o }")
    listener.close()
    assert status == 200 and json.loads(body)["results"]["bindings"] == []
    assert listener.connections == 0


def test_guard_reads_services_through_escapes_prefixes_and_base():
    shape = inspect_query('PREFIX e: <http://a.example/> BASE <http://b.example/x/> SELECT * WHERE { '
                          '"SERVICE <http://no>" . SERVICE e:q { } \\u0053ervice <rel> { } }')
    assert shape.form == "SELECT" and shape.services == ["http://a.example/q", "http://b.example/x/rel"]
    with pytest.raises(QueryRefused):
        check_query(shape, frozenset({"http://a.example/q"}))
    check_query(shape, frozenset(shape.services))


# --- read-only, by every route ----------------------------------------------------------------

UPDATE = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }"


@pytest.mark.parametrize("method,path,body,content_type", [
    ("GET", "/sparql?" + urllib.parse.urlencode({"update": UPDATE}), None, None),
    ("GET", "/sparql?" + urllib.parse.urlencode({"query": UPDATE}), None, None),
    ("POST", "/sparql", urllib.parse.urlencode({"update": UPDATE}).encode(), "application/x-www-form-urlencoded"),
    ("POST", "/sparql", urllib.parse.urlencode({"query": UPDATE}).encode(), "application/x-www-form-urlencoded"),
    ("POST", "/sparql", UPDATE.encode(), "application/sparql-update"),
    ("POST", "/sparql", UPDATE.encode(), "application/sparql-query"),
    ("POST", "/sparql", b"CLEAR ALL", "application/sparql-update"),
    ("POST", "/sparql", b"DROP ALL", "application/sparql-query"),
    ("PUT", "/sparql", b"<urn:x:s> <urn:x:p> <urn:x:o> .", "application/n-triples"),
    ("DELETE", "/sparql", None, None),
    ("POST", "/eli/un/ga/res/65/140", b"<urn:x:s> <urn:x:p> <urn:x:o> .", "application/n-triples"),
])
def test_updates_by_every_route_are_refused_and_change_nothing(server, method, path, body, content_type):
    before = store_digest(shared_sample_store())
    status, _, _ = http(server, method, path, body, {"Content-Type": content_type} if content_type else {})
    assert 400 <= status < 500
    assert store_digest(shared_sample_store()) == before


# --- the time limit really stops a query --------------------------------------------------------

def test_a_query_that_runs_forever_is_stopped_while_others_are_answered(server):
    pool = server.app.extensions["kg"].pool
    killed_before = pool.killed
    pids_before = pool.pids
    result: dict = {}

    def forever() -> None:
        started = time.perf_counter()
        result["status"], _, result["body"] = get_query(server, FOREVER)
        result["seconds"] = time.perf_counter() - started

    thread = threading.Thread(target=forever)
    thread.start()
    time.sleep(0.2)
    answered = []
    while thread.is_alive():
        started = time.perf_counter()
        status, _, _ = get_query(server, "ASK { ?s ?p ?o }")
        answered.append((status, time.perf_counter() - started))
        time.sleep(0.1)
    thread.join()
    assert result["status"] == 503 and b"time limit" in result["body"]
    assert 1.4 <= result["seconds"] < 4
    assert answered and all(status == 200 and seconds < 1.0 for status, seconds in answered)
    assert pool.killed == killed_before + 1
    gone = pids_before - pool.pids
    assert len(gone) == 1
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.kill(gone.pop(), 0)   # the worker that ran the query is dead, not merely abandoned
    deadline = time.time() + 10
    while len(pool.pids) < pool.size and time.time() < deadline:
        time.sleep(0.1)
    assert len(pool.pids) == pool.size      # and a fresh one took its place
    assert get_query(server, "ASK { ?s ?p ?o }")[0] == 200


def test_health_reports_the_limits(server):
    status, _, body = http(server, "GET", "/health")
    data = json.loads(body)
    assert status == 200 and data["status"] == "ok" and data["timeout_seconds"] == 1.5
