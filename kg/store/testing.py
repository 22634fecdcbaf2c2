"""Helpers for tests and benchmarks of the store: a real ``oxigraph serve`` process, canonical dumps."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


class OxigraphServer:
    """``oxigraph serve`` on a free loopback port, stopped on exit (``with OxigraphServer(dir) as srv``)."""

    def __init__(self, location: Path | str, port: int | None = None, union_default_graph: bool = True):
        self.location = Path(location)
        self.port = port or free_port()
        self.union_default_graph = union_default_graph
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def store_spec(self) -> str:
        return f"sparql+{self.url}/"

    def start(self, wait: bool = True) -> "OxigraphServer":
        binary = oxigraph_binary()
        if binary is None:
            raise RuntimeError("the oxigraph server CLI is not installed (pip install oxigraph)")
        command = [binary, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"]
        if self.union_default_graph:
            command.append("--union-default-graph")
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited with {self.process.returncode}")
            try:
                urllib.request.urlopen(f"{self.url}/query?query=ASK%7B%7D", timeout=1).read()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("oxigraph serve did not answer in time")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self) -> "OxigraphServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def rdf_document(graph: str, body: str, source_format: str = "") -> str:
    """A document for ``rdf_file_pipeline``: a ``# graph: <IRI> format`` line, then Turtle."""
    return f"# graph: <{graph}> {source_format}\n{body}\n"


def crashing_pipeline(base: str, now: str | None = None):  # type: ignore[no-untyped-def]
    """``rdf_file_pipeline``, except that the worker process dies outright on a file containing
    ``KILL-THE-WORKER`` (as a segfault in a parser would): for the crash-recovery tests."""
    import os

    from kg.parse.sources import read_bytes
    from kg.store.pipeline import rdf_file_pipeline

    inner = rdf_file_pipeline(base, now)

    def run(path: str, sha256: str):  # type: ignore[no-untyped-def]
        if b"KILL-THE-WORKER" in read_bytes(path):
            os._exit(70)
        return inner(path, sha256)

    return run
