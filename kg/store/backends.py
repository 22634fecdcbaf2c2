"""Where the graph goes: an embedded Oxigraph store, or any remote SPARQL 1.1 store.

Both backends offer the same small interface (``GraphStore``): replace a named
graph whole, drop one, read the build manifest, apply a ``Changeset`` (several
documents' graphs plus their manifest entries), and run a SPARQL query with
pyoxigraph result objects, so the endpoint can serve from either.

* ``EmbeddedStore``: ``pyoxigraph.Store`` on disk (or in memory for tests).
  The store holds the resolution graphs only: the build manifest is kept beside
  it, in ``<store>/kg-manifest.sqlite`` (kg/store/manifest_file.py), so that the
  served default graph (the union of the store's graphs) is the resolutions and
  nothing else.  A changeset's graphs are applied atomically: when it only adds
  new graphs, with Oxigraph's bulk loader (about 3x faster than a transactional
  ``load``; since Oxigraph 0.5 it writes sorted files and ingests them in one
  atomic step, all or nothing: tests/test_store_atomicity.py kills it to check),
  else as one SPARQL Update request; then its manifest entries, in one SQLite
  transaction, once the graphs are flushed.  Entries for graphs the changeset
  replaces or drops are deleted before the store changes, so the manifest never
  claims more than the store holds; a kill in between leaves graphs no entry
  publishes, which the next build drops (``drop_unpublished``) and rebuilds.  On
  disk, the changeset's graph files (kg/store/graphfiles.py) are written first,
  beside the store.  Query with ``use_default_graph_as_union=True`` to see every
  named graph as the default graph.  A store built before the manifest file
  existed (manifest in the named graph ``{base}/graph/build-manifest``) is
  migrated when opened read-write.
* ``RemoteStore``: Graph Store HTTP Protocol ``PUT``/``DELETE`` per named graph,
  then one SPARQL Update for the manifest entries, which stay in the named graph
  ``{base}/graph/build-manifest`` of the remote store (others may build into it,
  so no local file can hold its manifest); a killed build is repaired by the next
  one, because the manifest is always written after the graphs.  What the remote
  server serves as its default graph is its own configuration (``query``).
"""
from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Protocol

import pyoxigraph as ox

from kg.store import graphfiles, manifest_file
from kg.store.graphfiles import GraphFile
from kg.store.http import HttpClient, StoreError
from kg.store.manifest import ManifestEntry, entries_from_rows, entry_iri, entry_to_ntriples, manifest_graph_iri
from kg.store.manifest_file import ManifestFile

DEFAULT_STORE = "var/store"
MEMORY = ":memory:"


@dataclass
class Changeset:
    """Writes for a batch of documents, applied together (sequential semantics: last write wins)."""

    graphs: dict[str, str] = field(default_factory=dict)     # graph IRI -> N-Triples (replaces the graph)
    drops: set[str] = field(default_factory=set)
    entries: dict[str, ManifestEntry] = field(default_factory=dict)
    removed_entries: set[str] = field(default_factory=set)  # source paths
    documents: int = 0
    triples: int = 0         # N-Triples lines in ``graphs``, kept as graphs are put (no recount per put)
    counts: dict[str, int] = field(default_factory=dict)     # graph IRI -> its N-Triples lines
    files: dict[str, GraphFile] = field(default_factory=dict)  # sha256 -> graph file, written before the graphs

    def put_graph(self, graph: str, ntriples: str, triples: int | None = None) -> None:
        """Replace ``graph`` with ``ntriples`` (``triples``: its line count, when the caller knows it)."""
        self.drops.discard(graph)
        self.triples -= self.counts.pop(graph, 0)
        self.graphs[graph] = ntriples
        self.counts[graph] = ntriples.count("\n") if triples is None else triples
        self.triples += self.counts[graph]

    def drop_graph(self, graph: str) -> None:
        self.graphs.pop(graph, None)
        self.triples -= self.counts.pop(graph, 0)
        self.drops.add(graph)

    def set_entry(self, entry: ManifestEntry) -> None:
        self.removed_entries.discard(entry.path)
        self.entries[entry.path] = entry

    def remove_entry(self, path: str) -> None:
        self.entries.pop(path, None)
        self.removed_entries.add(path)

    def __bool__(self) -> bool:
        return bool(self.graphs or self.drops or self.entries or self.removed_entries)


