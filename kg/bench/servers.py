"""The SPARQL servers the benchmark compares, each a child process on 127.0.0.1 and a free port.

``Server`` starts a command, waits until its readiness URL answers, and stops
the process group on exit (also on error and Ctrl-C): nothing is left running.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
_RUNNING: list["Server"] = []


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def venv_bin(name: str) -> str:
    """A console script of the running interpreter's environment (``.venv/bin/kg``, ``oxigraph``)."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


@dataclass
class Server:
    """One server process: ``base_url`` + ``sparql_path`` is its SPARQL endpoint."""

    name: str
    command: list[str]
    port: int
    sparql_path: str
    ready_path: str
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None
    startup_seconds: float = 0.0

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, timeout: float = 180.0) -> "Server":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "wb")
        started = time.perf_counter()
        self.process = subprocess.Popen(self.command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        env={**os.environ, **self.env}, start_new_session=True)
        log.close()
        _RUNNING.append(self)
        deadline = started + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode} at start: "
                                   f"{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.base_url + self.ready_path, timeout=5) as resp:
                    if resp.status < 500:
                        self.startup_seconds = time.perf_counter() - started
                        return self
            except urllib.error.HTTPError as error:
                if error.code < 500:
                    self.startup_seconds = time.perf_counter() - started
                    return self
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer within {timeout:.0f} s: {self.log_tail()}")

    def log_tail(self, lines: int = 5) -> str:
        try:
            return " | ".join(self.log_path.read_text(errors="replace").strip().splitlines()[-lines:])
        except OSError:
            return ""

    def rss_mb(self) -> float | None:
        """Resident memory of the server and its children (psutil when installed)."""
        try:
            import psutil
        except ImportError:
            return None
        if self.process is None:
            return None
        try:
            proc = psutil.Process(self.process.pid)
            return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]) / 2**20
        except psutil.Error:
            return None

    def cpu_seconds(self) -> float | None:
        """CPU time (user + system) of the server and its live children so far (psutil when installed).

        Measured around a timed run, it gives the server's CPU per request: unlike throughput, a figure
        that other load on a shared machine does not change much.  A child that exited during the run
        (a query worker replaced) takes its time with it."""
        try:
            import psutil
        except ImportError:
            return None
        if self.process is None:
            return None
        total = 0.0
        try:
            proc = psutil.Process(self.process.pid)
            family = [proc, *proc.children(recursive=True)]
        except psutil.Error:
            return None
        for member in family:
            try:
                times = member.cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system
        return total

    def stop(self) -> None:
        proc = self.process
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(10)
            except (ProcessLookupError, PermissionError):
                pass
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait(5)
        if self in _RUNNING:
            _RUNNING.remove(self)

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def stop_all() -> None:
    """Stop every server still running (the command's last resort on error or Ctrl-C)."""
    for server in list(_RUNNING):
        server.stop()


def ours(store: str, work: Path, *, workers: int | None = None, threads: int = 8, cache_mb: float | None = None) -> Server:
    """``kg serve`` over the store, with its safety limits on (defaults); ``cache_mb`` sets ``--cache-mb``
    (``None``: the default, result cache on; ``0``: off, every query runs on the engine)."""
    port = free_port()
    command = [venv_bin("kg"), "serve", "--store", store, "--host", HOST, "--port", str(port), "--threads", str(threads)]
    if workers:
        command += ["--workers", str(workers)]
    name, log = "kg serve", "kg-serve.log"
    if cache_mb is not None:
        command += ["--cache-mb", f"{cache_mb:g}"]
        name, log = f"kg serve --cache-mb {cache_mb:g}", f"kg-serve-cache-{cache_mb:g}.log"
    return Server(name, command, port, "/sparql", "/health", work / "logs" / log)


def ours_without_cache(store: str, work: Path) -> Server:
    """``kg serve --cache-mb 0``: the engine path only (worker pool, time limit), no result cache."""
    return ours(store, work, cache_mb=0)


def oxigraph(store: str, work: Path) -> Server:
    """The raw engine: ``oxigraph serve-read-only`` on the same store, default graph = union of named graphs.

    Without ``--timeout-s``: in oxigraph 0.5.13 that option starts a thread per query that sleeps
    for the whole timeout, so under a sustained load the threads pile up (over 3,000 after 9 s of
    lookups here) until thread creation fails ("Resource temporarily unavailable", then a panic)
    and the server stops answering.  The peer is therefore the raw engine with no time limit: the
    harder yardstick for ours, which keeps its limits on.
    """
    port = free_port()
    command = [venv_bin("oxigraph"), "serve-read-only", "--location", store, "--bind", f"{HOST}:{port}",
               "--union-default-graph"]
    return Server("oxigraph serve", command, port, "/query", "/", work / "logs" / "oxigraph.log")


def rdflib_endpoint(nquads: str, work: Path) -> Server:
    """rdflib-endpoint (FastAPI on uvicorn) over an rdflib Dataset loaded from the store's N-Quads."""
    port = free_port()
    command = [sys.executable, "-m", "kg.bench.rdflib_server", "--data", nquads, "--host", HOST, "--port", str(port)]
    return Server("rdflib-endpoint", command, port, "/", "/", work / "logs" / "rdflib-endpoint.log")


def static(work: Path) -> Server:
    """A trivial endpoint answering every GET with a fixed small SPARQL JSON result (the client's ceiling)."""
    port = free_port()
    command = [sys.executable, "-m", "kg.bench.static_server", "--host", HOST, "--port", str(port)]
    return Server("static", command, port, "/sparql", "/", work / "logs" / "static.log")
