"""Run SPARQL queries in worker processes that can be killed.

A pyoxigraph query cannot be interrupted from another thread: a query that
runs forever would hold its thread (and a core) forever.  So every query runs
in one of a fixed pool of worker processes, each with the store opened
read-only; the web process waits at most ``timeout`` seconds for the answer,
and when the time is up it kills that worker (SIGKILL: the query really
stops, its memory is freed) and starts a fresh one in the background.

The worker does all the heavy lifting (execution, the row cap,
serialization with Oxigraph's own serializers) and hands back bytes, so the
web process never opens the store and never holds the GIL for a query.

A finished ``kg build`` leaves a marker in the store folder (``BUILD_MARKER``); the
pool looks at it once a second, and when it changed and no build holds the store
open for writing, it opens fresh workers on the rebuilt store, hands them the next
queries and retires the old ones once their query is done: a rebuild is served
without a restart, a build still running is never served (its marker comes last,
and a next build already writing makes the pool wait for that one's marker), and
``generation`` counts the switches.

This module stays free of Flask so a worker starts fast.
"""
from __future__ import annotations

import io
import multiprocessing
import queue
import select
import signal
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

import pyoxigraph as ox

from .storestate import Signature, marker_signature, read_marker, store_version, writer_active

RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                 "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}
WATCH_SECONDS = 1.0                   # how often the pool looks at the marker (one stat)


@dataclass(frozen=True)
class QueryJob:
    """One query and how its answer is wanted."""

    query: str
    result_format: str = "json"            # for SELECT and ASK: json | xml | csv | tsv
    graph_format: str = "ttl"              # for CONSTRUCT and DESCRIBE: ttl | nt | jsonld | rdfxml
    max_rows: int = 10_000                 # rows (SELECT) or triples (CONSTRUCT/DESCRIBE)
    query_limit: int | None = None         # the LIMIT of the outermost query (``guard``), if any
    union_default_graph: bool = True       # default graph = union of all named graphs
    default_graphs: tuple[str, ...] | None = None   # protocol default-graph-uri
    named_graphs: tuple[str, ...] | None = None     # protocol named-graph-uri
    base_iri: str | None = None
    prefixes: dict[str, str] = field(default_factory=dict)
    task: str = "query"                    # query | void (the VoID description, Turtle, from kg.publish)
    base: str = "https://w3id.org/unres"   # for task "void"


@dataclass
class QueryOutcome:
    """What a worker answers: bytes ready to send, or why there are none."""

    status: str                            # ok | syntax | error | timeout | busy | memory
    kind: str | None = None                # solutions | boolean | graph
    body: bytes = b""
    format: str | None = None              # the short format name of ``body``
    truncated: bool = False
    rows: int | None = None
    message: str = ""
    seconds: float = 0.0
    store_version: str = ""                # the store state the answering worker opened ("": unknown)


class _Full(Exception):
    """Raised inside the serializer when the row cap is reached."""


class _LineCapWriter(io.RawIOBase):
    """A binary sink that keeps at most ``max_lines`` lines, then stops the serializer."""

    def __init__(self, max_lines: int) -> None:
        super().__init__()
        self.parts: list[bytes] = []
        self.lines = 0
        self.max_lines = max_lines
        self.full = False

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        chunk = bytes(data)
        if self.full:
            return len(chunk)
        count = chunk.count(b"\n")
        if self.lines + count >= self.max_lines:
            end = -1
            for _ in range(self.max_lines - self.lines):
                end = chunk.index(b"\n", end + 1)
            self.parts.append(chunk[:end + 1])
            self.lines = self.max_lines
            self.full = True
            raise _Full()
        self.parts.append(chunk)
        self.lines += count
        return len(chunk)

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def execute(store: ox.Store, job: QueryJob) -> QueryOutcome:
    """Run one job on an open store: the pure heart of a worker."""
    started = time.perf_counter()
    if job.task == "void":
        return _void(store, job, started)
    kwargs: dict = {"base_iri": job.base_iri, "prefixes": job.prefixes or None}
    if job.default_graphs is not None or job.named_graphs is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or ()]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
    elif job.union_default_graph:
        kwargs["use_default_graph_as_union"] = True
    try:
        result = store.query(job.query, **kwargs)
        outcome = _serialize(result, job)
    except SyntaxError as exc:
        return QueryOutcome("syntax", message=str(exc), seconds=time.perf_counter() - started)
    except (ValueError, OSError, RuntimeError, TypeError) as exc:
        return QueryOutcome("error", message=f"{type(exc).__name__}: {exc}", seconds=time.perf_counter() - started)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _void(store: ox.Store, job: QueryJob, started: float) -> QueryOutcome:
    """The VoID description written by the publish stage, computed on this worker's store."""
    try:
        from kg.publish.void import void_graph
    except ImportError as exc:
        return QueryOutcome("error", message=f"kg.publish.void is not available: {exc}")
    graph = void_graph(store, job.base)
    body = graph.serialize(format="turtle").encode("utf-8")
    return QueryOutcome("ok", "graph", body, "ttl", rows=len(graph), seconds=time.perf_counter() - started)


