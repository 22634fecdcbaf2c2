"""What the map stage hands on: one resolution expression's triples, ready in three forms.

* ``ntriples``: the N-Triples text (what the store's bulk loader and the SHACL engine read);
* ``graph``: an rdflib ``Graph`` named by the graph IRI, built on first access only
  (building it costs more than the whole mapping, and the build does not need it);
* ``triples``: the triples as tuples of N-Triples terms (``len(mapped)`` counts them).

A ``MappedResolution`` can also be made from an rdflib ``Graph`` (tests do), in which
case the other two forms are derived from it.
"""
from __future__ import annotations

import bisect
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.memory import Memory

from kg.model import Span

Triple = tuple[str, str, str]


class MappedResolution:
    """The RDF of one resolution expression and what validation needs to explain faults."""

    def __init__(self, graph_iri: str, graph: Graph | None = None, resolution_iri: str = "", symbol: str = "",
                 source: str = "", line_starts: list[int] | None = None, node_lines: dict[str, int] | None = None,
                 *, triples: list[Triple] | None = None, literals: dict[str, tuple] | None = None,
                 namespaces: dict[str, str] | None = None, blank_node_free: bool = False):
        if graph is None and triples is None:
            raise ValueError("a MappedResolution needs a graph or triples")
        self.graph_iri = graph_iri
        self.resolution_iri = resolution_iri
        self.symbol = symbol
        self.source = source
        self.line_starts = line_starts if line_starts is not None else []
        self.node_lines = node_lines if node_lines is not None else {}
        self.namespaces = namespaces or {}
        self._graph = graph
        self._triples = triples
        self._literals = literals or {}
        self._ntriples: str | None = None
        # the maker's word that no triple holds a blank node (the mapper's never do: context.py)
        self.blank_node_free = blank_node_free and triples is not None

    def __repr__(self) -> str:
        return f"MappedResolution({self.symbol!r}, {self.graph_iri!r}, {len(self)} triples)"

    def __len__(self) -> int:
        return len(self._triples) if self._triples is not None else len(self._graph)

    @property
    def triples(self) -> list[Triple]:
        """The triples, each a tuple of N-Triples terms (``<iri>``, ``"text"@en`` ...)."""
        if self._triples is None:
            self._triples = [tuple(line[:-2].split(" ", 2)) for line in self.ntriples.splitlines() if line]
        return self._triples

    @property
    def ntriples(self) -> str:
        """The graph as N-Triples text, one triple a line (no blank nodes: every node has an IRI)."""
        if self._ntriples is None:
            if self._triples is not None:
                # an empty last line gives the final " .\n" without copying the whole text again
                triples = self._triples
                self._ntriples = " .\n".join([*map(" ".join, triples), ""]) if triples else ""
            else:
                self._ntriples = self._graph.serialize(format="nt")
        return self._ntriples

    @property
    def graph(self) -> Graph:
        """The rdflib Graph (identifier = the graph IRI), built on first access."""
        if self._graph is None:
            self._graph = _rdflib_graph(self.graph_iri, self._triples or [], self._literals, self.namespaces)
        return self._graph

    @graph.setter
    def graph(self, value: Graph) -> None:
        self._graph, self._triples, self._ntriples = value, None, None
        self.blank_node_free = False

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        if state["_triples"] is not None:
            state["_graph"] = None  # rebuilt on demand in the receiving process
        return state

    def line_of(self, span: Span | int | None) -> int | None:
        """The 1-based source line where a span (or character offset) starts."""
        if span is None or not self.line_starts:
            return None
        offset = span if isinstance(span, int) else span.start
        return bisect.bisect_right(self.line_starts, max(offset, 0))

    def line_of_node(self, node: str) -> int | None:
        """The source line of a node, or of its nearest parent in the URI path."""
        node = str(node).split("#", 1)[0]
        while node:
            if node in self.node_lines:
                return self.node_lines[node]
            if "/" not in node or node == self.resolution_iri:
                return None
            node = node.rsplit("/", 1)[0]
        return None


def _rdflib_graph(graph_iri: str, triples: list[Triple], literals: dict[str, tuple],
                  namespaces: dict[str, str]) -> Graph:
    """An rdflib Graph of the triples, in rdflib's default (context-aware) memory store."""
    graph = Graph(store=Memory(), identifier=URIRef(graph_iri))
    for prefix, namespace in namespaces.items():
        graph.bind(prefix, namespace)
    terms: dict[str, Any] = {}

    def term(text: str) -> Any:
        made = terms.get(text)
        if made is None:
            if text[0] == "<":
                made = URIRef(text[1:-1])
            else:
                value, lang, datatype = literals[text]
                made = Literal(value, lang=lang, datatype=URIRef(datatype) if datatype else None)
            terms[text] = made
        return made

    add = graph.store.add
    for s, p, o in triples:
        add((term(s), term(p), term(o)), graph)
    return graph
