"""``kg build``: every document under the sources, through the pipeline, into the store.

1. scan: find the documents and checksum them (no parsing);
2. plan: compare with the manifest (beside an embedded store, kg/store/manifest_file.py; in its
   named graph in a remote one); unchanged files are skipped; graphs of an embedded store that
   no entry publishes (a build killed between its graphs and their entries) are dropped first,
   and their sources, unknown to the manifest, rebuilt;
3. prune (``--prune``): files gone from the sources leave the store;
4. run: the pipeline on all cores, outcomes streaming back;
5. decide (pure, ``decide``): which file publishes each resolution expression
   (one per symbol and language: AKN > docx > ODS text > PDF text > other,
   then path order) and what that changes in the store;
6. load: changes batched, each batch's graphs one store transaction, then its manifest entries
   (on disk, each graph's sorted N-Triples file is written beside the store first:
   kg/store/graphfiles.py);
7. repeat 4-6 for files waiting behind a graph whose holder went away;
8. mark (on-disk store, successful build only): ``kg-build.json`` in the store folder, written
   last, so ``kg serve`` knows a build finished and switches to it (kg/serve/pool.py).
"""
from __future__ import annotations

import json
import os
import resource
import sys
import time
from dataclasses import dataclass, field, replace
from typing import Iterable, TextIO

from kg.store import graphfiles
from kg.store.backends import Changeset, GraphStore, open_store
from kg.store.graphfiles import GraphFile
from kg.store.manifest import DEFAULT_BASE, Manifest, ManifestEntry
from kg.store.pipeline import STANDARD_PIPELINE, Outcome, build_time
from kg.store.progress import Progress
from kg.store.report import BuildReport, DocumentNote
from kg.store.scan import SourceFile, scan
from kg.store.workers import default_jobs, run_pipeline
from kg.store.writer import BackgroundWriter

MAX_ROUNDS = 5
BUILD_MARKER = "kg-build.json"        # in the store folder, replaced at the end of each successful build


@dataclass
class BuildOptions:
    sources: list[str]
    store: str | None = None
    base: str = DEFAULT_BASE
    jobs: int = 0                      # 0: number of cores
    prune: bool = False
    pipeline: str = STANDARD_PIPELINE
    batch_documents: int = 256         # documents per transaction
    batch_triples: int = 400_000       # ... or triples per transaction, whichever comes first
    progress: bool = True
    log: TextIO | None = None


@dataclass
class Decision:
    """What one outcome changes: manifest entries to write, graphs to put or drop."""

    entries: list[ManifestEntry] = field(default_factory=list)
    put: tuple[str, str] | None = None       # (graph, N-Triples)
    file: GraphFile | None = None            # the put graph's sorted N-Triples file (kg/store/graphfiles.py)
    released: str | None = None              # graph this file no longer publishes


def decide(outcome: Outcome, manifest: Manifest) -> Decision:
    """Pure: the changes one outcome calls for, given the manifest (which it does not modify)."""
    old = manifest.get(outcome.path)
    old_graph = old.graph if old and old.status == "published" else None
    decision = Decision()
    if not outcome.accepted:
        decision.entries.append(ManifestEntry(outcome.path, outcome.sha256, "refused", outcome.graph,
                                              outcome.source_format, outcome.reason_text()))
        decision.released = old_graph
        return decision
    graph = outcome.graph or ""
    entry = ManifestEntry(outcome.path, outcome.sha256, "published", graph, outcome.source_format,
                          None, outcome.triples, outcome.graph_file.sha256 if outcome.graph_file else None)
    holder = manifest.holder(graph)
    if holder is None or holder.path == outcome.path or entry.preference < holder.preference:
        decision.put = (graph, outcome.ntriples)
        decision.file = outcome.graph_file
        if holder is not None and holder.path != outcome.path:
            decision.entries.append(holder.with_status("superseded"))
        decision.entries.append(entry)
        if old_graph and old_graph != graph:
            decision.released = old_graph
    else:
        decision.entries.append(entry.with_status("superseded"))
        decision.released = old_graph
    return decision


def _likely_preference(source: SourceFile) -> tuple[int, str]:
    """Run the files likely to win first (AKN XML, then Word, then text), so the weaker copies of
    an expression are superseded at once instead of being published and then replaced."""
    name = source.path.rsplit("!", 1)[-1].lower()
    rank = 0 if name.endswith(".xml") else 1 if name.endswith((".docx", ".doc")) else 2
    return (rank, source.path)


