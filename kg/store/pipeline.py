"""What runs in the worker processes: one source file in, one ``Outcome`` out.

A *pipeline* is any function ``path -> Outcome``; the build does not care what
the graphs contain.  The standard one chains the stages
(parse -> link -> map -> validate, docs/architecture.md) and serialises the
accepted graph as N-Triples, so only text crosses the process boundary.

Pipelines are named by ``"module:factory"`` so worker processes can build
them once each (gazetteer and shapes loaded once per worker, not per file).
"""
from __future__ import annotations

import dataclasses
import importlib
import time
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from kg.model import ParseError

if TYPE_CHECKING:
    from kg.store.graphfiles import GraphFile
    from kg.validate import ValidationResult

STANDARD_PIPELINE = "kg.store.pipeline:standard_pipeline"


@dataclass
class Outcome:
    """The fate of one source file: published quads, or the reasons it was refused."""

    path: str
    sha256: str
    graph: str | None = None           # named graph IRI of the resolution expression
    source_format: str | None = None
    symbol: str | None = None
    language: str | None = None
    ntriples: str = ""                 # the graph to publish (empty when refused)
    triples: int = 0
    refused: str | None = None         # one line: why it was not published
    problems: list[dict[str, Any]] = field(default_factory=list)  # validation results, one dict each
    timings: dict[str, float] = field(default_factory=dict)       # stage -> CPU seconds
    warnings: list[str] = field(default_factory=list)
    peak_rss_kb: int = 0               # of the process that ran the pipeline, after this file
    graph_file: GraphFile | None = None  # the graph's sorted N-Triples file, written beside the store (graphfiles.py)

    @property
    def accepted(self) -> bool:
        return self.refused is None

    def reason_text(self) -> str:
        """The refusal with its validation results, readable, for the report and the manifest."""
        lines = [self.refused or ""]
        for problem in self.problems[:20]:
            text = problem.get("text") or "; ".join(f"{k}: {v}" for k, v in problem.items() if v not in (None, ""))
            lines.append(f"  - {text}")
        if len(self.problems) > 20:
            lines.append(f"  - ... and {len(self.problems) - 20} more")
        return "\n".join(lines)


Pipeline = Callable[[str, str], Outcome]      # (path, sha256) -> Outcome


def load_pipeline(spec: str, base: str, now: str | None = None) -> Pipeline:
    """Build the pipeline named ``"module:factory"``; the factory takes the base IRI and the
    build time (``prov:generatedAtTime`` of every graph of one build)."""
    module_name, _, attr = spec.partition(":")
    factory = getattr(importlib.import_module(module_name), attr)
    return factory(base, now)


def build_time() -> str:
    """Now, in UTC, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds: same input, same store)."""
    import os
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


