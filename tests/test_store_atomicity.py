"""A changeset of new graphs is bulk loaded (Oxigraph's fast loader) and still all-or-nothing:
a process killed with SIGKILL in the middle of the load leaves the store without any of it."""
from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox

from kg.store.backends import Changeset, EmbeddedStore

BASE = "https://w3id.org/unres"
GRAPHS = 40
TRIPLES_PER_GRAPH = 10_000

# The child writes one big changeset of new graphs; "loading" is printed just before the load.
CHILD = textwrap.dedent(f"""
    import sys
    from kg.store.backends import Changeset, EmbeddedStore
    store = EmbeddedStore(sys.argv[1], {BASE!r})
    change = Changeset()
    for g in range({GRAPHS}):
        graph = f"{BASE}/test/{{g}}/graph"
        change.put_graph(graph, "".join(f'<{BASE}/test/{{g}}/s{{i}}> <{BASE}/def/unres#text> "paragraph {{i}} of {{g}}" .\\n'
                                        for i in range({TRIPLES_PER_GRAPH})))
    assert store.only_adds(change)
    print("loading", flush=True)
    store.apply(change)
    print("done", flush=True)
""")


def _quads(path: Path) -> int:
    store = ox.Store(str(path))
    try:
        return len(store)
    finally:
        del store


def _existing_store(path: Path) -> None:
    store = EmbeddedStore(path, BASE)
    change = Changeset()
    change.put_graph(f"{BASE}/test/old/graph", f'<{BASE}/test/old> <{BASE}/def/unres#text> "already there" .\n')
    store.apply(change)
    store.close()


def test_a_changeset_of_new_graphs_goes_through_the_bulk_loader(tmp_path):
    store = EmbeddedStore(tmp_path / "store", BASE)
    calls: list[str] = []
    store.store = _Recording(store.store, calls)  # type: ignore[assignment]
    change = Changeset()
    change.put_graph(f"{BASE}/test/a/graph", f'<{BASE}/test/a> <{BASE}/def/unres#text> "a" .\n')
    store.apply(change)
    assert calls == ["bulk_load"]
    assert store.named_graphs() == {f"{BASE}/test/a/graph"}


class _Recording:
    """Wraps a pyoxigraph store and records which write method was used."""

    def __init__(self, inner: ox.Store, calls: list[str]):
        self.inner, self.calls = inner, calls

    def bulk_load(self, **kwargs):  # type: ignore[no-untyped-def]
        self.calls.append("bulk_load")
        return self.inner.bulk_load(**kwargs)

    def load(self, **kwargs):  # type: ignore[no-untyped-def]
        self.calls.append("load")
        return self.inner.load(**kwargs)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.inner, name)


def test_sigkill_during_a_bulk_load_leaves_none_of_the_changeset(tmp_path):
    """Killed at several moments into the load: the store holds the old graph alone, or everything."""
    outcomes = []
    for delay in (0.05, 0.3, 0.8):
        path = tmp_path / f"store-{delay}"
        _existing_store(path)
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "loading"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()
        child.wait()
        quads = _quads(path)
        assert quads in (1, 1 + GRAPHS * TRIPLES_PER_GRAPH), f"half a changeset: {quads} quads after a kill"
        outcomes.append(("done" in rest, quads))
    assert any(not finished for finished, _ in outcomes), "every load finished before the kill: nothing was tested"
    assert all(quads == 1 for finished, quads in outcomes if not finished)
