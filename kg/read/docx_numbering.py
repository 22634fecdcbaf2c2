"""Word list numbering (``w:numPr``) -> the numbers Word prints before a paragraph.

The UN's own Word files type their paragraph numbers ("<tab>1.<tab>Text").  Word files made
elsewhere (a draft from a delegation, a file re-made from a PDF, one written by a program) number
paragraphs with Word's list numbering instead: the number is not in the text, only a reference
to ``word/numbering.xml`` ("level 0 of list 3: decimal, '%1.'").  ``Numbering`` counts those lists
as Word does and gives each numbered paragraph its label ("1.", "(a)", "(ii)"), followed by the
level's separator (a tab unless the level says otherwise).
"""
from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: a ... z, aa ... zz, aaa ..."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


#: Beyond this, letters and Roman numerals would be absurdly long (a damaged or hostile file): decimal.
_MAX_WORDY = 5000


def _int(value: str | None, default: int) -> int:
    """A number attribute; ``default`` when missing or not a number (a damaged file)."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def format_number(n: int, fmt: str) -> str:
    """``n`` in a ``w:numFmt`` (decimal, lowerLetter, upperRoman ...); decimal for other formats."""
    if not 0 < n <= _MAX_WORDY and fmt != "none":
        return str(n)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)


def _val(el: etree._Element | None, name: str, default: str | None = None) -> str | None:
    child = el.find(_W + name) if el is not None else None
    return child.get(_W + "val", default) if child is not None else default


class Numbering:
    """The lists of one Word file, counted in the order their paragraphs come."""

    def __init__(self, numbering_xml: bytes | None, styles_xml: bytes | None):
        self.levels: dict[str, dict[int, tuple[int, str, str, str]]] = {}   # abstractNumId -> level -> format
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}              # numId -> (abstractNumId, start overrides)
        self.style_num: dict[str, tuple[str, int]] = {}                    # paragraph style -> (numId, level)
        self.counters: dict[str, dict[int, int]] = {}
        if numbering_xml:
            self._read_numbering(etree.fromstring(numbering_xml))
        if styles_xml:
            self._read_styles(etree.fromstring(styles_xml))

    def _read_numbering(self, root: etree._Element) -> None:
        for abstract in root.iter(_W + "abstractNum"):
            levels = {}
            for lvl in abstract.iter(_W + "lvl"):
                levels[_int(lvl.get(_W + "ilvl"), 0)] = (
                    _int(_val(lvl, "start"), 1), _val(lvl, "numFmt", "decimal") or "decimal",
                    _val(lvl, "lvlText", "") or "", _val(lvl, "suff", "tab") or "tab")
            self.levels[abstract.get(_W + "abstractNumId", "")] = levels
        for num in root.iter(_W + "num"):
            starts = {_int(o.get(_W + "ilvl"), 0): _int(_val(o, "startOverride"), 1)
                      for o in num.iter(_W + "lvlOverride") if o.find(_W + "startOverride") is not None}
            self.nums[num.get(_W + "numId", "")] = (_val(num, "abstractNumId", "") or "", starts)

    def _read_styles(self, root: etree._Element) -> None:
        for style in root.iter(_W + "style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None and _val(num_pr, "numId"):
                self.style_num[style.get(_W + "styleId", "")] = (_val(num_pr, "numId") or "", _int(_val(num_pr, "ilvl"), 0))

    def _list_of(self, paragraph: etree._Element) -> tuple[str, int] | None:
        props = paragraph.find(_W + "pPr")
        if props is None:
            return None
        num_pr = props.find(_W + "numPr")
        if num_pr is not None:
            num_id = _val(num_pr, "numId")
            return (num_id, _int(_val(num_pr, "ilvl"), 0)) if num_id and num_id != "0" else None
        return self.style_num.get(_val(props, "pStyle") or "")

    def label(self, paragraph: etree._Element) -> str:
        """The number Word prints before ``paragraph`` with its separator ("1.\\t"); "" for none.
        Counts the paragraph: call once per paragraph, in document order."""
        found = self._list_of(paragraph)
        if found is None or found[0] not in self.nums:
            return ""
        num_id, level = found
        abstract, starts = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, starts.get(level, levels[level][0]) - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]                     # a new item restarts the levels under it
        _, fmt, text, suffix = levels[level]
        if fmt == "bullet":
            return ""
        for k, (start, k_fmt, _, _) in levels.items():
            if f"%{k + 1}" in text:
                text = text.replace(f"%{k + 1}", format_number(counters.get(k, starts.get(k, start)), k_fmt))
        return text + {"tab": "\t", "space": " "}.get(suffix, "") if text else ""
