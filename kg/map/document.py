"""Map the document itself: work, expression, source file, paragraphs, footnotes, citations."""
from __future__ import annotations

import os
from functools import lru_cache

from kg import symbols
from kg.map import uris
from kg.map.context import CITO, DCTERMS, ELI, LANG, PROV, RDF, RDFS, XSD_NS, Context, iri
from kg.map.leads import cito_property, lead_verb, opening
from kg.model import Paragraph, SubParagraph

FORMAT_MEDIA_TYPES = {
    "akn": "application/akn+xml", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword", "ods-text": "text/plain", "pdf-text": "text/plain", "text": "text/plain",
}


def map_work(ctx: Context) -> None:
    """The resolution as a work, its language expression and its source file."""
    r, u, work = ctx.resolution, ctx.u, ctx.work
    expr = uris.expression_iri(work, ctx.language)
    source = uris.source_file_iri(work, ctx.language)
    ctx.add(work, RDF.type, u("Resolution"))
    ctx.add(work, u("symbol"), ctx.literal(r.symbol))
    ctx.add(work, u("resolutionNumber"), ctx.literal(r.number) if r.number else None)
    ctx.add(work, u("adoptionDate"), ctx.date(r.adoption_date))
    ctx.add(work, RDFS.label, ctx.text(f"{r.symbol}: {r.title}" if r.title else r.symbol))
    ctx.add(work, ELI.is_realized_by, expr)
    ctx.add(work, RDFS.seeAlso, uris.undocs_url(r.symbol))
    ctx.remember_line(work, r.spans.get("symbol"))

    ctx.add(expr, RDF.type, u("ResolutionExpression"))
    ctx.add(expr, ELI.realizes, work)
    ctx.add(expr, ELI.language, LANG[uris.language_code(r.language).upper()])
    ctx.add(expr, ELI.title, ctx.text(r.title))
    ctx.add(expr, u("enactingFormula"), ctx.text(r.enacting_formula))
    ctx.add(expr, u("distributionDate"), ctx.date(r.distribution_date))
    ctx.add(expr, ELI.date_publication, ctx.date(r.publication_date))
    ctx.add(expr, u("jobNumber"), ctx.literal(r.job_number) if r.job_number else None)
    ctx.add(expr, ELI.is_embodied_by, source)
    ctx.remember_line(expr, r.spans.get("title"))

    ctx.add(source, RDF.type, u("SourceFile"))
    ctx.add(source, ELI.embodies, expr)
    ctx.add(source, u("sourceFormat"), ctx.literal(r.source_format))
    ctx.add(source, ELI.media_type, ctx.literal(FORMAT_MEDIA_TYPES.get(r.source_format, "application/octet-stream")))
    ctx.add(source, u("sha256"), ctx.literal(r.source_sha256) if r.source_sha256 else None)
    ctx.add(source, u("sourcePath"), ctx.literal(os.path.basename(r.source)) if r.source else None)


def map_provenance(ctx: Context, graph_iri: str, software_version: str, now: str) -> None:
    """Where the named graph came from: source file, checksum, software version, time."""
    u = ctx.u
    source = uris.source_file_iri(ctx.work, ctx.language)
    ctx.add(graph_iri, RDF.type, PROV.Entity)
    ctx.add(graph_iri, PROV.wasDerivedFrom, source)
    ctx.add(graph_iri, u("sourceFile"), source)
    ctx.add(graph_iri, PROV.generatedAtTime, ctx.typed(now, XSD_NS + "dateTime"))
    ctx.add(graph_iri, u("softwareVersion"), ctx.literal(software_version))
    ctx.add(graph_iri, DCTERMS.subject, ctx.work)


def paragraph_key(p: Paragraph) -> str:
    """``pp/2``, ``op/5``, ``A/op/5``, ``op/5-bis``, ``sec/2/op/1`` (the key of architecture.md;
    the section only where numbering restarts in each section)."""
    kind = "pp" if p.kind == "preambular" else "op"
    number = uris.slug(p.number_text) if p.number_text and not p.number_text.strip().isdigit() else str(p.number)
    return f"{p.scope}{kind}/{number}"


