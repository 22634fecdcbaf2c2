"""A running `kg serve` picks up a rebuild of its store without a restart (kg/serve/pool.py).

A real store built by `kg build` from documents of sample/, a real `kg serve` on 127.0.0.1, a
second real `kg build` into the same store while it serves, and a real HTTP client: after the
build the server answers the new resolution and the changed text, the result cache and the
ETags change with the store, /health names the build served; while a build is still writing,
the server answers from the store as it was (a half-written build is never served); a query
already running when the server switches finishes on the old view.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.serve import storestate
from kg.serve.pool import QueryJob, QueryPool
from kg.store import build as store_build
from serve_support import ServerProcess, request

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample"
SYMBOLS = ("PREFIX unres: <https://w3id.org/unres/def/unres#>\n"
           "SELECT ?s WHERE { ?r unres:symbol ?s } ORDER BY ?s")
LABEL = ("PREFIX unres: <https://w3id.org/unres/def/unres#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
         'SELECT ?label WHERE { ?r unres:symbol "A/RES/65/140" ; rdfs:label ?label }')
PAGE = "/eli/un/ga/res/65/140"
CSV = {"Accept": "text/csv"}
OLD_TITLE, NEW_TITLE = "Organization of the Islamic Conference", "Organization of Islamic Cooperation"
SWITCH_SECONDS = 30          # generous on a loaded machine; the switch takes about a second and a worker start


def kg_build(sources: Path, store: Path, env: dict[str, str] | None = None,
             wait: bool = True) -> subprocess.Popen:
    """`kg build` as a user runs it, in its own process."""
    command = [sys.executable, "-m", "kg.cli", "build", "-q", "-j", "1", "--batch-size", "1", str(sources),
               "--store", str(store)]
    process = subprocess.Popen(command, cwd=REPO, env={**os.environ, **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if wait:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()[-2000:]
    return process


def sources(root: Path, names: list[str], retitle: bool = False) -> Path:
    """A folder of sample documents; ``retitle``: A/RES/65/140 with another title (a changed document)."""
    folder = root / "src"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copyfile(SAMPLE / name, folder / name)
    if retitle:
        seed = folder / "A_RES_65_140.txt"
        seed.write_text(seed.read_text(encoding="utf-8").replace(OLD_TITLE, NEW_TITLE), encoding="utf-8")
    return folder


def get(server: ServerProcess, query: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    return request(server.url, "GET", "/sparql?" + urllib.parse.urlencode({"query": query}), headers={**CSV, **(headers or {})})


def health(server: ServerProcess) -> dict:
    status, _, body = request(server.url, "GET", "/health")
    assert status == 200
    return json.loads(body)


@dataclass
class Scenario:
    server: ServerProcess
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    statuses: list[int] = field(default_factory=list)        # every answer while waiting for the switch
    switched: bool = False                                    # the last of them had the new resolution
    switched_after: float = 0.0


def observe(server: ServerProcess) -> dict:
    """What a client sees: the symbols (asked twice: the second answer comes from the cache), the
    label of A/RES/65/140, the page of A/RES/65/140 and /health."""
    first, second = get(server, SYMBOLS), get(server, SYMBOLS)
    page = request(server.url, "GET", PAGE, headers={"Accept": "text/turtle"})
    return {"symbols": first, "symbols again": second, "label": get(server, LABEL), "page": page,
            "health": health(server)}


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    """Serve a store of two documents; rebuild it with one more and one changed; wait for the switch."""
    root = tmp_path_factory.mktemp("rebuild")
    store = root / "store"
    kg_build(sources(root, ["A_RES_65_140.txt", "74_1_F.xml"]), store)
    with ServerProcess(store, timeout=20.0, workers=2) as server:
        scenario = Scenario(server, before=observe(server))
        kg_build(sources(root, ["A_RES_80_7.md"], retitle=True), store)
        started = time.monotonic()
        while time.monotonic() - started < SWITCH_SECONDS:
            status, _, body = get(server, SYMBOLS)
            scenario.statuses.append(status)
            if b"A/RES/80/7" in body:
                scenario.switched = True
                break
            time.sleep(0.2)
        scenario.switched_after = time.monotonic() - started
        scenario.after = observe(server)
        yield scenario


def test_the_new_resolution_is_answered_after_the_build_without_a_restart(rebuilt):
    status, _, body = rebuilt.before["symbols"]
    assert status == 200 and b"A/RES/65/140" in body and b"A/RES/80/7" not in body
    status, _, body = rebuilt.after["symbols"]
    assert status == 200 and b"A/RES/80/7" in body and b"A/RES/65/140" in body, body
    assert rebuilt.switched_after < SWITCH_SECONDS


def test_no_request_fails_while_the_server_switches(rebuilt):
    assert rebuilt.switched and set(rebuilt.statuses) == {200}, rebuilt.statuses


def test_a_changed_document_gives_the_changed_answer(rebuilt):
    assert OLD_TITLE.encode() in rebuilt.before["label"][2]
    status, _, body = rebuilt.after["label"]
    assert status == 200 and NEW_TITLE.encode() in body and OLD_TITLE.encode() not in body, body


def test_the_result_cache_follows_the_store(rebuilt):
    assert rebuilt.before["symbols again"][1].get("x-cache") == "hit"        # kept before the build
    assert b"A/RES/80/7" not in rebuilt.before["symbols again"][2]
    status, headers, body = rebuilt.after["symbols again"]                    # kept again, for the new store
    assert status == 200 and headers.get("x-cache") == "hit" and body == rebuilt.after["symbols"][2]


def test_etags_change_and_the_old_etag_gets_the_new_data(rebuilt):
    server = rebuilt.server
    for name in ("symbols", "page"):
        old, new = rebuilt.before[name][1]["etag"], rebuilt.after[name][1]["etag"]
        assert old != new, name
    status, headers, body = get(server, SYMBOLS, {"If-None-Match": rebuilt.before["symbols"][1]["etag"]})
    assert status == 200 and b"A/RES/80/7" in body and headers["etag"] == rebuilt.after["symbols"][1]["etag"]
    status, _, body = request(server.url, "GET", PAGE, headers={"Accept": "text/turtle",
                                                                "If-None-Match": rebuilt.before["page"][1]["etag"]})
    assert status == 200 and NEW_TITLE.encode() in body
    assert get(server, SYMBOLS, {"If-None-Match": rebuilt.after["symbols"][1]["etag"]})[0] == 304


def test_health_names_the_build_served(rebuilt):
    before, after = rebuilt.before["health"], rebuilt.after["health"]
    assert before["store_generation"] == 0 and after["store_generation"] >= 1
    assert before["store_built"] and after["store_built"] and before["store_stamp"] != after["store_stamp"]
    marker = json.loads((Path(after["store"]) / store_build.BUILD_MARKER).read_text(encoding="utf-8"))
    assert after["store_built"] == marker["finished"] and marker["graphs"] == 3
    assert storestate.BUILD_MARKER == store_build.BUILD_MARKER


def graph_count(store: Path) -> int:
    """Named graphs in ``store``, opened read-only while a build may be writing it: RocksDB can
    name a file in its MANIFEST that the writer's compaction has just removed, so try again."""
    for attempt in range(50):
        try:
            reader = ox.Store.read_only(str(store))
        except RuntimeError:
            if attempt == 49:
                raise
            time.sleep(0.1)
            continue
        try:
            return len(list(reader.named_graphs()))
        finally:
            del reader
    raise AssertionError("unreachable")