def _serialize(result, job: QueryJob) -> QueryOutcome:
    if isinstance(result, ox.QueryBoolean):
        return QueryOutcome("ok", "boolean", result.serialize(format=RESULT_FORMATS[job.result_format]),
                            job.result_format, rows=None)
    if isinstance(result, ox.QuerySolutions) and job.query_limit is not None and job.query_limit <= job.max_rows:
        # The query's own LIMIT keeps it within the cap: Oxigraph writes the format asked for at once.
        body = result.serialize(format=RESULT_FORMATS[job.result_format])
        rows = body.count(b"\n") - 1 if job.result_format == "tsv" else None
        return QueryOutcome("ok", "solutions", body, job.result_format, rows=rows)
    if isinstance(result, ox.QuerySolutions):
        # TSV has one line per solution (newlines inside literals are escaped), so a
        # line-counting sink caps the rows exactly; then Oxigraph re-reads the capped TSV
        # and writes the format asked for.
        sink = _LineCapWriter(job.max_rows + 2)          # header + max_rows + one more = truncated
        try:
            result.serialize(sink, format=ox.QueryResultsFormat.TSV)
        except _Full:
            pass
        tsv = sink.getvalue()
        if sink.full:
            tsv = b"".join(tsv.splitlines(keepends=True)[: job.max_rows + 1])
        rows = max(tsv.count(b"\n") - 1, 0)
        if job.result_format == "tsv":
            body = tsv
        else:
            body = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV) \
                .serialize(format=RESULT_FORMATS[job.result_format])
        return QueryOutcome("ok", "solutions", body, job.result_format, truncated=sink.full, rows=rows)
    triples = []
    truncated = False
    for triple in result:
        if len(triples) >= job.max_rows:
            truncated = True
            break
        triples.append(triple)
    body = ox.serialize(triples, format=GRAPH_FORMATS[job.graph_format]) or b""
    return QueryOutcome("ok", "graph", body, job.graph_format, truncated=truncated, rows=len(triples))


