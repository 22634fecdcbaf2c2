"""The endpoint figures: the same queries on the same data through our endpoint and its peers.

Two workloads: *lookups* (a resolution looked up by its symbol, a different
symbol in every request, and a unique query text, so no cache helps: the
answers that say ``X-Cache: hit`` are counted, to show it) and *aggregates*
(the example queries of ``queries/``, round robin: after the warm-up, ``kg
serve`` with its result cache on answers them from memory; ``kg serve
--cache-mb 0`` runs each on the engine).  The servers compared with each other
run side by side, and their timed runs are interleaved (A B C, B C A, C A B): a
shared machine that slows down for a while, or a page cache that warms up, then
weighs on every server alike instead of on whichever ran at that moment.  Each
run is under the same load of concurrent clients on loopback, one server at a
time; the servers' own CPU per request is measured too (psutil), a figure the
rest of the machine changes much less than throughput.  rdflib's own engine
runs the same queries in a child process (killed when it overruns its time).
"""
from __future__ import annotations

import itertools
import json
import math
import multiprocessing
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol

from kg.bench.load import LoadResult, Request, run_load, sparql_get
from kg.bench.stats import latency

DEFAULT_BASE = "https://w3id.org/unres"


@dataclass(frozen=True)
class Query:
    name: str
    text: str


def lookup_query(symbol: str, serial: int, base: str = DEFAULT_BASE) -> str:
    """Everything said of the resolution with this symbol (a describe-like lookup)."""
    literal = symbol.replace("\\", "\\\\").replace('"', '\\"')
    return (f"# lookup {serial}\nPREFIX unres: <{base}/def/unres#>\n"
            f'SELECT ?r ?p ?o WHERE {{ ?r unres:symbol "{literal}" ; ?p ?o }} LIMIT 200')


def lookup_requests(symbols: list[str], path: str, base: str = DEFAULT_BASE) -> Callable[[], Iterator[Request]]:
    """An endless stream of lookups, each a different symbol in turn and a unique query text.

    The serial numbers go on from one stream to the next (warm-up, then each timed run): no text is
    ever sent twice, so a result cache cannot answer a lookup (``X-Cache: hit`` answers are counted).
    """
    serials = itertools.count()

    def stream() -> Iterator[Request]:
        for serial in serials:
            symbol = symbols[serial % len(symbols)]
            yield sparql_get(path, lookup_query(symbol, serial, base), "lookup")
    return stream


def aggregate_requests(queries: list[Query], path: str) -> list[Request]:
    return [sparql_get(path, q.text, q.name) for q in queries]


def load_queries(folder: str | Path) -> list[Query]:
    return [Query(p.stem, p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("*.rq"))]


