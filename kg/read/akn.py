"""Read the UN's Akoma Ntoso XML (the AKN4UN profile) into a ``Resolution``.

``read_akn(path, data)`` is the pure heart: bytes in, typed record out.  It fills
the same record as the text parser (symbol, organ, session, number, title,
adoption date, meeting, committee, origin, agenda items, paragraphs, footnotes,
citations, parts, annexes) and what only the XML carries (subjects, sponsors,
the vote per state, workflow, publication date).  ``Resolution.text`` is a
plain-text rendering built while walking the tree; every span indexes into it.

Everything is taken from the content, never from the file name: the symbol
from the cover page, the language from the FRBR expression, the structure from
the markup.  The parser is hardened: no DTD, no entities, no network, no huge
trees; a document that declares a DOCTYPE or ENTITY is refused.

Presidential statements (``S/PRST/...``) and draft resolutions that were not
adopted are AKN documents too, but not resolutions: they are refused with a
clear ``ParseError`` rather than squeezed into a ``Resolution``.

This module parses the XML safely and walks the document: cover page, preface,
conclusions and the statement of each part.  The rest of the reader:

- ``kg.read.akn_text``: the plain-text rendering and the span of every element;
- ``kg.read.akn_body``: preamble, operative paragraphs, sub-paragraphs, annexes
  (with ``akn_leads``: lead phrases; ``akn_sections``: section keys);
- ``kg.read.akn_header``: which of trailer, cover page and metadata gives the
  adoption, meeting, committee, origin, vote ... (pieces from ``akn_meta``);
- ``kg.read.akn_references``: footnotes written after the body, citations from
  links and from symbols printed without a link.
"""
from __future__ import annotations

import hashlib
import re

from lxml import etree

from kg import symbols
from kg.model import ParseError, Part, Resolution, Span, SubParagraph
from kg.read import akn_meta as meta_of
from kg.read.akn_body import BodyWalker, StatementBody
from kg.read.akn_header import adoption, fill_header
from kg.read.akn_leads import fill_missing_leads, paragraph_key
from kg.read.akn_references import add_citations, attach_footnote_refs, write_footnotes
from kg.read.akn_sections import apply_sections
from kg.read.akn_text import AKN_NS, TextBuilder, akn_children, local, plain, trim

_Q = "{%s}" % AKN_NS
_ORGAN_BY_AUTHOR = {"ga": "GA", "sc": "SC", "ecosoc": "ECOSOC", "hrc": "HRC"}
# Real AKN resolutions are well under 2 MB; the reader's time grows faster than linearly with
# size (Python objects per element), so a bound keeps every input's time bounded (issue 10).
MAX_AKN_BYTES = 8_000_000
_NOT_RESOLUTIONS = {
    "presidentialStatement": "a presidential statement of the Security Council",
    "draftResolution": "a draft resolution that was not adopted",
}


# -- parsing ---------------------------------------------------------------------

def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           dtd_validation=False, remove_pis=True)