def test_a_build_still_writing_is_not_served_and_its_end_is(tmp_path):
    store = tmp_path / "store"
    kg_build(sources(tmp_path, ["A_RES_65_140.txt"]), store)
    on_disk = graph_count(store)
    folder = sources(tmp_path, ["A_RES_80_7.md", "E_RES_2023_35-2316300E.xml", "A_HRC_RES_59_1_E.xml"])
    trace = tmp_path / "trace"
    with ServerProcess(store, timeout=20.0, workers=1) as server:
        old = get(server, SYMBOLS)[2]
        # The build holds after each transaction while the gate exists: half-written until the test is done.
        gate = tmp_path / "gate"
        gate.touch()
        build = kg_build(folder, store, env={"KG_BUILD_COMMIT_GATE": str(gate), "KG_BUILD_TRACE": str(trace)},
                         wait=False)
        try:
            wait_for_first_batch(trace, build)
            assert graph_count(store) > on_disk            # a transaction of the build is in the store...
            time.sleep(1.5)                                # (more than one look at the marker)
            status, _, during = get(server, SYMBOLS)
            assert build.poll() is None, "the build ended before the server was asked"
            assert status == 200 and during == old         # ... yet the server answers the store as it was
            assert health(server)["store_generation"] == 0
        finally:
            gate.unlink()
            _, err = build.communicate(timeout=300)
        assert build.returncode == 0, err.decode()[-2000:]
        deadline = time.monotonic() + SWITCH_SECONDS
        while b"A/HRC/RES/59/1" not in get(server, SYMBOLS)[2] and time.monotonic() < deadline:
            time.sleep(0.2)
        status, _, after = get(server, SYMBOLS)
        assert status == 200 and b"A/HRC/RES/59/1" in after and b"A/RES/80/7" in after
        assert health(server)["store_generation"] == 1


