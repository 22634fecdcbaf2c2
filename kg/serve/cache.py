"""A bounded cache of finished SPARQL answers, for the queries people send again and again.

Researchers and dashboards send the same aggregate queries over and over to a
published, read-only release; production endpoints (Virtuoso, QLever) keep
their answers, and so does ``kg serve``.  An entry is one successful answer:
the body as sent and the headers that depend on the result (``Content-Type``,
``Vary``, the row cap's ``X-Result-Truncated`` and ``X-Result-Rows``,
``X-Query-Time`` of the run that computed it).  Headers that depend on the
request (ETag, Cache-Control, CORS) are added per request by the route.

The key is everything the answer depends on: the exact query text (the guard
does not rewrite queries), the protocol dataset (``default-graph-uri``,
``named-graph-uri``), the negotiated format and the row cap; the cache holds
the entries of one store version only (``storestate.store_version``): an answer is
stored only when the worker that computed it read the store version now on
disk, and a new version empties the cache, so a rebuilt store is never answered
from entries of the old one.  Once the pool switches to a finished rebuild
(``pool.QueryPool.reload``) its fresh workers read the version on disk, and
answers are kept again, for the new store.

Bounded by total bytes (body, headers, key and a fixed overhead per entry), with
least-recently-used eviction; an answer larger than the per-entry limit is not
kept.  One lock guards it: the server answers from several threads.

Key and answer are each kept as one flat tuple of strings, bytes and numbers
(``_plain_key``, ``_plain_entry``), never as ``CacheKey``/``CachedAnswer``
instances or nested tuples: Python's garbage collector stops tracking such a tuple
the first time it looks at it (a young-generation pass), so a filled cache adds
nothing to a full collection, which walks every tracked object while all the
server's threads wait.  (A tuple holding another tuple may be looked at before its
inner one is untracked, and then stays tracked until a full collection.)  Kept as
instances, three tracked objects an entry: a 64 MB cache of small answers (44,000
entries) added 132,000 objects and 17 ms of CPU to every full collection.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

ENTRY_OVERHEAD = 400          # bytes: the dict slot, tuples and objects around an entry (measured order of size)


class CacheKey(NamedTuple):
    """What an answer depends on, besides the store version (a tuple: hashed on every request)."""

    query: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    format: str                # the negotiated format's short name (json, xml, csv, tsv, ttl, nt, jsonld, rdfxml)
    max_rows: int


@dataclass(frozen=True)
class CachedAnswer:
    """A successful answer as sent: its Content-Type, its body and the headers that depend on the result."""

    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...]


def _plain_key(key: CacheKey) -> tuple:
    """The key as one flat tuple of strings and numbers (the first graph list's length keeps it unambiguous)."""
    return (key.query, key.format, key.max_rows, len(key.default_graphs), *key.default_graphs, *key.named_graphs)


def _plain_entry(answer: CachedAnswer, size: int) -> tuple:
    """``(size, content type, body, name, value, name, value...)``: one flat tuple of strings, bytes and numbers."""
    return (size, answer.content_type, answer.body, *chain.from_iterable(answer.headers))


def _answer(entry: tuple) -> CachedAnswer:
    """The answer a ``_plain_entry`` holds."""
    _, content_type, body, *headers = entry
    return CachedAnswer(content_type, body, tuple(zip(headers[0::2], headers[1::2])))


def entry_size(key: CacheKey, answer: CachedAnswer) -> int:
    """The bytes an entry is counted for: its body, its headers, its key and a fixed overhead."""
    text = len(key.query.encode("utf-8", "surrogatepass")) + sum(len(g) for g in key.default_graphs + key.named_graphs)
    headers = sum(len(k) + len(v) for k, v in answer.headers) + len(answer.content_type)
    return len(answer.body) + headers + text + ENTRY_OVERHEAD


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    stored: int = 0
    evicted: int = 0
    too_large: int = 0


class ResultCache:
    """An LRU map ``CacheKey -> CachedAnswer`` bounded by total bytes, for one store version at a time."""

    def __init__(self, max_bytes: int, max_entry_bytes: int) -> None:
        self.max_bytes = max(0, max_bytes)
        self.max_entry_bytes = min(max(0, max_entry_bytes), self.max_bytes)
        self._entries: OrderedDict[tuple, tuple] = OrderedDict()      # _plain_key -> _plain_entry
        self._bytes = 0
        self._version: str | None = None
        self._lock = threading.Lock()
        self.stats = CacheStats()

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: CacheKey, version: str) -> CachedAnswer | None:
        """The answer kept for ``key`` at store ``version``; a new version empties the cache first."""
        plain = _plain_key(key)
        with self._lock:
            if version != self._version:
                self._reset(version)
            found = self._entries.get(plain)
            if found is None:
                self.stats.misses += 1
                return None
            self._entries.move_to_end(plain)
            self.stats.hits += 1
            return _answer(found)

    def put(self, key: CacheKey, version: str, answer: CachedAnswer) -> bool:
        """Keep ``answer`` if it was computed at the cache's current version and fits; evict the least recent."""
        size = entry_size(key, answer)
        plain = _plain_key(key)
        with self._lock:
            if not version or version != self._version:
                return False            # computed on another store state than the one answered from now
            if size > self.max_entry_bytes:
                self.stats.too_large += 1
                return False
            previous = self._entries.pop(plain, None)
            if previous is not None:
                self._bytes -= previous[0]
            self._entries[plain] = _plain_entry(answer, size)
            self._bytes += size
            self.stats.stored += 1
            while self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= dropped[0]
                self.stats.evicted += 1
            return True

    def clear(self) -> None:
        with self._lock:
            self._reset(self._version)

    def _reset(self, version: str | None) -> None:
        self._entries.clear()
        self._bytes = 0
        self._version = version