def map_paragraphs(ctx: Context) -> dict[str, str]:
    """Paragraphs and sub-paragraphs; returns {paragraph key: lead phrase} for citations.

    Each node is put in angle brackets once (``iri``), not again in every ``ctx.add``."""
    r, u, work = ctx.resolution, ctx.u, ctx.work
    work_term = iri(work)
    leads: dict[str, str] = {}
    for p in r.paragraphs:
        key = paragraph_key(p)
        plain = uris.paragraph_iri(work, key)
        node = iri(plain)
        kind = "PreambularParagraph" if p.kind == "preambular" else "OperativeParagraph"
        ctx.add(node, RDF.type, u(kind))
        ctx.add(work_term, ELI.has_part, node)
        ctx.add(node, ELI.is_part_of, work_term)
        ctx.add(node, u("paragraphNumber"), ctx.integer(p.number))
        if p.number_text and p.number_text.strip() != str(p.number):
            ctx.add(node, u("numberText"), ctx.literal(p.number_text.strip()))
        ctx.add(node, u("leadPhrase"), ctx.text(p.lead))
        # The verb from the opening words, not from the italic lead alone: the same in every format.
        verb_words = opening(p.lead, p.text)
        if p.lead and p.lead.strip():
            ctx.add(node, u("leadVerb"), ctx.literal(lead_verb(verb_words), r.language or "en"))
        ctx.add(node, u("text"), ctx.text(p.text))
        if p.part:
            ctx.add(node, u("inPart"), uris.part_iri(work, p.part))
        if p.section:
            ctx.add(node, u("inSection"), uris.section_iri(work, p.section, p.part))
        for ref in p.footnote_refs:
            ctx.add(node, u("hasFootnote"), uris.footnote_iri(work, ctx.language, ref.number))
        _line(ctx, plain, p.span, node)
        leads[key] = verb_words
        for fn_ref in p.footnote_refs:
            leads.setdefault(f"fn/{fn_ref.number}", verb_words)
        _map_subparagraphs(ctx, node, key, p.subparagraphs, verb_words, leads)
    return leads


def _map_subparagraphs(ctx: Context, parent: str, parent_key: str, subs: list[SubParagraph],
                       lead: str, leads: dict[str, str]) -> None:
    u = ctx.u
    for sub in subs:
        key = f"{parent_key}/{sub.label}"
        plain = uris.paragraph_iri(ctx.work, key)
        node = iri(plain)
        ctx.add(node, RDF.type, u("SubParagraph"))
        ctx.add(parent, ELI.has_part, node)
        ctx.add(node, ELI.is_part_of, parent)
        ctx.add(node, u("label"), ctx.literal(sub.label))
        ctx.add(node, u("text"), ctx.text(sub.text))
        ctx.add(node, u("leadPhrase"), ctx.text(sub.lead))
        _line(ctx, plain, sub.span, node)
        leads[key] = sub.lead or lead
        _map_subparagraphs(ctx, node, key, sub.subparagraphs, sub.lead or lead, leads)


def _line(ctx: Context, node: str, span, term: str | None = None) -> None:
    """Remember the source line of ``node`` (plain IRI; ``term``: the same in angle brackets)."""
    line = ctx.line_of(span)
    if line is not None:
        ctx.node_lines.setdefault(node, line)
        # xsd:integer (a line is >= 1): the datatype the store keeps, so the one users get
        ctx.add(term or node, ctx.u("sourceLine"), ctx.typed(line, XSD_NS + "integer"))


def map_parts_and_annexes(ctx: Context) -> None:
    r, u, work = ctx.resolution, ctx.u, ctx.work
    for part in r.parts:
        node = uris.part_iri(work, part.label)
        ctx.add(node, RDF.type, u("Part"))
        ctx.add(work, ELI.has_part, node)
        ctx.add(node, ELI.is_part_of, work)
        ctx.add(node, u("label"), ctx.literal(part.label))
        ctx.add(node, ELI.title, ctx.text(part.title))
        ctx.add(node, u("adoptionDate"), ctx.date(part.adoption_date))
        _line(ctx, node, part.span)
    for section in r.sections:
        node = uris.section_iri(work, section.key, section.part)
        parent = uris.part_iri(work, section.part) if section.part else work
        ctx.add(node, RDF.type, u("Section"))
        ctx.add(parent, ELI.has_part, node)
        ctx.add(node, ELI.is_part_of, parent)
        ctx.add(node, u("label"), ctx.literal(section.label) if section.label else None)
        ctx.add(node, ELI.title, ctx.text(section.title))
        ctx.add(node, u("sectionNumber"), ctx.integer(int(section.key)))
        ctx.add(node, u("restartsNumbering"), ctx.typed("true" if section.restarts else "false", XSD_NS + "boolean"))
        _line(ctx, node, section.span)
    for index, annex in enumerate(r.annexes, start=1):
        node = uris.annex_iri(work, index)
        ctx.add(node, RDF.type, u("Annex"))
        ctx.add(work, ELI.has_annex, node)
        ctx.add(node, ELI.is_annex_of, work)
        ctx.add(node, ELI.title, ctx.text(annex.title))
        _line(ctx, node, annex.span)


