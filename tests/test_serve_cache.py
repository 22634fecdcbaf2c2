"""The result cache of `kg serve` (kg/serve/cache.py): repeated queries answered from memory.

The real app on a loopback port and a real HTTP client: a repeated query is answered from the
cache with the same body and headers (and without running the query again); another Accept is
another entry; the byte bound evicts; errors and time-outs are never kept; a store rebuilt in
place is never answered from the old entries; ``--cache-mb 0`` turns it off.
"""
from __future__ import annotations

import http.client
import threading
import urllib.parse
from pathlib import Path

import pytest

from kg.serve.app import create_app
from kg.serve.cache import CachedAnswer, CacheKey, ResultCache, entry_size
from kg.serve.config import ServeConfig
from kg.serve.testing import LiveServer, shared_sample_store, turtle_store

UNRES = "PREFIX unres: <https://w3id.org/unres/def/unres#>\n"
SYMBOLS = UNRES + "SELECT ?r ?s WHERE { ?r unres:symbol ?s } ORDER BY ?s"
JSON = "application/sparql-results+json"
PER_REQUEST = {"date", "server", "x-cache"}     # what may differ between a miss and a hit


class Counted:
    """The live server with its pool's runs counted (a hit must not run the query)."""

    def __init__(self, live: LiveServer) -> None:
        self.live = live
        self.services = live.app.extensions["kg"]
        self.runs = 0
        pool = self.services.pool
        original = pool.run

        def run(job, timeout=None):
            self.runs += 1
            return original(job, timeout)
        pool.run = run

    def get(self, query: str, accept: str | None = JSON, **params: str) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query, **params}), accept)

    def request(self, method: str, path: str, accept: str | None = JSON, body: bytes | None = None,
                content_type: str | None = None) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.live.port, timeout=30)
        headers = {"Accept": accept} if accept else {}
        if content_type:
            headers["Content-Type"] = content_type
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()


def serve(store: Path, **config) -> LiveServer:
    settings = {"workers": 1, "timeout": 20.0, "max_rows": 50, **config}
    return LiveServer(create_app(ServeConfig(store_path=str(store), **settings)))


@pytest.fixture(scope="module")
def server():
    with serve(shared_sample_store()) as live:
        yield Counted(live)


def without(headers: dict[str, str], names=PER_REQUEST) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k not in names}


# --- through HTTP -------------------------------------------------------------------------------

def test_a_repeated_query_is_answered_from_the_cache_with_the_same_body_and_headers(server):
    query = SYMBOLS + " LIMIT 3"
    before = server.runs
    status, first, body = server.get(query)
    status2, second, body2 = server.get(query)
    assert status == status2 == 200
    assert "x-cache" not in first and second["x-cache"] == "hit"
    assert body2 == body and without(second) == without(first)
    assert first["etag"].startswith('W/"') and first["x-result-truncated"] == "false"
    assert server.runs - before == 1, "the second request was answered without running the query"


def test_another_accept_is_another_entry(server):
    query = SYMBOLS + " LIMIT 4"
    _, json_headers, json_body = server.get(query, JSON)
    _, csv_headers, csv_body = server.get(query, "text/csv")
    assert "x-cache" not in csv_headers and csv_body != json_body
    assert csv_headers["content-type"].startswith("text/csv")
    _, again, body = server.get(query, "text/csv")
    assert again["x-cache"] == "hit" and body == csv_body and again["content-type"] == csv_headers["content-type"]
    _, again, body = server.get(query, JSON)
    assert again["x-cache"] == "hit" and body == json_body and again["content-type"] == json_headers["content-type"]


def test_the_flask_view_and_the_short_route_share_the_entries(server):
    query = SYMBOLS + " LIMIT 5"
    _, fast, body = server.get(query)                                   # plain GET: the short route fills
    status, posted, posted_body = server.request("POST", "/sparql", JSON, query.encode(), "application/sparql-query")
    assert status == 200 and posted["x-cache"] == "hit" and posted_body == body
    assert posted["cache-control"] == "no-store" and "etag" not in posted      # the route's own headers stay
    _, named, named_body = server.get(query, None, format="json")        # a format parameter: the Flask view
    assert named["x-cache"] == "hit" and named_body == body
    other = SYMBOLS + " LIMIT 6"                                         # and the other way round
    server.request("POST", "/sparql", JSON, other.encode(), "application/sparql-query")
    _, headers, _ = server.get(other)
    assert headers["x-cache"] == "hit"


def test_a_different_dataset_or_query_text_is_another_entry(server):
    query = SYMBOLS + " LIMIT 2"
    server.get(query)
    _, spaced, _ = server.get(query + " ")
    assert "x-cache" not in spaced
    graph = "https://w3id.org/unres/eli/un/ga/res/65/140/en"
    _, scoped, _ = server.get(query, JSON, **{"default-graph-uri": graph})
    assert "x-cache" not in scoped


