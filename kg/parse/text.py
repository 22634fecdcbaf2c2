"""``parse_text``: a ``SourceDocument`` in the readers' layout -> a ``Resolution``.

The document is cut into three zones by line: the *head* (before the first
enacting formula: adoption line, origin, number and title), the *body*
(paragraphs, parts, annexes, meeting trailers) and the *tail* (footnotes,
ODS comment markers, masthead headers).  Header fields come from head and
tail, the structure from the body; footnote markers and citations are then
found inside the paragraphs.  Every fact keeps the span it came from.
"""
from __future__ import annotations

import bisect
import re

from kg.model import Citation, Footnote, Paragraph, ParseError, Resolution, SourceDocument, Span, SubParagraph
from kg.ordinals import ORDINAL_WORD
from kg.parse.citations import find_citations
from kg.parse.footnotes import find_footnote_block, find_markers, resolve_ibid
from kg.parse.header import parse_header
from kg.parse.votes import printed_vote
from kg.read.akn_meta import vote_warnings
from kg.parse.patterns import (DATE, ENACTING_RE, MEETING_RE, NUMBER_LINE_RE, PART_LABEL_RE, STOP_LINE_RE, iso_date,
                               organ_code)
from kg.parse.structure import parse_body
from kg.symbols import canonical, number_of, organ_of_number, parse as parse_symbol, resolution_symbol, session_of

_SCRIPT_LANGS = (("ru", re.compile(r"[\u0400-\u04ff]")), ("ar", re.compile(r"[\u0600-\u06ff]")),
                 ("zh", re.compile(r"[\u4e00-\u9fff]")))
_LATIN_LANGS = (("fr", re.compile(r"Assembl[ée]e\s+g[ée]n[ée]rale|Conseil\s+de\s+s[ée]curit[ée]|R[ée]solution\s+adopt[ée]e")),
                ("es", re.compile(r"Asamblea\s+General|Consejo\s+de\s+Seguridad|Resoluci[óo]n\s+aprobada")),
                ("de", re.compile(r"Generalversammlung|Sicherheitsrat|Menschenrechtsrat|Wirtschafts-\s*und\s+Sozialrat")))