def _worker_main(conn: Connection, store_path: str, memory_mb: int = 0) -> None:
    """A worker process: open the store read-only, then answer jobs until the pipe closes.

    ``memory_mb`` caps the worker's address space: a query that builds huge values (a chain of
    ``CONCAT(?x, ?x)`` doubles a string per step) fails its allocation and the worker dies,
    instead of eating the machine's memory before the time limit (issue 10).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl-C is the parent's to handle
    if memory_mb:
        import resource
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        before = store_version(store_path)
        store = ox.Store.read_only(store_path)
        # The state this worker reads: known only if the files did not change while it opened them.
        version = before if store_version(store_path) == before else ""
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails clearly
        conn.send(("failed", f"cannot open the store {store_path}: {exc}"))
        return
    conn.send(("ready", version))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(execute(store, job))
        except (BrokenPipeError, OSError):
            return


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    poller: select.poll = field(default_factory=select.poll)   # made once: ``conn.poll`` builds a selector per call
    version: str = ""                                          # ``store_version`` of the state it opened
    generation: int = 0                                        # the pool generation it belongs to
    stopped: bool = False                                      # killed, reaped and its pipe closed
    _stopping: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self.poller.register(self.conn.fileno(), select.POLLIN)

    def stop(self) -> None:
        """Kill the process, reap it and close the pipe: once, however many threads ask at the same time.

        A retiring thread and ``QueryPool.close`` may both stop one worker; both wake from ``join``
        when it dies, and two closes of one pipe would close a descriptor number the process may
        already have given to another file."""
        with self._stopping:
            if self.stopped:
                return
            self.stopped = True
            try:
                self.process.kill()
                self.process.join(5)
            finally:
                self.conn.close()

    def answered_within(self, seconds: float) -> bool:
        """Whether the worker answered (or hung up) within ``seconds``."""
        return bool(self.poller.poll(max(0, int(seconds * 1000))))


class StoreUnavailable(RuntimeError):
    """The store could not be opened by a worker."""


class QueryPool:
    """A fixed number of worker processes; ``run`` gives each job at most ``timeout`` seconds.

    With ``watch_seconds`` (> 0) a thread looks at the build marker that often and reloads the
    pool (``reload``) when a build finished since the workers opened the store.
    """

    def __init__(self, store_path: str, size: int = 2, timeout: float = 30.0, start_timeout: float = 60.0,
                 memory_mb: int = 0, watch_seconds: float = WATCH_SECONDS) -> None:
        self.store_path = store_path
        self.memory_mb = memory_mb
        self.size = max(1, size)
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()
        self._workers: dict[int, _Worker] = {}
        self.killed = 0                              # how many workers were killed at the time limit
        self.generation = 0                          # how many times the pool switched to a rebuilt store
        self.reload_error = ""                       # why the last reload failed ("" once one succeeds)
        self._marker = marker_signature(store_path)  # before the workers open the store: a build ending now is seen
        self.build = read_marker(store_path)         # what the marker of the build being served says
        self._stop = threading.Event()
        self._start_workers(self.size, self._idle.put)
        if watch_seconds > 0:
            threading.Thread(target=self._watch, args=(watch_seconds,), name="kg-serve-store-watch",
                             daemon=True).start()

    def _start_workers(self, count: int, keep) -> None:
        """Start ``count`` workers and hand each to ``keep`` once ready; kill them all if one fails."""
        workers = [self._spawn() for _ in range(count)]
        try:
            for worker in workers:
                self._await_ready(worker)
        except StoreUnavailable:
            for worker in workers:
                self._kill(worker)
            raise
        for worker in workers:
            keep(worker)

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker_main, args=(child, self.store_path, self.memory_mb), daemon=True,
                                    name="kg-serve-query-worker")
        process.start()
        child.close()
        worker = _Worker(process, parent, generation=self.generation)
        with self._lock:
            self._workers[process.pid or 0] = worker
        return worker

    def _await_ready(self, worker: _Worker) -> None:
        if not worker.conn.poll(self.start_timeout):
            self._kill(worker)
            raise StoreUnavailable(f"a query worker did not start within {self.start_timeout} s")
        try:
            status, message = worker.conn.recv()
        except EOFError:
            status, message = "failed", "a query worker died while starting"
        if status != "ready":
            raise StoreUnavailable(message)
        worker.version = message

    def _kill(self, worker: _Worker) -> None:
        try:
            worker.stop()
        finally:
            with self._lock:
                self._workers.pop(worker.process.pid or 0, None)

    def _retire(self, worker: _Worker) -> None:
        """Stop a worker of an older generation (idle: its query, if any, was answered) in the background."""
        threading.Thread(target=self._kill, args=(worker,), name="kg-serve-retire-worker", daemon=True).start()

    def _give_back(self, worker: _Worker) -> None:
        """A worker done with its job goes back to the idle queue, or is retired if the store was reloaded."""
        with self._lock:
            current = worker.generation == self.generation and not self._closed
            if current:
                self._idle.put(worker)
        if not current:
            self._retire(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker now (its query stops before the caller answers) and put a fresh one in
        the pool in the background, without making the caller wait for it to start."""
        try:
            worker.process.kill()          # SIGKILL is sent at once; reaping it is the thread's job
        except (OSError, ValueError):
            pass
        with self._lock:
            self._workers.pop(worker.process.pid or 0, None)
            stale = worker.generation != self.generation     # a reload already started its successors

        def replace() -> None:
            self._kill(worker)
            if self._closed or stale:
                return
            fresh = self._spawn()
            try:
                self._await_ready(fresh)
            except (StoreUnavailable, OSError):    # OSError: the pool was closed meanwhile
                self._kill(fresh)
                return
            self._give_back(fresh)
        threading.Thread(target=replace, name="kg-serve-replace-worker", daemon=True).start()

    # --- following rebuilds --------------------------------------------------------
    def _watch(self, seconds: float) -> None:
        """``check`` every ``seconds`` until the pool closes."""
        while not self._stop.wait(seconds):
            try:
                self.check()
            except Exception as exc:  # noqa: BLE001 - the watch must go on; the old workers serve
                self.reload_error = f"{type(exc).__name__}: {exc}"

    def check(self) -> bool:
        """One look at the build marker (a ``stat``): reload if a build finished since the workers
        opened the store and no build writes into it now (else wait for that one's marker)."""
        signature = marker_signature(self.store_path)
        if signature is None or signature == self._marker or writer_active(self.store_path):
            return False
        return self.reload(signature)

    def reload(self, signature: Signature | None = None) -> bool:
        """Switch to the store as it is on disk now: start ``size`` fresh workers on it while the old
        ones go on answering, then send every new query to the fresh ones and retire the old ones
        (idle ones at once, busy ones when their query is done: it finishes on the old view).
        Returns whether it switched; on failure the old workers keep serving and ``reload_error`` says why."""
        signature = signature if signature is not None else marker_signature(self.store_path)
        build = read_marker(self.store_path)
        fresh: list[_Worker] = []
        try:
            self._start_workers(self.size, fresh.append)
        except (StoreUnavailable, OSError) as exc:
            self.reload_error = str(exc)
            return False
        with self._lock:
            if self._closed:
                stale = fresh
            else:
                self.generation += 1
                stale = []
                while True:                         # the idle workers of the old generation
                    try:
                        stale.append(self._idle.get_nowait())
                    except queue.Empty:
                        break
                for worker in fresh:
                    worker.generation = self.generation
                    self._idle.put(worker)
                self._marker, self.build, self.reload_error = signature, build, ""
        for worker in stale:
            self._retire(worker)
        return not self._closed

    def run(self, job: QueryJob, timeout: float | None = None) -> QueryOutcome:
        """Run ``job`` in a free worker; wait at most ``timeout`` for a worker and as long again for the query."""
        limit = self.timeout if timeout is None else timeout
        try:
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            return QueryOutcome("busy", message=f"all {self.size} query workers stayed busy for {limit:g} s; try again later")
        started = time.perf_counter()
        try:
            worker.conn.send(job)
            if worker.answered_within(limit):
                outcome: QueryOutcome = worker.conn.recv()
                outcome.store_version = worker.version
                self._give_back(worker)
                return outcome
        except (EOFError, OSError):
            self._replace(worker)
            limit = f" of {self.memory_mb} MB" if self.memory_mb else ""
            return QueryOutcome("memory", message=f"the query was stopped: its worker ran out of memory "
                                                  f"(the limit{limit} per query worker)",
                                seconds=time.perf_counter() - started)
        self.killed += 1
        self._replace(worker)
        return QueryOutcome("timeout", message=f"the query was stopped: it ran longer than the time limit of {limit:g} s",
                            seconds=time.perf_counter() - started)

    def alive_workers(self) -> int:
        """How many worker processes are running (busy or idle)."""
        with self._lock:
            workers = list(self._workers.values())
        return sum(1 for worker in workers if worker.process.is_alive())

    @property
    def pids(self) -> set[int]:
        with self._lock:
            return set(self._workers)

    def close(self) -> None:
        """Stop watching and kill every worker, busy or idle."""
        self._stop.set()
        with self._lock:
            self._closed = True
            workers = list(self._workers.values())
        for worker in workers:
            self._kill(worker)
