"""Faults during a build (issue 10): a corpus to build, kills at seeded random moments, a full
disk, and the checks that the store stayed consistent.

``consistent(store)`` is the invariant every fault must keep: the manifest never claims more than
the store holds (every published entry's graph is there, whole, as the clean build put it); with
``exact``, also no graph without a publishing entry, which holds after a build completes (a build
stopped between a batch's graphs and its manifest entries leaves such graphs; the next build
drops them first: kg/store/manifest_file.py).
"""
from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from kg.store.backends import EmbeddedStore, GraphStore, canonical_quads
from kg.store import manifest_file
from kg.store.manifest import manifest_graph_iri
from kg.store.manifest_file import ManifestFile
from kg.store.testing import rdf_document
from reliability_support import REPO, SEED

BASE = "https://w3id.org/unres"
EPOCH = "1767225600"
RDF_PIPELINE = "kg.store.pipeline:rdf_file_pipeline"


def rdf_corpus(folder: Path, count: int, words: int = 40) -> Path:
    """``count`` one-graph documents (text from the seed), two of them bad, for ``rdf_file_pipeline``."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [ln.strip() for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for n in range(count):
        text = " ".join(lines[(n + i) % len(lines)] for i in range(3)).replace("\\", "").replace('"', "'")
        text = " ".join((text.split() * 10)[:words])
        body = (f'<{BASE}/eli/un/ga/res/65/{n}> <{BASE}/def/unres#title> "{text}"@en ;\n'
                f'  <{BASE}/def/unres#vote> [ <{BASE}/def/unres#yes> {n} ] .')
        (folder / f"res{n:04d}.txt").write_text(rdf_document(f"{BASE}/eli/un/ga/res/65/{n}/eng/graph", body, "akn"),
                                                encoding="utf-8")
    (folder / "bad-syntax.txt").write_text(rdf_document(f"{BASE}/eli/un/ga/res/65/9999/eng/graph", "<a> <b"),
                                           encoding="utf-8")
    (folder / "no-graph.txt").write_text("just text\n", encoding="utf-8")
    return folder


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO), **extra}


def build_command(sources: Path, store: str, pipeline: str | None, jobs: int = 1, batch: int = 1) -> list[str]:
    command = [sys.executable, "-m", "kg.cli", "build", str(sources), "--store", store, "--jobs", str(jobs),
               "--batch-size", str(batch), "--quiet"]
    return command + (["--pipeline", pipeline] if pipeline else [])


def kill_at_random(command: list[str], environ: dict[str, str], after_commits: int, jitter: float,
                   trace: Path) -> tuple[bool, int]:
    """Start a build and SIGKILL it ``jitter`` seconds after its ``after_commits``-th commit
    (so the kill lands mid-build, between or during transactions); (killed?, commits before)."""
    trace.unlink(missing_ok=True)
    process = subprocess.Popen(command, env={**environ, "KG_BUILD_TRACE": str(trace)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and process.poll() is None and _commits(trace) < after_commits:
            time.sleep(0.005)
        time.sleep(jitter)
        if process.poll() is not None:
            return False, _commits(trace)
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True, _commits(trace)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def seeded_kill_points(seed: int, count: int, max_commits: int, max_jitter: float) -> list[tuple[int, float]]:
    """``count`` (commits, jitter) kill points, reproducible from ``seed``."""
    rng = random.Random(seed)
    return [(rng.randint(1, max(1, max_commits)), round(rng.uniform(0, max_jitter), 3)) for _ in range(count)]


def _commits(trace: Path) -> int:
    return len(trace.read_text().splitlines()) if trace.exists() else 0


def by_graph(quads: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for quad in quads:
        out.setdefault(quad.rsplit(" ", 1)[-1].strip("<>"), []).append(quad)
    return out


def shape(quads: list[str]) -> list[str]:
    """Quads with blank-node labels blanked (canonical labels depend on the whole dataset)."""
    return sorted(re.sub(r"_:\w+", "_:b", quad) for quad in quads)


def consistent(store: GraphStore, reference: dict[str, list[str]], exact: bool = True) -> list[str]:
    """What is wrong with a store after a fault (empty when nothing): manifest vs graphs vs the clean build."""
    problems = []
    manifest = store.manifest()
    published = {e.graph for e in manifest.values() if e.status == "published" and e.graph}
    present = store.named_graphs() - {manifest_graph_iri(BASE)}
    current = by_graph(canonical_quads(store, include_manifest=False))
    for graph in sorted(published - present):
        problems.append(f"manifest claims {graph} but the store does not hold it")
    if exact:
        for graph in sorted(present - published):
            problems.append(f"{graph} is in the store but no manifest entry publishes it")
    for graph in sorted(published & present):
        if shape(current.get(graph, [])) != shape(reference.get(graph, [])):
            problems.append(f"{graph} differs from the clean build (published half?)")
    for entry in manifest.values():
        if entry.status == "published" and entry.graph in current and entry.triples != len(current[entry.graph]):
            problems.append(f"{entry.path}: manifest says {entry.triples} triples, the graph has "
                            f"{len(current[entry.graph])}")
    return problems


def read_only(path: Path) -> EmbeddedStore:
    """The embedded store opened read-only (a full disk may refuse a read-write open)."""
    import pyoxigraph as ox

    store = EmbeddedStore.__new__(EmbeddedStore)
    store.path, store.base, store.transactions = None, BASE, 0
    store.store = ox.Store.read_only(str(path))
    store.manifest_graph = manifest_graph_iri(BASE)
    store.entries = ManifestFile(manifest_file.path_in(path), read_only=True)
    return store


def embedded_quads(path: Path) -> list[str]:
    with EmbeddedStore(path, BASE) as store:
        return canonical_quads(store)


def mount_tmpfs(target: Path, megabytes: float) -> bool:
    """Mount a small tmpfs at ``target`` (root only); False when not permitted."""
    target.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    size = f"{int(megabytes * 1024)}k"
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)],
                          capture_output=True).returncode == 0


def resize_tmpfs(target: Path, megabytes: float) -> None:
    subprocess.run(["mount", "-o", f"remount,size={int(megabytes * 1024)}k", str(target)], check=True)


def umount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True)
