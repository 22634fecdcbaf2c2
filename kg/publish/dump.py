"""Streamed dumps of the resolution graphs: N-Triples, N-Quads, Turtle, JSON-LD.

Nothing here holds the graph in memory.  pyoxigraph writes each named graph
straight into a pipe; GNU ``sort`` (external merge sort, bounded buffer,
spilling to disk) orders and de-duplicates the N-Triples; Turtle and JSON-LD
are then re-serialised from that sorted stream, so each subject comes out
once, grouped.  Every file goes through :func:`kg.publish.files.atomic_gzip`.
"""
from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pyoxigraph as ox

from kg.publish.files import CHUNK, atomic_gzip

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


def write_quads_and_sorted_triples(
    store: ox.Store,
    graphs: Sequence[ox.NamedNode],
    nq_final: Path,
    nt_final: Path,
    *,
    sort_memory: str = DEFAULT_SORT_MEMORY,
    level: int = 6,
) -> tuple[DumpStats, DumpStats]:
    """One pass over the store writes both the N-Quads and the sorted N-Triples dumps.

    Reading the store (decoding every term) is the slow part, so each graph
    is read once: its N-Triples go to the N-Quads file with the graph name
    appended, and to GNU ``sort -u`` (external merge sort in bounded memory,
    spilling to the release folder), whose output is the N-Triples dump.
    Byte order (``LC_ALL=C``) makes that dump a function of the set of
    triples only: two dumps of the same store are byte-identical.

    The N-Triples time reported covers the whole pass (store read included).
    """
    start = time.perf_counter()
    env = {**os.environ, "LC_ALL": "C"}
    quads = lines = 0
    with atomic_gzip(nt_final, level) as nt_out:
        proc = subprocess.Popen(
            _sort_command(nt_final.parent, sort_memory), stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        assert proc.stdin is not None and proc.stdout is not None
        try:
            with atomic_gzip(nq_final, level) as nq_out:
                for graph in graphs:
                    triples = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
                    if not triples:
                        continue
                    proc.stdin.write(triples)
                    # An N-Triples line ends " .\n" and no literal holds a raw newline,
                    # so this suffix is exactly the end of each statement.
                    quads += triples.count(b"\n")
                    nq_out.write(triples.replace(b" .\n", f" <{graph.value}> .\n".encode()))
            nq_seconds = time.perf_counter() - start
            proc.stdin.close()
            while block := proc.stdout.read(CHUNK):
                lines += block.count(b"\n")
                nt_out.write(block)
        finally:
            if not proc.stdin.closed:
                proc.stdin.close()
            if proc.poll() is None and sys.exc_info()[0] is not None:
                proc.kill()
            code = proc.wait()
        if code != 0:
            raise OSError(f"sort failed with exit code {code} while writing {nt_final}")
    return (DumpStats(nq_final.name, quads, nq_seconds),
            DumpStats(nt_final.name, lines, time.perf_counter() - start))


def reserialise(source_nt_gz: Path, final: Path, fmt: ox.RdfFormat, base: str, triples: int,
                *, level: int = 6) -> DumpStats:
    """Re-serialise a sorted N-Triples dump (of ``triples`` lines) as Turtle or JSON-LD, streaming.

    Sorted input keeps each subject's triples together, so the streaming
    serialisers group them under one subject (Turtle ``;``, one JSON-LD node).
    """
    start = time.perf_counter()
    with gzip.open(source_nt_gz, "rb") as source, atomic_gzip(final, level) as out:
        ox.serialize(
            ox.parse(source, ox.RdfFormat.N_TRIPLES),
            out,
            fmt,
            prefixes=prefixes(base) if fmt == ox.RdfFormat.TURTLE else None,
        )
    return DumpStats(final.name, triples, time.perf_counter() - start)
