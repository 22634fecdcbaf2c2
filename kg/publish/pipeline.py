"""Write one release: dumps, ontology and shapes, VoID, catalogue, manifest, ``latest``.

Order matters for readers: the data files first, then the VoID and the
catalogue (which state their sizes and checksums), then ``SHA256SUMS``, then
``release.json`` (the mark of a complete release), and only then the
``latest`` pointer.  Re-dumping an existing version first removes its
``release.json``, so a half-rewritten release is never listed as complete.
"""
from __future__ import annotations

import os
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from kg.publish import formats
from kg.publish.catalog import catalog_graph, catalog_jsonld, catalog_turtle
from kg.publish.dump import DumpStats, reserialise, write_quads, write_sorted_triples
from kg.publish.files import GZIP_LEVEL, atomic_file, remove_stale_temps, sha256_file, temp_dir, write_bytes_atomic
from kg.publish.graphs import graph_language, resolution_graphs
from kg.publish.release import (FileRecord, ReleaseManifest, check_version, point_latest, read_manifest,
                                write_manifest)
from kg.publish.void import compute_stats, query_scope, void_graph
from kg.store import graphfiles

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ONTOLOGY = REPO_ROOT / "ontology" / "unres.ttl"
DEFAULT_SHAPES = REPO_ROOT / "shapes" / "unres-shapes.ttl"
DEFAULT_BASE = "https://w3id.org/unres"
ELI = "http://data.europa.eu/eli/ontology#"


def now_utc() -> str:
    """Release time: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def default_version() -> str:
    return now_utc()[:10]


def graph_file_paths(store: ox.Store, folder: Path | None) -> dict[str, tuple[Path, str]]:
    """Graph IRI -> (graph file, SHA-256) for the published graphs whose file exists in ``folder``."""
    if folder is None or not folder.is_dir():
        return {}
    found = {}
    for graph, digest in graphfiles.published_digests(store, folder).items():
        path = graphfiles.file_path(folder, digest)
        if path.is_file():
            found[graph] = (path, digest)
    return found


def temporal_coverage(store: ox.Store, base: str) -> tuple[str | None, str | None]:
    """Earliest and latest adoption dates of the resolutions whose text the graphs hold.

    Only works realised by an expression count: a resolution that is only cited ("resolution
    13 (I) of 13 February 1946") has its date in the graph, but the release does not cover it,
    and a portal's time filter or the /data/ page would otherwise promise texts it lacks.
    """
    unres = f"{base.rstrip('/')}/def/unres#"
    sparql = (
        "SELECT (MIN(STR(?d)) AS ?first) (MAX(STR(?d)) AS ?last) WHERE { "
        f"?r <{unres}adoptionDate> ?d ; <{ELI}is_realized_by>|^<{ELI}realizes> ?expression "
        "FILTER(REGEX(STR(?d), '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')) }"
    )
    for row in store.query(sparql, **query_scope(store)):
        return (row[0].value if row[0] else None, row[1].value if row[1] else None)
    return (None, None)


def dump_release(
    store: ox.Store,
    out_dir: str | Path,
    *,
    base: str = DEFAULT_BASE,
    version: str | None = None,
    ontology: Path | None = DEFAULT_ONTOLOGY,
    shapes: Path | None = DEFAULT_SHAPES,
    sort_memory: str = "256M",
    level: int = GZIP_LEVEL,
    graph_files: Path | None = None,
    log: Callable[[str], None] = lambda message: print(message, file=sys.stderr),
) -> ReleaseManifest:
    """Write the release ``{out_dir}/{version}/`` from ``store`` and point ``latest`` at it.

    ``graph_files``: the folder of the store's graph files (kg/store/graphfiles.py),
    read instead of the store for the graphs whose manifest entry names one.
    """
    base = base.rstrip("/")
    version = check_version(version or default_version())
    out = Path(out_dir)
    release_dir = out / version
    release_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(release_dir)
    issued = now_utc()
    marker = release_dir / formats.RELEASE_JSON
    if marker.exists():
        try:
            issued = read_manifest(release_dir).issued   # a re-dump keeps the first issue date
        except (ValueError, TypeError, KeyError):
            pass
        marker.unlink()
    modified = now_utc()

    graphs = resolution_graphs(store)
    stats: list[DumpStats] = []
    nt_path = release_dir / formats.NTRIPLES.filename
    files = graph_file_paths(store, graph_files)
    spill = temp_dir(release_dir / "graphs")
    try:
        nt_stat, sources = write_sorted_triples(store, graphs, files, nt_path, spill, sort_memory=sort_memory,
                                                level=level, log=log)
        slow = sum(g.value not in files for g in graphs)
        log(f"{nt_path}: {nt_stat.items} triples in {nt_stat.seconds:.1f} s "
            f"({slow} of {len(graphs)} graphs had no graph file: read from the store)")
        nq_stat = write_quads(sources, release_dir / formats.NQUADS.filename, level=level)
        log(f"{release_dir / formats.NQUADS.filename}: {nq_stat.items} quads in {nq_stat.seconds:.1f} s")
    finally:
        shutil.rmtree(spill, ignore_errors=True)
    stats += [nt_stat, nq_stat]
    triples = stats[0].items
    for release_file, fmt in ((formats.TURTLE, ox.RdfFormat.TURTLE), (formats.JSONLD, ox.RdfFormat.JSON_LD)):
        stat = reserialise(nt_path, release_dir / release_file.filename, fmt, base, triples, level=level)
        stats.append(stat)
        log(f"{release_dir / release_file.filename}: {stat.items} triples in {stat.seconds:.1f} s")

    for source, release_file in ((ontology, formats.ONTOLOGY), (shapes, formats.SHAPES)):
        if source is None:
            continue
        if Path(source).is_file():
            with open(source, "rb") as src, atomic_file(release_dir / release_file.filename) as dst:
                shutil.copyfileobj(src, dst)
        else:
            log(f"{source}: not found, release {version} ships without {release_file.filename}")

    void_stats = compute_stats(store, f"{base}/")
    void = void_graph(store, base, version=version, stats=void_stats)
    write_bytes_atomic(release_dir / formats.VOID.filename, void.serialize(format="turtle").encode())

    timing = {s.filename: s for s in stats}
    records = []
    for release_file in formats.ALL_FILES:
        path = release_dir / release_file.filename
        if path.is_file():
            stat = timing.get(release_file.filename)
            records.append(FileRecord(release_file.filename, path.stat().st_size, sha256_file(path),
                                      stat.items if stat else None, round(stat.seconds, 3) if stat else None))
    start, end = temporal_coverage(store, base)
    languages = sorted({lang for g in graphs if (lang := graph_language(g.value))})
    manifest = ReleaseManifest(version, base, issued, modified, triples, len(graphs), start, end, languages, records)

    catalog = catalog_graph(release_dir, base, manifest=manifest)
    write_bytes_atomic(release_dir / formats.CATALOG_TTL, catalog_turtle(catalog))
    write_bytes_atomic(release_dir / formats.CATALOG_JSONLD, catalog_jsonld(catalog))
    sums = "".join(f"{r.sha256}  {r.filename}\n" for r in records)
    write_bytes_atomic(release_dir / formats.CHECKSUMS, sums.encode())
    write_manifest(release_dir, manifest)
    point_latest(out, version)
    return manifest
