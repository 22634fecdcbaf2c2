"""A cheap, conservative pre-check of the simplest shapes, so the engine can skip them.

Most of a resolution graph is mention annotations (a ``unres:Mention``, its
``oa:SpecificResource`` target and ``oa:TextPositionSelector``: ~60 of each), and the
SHACL engine spends two thirds of its time on the three shapes that check them, although
they only count values, compare numbers and look values up in a list.  This module
compiles, from the shapes graph, a plain-Python check of every property shape built only of
such constraints (:data:`_COMPONENTS`) in a node shape with class or subjects-of targets,
and the shapes graph *without* them (a node shape with a SPARQL constraint keeps it).

:func:`passes` says True only when it is certain that the screened shapes report
nothing at all (no violation, warning or info); whenever a value is not in the plain form
it knows (an escape, a numeral it does not parse, a subclass triple in the data ...), it
says False and the whole graph goes to the engine with every shape, as before.  When it
says True, the engine validates the other shapes only, fed only the predicates *they*
read: their report is the whole report, since the screened shapes add nothing.  A check
is therefore never trusted to find a fault, only to vouch for its absence, and each one
accepts a subset of what the SHACL component accepts (``tests/test_validate_screen.py``).
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from collections import defaultdict
from decimal import Decimal
from itertools import chain
from typing import Callable, Iterable

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from kg.validate.projection import predicates_read_by
from kg.validate.shapes import SH

_TYPE, _SUBCLASS = f"<{RDF.type}>", f"<{RDFS.subClassOf}>"
# Predicates that change no result when nothing is found (names, messages, severities).
_ANNOTATIONS = {RDFS.label, RDFS.comment, SH.name, SH.description, SH.message, SH.severity, SH.order, SH.group}
_COMPONENTS = {SH.minCount, SH.maxCount, SH["in"], SH.datatype, SH.minInclusive, SH.maxInclusive,
               SH.minExclusive, SH.maxExclusive, SH.lessThan, SH.lessThanOrEquals, SH.uniqueLang, SH.nodeKind,
               SH["class"], SH.pattern, SH["or"], SH.node}

# Lexical forms accepted as well-formed, per datatype: a subset of each XSD lexical space.
_NUMERALS = {str(XSD.integer): r"-?[0-9]+", str(XSD.nonNegativeInteger): r"[0-9]+",
             str(XSD.decimal): r"-?[0-9]+(\.[0-9]+)?"}
_LEXICAL = {**{dt: re.compile(rx) for dt, rx in _NUMERALS.items()},
            str(XSD.date): re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
            str(XSD.dateTime): re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
                                          r"(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)?"),
            str(XSD.boolean): re.compile(r"true|false")}
_STRING, _LANG_STRING = str(XSD.string), str(RDF.langString)
_DATES = (str(XSD.date), str(XSD.dateTime))
_LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")
# Regular expressions read the same by Python and by SHACL engines (no flags, classes, escapes of letters).
_SIMPLE_PATTERN = re.compile(r"[\^$A-Za-z0-9 ()\[\]{}|?+*.,/:_-]*|([\^$A-Za-z0-9 ()\[\]{}|?+*.,/:_-]|\\[.()\[\]/ -])*")
_KINDS = {SH.IRI: "<", SH.BlankNode: "_", SH.Literal: '"', SH.BlankNodeOrIRI: "<_", SH.BlankNodeOrLiteral: '_"',
          SH.IRIOrLiteral: '<"'}

Index = dict[str, dict[str, list[str]]]                            # predicate -> subject -> objects
ValueCheck = Callable[[str, dict[str, set[str]], Index], bool]      # (value, class -> instances, index)
NodeCheck = Callable[[list[str], str, Index], bool]                  # (values, focus node, index)


class _Unsupported(Exception):
    """A shape uses something the screen does not vouch for: the engine checks it."""


@dataclass(frozen=True)
class _Property:
    """The screened constraints of one property shape (one IRI path)."""
    path: str                                   # N-Triples term of the predicate
    least: int = 0                              # sh:minCount: 0 or 1
    most: int | None = None                     # sh:maxCount (the smallest)
    allowed: frozenset[str] | None = None       # sh:in (the intersection), as N-Triples terms
    value_checks: tuple[ValueCheck, ...] = ()   # each value on its own (datatype, ranges, kind, class, pattern)
    node_checks: tuple[NodeCheck, ...] = ()     # the values of a focus node together (lessThan, uniqueLang)


@dataclass(frozen=True)
class _Shape:
    name: str
    classes: tuple[str, ...]                    # sh:targetClass
    subjects_of: tuple[str, ...]                # sh:targetSubjectsOf
    properties: tuple[_Property, ...]
    partial: bool = False                       # the engine still checks the rest of this shape


@dataclass(frozen=True)
class Screen:
    """The screened shapes as checks, what they read, and the shapes left to the engine."""
    shapes: tuple[_Shape, ...]
    predicates: frozenset[str]                  # the predicates the checks read, besides rdf:type
    rest: Graph                                 # the shapes graph without the screened shapes
    rest_predicates: frozenset[str] | None      # what the other shapes read (None: every predicate)

    @property
    def names(self) -> tuple[str, ...]:
        """The node shapes screened whole (the engine no longer sees them)."""
        return tuple(shape.name for shape in self.shapes if not shape.partial)

    @property
    def partly(self) -> tuple[str, ...]:
        """The node shapes of which only some property shapes are screened."""
        return tuple(shape.name for shape in self.shapes if shape.partial)


# -- reading the data --------------------------------------------------------------------
def _literal(term: str) -> tuple[str, str | None, str | None] | None:
    """(lexical form as written, escapes and all; datatype; language) of a literal term, else None.

    Only what no escape can change is read from it unescaped: the datatype and language
    after the closing quote, and lexical forms that must match an escape-free pattern."""
    if term[0] != '"':
        return None
    end = term.rindex('"')
    rest = term[end + 1:]
    if not rest:
        return term[1:end], _STRING, None
    if rest[0] == "@":
        return term[1:end], _LANG_STRING, rest[1:]
    return term[1:end], rest[3:-1], None


def _number(term: str) -> Decimal | None:
    literal = _literal(term)
    if literal is None or literal[1] not in _NUMERALS or not _LEXICAL[literal[1]].fullmatch(literal[0]):
        return None
    return Decimal(literal[0])


def _well_formed(term: str, datatype: str) -> bool:
    literal = _literal(term)
    if literal is None or literal[1] != datatype:
        return False
    lexical, _, language = literal
    if datatype == _LANG_STRING:
        return bool(_LANGUAGE.fullmatch(language or ""))
    if datatype == _STRING:
        return True
    if not _LEXICAL[datatype].fullmatch(lexical):
        return False
    if datatype in _DATES:
        try:
            datetime.datetime.fromisoformat(lexical.rstrip("Z"))
        except ValueError:
            return False
    return True


# -- compiling the shapes -----------------------------------------------------------------
def _term(node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise _Unsupported(f"not an IRI or literal: {node!r}")


def _integer(node) -> int:
    if not isinstance(node, Literal) or node.datatype != XSD.integer or not isinstance(node.value, int):
        raise _Unsupported(f"not an integer: {node!r}")
    return node.value


def _bound(node) -> Decimal:
    value = _number(_term(node))
    if value is None:
        raise _Unsupported(f"not a numeral: {node!r}")
    return value


def _value_check(shapes: Graph, key, node) -> ValueCheck:
    """A constraint that each value meets or fails on its own, as a test of one value."""
    if key == SH.datatype:
        datatype = str(node)
        if datatype not in _LEXICAL and datatype not in (_STRING, _LANG_STRING):
            raise _Unsupported(f"datatype {datatype}")
        if datatype in (_STRING, _LANG_STRING):  # texts: seldom repeated, cheap to check
            return lambda value, _types, _index: _well_formed(value, datatype)
        return _memo(lambda value: _well_formed(value, datatype))
    if key in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
        bound = _bound(node)
        test = {SH.minInclusive: bound.__le__, SH.maxInclusive: bound.__ge__,
                SH.minExclusive: bound.__lt__, SH.maxExclusive: bound.__gt__}[key]
        return _memo(lambda value: (number := _number(value)) is not None and test(number))
    if key == SH.nodeKind:
        if node not in _KINDS:
            raise _Unsupported(f"nodeKind {node!r}")
        starts = _KINDS[node]
        return lambda value, _types, _index: value[0] in starts
    if key == SH["class"]:
        cls = _term(node)
        return lambda value, members, _index: value in members.get(cls, ())
    if key == SH.pattern:
        if not isinstance(node, Literal) or not _SIMPLE_PATTERN.fullmatch(str(node)):
            raise _Unsupported(f"pattern {node!r}")
        regex = re.compile(str(node))
        return _memo(lambda value: _matches(regex, value))
    raise _Unsupported(f"component {key}")


def _either(shapes: Graph, head, referrer) -> tuple[ValueCheck, set]:
    """sh:or of anonymous member shapes made only of value constraints (``[ sh:class unres:Place ]``);
    the check, and the list cells and member shapes that make it up."""
    alternatives, nodes = [], _list_nodes(shapes, head, referrer)
    for cell in nodes:
        member = shapes.value(cell, RDF.first)
        if not isinstance(member, BNode) or not _only_referenced_by(shapes, member, (cell, RDF.first)):
            raise _Unsupported("a named or shared member shape")
        nodes = nodes | {member}
        checks = []
        for key, value in shapes.predicate_objects(member):
            if key in _ANNOTATIONS:
                continue
            if key not in (SH.datatype, SH.nodeKind, SH["class"], SH.pattern, SH.minInclusive, SH.maxInclusive,
                           SH.minExclusive, SH.maxExclusive):
                raise _Unsupported(f"{key} in a member shape")
            checks.append(_value_check(shapes, key, value))
        alternatives.append(tuple(checks))
    return (lambda value, members, index: any(all(check(value, members, index) for check in checks)
                                            for checks in alternatives)), nodes


def _conforms_to(shapes: Graph, shape, depth: int) -> tuple[ValueCheck, set[str]]:
    """sh:node: the value passes every property shape of a target-less node shape."""
    if depth > 3 or not isinstance(shape, URIRef):
        raise _Unsupported("sh:node too deep or anonymous")
    properties, reads = [], set()
    for key, value in shapes.predicate_objects(shape):
        if key in _ANNOTATIONS or (key == RDF.type and value == SH.NodeShape):
            continue
        if key != SH.property:
            raise _Unsupported(f"{key} in a nested shape")
        prop, _nodes, more = _property(shapes, shape, value, depth + 1)
        properties.append(prop)
        reads |= more
    return (lambda value, members, index: all(_property_passes(prop, {value}, index, members)
                                            for prop in properties)), reads


def _memo(test: Callable[[str], bool]) -> ValueCheck:
    """``test`` remembered per value (literals such as confidences and labels recur in every graph)."""
    seen: dict[str, bool] = {}

    def check(value: str, _types: dict, _index: Index) -> bool:
        known = seen.get(value)
        if known is None:
            if len(seen) > 10_000:
                seen.clear()
            known = seen[value] = test(value)
        return known
    return check


def _ordered(other: str, strict: bool) -> NodeCheck:
    """sh:lessThan / sh:lessThanOrEquals: each value before each value of ``other`` (numbers, or dates)."""
    def check(values: list[str], node: str, index: Index) -> bool:
        others = index[other].get(node, ())
        for value in values:
            mine = _comparable(value)
            for theirs in others:
                key = _comparable(theirs)
                if mine is None or key is None or mine[0] != key[0]:
                    return False
                if not (mine[1] < key[1] if strict else mine[1] <= key[1]):
                    return False
        return True
    return check


def _comparable(term: str) -> tuple[str, Decimal | str] | None:
    """("n", number) or ("d", date without time zone, ordered as text), else None; remembered."""
    try:
        return _COMPARABLE[term]
    except KeyError:
        if len(_COMPARABLE) > 10_000:
            _COMPARABLE.clear()
        found = _COMPARABLE[term] = _read_comparable(term)
        return found


_COMPARABLE: dict[str, tuple[str, Decimal | str] | None] = {}


def _read_comparable(term: str) -> tuple[str, Decimal | str] | None:
    number = _number(term)
    if number is not None:
        return "n", number
    if _well_formed(term, _DATES[0]):
        return "d", term[1:11]
    return None


def _unique_languages(values: list[str], _node: str, _index: dict) -> bool:
    """No two values share a language tag (compared ignoring case: stricter than needed)."""
    seen: set[str] = set()
    for value in set(values):
        literal = _literal(value)
        if literal and literal[2]:
            tag = literal[2].lower()
            if tag in seen:
                return False
            seen.add(tag)
    return True


def _matches(regex: re.Pattern, term: str) -> bool:
    if term[0] == "<":
        text = term[1:-1]
    else:
        literal = _literal(term)
        if literal is None:
            return False
        text = literal[0]
    if "\\" in text or "\n" in text or "\r" in text:
        return False
    return regex.search(text) is not None


def _only_referenced_by(shapes: Graph, node, referrer) -> bool:
    """Whether ``node`` is the object of exactly the triple ``referrer`` (subject, predicate), or of none."""
    found = set(shapes.subject_predicates(node))
    return found == ({referrer} if referrer else set())


def _property(shapes: Graph, node_shape, prop, depth: int = 0) -> tuple[_Property, set, set[str]]:
    """One property shape as checks, the nodes that make it up, the predicates it reads."""
    if not _only_referenced_by(shapes, prop, (node_shape, SH.property)):
        raise _Unsupported(f"property shape {prop} is shared")
    paths = list(shapes.objects(prop, SH.path))
    if len(paths) != 1 or not isinstance(paths[0], URIRef):
        raise _Unsupported("a path that is not one IRI")
    path = _term(paths[0])
    least, most, allowed = 0, None, None
    value_checks, node_checks, nodes, reads = [], [], {prop}, {path}
    for key, value in shapes.predicate_objects(prop):
        if key == SH.path or key in _ANNOTATIONS or (key == RDF.type and value == SH.PropertyShape):
            continue
        if key == SH.minCount:
            if _integer(value) > 1:  # one literal may be spelt two ways ("a", "\u0061"): counted twice
                raise _Unsupported("sh:minCount above 1")
            least = max(least, _integer(value))
        elif key == SH.maxCount:
            most = _integer(value) if most is None else min(most, _integer(value))
        elif key == SH["in"]:
            nodes |= _list_nodes(shapes, value, (prop, SH["in"]))
            members = frozenset(_term(item) for item in Collection(shapes, value))
            allowed = members if allowed is None else allowed & members
        elif key in (SH.lessThan, SH.lessThanOrEquals):
            other = _term(value)
            node_checks.append(_ordered(other, strict=key == SH.lessThan))
            reads.add(other)
        elif key == SH["or"]:
            check, more_nodes = _either(shapes, value, (prop, SH["or"]))
            value_checks.append(check)
            nodes |= more_nodes
        elif key == SH.node:
            check, more = _conforms_to(shapes, value, depth)
            value_checks.append(check)
            reads |= more
        elif key == SH.uniqueLang:
            if value not in (Literal(True), Literal(False)):
                raise _Unsupported(f"uniqueLang {value!r}")
            if value == Literal(True):
                node_checks.append(_unique_languages)
        else:
            value_checks.append(_value_check(shapes, key, value))
    return _Property(path, least, most, allowed, tuple(value_checks), tuple(node_checks)), nodes, reads


def _list_nodes(shapes: Graph, head, referrer) -> set:
    """The cells of an RDF list used only by ``referrer`` (else _Unsupported)."""
    nodes, node = set(), head
    while node != RDF.nil:
        if not isinstance(node, BNode) or not _only_referenced_by(shapes, node, referrer):
            raise _Unsupported("a shared list")
        nodes.add(node)
        rests = list(shapes.objects(node, RDF.rest))
        if len(rests) != 1 or len(list(shapes.objects(node, RDF.first))) != 1:
            raise _Unsupported("a malformed list")
        referrer, node = (node, RDF.rest), rests[0]
    return nodes


# Node-shape keys whose meaning depends on the property shapes, or that the screen cannot target.
_WHOLE_ONLY = {SH.closed, SH.ignoredProperties, SH.deactivated, SH.targetNode, SH.targetObjectsOf, SH.target, RDF.type}


def _node_shape(shapes: Graph, shape) -> tuple[_Shape, set, set, set[str]]:
    """The screenable part of a node shape: its property shapes made of supported constraints.

    Returns the checks, the nodes to take out of the shapes graph (the node shape too when
    all of it is screened), the ``sh:property`` links to take out, and what the checks read.
    Node-level constraints (``sh:sparql`` ...) and other property shapes stay with the engine.
    """
    if not isinstance(shape, URIRef) or not _only_referenced_by(shapes, shape, None):
        raise _Unsupported(f"{shape} is referenced or anonymous")
    classes, subjects_of, properties, nodes, links, reads, partial = [], [], [], set(), set(), set(), False
    for key, value in shapes.predicate_objects(shape):
        if key in _ANNOTATIONS or (key == RDF.type and value == SH.NodeShape):
            continue
        if key == SH.targetClass:
            classes.append(_term(value))
        elif key == SH.targetSubjectsOf:
            subjects_of.append(_term(value))
        elif key in _WHOLE_ONLY:
            raise _Unsupported(f"{key}")
        elif key == SH.property:
            try:
                prop, more_nodes, more_reads = _property(shapes, shape, value)
            except _Unsupported:
                partial = True
                continue
            if more_reads & {_TYPE, _SUBCLASS}:  # rdf:type as a path: left to the engine
                partial = True
                continue
            properties.append(prop)
            nodes |= more_nodes
            reads |= more_reads
            links.add((shape, SH.property, value))
        else:
            partial = True  # a node-level constraint: left to the engine
    if not classes and not subjects_of:
        raise _Unsupported("no target")
    if not properties or {_TYPE, _SUBCLASS} & set(subjects_of):
        raise _Unsupported("nothing to screen")
    if not partial:
        nodes.add(shape)
    reads |= set(subjects_of)
    return _Shape(str(shape), tuple(classes), tuple(subjects_of), tuple(properties), partial), nodes, links, reads


def build_screen(shapes: Graph) -> Screen | None:
    """The screen of ``shapes``: None when no shape can be screened, or when removing shapes
    could change the others (subclass triples, SPARQL that reads the shapes graph)."""
    if any(True for _ in shapes.triples((None, RDFS.subClassOf, None))):
        return None
    if any("shapesGraph" in str(text) for key in (SH.select, SH.ask) for text in shapes.objects(None, key)):
        return None
    screened, reads, removed, unlinked = [], set(), set(), set()
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        try:
            check, nodes, links, more = _node_shape(shapes, shape)
        except _Unsupported:
            continue
        screened.append(check)
        reads |= more
        removed |= nodes
        unlinked |= links
    if not screened:
        return None
    rest = Graph()
    for prefix, namespace in shapes.namespaces():
        rest.bind(prefix, namespace, override=True, replace=True)
    for triple in shapes:
        if triple[0] not in removed and triple not in unlinked:
            rest.add(triple)
    return Screen(tuple(screened), frozenset(reads), rest, predicates_read_by(rest))


# -- screening a graph ----------------------------------------------------------------------
def passes(screen: Screen, triples: Iterable[tuple[str, str, str]]) -> bool:
    """True only if no screened shape can report anything (violation, warning, info) on these triples."""
    index: Index = {p: defaultdict(list) for p in screen.predicates}
    members: dict[str, set[str]] = defaultdict(set)  # class -> its instances
    by_predicate = index.get
    for s, p, o in triples:
        if "\\" in s or "\\" in p or (o[0] == "<" and "\\" in o):
            return False  # an escaped IRI: one node could be spelt two ways
        values = by_predicate(p)
        if values is not None:
            values[s].append(o)
        elif p == _TYPE:
            members[o].add(s)
        elif p == _SUBCLASS:
            return False
    for shape in screen.shapes:
        focus = set().union(*(members.get(cls, ()) for cls in shape.classes),
                            *(index[p].keys() for p in shape.subjects_of))
        if focus and not all(_property_passes(prop, focus, index, members) for prop in shape.properties):
            return False
    return True


def _property_passes(prop: _Property, focus: set[str], index: Index, members: dict[str, set[str]]) -> bool:
    values_of = index[prop.path]
    if prop.least and not values_of.keys() >= focus:  # sh:minCount 1
        return False
    picked = [values_of[node] for node in focus if node in values_of]
    if prop.most is not None and any(len(values) > prop.most for values in picked):
        return False
    if prop.allowed is not None or prop.value_checks:
        distinct = set(chain.from_iterable(picked))
        if prop.allowed is not None and not distinct <= prop.allowed:
            return False
        for check in prop.value_checks:
            if not all(check(value, members, index) for value in distinct):
                return False
    for node_check in prop.node_checks:
        if not all(node_check(values_of.get(node, []), node, index) for node in focus):
            return False
    return True
