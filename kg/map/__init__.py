"""Pipeline stage: map a parsed resolution and its mentions to RDF.

``to_graph`` is pure: the same record, mentions, base, software version and time
always give the same triples.  One named graph per resolution expression
(``{work}/{lang}/graph``), so a resolution can be replaced whole.  Every URI comes
from :mod:`kg.map.uris`; the terms are those of ``ontology/unres.ttl`` and standard
vocabularies (see ``docs/graph.md``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from rdflib import Graph

from kg.map import uris
from kg.map.context import Context
from kg.map.document import (map_citations, map_footnotes, map_paragraphs, map_parts_and_annexes,
                             map_provenance, map_work)
from kg.map.entities import map_mentions, map_organ_session_meeting, map_subjects_and_workflow, map_votes_and_sponsors
from kg.model import Mention, Resolution, Span

DEFAULT_BASE = uris.DEFAULT_BASE

__all__ = ["DEFAULT_BASE", "MappedResolution", "to_graph", "software_version_default", "utc_now"]


@dataclass
class MappedResolution:
    """The RDF of one resolution expression and what validation needs to explain faults."""

    graph_iri: str
    graph: Graph
    resolution_iri: str
    symbol: str
    source: str
    line_starts: list[int] = field(default_factory=list)
    node_lines: dict[str, int] = field(default_factory=dict)  # node IRI -> 1-based source line

    def line_of(self, span: Span | int | None) -> int | None:
        """The 1-based source line where a span (or character offset) starts."""
        import bisect

        if span is None or not self.line_starts:
            return None
        offset = span if isinstance(span, int) else span.start
        return bisect.bisect_right(self.line_starts, max(offset, 0))

    def line_of_node(self, node: str) -> int | None:
        """The source line of a node, or of its nearest parent in the URI path."""
        node = str(node).split("#", 1)[0]
        while node:
            if node in self.node_lines:
                return self.node_lines[node]
            if "/" not in node or node == self.resolution_iri:
                return None
            node = node.rsplit("/", 1)[0]
        return None


def software_version_default() -> str:
    from kg import __version__

    return __version__


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def to_graph(resolution: Resolution, mentions: list[Mention] | None = None, base: str = DEFAULT_BASE, *,
             software_version: str | None = None, now: str | None = None) -> MappedResolution:
    """Map one resolution expression (and the linker's mentions) to its named graph.

    ``now`` (ISO 8601 date-time) and ``software_version`` go into the provenance;
    pass them for deterministic output.  Raises ValueError when the symbol is not a
    resolution symbol (no URI can be built).
    """
    year = resolution.adoption_date[:4] if resolution.adoption_date else None
    work = uris.work_iri(resolution.symbol, base, year=year)
    language = resolution.language or "en"
    graph_iri = uris.graph_iri(work, language)
    ctx = Context(resolution, base, Graph(identifier=graph_iri), work, language)
    map_work(ctx)
    map_organ_session_meeting(ctx)
    map_parts_and_annexes(ctx)
    leads = map_paragraphs(ctx)
    map_footnotes(ctx)
    map_citations(ctx, leads)
    map_votes_and_sponsors(ctx)
    map_subjects_and_workflow(ctx)
    map_mentions(ctx, list(mentions or []))
    map_provenance(ctx, graph_iri, software_version or software_version_default(), now or utc_now())
    return MappedResolution(graph_iri, ctx.graph, work, resolution.symbol, resolution.source,
                            ctx.line_starts, ctx.node_lines)
