"""Media types the server speaks, and content negotiation over them.

Two families: SPARQL results (SELECT, ASK) and RDF graphs (CONSTRUCT,
DESCRIBE, linked-data descriptions).  Each format has a short name (used by
the ``format=``/``output=`` parameters, file suffixes and the worker
processes), its canonical media type and the aliases clients send.
Negotiation uses Werkzeug's q-value parser; ``None`` means 406.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header


@dataclass(frozen=True)
class Format:
    name: str                 # json | xml | csv | tsv | ttl | nt | jsonld | rdfxml | html
    media_type: str           # what the response says
    aliases: tuple[str, ...]  # what clients may ask for
    suffix: str               # file suffix for linked-data URLs

    @property
    def content_type(self) -> str:
        if self.media_type.startswith("text/") or self.media_type.endswith(("+json", "+xml", "/json", "/xml")) \
                or self.media_type == "application/n-triples":
            return f"{self.media_type}; charset=utf-8"
        return self.media_type


HTML = Format("html", "text/html", ("application/xhtml+xml",), "html")

RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", ("application/json", "text/javascript", "application/javascript"), "srj"),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), "srx"),
    Format("csv", "text/csv", (), "csv"),
    Format("tsv", "text/tab-separated-values", (), "tsv"),
)

GRAPH_FORMATS = (
    Format("ttl", "text/turtle", ("application/turtle", "application/x-turtle", "text/n3", "text/rdf+n3"), "ttl"),
    Format("nt", "application/n-triples", ("text/plain",), "nt"),
    Format("jsonld", "application/ld+json", ("application/json", "application/x-json+ld"), "jsonld"),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), "rdf"),
)

# ``format=`` / ``output=`` values accepted as an override of Accept (Fuseki, Virtuoso, SPARQLWrapper).
_RESULT_PARAM = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv"}
_GRAPH_PARAM = {"ttl": "ttl", "turtle": "ttl", "n3": "ttl", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
                "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld", "rdfxml": "rdfxml", "rdf": "rdfxml",
                "xml": "rdfxml", "rdf+xml": "rdfxml"}

BY_NAME = {f.name: f for f in (*RESULT_FORMATS, *GRAPH_FORMATS, HTML)}
GRAPH_BY_SUFFIX = {f.suffix: f for f in (*GRAPH_FORMATS, HTML)}


def negotiate(accept: MIMEAccept, formats: tuple[Format, ...]) -> Format | None:
    """The best of ``formats`` for an Accept header; ``None`` when nothing fits (406)."""
    offers: list[str] = []
    owner: dict[str, Format] = {}
    for fmt in formats:
        for media in (fmt.media_type, *fmt.aliases):
            if media not in owner:
                offers.append(media)
                owner[media] = fmt
    if not accept:
        return formats[0]
    best = accept.best_match(offers)
    return owner.get(best) if best else None


@lru_cache(maxsize=512)
def negotiate_header(header: str | None, formats: tuple[Format, ...]) -> Format | None:
    """``negotiate`` for a raw Accept header, remembered: clients send the same few headers over and over."""
    return negotiate(parse_accept_header(header, MIMEAccept), formats)


def from_param(value: str | None, graph: bool) -> Format | None:
    """The format a ``format=``/``output=`` parameter names, or ``None`` if it names none we know.

    A full media type is accepted as well as a short name.
    """
    if not value:
        return None
    if "," in value:        # a list of media types (SPARQLWrapper sends these): the first one known
        return next(filter(None, (from_param(part, graph) for part in value.split(","))), None)
    value = value.split(";")[0].strip().lower()
    names = _GRAPH_PARAM if graph else _RESULT_PARAM
    if value in names:
        return BY_NAME[names[value]]
    for fmt in (GRAPH_FORMATS if graph else RESULT_FORMATS):
        if value == fmt.media_type or value in fmt.aliases:
            return fmt
    return None


def media_types(formats: tuple[Format, ...]) -> list[str]:
    return [f.media_type for f in formats]