#: Any letter of those scripts, any of those names: a text with none (most) is searched once, not six times.
_ANY_SCRIPT_RE = re.compile(r"[\u0400-\u04ff\u0600-\u06ff\u4e00-\u9fff]")
#: (Their alternatives side by side: grouped, the engine would try the pattern at every position.)
_ANY_LATIN_RE = re.compile("|".join(regex.pattern for _, regex in _LATIN_LANGS))
_RESOLUTION_OF_RE = re.compile(rf"Resolution\s+of\s+{DATE}")
_BRACKETED_DRAFT_RE = re.compile(r"\s*[\[(|]\s*(S/\d{1,5}(?:/(?:Rev|Add|Corr)\.\d+)*)\s*[\])|]")
#: "Adopted at the 476th meeting" (OCR may garble "meeting": "mecting", "meet-\ning").
_ADOPTED_AT_RE = re.compile(r"^[ \t]*Adopted\s+(?:unanimously\s+)?at\s+the\s+(?P<number>\d{1,5})\s*(?:st|nd|rd|th|d)\s+"
                            r"(?P<plenary>plenary\s+)?m\w{2,4}ing\b", re.M)


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without the newline."""
    spans = []
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            spans.append((start, len(text)))
            return spans
        spans.append((start, end))
        start = end + 1


def detect_language(text: str, meta: dict[str, str]) -> str:
    sample = text[:3000]
    for code, regex in _SCRIPT_LANGS if _ANY_SCRIPT_RE.search(sample) else ():
        if len(regex.findall(sample)) > 50:
            return code
    for code, regex in _LATIN_LANGS if _ANY_LATIN_RE.search(sample) else ():
        if regex.search(sample):
            return code
    lang = (meta.get("language") or meta.get("core:language") or "").lower()
    if lang[:2] in ("fr", "es", "ru", "ar", "zh", "de"):
        return lang[:2]
    return "en"


def _find_enacting(text: str, lines: list[tuple[int, int]]) -> int | None:
    for idx, (s, e) in enumerate(lines):
        if e - s < 70 and ENACTING_RE.match(text, s, e):
            return idx
    return None


def _include_part_label(text: str, lines: list[tuple[int, int]], enact: int) -> int:
    """Start the body at the part label ("A") that precedes the first enacting formula, if any."""
    seen = 0
    for idx in range(enact - 1, max(-1, enact - 8), -1):
        s, e = lines[idx]
        line = text[s:e].strip()
        if not line:
            continue
        if PART_LABEL_RE.fullmatch(line):
            return idx
        seen += 1
        if seen > 2:
            break
    return enact


def _organ_from_enacting(formula: str) -> str | None:
    """"The General Assembly," / "L'Assemblée générale," / "El Consejo de Seguridad," -> organ."""
    compact = re.sub(r"\s+", " ", formula).strip(" ,.;")
    name = re.sub(r"^(?:The|THE|Le|La|El|L[’'])\s?", "", compact)
    code = organ_code(name)
    if code:
        return code
    if "securit" in compact.lower():
        return "SC"
    return None


def _walk_subparagraphs(subs: list[SubParagraph], key: str):
    for sub in subs:
        sub_key = f"{key}/{sub.label}"
        yield sub_key, sub
        yield from _walk_subparagraphs(sub.subparagraphs, sub_key)


def paragraph_key(para: Paragraph) -> str:
    """``pp/1``, ``op/5``, ``A/op/5``, ``sec/2/op/1``, ``A/sec/2/op/1`` (see ``Paragraph.scope``)."""
    prefix = para.scope
    kind = "pp" if para.kind == "preambular" else "op"
    number = para.number_text.replace(" ", "") if para.number_text else str(para.number)
    return f"{prefix}{kind}/{number}"


def _resolve_symbol(doc: SourceDocument, header, organ: str | None, parts: list[str]) -> str | None:
    for candidate in (header.symbol, doc.meta.get("symbol"), doc.meta.get("prop:Symbol1")):
        if candidate:
            try:
                return canonical(candidate)
            except ValueError:
                continue
    if header.number:
        number = header.number
        organ = organ or organ_of_number(number)
        if organ == "SC" and not re.search(r"\(\d{4}\)", number):
            return None
        if organ:
            try:
                symbol = resolution_symbol(number, organ)
            except (ValueError, KeyError):
                return None
            if parts and not parse_symbol(symbol).part:
                symbol += f" {parts[0]}" + (f"-{parts[-1]}" if len(parts) > 1 else "")
                symbol = canonical(symbol)
            return symbol
    return None


def parse_text(doc: SourceDocument) -> Resolution:
    """Parse one resolution from a decoded document (see module docstring)."""
    text = doc.text
    lines = line_spans(text)
    enact = _find_enacting(text, lines)
    if enact is None:
        # Old layouts may lack it (OCR noise); a resolution number line still anchors the head.
        m = NUMBER_LINE_RE.search(text)
        if not m:
            raise ParseError(doc.path, "not a resolution: no enacting formula (\"The General Assembly,\" ...) "
                                       "and no resolution number found")
        enact = next(i for i, (s, e) in enumerate(lines) if s <= m.start() <= e) + 1
    enact = _include_part_label(text, lines, enact)
    n = len(lines)
    # The body stops at the first ODS marker or separator rule; footnotes follow the last meeting
    # trailer before it (ODS, Word) or the rule (PDF).
    stop = n
    last_meeting = enact
    for idx in range(enact + 1, n):
        s, e = lines[idx]
        if STOP_LINE_RE.match(text, s, e):
            stop = idx
            break
        if e - s < 80 and MEETING_RE.match(text, s, e):
            last_meeting = idx
    fn_first, fn_end, footnotes = find_footnote_block(text, lines, last_meeting + 1, n)
    body_last = min(stop, fn_first)
    language = detect_language(text, doc.meta)
    italic = tuple(line for line in doc.meta.get("docx:italic_leads", "").split("\n") if line)
    body = parse_body(text, lines, enact, body_last, language, italic)
    head_end = lines[enact][0]
    # The tail (masthead after the body in Word files, page furniture) follows the footnotes,
    # or the body when there are none ((n, n) is find_footnote_block's "no footnotes").
    tail_from = max(body_last, fn_end) if footnotes else body_last
    tail_start = lines[tail_from - 1][1] if tail_from > 0 else 0
    if fn_first < stop and fn_end > stop:
        tail_start = lines[fn_end - 1][1]
    frame = [(0, head_end), (min(tail_start, len(text)), len(text))]
    header = parse_header(text, frame, doc.meta)

    organ = header.organ
    if organ is None and body.enacting_formula:
        organ = _organ_from_enacting(text[body.enacting_formula.start:body.enacting_formula.end])
    if organ is None and header.symbol:
        organ = parse_symbol(header.symbol).organ
    if organ is None and header.number:
        organ = organ_of_number(header.number)
    parts = [p.label for p in body.parts]
    symbol = _resolve_symbol(doc, header, organ, parts)
    if symbol is None:
        raise ParseError(doc.path, "not a resolution: no resolution symbol or number found")
    sym = parse_symbol(symbol)
    organ = organ or sym.organ
    if organ is None:
        raise ParseError(doc.path, f"cannot tell which organ adopted {symbol}")

    body_start, body_end = head_end, lines[body_last - 1][1] if body_last > 0 else len(text)
    find_markers(text, footnotes, body_start, body_end, spaced_ok=doc.format == "pdf-text")
    _attach_refs(body.preamble + body.operative, footnotes)

    citations: list[Citation] = []
    for para in body.preamble + body.operative:
        key = paragraph_key(para)
        citations += find_citations(text, para.span.start, para.span.end, organ, key)
        for sub_key, sub in _walk_subparagraphs(para.subparagraphs, key):
            citations += find_citations(text, sub.span.start, sub.span.end, organ, sub_key)
    first_symbol: dict[int, str] = {}
    for note in footnotes:
        found = find_citations(text, note.span.start, note.span.end, organ, f"fn/{note.number}")
        if found:
            first_symbol[note.number] = found[0].symbol
        citations += found
    resolve_ibid(footnotes, first_symbol)
    for note in footnotes:
        if note.resolved and note.number not in first_symbol and _looks_symbol(note.resolved):
            ibid_end = note.span.start + min(len(note.text), 5)
            citations.append(Citation(symbol=note.resolved, span=Span(note.span.start, ibid_end),
                                      text=text[note.span.start:ibid_end], kind=_kind_of(citations, note.resolved),
                                      symbols=note.resolved.split("-") if "-" in note.resolved else [note.resolved],
                                      in_paragraph=f"fn/{note.number}"))

    title = _complete_title(header.title, doc.meta.get("title"))
    meeting, plenary = header.meeting, header.meeting_plenary
    adoption_date = header.adoption_date
    spans = dict(header.spans)
    if body.meetings:
        number, is_plenary, date, span = body.meetings[0]
        if meeting is None:
            meeting, plenary = number, is_plenary
            spans["meeting"] = span
        if adoption_date is None and date:
            adoption_date = date
    if body.enacting_formula:
        spans["enacting_formula"] = body.enacting_formula
    origin_documents = header.origin_documents
    old = _RESOLUTION_OF_RE.match(title) if title else None
    if old:
        # Old Security Council compilations: "84 (1950). Resolution of 7 July 1950 [S/1588]":
        # no title, the date, and the draft in brackets (OCR may read "[" as "(").
        adoption_date = adoption_date or iso_date(old)
        draft = _BRACKETED_DRAFT_RE.search(title, old.end())
        if draft and not origin_documents:
            origin_documents = [canonical(draft.group(1))]
        title = None
    if meeting is None:
        # Old compilations close with "Adopted at the 476th meeting by 7 votes to 1 ...".
        adopted = _ADOPTED_AT_RE.search(text)
        if adopted:
            meeting, plenary = int(adopted.group("number")), bool(adopted.group("plenary"))
            spans["meeting"] = Span(adopted.start("number"), adopted.end("number"))
    warnings = []
    if not body.preamble and not body.operative:
        warnings.append("no paragraphs found")
    last = body.operative[-1] if body.operative else (body.preamble[-1] if body.preamble else None)
    printed = printed_vote(text, last.span.end if last else 0)
    voting = None
    if printed:
        voting, spans["voting"] = printed
        warnings += vote_warnings(voting)
    return Resolution(
        source=doc.path, source_format=doc.format, source_sha256=doc.sha256, text=text,
        symbol=symbol, organ=organ, session=session_of(symbol), number=header.number or number_of(symbol),
        title=title, adoption_date=adoption_date, meeting=meeting,
        meeting_kind="plenary" if plenary else None, committee=header.committee,
        origin_documents=origin_documents, agenda_items=header.agenda_items,
        distribution_date=header.distribution_date or _front_matter_date(doc.meta), job_number=header.job_number,
        language=language,
        enacting_formula=text[body.enacting_formula.start:body.enacting_formula.end] if body.enacting_formula else None,
        preamble=body.preamble, operative=body.operative, footnotes=footnotes, citations=citations,
        parts=body.parts, annexes=body.annexes, sections=body.sections, spans=spans, warnings=warnings,
        voting=voting,
    )


_ORDINAL_DIGITS_RE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
_WORD_EDGE_RE = re.compile(r"^[^\w]+|[^\w]+$")


def _title_word(word: str) -> str:
    """A comparable form of a title word: case, edge punctuation and "4th"/"fourth" ignored."""
    word = _WORD_EDGE_RE.sub("", word.lower())
    m = _ORDINAL_DIGITS_RE.match(word)
    if m and int(m.group(1)) in ORDINAL_WORD:
        return ORDINAL_WORD[int(m.group(1))]
    return word


def _complete_title(printed: str | None, catalogue: str | None) -> str | None:
    """The printed title, completed from the catalogue title (front matter) when the extract
    lost its end ("Convening of the fourth special session of the General Assembly" +
    catalogue "... of the 4th special session ... devoted to disarmament :")."""
    if not catalogue or not printed:
        return printed
    # The library writes a space before the colon of a subtitle ("United Nations : requests").
    full = re.sub(r"\s+:(?=\s)", ":", re.sub(r"\s+", " ", catalogue)).strip().rstrip(" :/;").strip()
    head = printed.rstrip(" ,")
    head_words, full_words = head.split(), full.split()
    if len(full_words) <= len(head_words):
        return printed
    if [_title_word(w) for w in head_words] != [_title_word(w) for w in full_words[:len(head_words)]]:
        return printed
    return head + " " + " ".join(full_words[len(head_words):])


def _front_matter_date(meta: dict[str, str]) -> str | None:
    """A PDF extract that lost the printed "Distr.: General 19 September 2025" date: the
    library record's date (YAML front matter ``date``) is the distribution date."""
    value = (meta.get("date") or "").strip()
    return value if "source_pdf" in meta and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def _looks_symbol(value: str) -> bool:
    return "/" in value and " " not in value.split(" (")[0]


def _kind_of(citations: list[Citation], symbol: str) -> str:
    for c in citations:
        if c.symbol == symbol:
            return c.kind
    return "document"


def _attach_refs(paragraphs: list[Paragraph], footnotes: list[Footnote]) -> None:
    """Give each paragraph the footnote markers that stand in its span (sub-paragraphs included)."""
    ordered = sorted(paragraphs, key=lambda p: p.span.start)
    starts = [p.span.start for p in ordered]
    ends = [_paragraph_end(p) for p in ordered]
    for note in footnotes:
        for ref in note.refs:
            i = bisect.bisect_right(starts, ref.span.start) - 1
            while i >= 0 and not ref.span.start < ends[i]:
                i -= 1      # a paragraph inside another's span (rare): the nearest that holds it
                if i >= 0 and starts[i] <= ref.span.start < ends[i]:
                    break
            if i >= 0 and starts[i] <= ref.span.start < ends[i]:
                ordered[i].footnote_refs.append(ref)


def _paragraph_end(para: Paragraph) -> int:
    end = para.span.end
    stack = list(para.subparagraphs)
    while stack:
        sub = stack.pop()
        end = max(end, sub.span.end)
        stack.extend(sub.subparagraphs)
    return end
