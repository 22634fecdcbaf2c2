"""English ordinal words ("first" … "ninety-ninth", "hundredth") and their values.

Shared by the parser (titles: "4th" = "fourth") and the linker ("the sixteenth meeting").
"""
from __future__ import annotations

_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth"]
_TENS = ["twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"]


def _ordinal_words() -> dict[str, int]:
    words = {w: i + 1 for i, w in enumerate(_UNITS)}
    words.update({w: i + 10 for i, w in enumerate(_TEENS)})
    for i, stem in enumerate(_TENS):
        tens = (i + 2) * 10
        words[stem + "ieth"] = tens
        for j, unit in enumerate(_UNITS):
            words[f"{stem}y-{unit}"] = tens + j + 1
    words["hundredth"] = 100
    return words


#: "sixty-seventh" -> 67
ORDINALS: dict[str, int] = _ordinal_words()
#: 67 -> "sixty-seventh"
ORDINAL_WORD: dict[int, str] = {value: word for word, value in ORDINALS.items()}
