"""Sub-paragraph labels in series: the label before or after one, and the lines that read as items.

The body parser (``kg.parse.structure``) nests roman numerals under letters and infers the labels a
text extraction lost ("(a)", "(b)" dropped from a PDF; the items of a preambular list) from the
series they belong to.
"""
from __future__ import annotations

import re

ROMAN_LABEL_RE = re.compile(r"^[ivx]+$")
#: A sub-paragraph item: opens with a word, ends with ";" ("; and", "; or") or a full stop.
ITEM_RE = re.compile(r"^[A-Za-z][^\n]*(?:;(?:\s(?:and|or))?|\.)$")
#: How an item of a preambular list ends: "," or ";" (", and", "; or"), or "." (the last).
PREAMBLE_ITEM_RE = re.compile(r"(?:[,;](?:\s(?:and|or))?|\.)\s*\d{0,3}$")
ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def previous_letter(label: str) -> str:
    """The letter label before ``label`` ("c" -> "b"; "" before "a")."""
    return label[:-1] + chr(ord(label[-1]) - 1) if label[-1] > "a" else ""


def next_label(label: str, roman: bool) -> str | None:
    """The label after ``label`` in its series: "b" -> "c", roman "ii" -> "iii"."""
    if roman:
        return ROMANS[ROMANS.index(label) + 1] if label in ROMANS[:-1] else None
    return chr(ord(label) + 1) if len(label) == 1 and label < "z" else None


def first_label(found: str, run: int) -> str | None:
    """The label of the first of ``run`` unlabelled items followed by item ``found``: "a" when
    ``found`` is the ``run``-th letter after it ("(c)" after two), "i" for roman numerals."""
    if len(found) == 1 and ord(found) - ord("a") == run:
        return "a"
    if found in ROMANS and ROMANS.index(found) == run:
        return "i"
    return None
