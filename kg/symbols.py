"""One grammar for UN document symbols: recognise, split and canonicalise.

UN symbols are slash-separated components headed by a series letter::

    A/RES/65/140            A/RES/3369 (XXX)       A/RES/ES-10/19   A/RES/S-26/2
    S/RES/1325 (2000)       E/RES/2010/1           A/HRC/RES/16/18
    A/65/L.43/Add.1         A/C.3/65/L.20/Rev.1    A/65/PV.68       A/CONF.151/26
    S/PRST/2000/1           E/2024/SR.1            A/65/382-S/2010/490 (joint)

The canonical form is upper case, with no spaces around slashes, a single
space before a parenthesised session or year (``S/RES/1325 (2000)``), and part
letters after one space (``A/RES/75/101 A``).  Every function here is pure.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_RE = re.compile(r"^[IVXLCDM]+$")


def roman_to_int(roman: str) -> int:
    """``"XXX"`` -> 30.  Raises ValueError for anything that is not a Roman numeral."""
    roman = roman.strip().upper()
    if not roman or not _ROMAN_RE.match(roman):
        raise ValueError(f"not a Roman numeral: {roman!r}")
    total = 0
    for i, ch in enumerate(roman):
        value = ROMAN[ch]
        if i + 1 < len(roman) and ROMAN[roman[i + 1]] > value:
            total -= value
        else:
            total += value
    if int_to_roman(total) != roman:
        raise ValueError(f"not a canonical Roman numeral: {roman!r}")
    return total


def int_to_roman(number: int) -> str:
    if not 0 < number < 4000:
        raise ValueError(f"out of range for Roman numerals: {number}")
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


# Series that head a UN symbol (first component).  Kept broad on purpose:
# treaty bodies and programmes publish under their own series.
SERIES = (
    "A", "S", "E", "ST", "T", "TD", "UNEP", "DP", "CRC", "CEDAW", "CCPR", "CERD", "CAT", "CRPD",
    "CED", "CMW", "E/CN", "ICEF", "UNW", "HRI", "SG", "DPI", "JIU", "APLC", "CCW", "BWC",
    "FCCC", "ISBA", "SPLOS", "UNHCR", "EC", "TRADE", "WFP", "IDB", "PBC", "CTOC", "UNCITRAL",
)

_HEADS = frozenset(s.split("/")[0] for s in SERIES)
_HEADS_ALT = "|".join(sorted(_HEADS, key=len, reverse=True))
_COMPONENT_RE = re.compile(r"[A-Z0-9][A-Z0-9.\-]*(?: \((?:[IVXLC]+|\d{4})\))?")
_SUFFIX_COMPONENT_RE = re.compile(r"(ADD|REV|CORR|AMEND)\.?(\d+)")
_SLASH_RE = re.compile(r"\s*/\s*")
_SPACES_RE = re.compile(r"\s+")
_JOINT_SPLIT_RE = re.compile(r"\s?-\s?(?=(?:" + _HEADS_ALT + r")/)")
_PART_SEP_RE = re.compile(r"\s*(?:-|AND|TO)\s*")
_COMPONENT = r"(?:(?:Add|Rev|Corr|Amend)\.\s?\d+|[A-Z0-9][A-Z0-9.\-]*(?:\s?\((?:[IVXLC]+|\d{4})\))?)"
# A symbol as it may be printed in running text (spaces tolerated around "/").
SYMBOL_PATTERN = (
    r"(?<![A-Za-z0-9/.])"
    r"(?:" + "|".join(sorted({s.split('/')[0] for s in SERIES}, key=len, reverse=True)) + r")"
    r"(?:\s?/\s?" + _COMPONENT + r"){1,7}"
)
SYMBOL_RE = re.compile(SYMBOL_PATTERN)
# Two or more symbols joined by a hyphen form one joint document.
JOINT_RE = re.compile(SYMBOL_PATTERN + r"(?:\s?[-\u2013]\s?" + SYMBOL_PATTERN[len(r"(?<![A-Za-z0-9/.])"):] + r")+")


@dataclass(frozen=True)
class Symbol:
    """A parsed symbol.  ``str(symbol)`` is the canonical form."""

    components: tuple[str, ...]
    part: str | None = None          # "A", "A-B"

    def __str__(self) -> str:
        text = "/".join(self.components)
        return f"{text} {self.part}" if self.part else text

    @property
    def series(self) -> str:
        return self.components[0]

    @property
    def is_resolution(self) -> bool:
        return "RES" in self.components

    @property
    def organ(self) -> str | None:
        """The adopting organ of a resolution or decision symbol."""
        c = self.components
        if c[0] == "S":
            return "SC"
        if c[0] == "E":
            return "ECOSOC"
        if c[0] == "A" and len(c) > 1 and c[1] == "HRC":
            return "HRC"
        if c[0] == "A":
            return "GA"
        return None


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2011", "-").replace("\u2013", "-").replace("\u2010", "-")
    text = _SLASH_RE.sub("/", text.strip())
    return _SPACES_RE.sub(" ", text)


_PAREN_RE = re.compile(r"\s*\(\s*([IVXLCivxlc]+|\d{4})\s*\)")
_PART_RE = re.compile(r"^(.*?/\d+(?:\s*\([IVXLC]+\))?)\s*([A-L](?:\s*(?:-|and|to)\s*[A-L])?)$")


@lru_cache(maxsize=65536)
def parse(text: str) -> Symbol:
    """Parse one symbol in any usual spelling.  Raises ValueError when it is not one.
    Cached: a pure function of the text, its result immutable, and the same symbols recur."""
    raw = _clean(text)
    if not raw:
        raise ValueError("empty symbol")
    up = raw.upper()
    part = None
    m = _PART_RE.match(up)
    if m and "RES" in up.split("/"):
        up, part = m.group(1), _PART_SEP_RE.sub("-", m.group(2))
    up = _PAREN_RE.sub(lambda mm: f" ({mm.group(1).upper()})", up)
    components = tuple(c.strip() for c in up.split("/"))
    if len(components) < 2 or any(not c for c in components):
        raise ValueError(f"not a UN symbol: {text!r}")
    head = components[0]
    if head not in _HEADS:
        raise ValueError(f"unknown symbol series {head!r} in {text!r}")
    for c in components:
        if not _COMPONENT_RE.fullmatch(c):
            raise ValueError(f"bad symbol component {c!r} in {text!r}")
    # Normalise "L. 43" style and "ADD.1" case: components are upper-cased, but the
    # UN writes Add., Rev., Corr. in title case.
    components = tuple(_title_case_suffix(c) for c in components)
    return Symbol(components, part)


_SUFFIXES = {"ADD": "Add", "REV": "Rev", "CORR": "Corr", "AMEND": "Amend", "SUMMARY": "Summary", "ADDENDUM": "Add"}


def _title_case_suffix(component: str) -> str:
    m = _SUFFIX_COMPONENT_RE.fullmatch(component)
    if m:
        return f"{_SUFFIXES[m.group(1)]}.{m.group(2)}"
    return component


@lru_cache(maxsize=65536)
def canonical(text: str) -> str:
    """The canonical spelling of any symbol; joint symbols keep their hyphen (cached: pure)."""
    parts = split_joint(text)
    if not parts:
        raise ValueError("empty symbol")
    return "-".join(str(parse(p)) for p in parts)


def split_joint(text: str) -> list[str]:
    """``"A/65/382-S/2010/490"`` -> ``["A/65/382", "S/2010/490"]``."""
    text = _clean(text)
    pieces = _JOINT_SPLIT_RE.split(text)
    return [p for p in pieces if p]


def is_symbol(text: str) -> bool:
    try:
        canonical(text)
        return True
    except ValueError:
        return False


def resolution_symbol(number: str, organ: str) -> str:
    """The symbol of a resolution cited by its number, for the organ that adopted it.

    ``("65/140", "GA")`` -> ``A/RES/65/140``; ``("3369 (XXX)", "GA")`` ->
    ``A/RES/3369 (XXX)``; ``("1325 (2000)", "SC")`` -> ``S/RES/1325 (2000)``;
    ``("2010/1", "ECOSOC")`` -> ``E/RES/2010/1``; ``("16/18", "HRC")`` ->
    ``A/HRC/RES/16/18``; ``("ES-10/19", "GA")`` -> ``A/RES/ES-10/19``.
    """
    prefix = {"GA": "A/RES/", "SC": "S/RES/", "ECOSOC": "E/RES/", "HRC": "A/HRC/RES/"}[organ]
    return canonical(prefix + number)


@lru_cache(maxsize=65536)
def organ_of_number(number: str) -> str | None:
    """Guess the organ from the printed form alone, where the form decides it.

    "1325 (2000)" (a year in brackets) is the Security Council; "3369 (XXX)"
    (a Roman session) is the General Assembly; "ES-10/19" and "S-26/2" are GA
    special sessions.  Others ("65/140", "2010/1") depend on context: None.
    """
    n = _clean(number).upper()
    if re.fullmatch(r"\d+ ?\(\d{4}\)", n):
        return "SC"
    if re.fullmatch(r"\d+ ?\([IVXLC]+\)(?: ?[A-L])?", n):
        return "GA"
    if re.fullmatch(r"(?:ES|S)-\d+/\d+", n):
        return "GA"
    return None


def session_of(symbol: str) -> str | None:
    """The session of a resolution symbol: "65", "ES-10", "S-26", "30" for (XXX); SC: the year."""
    sym = parse(symbol)
    c = sym.components
    try:
        idx = c.index("RES")
    except ValueError:
        return None
    rest = c[idx + 1:]
    if not rest:
        return None
    if len(rest) == 1:
        m = re.fullmatch(r"\d+ \(([IVXLC]+|\d{4})\)", rest[0])
        if m:
            value = m.group(1)
            return value if value.isdigit() else str(roman_to_int(value))
        return None
    return rest[0]


def number_of(symbol: str) -> str | None:
    """The resolution number as printed: "65/140", "3369 (XXX)", "1325 (2000)"."""
    sym = parse(symbol)
    c = sym.components
    if "RES" not in c:
        return None
    return "/".join(c[c.index("RES") + 1:]) + (f" {sym.part}" if sym.part else "")


_JOINT_GAP_RE = re.compile(r"\s?[-\u2013]\s?")


def find_symbols(text: str) -> list[tuple[int, int, str]]:
    """Every document symbol printed in ``text``: (start, end, canonical)."""
    found: list[tuple[int, int, str]] = []
    if "/" not in text:
        return found            # every symbol holds a "/" (SYMBOL_PATTERN): no scan needed
    for m in SYMBOL_RE.finditer(text):
        start, end = m.start(), m.end()
        # Extend over a joint document "A/65/382-S/2010/490".
        while True:
            nxt = _JOINT_GAP_RE.match(text, end)
            if not nxt:
                break
            m2 = SYMBOL_RE.match(text, nxt.end())
            if not m2:
                break
            end = m2.end()
        surface = text[start:end].rstrip(".,;:")
        end = start + len(surface)
        try:
            found.append((start, end, canonical(surface)))
        except ValueError:
            continue
    return found
