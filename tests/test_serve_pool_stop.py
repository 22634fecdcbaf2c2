"""A query worker is stopped once, however many threads stop it at the same time.

A reload retires old workers in background threads while ``QueryPool.close`` kills
every worker it knows: both may stop one worker, and both wake from ``join`` when it
dies. Closing its pipe twice would close a descriptor number the process may already
have handed to another file (CI once failed on it with ``EBADF``).
"""
from __future__ import annotations

import multiprocessing
import threading
import time

from kg.serve.pool import _Worker


def _sleep() -> None:
    time.sleep(60)


def _worker() -> _Worker:
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    process = ctx.Process(target=_sleep, daemon=True)
    process.start()
    child.close()
    return _Worker(process, parent)


def _stop_from_threads(worker: _Worker, threads: int) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(threads)

    def stop() -> None:
        barrier.wait()
        try:
            worker.stop()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)
    running = [threading.Thread(target=stop) for _ in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join(10)
    return errors


def test_a_worker_stopped_by_several_threads_at_once_is_killed_and_closed_once_without_error():
    for _ in range(15):
        worker = _worker()
        assert _stop_from_threads(worker, threads=6) == []
        assert worker.stopped and worker.conn.closed and not worker.process.is_alive()


def test_stopping_a_stopped_worker_does_nothing():
    worker = _worker()
    worker.stop()
    worker.stop()
    assert worker.conn.closed and worker.process.exitcode is not None
