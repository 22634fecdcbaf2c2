"""Shared state of one mapping run: the graph being built, the namespaces, line numbers."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg.map import uris
from kg.model import Resolution, Span

ELI = Namespace("http://data.europa.eu/eli/ontology#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
CITO = Namespace("http://purl.org/spar/cito/")
OA = Namespace("http://www.w3.org/ns/oa#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
WD = Namespace(uris.WIKIDATA)
LANG = Namespace(uris.EU_LANGUAGE)

PREFIXES = {
    "eli": ELI, "schema": SCHEMA, "org": ORG, "cito": CITO, "oa": OA, "prov": PROV, "skos": SKOS,
    "dcterms": DCTERMS, "owl": OWL, "rdfs": RDFS, "xsd": XSD, "foaf": FOAF, "wd": WD, "lang": LANG,
}

__all__ = ["Context", "ELI", "SCHEMA", "ORG", "CITO", "OA", "FOAF", "WD", "LANG", "PREFIXES",
           "RDF", "RDFS", "XSD", "OWL", "PROV", "SKOS", "DCTERMS", "URIRef", "Literal"]


@dataclass
class Context:
    """What every mapping function needs: the resolution, the graph, the base and IRIs."""

    resolution: Resolution
    base: str
    graph: Graph
    work: str
    language: str
    line_starts: list[int] = field(default_factory=list)
    node_lines: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ns = Namespace(uris.vocab(self.base))
        self.graph.bind("unres", self.ns)
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace)
        text = self.resolution.text or ""
        self.line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    # -- terms -------------------------------------------------------------
    def u(self, name: str) -> URIRef:
        """A term of our vocabulary."""
        return self.ns[name]

    def add(self, s: str | URIRef, p: URIRef, o: URIRef | Literal | str | None) -> None:
        """Add a triple; ``None`` objects are skipped, plain ``str`` objects are IRIs."""
        if o is None:
            return
        if not isinstance(o, (URIRef, Literal)):
            o = URIRef(o)
        self.graph.add((URIRef(s), p, o))

    def text(self, value: str | None) -> Literal | None:
        """A text literal tagged with the resolution's language (None for empty text)."""
        if value is None or not value.strip():
            return None
        return Literal(value.strip(), lang=self.resolution.language or "en")

    @staticmethod
    def date(value: str | None) -> Literal | None:
        """An ``xsd:date`` literal, or None when the value is not a full ISO date."""
        if not value or len(value) != 10 or value[4] != "-" or value[7] != "-":
            return None
        return Literal(value, datatype=XSD.date)

    @staticmethod
    def integer(value: int | None, datatype: URIRef = XSD.integer) -> Literal | None:
        return None if value is None else Literal(int(value), datatype=datatype)

    # -- lines -------------------------------------------------------------
    def line_of(self, span: Span | int | None) -> int | None:
        """The 1-based line of the source text where ``span`` starts."""
        if span is None:
            return None
        offset = span if isinstance(span, int) else span.start
        return bisect.bisect_right(self.line_starts, max(offset, 0))

    def remember_line(self, node: str, span: Span | None) -> None:
        line = self.line_of(span)
        if line is not None:
            self.node_lines.setdefault(str(node), line)
