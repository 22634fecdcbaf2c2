"""The structure of an AKN resolution body: preamble, operative paragraphs, annexes.

Walks ``<preamble>``, ``<mainBody>`` and ``<attachments>`` of one ``<statement>``,
writing the text through a :class:`TextBuilder` and returning typed paragraphs
whose spans index into that text.  Paragraph texts are filled in afterwards
(``fill_texts``) once the whole text exists.

Real files are not always marked up by the book: a sub-paragraph may be a
``<paragraph>`` of its own whose text starts with "(a)" (A/RES/75/101 A), a
section heading may be a numbered "I." paragraph, a recommended draft may sit
in an ``<embeddedStructure>`` inside an operative paragraph.  The rules below
read the structure from what is printed, not from the element names alone.

Sections (``<section>``, ``<division>``, ``<hcontainer>`` ... with ``<num>`` and
``<heading>``, or a heading paragraph "II" / "III. Title") are recorded as
``kg.parse.sections.Heading``; while walking, paragraph keys carry a provisional
``§n/`` (n = heading index) so that paragraphs numbered again from 1 in each
section never share a key; ``kg.read.akn_sections`` maps them to the keys of
architecture.md once ``assign_sections`` has decided whether numbering restarts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from kg.model import Annex, Paragraph, Span, SubParagraph
from kg.parse.sections import Heading, section_heading
from kg.read.akn_leads import clause_emphasis, lead_phrase
from kg.read.akn_text import AKN_NS, TextBuilder, akn_children, local, plain, trim

_Q = "{%s}" % AKN_NS
_SUB_LABEL = re.compile(r"^\(?([a-z]{1,6}|[ivxlc]+)\)\.?$")
_SUB_AT_START = re.compile(r"^\(?([a-z]{1,2}|[ivxlc]{1,6})\)\s")
_INDENT_NUM = re.compile(r"^[\u2013\u2014\u2022\u25cf\u00b7\-o]$")
_INDENT_AT_START = re.compile(r"^[\u2013\u2014\u2022\u25cf]\s")
_SEPARATOR = re.compile(r"^\*(?:\s*\*)*$")
_OP_NUMBER = re.compile(r"^(\d+)\s*\.?\s*(.*?)\.?$")
_HEADING_NUMBER = re.compile(r"^(?:[IVXLC]+|[A-Z])\.?$")
_ROMAN_LABELS = frozenset("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split())
#: AKN hierarchical containers a resolution body may be divided into.
_CONTAINERS = frozenset({"section", "division", "hcontainer", "part", "chapter", "title", "subdivision",
                         "subsection", "book", "tome", "clause"})


@dataclass
class StatementBody:
    """What one statement (or one part of a multi-part resolution) contains."""

    enacting_formula: str | None = None
    formula_span: Span | None = None
    preamble: list[Paragraph] = field(default_factory=list)
    operative: list[Paragraph] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)


def prefix_key(part: str | None, key: str) -> str:
    return f"{part}/{key}" if part else key


#: Arabic texts label sub-paragraphs with letters in abjad order: "(أ)" is the "(a)" of the others.
_ABJAD = {letter: chr(ord("a") + i) for i, letter in enumerate("أبجدهوزحطيكلمنسعفصقرشتثخذض")}
_ARABIC_SUB_LABEL = re.compile(r"^\((" + "|".join(_ABJAD) + r")\)$")


def sub_label(num_text: str) -> str | None:
    """"(a)" -> "a", "(iii)" -> "iii", Arabic "(ب)" -> "b" (the same key in every language);
    None when it is not a sub-paragraph label."""
    m = _SUB_LABEL.match(num_text.strip())
    if m:
        return m.group(1)
    arabic = _ARABIC_SUB_LABEL.match(num_text.strip())
    return _ABJAD[arabic.group(1)] if arabic else None


class BodyWalker:
    """Renders the body of one statement and collects its paragraphs."""

    def __init__(self, builder: TextBuilder, part: str | None = None) -> None:
        self.b = builder
        self.part = part
        self.headings: list[Heading] = []
        self.token: int | None = None              # index of the heading the walk is under
        self.provisional: dict[int, str] = {}      # id(paragraph) -> its key while walking
        self.unmarked: dict[int, str | None] = {}  # id(paragraph) -> clause_emphasis, when no lead opens it
        self._count_at_heading = -1

    def _key(self, base: str) -> str:
        return prefix_key(self.part, (f"§{self.token}/" if self.token is not None else "") + base)

    def _key_of(self, paragraph: Paragraph) -> str:
        return self.provisional.get(id(paragraph)) or _key_of(paragraph)

    @staticmethod
    def _paragraph_count(body: StatementBody) -> int:
        return len(body.preamble) + len(body.operative)

    def _heading(self, el: etree._Element, body: StatementBody) -> bool:
        """Record a section heading ("II", "III. Title", a title line between operative
        paragraphs); True when it was one."""
        num = plain(el.find(_Q + "num")).strip()
        head_el = el.find(_Q + "heading")
        text = plain(head_el) if head_el is not None else plain(el)
        title = text[len(num):].strip() if num and text.startswith(num) else text.strip()
        numbered = section_heading(f"{num} {title}".strip() if num else title)
        if numbered is None and num:
            numbered = section_heading(num)
            if numbered:
                numbered = (numbered[0], numbered[1], title or None)
        last = self.headings[-1] if self.headings else None
        if numbered is None and last is not None and last.title is None and last.number is not None \
                and self._paragraph_count(body) == self._count_at_heading:
            last.title = title or None     # "II" then its title in a heading of its own
            return True
        if numbered is None and not (title and body.operative and len(title) < 300):
            return False
        label, number, title = numbered if numbered else (None, None, title)
        self.token = len(self.headings)
        self._count_at_heading = self._paragraph_count(body)
        self.headings.append(Heading(label, number, title or None, Span(self.b.pos, self.b.pos), self.part))
        return True

    # -- preamble ----------------------------------------------------------------

    def preamble(self, el: etree._Element, body: StatementBody) -> None:
        for child in akn_children(el):
            name = local(child)
            if name == "formula" or (name == "container" and child.get("name") == "formula"):
                span = trim_text(self.b, self.b.line(child, None))
                body.formula_span = span
                body.enacting_formula = plain(child)
                continue
            number = len(body.preamble) + 1
            key = self._key(f"pp/{number}")
            span, subs = self._paragraph(child, key, with_number=False)
            if span.start == span.end:
                continue
            lead = lead_phrase(child) or _container_lead(child) or ""
            para = Paragraph("preambular", number, lead, "", span, subs, part=self.part)
            self.provisional[id(para)] = key
            if not lead:
                self.unmarked[id(para)] = clause_emphasis(child)
            body.preamble.append(para)

    # -- operative part ----------------------------------------------------------

    def main_body(self, el: etree._Element, body: StatementBody) -> None:
        """The operative paragraphs are those the UN numbers ("1.", "2 bis."); in a body
        with numbered paragraphs, an unnumbered one continues the paragraph before it
        (names listed under it, indents "– To protect ...", closing words), and "* * *"
        or "I" are headings.  A body without any number (a single operative paragraph)
        counts its unnumbered paragraphs.  A text adopted in the body ("Adopts the
        following declaration:" then a heading and paragraphs numbered from 1) is not
        the resolution's own: it becomes an ``Annex`` (see ``embedded_text_start``)."""
        self._main_children(akn_children(el), body)

    def _main_children(self, children: list[etree._Element], body: StatementBody) -> None:
        if any(local(c) in _CONTAINERS for c in children):
            self._sections(children, body)
            return
        all_kinds = [classify(child) for child in children]
        embedded = embedded_text_start(children, all_kinds)
        own = children if embedded is None else children[:embedded]
        kinds = all_kinds[:len(own)]
        numbered = any(kind == "op" for kind, _ in kinds)
        pending: str | None = None   # "1." printed alone, its text in the next paragraph (S/RES/1285)
        for child, (kind, value) in zip(own, kinds):
            if kind == "empty":
                continue
            if kind == "op" and plain(child) == value:
                self.b.newline()
                self.b.label(value)
                pending = value
                continue
            if pending is not None and kind == "op-unnumbered":
                kind, value, pending = "op", pending, None
            if kind == "heading" or (kind == "op-unnumbered" and numbered and not body.operative):
                self.b.newline()
                start = self.b.pos
                recorded = kind == "heading" and self._heading(child, body)
                self._content(child, None, [], collect=False, skip_num=False)
                if recorded:
                    last = self.headings[-1]
                    last.span = trim_text(self.b, Span(min(last.span.start, start) if last.span.end > last.span.start
                                                       else start, self.b.end))
                self.b.newline()
                continue
            if kind == "sub" and body.operative:
                self._attach_sub(child, value, body.operative[-1])
                continue
            if kind in ("indent", "op-unnumbered") and body.operative and (numbered or kind == "indent"):
                self._continue(child, body.operative[-1])
                continue
            number, number_text = _op_number(value, len(body.operative) + 1)
            key = self._key(f"op/{number}")
            span, subs = self._paragraph(child, key, with_number=True)
            if span.start == span.end:
                continue
            para = Paragraph("operative", number, lead_phrase(child) or "", "", span, subs,
                             part=self.part, number_text=number_text)
            self.provisional[id(para)] = key
            if not para.lead:
                self.unmarked[id(para)] = clause_emphasis(child)
            body.operative.append(para)
        if embedded is not None:
            self._embedded(children[embedded:], body)

    def _sections(self, children: list[etree._Element], body: StatementBody) -> None:
        """A body divided into ``<section>`` (``<division>``, ``<hcontainer>`` ...) elements:
        each heading is recorded, the paragraphs inside are read as a body of their own."""
        loose: list[etree._Element] = []
        for child in children:
            if local(child) not in _CONTAINERS:
                loose.append(child)
                continue
            if loose:
                self._loose(loose, body)
                loose = []
            self.b.newline()
            start = self.b.pos
            for part in (child.find(_Q + "num"), child.find(_Q + "heading"), child.find(_Q + "subheading")):
                if part is not None:
                    self.b.line(part, None)
            recorded = self._heading(child, body)
            if recorded:
                self.headings[-1].span = trim_text(self.b, Span(start, self.b.end))
            inner = [c for c in akn_children(child) if local(c) not in ("num", "heading", "subheading")]
            self._loose(inner, body)
        if loose:
            self._loose(loose, body)

    def _loose(self, elements: list[etree._Element], body: StatementBody) -> None:
        self._main_children(elements, body)

    def _item(self, el: etree._Element, key: str) -> tuple[Span, list[SubParagraph], bool]:
        """Render one item on a line of its own (its printed number first, when it has one):
        its trimmed span, the sub-paragraphs found inside it, and whether it had a number."""
        self.b.newline()
        num = el.find(_Q + "num")
        if num is not None:
            self.b.label(plain(num))
        start = self.b.pos
        inner: list[SubParagraph] = []
        self._content(el, key, inner, collect=True, skip_num=True)
        return trim_text(self.b, Span(start, self.b.end)), inner, num is not None

    def _continue(self, el: etree._Element, parent: Paragraph) -> None:
        """An unnumbered paragraph that belongs to the operative paragraph before it."""
        target = parent.subparagraphs[-1] if parent.subparagraphs else None
        key = self._key_of(parent) + (f"/{target.label}" if target is not None else "")
        span, inner, _ = self._item(el, key)
        end = span.end
        (target.subparagraphs if target is not None else parent.subparagraphs).extend(inner)
        if target is not None:
            target.span = Span(target.span.start, max(target.span.end, end))
        parent.span = Span(parent.span.start, max(parent.span.end, end))

    def _embedded(self, children: list[etree._Element], body: StatementBody) -> None:
        """A declaration (or other text) adopted in the body: rendered as an annex."""
        self.b.newline()
        start = self.b.pos
        title = ""
        for child in children:
            kind, _ = classify(child)
            if not title and kind == "heading":
                title = plain(child)
            self.b.newline()
            self._content(child, None, [], collect=False, skip_num=False)
            self.b.newline()
        span = trim_text(self.b, Span(start, self.b.end))
        body.annexes.append(Annex(title, "", span, part=self.part))

    def _attach_sub(self, el: etree._Element, label: str, parent: Paragraph) -> None:
        """A sub-paragraph marked up as a paragraph of its own: hang it under the one before."""
        siblings = parent.subparagraphs
        is_roman = label in _ROMAN_LABELS and not (
            siblings and len(siblings[-1].label) == 1 and len(label) == 1
            and ord(label) == ord(siblings[-1].label) + 1)
        if is_roman and siblings and siblings[-1].label not in _ROMAN_LABELS:
            holder, key = siblings[-1], None
            key = f"{self._key_of(parent)}/{holder.label}/{label}"
            target = holder.subparagraphs
        else:
            holder, key, target = None, f"{self._key_of(parent)}/{label}", siblings
        span, inner, numbered = self._item(el, key)
        text_span = span if numbered else _strip_label(span, plain(el), label)
        target.append(SubParagraph(label, "", text_span, lead_phrase(el), inner))
        parent.span = Span(parent.span.start, max(parent.span.end, span.end))
        if holder is not None:
            holder.span = Span(holder.span.start, max(holder.span.end, span.end))

    # -- annexes -----------------------------------------------------------------

    def annex(self, doc: etree._Element, body: StatementBody) -> None:
        self.b.newline()
        start = self.b.pos
        headings: list[str] = []
        numbered_seen = False
        title_el = doc.find(f"{_Q}preface//{_Q}docTitle")
        for section in akn_children(doc):
            if local(section) == "meta":
                continue
            for child in akn_children(section) if local(section) in ("mainBody", "preface", "preamble") else [section]:
                kind, _ = classify(child)
                if kind in ("op", "sub"):
                    numbered_seen = True
                elif not numbered_seen and kind in ("heading", "op-unnumbered") and len(headings) < 3:
                    headings.append(plain(child))
                self.b.newline()
                self._content(child, None, [], collect=False, skip_num=False)
                self.b.newline()
        span = trim_text(self.b, Span(start, self.b.end))
        title = plain(title_el) if title_el is not None else annex_title(headings)
        body.annexes.append(Annex(title, "", span, part=self.part))

    # -- shared ------------------------------------------------------------------

    def _paragraph(self, el: etree._Element, key: str, with_number: bool) -> tuple[Span, list[SubParagraph]]:
        self.b.newline()
        num = el.find(_Q + "num")
        if with_number and num is not None:
            self.b.label(plain(num))
        start = self.b.pos
        subs: list[SubParagraph] = []
        self._content(el, key, subs, collect=True, skip_num=True)
        return trim_text(self.b, Span(start, self.b.end)), subs

    def _content(self, el: etree._Element, key: str | None, subs: list[SubParagraph],
                 collect: bool, skip_num: bool) -> None:
        """Render the children of a structural element; points and items become sub-paragraphs."""
        for child in akn_children(el):
            name = local(child)
            if name == "num":
                if not skip_num:
                    self.b.newline()
                    self.b.label(plain(child))
                continue
            label = sub_label(plain(child.find(_Q + "num"))) if name in ("point", "item", "paragraph") else None
            if label and collect:
                self.b.newline()
                self.b.label(plain(child.find(_Q + "num")))
                start = self.b.pos
                child_key = f"{key}/{label}" if key else None
                inner: list[SubParagraph] = []
                self._content(child, child_key, inner, collect=True, skip_num=True)
                span = trim_text(self.b, Span(start, self.b.end))
                subs.append(SubParagraph(label, "", span, lead_phrase(child), inner))
            elif name in ("point", "item", "paragraph", "content", "intro", "list", "blockList", "wrapUp",
                          "alinea", "container", "blockContainer", "subparagraph", "hcontainer"):
                self._content(child, key, subs, collect, skip_num=False)
            elif name == "embeddedStructure":
                self._content(child, key, subs, collect=False, skip_num=False)
            else:
                self.b.line(child, key)


def trim_text(b: TextBuilder, span: Span) -> Span:
    """Spans never start or end on whitespace (the builder never writes trailing space)."""
    return Span(min(span.start, span.end), span.end)


def classify(el: etree._Element) -> tuple[str, str]:
    """What a top-level body element is: ("op", num) | ("sub", label) | ("heading", "") |
    ("indent", dash) | ("op-unnumbered", "") | ("empty", "")."""
    if local(el) in ("heading", "subheading"):
        return ("heading", "")
    num = plain(el.find(_Q + "num"))
    if num:
        if _INDENT_NUM.match(num):
            return ("indent", num)
        if _OP_NUMBER.match(num):
            return ("op", num)
        label = sub_label(num)
        if label:
            return ("sub", label)
        if _HEADING_NUMBER.match(num):
            return ("heading", "")
        return ("op", num)
    rest = plain(el)      # the whole text, only needed without a number
    if not rest:
        return ("empty", "")
    structural = [local(c) for c in akn_children(el)]
    if structural and all(s in ("heading", "subheading") for s in structural):
        return ("heading", "")
    m = _SUB_AT_START.match(rest)
    if m:
        return ("sub", m.group(1))
    if _SEPARATOR.match(rest):
        return ("heading", "")
    if _INDENT_AT_START.match(rest):
        return ("indent", "")
    if _only_emphasis(el):
        return ("heading", "")
    return ("op-unnumbered", "")


def _only_emphasis(el: etree._Element) -> bool:
    """A paragraph whose whole text is one bold span: a heading ("Annex", a section title)."""
    ps = list(el.iter(_Q + "p"))
    if len(ps) != 1:
        return False
    p = ps[0]
    kids = akn_children(p)
    if (p.text or "").strip() or len(kids) != 1:
        return False
    k = kids[0]
    return local(k) in ("span", "b") and "bold" in (k.get("class") or "bold") and not (k.tail or "").strip()


def _op_number(num: str, position: int) -> tuple[int, str | None]:
    """Printed number -> (int, as printed when not a plain integer)."""
    m = _OP_NUMBER.match(num.strip()) if num else None
    if not m:
        return position, None
    number = int(m.group(1))
    extra = m.group(2).strip()
    return number, (f"{number} {extra}" if extra else None)


def _container_lead(el: etree._Element) -> str | None:
    name = (el.get("name") or "").strip()
    if not name or name == "formula":
        return None
    text = plain(el)
    return name if text.startswith(name) else None


def _key_of(paragraph: Paragraph) -> str:
    base = f"op/{paragraph.number}" if paragraph.kind == "operative" else f"pp/{paragraph.number}"
    return prefix_key(paragraph.part, base)


def _strip_label(span: Span, text: str, label: str) -> Span:
    """When the label is printed inside the text ("(a)\tTo cooperate"), start after it."""
    m = _SUB_AT_START.match(text)
    if m and m.group(1) == label:
        return Span(min(span.start + m.end(), span.end), span.end)
    return span


def annex_title(headings: list[str]) -> str:
    """The title of an annex from its opening headings; a lone "Annex" word is dropped."""
    rest = [h for h in headings if h]
    if len(rest) > 1 and len(rest[0].split()) <= 2:
        rest = rest[1:]
    return rest[0] if rest else ""



def embedded_text_start(children: list[etree._Element],
                        kinds: list[tuple[str, str]] | None = None) -> int | None:
    """Where a text adopted in the body begins, or None (``kinds``: ``classify`` of each
    child, when the caller has it already).

    The UN prints "Adopts the following political declaration:" (or "Adopte la
    déclaration suivante :") as the resolution's own paragraph, then the
    declaration: a heading and paragraphs numbered again from 1.  Told apart
    from "7. Decides that the mandate shall be the following:" followed by a
    sub-heading and "(a)" items by that restart at 1 after a heading."""
    if kinds is None:
        kinds = [classify(child) for child in children]
    for i, child in enumerate(children):
        if kinds[i][0] in ("op", "op-unnumbered") and _restarts_after_heading(kinds[i + 1:i + 6]) \
                and plain(child).rstrip().endswith(":"):
            return i + 1
    return None


def _restarts_after_heading(followers: list[tuple[str, str]]) -> bool:
    """The elements that follow (their ``classify`` kinds) are a heading then paragraph 1,
    unnumbered paragraphs allowed between."""
    saw_heading = False
    for kind, value in followers:
        if kind == "heading":
            saw_heading = True
        elif kind == "op":
            m = _OP_NUMBER.match(value)
            return bool(saw_heading and m and int(m.group(1)) == 1)
        elif kind != "op-unnumbered":
            return False
    return False
