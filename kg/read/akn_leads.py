"""Lead phrases of AKN4UN paragraphs: the emphasised words, and what to do where none are.

The UN marks the lead phrase of a paragraph by emphasis: italics in the Latin-script
languages, bold in Chinese, and underlining in older typewritten documents converted to
AKN (S/RES/1285 (2000): ``<span class="underline">Authorizes</span>``).  Where the lead
opens the paragraph (the common case) it is read from that markup.

Some files mark no lead at the start of a paragraph that still has one:

- no markup at all ("\\tDecides to include ...", A/RES/74/197 op 45), or an upright adverb
  before the emphasised verb ("Strongly *calls upon*", S/RES/1884 (2009) op 3).  For the
  languages the text parser reads (English, French, Spanish) the lead then comes from the
  text rules (``kg.parse.leads``), exactly as for the ODS and PDF text of the same
  resolution, so every format gives the same lead (and ``leadVerb``);
- a lead verb that does not open the clause: Chinese puts the object first
  ("将……报告要求 **延长** 至……", extends) and German puts a participle at the end of its
  phrase ("der Erklärung … *beipflichtend*,", endorsing).  For the languages without text
  rules, the first emphasised words of the paragraph's first clause (before any comma,
  semicolon or colon) are its lead: the word the UN itself marks.  Emphasis after the first
  clause punctuation is not taken (a title or a Latin phrase later in the sentence).
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from lxml import etree

from kg.model import Paragraph
from kg.read.akn_text import AKN_NS, akn_children, local, plain

_Q = "{%s}" % AKN_NS
#: Classes (and elements) that mark a lead phrase.
EMPHASIS_CLASSES = frozenset({"italic", "bold", "underline"})
_EMPHASIS_ELEMENTS = frozenset({"i", "b", "u"})
#: Whitespace and the invisible format characters files carry before a lead (LRM, ZWSP ...).
_INVISIBLE = "".join(chr(c) for c in (*range(0x200B, 0x2010), *range(0x202A, 0x202F), 0x2060, 0xFEFF))
#: Punctuation that ends the first clause (Latin and CJK).  Not "." (German "24. Februar").
_CLAUSE_END = re.compile(r"[,;:，；：。、]")
#: Languages whose leads the text parser reads (``kg.parse.leads``, ``leads_romance``).
TEXT_RULE_LANGUAGES = frozenset({"en", "fr", "es"})


def _blank(text: str | None) -> bool:
    return not (text or "").strip().strip(_INVISIBLE).strip()


def _emphasised(el: etree._Element) -> bool:
    return local(el) in _EMPHASIS_ELEMENTS or (
        local(el) == "span" and bool(set((el.get("class") or "").split()) & EMPHASIS_CLASSES))


def _clean(text: str) -> str:
    return text.strip().strip(_INVISIBLE).strip().rstrip(",:;，；：").strip()


def _first_block(el: etree._Element) -> etree._Element | None:
    for block in el.iter(_Q + "p", _Q + "listIntroduction"):
        return block
    return None


def lead_phrase(el: etree._Element) -> str | None:
    """The lead phrase: the emphasised (italic, bold or underlined) words the paragraph
    opens with; None when it opens with upright text."""
    block = _first_block(el)
    if block is None or not _blank(block.text):
        return None
    kids = akn_children(block)
    if not kids or not _emphasised(kids[0]):
        return None
    return _clean(plain(kids[0])) or None


def clause_emphasis(el: etree._Element) -> str | None:
    """The first emphasised words of the paragraph's first clause, wherever they stand in
    it ("将……要求**延长**至", "… *beipflichtend*,"); None when the clause has none."""
    block = _first_block(el)
    if block is None:
        return None
    before = block.text or ""
    for child in akn_children(block):
        if _CLAUSE_END.search(before):
            return None
        if _emphasised(child):
            return _clean(plain(child)) or None
        before += plain(child) + (child.tail or "")
    return None


def text_lead(text: str, language: str) -> str:
    """The lead the text parser finds in ``text`` (the same rules as for ODS and PDF text)."""
    from kg.parse.leads import lead_phrase as text_lead_phrase

    return text_lead_phrase(text, language)[0]


#: How the reader reports a lead the file does not mark (in ``Resolution.warnings``): the
#: table of where the UN's italics end (``kg.parse.leads_lexicon``) leaves those leads out.
UNMARKED_LEAD = "no lead marked at its start"


def unmarked_warning(key: str, lead: str, how: str) -> str:
    """``"op/45: no lead marked at its start; 'Decides' from the text rules"``."""
    return f"{key}: {UNMARKED_LEAD}; {lead!r} {how}" if lead else f"{key}: {UNMARKED_LEAD}; none found"


def paragraph_key(p: Paragraph) -> str:
    """The key of a paragraph in warnings: "op/45", "A/pp/3", "sec/2/op/1"."""
    return f"{p.scope}{'op' if p.kind == 'operative' else 'pp'}/{p.number}"


def unmarked_keys(warnings: Iterable[str]) -> set[str]:
    """The paragraph keys whose lead ``unmarked_warning`` reported."""
    marker = f": {UNMARKED_LEAD};"
    return {w.split(marker, 1)[0] for w in warnings if marker in w}


def fill_missing_leads(paragraphs: Iterable[Paragraph], unmarked: dict[int, str | None], language: str,
                       key: Callable[[Paragraph], str]) -> list[str]:
    """Give a lead to each paragraph the file marks none for (``unmarked``: id of the paragraph ->
    its ``clause_emphasis``), once paragraph texts are filled in: text rules where the
    language has them, else the emphasised words of the first clause.  Returns one warning
    per paragraph (``key``: its key), so that no inferred lead passes for the file's own."""
    lang = (language or "en").split("-")[0]
    warnings: list[str] = []
    for p in paragraphs:
        if p.lead or id(p) not in unmarked:
            continue
        if lang in TEXT_RULE_LANGUAGES:
            p.lead, how = text_lead(p.text, lang), "from the text rules"
        else:
            p.lead, how = unmarked[id(p)] or "", "emphasised in its first clause"
        warnings.append(unmarked_warning(key(p), p.lead, how))
    return warnings
