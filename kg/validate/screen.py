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
Each check tests the values of all the focus nodes at once, as sets (a value that passed
once is remembered), on the graph grouped by predicate (:mod:`kg.validate.facts`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from typing import Callable, Iterable

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from kg.validate.facts import (LANG_STRING, LEXICAL, STRING, SUBCLASS, TYPE, Facts, comparable, literal,
                               most_values, number, read_facts, well_formed)
from kg.validate.projection import predicates_read_by
from kg.validate.shapes import SH

_TYPE, _SUBCLASS = TYPE, SUBCLASS
# Predicates that change no result when nothing is found (names, messages, severities).
_ANNOTATIONS = {RDFS.label, RDFS.comment, SH.name, SH.description, SH.message, SH.severity, SH.order, SH.group}
_COMPONENTS = {SH.minCount, SH.maxCount, SH["in"], SH.datatype, SH.minInclusive, SH.maxInclusive,
               SH.minExclusive, SH.maxExclusive, SH.lessThan, SH.lessThanOrEquals, SH.uniqueLang, SH.nodeKind,
               SH["class"], SH.pattern, SH["or"], SH.node}
# Regular expressions read the same by Python and by SHACL engines (no flags, classes, escapes of letters).
_SIMPLE_PATTERN = re.compile(r"[\^$A-Za-z0-9 ()\[\]{}|?+*.,/:_-]*|([\^$A-Za-z0-9 ()\[\]{}|?+*.,/:_-]|\\[.()\[\]/ -])*")
_KINDS = {SH.IRI: "<", SH.BlankNode: "_", SH.Literal: '"', SH.BlankNodeOrIRI: "<_", SH.BlankNodeOrLiteral: '_"',
          SH.IRIOrLiteral: '<"'}
_OBJECT = itemgetter(2)

ValueCheck = Callable[[set[str], Facts], bool]                     # do all these values pass?
NodeCheck = Callable[[dict[str, list[str]], set[str], Facts], bool]  # (node -> its values, focus nodes, graph)


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
    value = number(_term(node))
    if value is None:
        raise _Unsupported(f"not a numeral: {node!r}")
    return value


def _value_check(shapes: Graph, key, node) -> ValueCheck:
    """A constraint that each value meets or fails on its own, as a test of a set of values."""
    if key == SH.datatype:
        datatype = str(node)
        if datatype not in LEXICAL and datatype not in (STRING, LANG_STRING):
            raise _Unsupported(f"datatype {datatype}")
        if datatype in (STRING, LANG_STRING):  # texts: seldom repeated, cheap to check
            return lambda values, _facts: all(well_formed(value, datatype) for value in values)
        return _memo(lambda value: well_formed(value, datatype))
    if key in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
        bound = _bound(node)
        test = {SH.minInclusive: bound.__le__, SH.maxInclusive: bound.__ge__,
                SH.minExclusive: bound.__lt__, SH.maxExclusive: bound.__gt__}[key]
        return _memo(lambda value: (found := number(value)) is not None and test(found))
    if key == SH.nodeKind:
        if node not in _KINDS:
            raise _Unsupported(f"nodeKind {node!r}")
        starts = _KINDS[node]
        return lambda values, _facts: all(value[0] in starts for value in values)
    if key == SH["class"]:
        cls = _term(node)
        return lambda values, facts: values <= facts.members.get(cls, set())
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

    def check(values: set[str], facts: Facts) -> bool:
        # one member shape that every value conforms to (the usual case) settles it at once
        if any(all(one(values, facts) for one in checks) for checks in alternatives):
            return True
        return all(any(all(one({value}, facts) for one in checks) for checks in alternatives) for value in values)
    return check, nodes


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
    # every check of a property shape holds for each focus node on its own: all the values at once
    return (lambda values, facts: all(_property_passes(prop, values, facts) for prop in properties)), reads


def _memo(test: Callable[[str], bool]) -> ValueCheck:
    """``test`` of each value, the values that passed remembered (literals such as confidences
    and labels recur in every graph: a set comparison then settles most graphs)."""
    passed: set[str] = set()

    def check(values: set[str], _facts: Facts) -> bool:
        if values <= passed:
            return True
        for value in values - passed:
            if not test(value):
                return False
            if len(passed) > 10_000:
                passed.clear()
            passed.add(value)
        return True
    return check


def _ordered(other: str, strict: bool) -> NodeCheck:
    """sh:lessThan / sh:lessThanOrEquals: each value before each value of ``other`` (numbers, or dates)."""
    def check(values_of: dict[str, list[str]], focus: set[str], facts: Facts) -> bool:
        others_of = facts.values(other)
        for node in focus.intersection(values_of, others_of):   # the nodes with values of both
            theirs = others_of[node]
            for value in values_of[node]:
                mine = comparable(value)
                for their in theirs:
                    key = comparable(their)
                    if mine is None or key is None or mine[0] != key[0]:
                        return False
                    if not (mine[1] < key[1] if strict else mine[1] <= key[1]):
                        return False
        return True
    return check


def _unique_languages(values_of: dict[str, list[str]], focus: set[str], _facts: Facts) -> bool:
    """No two values of a node share a language tag (compared ignoring case: stricter than needed)."""
    for node in focus.intersection(values_of):
        seen: set[str] = set()
        for value in set(values_of[node]):
            found = literal(value)
            if found and found[2]:
                tag = found[2].lower()
                if tag in seen:
                    return False
                seen.add(tag)
    return True


def _matches(regex: re.Pattern, term: str) -> bool:
    if term[0] == "<":
        text = term[1:-1]
    else:
        found = literal(term)
        if found is None:
            return False
        text = found[0]
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
    return screen_passes(screen, read_facts(triples if isinstance(triples, (list, tuple)) else list(triples)))


def screen_passes(screen: Screen, facts: Facts | None) -> bool:
    """:func:`passes` on triples already read (:func:`kg.validate.facts.read_facts`)."""
    if facts is None:
        return False    # an escaped IRI or a subclass triple: not in the plain form the checks read
    members, subjects = facts.members, facts.subjects
    for shape in screen.shapes:
        focus = set().union(*(members.get(cls, ()) for cls in shape.classes),
                            *(subjects(p) for p in shape.subjects_of))
        if focus and not all(_property_passes(prop, focus, facts) for prop in shape.properties):
            return False
    return True


def _property_passes(prop: _Property, focus: set[str], facts: Facts) -> bool:
    """Whether every focus node meets every screened constraint of ``prop`` (each condition is
    about each node on its own: they are tested on all the nodes' values at once, as sets)."""
    if prop.least and not focus <= facts.subjects(prop.path):   # sh:minCount 1
        return False
    triples = facts.triples(prop.path)
    if not triples:
        return True
    picked = triples if facts.subjects(prop.path) <= focus else [t for t in triples if t[0] in focus]
    if prop.most is not None and most_values(picked) > prop.most:
        return False
    if prop.allowed is not None or prop.value_checks:
        distinct = set(map(_OBJECT, picked))
        if prop.allowed is not None and not distinct <= prop.allowed:
            return False
        for check in prop.value_checks:
            if not check(distinct, facts):
                return False
    if prop.node_checks:
        values_of = facts.values(prop.path)
        for node_check in prop.node_checks:
            if not node_check(values_of, focus, facts):
                return False
    return True
