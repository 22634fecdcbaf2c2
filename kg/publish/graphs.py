"""Which graphs of the store make up the published knowledge graph.

The store keeps one named graph per resolution expression,
``{work}/{lang}/graph`` (docs/architecture.md), and may keep bookkeeping
graphs beside them (a build manifest, ...).  Only resolution graphs are
published; the default graph and any other named graph are left out.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

# {base}/eli/un/{organ}/.../{lang}/graph, lang a three-letter code
RESOLUTION_GRAPH = re.compile(r"/eli/[^\s<>]+/(?P<lang>[a-z]{3})/graph$")


def is_resolution_graph(iri: str) -> bool:
    return RESOLUTION_GRAPH.search(iri) is not None


def graph_language(iri: str) -> str | None:
    """The three-letter language code of a resolution graph IRI."""
    match = RESOLUTION_GRAPH.search(iri)
    return match.group("lang") if match else None


def resolution_graphs(store: ox.Store) -> list[ox.NamedNode]:
    """The resolution graphs of ``store``, sorted by IRI (stable output order)."""
    graphs = [g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and is_resolution_graph(g.value)]
    return sorted(graphs, key=lambda g: g.value)


def open_store(path: str | Path) -> ox.Store:
    """Open an on-disk store for reading, with a one-line error when it is not one."""
    from kg.model import ParseError

    folder = Path(path)
    if not folder.is_dir():
        raise ParseError(str(folder), "no store here (run 'kg build' first)")
    try:
        return ox.Store.read_only(str(folder))
    except OSError as exc:
        raise ParseError(str(folder), f"cannot open the store: {exc}") from exc