def parse_xml(path: str, data: bytes) -> etree._Element:
    """Parse untrusted XML; refuse DTDs and entities; one-line ParseError otherwise."""
    try:
        tree = etree.fromstring(data, _parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        reason = " ".join(str(exc).split())
        if "entity" in reason.lower() or "doctype" in reason.lower():
            raise ParseError(path, "external entities/DTD not allowed") from None
        raise ParseError(path, f"not well-formed XML: {reason}") from None
    except ValueError as exc:  # e.g. unicode strings with an encoding declaration
        raise ParseError(path, f"not well-formed XML: {exc}") from None
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None or info.system_url:
        raise ParseError(path, "external entities/DTD not allowed")
    root = tree.getroot()
    if next(root.iter(etree.Entity), None) is not None:
        raise ParseError(path, "external entities/DTD not allowed")
    return root


# -- the reader ------------------------------------------------------------------

def read_akn(path: str, data: bytes) -> Resolution:
    """Read one AKN4UN document into a ``Resolution`` (raises ``ParseError``)."""
    if len(data) > MAX_AKN_BYTES:
        raise ParseError(path, f"Akoma Ntoso document too large ({len(data) / 1e6:.1f} MB; "
                               f"the limit is {MAX_AKN_BYTES / 1e6:.0f} MB)")
    root = parse_xml(path, data)
    if local(root) != "akomaNtoso":
        raise ParseError(path, f"not Akoma Ntoso: the root element is <{local(root) or root.tag}>")
    docs = [c for c in akn_children(root) if local(c) != "components"]
    if not docs:
        raise ParseError(path, "Akoma Ntoso document without a document element")
    doc = docs[0]
    kind = doc.get("name") or ""
    if kind in _NOT_RESOLUTIONS:
        number = plain(meta_of.by_ref(doc, "docNumber", "symbol")) or "?"
        raise ParseError(path, f"not a resolution: {number} is {_NOT_RESOLUTIONS[kind]}")
    try:
        return _Reader(path, data, root, doc).read()
    except ParseError:
        raise
    except (ValueError, KeyError, AttributeError, TypeError) as exc:
        raise ParseError(path, f"unreadable AKN resolution: {exc}") from None


class _Reader:
    """Walks one document once, writing its text and filling the record."""

    def __init__(self, path: str, data: bytes, root: etree._Element, doc: etree._Element) -> None:
        self.path, self.data, self.root, self.doc = path, data, root, doc
        self.b = TextBuilder()
        self.meta = doc.find(_Q + "meta")
        self.cover = doc.find(_Q + "coverPage")
        self.conclusions: list[etree._Element] = []
        self.spans: dict[str, Span] = {}
        self.walkers: list[BodyWalker] = []

    def read(self) -> Resolution:
        symbol_el = meta_of.by_ref(self.cover if self.cover is not None else self.doc, "docNumber", "symbol")
        symbol = self._symbol(plain(symbol_el))
        organ = self._organ(symbol)
        res = Resolution(source=self.path, source_format="akn",
                         source_sha256=hashlib.sha256(self.data).hexdigest(), text="", symbol=symbol,
                         organ=organ)  # type: ignore[arg-type]
        if self.cover is not None:
            for child in akn_children(self.cover):
                self.b.line(child, None)
        self._note(symbol_el, "symbol")
        bodies = self._bodies(res)
        apply_sections(res, self.walkers, bodies, self.b)
        ref_keys = write_footnotes(self.b, res)
        res.text = self.b.text()
        fill_header(res, self.doc, self.meta, self.cover, self.conclusions, self._note)
        self._body_fields(res, bodies)
        attach_footnote_refs(res, ref_keys)
        add_citations(res, self.b.links)
        fill_texts(res)
        res.warnings += fill_missing_leads(res.paragraphs, {k: v for w in self.walkers for k, v in w.unmarked.items()},
                                           res.language or "en", paragraph_key)
        res.spans = {k: trim(res.text, v) for k, v in self.spans.items()}
        return res

    # -- pieces ------------------------------------------------------------------

    def _symbol(self, printed: str) -> str:
        if not printed:
            raise ParseError(self.path, "no document symbol on the cover page")
        try:
            symbol = symbols.canonical(printed)
        except ValueError:
            raise ParseError(self.path, f"unreadable document symbol {printed!r}") from None
        if not symbols.parse(symbol.split("-")[0]).is_resolution:
            raise ParseError(self.path, f"not a resolution: {symbol}")
        return symbol

    def _organ(self, symbol: str) -> str:
        organ = symbols.parse(symbol).organ
        if organ:
            return organ
        author = next(self.meta.iter(_Q + "FRBRauthor"), None) if self.meta is not None else None
        organ = _ORGAN_BY_AUTHOR.get((author.get("href") or "").lstrip("#").lower()) if author is not None else None
        if not organ:
            raise ParseError(self.path, f"cannot tell which organ adopted {symbol}")
        return organ

    def _note(self, el: etree._Element | None, name: str) -> None:
        if el is not None and el in self.b.spans and name not in self.spans:
            self.spans[name] = self.b.spans[el]

    def _bodies(self, res: Resolution) -> list[StatementBody]:
        """Render preface, body and conclusions of the statement or of each part."""
        bodies: list[StatementBody] = []
        components = self.root.find(_Q + "components")
        self._statement(self.doc, None, bodies, res, is_part=False)
        if components is not None:
            for comp in components.iter(_Q + "component"):
                stmt = next((c for c in akn_children(comp) if local(c) in ("statement", "doc")), None)
                if stmt is None:
                    continue
                label = _part_label(stmt, len(res.parts))
                start = self.b.pos
                self._statement(stmt, label, bodies, res, is_part=True)
                span = trim(self.b.text(), Span(start, self.b.end))
                title_el = stmt.find(f"{_Q}preface//{_Q}docTitle")
                concl = stmt.find(_Q + "conclusions")
                meeting, date = adoption(concl)
                res.parts.append(Part(label, plain(title_el) or None, span, meeting, date))
        return bodies

    def _statement(self, stmt: etree._Element, part: str | None, bodies: list[StatementBody],
                   res: Resolution, is_part: bool) -> StatementBody:
        body = StatementBody()
        walker = BodyWalker(self.b, part)
        self.walkers.append(walker)
        for section in akn_children(stmt):
            name = local(section)
            if name in ("meta", "coverPage", "collectionBody"):
                continue
            if name == "preface":
                self.b.newline()
                for child in akn_children(section):
                    self.b.line(child, None)
                if not is_part:
                    title_el = section.find(f".//{_Q}docTitle[@refersTo='#resolutionTitle']")
                    self._note(title_el if title_el is not None else section.find(f".//{_Q}docTitle"), "title")
            elif name == "preamble":
                walker.preamble(section, body)
            elif name == "mainBody":
                walker.main_body(section, body)
            elif name == "conclusions":
                self.conclusions.append(section)
                for child in akn_children(section):
                    self.b.line(child, None)
            elif name == "attachments":
                for doc in section.iter(_Q + "doc"):
                    walker.annex(doc, body)
            else:
                self.b.line(section, None)
        bodies.append(body)
        return body

    def _body_fields(self, res: Resolution, bodies: list[StatementBody]) -> None:
        """The enacting formula (of the first statement), the paragraphs and annexes of every statement."""
        first_body = bodies[0] if bodies else StatementBody()
        res.enacting_formula = first_body.enacting_formula
        if first_body.formula_span is not None:
            self.spans["enacting_formula"] = first_body.formula_span
        for body in bodies:
            res.preamble.extend(body.preamble)
            res.operative.extend(body.operative)
            res.annexes.extend(body.annexes)


# -- helpers -----------------------------------------------------------------------

def _part_label(stmt: etree._Element, index: int) -> str:
    number = plain(stmt.find(f"{_Q}preface//{_Q}docNumber")).strip(" .")
    if re.fullmatch(r"[A-Z]", number):
        return number
    uri = next(stmt.iter(_Q + "FRBRuri"), None)
    m = re.search(r"\d([A-Z])/?$", uri.get("value") or "") if uri is not None else None
    return m.group(1) if m else chr(ord("A") + index)


def fill_texts(res: Resolution) -> None:
    """Set every ``text`` field from its span once the whole text exists."""
    text = res.text

    def cut(span: Span) -> str:
        return text[span.start:span.end]

    def subs(items: list[SubParagraph]) -> None:
        for s in items:
            s.text = cut(s.span)
            subs(s.subparagraphs)

    for p in res.paragraphs:
        p.text = cut(p.span)
        subs(p.subparagraphs)
    for fn in res.footnotes:
        fn.text = cut(fn.span)
    for annex in res.annexes:
        annex.text = cut(annex.span)
