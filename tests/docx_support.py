"""Shared helper (no tests here): an AKN resolution laid out as a Word (.docx) file the UN's way.

The UN's Word files (see /work/shared/corpus/ods-word/*/original) are made from one template:

* the masthead ("United Nations", the symbol, the organ, "Distr.: General", the date, and the
  "Original: ..." lines of a translation) stands in the *first-page header*, so a reader meets it
  after the body;
* the body is one paragraph per block: the cover lines (session, agenda item, adoption line,
  "72/25.<tab>Title"), then each preambular paragraph as "<tab>Text", each operative paragraph as
  "<tab>1.<tab>Text", each sub-paragraph as "<tab><tab>(a)<tab>Text", the lead phrase in italics;
* footnotes are real Word footnotes (``w:footnoteReference`` in the body, ``word/footnotes.xml``
  with "<tab><footnoteRef/><tab>Text"), the number in the body printed by Word, not typed.

The blocks come from the AKN record itself (its text, one block a line, and the spans of its
paragraphs, sub-paragraphs and footnotes), so the layout follows the markup, whatever the organ
or language.  python-docx cannot write footnotes, so the package is written part by part.
"""
from __future__ import annotations

import bisect
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from kg.model import Resolution
from kg.parse import parse_path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."

#: The masthead's distribution line in the six languages and German ("Distr.: General",
#: "Distr. générale", "Distr. general", "Verteilung: Allgemein"); the UN prints "Distr." in all.
_DISTR_RE = re.compile(r"^(?:Distr\.|Verteilung:)")
#: The lines a translation's masthead adds under the date ("Arabic", "Original: English").
#: A paragraph number alone on a line: "5.", "(a)", "5 bis." .
_LABEL_RE = re.compile(r"^\s*\(?\w{1,5}(?: bis)?[.)]?\s*$")
_ORIGINAL_RE = re.compile(r"^(?:Original|Orig\.|Оригинал|Original\s*:)|^[A-Z][a-z]+$")


def _run(text: str, italic: bool = False) -> str:
    """A run of text; tabs as ``w:tab`` as Word writes them."""
    props = "<w:rPr><w:i/></w:rPr>" if italic else ""
    parts = []
    for i, piece in enumerate(text.split("\t")):
        if i:
            parts.append("<w:tab/>")
        if piece:
            parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{props}{''.join(parts)}</w:r>" if parts else ""


