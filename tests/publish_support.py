"""Shared helpers for the publish tests: stores to dump, and terms compared across parsers."""
from __future__ import annotations

import gzip
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
import rdflib

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"
SEED = CORPUS / "seed" / "A_RES_65_140.txt"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def real_sources(count: int = 3) -> list[Path]:
    """The seed plus the first ``count`` AKN files of different General Assembly sessions."""
    sources = [SEED]
    root = CORPUS / "unxml-ga" / "xml"
    if root.is_dir():
        for session in sorted(root.iterdir())[:count]:
            files = sorted(p for p in session.rglob("*.xml"))
            if files:
                sources.append(files[0])
    return [p for p in sources if p.exists()]


def build_real_store(store_dir: Path, sources: list[Path]) -> None:
    """``kg build`` (the real pipeline) of ``sources`` into ``store_dir``."""
    staging = store_dir.parent / "sources"
    staging.mkdir(parents=True, exist_ok=True)
    for source in sources:
        target = staging / f"{source.parent.name}_{source.name}"
        if not target.exists():
            target.symlink_to(source)
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(staging), "--store", str(store_dir), "-j", "1", "-q"],
                   check=True, cwd=REPO, capture_output=True)


# --- terms, compared across pyoxigraph and rdflib -------------------------------------------

def ox_term(term) -> tuple:  # type: ignore[no-untyped-def]
    if isinstance(term, ox.NamedNode):
        return ("I", term.value)
    if isinstance(term, ox.BlankNode):
        return ("B", term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return ("L", term.value, LANG_STRING, term.language.lower())
        return ("L", term.value, term.datatype.value, None)
    raise TypeError(term)


def rdflib_term(term) -> tuple:  # type: ignore[no-untyped-def]
    if isinstance(term, rdflib.URIRef):
        return ("I", str(term))
    if isinstance(term, rdflib.BNode):
        return ("B", str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ("L", str(term), LANG_STRING, term.language.lower())
        return ("L", str(term), str(term.datatype) if term.datatype else XSD_STRING, None)
    raise TypeError(term)


def split_ground(triples: Iterable[tuple]) -> tuple[set, list]:
    """Triples without blank nodes (compared exactly) and the others (compared up to renaming)."""
    ground, other = set(), []
    for triple in triples:
        if any(t[0] == "B" for t in triple):
            other.append(triple)
        else:
            ground.add(triple)
    return ground, other


def blank_shape(triples: Iterable[tuple]) -> list:
    """Triples with blank-node labels replaced by a marker, sorted: equal up to relabelling (a necessary check)."""
    return sorted(tuple(("B",) if t[0] == "B" else t for t in triple) for triple in triples)


@contextmanager
def exact_literals() -> Iterator[None]:
    """Parse with rdflib keeping literal lexical forms as written (no normalisation)."""
    saved = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = saved


def rdflib_triples(path: Path, fmt: str) -> list[tuple]:
    with exact_literals(), gzip.open(path, "rb") as handle:
        graph = rdflib.Graph().parse(handle, format=fmt)
    return [tuple(rdflib_term(t) for t in triple) for triple in graph]


def rdflib_quads(path: Path) -> list[tuple]:
    with exact_literals(), gzip.open(path, "rb") as handle:
        dataset = rdflib.Dataset().parse(handle, format="nquads")
    return [(*(rdflib_term(t) for t in (s, p, o)), rdflib_term(g)) for s, p, o, g in dataset.quads((None, None, None, None))
            if g is not None and str(g) != str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)]


def store_triples(store: ox.Store, graphs: Iterable[ox.NamedNode]) -> set[tuple]:
    return {tuple(ox_term(t) for t in (q.subject, q.predicate, q.object))
            for g in graphs for q in store.quads_for_pattern(None, None, None, g)}


def store_quads(store: ox.Store, graphs: Iterable[ox.NamedNode]) -> set[tuple]:
    return {(*(ox_term(t) for t in (q.subject, q.predicate, q.object)), ox_term(q.graph_name))
            for g in graphs for q in store.quads_for_pattern(None, None, None, g)}
