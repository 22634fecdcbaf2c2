"""The embedded store's build manifest, kept beside the store in a SQLite file.

Why beside and not inside: ``kg serve`` answers SPARQL with the default graph
as the union of the store's graphs (pyoxigraph's ``use_default_graph_as_union``,
which takes in every named graph and the real default graph too), so any
bookkeeping kept in the store would be served with the resolutions: counted,
listed by ``GRAPH ?g``, linked from pages, and the build machine's paths
published.  ``<store>/kg-manifest.sqlite`` holds one row per source file (the
fields of ``ManifestEntry``), keyed by path.

Guarantee, "the manifest never claims more than the store holds" (see
``EmbeddedStore.apply``): for each batch,

1. the entries that published a graph the batch replaces or drops are deleted
   (one SQLite transaction), *before* the store changes;
2. the graphs go into the store (one Oxigraph transaction) and are flushed;
3. the batch's entries are written (one SQLite transaction).

A kill between the steps leaves graphs that no entry publishes, never an
entry naming a graph that is missing or stale; the next build drops those
graphs first (``EmbeddedStore.drop_unpublished``) and rebuilds their sources,
which the manifest no longer knows.  SQLite's rollback journal with
``synchronous=FULL`` makes each transaction all or nothing, across a kill.

Migration: a store built before this file existed kept the manifest in its
named graph ``{base}/graph/build-manifest``; opening it for a build copies the
entries into a temporary SQLite file, renames it into place (atomic), then
drops the graph (:func:`migrate`).
"""
from __future__ import annotations

import errno
import os
import sqlite3
import threading
from pathlib import Path
from typing import Iterable

from kg.store.manifest import ManifestEntry

FILENAME = "kg-manifest.sqlite"
SCHEMA_VERSION = 1
_COLUMNS = ("path", "sha256", "status", "graph", "source_format", "reason", "triples", "graph_sha256")
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entries (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, status TEXT NOT NULL, "
    "graph TEXT, source_format TEXT, reason TEXT, triples INTEGER NOT NULL DEFAULT 0, graph_sha256 TEXT)",
    "CREATE INDEX IF NOT EXISTS entries_graph ON entries (graph)",
    f"PRAGMA user_version = {SCHEMA_VERSION}",
)


def path_in(store_folder: Path) -> Path:
    return store_folder / FILENAME


def _row(entry: ManifestEntry) -> tuple:
    return (entry.path, entry.sha256, entry.status, entry.graph, entry.source_format, entry.reason,
            int(entry.triples), entry.graph_sha256)


def _entry(row: tuple) -> ManifestEntry:
    return ManifestEntry(*row)


def _connect(target: str) -> sqlite3.Connection:
    connection = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA synchronous = FULL")
    return connection


class ManifestFile:
    """The manifest table, on disk (``path``) or in memory (``None``, for in-memory stores).

    One connection, shared by the build's main thread (reads) and its writer thread (writes),
    so every use holds a lock."""

    def __init__(self, path: Path | None, read_only: bool = False):
        self.path = path
        self._lock = threading.Lock()
        if read_only and path is not None and path.is_file():
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            return
        self._db = _connect(":memory:" if path is None or read_only else str(path))   # read-only, no file: empty
        with self._lock:
            if self._db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:   # new: no write otherwise
                for statement in _SCHEMA:
                    self._db.execute(statement)

    def entries(self) -> dict[str, ManifestEntry]:
        with self._lock:
            rows = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM entries").fetchall()
        return {row[0]: _entry(row) for row in rows}

    def publishers(self, graphs: Iterable[str]) -> list[str]:
        """Paths of the entries that publish one of ``graphs``."""
        wanted = list(graphs)
        with self._lock:
            return [row[0] for graph in wanted for row in self._db.execute(
                "SELECT path FROM entries WHERE graph = ? AND status = 'published'", (graph,))]

    def write(self, entries: Iterable[ManifestEntry], removed: Iterable[str] = ()) -> None:
        """Set ``entries`` and delete the entries of ``removed`` paths, in one transaction."""
        rows, gone = [_row(e) for e in entries], [(p,) for p in removed]
        if not rows and not gone:
            return
        placeholders = ", ".join("?" * len(_COLUMNS))
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany("DELETE FROM entries WHERE path = ?", gone)
                self._db.executemany(f"INSERT OR REPLACE INTO entries ({', '.join(_COLUMNS)}) "
                                     f"VALUES ({placeholders})", rows)
                self._db.execute("COMMIT")
            except sqlite3.Error as error:
                self._rollback()
                raise _as_os_error(error, self.path) from error
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        try:
            self._db.execute("ROLLBACK")
        except sqlite3.Error:      # SQLite rolled back already (disk full, I/O error)
            pass

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _as_os_error(error: sqlite3.Error, path: Path | None) -> OSError:
    """A SQLite failure as the ``OSError`` the build reports in one line (a full disk says so)."""
    if "full" in str(error).lower():
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path or ":memory:"))
    return OSError(errno.EIO, f"build manifest: {error}", str(path or ":memory:"))


def create_atomically(path: Path, entries: Iterable[ManifestEntry]) -> None:
    """Write a new manifest file holding ``entries``: a temporary file, then renamed into place."""
    temp = path.with_name(f".{path.name}.tmp")
    for leftover in (temp, temp.with_name(temp.name + "-journal")):
        leftover.unlink(missing_ok=True)
    file = ManifestFile(temp)
    try:
        file.write(entries)
    finally:
        file.close()
    os.replace(temp, path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (the folder entry), where the system allows it."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def published_digests(path: Path) -> dict[str, str]:
    """Graph IRI -> SHA-256 of its graph file, for every published entry naming one (read-only).

    Empty when the file cannot be read as it is (a build killed inside a manifest transaction left
    a journal only a writer may roll back): ``kg dump`` then reads every graph from the store."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            rows = connection.execute("SELECT graph, graph_sha256 FROM entries WHERE status = 'published' "
                                      "AND graph IS NOT NULL AND graph_sha256 IS NOT NULL").fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        return {}
    return dict(rows)
