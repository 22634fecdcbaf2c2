"""Helpers for tests and benchmarks: build a store, run the real app on a loopback port.

``build_store`` runs the real pipeline (parse -> link -> map) over source
files into an on-disk pyoxigraph store, one named graph per resolution
expression, as ``kg build`` does; ``LiveServer`` runs the app under waitress
on 127.0.0.1 and a free port, in a thread, until stopped.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pyoxigraph as ox

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
CORPUS = SHARED / "corpus"
SEED = CORPUS / "seed" / "A_RES_65_140.txt"


def sample_sources() -> list[Path]:
    """The seed and a few real documents of other organs and formats (those present)."""
    candidates = [
        SEED,
        CORPUS / "unxml-ga" / "xml" / "78session" / "English" / "A_RES_78_102-2324976E.xml",
        CORPUS / "unxml-sc" / "xml" / "2022" / "English" / "S_RES_2618 (2022)-2201005E.xml",
        CORPUS / "ods-word" / "ga-misc" / "text-seedlike" / "70_1.txt",
    ]
    return [p for p in candidates if p.is_file()]


def build_store(store_path: str | Path, sources: list[Path], base: str = "https://w3id.org/unres") -> list[str]:
    """Parse, link and map ``sources`` into a new store at ``store_path``; returns the graph IRIs."""
    from kg.link import link, load_gazetteer
    from kg.map import to_graph
    from kg.parse import parse_path

    gazetteer = load_gazetteer()
    store = ox.Store(str(store_path))
    graphs = []
    try:
        for source in sources:
            resolution = parse_path(str(source))
            mapped = to_graph(resolution, link(resolution, gazetteer), base)
            data = mapped.graph.serialize(format="nt", encoding="utf-8")
            store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(mapped.graph_iri))
            graphs.append(mapped.graph_iri)
        store.flush()
    finally:
        del store
    return graphs


def turtle_store(store_path: str | Path, graphs: dict[str, str]) -> None:
    """A store from Turtle snippets, one per named graph."""
    store = ox.Store(str(store_path))
    try:
        for graph, turtle in graphs.items():
            store.load(turtle.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))
        store.flush()
    finally:
        del store


def store_digest(store_path: str | Path) -> tuple[int, str]:
    """The number of quads and a SHA-256 of the store's N-Quads dump (to prove a store unchanged)."""
    import hashlib

    store = ox.Store.read_only(str(store_path))
    try:
        return len(store), hashlib.sha256(store.dump(format=ox.RdfFormat.N_QUADS)).hexdigest()
    finally:
        del store


class LiveServer:
    """The app under waitress on 127.0.0.1 and a free port (``url``), in a background thread."""

    def __init__(self, app, threads: int = 8) -> None:
        import waitress.server

        self.app = app
        self.server = waitress.server.create_server(app, host="127.0.0.1", port=0, threads=threads,
                                                    ident="kg-serve-test")
        self.port = self.server.effective_port
        self.url = f"http://127.0.0.1:{self.port}"
        self._stopping = False
        self.thread = threading.Thread(target=self._run, name="kg-serve-live", daemon=True)

    def _run(self) -> None:
        try:
            self.server.run()
        except (OSError, ValueError):
            if not self._stopping:
                raise

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self._stopping = True
        self.server.close()
        self.thread.join(5)
        services = self.app.extensions.get("kg")
        if services is not None:
            services.close()


_SHARED_STORE: dict[str, Path] = {}


def shared_sample_store() -> Path:
    """One store of ``sample_sources()`` per test process, built on first use, removed at exit.

    Workers open it read-only, so every test module may serve it at once.
    """
    if "path" not in _SHARED_STORE:
        import atexit
        import shutil
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="kg-serve-test-"))
        atexit.register(shutil.rmtree, folder, True)
        build_store(folder / "store", sample_sources())
        _SHARED_STORE["path"] = folder / "store"
    return _SHARED_STORE["path"]


def published_sample_release(data: Path, version: str) -> tuple[Path, Path]:
    """A release of :func:`shared_sample_store` dumped by the real writer into ``data``:
    (the store, the data folder), for the tests of /data and /catalog."""
    from kg.publish import dump_release

    store_path = shared_sample_store()
    store = ox.Store.read_only(str(store_path))
    try:
        dump_release(store, data, version=version, log=lambda message: None)
    finally:
        del store
    return store_path, data
