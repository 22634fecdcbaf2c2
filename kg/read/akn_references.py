"""What an AKN resolution refers to: its footnotes and its citations of other documents.

Footnotes: AKN4UN puts a footnote's text inside its marker (``<authorialNote>``), in the middle
of a paragraph; ``write_footnotes`` writes each text after the body, one per line, as the ODS
text prints it, and ``attach_footnote_refs`` gives each paragraph the references that stand in
it.  Citations: a link to a UN document (``<ref href="https://undocs.org/...">``) is one, with
the part printed after it ("47/54</a> B"); a symbol printed without a link is found by the text
parser's extractors (``kg.parse.citations``, ``kg.parse.citations_multilingual``) in every
paragraph and footnote, and kept unless a link already gave it.
"""
from __future__ import annotations

import functools
import re
from urllib.parse import unquote, urlparse

from kg import symbols
from kg.model import Citation, Footnote, FootnoteRef, Resolution, Span
from kg.read import akn_meta as meta_of
from kg.read.akn_leads import paragraph_key
from kg.read.akn_text import Link, TextBuilder, overlap_test, trim

_UN_DOC_HOSTS = ("undocs.org", "docs.un.org", "documents.un.org", "daccess-ods.un.org", "www.un.org", "un.org")


# -- footnotes ---------------------------------------------------------------------

def write_footnotes(b: TextBuilder, res: Resolution) -> dict[int, str | None]:
    """Footnote texts go after the body, one per line, in marker order.  Returns the key of the
    paragraph each reference stands in, by the id of the reference's span."""
    seen: dict[tuple[str | None, str], Footnote] = {}
    for ref in list(b.note_refs):
        part = _part_of(ref.key)
        number = int(ref.marker) if ref.marker.isdigit() else len(seen) + 1
        fref = FootnoteRef(number, ref.span)
        if (part, ref.marker) in seen:
            seen[(part, ref.marker)].refs.append(fref)
            continue
        b.newline()
        b.label(ref.marker)
        start = b.pos
        key = f"{part}/fn/{number}" if part else f"fn/{number}"
        b.inline(ref.note, key)
        note = Footnote(number, "", trim(b.text(), Span(start, b.end)), refs=[fref])
        seen[(part, ref.marker)] = note
        res.footnotes.append(note)
    return {id(r.span): r.key for r in b.note_refs}


def attach_footnote_refs(res: Resolution, ref_keys: dict[int, str | None]) -> None:
    """Give each paragraph the footnote references that stand in it (``ref_keys``: from
    ``write_footnotes``)."""
    refs_by_paragraph = _refs_by_paragraph(res, ref_keys)
    for paragraph in res.paragraphs:
        paragraph.footnote_refs = list(refs_by_paragraph.get(paragraph_key(paragraph), ()))


def _refs_by_paragraph(res: Resolution, ref_keys: dict[int, str | None]) -> dict[str, list[FootnoteRef]]:
    """Footnote references by the key of every paragraph they stand in (``op/5/a`` counts for
    ``op/5``), in footnote order: one pass, so a document with thousands of paragraphs and
    footnotes stays linear (it was quadratic: issue 10)."""
    keys = {paragraph_key(p) for p in res.paragraphs}
    out: dict[str, list[FootnoteRef]] = {}
    for fn in res.footnotes:
        for ref in fn.refs:
            key = ref_keys.get(id(ref.span))
            if not key:
                continue
            steps = key.split("/")
            for end in range(1, len(steps) + 1):
                prefix = "/".join(steps[:end])
                if prefix in keys:
                    out.setdefault(prefix, []).append(ref)
    return out


def _part_of(key: str | None) -> str | None:
    if key and re.match(r"^[A-Z]/", key):
        return key.split("/")[0]
    return None


def _part_prefix(res: Resolution, fn: Footnote) -> str:
    for part in res.parts:
        if part.span.start <= (fn.refs[0].span.start if fn.refs else -1) < part.span.end:
            return f"{part.label}/"
    return ""


# -- citations ---------------------------------------------------------------------

