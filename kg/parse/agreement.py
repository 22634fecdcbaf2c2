"""Agreement between expressions: one resolution read from several files must say the same.

The metadata checks of ``kg accuracy`` cover the header fields and the paragraph
counts where an AKN file exists.  The structure a researcher queries (lead
phrases, sub-paragraphs, footnotes, citations) has no metadata to check it
against, but the corpus often holds the same resolution twice: in one language
from several formats (AKN, Word, ODS text, PDF text), and in several languages
of AKN.  Those must agree, and where they do not, one of the readers is wrong.

The pure heart is :func:`disagreements`: parsed records in, one ``Disagreement``
per field that differs between an expression and the reference one (the most
trustworthy format for the same language; English for the same format).  A
difference the source itself explains (an export without footnote texts) is
listed in :data:`EXPLAINED` with its reason and reported apart, never dropped.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable

from kg.model import Resolution

#: The most trustworthy reading of a resolution first (the same order as the build's).
FORMAT_ORDER = {"akn": 0, "docx": 1, "doc": 1, "ods-text": 2, "pdf-text": 3, "text": 4}
#: Formats whose files may hold no footnote texts (a plain body export): footnotes not compared.
WITHOUT_FOOTNOTES = {"text"}
#: The fields held to full agreement (``kg accuracy --strict`` and the tests); the others are reported.
HELD = ("preambular_paragraphs", "operative_paragraphs", "footnotes", "subparagraphs", "citations",
        "adoption_date", "meeting")


@dataclass(frozen=True)
class Disagreement:
    symbol: str
    field: str
    reference: str          # the reference expression's file
    other: str              # the file that differs
    expected: str
    got: str


@dataclass(frozen=True)
class Explained:
    """A disagreement that comes from the source, with the reason (as in accuracy_exceptions)."""
    symbol: str
    field: str
    file_part: str          # a part of the differing file's path
    reason: str


EXPLAINED: tuple[Explained, ...] = (
    Explained("A/RES/ES-11/1", "meeting", "/German/",
              "the German AKN file prints no meeting trailer; its workflow names the meeting record "
              "A/ES-11/PV.5 (kg.parse.accuracy_exceptions)"),
    Explained("E/RES/2024/1", "adoption_date", "/Spanish/",
              "the Spanish AKN file prints and marks up 7 July 2023 where its own cover page and the other "
              "languages say 27 July 2023 (kg.parse.accuracy_exceptions)"),
)


def _cited(r: Resolution, in_footnotes: bool = True) -> list[str]:
    return sorted({c.symbol for c in r.citations
                   if in_footnotes or not (c.in_paragraph or "").startswith("fn/")})


def _same_language_fields(ref: Resolution, other: Resolution) -> dict[str, Callable[[Resolution], object]]:
    footnotes = not ({ref.source_format, other.source_format} & WITHOUT_FOOTNOTES)
    fields: dict[str, Callable[[Resolution], object]] = {
        "preambular_paragraphs": lambda r: len(r.preamble),
        "operative_paragraphs": lambda r: len(r.operative),
        "lead_phrases": lambda r: [p.lead for p in r.preamble + r.operative],
        "subparagraphs": lambda r: [len(p.subparagraphs) for p in r.operative],
        "citations": (lambda r: _cited(r)) if footnotes else (lambda r: _cited(r, in_footnotes=False)),
    }
    if footnotes:
        fields["footnotes"] = lambda r: len(r.footnotes)
    return fields


_OTHER_LANGUAGE_FIELDS: dict[str, Callable[[Resolution], object]] = {
    "preambular_paragraphs": lambda r: len(r.preamble),
    "operative_paragraphs": lambda r: len(r.operative),
    "subparagraphs": lambda r: [len(p.subparagraphs) for p in r.operative],
    "footnotes": lambda r: len(r.footnotes),
    "citations": _cited,
    "adoption_date": lambda r: r.adoption_date,
    "meeting": lambda r: r.meeting,
}


def _show(value: object) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _compare(ref: Resolution, other: Resolution, fields: dict[str, Callable[[Resolution], object]]
             ) -> list[Disagreement]:
    out = []
    for name, get in fields.items():
        a, b = get(ref), get(other)
        if a != b:
            out.append(Disagreement(ref.symbol, name, ref.source, other.source, _show(a), _show(b)))
    return out


def disagreements(records: Iterable[Resolution]) -> list[Disagreement]:
    """Every field where an expression differs from its reference (same language, best format;
    then, among AKN files, each language against English)."""
    by_language: dict[tuple[str, str], list[Resolution]] = defaultdict(list)
    akn_by_symbol: dict[str, dict[str, Resolution]] = defaultdict(dict)
    for r in records:
        by_language[(r.symbol, r.language)].append(r)
        if r.source_format == "akn":
            akn_by_symbol[r.symbol].setdefault(r.language, r)
    out: list[Disagreement] = []
    for group in by_language.values():
        group.sort(key=lambda r: (FORMAT_ORDER.get(r.source_format, 9), r.source))
        ref = group[0]
        for other in group[1:]:
            out += _compare(ref, other, _same_language_fields(ref, other))
    for languages in akn_by_symbol.values():
        ref = languages.get("en")
        if ref is None:
            continue
        for language, other in sorted(languages.items()):
            if language != "en":
                out += _compare(ref, other, _OTHER_LANGUAGE_FIELDS)
    return out


def unexplained(found: Iterable[Disagreement], fields: Iterable[str] = HELD) -> list[Disagreement]:
    """The differences in ``fields`` that no entry of :data:`EXPLAINED` accounts for."""
    held = set(fields)
    return [d for d in found if d.field in held and explanation(d) is None]


def explanation(d: Disagreement, explained: Iterable[Explained] = EXPLAINED) -> str | None:
    for e in explained:
        if e.symbol == d.symbol and e.field == d.field and e.file_part in d.other:
            return e.reason
    return None


def read_corpus(paths: Iterable[str], parse: Callable[[str], Resolution] | None = None) -> list[Resolution]:
    """Every document under ``paths`` that parses (a refusal is the accuracy report's business).

    ``parse`` defaults to ``kg.parse.parse_path``; ``kg accuracy`` passes one that remembers the
    records its metadata check already parsed, so the corpus is parsed once."""
    from kg.model import ParseError
    from kg.parse import iter_documents, parse_path

    parse = parse or parse_path
    records = []
    for path in iter_documents(list(paths)):
        try:
            records.append(parse(path))
        except ParseError:
            continue
    return records


def render_markdown(found: list[Disagreement], explained: Iterable[Explained] = EXPLAINED) -> str:
    """The agreement section of ``kg accuracy``: counts per field, then each difference."""
    explained = tuple(explained)
    open_ = [d for d in found if explanation(d, explained) is None]
    known = [(d, explanation(d, explained)) for d in found if explanation(d, explained) is not None]
    counts: dict[str, int] = defaultdict(int)
    for d in open_:
        counts[d.field] += 1
    lines = ["## Agreement between expressions of one resolution", "",
             "The same resolution read from several files (formats of one language against the best one; "
             "AKN languages against English) must give the same structure.", "",
             f"{len(open_)} unexplained differences"
             + (": " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) if counts else "") + "."]
    for d in open_:
        lines.append(f"- {d.symbol} `{d.field}`: {d.reference} says {d.expected!r}; {d.other} says {d.got!r}")
    if known:
        lines += ["", "Explained by the source:"]
        lines += [f"- {d.symbol} `{d.field}` in {d.other}: {reason}" for d, reason in known]
    return "\n".join(lines) + "\n"
