"""The result cache and Python's garbage collector (kg/serve/cache.py, kg/serve/wsgi.py).

A full collection walks every object the collector tracks while all the server's
threads wait.  The cache keeps each entry as flat tuples of strings, bytes and
numbers, which the collector stops tracking in its first young-generation pass: a
filled cache must add nothing to a full collection, however many entries it holds.
Kept as instances (three tracked objects an entry), a 64 MB cache of small answers
added 132,000 objects and 17 ms of CPU to every full collection.
The process that serves also freezes its start-up objects, which no collection then walks.
"""
from __future__ import annotations

import gc
import http.client
import json
import os
import subprocess
import sys
import urllib.parse

import pytest

from kg.serve.app import create_app
from kg.serve.cache import CachedAnswer, CacheKey, ResultCache
from kg.serve.config import CONFIG_ENV, ServeConfig, config_to_env
from kg.serve.testing import LiveServer, shared_sample_store

UNRES = "PREFIX unres: <https://w3id.org/unres/def/unres#>\n"
LOOKUP = UNRES + 'SELECT ?r ?p ?o WHERE {{ ?r unres:symbol ?s ; ?p ?o }} LIMIT {limit}'
GRAPH = "https://w3id.org/unres/eli/un/ga/res/65/140/en"


def get(port: int, path: str, accept: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Accept": accept})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def sparql(query: str, **params: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query, **params})


def tracked_entries(cache: ResultCache) -> list[tuple]:
    """The entries of which the key or the answer is still tracked by the collector."""
    return [(key, entry) for key, entry in list(cache._entries.items()) if gc.is_tracked(key) or gc.is_tracked(entry)]


def test_answers_kept_by_a_live_server_are_untracked_after_a_young_collection():
    """Real answers through both routes (the short GET route, the Flask view with a dataset, CSV and
    JSON): once a collection of the young generations (not a full one) has passed, the collector
    tracks none of the cache's keys or answers, so none can reach the old generation tracked."""
    config = ServeConfig(store_path=str(shared_sample_store()), workers=1, timeout=20.0, max_rows=50)
    with LiveServer(create_app(config)) as live:
        cache = live.app.extensions["kg"].cache
        for limit in range(1, 41):
            assert get(live.port, sparql(LOOKUP.format(limit=limit)), "application/sparql-results+json")[0] == 200
            assert get(live.port, sparql(LOOKUP.format(limit=limit)), "text/csv")[0] == 200
            assert get(live.port, sparql(LOOKUP.format(limit=limit), **{"default-graph-uri": GRAPH}),
                       "application/sparql-results+json")[0] == 200
        assert len(cache) == 120
        gc.collect(1)
        assert tracked_entries(cache) == []


def _answer(body: bytes) -> CachedAnswer:
    return CachedAnswer("text/csv; charset=utf-8", body, (("Vary", "Accept"), ("X-Result-Rows", "3")))


def test_an_entry_is_given_back_as_it_was_kept():
    cache = ResultCache(10**6, 10**5)
    key = CacheKey("SELECT * {}", ("urn:g1", "urn:g2"), ("urn:g3",), "csv", 10)
    cache.get(key, "v1")
    answer = _answer(b"a,b\n")
    assert cache.put(key, "v1", answer)
    assert cache.get(key, "v1") == answer
    assert cache.get(CacheKey("SELECT * {}", ("urn:g1", "urn:g2"), ("urn:g3",), "csv", 10), "v1") == answer


@pytest.mark.parametrize("other", [
    CacheKey("SELECT * {}", ("urn:g1",), (), "csv", 10),           # the graph as a default graph ...
    CacheKey("SELECT * {}", (), ("urn:g1", "urn:g2"), "csv", 10),   # ... or both as named graphs
    CacheKey("SELECT * {}", ("urn:g1", "urn:g2"), (), "json", 10),
    CacheKey("SELECT * {}", ("urn:g1", "urn:g2"), (), "csv", 11),
])
def test_keys_that_differ_in_any_part_are_different_entries(other):
    cache = ResultCache(10**6, 10**5)
    key = CacheKey("SELECT * {}", ("urn:g1",), ("urn:g2",), "csv", 10)
    cache.get(key, "v1")
    cache.put(key, "v1", _answer(b"kept"))
    assert cache.get(other, "v1") is None


def test_the_serving_process_leaves_its_start_up_objects_out_of_collections():
    """``kg.serve.wsgi`` (what granian imports in the process that serves) starts the app and its
    pool, then freezes what start-up made: a later full collection walks only what requests made."""
    config = ServeConfig(store_path=str(shared_sample_store()), workers=1)
    probe = ("import gc, json, kg.serve.wsgi as wsgi\n"
             "print(json.dumps([gc.get_freeze_count(), len(gc.get_objects())]))\n"
             "wsgi.app.extensions['kg'].close()\n")
    env = {**os.environ, CONFIG_ENV: config_to_env(config)}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    frozen, tracked = json.loads(done.stdout.strip().splitlines()[-1])
    assert frozen > 10_000, "the modules, Flask and the app are frozen"
    assert tracked < frozen / 10, "what a full collection still walks is a small part of the heap"