def _footnote_ref(note_id: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


def _paragraph(runs: str, style: str = "SingleTxt", level: int | None = None) -> str:
    numbered = "" if level is None else f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>'
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{numbered}</w:pPr>{runs}</w:p>'


#: The list numbering of Word files made outside the UN: "1.", then "(a)", then "(i)", each
#: followed by a tab.
_LEVELS = (("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)"))


def _numbering_xml() -> str:
    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                     f'<w:suff w:val="tab"/></w:lvl>' for i, (fmt, text) in enumerate(_LEVELS))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W_NS}">'
            f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
            f'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def _lines(text: str) -> list[tuple[int, str]]:
    """(start offset, line) for each line of ``text``."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _masthead_end(lines: list[str]) -> int:
    """How many opening lines are the masthead (0 when the text prints none)."""
    for i, line in enumerate(lines[:8]):
        if _DISTR_RE.match(line):
            end = i + 2                      # the distribution line and its date
            while end < len(lines) and end < i + 4 and _ORIGINAL_RE.match(lines[end]):
                end += 1
            return min(end, len(lines))
    return 0


class _Layout:
    """Where each block of an AKN record goes in the Word file."""

    def __init__(self, akn: Resolution):
        self.text = akn.text
        self.lines = _lines(akn.text)
        self.starts = [start for start, _ in self.lines]
        self.label_lines: dict[int, int] = {}           # a line holding only a number -> its paragraph's line
        self.joined: dict[int, str] = {}                # paragraph line -> that number
        self.prefix: dict[int, tuple[int, int]] = {}
        self.auto: dict[int, int] = {}                   # line -> list level, when Word numbers it   # line -> (tabs before the label, label end offset)
        self.lead: dict[int, str] = {}
        for para in list(akn.preamble) + list(akn.operative):
            self._mark(para.span.start, 1, para.lead)
            for sub in _subparagraphs(para.subparagraphs):
                self._mark(sub.span.start, 2, sub.lead)
        if "title" in akn.spans:
            # "72/25.<tab>Title": the number, a tab, the title (a title without a number: as is).
            self.prefix.setdefault(self.line_of(akn.spans["title"].start), (0, akn.spans["title"].start))
        enact_line = self.line_of(akn.spans["enacting_formula"].start) if "enacting_formula" in akn.spans else 0
        for key in ("adoption_date", "committee"):
            # "<tab><tab>Resolution adopted by the General Assembly on 4 December 2017",
            # "<tab><tab>[on the report of the First Committee (A/72/406)]"
            line = self.line_of(akn.spans[key].start) if key in akn.spans else enact_line
            if line < enact_line:
                self.prefix.setdefault(line, (2, self.lines[line][0]))
        self.trailer_break: dict[int, int] = {}
        if "meeting" in akn.spans and "adoption_date" in akn.spans:
            # The GA's trailer, italic, the date under the meeting: "62nd plenary meeting<br/>4 December 2017"
            line = self.line_of(akn.spans["meeting"].start)
            if line > enact_line and self.line_of(akn.spans["adoption_date"].start) == line:
                self.trailer_break[line] = akn.spans["adoption_date"].start
        if "enacting_formula" in akn.spans:
            # "<tab><i>The General Assembly</i>,"
            span = akn.spans["enacting_formula"]
            line = self.line_of(span.start)
            self.prefix.setdefault(line, (1, span.start))
            self.lead.setdefault(line, self.text[span.start:span.end].rstrip(" ,،，:"))
        self.footnote_lines: dict[int, tuple[int, str]] = {}
        self.refs: dict[int, int] = {}                   # marker offset -> footnote number
        self.marker_end: dict[int, int] = {}
        for note in akn.footnotes:
            line = self.line_of(note.span.start)
            body = re.sub(r"^\s*\S+\s+", "", self.lines[line][1], count=1)
            self.footnote_lines[line] = (note.number, body)
            for ref in note.refs:
                self.refs[ref.span.start] = note.number
                self.marker_end[ref.span.start] = ref.span.end

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def _mark(self, start: int, depth: int, lead: str | None) -> None:
        line = self.line_of(start)
        if line and start == self.lines[line][0] and _LABEL_RE.match(self.lines[line - 1][1]):
            # The AKN text puts the number on a line of its own ("5." / "Requests ..."); Word
            # prints one paragraph, "<tab>5.<tab>Requests ...".
            self.label_lines[line - 1] = line
            self.joined[line] = self.lines[line - 1][1].strip()
        self.prefix.setdefault(line, (depth, start))
        if lead:
            self.lead.setdefault(line, lead)

    def runs(self, line: int, start: int, end: int, italic_upto: int = -1) -> str:
        """The runs of text[start:end], footnote markers as Word footnote references."""
        out, pos = [], start
        for marker in sorted(m for m in self.refs if start <= m < end):
            out.append(self._plain(pos, marker, italic_upto))
            out.append(_footnote_ref(self.refs[marker]))
            pos = self.marker_end[marker]
        out.append(self._plain(pos, end, italic_upto))
        return "".join(out)

    def _plain(self, start: int, end: int, italic_upto: int) -> str:
        if start >= end:
            return ""
        if start < italic_upto:
            cut = min(italic_upto, end)
            return _run(self.text[start:cut], italic=True) + _run(self.text[cut:end])
        return _run(self.text[start:end])

    def number_automatically(self) -> None:
        """Let Word's list numbering print the labels it can print: operative "1.", "2." ... and
        their "(a)", "(b)" ... in sequence; the others ("5 bis.", a part's own "1.") stay typed."""
        from kg.read.docx_numbering import format_number

        counters = [0, 0]
        for line in sorted(self.prefix):
            depth, body = self.prefix[line]
            label = self.text[self.lines[line][0]:body].strip() or self.joined.get(line, "")
            if depth not in (1, 2) or not label or (depth == 2 and not counters[0]):
                continue
            fmt, text = _LEVELS[depth - 1]
            expected = text.replace(f"%{depth}", format_number(counters[depth - 1] + 1, fmt))
            if label == expected:
                counters[depth - 1] += 1
                if depth == 1:
                    counters[1] = 0
                self.auto[line] = depth - 1

    def body_paragraph(self, line: int) -> str:
        start, text = self.lines[line]
        end = start + len(text)
        if line in self.trailer_break:
            cut = self.trailer_break[line]
            return _paragraph(_run(self.text[start:cut].rstrip(), italic=True) + "<w:r><w:br/></w:r>"
                              + _run(self.text[cut:end], italic=True))
        if line not in self.prefix:
            return _paragraph(self.runs(line, start, end))
        depth, body = self.prefix[line]
        label = self.text[start:body].strip() or self.joined.get(line, "")
        # A preambular paragraph prints no label: "<tab>Text"; numbered ones "<tab>1.<tab>Text".
        head = "\t" * depth + (label + "\t" if label else "")
        head = "\t" + head if depth == 0 and label else head
        level = self.auto.get(line)
        head = "" if level is not None else head
        lead = self.lead.get(line)
        italic_upto = body + len(lead) if lead and self.text.startswith(lead, body) else -1
        return _paragraph(_run(head) + self.runs(line, body, end, italic_upto), level=level)


def _subparagraphs(subs):
    for sub in subs:
        yield sub
        yield from _subparagraphs(sub.subparagraphs)


def _document_xml(paragraphs: list[str]) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(paragraphs)}'
            f'<w:sectPr><w:headerReference w:type="first" r:id="rIdHeader1"/><w:titlePg/></w:sectPr>'
            f'</w:body></w:document>')