def published_symbols(store_path: str, limit: int = 5000, base: str = DEFAULT_BASE) -> list[str]:
    """The symbols of the resolutions published in a store (the work node inside its own graph)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(store_path)
    try:
        query = (f"PREFIX unres: <{base}/def/unres#> SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?r unres:symbol ?s }} "
                 f"FILTER(STRSTARTS(STR(?g), CONCAT(STR(?r), \"/\"))) }} LIMIT {limit}")
        return sorted(str(row["s"].value) for row in store.query(query))
    finally:
        del store


def export_nquads(store_path: str, target: Path) -> int:
    """The store's quads as N-Quads (the rdflib peers load this); returns the number of quads."""
    import pyoxigraph as ox

    store = ox.Store.read_only(store_path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        store.dump(str(target), format=ox.RdfFormat.N_QUADS)
        return len(store)
    finally:
        del store


def answer_sizes(base_url: str, path: str, queries: list[Query], timeout: float = 60.0) -> dict[str, Any]:
    """One pass over the queries: rows (or an error) per query, to show every server answers the same."""
    sizes: dict[str, Any] = {}
    for q in queries:
        url = f"{base_url}{path}?{urllib.parse.urlencode({'query': q.text})}"
        req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                data = json.loads(resp.read())
            rows = len(data.get("results", {}).get("bindings", [])) if "results" in data else int(bool(data.get("boolean")))
            sizes[q.name] = {"rows": rows, "ms": round(1000 * (time.perf_counter() - started), 1)}
        except Exception as error:  # a server that cannot answer is a finding, not a crash
            sizes[q.name] = {"error": f"{type(error).__name__}: {str(error)[:160]}"}
    return sizes


class Target(Protocol):
    """A server to measure: a name, a base URL, its SPARQL path, and its CPU so far (``None``: unknown)."""

    name: str
    base_url: str
    sparql_path: str

    def cpu_seconds(self) -> float | None: ...


def measure_http(target: Target, symbols: list[str], queries: list[Query], **settings: Any) -> dict[str, Any]:
    """Lookups and aggregates against one server: a warm-up, then the timed runs of each."""
    return measure_side_by_side([target], symbols, queries, **settings)[target.name]


def measure_side_by_side(targets: list[Target], symbols: list[str], queries: list[Query], *, clients: int,
                         seconds: float, warmup_seconds: float, max_requests: int, runs: int,
                         base: str = DEFAULT_BASE) -> dict[str, dict[str, Any]]:
    """Lookups and aggregates against several servers running at once, their runs interleaved.

    Per workload: every server is warmed up, then run ``i`` measures them one at a time starting
    with server ``i`` (a rotation), so each server takes each place in the order as often.  Each
    server has its own stream of lookups (no query text is sent twice to one server).
    """
    streams = {t.name: lookup_requests(symbols, t.sparql_path, base) for t in targets}
    workloads: list[tuple[str, Callable[[Target], Any]]] = [("lookups", lambda t: streams[t.name])]
    if queries:
        workloads.append(("aggregates", lambda t: aggregate_requests(queries, t.sparql_path)))
    out: dict[str, dict[str, Any]] = {t.name: {} for t in targets}
    for name, requests_of in workloads:
        for target in targets:
            run_load(target.base_url, requests_of(target), clients=clients, seconds=warmup_seconds,
                     max_requests=max_requests)
        results: dict[str, list[LoadResult]] = {t.name: [] for t in targets}
        for turn in range(max(runs, 1)):
            start = turn % len(targets)
            for target in targets[start:] + targets[:start]:
                results[target.name].append(_timed_run(target, requests_of(target), clients, seconds, max_requests))
        for target in targets:
            out[target.name][name] = summarize_runs(results[target.name])
    return out


def _timed_run(target: Target, requests: Any, clients: int, seconds: float, max_requests: int) -> LoadResult:
    """One timed run, with the server's CPU over it when the target can tell."""
    before = target.cpu_seconds()
    result = run_load(target.base_url, requests, clients=clients, seconds=seconds, max_requests=max_requests)
    after = target.cpu_seconds()
    if before is not None and after is not None:
        result.server_cpu_seconds = max(after - before, 0.0)
    return result


def summarize_runs(results: list[LoadResult]) -> dict[str, Any]:
    """Median throughput over runs (with min/max), latencies over all requests of all runs."""
    from kg.bench.stats import summarize

    every = [x for r in results for x in r.latencies]
    labels: dict[str, list[float]] = {}
    for r in results:
        for k, v in r.by_label.items():
            labels.setdefault(k, []).extend(v)
    return {
        "throughput_per_s": summarize([r.throughput for r in results]).to_json(),
        "latency_ms": latency(every).to_json(),
        "requests": sum(r.ok for r in results), "errors": sum(r.errors for r in results),
        "cache_hits": sum(r.cache_hits for r in results),
        "client_cpu_us_per_request": round(1e6 * sum(r.client_cpu_seconds for r in results)
                                           / max(sum(r.ok + r.errors for r in results), 1), 1),
        "server_cpu_ms_per_request": _server_cpu_ms(results),
        "first_error": next((r.first_error for r in results if r.first_error), None),
        "by_query_p50_ms": {k: round(latency(v).p50, 2) for k, v in sorted(labels.items())},
        "runs": [r.to_json() for r in results],
    }


def _server_cpu_ms(results: list[LoadResult]) -> float | None:
    """The server's CPU per answered request over all runs, ``None`` when a run could not measure it."""
    if not results or any(r.server_cpu_seconds is None for r in results):
        return None
    requests = sum(r.ok + r.errors for r in results)
    return round(1e3 * sum(r.server_cpu_seconds or 0.0 for r in results) / max(requests, 1), 3)


# --- rdflib's own engine, in process (in a child process that is killed when it overruns) ---

def _rdflib_worker(nquads: str, symbols: list[str], queries: list[tuple[str, str]], seconds: float,
                   max_requests: int, base: str, conn: Any) -> None:
    from rdflib import Dataset

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")
    result: dict[str, Any] = {"load_seconds": round(time.perf_counter() - started, 2), "quads": len(dataset)}
    conn.send(result)
    workloads = [("lookups", [lookup_query(s, i, base) for i, s in enumerate(symbols[:max_requests])] or []),
                 ("aggregates", [q for _, q in queries])]
    for name, texts in workloads:
        if not texts:
            continue
        list(dataset.query(texts[0]))                      # warm-up
        times: list[float] = []
        deadline = time.perf_counter() + seconds
        for text in itertools.islice(itertools.cycle(texts), max_requests):
            if time.perf_counter() >= deadline:
                break
            t0 = time.perf_counter()
            list(dataset.query(text))
            times.append(time.perf_counter() - t0)
        total = sum(times)
        result[name] = {"throughput_per_s": {"median": len(times) / total if total else math.nan, "runs": 1},
                        "latency_ms": latency(times).to_json(), "requests": len(times), "clients": 1}
        conn.send(result)


def measure_rdflib_inprocess(nquads: str, symbols: list[str], queries: list[Query], *, seconds: float,
                             max_requests: int, timeout: float, base: str = DEFAULT_BASE) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_rdflib_worker, daemon=True,
                       args=(nquads, symbols, [(q.name, q.text) for q in queries], seconds, max_requests, base, child))
    proc.start()
    child.close()
    result: dict[str, Any] = {}
    deadline = time.perf_counter() + timeout
    try:
        while time.perf_counter() < deadline:
            if parent.poll(min(1.0, max(deadline - time.perf_counter(), 0.01))):
                try:
                    result = parent.recv()
                except EOFError:
                    break
                if "aggregates" in result or ("lookups" in result and not queries):
                    break
            elif not proc.is_alive():
                break
        else:
            result["note"] = f"stopped after {timeout:.0f} s"
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(5)
    return result