def test_errors_are_not_cached(server):
    before = server.runs
    for _ in range(2):
        status, headers, _ = server.get("SELECT * WHERE { ?s ?p ")                       # syntax error
        assert status == 400 and "x-cache" not in headers
        status, headers, _ = server.get("SELECT * WHERE { ?s ?p ?o } ORDER BY xsd:nope(?o)")
        assert status == 400 and "x-cache" not in headers
    assert server.runs - before == 4, "every failing query ran again"
    status, headers, _ = server.get("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 403 and "x-cache" not in headers


def test_a_timed_out_query_is_not_cached(tmp_path):
    slow = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    with serve(shared_sample_store(), timeout=0.5) as live:
        server = Counted(live)
        for _ in range(2):
            status, headers, _ = server.get(slow)
            assert status == 503 and "x-cache" not in headers
        assert server.runs == 2 and len(server.services.cache) == 0


def test_the_byte_bound_evicts_the_least_recently_used(tmp_path):
    queries = [SYMBOLS + f" LIMIT {n}" for n in (10, 11, 12, 13)]
    with serve(shared_sample_store()) as probe:                          # what each entry is counted for
        counted, sizes = Counted(probe), []
        for query in queries[:3]:
            before = counted.services.cache.size_bytes
            counted.get(query)
            sizes.append(counted.services.cache.size_bytes - before)
    bound = sum(sizes) - 1                                              # room for any two of them, not three
    with serve(shared_sample_store(), cache_mb=bound / 2**20) as live:
        server = Counted(live)
        cache = server.services.cache
        server.get(queries[0])
        server.get(queries[1])
        assert server.get(queries[0])[1].get("x-cache") == "hit"       # 0 is now the most recent
        server.get(queries[2])                                          # evicts 1, the least recent
        assert cache.size_bytes <= bound and len(cache) == 2 and cache.stats.evicted == 1
        assert server.get(queries[0])[1].get("x-cache") == "hit"
        assert "x-cache" not in server.get(queries[1])[1]


def test_an_answer_over_the_entry_limit_is_not_kept():
    with serve(shared_sample_store(), cache_entry_mb=1000 / 2**20) as live:  # 1,000 bytes per entry at most
        server = Counted(live)
        big = SYMBOLS                                                   # 50 rows: more than 1,000 bytes
        assert len(server.get(big)[2]) > 1000
        assert "x-cache" not in server.get(big)[1] and len(server.services.cache) == 0


def test_a_rebuilt_store_is_never_answered_from_the_old_entries(tmp_path):
    store = tmp_path / "store"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    turtle_store(store, {"urn:g:1": "<urn:a> <urn:b> <urn:c> ."})
    with serve(store) as live:
        server = Counted(live)
        server.services.version_check_seconds = 0          # look at the store's files on every request
        _, _, old = server.get(count)
        assert b'"1"' in old and server.get(count)[1].get("x-cache") == "hit"
        turtle_store(store, {"urn:g:2": "<urn:d> <urn:e> <urn:f> . <urn:g> <urn:h> <urn:i> ."})   # rebuilt in place
        runs = server.runs
        _, headers, body = server.get(count)
        assert "x-cache" not in headers, "an entry of the old store was served"
        # The running worker still reads the state it opened; its answer is not kept for the new one.
        _, headers, _ = server.get(count)
        assert "x-cache" not in headers and server.runs - runs == 2
        server.services.close()                            # fresh workers open the rebuilt store
        _, headers, new = server.get(count)
        assert b'"3"' in new and "x-cache" not in headers
        _, headers, again = server.get(count)
        assert headers.get("x-cache") == "hit" and again == new


def test_cache_mb_zero_turns_the_cache_off():
    with serve(shared_sample_store(), cache_mb=0) as live:
        server = Counted(live)
        for _ in range(3):
            assert "x-cache" not in server.get(SYMBOLS + " LIMIT 3")[1]
        assert server.runs == 3 and not server.services.cache.enabled


def test_concurrent_clients_get_the_right_answers_while_entries_come_and_go():
    queries = [SYMBOLS + f" LIMIT {n}" for n in range(1, 9)]
    with serve(shared_sample_store(), cache_mb=0) as reference:
        expected = {q: Counted(reference).get(q)[2] for q in queries}
    bound = sum(len(b) for b in expected.values()) // 2 + 2000          # about half of them fit
    with serve(shared_sample_store(), cache_mb=bound / 2**20) as live:
        server = Counted(live)
        wrong: list[str] = []

        def client(offset: int) -> None:
            for i in range(40):
                query = queries[(i + offset) % len(queries)]
                status, _, body = server.get(query)
                if status != 200 or body != expected[query]:
                    wrong.append(f"{status} {query[-8:]}")
        threads = [threading.Thread(target=client, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        cache = server.services.cache
        assert not wrong and cache.stats.hits > 0 and cache.size_bytes <= bound


def test_kg_serve_under_granian_answers_from_the_cache_and_cache_mb_zero_turns_it_off():
    """The real command and server (granian, the default): on by default, off with ``--cache-mb 0``."""
    import sys
    sys.path.insert(0, str(Path(__file__).parent))
    from serve_support import ServerProcess, request

    path = "/sparql?" + urllib.parse.urlencode({"query": SYMBOLS + " LIMIT 3"})
    for extra, hit in (([], True), (["--cache-mb", "0"], False)):
        with ServerProcess(shared_sample_store(), workers=1, extra=extra) as process:
            answers = [request(process.url, "GET", path, headers={"Accept": JSON}) for _ in range(3)]
        assert all(status == 200 for status, _, _ in answers)
        assert len({body for _, _, body in answers}) == 1
        cached = [{k.lower(): v for k, v in headers.items()}.get("x-cache") for _, headers, _ in answers]
        assert cached == ([None, "hit", "hit"] if hit else [None, None, None]), extra


# --- the cache alone ----------------------------------------------------------------------------

def _answer(size: int) -> CachedAnswer:
    return CachedAnswer("text/csv", b"x" * size, (("Vary", "Accept"),))


def _key(name: str) -> CacheKey:
    return CacheKey(name, (), (), "csv", 10)


def test_the_cache_counts_bytes_and_evicts_in_lru_order():
    one = entry_size(_key("a"), _answer(1000))
    cache = ResultCache(3 * one, one)
    cache.get(_key("a"), "v1")
    for name in "abc":
        assert cache.put(_key(name), "v1", _answer(1000))
    assert cache.size_bytes == 3 * one
    assert cache.get(_key("a"), "v1") is not None                       # a is now the most recent
    cache.put(_key("d"), "v1", _answer(1000))
    assert cache.get(_key("b"), "v1") is None and cache.get(_key("a"), "v1") is not None
    assert not cache.put(_key("e"), "v1", _answer(1001)), "larger than an entry may be"
    assert cache.size_bytes == 3 * one


def test_the_cache_holds_one_store_version():
    cache = ResultCache(10**6, 10**5)
    cache.get(_key("a"), "v1")
    assert cache.put(_key("a"), "v1", _answer(10))
    assert not cache.put(_key("b"), "v0", _answer(10)), "computed on another version"
    assert not cache.put(_key("c"), "", _answer(10)), "computed on an unknown version"
    assert cache.get(_key("a"), "v2") is None and len(cache) == 0 and cache.size_bytes == 0
    assert cache.get(_key("a"), "v1") is None, "the old version's entries are gone"


# --- the benchmark's report gives both figures ---------------------------------------------------

def test_the_bench_report_states_the_cache_on_and_off_ratios_side_by_side():
    from kg.bench.report import render, targets

    def workload(rps: float, hits: int, requests: int = 100) -> dict:
        return {"throughput_per_s": {"median": rps, "runs": 1}, "latency_ms": {"p50": 1.0, "p99": 2.0},
                "requests": requests, "errors": 0, "cache_hits": hits}
    servers = {"oxigraph serve": {"lookups": workload(1000, 0), "aggregates": workload(100, 0)},
               "kg serve": {"lookups": workload(500, 0), "aggregates": workload(300, 90)},
               "kg serve --cache-mb 0": {"lookups": workload(450, 0), "aggregates": workload(70, 0)}}
    results = {"config": {"clients": 4}, "endpoints": {"real": {"servers": servers, "queries": []}}}
    rows = {t: (value, note, ok) for t, value, note, ok in targets(results)}
    value, note, ok = rows["endpoint aggregates >= 90% of oxigraph serve"]
    assert value == "300.0 %" and ok and "cache off (`--cache-mb 0`): 70.0 %" in note and "90 of 100" in note
    value, note, ok = rows["endpoint lookups >= 40% of oxigraph serve"]
    assert value == "50.0 %" and "0 of 100 answers from the cache" in note and "45.0 %" in note
    text = render(results)
    assert "| kg serve --cache-mb 0 | aggregates |" in text and "| 90 | 3.00 |" in text and "| 0 | 0.70 |" in text
    assert "aggregates 3.00 with the cache, 0.70 without" in text


def test_the_bench_lookups_never_send_a_query_text_twice_across_runs():
    """Each load run asks for a new stream; the texts must go on, else a cache would answer them."""
    from kg.bench.endpoints import lookup_requests

    make = lookup_requests(["A/RES/65/140", "A/RES/65/141"], "/sparql")
    first, second = make(), make()                  # the warm-up's stream, then a timed run's
    paths = [next(first).path for _ in range(5)] + [next(second).path for _ in range(5)]
    assert len(set(paths)) == len(paths)
