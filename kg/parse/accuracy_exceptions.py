"""Source errors the parser cannot and should not "fix": explained, listed, never hidden.

A difference between a parsed document and the UN's metadata that comes from
the document itself (a file that prints another date than its own cover page,
an expression that leaves out what the others print) is not a parser miss.
Each such case is listed here with its reason; ``kg accuracy`` leaves it out
of the percentages and prints it under "Explained source errors", and the
accuracy test checks that every entry still matches a real difference, so
the list cannot go stale or grow silently.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExplainedSourceError:
    symbol: str        # canonical symbol of the resolution
    language: str      # BCP 47 language of the expression (the file) concerned
    field: str         # accuracy field (kg.parse.accuracy.FIELDS)
    reason: str        # why the source, not the parser, differs


EXPLAINED_SOURCE_ERRORS: tuple[ExplainedSourceError, ...] = (
    ExplainedSourceError(
        "A/RES/ES-11/1", "de", "meeting",
        "the German AKN file prints no meeting trailer; its workflow names the meeting record "
        "A/ES-11/PV.5, whose number is not the '1st plenary meeting' printed in the other languages"),
    ExplainedSourceError(
        "E/RES/2024/1", "es", "adoption_date",
        "the Spanish AKN file marks up and prints '7 de julio de 2023' (docDate and FRBR adoption "
        "2023-07-07) while its own cover page and the other languages say 27 July 2023"),
    ExplainedSourceError(
        "A/RES/80/44", "en", "distribution_date",
        "the railcar front matter dates the library record 5 December 2025; the PDF itself prints "
        "'Distr.: General 3 December 2025'"),
    ExplainedSourceError(
        "S/RES/84 (1950)", "en", "meeting",
        "the scanned page is cropped above the trailer 'Adopted at the 476th meeting': the OCR text "
        "holds no meeting (the parser reads that trailer when it is there)"),
    ExplainedSourceError(
        "S/RES/777 (1992)", "en", "adoption_date",
        "tesseract dropped the underlined line 'Adopted by the Security Council at its 3116th meeting "
        "on 19 September 1992' of the scan: the OCR text holds no date"),
    ExplainedSourceError(
        "S/RES/777 (1992)", "en", "meeting",
        "tesseract dropped the underlined adoption line of the scan: the OCR text holds no meeting"),
)


def explanation(symbol: str, language: str | None, field: str) -> str | None:
    """The reason when (symbol, language, field) is a listed source error, else None."""
    for item in EXPLAINED_SOURCE_ERRORS:
        if (item.symbol, item.language, item.field) == (symbol, language, field):
            return item.reason
    return None
