"""Streamed dumps of the resolution graphs: N-Triples, N-Quads, Turtle, JSON-LD.

Nothing here holds the graph in memory: one graph, or one cluster of graphs
sharing a key range, at a time.  Each graph's sorted lines come from its graph
file beside the store (kg/store/graphfiles.py: no term decoded), or from the
store when it has none.  The sorted N-Triples are a merge of those sorted
runs (kg/publish/merge.py), with GNU ``sort`` (external merge sort, bounded
buffer, spilling to disk) ordering the lines that many graphs share; the
N-Quads copy each graph's lines with its name; Turtle and JSON-LD are then
re-serialised from the sorted N-Triples, so each subject comes out once,
grouped.  Every file goes through :func:`kg.publish.files.atomic_gzip`.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Callable, Sequence

import pyoxigraph as ox
from isal import igzip

from kg.publish.files import CHUNK, GZIP_LEVEL, atomic_gzip
from kg.publish.merge import Run, merge, prefix_span
from kg.store import graphfiles

Log = Callable[[str], None]

DEFAULT_SORT_MEMORY = "256M"


@dataclass
class DumpStats:
    """What writing one file took: items written (triples or quads) and seconds."""

    filename: str
    items: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.items / self.seconds if self.seconds > 0 else float("inf")


def prefixes(base: str) -> dict[str, str]:
    """Prefixes for the Turtle dump (the data's own namespaces first)."""
    base = base.rstrip("/")
    return {
        "unres": f"{base}/def/unres#",
        "res": f"{base}/eli/un/",
        "id": f"{base}/id/",
        "eli": "http://data.europa.eu/eli/ontology#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "dcterms": "http://purl.org/dc/terms/",
        "schema": "https://schema.org/",
        "org": "http://www.w3.org/ns/org#",
        "cito": "http://purl.org/spar/cito/",
        "oa": "http://www.w3.org/ns/oa#",
        "prov": "http://www.w3.org/ns/prov#",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "wd": "http://www.wikidata.org/entity/",
    }


def _sort_command(tmp_dir: Path, memory: str) -> list[str]:
    sort = shutil.which("sort") or "sort"
    return [sort, "-u", "-S", memory, "-T", str(tmp_dir), f"--parallel={max(1, min(4, os.cpu_count() or 1))}"]


@dataclass(frozen=True)
class GraphLines:
    """One graph's sorted, unique N-Triples lines in a gzip file: its graph file beside the store,
    or a copy the dump made from the store (the graph has no file, or a damaged one)."""

    graph: str
    path: Path
    sha256: str
    size: int            # bytes of lines, as checked against the SHA-256 in the first pass

    def read(self) -> bytes:
        """The lines again: the gzip CRC and the size catch a file damaged since it was checked
        (a content-addressed file is only ever replaced by the same bytes)."""
        try:
            content = igzip.decompress(self.path.read_bytes())
        except graphfiles.DAMAGED as error:
            raise OSError(f"{self.path}: graph file damaged during the dump ({error}); dump again") from error
        if len(content) != self.size:
            raise OSError(f"{self.path}: graph file changed during the dump; dump again")
        return content


def own_prefixes(graph: str) -> tuple[bytes, bytes]:
    """The starts of a resolution graph's own lines: ``<{work}/`` (its parts, expressions,
    paragraphs) and ``<{work}> `` (the work itself), for a graph ``{work}/{lang}/graph``.

    No other work's lines share either key range, even when one work IRI extends
    another (``.../65/14`` and ``.../65/140``), so only the same work in other
    languages overlaps.
    """
    work = b"<" + graph.rsplit("/", 2)[0].encode("utf-8")
    return (work + b"/", work + b"> ")


def own_spans(content: bytes, graph: str) -> list[tuple[int, int]]:
    """Byte spans of the graph's own blocks in its sorted ``content``, in order, empty ones left out."""
    return sorted(span for span in (prefix_span(content, p) for p in own_prefixes(graph)) if span[1] > span[0])


def shared_parts(content: bytes, spans: list[tuple[int, int]]) -> list[bytes]:
    """The content outside the spans (the lines shared with other graphs' key ranges)."""
    parts, at = [], 0
    for start, end in spans:
        parts.append(content[at:start])
        at = end
    parts.append(content[at:])
    return parts


def store_lines(store: ox.Store, graph: ox.NamedNode) -> bytes:
    """A graph's lines read from the store (decoding every term: the slow way), sorted, unique."""
    text = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
    return b"".join(sorted(set(text.splitlines(keepends=True))))


def _graph_lines(store: ox.Store, graph: ox.NamedNode, files: dict[str, tuple[Path, str]], spill: Path,
                 log: Log) -> tuple[GraphLines, bytes]:
    """The graph's lines from its graph file, checked; else from the store, copied to ``spill``."""
    if graph.value in files:
        path, digest = files[graph.value]
        content = graphfiles.read_verified(path, digest)
        if content is not None:
            return GraphLines(graph.value, path, digest, len(content)), content
        if path.exists():
            log(f"{path}: damaged graph file (gzip CRC or SHA-256 does not match); {graph.value} read from the store")
    content = store_lines(store, graph)
    digest = hashlib.sha256(content).hexdigest()
    spill.mkdir(exist_ok=True)
    path = spill / f"{digest}{graphfiles.SUFFIX}"
    path.write_bytes(graphfiles.compress(content))
    return GraphLines(graph.value, path, digest, len(content)), content


def write_sorted_triples(
    store: ox.Store,
    graphs: Sequence[ox.NamedNode],
    files: dict[str, tuple[Path, str]],
    nt_final: Path,
    spill: Path,
    *,
    sort_memory: str = DEFAULT_SORT_MEMORY,
    level: int = GZIP_LEVEL,
    log: Log = lambda message: None,
) -> tuple[DumpStats, list[GraphLines]]:
    """The sorted N-Triples dump: the union of the graphs' lines, sorted bytewise, without duplicates.

    ``files`` maps graph IRIs to their graph files (path, SHA-256) beside the
    store (kg/store/graphfiles.py).  Two passes over the graphs:

    1. each graph's lines (from its file, checked; from the store when it has
       none or a damaged one, then copied to ``spill``): the lines outside the
       graph's own block go to GNU ``sort -u`` (external merge sort in bounded
       memory, spilling to the release folder);
    2. :func:`kg.publish.merge.merge` interleaves the own blocks, in key order,
       with the sorted shared lines.

    Byte order (``LC_ALL=C``) makes the dump a function of the set of triples
    only.  Returns the stats and where each graph's lines are, for the N-Quads.
    """
    start = time.perf_counter()
    env = {**os.environ, "LC_ALL": "C"}
    sources: list[GraphLines] = []
    with atomic_gzip(nt_final, level) as nt_out:
        proc = subprocess.Popen(
            _sort_command(nt_final.parent, sort_memory), stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        assert proc.stdin is not None and proc.stdout is not None
        try:
            for graph in graphs:
                lines, content = _graph_lines(store, graph, files, spill, log)
                sources.append(lines)
                proc.stdin.write(b"".join(shared_parts(content, own_spans(content, graph.value))))
            proc.stdin.close()
            with BlockWriter(nt_out) as out:
                runs = own_runs([s.graph for s in sources], lambda index: sources[index].read())
                written = merge(runs, proc.stdout, out.write)
        finally:
            if not proc.stdin.closed:
                proc.stdin.close()
            if proc.poll() is None and sys.exc_info()[0] is not None:
                proc.kill()
            code = proc.wait()
        if code != 0:
            raise OSError(f"sort failed with exit code {code} while writing {nt_final}")
    return DumpStats(nt_final.name, written, time.perf_counter() - start), sources


def own_runs(graphs: Sequence[str], read: Callable[[int], bytes]) -> list[Run]:
    """Two runs per graph, sorted by lower bound: its ``<{work}/`` block and its ``<{work}> `` block.

    ``read(i)`` gives graph ``i``'s sorted lines; it is called once, for the
    first block; the second (the work's own few lines, a key range that comes
    later) waits in ``pending`` until its turn.
    """
    pending: dict[int, bytes] = {}

    def first_block(index: int) -> bytes:
        content = read(index)
        first, second = (content[start:end] for start, end in
                         (prefix_span(content, prefix) for prefix in own_prefixes(graphs[index])))
        pending[index] = second
        return first

    runs: list[Run] = []
    for index, graph in enumerate(graphs):
        first, second = own_prefixes(graph)
        runs.append((first, partial(first_block, index)))
        runs.append((second, partial(pending.pop, index)))
    return sorted(runs, key=lambda run: run[0])


def write_quads(sources: Sequence[GraphLines], nq_final: Path, *, level: int = GZIP_LEVEL) -> DumpStats:
    """The N-Quads dump: each graph's lines (sorted) with its name, graphs in the order given."""
    start = time.perf_counter()
    quads = 0
    with atomic_gzip(nq_final, level) as nq_out:
        for source in sources:
            content = source.read()
            quads += content.count(b"\n")
            # An N-Triples line ends " .\n" and no literal holds a raw newline,
            # so this suffix is exactly the end of each statement.
            nq_out.write(content.replace(b" .\n", f" <{source.graph}> .\n".encode()))
    return DumpStats(nq_final.name, quads, time.perf_counter() - start)


class BlockWriter:
    """Gathers small writes into blocks of about ``CHUNK`` bytes (fewer, larger compressor calls)."""

    def __init__(self, sink: IO[bytes]):
        self.sink, self.parts, self.size = sink, [], 0  # type: ignore[var-annotated]

    def write(self, data: bytes) -> None:
        self.parts.append(data)
        self.size += len(data)
        if self.size >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.sink.write(b"".join(self.parts))
            self.parts, self.size = [], 0

    def __enter__(self) -> "BlockWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.flush()


def reserialise(source_nt_gz: Path, final: Path, fmt: ox.RdfFormat, base: str, triples: int,
                *, level: int = GZIP_LEVEL) -> DumpStats:
    """Re-serialise a sorted N-Triples dump (of ``triples`` lines) as Turtle or JSON-LD, streaming.

    Sorted input keeps each subject's triples together, so the streaming
    serialisers group them under one subject (Turtle ``;``, one JSON-LD node).
    """
    start = time.perf_counter()
    with igzip.open(source_nt_gz, "rb") as source, atomic_gzip(final, level) as out:
        ox.serialize(
            ox.parse(source, ox.RdfFormat.N_TRIPLES),
            out,
            fmt,
            prefixes=prefixes(base) if fmt == ox.RdfFormat.TURTLE else None,
        )
    return DumpStats(final.name, triples, time.perf_counter() - start)
