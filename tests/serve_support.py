"""The endpoint as a real process for the load and attack tests (issue 10), and a bounded load client.

``ServerProcess`` runs ``kg serve`` (waitress, worker pool) on 127.0.0.1 and a free port, over a
store of real documents; ``tree_rss`` reads the RSS of the server and its query workers from
/proc.  ``run_load`` drives many concurrent keep-alive clients through a mix of cheap and
expensive requests for a bounded time while a monitor polls ``/health`` and samples memory.
"""
from __future__ import annotations

import http.client
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.store.testing import free_port
from reliability_support import REPO, percentile, tree_rss_mb


class ServerProcess:
    """``kg serve`` as a subprocess; ``url``; stopped by ``stop()`` (use as a context manager)."""

    def __init__(self, store: Path, timeout: float = 2.0, workers: int = 2, threads: int = 8,
                 max_rows: int = 1000, max_body: int = 256 * 1024, extra: list[str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.timeout = timeout
        command = [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--host", "127.0.0.1",
                   "--port", str(self.port), "--timeout", str(timeout), "--workers", str(workers),
                   "--threads", str(threads), "--max-rows", str(max_rows), "--max-body", str(max_body),
                   *(extra or [])]
        self.process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"kg serve exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                if request(self.url, "GET", "/health", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("kg serve did not answer /health in time")

    @property
    def pid(self) -> int:
        return self.process.pid

    def rss_mb(self) -> float:
        return tree_rss_mb(self.pid)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> "ServerProcess":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def request(base: str, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
            timeout: float = 30.0) -> tuple[int, dict[str, str], bytes]:
    """One request on a fresh connection; (status, headers, body).  Paths are sent as given."""
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for key, value in (headers or {}).items():
            conn.putheader(key, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        reply = conn.getresponse()
        return reply.status, {k.lower(): v for k, v in reply.getheaders()}, reply.read()
    finally:
        conn.close()


def raw_request(port: int, data: bytes, body: bytes = b"", timeout: float = 15.0) -> bytes:
    """Send raw bytes (head, then body), read the answer (for requests http.client will not write).

    A server may answer (413) and close before the whole body is sent: the answer read so far
    is returned, a reset while sending is not an error here.
    """
    chunks: list[bytes] = []
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
            if body:
                sock.settimeout(0.5)
                try:
                    first = sock.recv(65536)          # an early answer to the head alone
                    if first:
                        return first
                except socket.timeout:
                    pass
                sock.settimeout(timeout)
                sock.sendall(body)
        except (ConnectionResetError, BrokenPipeError):
            pass
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except (socket.timeout, ConnectionResetError):
            pass
    return b"".join(chunks)


def status_of(answer: bytes) -> int | None:
    """The status code of a raw HTTP answer (None when there was no answer)."""
    parts = answer.split(b" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[0].startswith(b"HTTP/") and parts[1].isdigit() else None


# --- the load mix ----------------------------------------------------------------------------

FORM = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
JSON = {"Accept": "application/sparql-results+json"}


def _q(query: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query})


@dataclass(frozen=True)
class Call:
    name: str
    kind: str                       # cheap | expensive
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    allowed: frozenset[int] = frozenset({200, 503})


MIX: list[tuple[Call, int]] = [
    (Call("ask", "cheap", "GET", _q("ASK { ?s ?p ?o }"), headers=JSON), 10),
    (Call("select-10", "cheap", "POST", "/sparql",
          urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"}).encode(), FORM), 10),
    (Call("count-graphs", "cheap", "GET", _q("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"),
          headers=JSON), 5),
    (Call("health", "cheap", "GET", "/health"), 5),
    (Call("page-html", "cheap", "GET", "/eli/un/ga/res/65/140", headers={"Accept": "text/html"}), 5),
    (Call("page-ttl", "cheap", "GET", "/eli/un/ga/res/65/140.ttl"), 5),
    (Call("listing", "cheap", "GET", "/resolutions.json"), 3),
    (Call("symbol", "cheap", "GET", "/symbol/A/RES/65/140", allowed=frozenset({301, 503})), 3),
    (Call("missing", "cheap", "GET", "/eli/un/ga/res/1/1", allowed=frozenset({404, 503})), 2),
    (Call("bad-syntax", "cheap", "GET", _q("SELECT WHERE {"), headers=JSON, allowed=frozenset({400, 503})), 2),
    (Call("update", "cheap", "POST", "/sparql", b"INSERT DATA { <a:b> <a:c> <a:d> }",
          {"Content-Type": "application/sparql-update"}, frozenset({403})), 1),
    (Call("all-rows", "expensive", "GET", _q("SELECT * WHERE { ?s ?p ?o }"), headers=JSON), 2),
    (Call("cartesian", "expensive", "GET",
          _q("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"), headers=JSON), 1),
    (Call("path-star", "expensive", "GET",
          _q("SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:p>|!<urn:p>)* ?b }"), headers=JSON), 1),
    (Call("order-all", "expensive", "GET",
          _q("SELECT ?o WHERE { ?s ?p ?o . ?s2 ?p ?o2 } ORDER BY DESC(STR(?o)) LIMIT 5"), headers=JSON), 1),
]


@dataclass
class LoadResult:
    duration: float
    clients: int
    statuses: Counter = field(default_factory=Counter)
    by_call: dict[str, Counter] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)     # no answer at all
    health: Counter = field(default_factory=Counter)
    health_worst: float = 0.0
    rss_samples: list[float] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    def figures(self) -> dict[str, object]:
        return {"requests": self.requests, "clients": self.clients, "seconds": round(self.duration, 1),
                "statuses": dict(sorted(self.statuses.items())),
                "p50_ms": round(percentile(self.latencies, 50) * 1000, 1),
                "p99_ms": round(percentile(self.latencies, 99) * 1000, 1),
                "max_ms": round(max(self.latencies, default=0) * 1000, 1),
                "unexpected": len(self.unexpected), "failures": len(self.failures),
                "health": dict(self.health), "health_worst_ms": round(self.health_worst * 1000, 1),
                "rss_start_mb": round(self.rss_samples[0], 1) if self.rss_samples else 0,
                "rss_peak_mb": round(max(self.rss_samples, default=0), 1)}


def run_load(server: ServerProcess, seconds: float, clients: int, seed: int = 10) -> LoadResult:
    """``clients`` keep-alive clients for ``seconds``; a monitor polls /health and samples RSS."""
    result = LoadResult(seconds, clients)
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    calls, weights = zip(*MIX)
    request_timeout = 2 * server.timeout + 20

    def client(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=request_timeout)
        while time.monotonic() < stop_at:
            call = rng.choices(calls, weights)[0]
            started = time.perf_counter()
            try:
                conn.request(call.method, call.path, body=call.body, headers=call.headers)
                reply = conn.getresponse()
                reply.read()
                status = reply.status
                if reply.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=request_timeout)
                with lock:
                    result.failures.append(f"{call.name}: {type(error).__name__}: {error}")
                continue
            elapsed = time.perf_counter() - started
            with lock:
                result.statuses[status] += 1
                result.by_call.setdefault(call.name, Counter())[status] += 1
                result.latencies.append(elapsed)
                if status not in call.allowed:
                    result.unexpected.append(f"{call.name}: {status}")
        conn.close()

    def monitor() -> None:
        while time.monotonic() < stop_at:
            result.rss_samples.append(server.rss_mb())
            started = time.perf_counter()
            try:
                status = request(server.url, "GET", "/health", timeout=request_timeout)[0]
            except OSError as error:
                status = f"no answer ({type(error).__name__})"
            elapsed = time.perf_counter() - started
            result.health[status] += 1
            result.health_worst = max(result.health_worst, elapsed)
            time.sleep(max(0.0, 0.5 - elapsed))

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    threads.append(threading.Thread(target=monitor, daemon=True))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + request_timeout + 30)
    result.rss_samples.append(server.rss_mb())
    return result


class SlowClients:
    """``count`` sockets that send a request one byte per ``interval`` seconds (slowloris)."""

    def __init__(self, port: int, count: int, interval: float = 1.0) -> None:
        self.port, self.count, self.interval = port, count, interval
        self.sockets: list[socket.socket] = []
        self.opened = 0
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        for _ in range(self.count):
            try:
                sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
                sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                self.sockets.append(sock)
                self.opened += 1
            except OSError:
                break
        while not self._stop.wait(self.interval):
            for sock in list(self.sockets):
                try:
                    sock.sendall(b"X")
                except OSError:
                    self.sockets.remove(sock)

    def __enter__(self) -> "SlowClients":
        self.thread.start()
        time.sleep(0.5)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.thread.join(5)
        for sock in self.sockets:
            sock.close()
