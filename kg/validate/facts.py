"""One data graph as the screen (:mod:`kg.validate.screen`) reads it, and how it reads values.

The triples are grouped by predicate once, with C-level work wherever it can be (a
resolution has ~1,650 triples and the screen runs for every one of them); the maps
from a subject to its values are only built for the few properties that compare the
values of one node (``sh:lessThan``, ``sh:uniqueLang``).  Counts, value lists and value
tests work on the groups directly, as sets.
"""
from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from decimal import Decimal
from itertools import chain
from operator import itemgetter
from typing import Sequence

from rdflib import RDF, RDFS, XSD

TYPE, SUBCLASS = f"<{RDF.type}>", f"<{RDFS.subClassOf}>"
Triple = tuple[str, str, str]

# Lexical forms accepted as well-formed, per datatype: a subset of each XSD lexical space.
NUMERALS = {str(XSD.integer): r"-?[0-9]+", str(XSD.nonNegativeInteger): r"[0-9]+",
            str(XSD.decimal): r"-?[0-9]+(\.[0-9]+)?"}
LEXICAL = {**{dt: re.compile(rx) for dt, rx in NUMERALS.items()},
           str(XSD.date): re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
           str(XSD.dateTime): re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
                                         r"(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)?"),
           str(XSD.boolean): re.compile(r"true|false")}
STRING, LANG_STRING = str(XSD.string), str(RDF.langString)
DATES = (str(XSD.date), str(XSD.dateTime))
_LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")
_SUBJECT, _OBJECT = itemgetter(0), itemgetter(2)


class Facts:
    """The triples of one graph by predicate, the instances of each class, and derived maps."""

    __slots__ = ("groups", "members", "_values", "_subjects")

    def __init__(self, groups: dict[str, list[Triple]], members: dict[str, set[str]]):
        self.groups = groups                    # predicate -> its triples, in the graph's order
        self.members = members                  # class -> its instances (rdf:type only)
        self._values: dict[str, dict[str, list[str]]] = {}
        self._subjects: dict[str, set[str]] = {}

    def triples(self, predicate: str) -> list[Triple]:
        return self.groups.get(predicate, [])

    def of_predicates(self, predicates: frozenset[str] | None) -> list[Triple]:
        """The triples whose predicate is one of ``predicates`` (None: all), grouped by predicate
        (what a SHACL engine finds does not depend on the order of the triples)."""
        groups = self.groups
        return list(chain.from_iterable(ts for p, ts in groups.items() if predicates is None or p in predicates))

    def subjects(self, predicate: str) -> set[str]:
        """The nodes that have a value for ``predicate`` (remembered)."""
        found = self._subjects.get(predicate)
        if found is None:
            found = self._subjects[predicate] = set(map(_SUBJECT, self.triples(predicate)))
        return found

    def values(self, predicate: str) -> dict[str, list[str]]:
        """Node -> its values of ``predicate``, duplicates kept (remembered)."""
        found = self._values.get(predicate)
        if found is None:
            found = defaultdict(list)
            for s, _, o in self.triples(predicate):
                found[s].append(o)
            found = self._values[predicate] = dict(found)
        return found


def read_facts(triples: Sequence[Triple]) -> Facts | None:
    """``triples`` grouped, or None when the screen cannot be sure of them: an IRI written
    with an escape (one node could be spelt two ways) or a subclass triple."""
    groups: dict[str, list[Triple]] = defaultdict(list)
    for triple in triples:
        groups[triple[1]].append(triple)
    if SUBCLASS in groups or _escaped_iri(triples, groups):
        return None
    members: dict[str, set[str]] = defaultdict(set)
    for s, _, o in groups.get(TYPE, ()):
        members[o].add(s)
    return Facts(dict(groups), members)


def _escaped_iri(triples: Sequence[Triple], groups: dict[str, list[Triple]]) -> bool:
    """Whether a subject, predicate or IRI object holds a backslash (C-level joins first: in
    most graphs no term at all holds one; literals that do are passed over)."""
    if "\\" in "".join(groups) or "\\" in "".join(map(_SUBJECT, triples)):
        return True
    objects = set(map(_OBJECT, triples))
    return "\\" in "".join(objects) and any(o[0] == "<" and "\\" in o for o in objects)


def most_values(triples: list[Triple]) -> int:
    """The largest number of values one subject has among ``triples`` (duplicates counted)."""
    if not triples:
        return 0
    subjects = list(map(_SUBJECT, triples))
    if len(set(subjects)) == len(subjects):
        return 1
    return max(Counter(subjects).values())


# -- reading values ----------------------------------------------------------------------------
def literal(term: str) -> tuple[str, str | None, str | None] | None:
    """(lexical form as written, escapes and all; datatype; language) of a literal term, else None.

    Only what no escape can change is read from it unescaped: the datatype and language
    after the closing quote, and lexical forms that must match an escape-free pattern."""
    if term[0] != '"':
        return None
    end = term.rindex('"')
    rest = term[end + 1:]
    if not rest:
        return term[1:end], STRING, None
    if rest[0] == "@":
        return term[1:end], LANG_STRING, rest[1:]
    return term[1:end], rest[3:-1], None


def number(term: str) -> Decimal | None:
    found = literal(term)
    if found is None or found[1] not in NUMERALS or not LEXICAL[found[1]].fullmatch(found[0]):
        return None
    return Decimal(found[0])


def well_formed(term: str, datatype: str) -> bool:
    found = literal(term)
    if found is None or found[1] != datatype:
        return False
    lexical, _, language = found
    if datatype == LANG_STRING:
        return bool(_LANGUAGE.fullmatch(language or ""))
    if datatype == STRING:
        return True
    if not LEXICAL[datatype].fullmatch(lexical):
        return False
    if datatype in DATES:
        try:
            datetime.datetime.fromisoformat(lexical.rstrip("Z"))
        except ValueError:
            return False
    return True


def comparable(term: str) -> tuple[str, Decimal | str] | None:
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
    found = number(term)
    if found is not None:
        return "n", found
    if well_formed(term, DATES[0]):
        return "d", term[1:11]
    return None
