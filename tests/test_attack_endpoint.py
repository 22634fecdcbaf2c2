"""Attacks on the public endpoint (issue 10): each is refused or stopped within the limits, no
connection goes out, the store is unchanged (digest before and after), the server stays healthy.

A real ``kg serve`` process over real documents; a loopback ``Listener`` proves that nothing is
fetched.  Private and link-local addresses are only checked for refusal: nothing is ever sent
to an address that is not loopback.
"""
from __future__ import annotations

import re
import time
import urllib.parse

import pytest

from kg.serve.testing import shared_sample_store, store_digest
from reliability_support import Listener
from serve_support import ServerProcess, raw_request, request, status_of

TIMEOUT = 1.0
JSON = {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def server():
    with ServerProcess(shared_sample_store(), timeout=TIMEOUT, workers=2, threads=8) as live:
        yield live


@pytest.fixture
def unchanged(server):
    """The store's digest before the test must be its digest after; the server must answer /health."""
    before = store_digest(shared_sample_store())
    yield
    assert store_digest(shared_sample_store()) == before, "the store changed"
    assert request(server.url, "GET", "/health", timeout=2 * TIMEOUT + 5)[0] == 200
    assert server.alive()


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.close()


def get_query(server, query: str, extra: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    params = urllib.parse.urlencode({"query": query, **(extra or {})})
    return request(server.url, "GET", f"/sparql?{params}", headers=JSON, timeout=2 * TIMEOUT + 10)


# --- SERVICE and FROM: no connection out ---------------------------------------------------------

PRIVATE = ["http://10.0.0.1/sparql", "http://192.168.1.1/sparql", "http://172.16.0.1/sparql",
           "http://169.254.169.254/latest/meta-data/", "http://[fd00::1]/sparql", "http://[::1]/sparql",
           "http://localhost/sparql", "http://127.1/sparql", "http://2130706433/sparql", "http://0x7f000001/",
           "file:///etc/passwd"]


def service_forms(url: str) -> list[str]:
    host = url.rsplit("/", 1)[0] + "/"
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ sErViCe <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX x: <{host}> SELECT * WHERE {{ SERVICE x:sparql {{ ?s ?p ?o }} }}",
        f"BASE <{host}> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} LIMIT 1",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ #\n SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ]


def test_service_to_loopback_in_every_form_is_refused_and_never_connects(server, listener, unchanged):
    for query in service_forms(listener.url + "/sparql"):
        status, _, body = get_query(server, query)
        assert status == 403, f"{status} for {query!r}: {body[:200]!r}"
    listener.close()
    assert listener.connections == 0, listener.requests


@pytest.mark.parametrize("url", PRIVATE)
def test_service_to_private_and_special_addresses_is_refused(server, url, unchanged):
    status, _, body = get_query(server, f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
    assert status == 403, body[:200]


def test_from_and_dataset_parameters_never_fetch(server, listener, unchanged):
    target = listener.url + "/data.ttl"
    attempts = [
        (f"SELECT * FROM <{target}> WHERE {{ ?s ?p ?o }} LIMIT 1", {}),
        (f"SELECT * FROM NAMED <{target}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT 1", {}),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", {"default-graph-uri": target}),
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1", {"named-graph-uri": target}),
        (f"DESCRIBE <{target}>", {}),
    ]
    for query, extra in attempts:
        status, _, _ = get_query(server, query, extra)
        assert status in (200, 400, 403), f"{status} for {query!r}"
    for url in PRIVATE[:4]:
        assert get_query(server, f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }} LIMIT 1")[0] in (200, 400, 403)
    listener.close()
    assert listener.connections == 0, listener.requests


# --- SPARQL Update smuggled in every form ----------------------------------------------------------

INSERT = "INSERT DATA { GRAPH <urn:x:evil> { <urn:x:s> <urn:x:p> <urn:x:o> } }"


def update_attempts(listener_url: str) -> list[tuple[str, str, bytes | None, dict[str, str]]]:
    q = urllib.parse.quote
    form = "application/x-www-form-urlencoded"
    return [
        ("GET", f"/sparql?update={q(INSERT)}", None, {}),
        ("GET", f"/sparql?query={q(INSERT)}", None, {}),
        ("GET", f"/sparql?query={q('SELECT * {} ; ' + INSERT)}", None, {}),
        ("GET", f"/sparql?query={q('# SELECT' + chr(10) + INSERT)}", None, {}),
        ("GET", f"/sparql?query={q(chr(92) + 'u0049NSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }')}", None, {}),
        ("GET", f"/sparql?query={q('insert data { <urn:x:s> <urn:x:p> <urn:x:o> }')}", None, {}),
        ("GET", f"/sparql?query={q('DELETE WHERE { ?s ?p ?o }')}", None, {}),
        ("GET", f"/sparql?query={q('CLEAR ALL')}", None, {}),
        ("GET", f"/sparql?query={q('DROP ALL')}", None, {}),
        ("GET", f"/sparql?query={q(f'LOAD <{listener_url}/x.ttl>')}", None, {}),
        ("GET", f"/sparql?query=SELECT%20*%20%7B%7D&update={q(INSERT)}", None, {}),
        ("GET", f"/sparql?query={q('WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }')}", None, {}),
        ("POST", "/sparql", f"update={q(INSERT)}".encode(), {"Content-Type": form}),
        ("POST", "/sparql", f"query={q(INSERT)}".encode(), {"Content-Type": form}),
        ("POST", "/sparql", f"query={q('SELECT * {}')}&update={q(INSERT)}".encode(), {"Content-Type": form}),
        ("POST", "/sparql", f"update={q(INSERT)}&using-graph-uri=urn:g".encode(), {"Content-Type": form}),
        ("POST", f"/sparql?update={q(INSERT)}", b"", {"Content-Type": form}),
        ("POST", "/sparql", INSERT.encode(), {"Content-Type": "application/sparql-update"}),
        ("POST", "/sparql", INSERT.encode(), {"Content-Type": "application/sparql-update; charset=utf-8"}),
        ("POST", "/sparql", INSERT.encode(), {"Content-Type": "APPLICATION/SPARQL-UPDATE"}),
        ("POST", "/sparql", INSERT.encode(), {"Content-Type": "application/sparql-query"}),
        ("POST", "/sparql", ("SELECT * {} ;\n" + INSERT).encode(), {"Content-Type": "application/sparql-query"}),
        ("POST", "/sparql", INSERT.encode(), {"Content-Type": "text/plain"}),
        ("POST", "/sparql", INSERT.encode(), {}),
        ("PUT", "/sparql", INSERT.encode(), {"Content-Type": "application/sparql-update"}),
        ("PATCH", "/sparql", INSERT.encode(), {"Content-Type": "application/sparql-update"}),
        ("DELETE", "/sparql", None, {}),
        ("PUT", "/eli/un/ga/res/65/140", b"<a:b> <a:c> <a:d> .", {"Content-Type": "text/turtle"}),
        ("POST", "/update", INSERT.encode(), {"Content-Type": "application/sparql-update"}),
        ("POST", "/store?graph=urn:x:evil", b"<a:b> <a:c> <a:d> .", {"Content-Type": "text/turtle"}),
    ]


def test_updates_smuggled_in_every_form_are_refused_and_change_nothing(server, listener, unchanged):
    for method, path, body, headers in update_attempts(listener.url):
        status, _, answer = request(server.url, method, path, body, {**JSON, **headers}, timeout=15)
        assert 400 <= status < 500, f"{method} {path[:80]} -> {status}: {answer[:200]!r}"
    status, _, body = get_query(server, "ASK { GRAPH <urn:x:evil> { ?s ?p ?o } }")
    assert status == 200 and b"false" in body
    listener.close()
    assert listener.connections == 0, listener.requests


# --- files: path traversal ------------------------------------------------------------------------

TRAVERSALS = [
    "/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/%252e%252e/%252e%252e/etc/passwd", "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/..%5c..%5c..%5cetc%5cpasswd", "/static/....//....//etc/passwd", "/static//etc/passwd",
    "/static/%2e%2e/app.py", "/static/../app.py", "/static/%2e%2e%2fapp.py", "/static/..%00/app.py",
    "/static/yasgui/../../app.py", "/static/yasgui/%2e%2e/%2e%2e/config.py",
    "/data/../../../../etc/passwd", "/data/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/data/..%2f..%2f..%2fetc%2fpasswd",
    "/data/%252e%252e%252f%252e%252e%252fetc%252fpasswd", "/data//etc/passwd",
    "/def/unres.ttl/../../../../etc/passwd", "/def/%2e%2e/%2e%2e/pyproject.toml",
    "/eli/..%2f..%2f..%2fetc%2fpasswd", "/doc/%2e%2e/%2e%2e/etc/passwd", "/id/..%2f..%2fetc%2fpasswd",
    "/symbol/..%2f..%2f..%2fetc%2fpasswd", "/.well-known/void/../../../etc/passwd",
    "/catalog/../../../etc/passwd", "/dumps/..%2f..%2fpyproject.toml",
]
LEAKS = [b"root:x:0:0", b"[project]", b"def create_app", b"class ServeConfig"]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_reaches_no_file_outside_the_served_folders(server, path, unchanged):
    answer = raw_request(server.port, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    status = status_of(answer)
    assert status is not None and status < 500 or status == 503, answer[:300]
    for leak in LEAKS:
        assert leak not in answer, f"{path} leaked {leak!r}"


def test_a_real_static_file_is_served(server):
    assert request(server.url, "GET", "/static/site.css")[0] == 200


# --- header injection ------------------------------------------------------------------------------

INJECTIONS = [
    "/symbol/A%0d%0aX-Injected:%201/RES/65/140", "/symbol/A/RES/65/140%0d%0aX-Injected:%201",
    "/symbol/A/RES/65/140%0aX-Injected:%201", "/symbol/A/RES/65/140%E5%98%8A%E5%98%8DX-Injected:%201",
    "/id/organ/ga%0d%0aX-Injected:%201", "/id/organ/ga.ttl%0d%0aX-Injected:%201",
    "/eli/un/ga/res/65/140%0d%0aX-Injected:%201", "/eli/un/ga/res/65/140.ttl?x=%0d%0aX-Injected:%201",
    "/def?x=%0d%0aX-Injected:%201", "/resolutions.json?page=1%0d%0aX-Injected:%201",
    "/sparql?query=ASK%7B%7D&format=json%0d%0aX-Injected:%201",
    "/def/unres%0d%0aX-Injected:%201", "/doc/organ/ga%0d%0aX-Injected:%201",
]


@pytest.mark.parametrize("path", INJECTIONS)
def test_crlf_in_a_url_never_becomes_a_header(server, path, unchanged):
    answer = raw_request(server.port, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/turtle\r\n"
                                      f"Connection: close\r\n\r\n".encode())
    head = answer.split(b"\r\n\r\n", 1)[0]
    assert status_of(answer) is not None, answer[:200]
    assert not re.search(rb"(?im)^x-injected", head), head.decode("latin-1")
    for line in head.split(b"\r\n")[1:]:
        assert b"\n" not in line and b"\r" not in line


# --- queries built to explode ----------------------------------------------------------------------

def explosive_queries() -> dict[str, str]:
    values = " ".join(f"<urn:v:{i}>" for i in range(5_000))
    return {
        "cartesian": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
        "cartesian-rows": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        "path-star": "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:p>|!<urn:p>)* ?b }",
        "path-plus-pairs": "SELECT * WHERE { ?a (!<urn:p>)+ ?b . ?b (!<urn:p>)+ ?c }",
        "huge-values": f"SELECT * WHERE {{ VALUES ?v {{ {values} }} ?s ?p ?o }}",
        "values-cross": f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?v {{ {values} }} VALUES ?w {{ {values} }} }}",
        "deep-groups": "SELECT * WHERE " + "{ " * 5_000 + "?s ?p ?o" + " }" * 5_000,
        "deep-optional": "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * 300 + "}" * 300 + " }",
        "regex-backtrack": 'SELECT * WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "^(a+)+$")) }',
        "string-doubling": "SELECT (STRLEN(?v40) AS ?n) WHERE { BIND(\"0123456789\" AS ?v0) "
                           + "".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1}) " for i in range(40)) + "}",
        "describe-all": "DESCRIBE ?s WHERE { ?s ?p ?o }",
        "construct-cross": "CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }",
        "order-cross": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1",
        "group-concat": "SELECT (GROUP_CONCAT(STR(?o)) AS ?all) WHERE { ?a ?b ?c . ?s ?p ?o }",
    }


