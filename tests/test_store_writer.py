"""The background writer: batches go to the store in order, one at a time, while the build goes on."""
from __future__ import annotations

import threading

import pytest

from kg.store.backends import Changeset, EmbeddedStore, canonical_quads
from kg.store.build import BuildOptions, build
from kg.store.http import StoreError
from kg.store.writer import BackgroundWriter
from tests.test_build_incremental import BASE, RDF, body, graph_of, rdf_document


class GatedStore(EmbeddedStore):
    """An in-memory store whose writes wait for ``gate`` (so a test can hold a batch mid-write)."""

    def __init__(self):
        super().__init__(None, BASE)
        self.gate = threading.Event()
        self.applied: list[list[str]] = []

    def apply(self, change: Changeset) -> None:
        self.gate.wait(10)
        super().apply(change)
        self.applied.append(sorted(change.graphs))


class SlowStore(EmbeddedStore):
    """An in-memory store that takes a while for every batch: later batches queue behind it."""

    def __init__(self, seconds: float = 0.02):
        super().__init__(None, BASE)
        self.seconds = seconds
        self.states: list[list[str]] = []     # the store after each batch: what a kill would leave

    def apply(self, change: Changeset) -> None:
        threading.Event().wait(self.seconds)
        super().apply(change)
        self.states.append(canonical_quads(self))


class FailingStore(EmbeddedStore):
    def apply(self, change: Changeset) -> None:
        raise StoreError("disk full")


def batch(*graphs: str) -> Changeset:
    change = Changeset()
    for graph in graphs:
        change.put_graph(graph, f"<{graph}#s> <{BASE}/def/unres#p> \"x\" .\n")
    return change


def test_batches_are_written_in_the_order_submitted_one_at_a_time():
    store = GatedStore()
    writer = BackgroundWriter(store)
    writer.submit(batch(graph_of(1)))
    store.gate.set()
    writer.submit(batch(graph_of(2)))
    writer.submit(batch(graph_of(3)))
    writer.wait()
    assert store.applied == [[graph_of(1)], [graph_of(2)], [graph_of(3)]]


def test_an_error_in_the_background_is_raised_at_the_next_wait():
    writer = BackgroundWriter(FailingStore(None, BASE))
    writer.submit(batch(graph_of(1)))
    with pytest.raises(StoreError, match="disk full"):
        writer.wait()
    writer.wait()   # raised once, then cleared


def test_small_batches_queued_behind_slow_writes_give_the_store_of_a_clean_build(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    # a_pdf runs first and publishes graph 1; res1 (AKN) then takes it over while that write may still be going on
    (folder / "a_pdf.txt").write_text(rdf_document(graph_of(1), body(1, "from pdf"), "pdf-text"))
    for n in range(1, 9):
        (folder / f"res{n}.txt").write_text(rdf_document(graph_of(n), body(n, f"first {n}"), "akn"))
    options = dict(sources=[str(folder)], base=BASE, jobs=1, pipeline=RDF, progress=False)
    slow = SlowStore()
    build(BuildOptions(**options, batch_documents=1), slow)
    for n in (2, 5, 7):   # edits: replacements, written as updates, queued behind one another
        (folder / f"res{n}.txt").write_text(rdf_document(graph_of(n), body(n, f"second {n}"), "akn"))
    (folder / "res1.txt").unlink()   # the pdf file takes graph 1 back
    report = build(BuildOptions(**options, batch_documents=1, prune=True), slow)

    clean = EmbeddedStore(None, BASE)
    build(BuildOptions(**options), clean)
    assert canonical_quads(slow) == canonical_quads(clean)
    assert report.transactions >= 4


def test_a_graph_replaced_while_its_first_version_is_being_written_holds_only_the_second(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a_pdf.txt").write_text(rdf_document(graph_of(1), body(1, "from pdf"), "pdf-text"))
    (folder / "b_akn.txt").write_text(rdf_document(graph_of(1), body(1, "from akn"), "akn"))
    slow = SlowStore(seconds=0.5)
    build(BuildOptions(sources=[str(folder)], base=BASE, jobs=1, pipeline=RDF, progress=False, batch_documents=1), slow)
    quads = canonical_quads(slow)
    assert any('"from akn"' in q for q in quads)
    assert not any('"from pdf"' in q for q in quads)
    for state in slow.states:     # never both versions at once, not even between two batches
        assert not (any('"from akn"' in q for q in state) and any('"from pdf"' in q for q in state))
