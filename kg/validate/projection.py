"""Which triples of a data graph the shapes can see: the engine is handed only those.

A SHACL engine reads the data graph only through the predicates the shapes name: the
paths and targets of the shapes (``sh:path``, ``sh:targetSubjectsOf``, ``sh:lessThan`` ...),
``rdf:type`` and ``rdfs:subClassOf`` for ``sh:targetClass`` and ``sh:class``, and the
predicates of the triple patterns of SPARQL constraints.  A triple whose predicate is
none of these cannot change any result, so leaving it out gives the same report for
less parsing and indexing (a third of a resolution's triples are mention annotations
and other data no shape looks at).

To stay sound without reasoning about each constraint component, the kept set is a
superset: *every* IRI of the shapes graph, and every predicate of every SPARQL query in
it.  When the shapes use something that can read any predicate (``sh:closed``, a SPARQL
pattern with a variable or negated predicate, a query that does not parse, SHACL-JS),
there is no projection: :func:`data_predicates` returns ``None`` and the whole graph is
validated.  ``tests/test_validate_projection.py`` checks both reports are the same.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain, count, repeat
from operator import itemgetter
from typing import Any, Sequence

from rdflib import RDF, RDFS, Graph, Literal, URIRef, Variable
from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.validate.shapes import SH, shapes_graph

_QUERY_KEYS = (SH.select, SH.ask, SH.construct, SH.update)
# Constructs whose evaluation may read predicates the shapes graph does not name.
_OPEN_WORLD = (SH.closed, SH.js, SH.jsFunctionName, SH.jsLibrary)


class _Unsafe(Exception):
    """The shapes may read triples of any predicate: validate the whole graph."""


@lru_cache(maxsize=8)
def data_predicates(base: str) -> frozenset[str] | None:
    """The predicates (as ``<iri>`` N-Triples terms) the shapes of ``base`` can read, or None for all."""
    return predicates_read_by(shapes_graph(base))


def predicates_read_by(shapes: Graph) -> frozenset[str] | None:
    """A superset of the predicates SHACL validation against ``shapes`` reads, or None if unbounded."""
    if any(True for key in _OPEN_WORLD for _ in shapes.subject_objects(key)):
        return None
    iris = {str(term) for triple in shapes for term in triple if isinstance(term, URIRef)}
    iris |= {str(RDF.type), str(RDFS.subClassOf)}
    prefixes = _declared_prefixes(shapes)
    try:
        for key in _QUERY_KEYS:
            for text in shapes.objects(None, key):
                iris |= _query_predicates(str(text), prefixes)
    except _Unsafe:
        return None
    return frozenset(f"<{iri}>" for iri in iris)


Records = tuple[list[tuple[int, str, str | None, str | None]], list[tuple[int, int, int, None]]]


def project(triples: Sequence[tuple[str, str, str]], predicates: frozenset[str] | None) -> Records:
    """The triples whose predicate is in ``predicates`` (all if None), as pyshacl-turbo term records.

    The ``"terms"`` input of pyshacl-turbo (what it makes of an rdflib Graph): a list of
    distinct terms ``(kind, text, datatype, language)``, kind 0 IRI, 1 blank node,
    2 literal, and one ``(s, p, o, None)`` tuple of term indexes per triple.  The engine
    reads these without lexing N-Triples again.
    """
    # a predicate written with escapes (\u0065) may be one of them: kept, to be safe
    kept = triples if predicates is None else [t for t in triples if t[1] in predicates or "\\" in t[1]]
    return term_records(kept)


def term_records(triples: Sequence[tuple[str, str, str]]) -> Records:
    """``triples`` as pyshacl-turbo term records (:func:`project`), the triples' terms indexed at C speed."""
    terms = dict.fromkeys(chain.from_iterable(triples))  # distinct, in order of first use
    index = dict(zip(terms, count()))
    records = [(0, term[1:-1], None, None) if term[0] == "<" and "\\" not in term else term_record(term)
               for term in terms]
    position = index.__getitem__
    return records, list(zip(map(position, map(_SUBJECT, triples)), map(position, map(_PREDICATE, triples)),
                             map(position, map(_OBJECT, triples)), repeat(None)))


_SUBJECT, _PREDICATE, _OBJECT = itemgetter(0), itemgetter(1), itemgetter(2)
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    """N-Triples string and IRI escapes (ECHAR, UCHAR) resolved."""
    if "\\" not in text:
        return text

    def one(match: re.Match) -> str:
        code = match.group(1) or match.group(2)
        if code:
            return chr(int(code, 16))
        if match.group(3) not in _ECHAR:
            raise ValueError(f"bad N-Triples escape \\{match.group(3)}")
        return _ECHAR[match.group(3)]
    return _ESCAPE.sub(one, text)


def term_record(term: str) -> tuple[int, str, str | None, str | None]:
    """One N-Triples term (``<iri>``, ``_:b``, ``"text"@en``, ``"1"^^<dt>``) as a term record."""
    if term[0] == "<":
        return 0, _unescape(term[1:-1]), None, None
    if term[0] == "_":
        return 1, term[2:], None, None
    end = term.rindex('"')
    lexical, rest = _unescape(term[1:end]), term[end + 1:]
    if rest.startswith("@"):
        return 2, lexical, None, rest[1:]
    if rest.startswith("^^<"):
        return 2, lexical, _unescape(rest[3:-1]), None
    if rest:
        raise ValueError(f"not an N-Triples term: {term!r}")
    return 2, lexical, None, None


def _declared_prefixes(shapes: Graph) -> dict[str, str]:
    """Every prefix the shapes graph binds or declares with ``sh:declare``."""
    prefixes = {prefix: str(ns) for prefix, ns in shapes.namespaces()}
    for declaration in shapes.objects(None, SH.declare):
        prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
        if isinstance(prefix, Literal) and namespace is not None:
            prefixes[str(prefix)] = str(namespace)
    return prefixes


def _query_predicates(text: str, prefixes: dict[str, str]) -> frozenset[str]:
    """The predicate IRIs of every triple pattern of a SPARQL query; _Unsafe if one is not an IRI."""
    return _parsed_query_predicates(text, tuple(sorted(prefixes.items())))


@lru_cache(maxsize=64)
def _parsed_query_predicates(text: str, prefix_items: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """:func:`_query_predicates`, remembered (the screen asks again for the shapes it leaves)."""
    prefixes = dict(prefix_items)
    try:
        algebra = translateQuery(parseQuery(text), None, prefixes).algebra
    except Exception as error:  # a query rdflib cannot read: do not guess what it reads
        raise _Unsafe(str(error)) from error
    found: set[str] = set()
    _walk(algebra, found, set())
    return frozenset(found)


def _walk(node: Any, found: set[str], seen: set[int]) -> None:
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, CompValue):
        if node.name in ("BGP", "TriplesBlock") or "triples" in node:
            for triple in node.get("triples") or ():
                _predicate(triple[1], found)
        for value in node.values():
            _walk(value, found, seen)
    elif isinstance(node, (list, tuple, set)):
        for value in node:
            _walk(value, found, seen)


def _predicate(term: Any, found: set[str]) -> None:
    if isinstance(term, URIRef):
        found.add(str(term))
    elif isinstance(term, InvPath):
        _predicate(term.arg, found)
    elif isinstance(term, MulPath):
        _predicate(term.path, found)
    elif isinstance(term, (SequencePath, AlternativePath)):
        for arg in term.args:
            _predicate(arg, found)
    elif isinstance(term, (Variable, NegatedPath)) or term is not None:
        raise _Unsafe(f"a triple pattern reads any predicate: {term!r}")