def test_a_query_running_when_the_pool_switches_finishes_on_the_old_view(tmp_path):
    store = tmp_path / "store"
    folder = sources(tmp_path, ["A_RES_65_140.txt"])
    kg_build(folder, store)
    pool = QueryPool(str(store), size=1, timeout=20.0, watch_seconds=0)     # switched by hand below
    try:
        busy = pool._idle.get(timeout=20)               # a worker taken for a query, as ``run`` takes it
        sources(tmp_path, ["A_RES_80_7.md"])
        kg_build(folder, store)
        assert pool.reload() and pool.generation == 1
        busy.conn.send(QueryJob(SYMBOLS, result_format="csv"))   # its query runs after the switch...
        assert busy.answered_within(20)
        outcome = busy.conn.recv()
        assert outcome.status == "ok" and b"A/RES/80/7" not in outcome.body   # ... on the view it opened
        pool._give_back(busy)                           # done: retired, not kept
        deadline = time.monotonic() + 10
        while busy.process.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not busy.process.is_alive() and len(pool.pids) == 1
        fresh = pool.run(QueryJob(SYMBOLS, result_format="csv"))
        assert fresh.status == "ok" and b"A/RES/80/7" in fresh.body
    finally:
        pool.close()


def wait_for_first_batch(trace: Path, build: subprocess.Popen) -> None:
    """Until the build wrote one transaction (``KG_BUILD_TRACE`` has a line)."""
    deadline = time.monotonic() + 120
    while not (trace.exists() and trace.read_text()) and time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.1)
    assert trace.exists() and trace.read_text(), "the build wrote nothing"


def test_a_finished_build_followed_by_one_still_writing_waits_for_the_second(tmp_path):
    store = tmp_path / "store"
    folder = sources(tmp_path, ["A_RES_65_140.txt"])
    kg_build(folder, store)
    pool = QueryPool(str(store), size=1, timeout=20.0, watch_seconds=0)     # looked at by hand: ``check``
    try:
        sources(tmp_path, ["A_RES_80_7.md"])
        kg_build(folder, store)                                       # finished: its marker is new
        sources(tmp_path, ["E_RES_2023_35-2316300E.xml", "A_HRC_RES_59_1_E.xml"])
        trace, gate = tmp_path / "trace", tmp_path / "gate"
        gate.touch()                                                  # the build holds after each batch until removed
        second = kg_build(folder, store, env={"KG_BUILD_COMMIT_GATE": str(gate), "KG_BUILD_TRACE": str(trace)},
                          wait=False)
        try:
            wait_for_first_batch(trace, second)
            assert graph_count(store) > 2                             # the second build's first batch is in
            assert not pool.check() and pool.generation == 0          # not opened half-written
            assert second.poll() is None, "the second build ended before the check"
            answer = pool.run(QueryJob(SYMBOLS, result_format="csv")).body
            assert b"A/RES/65/140" in answer and b"A/RES/80/7" not in answer
        finally:
            gate.unlink()
            _, err = second.communicate(timeout=300)
        assert second.returncode == 0, err.decode()[-2000:]
        assert pool.check() and pool.generation == 1                  # both builds, whole
        answer = pool.run(QueryJob(SYMBOLS, result_format="csv")).body
        assert b"A/RES/80/7" in answer and b"A/HRC/RES/59/1" in answer and b"E/RES/2023/35" in answer
    finally:
        pool.close()
