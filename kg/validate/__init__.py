"""Pipeline stage: validate one resolution's graph against the SHACL shapes.

The shapes are parsed once per base (module-level cache) and compiled once per
engine (:mod:`kg.validate.engines`: pyshacl-turbo when installed, pyshacl the
reference), so each call only pays for the validation itself.  No inference: the shapes name the classes they accept, so the ontology is not
mixed into every data graph (that would triple the cost).  A resolution that
fails is not published; the report names the resolution, the shape, the focus
node, the value, the message and, where it came from the text, the source line.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from rdflib import RDF, BNode, Graph, Literal, URIRef

from kg.map import MappedResolution
from kg.map import uris
from kg.validate.engines import ENGINES, RUNNERS, default_engine, turbo_available
from kg.validate.shapes import SH, ontology_graph, shape_names, shapes_graph

__all__ = ["ENGINES", "ValidationResult", "ValidationReport", "default_engine", "ontology_graph", "shapes_graph",
           "turbo_available", "validate"]


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


def _base_of(mapped: MappedResolution) -> str:
    iri = mapped.resolution_iri
    return iri.split("/eli/", 1)[0] if "/eli/" in iri else uris.DEFAULT_BASE


def validate(mapped: MappedResolution, base: str | None = None, engine: str | None = None) -> ValidationReport:
    """Validate one resolution's named graph; never raises for bad data (it reports it).

    ``engine`` is ``"turbo"`` (pyshacl-turbo, when installed) or ``"pyshacl"`` (the
    reference); by default :func:`default_engine` decides.
    """
    started = time.perf_counter()
    engine = engine or default_engine()
    if engine not in RUNNERS:
        raise ValueError(f"unknown SHACL engine {engine!r}: choose one of {', '.join(ENGINES)}")
    base = (base or _base_of(mapped)).rstrip("/")
    conforms, report = RUNNERS[engine](mapped, base)
    results = _results(report, shape_names(base), mapped) if len(report) else []  # (most graphs: nothing found)
    return ValidationReport(mapped.symbol, mapped.resolution_iri, mapped.graph_iri, mapped.source,
                            conforms, results, time.perf_counter() - started)


def _results(report: Graph, names: dict[str, str], mapped: MappedResolution) -> list[ValidationResult]:
    out: list[ValidationResult] = []
    nm = shapes_graph(_base_of(mapped)).namespace_manager
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = str(report.value(result, SH.resultSeverity) or SH.Violation).rsplit("#", 1)[-1]
        source_shape = report.value(result, SH.sourceShape)
        constraint = report.value(result, SH.sourceConstraint)
        shape = names.get(str(constraint)) if constraint is not None else None
        shape = shape or names.get(str(source_shape), str(source_shape))
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