class GraphStore(Protocol):
    base: str
    transactions: int       # write transactions / requests committed (0 on a no-op rebuild)

    def apply(self, change: Changeset) -> None: ...
    def only_adds(self, change: Changeset) -> bool: ...
    def replace_graph(self, graph: str, ntriples: str) -> None: ...
    def drop_graph(self, graph: str) -> None: ...
    def manifest(self) -> dict[str, ManifestEntry]: ...
    def drop_unpublished(self, published: set[str]) -> list[str]: ...
    def named_graphs(self) -> set[str]: ...
    def query(self, sparql: str, union: bool = True) -> Any: ...
    def flush(self) -> None: ...
    def compact(self) -> None: ...
    def close(self) -> None: ...


def open_store(spec: str | None, base: str) -> "EmbeddedStore | RemoteStore":
    """``sparql+http(s)://...`` -> RemoteStore; ``:memory:`` -> in-memory; else a directory."""
    spec = spec or DEFAULT_STORE
    if spec.startswith(("sparql+http://", "sparql+https://")):
        return RemoteStore(spec, base)
    if spec == MEMORY:
        return EmbeddedStore(None, base)
    return EmbeddedStore(spec, base)


class EmbeddedStore:
    """An on-disk (or in-memory) ``pyoxigraph.Store``; one transaction per changeset, the manifest beside it."""

    def __init__(self, path: str | Path | None, base: str):
        self.path = None if path is None else Path(path)
        if self.path is not None:
            self.path.mkdir(parents=True, exist_ok=True)
        self.store = ox.Store(None if self.path is None else str(self.path))
        self.base = base
        self.manifest_graph = manifest_graph_iri(base)   # where stores built before the manifest file kept it
        self.transactions = 0
        self.updates = 0        # transactions that rewrote existing data (SPARQL Update), not bulk loads
        self.before_manifest: Callable[[], None] | None = None   # tests: called between graphs and entries
        self.entries = self._open_manifest()

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path) if self.path else MEMORY!r})"

    def _open_manifest(self) -> ManifestFile:
        """The manifest file, after migrating a manifest still kept in the store's named graph."""
        if self.path is None:
            return ManifestFile(None)
        target = manifest_file.path_in(self.path)
        old = ox.NamedNode(self.manifest_graph)
        in_store = old in set(self.store.named_graphs())
        if in_store and not target.exists():
            manifest_file.create_atomically(target, self._manifest_in_store().values())
        if in_store:      # the file is written: the graph goes (a kill in between: dropped at the next open)
            self.store.remove_graph(old)
            self.flush()
        return ManifestFile(target)

    # -- reads ---------------------------------------------------------------
    def manifest(self) -> dict[str, ManifestEntry]:
        return self.entries.entries()

    def _manifest_in_store(self) -> dict[str, ManifestEntry]:
        rows = ((q.subject.value, q.predicate.value, q.object.value)
                for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(self.manifest_graph)))
        return entries_from_rows(rows, self.base)

    def named_graphs(self) -> set[str]:
        return {g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)}

    def query(self, sparql: str, union: bool = True) -> Any:
        """A SPARQL query; ``union=True`` makes the default graph the union of all named graphs."""
        return self.store.query(sparql, use_default_graph_as_union=union)

    def only_adds(self, change: Changeset) -> bool:
        """True when ``change`` only adds graphs the store does not hold yet (then they are bulk loaded, as
        TriG); its manifest entries, in the manifest file, make no difference."""
        return not change.drops and all(self._is_empty(g) for g in change.graphs)

    def _is_empty(self, graph: str) -> bool:
        return next(iter(self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))), None) is None

    # -- writes --------------------------------------------------------------
    def apply(self, change: Changeset) -> None:
        """Apply a changeset: its graphs atomically (all of them, or, killed or disk full, none), then
        its manifest entries atomically; entries of graphs it replaces or drops go first."""
        if not change:
            return
        if self.path is not None:   # graph files first: the manifest entries naming them come after the graphs
            graphfiles.write_all(graphfiles.folder_of(self.path), change.files.values())  # type: ignore[arg-type]
        if change.graphs or change.drops:
            self.entries.write((), self.entries.publishers(change.drops | set(change.graphs)))
            if self.only_adds(change):
                # lenient: the loader does not check IRIs again; every graph was written by our pipeline, whose
                # writers refuse an IRI no store would accept (kg.map.context.iri; rdf_file_pipeline parses with
                # checks), and a batch refused here would stop the build.  About 12% less loader CPU.
                self.store.bulk_load(input=self._trig(change), format=ox.RdfFormat.TRIG, lenient=True)
            else:
                self.store.update(self._update(change))
                self.updates += 1
            self.flush()   # durable before the entries name them (and keeps the build's memory flat)
            if self.before_manifest is not None:
                self.before_manifest()
        self.entries.write(change.entries.values(), change.removed_entries)
        self.transactions += 1

    def drop_unpublished(self, published: set[str]) -> list[str]:
        """Drop every named graph no manifest entry publishes (left by a build killed between its graphs
        and its entries: the store is the build's own); the graphs dropped, sorted."""
        stray = sorted(self.named_graphs() - published)
        if stray:
            change = Changeset()
            for graph in stray:
                change.drop_graph(graph)
            self.store.update(self._update(change))
            self.updates += 1
            self.flush()
        return stray

    def replace_graph(self, graph: str, ntriples: str) -> None:
        change = Changeset()
        change.put_graph(graph, ntriples)
        self.apply(change)

    def drop_graph(self, graph: str) -> None:
        change = Changeset()
        change.drop_graph(graph)
        self.apply(change)

    def _trig(self, change: Changeset) -> str:
        """The changeset as one TriG document (N-Triples lines are valid TriG inside a graph block)."""
        return "".join(f"<{graph}> {{\n{nt}\n}}\n" for graph, nt in change.graphs.items())

    def _update(self, change: Changeset) -> str:
        """The changeset's graphs as one SPARQL Update (its entries go to the manifest file)."""
        return sparql_update(Changeset(graphs=change.graphs, drops=change.drops), self.base)

    def flush(self) -> None:
        if self.path is not None:
            self.store.flush()

    def compact(self) -> None:
        """After a build that replaced or dropped graphs: compact, so deleted quads leave the disk.

        Bulk loads write sorted, compact files already; compacting after them would rewrite
        the whole store for nothing (minutes on a large one), so a build that only added skips it.
        """
        if self.path is not None:
            self.store.flush()
            if self.updates:
                self.store.optimize()

    def close(self) -> None:
        """Flush and release the on-disk store (its lock), so another process can open it."""
        if getattr(self, "store", None) is not None:
            self.flush()
            self.store = None  # type: ignore[assignment]
            self.entries.close()

    def __enter__(self) -> "EmbeddedStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sparql_update(change: Changeset, base: str, include_graphs: bool = True) -> str:
    """One SPARQL Update request for a changeset (graphs replaced whole, entries replaced)."""
    manifest = manifest_graph_iri(base)
    ops: list[str] = []
    graphs = change.graphs if include_graphs else {}
    for graph in sorted(change.drops | set(graphs)):
        ops.append(f"DROP SILENT GRAPH <{graph}>")
    for path in sorted(set(change.entries) | change.removed_entries):
        ops.append(f"DELETE WHERE {{ GRAPH <{manifest}> {{ <{entry_iri(base, path)}> ?p ?o }} }}")
    blocks = [f"GRAPH <{graph}> {{\n{nt}\n}}" for graph, nt in graphs.items() if nt.strip()]
    if change.entries:
        blocks.append(f"GRAPH <{manifest}> {{\n"
                      + "".join(entry_to_ntriples(e, base) for e in change.entries.values()) + "}")
    if blocks:
        ops.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
    return " ;\n".join(ops)


