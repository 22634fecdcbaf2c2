"""Run a pipeline over many files on all cores, streaming, with bounded memory.

Files go to worker processes in small chunks; at most ``2 x jobs`` chunks are
in flight, so results never pile up faster than the store takes them.  Each
worker builds the pipeline once (gazetteer, shapes).  A worker that dies
(segfault, out of memory) breaks the pool: the pool is rebuilt and the files
of the lost chunks are rerun one at a time, alone; a file that kills its
worker when alone is refused with that reason, and the batch goes on.
"""
from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
import resource
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from kg.store.pipeline import Outcome, Pipeline, load_pipeline

Item = tuple[str, str]          # (path, sha256)
MAX_DEATHS_IN_A_ROW = 3


class WorkerError(RuntimeError):
    """The worker processes cannot run at all (they die on every file)."""

_PIPELINE: Pipeline | None = None


def _init_worker(spec: str, base: str, now: str | None) -> None:
    """Build the pipeline once per worker, then tune the garbage collector for the work ahead.

    What the pipeline loaded (modules, gazetteer, tables) lives as long as the worker:
    ``gc.freeze`` moves it out of the collector's sight, so full collections stop walking
    it again and again.  Nearly all of a document's objects are freed by reference counting,
    so young collections run every 10,000 net allocations instead of every 700 (three times
    a document).  Measured in one process on 300 documents of /tmp/kg/s1000 (gc callbacks):
    collector time 1.3 -> 0.13 ms per document, the pipeline ~24 -> ~22 ms.
    """
    global _PIPELINE
    _PIPELINE = _with_graph_files(load_pipeline(spec, base, now))
    gc.collect()   # free the start-up garbage first, so that only live objects are frozen
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def _with_graph_files(pipeline: Pipeline) -> Pipeline:
    """``pipeline`` that also prepares each accepted graph's file (sorted, compressed N-Triples,
    kg/store/graphfiles.py) in the worker, whatever the pipeline: an on-disk store keeps the
    files, and every store's manifest records their digest, so all backends hold the same manifest."""
    from kg.store import graphfiles

    def run(path: str, sha256: str) -> Outcome:
        outcome = pipeline(path, sha256)
        if outcome.accepted and outcome.ntriples:
            start = time.thread_time()
            outcome.graph_file = graphfiles.prepare(outcome.ntriples)
            outcome.timings["graph files"] = time.thread_time() - start
        return outcome

    return run


def _run_chunk(chunk: list[Item]) -> list[Outcome]:
    assert _PIPELINE is not None
    outcomes = [_PIPELINE(path, sha) for path, sha in chunk]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for outcome in outcomes:
        outcome.peak_rss_kb = peak
    return outcomes


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def run_pipeline(items: Iterable[Item], spec: str, base: str, jobs: int, now: str | None = None,
                 chunk_size: int = 4) -> Iterator[Outcome]:
    """Outcomes for ``items`` (in completion order); in-process when ``jobs <= 1``."""
    if jobs <= 1:
        pipeline = _with_graph_files(load_pipeline(spec, base, now))
        for path, sha in items:
            yield pipeline(path, sha)
        return
    module_name, _, attr = spec.partition(":")
    getattr(importlib.import_module(module_name), attr)  # fail here, clearly, not in every worker
    yield from _run_parallel(iter(items), (spec, base, now), jobs, chunk_size)


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _new_pool(settings: tuple[str, str, str | None], jobs: int) -> ProcessPoolExecutor:
    # forkserver: workers never inherit the parent's open store or its threads
    context = multiprocessing.get_context("forkserver")
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=settings)


def _run_parallel(items: Iterator[Item], settings: tuple[str, str, str | None], jobs: int,
                  chunk_size: int) -> Iterator[Outcome]:
    chunks = _chunks(items, chunk_size)
    isolate: deque[Item] = deque()     # files of chunks lost with a dead worker: rerun one at a time
    pool = _new_pool(settings, jobs)
    in_flight: dict[Future, list[Item]] = {}
    alone = False                      # the one chunk in flight is an isolated suspect
    deaths_in_a_row = 0                # isolated files that killed their worker, none succeeding between
    try:
        while True:
            if isolate:
                if not in_flight:
                    suspect = [isolate.popleft()]
                    in_flight[pool.submit(_run_chunk, suspect)] = suspect
                    alone = True
            else:
                while len(in_flight) < 2 * jobs:
                    chunk = next(chunks, None)
                    if chunk is None:
                        break
                    in_flight[pool.submit(_run_chunk, chunk)] = chunk
            if not in_flight:
                return
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken, lost = False, []
            for future in done:
                chunk = in_flight.pop(future)
                try:
                    results = future.result()
                    deaths_in_a_row = 0 if alone else deaths_in_a_row
                    yield from results
                except BrokenProcessPool:
                    broken = True
                    if alone:
                        deaths_in_a_row += 1
                        if deaths_in_a_row >= MAX_DEATHS_IN_A_ROW:
                            raise WorkerError("worker processes keep dying before finishing any file "
                                              "(run with --jobs 1 to see why)") from None
                        path, sha = chunk[0]
                        yield Outcome(path=path, sha256=sha,
                                      refused="internal error: the worker process died on this file")
                    else:
                        lost.extend(chunk)
            alone = False
            if broken:
                for chunk in in_flight.values():
                    lost.extend(chunk)
                in_flight.clear()
                isolate.extend(lost)
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _new_pool(settings, jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