def map_footnotes(ctx: Context) -> None:
    r, u = ctx.resolution, ctx.u
    expr = uris.expression_iri(ctx.work, ctx.language)
    for fn in r.footnotes:
        node = uris.footnote_iri(ctx.work, ctx.language, fn.number)
        ctx.add(node, RDF.type, u("Footnote"))
        ctx.add(expr, u("hasFootnote"), node)
        ctx.add(node, DCTERMS.isPartOf, expr)
        ctx.add(node, u("footnoteNumber"), ctx.integer(fn.number))
        ctx.add(node, u("text"), ctx.text(fn.text))
        ctx.add(node, u("resolvedText"), ctx.text(fn.resolved))
        _line(ctx, node, fn.span)


def section_scoped_key(ctx: Context, key: str | None, span) -> str | None:
    """The key of a paragraph as this mapping builds it, for a key given without the section
    (``op/1`` from a stage that knows parts only) in a resolution whose numbering restarts in
    each section: the paragraph that holds ``span`` decides (``sec/2/op/1``)."""
    if not key or span is None or key.startswith("fn/") or "/fn/" in key:
        return key
    for p in ctx.numbered_by_section:
        if not p.span.start <= span.start < _extent(p):
            continue
        kind = "pp" if p.kind == "preambular" else "op"
        plain = (f"{p.part}/" if p.part else "") + f"{kind}/{p.number}"
        if key == plain or key.startswith(plain + "/"):
            return paragraph_key(p) + key[len(plain):]
    return key


def _extent(p: Paragraph) -> int:
    end, stack = p.span.end, list(p.subparagraphs)
    while stack:
        sub = stack.pop()
        end = max(end, sub.span.end)
        stack.extend(sub.subparagraphs)
    return end


def citing_node(ctx: Context, key: str | None) -> str:
    """The paragraph, sub-paragraph or footnote a key names, or the work when unknown."""
    if not key:
        return ctx.work
    tail = key.split("/")
    if "fn" in tail:
        number = tail[tail.index("fn") + 1] if tail.index("fn") + 1 < len(tail) else ""
        if number.isdigit():
            node = uris.footnote_iri(ctx.work, ctx.language, int(number))
            if ctx.has_type(node):
                return node
        return ctx.work
    node = uris.paragraph_iri(ctx.work, key)
    return node if ctx.has_type(node) else ctx.work


def map_citations(ctx: Context, leads: dict[str, str]) -> None:
    """Typed citations: the generic eli:cites, the CiTO property of the lead phrase, and a
    reified unres:Citation that keeps the paragraph, the words and the kind."""
    r, u, work = ctx.resolution, ctx.u, ctx.work
    for index, c in enumerate(r.citations, start=1):
        cited = document_node(ctx, c.symbol, c.kind, c.date)
        citing = citing_node(ctx, c.in_paragraph)
        key = c.in_paragraph or ""
        lead = leads.get(key) or leads.get(key.split("/fn/")[-1] if "/fn/" in key else key)
        prop = CITO[cito_property(lead)]
        node = uris.citation_iri(work, ctx.language, index)
        ctx.add(node, RDF.type, u("Citation"))
        ctx.add(node, CITO.hasCitingEntity, citing)
        ctx.add(node, CITO.hasCitedEntity, cited)
        ctx.add(node, CITO.hasCitationCharacterization, prop)
        ctx.add(node, u("citationKind"), ctx.literal(c.kind))
        ctx.add(node, u("citedText"), ctx.text(c.text))
        ctx.add(citing, u("citation"), node)
        ctx.add(work, ELI.cites, cited)
        ctx.add(citing, prop, cited)
        ctx.remember_line(node, c.span)


@lru_cache(maxsize=65536)
def _document(symbol: str, base: str) -> tuple[str, str, bool, str | None]:
    """(IRI, canonical symbol, is it a resolution, undocs.org URL) of a cited symbol (the same
    symbols recur in every resolution)."""
    iri = uris.document_iri(symbol, base)
    canonical = symbols.canonical(symbol) if symbols.is_symbol(symbol) else symbol
    is_resolution = uris.is_eli_symbol(canonical) and "RES" in canonical.split("/")
    return iri, canonical, is_resolution, uris.undocs_url(canonical) if symbols.is_symbol(canonical) else None


def document_node(ctx: Context, symbol: str, kind: str = "document", date: str | None = None) -> str:
    """A cited or origin document, typed and labelled by its symbol."""
    iri, canonical, is_resolution, see_also = _document(symbol, ctx.base)
    ctx.add(iri, RDF.type, ctx.u("Resolution" if is_resolution else "Document"))
    ctx.add(iri, ctx.u("symbol"), ctx.literal(canonical))
    if is_resolution and iri != ctx.work:
        ctx.add(iri, ctx.u("adoptionDate"), ctx.date(date))
    elif date:
        ctx.add(iri, DCTERMS.date, ctx.date(date))
    if see_also is not None:
        ctx.add(iri, RDFS.seeAlso, see_also)
    return iri