# The fast subset; tests/stress runs every one of explosive_queries().
FAST_EXPLOSIVE = ("cartesian", "path-star", "huge-values", "deep-groups", "string-doubling", "regex-backtrack")


@pytest.mark.parametrize("name", FAST_EXPLOSIVE)
def test_queries_built_to_explode_are_stopped_within_the_limits(server, name, unchanged):
    assert_stopped_within_limits(server, explosive_queries()[name])


def assert_stopped_within_limits(server, query: str) -> None:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    body = urllib.parse.urlencode({"query": query}).encode()
    status, headers, answer = request(server.url, "POST", "/sparql", body, {**FORM, **JSON},
                                      timeout=2 * TIMEOUT + 30)
    elapsed = time.monotonic() - started
    assert status in (200, 400, 413, 503), f"{status}: {answer[:300]!r}"
    assert elapsed < 2 * TIMEOUT + 5, f"took {elapsed:.1f} s"
    if status == 200:
        assert len(answer) < 50_000_000
    assert server.rss_mb() < 3000


def test_a_query_string_over_the_body_limit_is_refused(server, unchanged):
    query = "SELECT * WHERE { ?s ?p ?o FILTER(?o != \"" + "x" * 400_000 + "\") }"
    status, _, _ = request(server.url, "POST", "/sparql", query.encode(),
                           {"Content-Type": "application/sparql-query", **JSON})
    assert status == 413
