"""The two SHACL engines behind ``kg.validate.validate``; both return (conforms, report graph).

* ``pyshacl``: the reference (pure Python).  The shapes are harvested once per base and
  each SPARQL constraint is parsed once (pyshacl would re-parse it for every graph).
* ``turbo``: pyshacl-turbo, a Rust SHACL engine with pySHACL's API, fed the triples of the
  map stage directly as term records (no rdflib Graph is built, no N-Triples lexed), and of
  those only the triples whose predicate some shape can read (:mod:`kg.validate.projection`).  When the engine finds
  nothing (most resolutions) no report graph is decoded.  About ten times faster; used when
  installed.  ``tests/test_validate_engines.py`` checks that both give the same results on
  every shape test and on the corpus.
  First, the simple shapes (counts, value lists, datatypes, ranges: the mention annotations,
  two thirds of the engine's work) are screened in Python (:mod:`kg.validate.screen`); when
  the screen vouches that they find nothing, the engine runs only the other shapes, on the
  predicates those read (~440 triples of ~1,650), and otherwise everything as before.
  The graph is grouped by predicate once (:mod:`kg.validate.facts`): the screen reads the
  groups, and the other shapes' triples are taken from them rather than filtered again.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from rdflib import Graph
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.sparql import Query

from kg.map import MappedResolution
from kg.validate.facts import read_facts
from kg.validate.projection import Records, data_predicates, project, term_records
from kg.validate.screen import Screen, build_screen, screen_passes
from kg.validate.shapes import shapes_graph

ENGINES = ("turbo", "pyshacl")
_OPTIONS = {"allow_warnings": True, "allow_infos": True}


def turbo_available() -> bool:
    try:
        import pyshacl_turbo  # noqa: F401
    except ImportError:
        return False
    return True


def default_engine() -> str:
    """``$KG_SHACL_ENGINE`` if set, else turbo when installed, else pyshacl."""
    chosen = os.environ.get("KG_SHACL_ENGINE", "").strip().lower()
    if chosen:
        if chosen not in ENGINES:
            raise ValueError(f"KG_SHACL_ENGINE={chosen!r}: choose one of {', '.join(ENGINES)}")
        return chosen
    return "turbo" if turbo_available() else "pyshacl"


# -- pyshacl -----------------------------------------------------------------------------
@lru_cache(maxsize=8)
def _pyshacl_shapes(base: str) -> Any:
    from pyshacl.shapes_graph import ShapesGraph

    # pyshacl adds a few RDFS/OWL axioms to the graph it is given: give it a copy (same
    # blank nodes, so the shape names still apply), the shared one stays as parsed.
    graph = Graph()
    for prefix, namespace in shapes_graph(base).namespaces():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph += shapes_graph(base)
    prepared = ShapesGraph(graph)
    _ = prepared.shapes  # harvest the shapes now, once
    return prepared


@lru_cache(maxsize=256)
def _translated(query: str, init_ns: tuple) -> Query:
    return translateQuery(parseQuery(query), None, dict(init_ns))


class _QueryCachingGraph(Graph):
    """An rdflib view of the data graph that parses each SPARQL constraint once.

    pyshacl sends the same query text for every resolution (``$this`` is passed
    as a binding); rdflib would parse it with pyparsing every time, which was a
    third of the validation time.
    """

    def query(self, query_object, processor="sparql", result="sparql", initNs=None, initBindings=None,
              use_store_provided=True, **kwargs):
        if isinstance(query_object, str):
            namespaces = dict(self.namespaces())
            namespaces.update(initNs or {})
            query_object = _translated(query_object, tuple(sorted((k, str(v)) for k, v in namespaces.items())))
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)


def run_pyshacl(mapped: MappedResolution, base: str) -> tuple[bool, Graph]:
    from pyshacl import Validator
    from pyshacl.graph_abstraction import DataGraph

    prepared = _pyshacl_shapes(base)
    graph = mapped.graph
    data = _QueryCachingGraph(store=graph.store, identifier=graph.identifier,
                              namespace_manager=graph.namespace_manager)
    validator = Validator(DataGraph.from_rdflib(data), shacl_graph=prepared.graph,
                          options={"inference": "none", "advanced": False, "inplace": True, **_OPTIONS})
    validator.shacl_graph = prepared  # reuse the harvested shapes
    conforms, report, _text = validator.run()
    return bool(conforms), report


# -- pyshacl-turbo ---------------------------------------------------------------------------
@lru_cache(maxsize=8)
def _turbo_shapes(base: str) -> Any:
    import pyshacl_turbo

    return pyshacl_turbo.CompiledShapes(shapes_graph(base))


@lru_cache(maxsize=8)
def _turbo_screen(base: str) -> tuple[Screen, Any] | None:
    """The screen of the shapes of ``base`` and the other shapes compiled, or None."""
    import pyshacl_turbo

    screen = build_screen(shapes_graph(base))
    return None if screen is None else (screen, pyshacl_turbo.CompiledShapes(screen.rest))


_SH_RESULT = "http://www.w3.org/ns/shacl#result"  # report -> result: absent when nothing was found


def _has_result(report: Any) -> bool:
    """Whether a native report (N-Triples text, or term records and quads) links any result."""
    if isinstance(report, str):
        return f"<{_SH_RESULT}> " in report
    records, _quads = report
    return (0, _SH_RESULT, None, None) in records


def _turbo_clean(compiled: Any, data: Records) -> bool:
    """True when the engine finds nothing at all (the usual case), without building a report graph.

    Calls the compiled program directly with the arguments ``CompiledShapes.validate``
    passes (no inference, no rules, infos and warnings allowed); its report is only
    searched for a ``sh:result``.  Any other outcome, or a pyshacl-turbo whose native API
    differs, is left to the public ``validate`` (False).
    """
    native = getattr(compiled, "_native", None)
    try:
        conforms, report, _text, _expanded, recursion = native.validate(
            data, "terms", None, False, 100, 15, False, True, True, False, [], [], [])
    except Exception:  # noqa: BLE001 - not the native API we know: use the public one
        return False
    return conforms is True and not recursion and not _has_result(report)


def run_turbo(mapped: MappedResolution, base: str) -> tuple[bool, Graph]:
    from pyshacl_turbo.rdf import Input

    triples = mapped.triples
    screened = _turbo_screen(base)
    found = False                      # the other shapes found something: the full report is wanted
    if screened is not None:
        facts = read_facts(triples)    # read once, for the screen and for the other shapes' data
        if screen_passes(screened[0], facts):
            # The screened shapes find nothing: the other shapes' report is the whole report.
            if _turbo_clean(screened[1], term_records(facts.of_predicates(screened[0].rest_predicates))):
                return True, Graph()
            found = True
    data = project(triples, data_predicates(base))
    if not found and _turbo_clean(_turbo_shapes(base), data):
        return True, Graph()
    conforms, report, _text = _turbo_shapes(base).validate(Input(data, "terms", None, {}), **_OPTIONS)
    return bool(conforms), report


RUNNERS = {"pyshacl": run_pyshacl, "turbo": run_turbo}