def add_citations(res: Resolution, links: list[Link]) -> None:
    """Citations from links, plus symbols printed in paragraphs and footnotes without a link."""
    from kg.parse.citations import printed_parts

    taken: list[Span] = []
    for link in links:
        symbol = symbol_from_href(link.href)
        if not symbol:
            continue
        span = trim(res.text, link.span)
        for symbol, span in printed_parts(res.text, symbol, span):  # "47/54</a> B": part B
            res.citations.append(Citation(symbol, span, res.text[span.start:span.end], citation_kind(symbol),
                                          symbols=symbols.split_joint(symbol), in_paragraph=link.key))
            taken.append(span)
    # A citation printed without a link ("and its decision 76/563", A/RES/80/4) is one all the
    # same, as the Word and text renderings of it say: the numbered "resolution 1892 (2009)"
    # extractor reads every paragraph, in English and in the other UN languages
    # (kg.parse.citations_multilingual); a citation a link already gave is not taken twice.
    regions = [(p.span, paragraph_key(p)) for p in res.paragraphs]
    regions += [(fn.span, f"{_part_prefix(res, fn)}fn/{fn.number}") for fn in res.footnotes]
    overlaps_link = overlap_test(taken)
    for span, key in regions:
        for cit in running_text_citations(res.text, span, res.organ, key, language=res.language or "en"):
            if cit.symbol == res.symbol or overlaps_link(cit.span):
                continue
            res.citations.append(cit)
    res.citations.sort(key=lambda c: c.span.start)


def running_text_citations(text: str, span: Span, organ: str, key: str | None,
                           language: str = "en") -> list[Citation]:
    """Citations printed in a paragraph without a link: full symbols, and "resolution 1892 (2009)"
    by the text parser's extractor (``kg.parse.citations``; for the other languages
    ``kg.parse.citations_multilingual``), with a symbol cut by the markup mended."""
    from kg.parse.citations import find_citations
    from kg.parse.citations_multilingual import find_citations_multilingual

    english = language.split("-")[0] == "en"
    cited = (find_citations(text, span.start, span.end, organ, key) if english
             else find_citations_multilingual(text, span.start, span.end, organ, key, language))
    found = []
    for cit in cited:
        fixed = meta_of.repair_symbol_end(text, cit.span.start, cit.span.end)
        if fixed:
            cit.span = Span(cit.span.start, fixed[0])
            cit.text = text[cit.span.start:cit.span.end]
            cit.symbol, cit.symbols = fixed[1], symbols.split_joint(fixed[1])
            cit.kind = citation_kind(fixed[1])
        found.append(cit)
    return found


@functools.lru_cache(maxsize=4096)
def symbol_from_href(href: str) -> str | None:
    """``https://undocs.org/en/A/RES/1145(XII)`` -> ``A/RES/1145 (XII)``; None for other links.
    Cached: a pure function, and the same links recur across paragraphs and documents."""
    url = urlparse(href.strip())
    host = (url.netloc or "").lower()
    if url.scheme and not any(host == h or host.endswith("." + h) for h in _UN_DOC_HOSTS):
        return None
    path = unquote(url.path).strip("/")
    path = re.sub(r"^(?:[a-z]{2}/)", "", path)           # language segment
    path = re.sub(r"^(?:doc/|symbol/|api/symbol/access\?s=)", "", path)
    # "A/RES/377A(V)": the document A/RES/377 (V), as the text parser and the English links cite it
    # ("resolution 217 A (III)" is undocs.org/A/RES/217(III)); the part letter is not part of the symbol
    path = re.sub(r"/(\d+)\s?[A-L](?:-[A-L])?\s?(\([IVXLC]+\))$", r"/\1 \2", path)
    try:
        symbol = symbols.canonical(path)
    except ValueError:
        return None
    sym = symbols.parse(symbol.split("-")[0])
    return symbol if sym.components else None


@functools.lru_cache(maxsize=4096)
def citation_kind(symbol: str) -> str:
    """The kind of document a cited symbol names (cached, like ``symbol_from_href``)."""
    comps = symbols.parse(symbol.split("-")[0]).components
    if "RES" in comps:
        return "resolution"
    if "DEC" in comps:
        return "decision"
    if any(c.startswith(("PV.", "SR.")) for c in comps):
        return "meeting-record"
    if any(c.startswith("L.") for c in comps):
        return "draft"
    return "document"
