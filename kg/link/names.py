"""Text folding and name rules shared by the gazetteer and the recogniser.

Matching runs over a *folded* copy of the text that has exactly the same length
as the original (so spans carry over unchanged): accents stripped, curly
apostrophes and dashes unified, lower case.  Case is then checked on the
original surface with rules that depend on the name (abbreviations and single
words exactly, multi-word names word by word).
"""
from __future__ import annotations

import codecs
import unicodedata
from functools import lru_cache
from typing import Callable

_PUNCT = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\t": " ", "\n": " ", "\r": " ", "\u202f": " ", "\u2009": " ",
}


@lru_cache(maxsize=4096)
def _fold_char(char: str, lower: bool) -> str:
    if char in _PUNCT:
        return _PUNCT[char]
    if char in "İı":
        return "i" if lower else ("I" if char == "İ" else "i")
    base = unicodedata.normalize("NFD", char)[0]
    if base.isascii() and base.isalpha():
        char = base
    if lower:
        low = char.lower()
        if len(low) == 1:
            return low
    return char


class _CharTable(dict):
    """``str.translate`` table that fills itself: each character is converted once, ever."""

    def __init__(self, convert: Callable[[str], str]):
        super().__init__()
        self.convert = convert

    def __missing__(self, code: int) -> str:
        converted = self[code] = self.convert(chr(code))
        return converted


def _skeleton_char(char: str) -> str:
    folded = _fold_char(char, True)
    return folded if folded.isalnum() or folded == "/" else " "


_FOLD_TABLES = {True: _CharTable(lambda char: _fold_char(char, True)),
                False: _CharTable(lambda char: _fold_char(char, False))}
_SKELETON_TABLE = _CharTable(_skeleton_char)


def fold(text: str, lower: bool = True) -> str:
    """Same-length normalisation: accents off, quotes/dashes unified, lower case.

    Every character folds to exactly one character, so spans carry over unchanged.
    """
    return text.translate(_FOLD_TABLES[lower])


class _NotAscii(Exception):
    """A skeleton character outside ASCII (Cyrillic, Arabic, Chinese ...)."""


def _ascii_skeleton(error: UnicodeEncodeError) -> tuple[str, int]:
    """Codec error handler: the skeleton of a run of non-ASCII characters, when it is ASCII."""
    run = error.object[error.start:error.end].translate(_SKELETON_TABLE)
    if not run.isascii():
        raise _NotAscii
    return run, error.end


codecs.register_error("kg-skeleton", _ascii_skeleton)
_ASCII_SKELETON = bytes(ord(_skeleton_char(chr(code))) for code in range(128)) + b" " * 128


def skeleton(text: str) -> str:
    """``fold`` with every character but letters, digits and "/" made a space (same length).

    Where a name occurs at word boundaries, its skeleton occurs between two spaces: the
    gazetteer scans skeletons to skip the many occurrences glued inside words.  Text in
    Latin script goes through the ASCII codec, its few other characters (quotes, dashes,
    accented letters) through the error handler, the rest as bytes: ~6 times faster than
    ``str.translate`` on the whole text, the same result.
    """
    try:
        return text.encode("ascii", "kg-skeleton").translate(_ASCII_SKELETON).decode("ascii")
    except _NotAscii:
        return text.translate(_SKELETON_TABLE)


@lru_cache(maxsize=65536)
def is_abbreviation(name: str) -> bool:
    """UNICEF, OCHA, UN-Habitat, EuroHPC JU: matched with exact case."""
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return True
    upper = sum(1 for c in letters if c.isupper())
    words = name.split()
    return (len(words) <= 2 and upper >= 2 and upper * 2 >= len(letters)) or (
        len(words) == 1 and any(c.isupper() for c in name[1:]))


@lru_cache(maxsize=65536)
def needs_exact_case(name: str) -> bool:
    """Abbreviations and one-word names (Secretariat, Dakar, Chad) must match case exactly."""
    return is_abbreviation(name) or len(name.split()) == 1


@lru_cache(maxsize=65536)
def case_matches(name: str, surface: str) -> bool:
    """Does ``surface`` (as written) respect the capitalisation of ``name``?"""
    name_f, surface_f = fold(name, lower=False), fold(surface, lower=False)
    if needs_exact_case(name):
        if surface_f == name_f:
            return True
        # an all-capitals line (a heading or a vote list) spelling a one-word name
        return len(name) > 4 and not is_abbreviation(name) and surface_f.isupper()
    if surface_f.isupper() and len(surface_f) > 6:
        return True
    name_words, surface_words = name_f.split(), surface_f.split()
    if len(name_words) != len(surface_words):
        return surface_f.lower() == name_f.lower() and surface_f[:1].isupper()
    for n_word, s_word in zip(name_words, surface_words):
        if n_word[:1].isupper() and not s_word[:1].isupper():
            return False
    return True


def spelling_variants(name: str) -> set[str]:
    """British/American spellings UN texts mix: Organization/Organisation, Programme/Program..."""
    pairs = [("Organisation", "Organization"), ("organisation", "organization"),
             ("Labour", "Labor"), ("Centre", "Center"), ("Defence", "Defense"),
             ("Co-operation", "Cooperation")]
    variants = {name}
    for british, american in pairs:
        for variant in list(variants):
            if british in variant:
                variants.add(variant.replace(british, american))
            if american in variant:
                variants.add(variant.replace(american, british))
    return variants


def is_boundary(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is not glued to letters or digits on either side."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before == "/" or after == "/":
        return False                 # inside a document symbol: E/ECE/1462, UNEP/GC.27
    return not before.isalnum() and not after.isalnum()
