"""Render an Akoma Ntoso body to plain text while remembering where every element landed.

The AKN reader builds ``Resolution.text`` itself (there is no source text to
index into), so every span it reports is taken from this rendering: one block
(cover-page line, paragraph, sub-paragraph, heading) per line, whitespace
collapsed to single spaces, footnote markers glued to the word before them as
printed ("2024,1"), footnote texts appended after the body.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Callable

from lxml import etree

from kg.model import Span

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

# Elements that start a new line of their own when met inside running text.
BLOCK_ELEMENTS = frozenset({
    "p", "list", "blockList", "item", "point", "intro", "listIntroduction", "wrapUp", "content",
    "heading", "subheading", "alinea", "embeddedStructure", "paragraph", "container", "num",
    "formula", "blockContainer", "tblock", "table", "tr",
})
# Inline elements whose text is not part of the printed page.
SILENT_ELEMENTS = frozenset({"img", "meta"})
# Elements (in any namespace) whose text ``plain`` leaves out.
_NOT_PLAIN = ("{*}authorialNote", "{*}img")


def local(el: etree._Element) -> str:
    """The local name of an element; "" for comments and processing instructions."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag[tag.rfind("}") + 1:]     # "{namespace}name" or "name"


def akn_children(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str)]


def plain(el: etree._Element | None) -> str:
    """The collapsed text of an element, footnotes left out (for metadata values)."""
    if el is None:
        return ""
    if len(el) == 0 and isinstance(el.tag, str):
        # A leaf ("num", "organization" ...: most calls): its own text is all there is.
        return " ".join(el.text.split()) if el.text else ""
    if isinstance(el.tag, str) and next(el.iterdescendants(*_NOT_PLAIN), None) is None:
        # Nothing to leave out (the common case): lxml gathers the text, tails included,
        # comments left out, as the walk below does.
        return " ".join("".join(el.itertext()).split())
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and local(child) not in ("authorialNote", "img"):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return " ".join("".join(parts).split())


@dataclass
class Link:
    """An ``<a href>`` or ``<ref href>`` met in the text."""

    href: str
    span: Span
    key: str | None


@dataclass
class NoteRef:
    marker: str
    span: Span
    note: etree._Element
    key: str | None


class TextBuilder:
    """Accumulates the plain text; spaces are deferred so no line starts or ends with one."""

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._len = 0
        self._space = False
        self._line_start = True
        self._glue = False
        self.spans: dict[etree._Element, Span] = {}
        self.links: list[Link] = []
        self.note_refs: list[NoteRef] = []

    @property
    def pos(self) -> int:
        """Where the next visible character will land."""
        return self._len + (1 if self._space and not self._line_start else 0)

    @property
    def end(self) -> int:
        """The end of the visible text written so far (pending space and final newline excluded)."""
        return self._len - 1 if self._line_start and self._len else self._len

    def _emit(self, s: str) -> None:
        self._chunks.append(s)
        self._len += len(s)

    def write(self, s: str) -> None:
        """Write ``s`` with its whitespace runs collapsed to single spaces; leading and
        trailing whitespace become the pending space (written only before a next word)."""
        words = s.split()
        if not words:
            if s:
                self._space = True
            return
        if (self._space or s[0].isspace()) and not self._line_start:
            self._emit(" ")
        self._emit(" ".join(words))
        self._space = s[-1].isspace()
        self._line_start = False
        self._glue = False

    def write_glued(self, s: str) -> None:
        """Write without the pending space: a footnote marker sits on the word before it."""
        self._space = False
        self.write(s)

    def space(self) -> None:
        self._space = True

    def label(self, s: str) -> None:
        """Write a paragraph number or footnote marker: the text that follows stays on its line."""
        self.write(s)
        if s.strip():
            self._space = True
            self._glue = True

    def newline(self) -> None:
        if self._glue:
            self._glue = False
            return
        if not self._line_start:
            self._emit("\n")
        self._line_start = True
        self._space = False

    def text(self) -> str:
        """The text so far (joined once: the reader asks for it after every footnote)."""
        if len(self._chunks) != 1:
            self._chunks = ["".join(self._chunks)]
        return self._chunks[0]

    # -- rendering -----------------------------------------------------------------

    def inline(self, el: etree._Element, key: str | None) -> Span:
        """Render an element's text and children (not its tail); remember its span."""
        start = self.pos
        if el.text:
            self.write(el.text)
        for child in el:
            name = local(child)
            if not name or name in SILENT_ELEMENTS:
                pass
            elif name == "authorialNote":
                marker = (child.get("marker") or "").strip() or str(len(self.note_refs) + 1)
                self._space = False
                mstart = self.pos
                self.write(marker)
                self.note_refs.append(NoteRef(marker, Span(mstart, self.end), child, key))
            elif name == "eol":
                self.space()
            elif name in ("a", "ref"):
                span = self.inline(child, key)
                href = child.get("href") or ""
                if href:
                    self.links.append(Link(href, span, key))
            elif name in BLOCK_ELEMENTS:
                self.newline()
                self.inline(child, key)
                self.newline()
            else:
                self.inline(child, key)
            if child.tail:
                self.write(child.tail)
        span = Span(min(start, self.end), self.end)
        self.spans[el] = span
        return span

    def line(self, el: etree._Element, key: str | None) -> Span:
        """Render an element as a line of its own."""
        self.newline()
        span = self.inline(el, key)
        self.newline()
        return span


def trim(text: str, span: Span) -> Span:
    """Shrink a span so that it neither starts nor ends with whitespace."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


@dataclass
class Rendered:
    """The outcome of rendering: text plus the bookkeeping the record builder needs."""

    text: str
    spans: dict[etree._Element, Span] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    note_refs: list[NoteRef] = field(default_factory=list)


def overlap_test(spans: list[Span]) -> Callable[[Span], bool]:
    """A test "does this span overlap any of ``spans``?" in O(log n) (a scan per citation was
    quadratic in documents with thousands of links: issue 10)."""
    ordered = sorted((s.start, s.end) for s in spans)
    starts = [start for start, _ in ordered]
    reach: list[int] = []          # reach[i]: the furthest end among ordered[:i + 1]
    for _, end in ordered:
        reach.append(max(end, reach[-1]) if reach else end)

    def overlaps(span: Span) -> bool:
        i = bisect.bisect_left(starts, span.end)     # candidates start before span.end
        return i > 0 and reach[i - 1] > span.start
    return overlaps