def _footnotes_xml(notes: list[tuple[int, str]]) -> str:
    items = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
             '</w:p></w:footnote>']
    for number, text in notes:
        items.append(f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                     f'<w:r><w:tab/></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/>'
                     f'</w:r>{_run(chr(9) + text)}</w:p></w:footnote>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">{"".join(items)}</w:footnotes>'


def _header_xml(lines: list[str]) -> str:
    paras = "".join(_paragraph(_run(line), "Header") for line in lines) or "<w:p/>"
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="{W_NS}">{paras}</w:hdr>'


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_CT}document.main+xml"/>'
    f'<Override PartName="/word/footnotes.xml" ContentType="{_CT}footnotes+xml"/>'
    f'<Override PartName="/word/header1.xml" ContentType="{_CT}header+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{_CT}numbering+xml"/>'
    '</Types>')
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="word/document.xml"/></Relationships>')
_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rIdNotes" Type="{_REL}footnotes" Target="footnotes.xml"/>'
    f'<Relationship Id="rIdHeader1" Type="{_REL}header" Target="header1.xml"/>'
    f'<Relationship Id="rIdNumbering" Type="{_REL}numbering" Target="numbering.xml"/></Relationships>')


def akn_as_docx(akn: Resolution, numbering: bool = False) -> bytes:
    """The Word file (bytes) of an AKN record, laid out as the UN lays out its Word files (typed
    numbers), or with ``numbering=True`` as Word files made elsewhere are (Word's list numbering)."""
    import io

    layout = _Layout(akn)
    if numbering:
        layout.number_automatically()
    texts = [line for _, line in layout.lines]
    masthead = _masthead_end(texts)
    body = [layout.body_paragraph(i) for i in range(masthead, len(texts))
            if i not in layout.footnote_lines and i not in layout.label_lines and texts[i].strip()]
    notes = [layout.footnote_lines[i] for i in sorted(layout.footnote_lines)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _PACKAGE_RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
        archive.writestr("word/document.xml", _document_xml(body))
        archive.writestr("word/footnotes.xml", _footnotes_xml(notes))
        archive.writestr("word/header1.xml", _header_xml(texts[:masthead]))
        archive.writestr("word/numbering.xml", _numbering_xml())   # the UN's files have one too
    return out.getvalue()


def render_as_docx(path: Path, tmp: Path, numbering: bool = False) -> tuple[Resolution, Resolution]:
    """The AKN record of ``path`` and the Word parser's record of it laid out as a UN Word file
    (``numbering``: numbered by Word's lists, see ``akn_as_docx``)."""
    akn = parse_path(str(path))
    docx_path = tmp / (path.stem + ".docx")
    docx_path.write_bytes(akn_as_docx(akn, numbering))
    return akn, parse_path(str(docx_path))