def superseded_reason(manifest: Manifest, entry: ManifestEntry) -> str:
    """Why ``entry`` is not published, naming the file that publishes its graph now.

    Not stored in the manifest: the holder may change, and the store must not
    depend on the order in which the workers finished.
    """
    holder = manifest.holder(entry.graph or "")
    if holder is None:
        return "superseded (the file publishing this expression is gone; rebuild to hand it over)"
    return (f"superseded by {holder.path} ({holder.source_format or 'unknown format'}): one file per "
            "resolution expression, AKN > docx > ODS text > PDF text > other")


class Builder:
    """One build: holds the store, the manifest in memory, the open batch and the report."""

    def __init__(self, options: BuildOptions, store: GraphStore | None = None):
        self.options = options
        self.jobs = options.jobs or default_jobs()
        self.store = store or open_store(options.store, options.base)
        self.log = options.log or sys.stderr
        self.report = BuildReport(store=repr(self.store), base=options.base, jobs=self.jobs)
        self.manifest = Manifest(self.store.manifest())
        self.batch = Changeset()
        self.writer = BackgroundWriter(self.store, on_written=self._written)
        self.seconds: dict[str, float] = {}
        self._commit_delay = float(os.environ.get("KG_BUILD_COMMIT_DELAY", "0") or 0)
        self._trace = os.environ.get("KG_BUILD_TRACE")
        self._commit_gate = os.environ.get("KG_BUILD_COMMIT_GATE")   # tests: hold after each batch while it exists
        manifest_gate = os.environ.get("KG_BUILD_MANIFEST_GATE")     # tests: hold between graphs and entries
        if manifest_gate and hasattr(self.store, "before_manifest"):
            self.store.before_manifest = lambda: _hold_before_manifest(manifest_gate)   # type: ignore[union-attr]
        self.now = build_time()
        self.worker_peak_kb = 0
        self._batch_adds = True
        self.files = graphfiles.folder_of(getattr(self.store, "path", None))   # None: in memory or remote

    # -- the build -----------------------------------------------------------
    def run(self) -> BuildReport:
        started = time.perf_counter()
        self.cpu_started = _process_cpu()
        self._drop_unpublished()
        sources = self._timed("scan", lambda: list(scan(self.options.sources)))
        by_path = {s.path: s for s in sources}
        self.report.found = len(sources)
        todo = sorted((s for s in sources if self._changed(s)), key=_likely_preference)
        todo += self._repairs(by_path, {s.path for s in todo})
        self._prune_or_count_missing(by_path, todo)
        processed: set[str] = set()
        try:
            for _ in range(MAX_ROUNDS):
                if not todo:
                    break
                released = self._round(todo)
                processed.update(s.path for s in todo)
                todo = [by_path[e.path] for graph in sorted(released) if self.manifest.holder(graph) is None
                        for e in self.manifest.candidates(graph) if e.path in by_path]
        except KeyboardInterrupt:
            self._commit()   # the documents finished so far: complete, so safe to keep
            raise
        except BaseException:
            self._settle()
            raise
        self._commit()
        if self.files is not None:
            self._timed("graph files", self._backfill_graph_files)
            keep = {e.graph_sha256 for e in self.manifest.entries.values() if e.status == "published" and e.graph_sha256}
            graphfiles.remove_orphans(self.files, keep)   # replaced graphs' files, a killed build's leftovers
        if self.report.transactions:
            self._timed("compact", self.store.compact)
        self.report.read = len(processed)
        self.report.unchanged = len(sources) - len(processed)
        self.seconds["total"] = time.perf_counter() - started
        self._finish_report(by_path)
        if self.files is not None:
            self._mark_finished()
        return self.report

    def _drop_unpublished(self) -> None:
        """Repair a build killed between a batch's graphs and its manifest entries: drop the graphs no
        entry publishes (their sources, unknown to the manifest, are rebuilt as new)."""
        stray = self.store.drop_unpublished(self.manifest.published_graphs())
        if stray:
            print(f"build: dropped {len(stray)} graph(s) no manifest entry publishes (an interrupted build); "
                  "their sources are rebuilt", file=self.log)

    def _mark_finished(self) -> None:
        """Replace the build marker (temp file, rename): the one sign that the store holds a finished
        build, which a running ``kg serve`` waits for before it serves the new state."""
        folder = self.files.parent   # type: ignore[union-attr]
        temp = folder / f".{BUILD_MARKER}.tmp"
        marker = {"finished": build_time(), "documents": self.report.found,
                  "graphs": self.report.graphs_published, "triples": self.report.triples_published}
        try:
            temp.write_text(json.dumps(marker) + "\n", encoding="utf-8")
            os.replace(temp, folder / BUILD_MARKER)
        except OSError as exc:     # the build itself succeeded; a server then keeps the state it has
            print(f"build: cannot write {folder / BUILD_MARKER}: {exc}", file=self.log)

    def _backfill_graph_files(self) -> None:
        """Write the graph file of every published graph that has none (a store built before graph
        files existed, a file deleted by hand) from the store itself, so ``kg dump`` need not read
        the store; their manifest entries learn the file's digest.  Nothing to do, nothing written."""
        store = getattr(self.store, "store", None)
        if self.files is None or store is None:
            return
        change = Changeset()
        for entry in list(self.manifest.entries.values()):
            if entry.status != "published" or not entry.graph:
                continue
            if entry.graph_sha256 and graphfiles.file_path(self.files, entry.graph_sha256).exists():
                continue
            graph_file = graphfiles.from_store(store, entry.graph)
            if graph_file is None:
                continue
            graphfiles.write(self.files, graph_file)
            if graph_file.sha256 != entry.graph_sha256:
                updated = replace(entry, graph_sha256=graph_file.sha256)
                change.set_entry(updated)
                self.manifest.set(updated)
        if change:
            self._add(change)
            self._commit()

    def _changed(self, source: SourceFile) -> bool:
        entry = self.manifest.get(source.path)
        return entry is None or entry.sha256 != source.sha256

    def _repairs(self, by_path: dict[str, SourceFile], planned: set[str]) -> list[SourceFile]:
        """Unchanged files to run again: waiting behind a graph nobody publishes, or whose graph vanished."""
        present = self.store.named_graphs()
        wanted = set(self.manifest.orphaned_graphs())
        redo = [e.path for e in self.manifest.entries.values()
                if e.status == "published" and e.graph and e.graph not in present]
        redo += [e.path for g in sorted(wanted) for e in self.manifest.candidates(g)]
        return [by_path[p] for p in dict.fromkeys(redo) if p in by_path and p not in planned]

    def _prune_or_count_missing(self, by_path: dict[str, SourceFile], todo: list[SourceFile]) -> None:
        gone = sorted(p for p in self.manifest.entries if p not in by_path)
        if not self.options.prune:
            self.report.missing = len(gone)
            self.report.notes += [DocumentNote(p, "missing", "no longer in the sources (kept; --prune removes it)",
                                               self.manifest.entries[p].graph) for p in gone]
            return
        change = Changeset()
        released: set[str] = set()
        for path in gone:
            entry = self.manifest.entries[path]
            if entry.status == "published" and entry.graph:
                change.drop_graph(entry.graph)
                released.add(entry.graph)
            change.remove_entry(path)
            self.manifest.delete(path)
            self.report.notes.append(DocumentNote(path, "removed", f"removed from the store (was {entry.status})",
                                                  entry.graph))
        self.report.removed = len(gone)
        self._add(change)
        planned = {s.path for s in todo}
        for graph in sorted(released):
            todo += [by_path[e.path] for e in self.manifest.candidates(graph)
                     if e.path in by_path and e.path not in planned]

    def _round(self, todo: list[SourceFile]) -> set[str]:
        """Run the pipeline over ``todo`` and load the outcomes; the graphs released on the way."""
        released: set[str] = set()
        progress = Progress(len(todo), self.log, enabled=self.options.progress)
        counts = {"accepted": 0, "refused": 0}
        pipeline_start = time.perf_counter()
        outcomes = run_pipeline(((s.path, s.sha256) for s in todo), self.options.pipeline,
                                self.options.base, self.jobs, self.now)
        for done, outcome in enumerate(outcomes, 1):
            self.worker_peak_kb = max(self.worker_peak_kb, outcome.peak_rss_kb)
            for stage, secs in outcome.timings.items():
                self.seconds[f"cpu:{stage}"] = self.seconds.get(f"cpu:{stage}", 0.0) + secs
            load_start = time.perf_counter()
            decision = decide(outcome, self.manifest)
            change = Changeset(documents=1)
            for entry in decision.entries:
                change.set_entry(entry)
                self.manifest.set(entry)
            if decision.released:
                change.drop_graph(decision.released)
                released.add(decision.released)
            if decision.put:
                change.put_graph(*decision.put, triples=outcome.triples)
            if decision.file:
                change.files[decision.file.sha256] = decision.file
            self._add(change)
            counts["accepted" if outcome.accepted else "refused"] += 1
            self.seconds["load"] = self.seconds.get("load", 0.0) + time.perf_counter() - load_start
            progress.update(done, counts["accepted"], counts["refused"])
        progress.close()
        self._commit()
        self.seconds["pipeline"] = self.seconds.get("pipeline", 0.0) + time.perf_counter() - pipeline_start
        return released

    # -- batching ------------------------------------------------------------
    def _add(self, change: Changeset) -> None:
        """Add one document's change to the open batch; a batch either only adds (one fast load) or
        replaces (one SPARQL Update): a change of the other kind commits the batch first.  (The batch
        being written in the background may make this guess wrong; ``apply`` decides again when it
        writes, so a wrong guess costs speed, never correctness.)"""
        adds = self.store.only_adds(change)
        if self.batch and adds != self._batch_adds:
            self._commit(wait=False)
        self._batch_adds = adds
        for graph in change.drops:
            self.batch.drop_graph(graph)
        for graph, nt in change.graphs.items():
            self.batch.put_graph(graph, nt, change.counts.get(graph))
        self.batch.files.update(change.files)
        for path in change.removed_entries:
            self.batch.remove_entry(path)
        for entry in change.entries.values():
            self.batch.set_entry(entry)
        self.batch.documents += change.documents
        if (self.batch.documents >= self.options.batch_documents
                or self.batch.triples >= self.options.batch_triples):
            self._commit(wait=False)

    def _commit(self, wait: bool = True) -> None:
        """Hand the open batch to the background writer; with ``wait``, return once all is written."""
        if self.batch:
            batch, self.batch = self.batch, Changeset()
            self.writer.submit(batch)
            if self._commit_delay:
                time.sleep(self._commit_delay)
            if self._commit_gate:
                self._hold_at_gate(self._commit_gate)
        if wait:
            self.writer.wait()

    def _hold_at_gate(self, gate: str, limit: float = 600.0) -> None:
        """For tests of a store read while a build writes it: once the batch is written, wait while the
        file ``gate`` exists (at most ``limit`` seconds), so the build is half-written for as long as the
        test needs, however slow the machine."""
        self.writer.wait()
        deadline = time.monotonic() + limit
        while os.path.exists(gate) and time.monotonic() < deadline:
            time.sleep(0.05)

    def _settle(self) -> None:
        """On the way out with another error: let the batch being written finish (its own error, if
        any, matters less than the one being raised)."""
        try:
            self.writer.wait()
        except Exception:
            pass

    def _written(self, batch: Changeset) -> None:
        """Called by the writer thread once ``batch`` is in the store."""
        self.report.transactions += 1
        self.report.graphs_written += len(batch.graphs)
        self.report.graphs_dropped += len(batch.drops)
        self.report.triples_written += batch.triples
        if self._trace:
            with open(self._trace, "a", encoding="utf-8") as trace:
                trace.write(f"{len(batch.graphs)} {len(batch.entries)}\n")

    # -- the report ----------------------------------------------------------
    def _timed(self, stage: str, work):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        result = work()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start
        return result

    def _finish_report(self, by_path: dict[str, SourceFile]) -> None:
        report = self.report
        for path in by_path:
            entry = self.manifest.get(path)
            if entry is None:          # cannot happen: every file run gets an entry
                continue
            if entry.status == "published":
                report.published += 1
            elif entry.status == "refused":
                report.refused += 1
                report.notes.append(DocumentNote(path, "refused", entry.reason or "", entry.graph, entry.source_format))
            else:
                report.superseded += 1
                report.notes.append(DocumentNote(path, "superseded", superseded_reason(self.manifest, entry),
                                                 entry.graph, entry.source_format))
        published = [e for e in self.manifest.entries.values() if e.status == "published"]
        report.graphs_published = len(published)
        report.triples_published = sum(e.triples for e in published)
        report.seconds = dict(self.seconds, commit=self.writer.seconds, **{"waiting for the store": self.writer.waited})
        report.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        report.main_cpu_s = _process_cpu() - self.cpu_started
        report.worker_peak_rss_mb = self.worker_peak_kb / 1024.0


def _hold_before_manifest(gate: str, limit: float = 600.0) -> None:
    """For the test of a build killed between a batch's graphs and its entries: say so in
    ``<gate>.reached``, then wait while the file ``gate`` exists (at most ``limit`` seconds)."""
    with open(f"{gate}.reached", "a", encoding="utf-8") as reached:
        reached.write("1\n")
    deadline = time.monotonic() + limit
    while os.path.exists(gate) and time.monotonic() < deadline:
        time.sleep(0.05)


def _process_cpu() -> float:
    """CPU seconds (user + system) of this process so far, every thread: the store writer and the
    loader's own threads included."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def build(options: BuildOptions, store: GraphStore | None = None) -> BuildReport:
    """Run one build; the store passed in (or opened from ``options.store``) stays open."""
    return Builder(options, store).run()


def build_sources(sources: Iterable[str], **kwargs) -> BuildReport:  # type: ignore[no-untyped-def]
    return build(BuildOptions(sources=list(sources), **kwargs))