class _Clock:
    """CPU seconds per stage, of the thread running the pipeline: the build report sums them as
    worker CPU, which wall time is not when the workers share the cores with the store writer."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._last = time.thread_time()

    def lap(self, stage: str) -> None:
        now = time.thread_time()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self._last
        self._last = now


def _describe(result: ValidationResult, symbol: str = "") -> dict[str, Any]:
    """One validation violation as a flat dict for the build report (its one-line text first)."""
    data = {k: v for k, v in dataclasses.asdict(result).items() if v not in (None, "", [], {})}
    return {"text": result.describe(symbol), **data}


def _serialized(mapped: Any) -> tuple[str, int]:
    """N-Triples and triple count of a mapped resolution: the mapper's own N-Triples when
    they hold no blank node (the usual case: no rdflib Graph is built), else the rdflib
    Graph with blank nodes relabelled.  The mapper vouches for its own triples
    (``blank_node_free``: one line per triple, no scan of the ~330 KB text); other
    ``MappedResolution``s have their text checked."""
    if getattr(mapped, "blank_node_free", False):
        return mapped.ntriples, len(mapped)
    text = getattr(mapped, "ntriples", None)
    if isinstance(text, str) and not text.startswith("_:") and "\n_:" not in text and " _:" not in text:
        return text, text.count("\n")
    return _ntriples(mapped.graph), len(mapped.graph)


def _ntriples(graph: Any) -> str:
    """The graph as N-Triples; blank nodes relabelled with fresh random ids, so that two
    documents loaded in one transaction never share a blank node by label."""
    from rdflib import BNode, Graph

    text = graph.serialize(format="nt")
    if "_:" not in text:
        return text
    fresh: dict[BNode, BNode] = {}

    def relabel(term: Any) -> Any:
        return fresh.setdefault(term, BNode()) if isinstance(term, BNode) else term

    copy = Graph()
    for s, p, o in graph:
        copy.add((relabel(s), p, relabel(o)))
    return copy.serialize(format="nt")


def standard_pipeline(base: str, now: str | None = None) -> Pipeline:
    """parse -> link -> map -> validate with the project's stages, loaded once per process."""
    from kg.link import link, link_votes, load_gazetteer
    from kg.map import to_graph
    from kg.parse import parse_path
    from kg.validate import validate

    gazetteer = load_gazetteer()  # loaded once here, not once per file
    now = now or build_time()

    def run(path: str, sha256: str) -> Outcome:
        clock = _Clock()
        outcome = Outcome(path=path, sha256=sha256)
        stage = "parse"
        try:
            resolution = parse_path(path)
            clock.lap("parse")
            outcome.source_format = resolution.source_format
            outcome.symbol = resolution.symbol
            outcome.language = resolution.language
            outcome.warnings = list(resolution.warnings)
            stage = "link"
            mentions = link(resolution, gazetteer)
            link_votes(resolution, gazetteer)
            clock.lap("link")
            stage = "map"
            mapped = to_graph(resolution, mentions, base=base, now=now)
            outcome.graph = str(mapped.graph_iri)
            clock.lap("map")
            stage = "validate"
            report = validate(mapped)
            clock.lap("validate")
            if not report.conforms:
                problems = [_describe(r, outcome.symbol or "") for r in report.violations]
                outcome.problems = problems
                outcome.refused = (f"validation: {outcome.symbol} does not conform to the shapes "
                                   f"({len(problems)} violation{'s' if len(problems) != 1 else ''})")
                return outcome
            stage = "serialize"
            outcome.ntriples, outcome.triples = _serialized(mapped)
            clock.lap("serialize")
        except ParseError as error:
            clock.lap(stage)
            outcome.refused = f"{stage} error: {error.reason}"
        except Exception as error:  # one bad document never stops the batch
            clock.lap(stage)
            where = traceback.extract_tb(error.__traceback__)[-1]
            outcome.refused = (f"internal error in {stage}: {type(error).__name__}: {error} "
                               f"({where.filename.rsplit('/', 2)[-1]}:{where.lineno})")
        finally:
            outcome.timings = clock.timings
        return outcome

    return run


def rdf_file_pipeline(base: str, now: str | None = None) -> Pipeline:
    """A pipeline for RDF files (Turtle / N-Triples): each file is one graph, named by a
    ``# graph: <IRI>`` first line.  It exercises the build and the store without the
    stages; files that do not parse are refused with the parser's message."""
    import pyoxigraph as ox

    from kg.parse.sources import read_bytes

    def run(path: str, sha256: str) -> Outcome:
        clock = _Clock()
        outcome = Outcome(path=path, sha256=sha256, source_format="text", language="en")
        try:
            data = read_bytes(path)
            first = data.split(b"\n", 1)[0].decode("utf-8", "replace")
            if not first.startswith("# graph: <") or ">" not in first:
                raise ParseError(path, "no '# graph: <IRI>' line")
            outcome.graph = first.split("<", 1)[1].split(">", 1)[0]
            outcome.symbol = outcome.graph
            rank = first.split(">", 1)[1].strip()
            outcome.source_format = rank or "text"
            triples = list(ox.parse(data, ox.RdfFormat.TURTLE, base_iri=outcome.graph))
            clock.lap("parse")
            if not triples:
                outcome.refused = "validate error: no triples"
                return outcome
            outcome.ntriples = ox.serialize([q.triple for q in triples], format=ox.RdfFormat.N_TRIPLES).decode()
            outcome.triples = len(triples)
            clock.lap("serialize")
        except ParseError as error:
            outcome.refused = f"parse error: {error.reason}"
        except (SyntaxError, ValueError, UnicodeDecodeError) as error:
            outcome.refused = f"parse error: {str(error).splitlines()[0]}"
        outcome.timings = clock.timings
        return outcome

    return run
