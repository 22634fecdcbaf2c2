"""Shared state of one mapping run: the triples being built, the namespaces, line numbers.

Terms are kept as their N-Triples text (``<iri>``, ``"text"@en``,
``"5"^^<…#integer>``) and triples as tuples of those strings.  A resolution makes
about 1,700 triples; rdflib's ``Graph.add`` costs ~25 µs a triple, a tuple of
strings almost nothing.  The strings give the N-Triples the store loads in bulk
and the SHACL engine reads; the rdflib ``Graph`` is built from them only when
someone asks for it (:class:`kg.map.MappedResolution`).  The text of every term is
exactly what rdflib's N-Triples serializer writes for the same term.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import pyoxigraph as ox
from rdflib import Literal as RdfLiteral
from rdflib import URIRef

from kg.map import uris
from kg.model import Paragraph, Resolution, Span

XSD_NS = "http://www.w3.org/2001/XMLSchema#"
_INVALID_IRI_CHARACTER = re.compile(r'[<>" {}|\\^`]')

__all__ = ["Context", "Namespace", "ELI", "SCHEMA", "ORG", "CITO", "OA", "FOAF", "WD", "LANG", "PREFIXES",
           "RDF", "RDFS", "XSD", "OWL", "PROV", "SKOS", "DCTERMS", "iri", "quote", "typed_literal"]


def quote(text: str) -> str:
    """A string in N-Triples quotes (the escapes rdflib's N-Triples serializer makes)."""
    return '"' + text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'


@lru_cache(maxsize=65536)
def iri(value: str) -> str:
    """``https://x/y`` -> ``<https://x/y>``; ValueError for an IRI no RDF store would accept.

    Checked by Oxigraph's own IRI parser (RFC 3987: scheme, code points, percent encoding, host),
    once per distinct IRI and process: the store then loads our graphs without checking them again
    (``bulk_load(lenient=True)``, kg/store/backends.py), so nothing the store would refuse gets past here."""
    if not value or _INVALID_IRI_CHARACTER.search(value):
        raise ValueError(f"not a valid IRI: {value!r}")
    try:
        ox.NamedNode(value)
    except ValueError as error:
        raise ValueError(f"not a valid IRI: {value!r} ({error})") from None
    return f"<{value}>"


class Namespace:
    """A vocabulary whose attributes are N-Triples IRIs: ``ELI.has_part`` -> ``<http://…#has_part>``."""

    def __init__(self, base: str):
        self._base = base

    def __str__(self) -> str:
        return self._base

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        term = iri(self._base + name)
        setattr(self, name, term)  # cached: the next access is a plain attribute read
        return term

    def __getitem__(self, name: str) -> str:
        term = self.__dict__.get(name)
        return term if term is not None else self.__getattr__(name)


RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace(XSD_NS)
OWL = Namespace("http://www.w3.org/2002/07/owl#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
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
_INTEGER_TYPES = frozenset(XSD_NS + t for t in ("integer", "nonNegativeInteger", "positiveInteger"))


class _Terms(dict):
    """Terms of a namespace by local name, each made once (a plain dict lookup after that)."""

    def __init__(self, namespace: Namespace):
        super().__init__()
        self.namespace = namespace

    def __missing__(self, name: str) -> str:
        term = self[name] = self.namespace[name]
        return term


@lru_cache(maxsize=16)
def _vocabulary(base: str) -> _Terms:
    """Our vocabulary's terms under ``base``, shared by every mapping run in the process."""
    return _Terms(Namespace(uris.vocab(base)))


# Literal N-Triples text -> the arguments that make the same rdflib Literal (for the lazy Graph).
LiteralSpec = tuple  # (value, lang, datatype IRI or None)


@lru_cache(maxsize=65536)
def typed_literal(lexical: str, datatype: str) -> str:
    """A typed literal as rdflib writes it (rdflib normalises some lexical forms: dateTime ``Z``)."""
    return f'{quote(str(RdfLiteral(lexical, datatype=URIRef(datatype))))}^^<{datatype}>'


@dataclass
class Context:
    """What every mapping function needs: the resolution, the triples, the base and IRIs."""

    resolution: Resolution
    base: str
    work: str
    language: str
    rows: dict[tuple[str, str, str], None] = field(default_factory=dict)  # ordered set of triples
    literals: dict[str, LiteralSpec] = field(default_factory=dict)
    typed_nodes: set[str] = field(default_factory=set)  # subjects with an rdf:type (N-Triples IRIs)
    line_starts: list[int] = field(default_factory=list)
    node_lines: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ns = _vocabulary(self.base).namespace
        # ``u(name)``: a term of our vocabulary (``u("Resolution")``); a dict lookup, no Python call
        self.u = _vocabulary(self.base).__getitem__
        self.text_language = self.resolution.language or "en"
        text = self.resolution.text or ""
        starts, position = [0], text.find("\n")
        while position >= 0:
            starts.append(position + 1)
            position = text.find("\n", position + 1)
        self.line_starts = starts

    # -- terms -------------------------------------------------------------
    def add(self, s: str, p: str, o: str | None) -> None:
        """Add a triple; ``None`` objects are skipped.  ``s`` and ``o`` are N-Triples terms or
        plain IRIs (``https://…``); ``p`` is an N-Triples IRI (``ELI.has_part``)."""
        if o is None:
            return
        if s[0] != "<":
            s = iri(s)
        if o[0] != "<" and o[0] != '"':
            o = iri(o)
        if p == _RDF_TYPE:
            self.typed_nodes.add(s)
        self.rows[(s, p, o)] = None

    @cached_property
    def numbered_by_section(self) -> list[Paragraph]:
        """The paragraphs whose numbering restarts in each section (most resolutions: none)."""
        return [p for p in self.resolution.paragraphs if p.section and p.section_numbering]

    def has_type(self, node: str) -> bool:
        """Does ``node`` (plain IRI) already have an rdf:type in this graph?"""
        return iri(node) in self.typed_nodes

    def literal(self, value: str, lang: str | None = None) -> str:
        """A plain (``xsd:string``) or language-tagged literal, taken as is (escaped as :func:`quote`).

        Most values need no escape: four ``in`` tests cost less than four ``replace`` calls."""
        escaped = value
        if '"' in value or "\\" in value or "\n" in value or "\r" in value:
            escaped = value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
        term = f'"{escaped}"@{lang}' if lang else f'"{escaped}"'
        self.literals[term] = (value, lang, None)
        return term

    def text(self, value: str | None) -> str | None:
        """A text literal tagged with the resolution's language (None for empty text)."""
        if value is None:
            return None
        value = value.strip()
        return self.literal(value, self.text_language) if value else None

    def typed(self, value: str | int, datatype: str) -> str:
        """A literal of an XSD datatype (``datatype`` a full IRI, not in angle brackets)."""
        if isinstance(value, int) and datatype in _INTEGER_TYPES:
            term = f'"{value}"^^<{datatype}>'
        else:
            term = typed_literal(str(value), datatype)
        self.literals[term] = (value, None, datatype)
        return term

    def date(self, value: str | None) -> str | None:
        """An ``xsd:date`` literal, or None when the value is not a full ISO date."""
        if not value or len(value) != 10 or value[4] != "-" or value[7] != "-":
            return None
        return self.typed(value, XSD_NS + "date")

    def integer(self, value: int | None, datatype: str = XSD_NS + "integer") -> str | None:
        return None if value is None else self.typed(int(value), datatype)

    # -- lines -------------------------------------------------------------
    def line_of(self, span: Span | int | None) -> int | None:
        """The 1-based line of the source text where ``span`` starts."""
        if span is None:
            return None
        offset = span if isinstance(span, int) else span.start
        return bisect.bisect_right(self.line_starts, max(offset, 0))

    def remember_line(self, node: str, span: Span | None) -> None:
        if span is not None:
            offset = span if isinstance(span, int) else span.start
            self.node_lines.setdefault(node, bisect.bisect_right(self.line_starts, max(offset, 0)))


_RDF_TYPE = RDF.type
