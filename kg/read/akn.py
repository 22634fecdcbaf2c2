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
"""
from __future__ import annotations

import functools
import hashlib
import re
from urllib.parse import unquote, urlparse

from lxml import etree

from kg import symbols
from kg.model import (Citation, Footnote, FootnoteRef, Paragraph, ParseError, Part, Resolution, Span,
                      SubParagraph)
from kg.read import akn_meta as meta_of
from kg.read.akn_body import BodyWalker, StatementBody
from kg.read.akn_leads import fill_missing_leads, paragraph_key
from kg.read.akn_sections import apply_sections
from kg.read.akn_text import AKN_NS, TextBuilder, akn_children, local, overlap_test, plain, trim

_Q = "{%s}" % AKN_NS
_ORGAN_BY_AUTHOR = {"ga": "GA", "sc": "SC", "ecosoc": "ECOSOC", "hrc": "HRC"}
_UN_DOC_HOSTS = ("undocs.org", "docs.un.org", "documents.un.org", "daccess-ods.un.org", "www.un.org", "un.org")
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


def is_akn(data: bytes) -> bool:
    """Cheap content sniff for the dispatcher: is the root element ``akomaNtoso``?"""
    try:
        for _event, el in etree.iterparse(_BytesReader(data), events=("start",), resolve_entities=False,
                                          no_network=True, load_dtd=False, huge_tree=False):
            return local(el) == "akomaNtoso"
    except etree.XMLSyntaxError:
        return False
    return False


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self._data, self._pos = data, 0

    def read(self, n: int = -1) -> bytes:
        chunk = self._data[self._pos:] if n < 0 else self._data[self._pos:self._pos + n]
        self._pos += len(chunk)
        return chunk


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
        self._footnotes(res)
        res.text = self.b.text()
        self._metadata(res, bodies)
        self._citations(res)
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
                meeting, date = _adoption(concl)
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

    def _footnotes(self, res: Resolution) -> None:
        """Footnote texts go after the body, one per line, in marker order."""
        seen: dict[tuple[str | None, str], Footnote] = {}
        for ref in list(self.b.note_refs):
            part = _part_of(ref.key)
            number = int(ref.marker) if ref.marker.isdigit() else len(seen) + 1
            fref = FootnoteRef(number, ref.span)
            if (part, ref.marker) in seen:
                seen[(part, ref.marker)].refs.append(fref)
                continue
            self.b.newline()
            self.b.label(ref.marker)
            start = self.b.pos
            key = f"{part}/fn/{number}" if part else f"fn/{number}"
            self.b.inline(ref.note, key)
            note = Footnote(number, "", trim(self.b.text(), Span(start, self.b.end)), refs=[fref])
            seen[(part, ref.marker)] = note
            res.footnotes.append(note)
        self._ref_keys = {id(r.span): r.key for r in self.b.note_refs}

    def _metadata(self, res: Resolution, bodies: list[StatementBody]) -> None:
        frbr = meta_of.frbr(self.meta)
        steps = meta_of.workflow(self.meta)
        cover = self.cover
        first_body = bodies[0] if bodies else StatementBody()
        res.language = frbr["language"] or "en"
        res.publication_date = frbr["publication"]
        first_symbol = symbols.split_joint(res.symbol)[0]     # "A/RES/ES-11/1" is one symbol, not two
        res.session = symbols.session_of(first_symbol)
        res.number = symbols.number_of(first_symbol)
        res.title = plain(self.doc.find(f"{_Q}preface//{_Q}docTitle")) or meta_of.catalogue_title(self.meta)
        # adoption: the printed trailer, else the cover page, else FRBR
        meeting, date, meeting_el, date_el = None, None, None, None
        for holder in [*self.conclusions, *([cover] if cover is not None else [])]:
            if meeting_el is None:
                meeting_el = _meeting_element(holder)
            if date_el is None:
                date_el = meta_of.by_ref(holder, "docDate", "adoptionDate")
        if meeting_el is not None:
            meeting = meta_of.meeting_number(meeting_el.get("title") or plain(meeting_el))
            self._note(meeting_el, "meeting")
        if date_el is not None:
            date = meta_of.iso_date(date_el.get("date"))
            self._note(date_el, "adoption_date")
        res.adoption_date = date or (res.parts[0].adoption_date if res.parts else None) or _earliest(
            [frbr["adoption"], *[meta_of.iso_date(s.get("date")) for s in steps if s.get("outcome") == "adopted"]])
        self._check_cover_date(res)
        res.meeting = meeting or meta_of.meeting_from_steps(steps)
        res.meeting_kind = "plenary" if res.meeting and res.organ in ("GA", "ECOSOC") else None
        proponent = next(cover.iter(_Q + "docProponent"), None) if cover is not None else None
        res.committee = meta_of.committee(proponent)
        self._note(proponent, "committee")
        res.origin_documents = meta_of.origin_documents(cover)
        if not res.origin_documents:
            drafts = [s["as"] for s in steps if s.get("outcome") == "draftResolution" and s.get("as")]
            res.origin_documents = [symbols.canonical(d) for d in drafts if symbols.is_symbol(d)]
        res.agenda_items = meta_of.agenda_items(cover)
        if cover is not None:
            dist = meta_of.by_ref(cover, "docDate", "dateOfIssuance")
            res.distribution_date = meta_of.iso_date(dist.get("date")) if dist is not None else None
            self._note(dist, "distribution_date")
            self._note(next((i for i in cover.iter(_Q + "inline") if i.get("name") == "agenda item"), None),
                       "agenda_items")
            self._note(next((i for i in cover.iter(_Q + "inline") if i.get("name") == "originating document"), None),
                       "origin_documents")
        res.job_number = meta_of.job_number(self.meta)
        res.enacting_formula = first_body.enacting_formula
        if first_body.formula_span is not None:
            self.spans["enacting_formula"] = first_body.formula_span
        for body in bodies:
            res.preamble.extend(body.preamble)
            res.operative.extend(body.operative)
            res.annexes.extend(body.annexes)
        res.subjects = meta_of.subjects(self.meta)
        res.workflow = steps
        res.sponsors = meta_of.sponsors(steps)
        res.voting = meta_of.voting(self.meta, self.conclusions[-1] if self.conclusions else None, res.organ, steps)
        res.warnings.extend(meta_of.vote_warnings(res.voting))
        refs_by_paragraph = self._refs_by_paragraph(res)
        for paragraph in res.paragraphs:
            paragraph.footnote_refs = list(refs_by_paragraph.get(_paragraph_key(paragraph), ()))

    def _refs_by_paragraph(self, res: Resolution) -> dict[str, list[FootnoteRef]]:
        """Footnote references by the key of every paragraph they stand in (``op/5/a`` counts for
        ``op/5``), in footnote order: one pass, so a document with thousands of paragraphs and
        footnotes stays linear (it was quadratic: issue 10)."""
        keys = {_paragraph_key(p) for p in res.paragraphs}
        out: dict[str, list[FootnoteRef]] = {}
        for fn in res.footnotes:
            for ref in fn.refs:
                key = self._ref_keys.get(id(ref.span))
                if not key:
                    continue
                steps = key.split("/")
                for end in range(1, len(steps) + 1):
                    prefix = "/".join(steps[:end])
                    if prefix in keys:
                        out.setdefault(prefix, []).append(ref)
        return out

    def _check_cover_date(self, res: Resolution) -> None:
        """Warn when the cover page prints another day than the marked-up adoption date."""
        titles = [] if self.cover is None else [
            t for t in self.cover.iter(_Q + "docTitle") if t.get("refersTo") != "#resolutionNumber"]
        title = plain(titles[0]) if titles else ""
        if not res.adoption_date or not title or not re.search(r"\b(?:19|20)\d\d\b", title):
            return
        year, day = res.adoption_date[:4], str(int(res.adoption_date[8:]))
        if year in title and not re.search(rf"(?<!\d){day}(?!\d)", title):
            res.warnings.append(f"the cover page ({title!r}) does not print the adoption date {res.adoption_date}")

    def _citations(self, res: Resolution) -> None:
        """Citations from links, plus symbols printed in paragraphs and footnotes without a link."""
        from kg.parse.citations import printed_parts

        taken: list[Span] = []
        for link in self.b.links:
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
        regions = [(p.span, _paragraph_key(p)) for p in res.paragraphs]
        regions += [(fn.span, f"{_part_prefix(res, fn)}fn/{fn.number}") for fn in res.footnotes]
        overlaps_link = overlap_test(taken)
        for span, key in regions:
            for cit in running_text_citations(res.text, span, res.organ, key, language=res.language or "en"):
                if cit.symbol == res.symbol or overlaps_link(cit.span):
                    continue
                res.citations.append(cit)
        res.citations.sort(key=lambda c: c.span.start)


# -- helpers -----------------------------------------------------------------------

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


def _earliest(dates: list[str | None]) -> str | None:
    real = sorted(d for d in dates if d)
    return real[0] if real else None


def _is_joint(symbol: str) -> bool:
    return len(symbols.split_joint(symbol)) > 1


def _part_label(stmt: etree._Element, index: int) -> str:
    number = plain(stmt.find(f"{_Q}preface//{_Q}docNumber")).strip(" .")
    if re.fullmatch(r"[A-Z]", number):
        return number
    uri = next(stmt.iter(_Q + "FRBRuri"), None)
    m = re.search(r"\d([A-Z])/?$", uri.get("value") or "") if uri is not None else None
    return m.group(1) if m else chr(ord("A") + index)


def _part_of(key: str | None) -> str | None:
    if key and re.match(r"^[A-Z]/", key):
        return key.split("/")[0]
    return None


def _part_prefix(res: Resolution, fn: Footnote) -> str:
    for part in res.parts:
        if part.span.start <= (fn.refs[0].span.start if fn.refs else -1) < part.span.end:
            return f"{part.label}/"
    return ""


def _paragraph_key(p: Paragraph) -> str:
    base = f"op/{p.number}" if p.kind == "operative" else f"pp/{p.number}"
    return f"{p.scope}{base}"


def _meeting_element(root: etree._Element) -> etree._Element | None:
    found = meta_of.by_ref(root, "location", "adoptionMeeting")
    if found is not None:
        return found
    return next((i for i in root.iter(_Q + "inline") if i.get("name") == "adoptionMeeting"), None)


def _adoption(concl: etree._Element | None) -> tuple[int | None, str | None]:
    if concl is None:
        return None, None
    meeting_el = _meeting_element(concl)
    date_el = meta_of.by_ref(concl, "docDate", "adoptionDate")
    meeting = meta_of.meeting_number(meeting_el.get("title") or plain(meeting_el)) if meeting_el is not None else None
    date = meta_of.iso_date(date_el.get("date")) if date_el is not None else None
    return meeting, date


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
