"""Pipeline stage: map a parsed resolution and its mentions to RDF.

``to_graph`` is pure: the same record, mentions, base, software version and time
always give the same triples.  One named graph per resolution expression
(``{work}/{lang}/graph``), so a resolution can be replaced whole.  Every URI comes
from :mod:`kg.map.uris`; the terms are those of ``ontology/unres.ttl`` and standard
vocabularies (see ``docs/graph.md``).
"""
from __future__ import annotations

from datetime import datetime, timezone

from kg.map import uris
from kg.map.context import PREFIXES, Context
from kg.map.document import (map_citations, map_footnotes, map_paragraphs, map_parts_and_annexes,
                             map_provenance, map_work)
from kg.map.entities import map_mentions, map_organ_session_meeting, map_subjects_and_workflow, map_votes_and_sponsors
from kg.map.result import MappedResolution
from kg.model import Mention, Resolution

DEFAULT_BASE = uris.DEFAULT_BASE

__all__ = ["DEFAULT_BASE", "MappedResolution", "to_graph", "software_version_default", "utc_now"]


def software_version_default() -> str:
    from kg import __version__

    return __version__


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def to_graph(resolution: Resolution, mentions: list[Mention] | None = None, base: str = DEFAULT_BASE, *,
             software_version: str | None = None, now: str | None = None) -> MappedResolution:
    """Map one resolution expression (and the linker's mentions) to its named graph.

    The result carries the triples as N-Triples (``.ntriples``, what the store loads and
    the SHACL engine reads) and builds the rdflib ``.graph`` only when it is asked for.

    ``now`` (ISO 8601 date-time) and ``software_version`` go into the provenance;
    pass them for deterministic output.  Raises ValueError when the symbol is not a
    resolution symbol (no URI can be built).
    """
    year = resolution.adoption_date[:4] if resolution.adoption_date else None
    work = uris.work_iri(resolution.symbol, base, year=year)
    language = resolution.language or "en"
    graph_iri = uris.graph_iri(work, language)
    ctx = Context(resolution, base, work, language)
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
    namespaces = {"unres": uris.vocab(base), **{prefix: str(ns) for prefix, ns in PREFIXES.items()}}
    return MappedResolution(graph_iri, None, work, resolution.symbol, resolution.source, ctx.line_starts,
                            ctx.node_lines, triples=list(ctx.rows), literals=ctx.literals, namespaces=namespaces,
                            blank_node_free=True)