@dataclass(frozen=True)
class RemoteEndpoints:
    """The three URLs of a SPARQL 1.1 store, from ``sparql+http://host:port/path?query=&update=&gsp=``."""

    query: str
    update: str
    gsp: str
    graph_param: str = "graph"

    @classmethod
    def parse(cls, spec: str) -> "RemoteEndpoints":
        url = urllib.parse.urlsplit(spec.removeprefix("sparql+"))
        if url.username or url.password:
            raise StoreError("put credentials in KG_STORE_USER/KG_STORE_PASSWORD or KG_STORE_AUTH_HEADER, "
                             "not in the store URL")
        options = dict(urllib.parse.parse_qsl(url.query))
        root = urllib.parse.urlunsplit((url.scheme, url.netloc, url.path.rstrip("/") + "/", "", ""))

        def endpoint(name: str, default: str) -> str:
            return urllib.parse.urljoin(root, options.get(name, default))

        return cls(query=endpoint("query", "query"), update=endpoint("update", "update"),
                   gsp=endpoint("gsp", "store"), graph_param=options.get("graph-param", "graph"))


class RemoteStore:
    """A SPARQL 1.1 store over HTTP (Graph Store Protocol + Update + Query)."""

    def __init__(self, spec: str, base: str, client: HttpClient | None = None):
        self.spec = spec
        self.endpoints = RemoteEndpoints.parse(spec)
        self.client = client or HttpClient()
        self.base = base
        self.manifest_graph = manifest_graph_iri(base)
        self.transactions = 0

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoints.gsp!r})"

    def _graph_url(self, graph: str) -> str:
        separator = "&" if "?" in self.endpoints.gsp else "?"
        return f"{self.endpoints.gsp}{separator}{urllib.parse.urlencode({self.endpoints.graph_param: graph})}"

    # -- reads ---------------------------------------------------------------
    def _select(self, sparql: str) -> list[dict[str, dict[str, str]]]:
        reply = self.client.request("POST", self.endpoints.query, urllib.parse.urlencode({"query": sparql}).encode(),
                                    {"Content-Type": "application/x-www-form-urlencoded",
                                     "Accept": "application/sparql-results+json"})
        return json.loads(reply.body)["results"]["bindings"]

    def manifest(self) -> dict[str, ManifestEntry]:
        rows = self._select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{self.manifest_graph}> {{ ?s ?p ?o }} }}")
        return entries_from_rows(((r["s"]["value"], r["p"]["value"], r["o"]["value"]) for r in rows), self.base)

    def named_graphs(self) -> set[str]:
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return {r["g"]["value"] for r in rows if r["g"]["type"] == "uri"}

    def query(self, sparql: str, union: bool = True) -> Any:
        """A SPARQL query, answered as pyoxigraph result objects (like ``EmbeddedStore.query``).

        The remote store decides what its default graph is (``union`` cannot be
        forced over the protocol): start Oxigraph with ``--union-default-graph``,
        set ``tdb2:unionDefaultGraph true`` in Fuseki; Virtuoso unions by default.
        """
        reply = self.client.request(
            "POST", self.endpoints.query, urllib.parse.urlencode({"query": sparql}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded",
             "Accept": "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"})
        kind = reply.content_type.split(";")[0].strip()
        if kind in ("application/sparql-results+json", "application/json"):
            return ox.parse_query_results(reply.body, ox.QueryResultsFormat.JSON)
        return [quad.triple for quad in ox.parse(reply.body, ox.RdfFormat.from_media_type(kind) or ox.RdfFormat.TURTLE)]

    # -- writes --------------------------------------------------------------
    def replace_graph(self, graph: str, ntriples: str) -> None:
        """HTTP PUT: the server replaces the named graph whole (N-Triples sent as Turtle, its superset)."""
        self.client.request("PUT", self._graph_url(graph), ntriples.encode("utf-8"),
                            {"Content-Type": "text/turtle; charset=utf-8"})

    def drop_graph(self, graph: str) -> None:
        self.client.request("DELETE", self._graph_url(graph), ok_statuses=(404,))

    def update(self, sparql: str) -> None:
        self.client.request("POST", self.endpoints.update, urllib.parse.urlencode({"update": sparql}).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def apply(self, change: Changeset) -> None:
        """Graphs first (PUT/DELETE), the manifest last: an interrupted batch is redone next build."""
        if not change:
            return
        for graph, ntriples in change.graphs.items():
            self.replace_graph(graph, ntriples)
        for graph in sorted(change.drops):
            self.drop_graph(graph)
        manifest_only = Changeset(entries=change.entries, removed_entries=change.removed_entries)
        if manifest_only:
            self.update(sparql_update(manifest_only, self.base))
        self.transactions += 1

    def only_adds(self, change: Changeset) -> bool:
        return True      # every graph is a PUT anyway

    def drop_unpublished(self, published: set[str]) -> list[str]:
        """Nothing: a remote store may hold graphs others put there (a killed build's graphs are
        replaced when their sources are rebuilt)."""
        return []

    def flush(self) -> None:
        pass

    def compact(self) -> None:
        pass

    def close(self) -> None:
        pass


def canonical_quads(store: GraphStore, include_manifest: bool = True) -> list[str]:
    """Every quad of every named graph, blank nodes canonicalised, as sorted N-Quads lines.

    Two stores holding the same triples in every named graph give the same list.
    """
    dataset = ox.Dataset()
    rows = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)
    for row in rows:
        if not include_manifest and row["g"].value == manifest_graph_iri(store.base):
            continue
        dataset.add(ox.Quad(row["s"], row["p"], row["o"], row["g"]))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(str(quad) for quad in dataset)
