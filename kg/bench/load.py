"""A small HTTP load generator: several concurrent clients on loopback, bounded in count and time.

Each client is a thread with its own keep-alive ``http.client`` connection; it
takes the next request from a shared sequence (so each request can be a
different query), sends it, reads the whole answer and records the latency.
The run stops at ``max_requests`` or ``seconds``, whichever comes first.  The
client's own CPU time is measured too, so its cost can be stated.
"""
from __future__ import annotations

import http.client
import itertools
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator
from urllib.parse import urlencode, urlsplit

from kg.bench.stats import Latency, latency

JSON_RESULTS = "application/sparql-results+json"


@dataclass(frozen=True)
class Request:
    """One HTTP request: GET ``path?query`` (SPARQL protocol by GET) with an Accept header."""

    path: str
    label: str = ""
    accept: str = JSON_RESULTS


def sparql_get(endpoint_path: str, query: str, label: str = "") -> Request:
    return Request(f"{endpoint_path}?{urlencode({'query': query})}", label)


@dataclass
class LoadResult:
    clients: int
    seconds: float
    ok: int = 0
    errors: int = 0
    bytes: int = 0
    latencies: list[float] = field(default_factory=list, repr=False)
    by_label: dict[str, list[float]] = field(default_factory=dict, repr=False)
    status_counts: dict[int, int] = field(default_factory=dict)
    cache_hits: int = 0                    # answers that said ``X-Cache: hit`` (kg serve's result cache)
    client_cpu_seconds: float = 0.0
    server_cpu_seconds: float | None = None  # CPU of the server's processes during the run (psutil), when known
    first_error: str | None = None

    @property
    def throughput(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    @property
    def latency(self) -> Latency:
        return latency(self.latencies)

    def to_json(self) -> dict:
        return {"clients": self.clients, "seconds": round(self.seconds, 3), "ok": self.ok, "errors": self.errors,
                "bytes": self.bytes, "throughput_per_s": round(self.throughput, 2), "latency_ms": self.latency.to_json(),
                "status_counts": {str(k): v for k, v in self.status_counts.items()}, "cache_hits": self.cache_hits,
                "client_cpu_us_per_request": round(1e6 * self.client_cpu_seconds / max(self.ok + self.errors, 1), 1),
                "server_cpu_ms_per_request": (None if self.server_cpu_seconds is None else
                                              round(1e3 * self.server_cpu_seconds / max(self.ok + self.errors, 1), 3)),
                "first_error": self.first_error,
                "by_query_p50_ms": {k: round(latency(v).p50, 3) for k, v in sorted(self.by_label.items())}}


def run_load(base_url: str, requests: Callable[[], Iterator[Request]] | list[Request], *, clients: int = 4,
             seconds: float = 10.0, max_requests: int = 100_000, timeout: float = 30.0) -> LoadResult:
    """Send the requests from ``clients`` threads until ``max_requests`` or ``seconds``."""
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    source = itertools.cycle(requests) if isinstance(requests, list) else requests()
    lock = threading.Lock()
    result = LoadResult(clients, 0.0)
    issued = [0]
    deadline = time.perf_counter() + seconds

    def next_request() -> Request | None:
        with lock:
            if issued[0] >= max_requests or time.perf_counter() >= deadline:
                return None
            issued[0] += 1
            return next(source, None)

    def client() -> None:
        conn: http.client.HTTPConnection | None = None
        while (req := next_request()) is not None:
            started = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(host, port, timeout=timeout)
                conn.request("GET", req.path, headers={"Accept": req.accept, "Connection": "keep-alive"})
                resp = conn.getresponse()
                body = resp.read()
                elapsed = time.perf_counter() - started
                if resp.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
                with lock:
                    result.status_counts[resp.status] = result.status_counts.get(resp.status, 0) + 1
                    if 200 <= resp.status < 300:
                        result.ok += 1
                        result.cache_hits += resp.getheader("X-Cache") == "hit"
                        result.bytes += len(body)
                        result.latencies.append(elapsed)
                        result.by_label.setdefault(req.label, []).append(elapsed)
                    else:
                        result.errors += 1
                        result.first_error = result.first_error or f"HTTP {resp.status} for {req.label}: {body[:200]!r}"
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    result.errors += 1
                    result.first_error = result.first_error or f"{type(error).__name__}: {error} ({req.label})"
                if conn is not None:
                    conn.close()
                conn = None
        if conn is not None:
            conn.close()

    cpu_started = time.process_time()
    wall_started = time.perf_counter()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + timeout + 5)
    result.seconds = time.perf_counter() - wall_started
    result.client_cpu_seconds = time.process_time() - cpu_started
    return result
