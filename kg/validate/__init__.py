"""Pipeline stage: validate one resolution's graph against the SHACL shapes.

The shapes are parsed once per base (module-level cache) and handed to pyshacl
as a ready ``ShapesGraph``, so each call only pays for the validation itself.
No inference: the shapes name the classes they accept, so the ontology is not
mixed into every data graph (that would triple the cost).  A resolution that
fails is not published; the report names the resolution, the shape, the focus
node, the value, the message and, where it came from the text, the source line.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pyshacl import Validator
from pyshacl.graph_abstraction import DataGraph
from pyshacl.shapes_graph import ShapesGraph
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.sparql import Query

from kg.map import MappedResolution
from kg.map import uris

SH = Namespace("http://www.w3.org/ns/shacl#")
ROOT = Path(__file__).resolve().parents[2]
SHAPES_PATH = ROOT / "shapes" / "unres-shapes.ttl"
ONTOLOGY_PATH = ROOT / "ontology" / "unres.ttl"

__all__ = ["ValidationResult", "ValidationReport", "validate", "shapes_graph", "ontology_graph"]


@dataclass(frozen=True)
class ValidationResult:
    severity: str            # "Violation" | "Warning" | "Info"
    shape: str               # e.g. "shp:Meeting / schema:startDate"
    focus: str               # the node that fails
    path: str | None
    value: str | None
    message: str
    line: int | None = None  # 1-based line of the source text, when the node came from the text

    def describe(self, symbol: str = "") -> str:
        where = f" (line {self.line})" if self.line else ""
        value = f" value {self.value!r};" if self.value is not None else ""
        head = f"{symbol}: " if symbol else ""
        return f"{head}{self.severity} {self.shape} at <{self.focus}>{where}:{value} {self.message}"


@dataclass
class ValidationReport:
    resolution: str           # the symbol
    resolution_iri: str
    graph_iri: str
    source: str
    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Warning"]

    def lines(self) -> list[str]:
        """One line per result, for people (``kg validate``, the build report)."""
        return [f"{self.source}: {r.describe(self.resolution)}" for r in self.results]


def _rebased(text: str, base: str) -> str:
    base = base.rstrip("/")
    return text if base == uris.DEFAULT_BASE else text.replace(uris.DEFAULT_BASE + "/def/", base + "/def/")


@lru_cache(maxsize=8)
def ontology_graph(base: str = uris.DEFAULT_BASE) -> Graph:
    """The unres ontology, parsed once (namespace moved to ``{base}/def/unres#``)."""
    return Graph().parse(data=_rebased(ONTOLOGY_PATH.read_text(encoding="utf-8"), base), format="turtle")


@lru_cache(maxsize=8)
def shapes_graph(base: str = uris.DEFAULT_BASE) -> Graph:
    """The SHACL shapes, parsed once."""
    return Graph().parse(data=_rebased(SHAPES_PATH.read_text(encoding="utf-8"), base), format="turtle")


@dataclass
class _Shapes:
    graph: Graph
    shapes: ShapesGraph
    names: dict[str, str]


@lru_cache(maxsize=8)
def _prepared(base: str) -> _Shapes:
    graph = shapes_graph(base)
    prepared = ShapesGraph(graph)
    _ = prepared.shapes  # harvest the shapes now, once
    names: dict[str, str] = {}
    nm = graph.namespace_manager

    def qname(node) -> str:
        try:
            return nm.normalizeUri(node) if isinstance(node, URIRef) else str(node)
        except Exception:
            return str(node)

    for node_shape, prop in graph.subject_objects(SH.property):
        if isinstance(prop, BNode):
            path = graph.value(prop, SH.path)
            names[str(prop)] = f"{qname(node_shape)} / {qname(path) if path is not None and not isinstance(path, BNode) else 'path'}"
    for node_shape, constraint in graph.subject_objects(SH.sparql):
        names[str(constraint)] = qname(constraint)
    for shape in set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.subjects(RDF.type, SH.PropertyShape)):
        if isinstance(shape, URIRef):
            names[str(shape)] = qname(shape)
    return _Shapes(graph, prepared, names)


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


def _base_of(mapped: MappedResolution) -> str:
    iri = mapped.resolution_iri
    return iri.split("/eli/", 1)[0] if "/eli/" in iri else uris.DEFAULT_BASE


def validate(mapped: MappedResolution, base: str | None = None) -> ValidationReport:
    """Validate one resolution's named graph; never raises for bad data (it reports it)."""
    started = time.perf_counter()
    prepared = _prepared((base or _base_of(mapped)).rstrip("/"))
    data = _QueryCachingGraph(store=mapped.graph.store, identifier=mapped.graph.identifier,
                              namespace_manager=mapped.graph.namespace_manager)
    validator = Validator(DataGraph.from_rdflib(data), shacl_graph=prepared.graph,
                          options={"inference": "none", "advanced": False, "allow_warnings": True,
                                   "allow_infos": True, "inplace": True})
    validator.shacl_graph = prepared.shapes  # reuse the harvested shapes
    conforms, results_graph, _text = validator.run()
    results = _results(results_graph, prepared, mapped)
    return ValidationReport(mapped.symbol, mapped.resolution_iri, mapped.graph_iri, mapped.source,
                            bool(conforms), results, time.perf_counter() - started)


def _results(report: Graph, prepared: _Shapes, mapped: MappedResolution) -> list[ValidationResult]:
    out: list[ValidationResult] = []
    nm = mapped.graph.namespace_manager
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = str(report.value(result, SH.resultSeverity) or SH.Violation).rsplit("#", 1)[-1]
        source_shape = report.value(result, SH.sourceShape)
        constraint = report.value(result, SH.sourceConstraint)
        shape = prepared.names.get(str(constraint)) if constraint is not None else None
        shape = shape or prepared.names.get(str(source_shape), str(source_shape))
        focus = str(report.value(result, SH.focusNode))
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        messages = [m for m in report.objects(result, SH.resultMessage)]
        message = next((str(m) for m in messages if isinstance(m, Literal) and m.language == "en"),
                       str(messages[0]) if messages else "constraint not met")
        path_text = None
        if path is not None and not isinstance(path, BNode):
            try:
                path_text = nm.normalizeUri(path)
            except Exception:
                path_text = str(path)
        value_text = None if value is None or isinstance(value, BNode) else str(value)
        line = mapped.line_of_node(value_text) if value_text and value_text.startswith("http") else None
        line = mapped.line_of_node(focus) or line
        out.append(ValidationResult(severity, shape, focus, path_text, value_text, message, line))
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    return sorted(out, key=lambda r: (order.get(r.severity, 3), r.shape, r.focus, r.value or ""))
