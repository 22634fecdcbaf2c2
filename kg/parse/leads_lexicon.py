"""Where a lead phrase ends, learned from the UN's own italics.

The UN prints the lead phrase of a paragraph in italics, and its editors are
not uniform: "*Decides* to remain seized", "*Expresses* its profound
gratitude", but "*Reiterates its call upon* all States", "*Reaffirms its
strong support* for".  AKN4UN files and Word files keep the italics; plain
text (ODS text, PDF text) has none, so the text parser must guess where the
italics stop.  This module makes that guess from how the UN itself italicised
the same words elsewhere.

The table ``kg/data/lead_phrases.tsv`` holds, for every word sequence ``w1..wk``
(k >= 2, lower-cased) that opens some italicised paragraph: how many times the
italics ran over all k words (``covers``) and how many times they stopped
before the k-th (``cut``).  A lead grows word by word while the next sequence
is italicised more often than not; a sequence the table has never seen is left
to the grammatical rules of ``kg.parse.leads`` (and never ends on "its",
"the", "and").  The table is regenerated from a corpus with::

    .venv/bin/python -m kg.parse.leads_lexicon ../shared/corpus > kg/data/lead_phrases.tsv
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

#: Words of any Latin-script language ("Décide", "Acogiendo", "Secretary-General").
WORD_RE = re.compile(r"[^\W\d_][\w’'\-]*")
MAX_WORDS = 12
#: A lead never ends on these: "Reiterates its" goes on to its noun.
_DANGLING = {"its", "their", "his", "her", "our", "the", "a", "an", "and", "of", "sa", "son", "ses", "su", "sus",
             "la", "le", "les", "el", "los", "las", "et", "y", "de",
             "ihre", "ihrer", "ihren", "seine", "seiner", "seinen", "der", "die", "das", "dem", "den", "des", "und",
             "свою", "своей", "свое", "своё", "свои", "и"}
_INTENSIFIERS = {"deep", "grave", "serious", "profound", "great", "sincere", "strong", "full", "utmost", "particular",
                 "heartfelt", "deepest", "sincerest", "warm", "continued", "renewed", "firm", "unwavering", "growing",
                 "strongest", "appreciation", "sympathy"}
DATA_FILE = "lead_phrases.tsv"
#: The languages whose lead phrases the text parser reads (``kg.parse.leads``, ``leads_romance``).
LANGUAGES = ("en", "fr", "es", "ru", "de")


#: Up to MAX_WORDS words with nothing but spaces between them.
_RUN_RE = re.compile(WORD_RE.pattern + r"(?:\s+" + WORD_RE.pattern + r"){0,%d}" % (MAX_WORDS - 1))


def words(text: str) -> list[re.Match[str]]:
    """The first words of ``text``, up to the first punctuation between two words (a lead
    never runs over a comma: "Decides, in this regard, ...")."""
    run = _RUN_RE.search(text, 0, 240)
    return list(WORD_RE.finditer(text, run.start(), run.end())) if run else []


@lru_cache(maxsize=1)
def table() -> dict[str, dict[tuple[str, ...], tuple[int, int]]]:
    """{language: {word sequence: (covers, cut)}} from the shipped data file."""
    out: dict[str, dict[tuple[str, ...], tuple[int, int]]] = {}
    text = resources.files("kg").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return parse_table(text.splitlines(), out)


def parse_table(lines: Iterable[str], out: dict | None = None) -> dict[str, dict[tuple[str, ...], tuple[int, int]]]:
    out = {} if out is None else out
    for line in lines:
        if not line or line.startswith("#") or line.startswith("language\t"):
            continue
        language, phrase, covers, cut = line.split("\t")
        out.setdefault(language, {})[tuple(phrase.split(" "))] = (int(covers), int(cut))
    return out


def lead_length(tokens: list[str], rule_length: int, stats: dict[tuple[str, ...], tuple[int, int]]) -> int:
    """How many of ``tokens`` (lower-cased words) the lead takes: grown one word at a time
    while the UN italicised that sequence more often than not; unseen sequences follow the
    rules (``rule_length`` words) and never stop on a possessive, an article or "and".
    (Deciding on whole units such as "its deep concern" fitted the corpus better but did
    worse on the format held out: see tests/test_parse_cross_format.py.)"""
    k = 1
    while k < len(tokens):
        covers, cut = stats.get(tuple(tokens[:k + 1]), (0, 0))
        if covers or cut:
            grow = covers > cut
        else:
            grow = k < rule_length or tokens[k - 1] in _DANGLING or (
                k >= 2 and tokens[k - 2] in _DANGLING and tokens[k - 1] in _INTENSIFIERS)
        if not grow:
            break
        k += 1
    return k


def adjust(text: str, lead: str, language: str,
           stats: dict[str, dict[tuple[str, ...], tuple[int, int]]] | None = None) -> str:
    """The rules' ``lead`` of ``text`` (lead already at the start of ``text``) moved to where
    the UN's italics would end; ``lead`` itself when the table knows nothing of the language."""
    if stats is None:
        return _adjust_shipped(text, lead, language) if lead else lead
    return _adjust(text, lead, stats.get(language))


@lru_cache(maxsize=8192)
def _adjust_shipped(text: str, lead: str, language: str) -> str:
    return _adjust(text, lead, table().get(language))


def _adjust(text: str, lead: str, known: dict[tuple[str, ...], tuple[int, int]] | None) -> str:
    if not lead or not known:
        return lead
    stripped = text.lstrip(" \t\"“‘'«")
    found = words(stripped)
    if not found:
        return lead
    rule_length = len(WORD_RE.findall(lead))
    k = lead_length([m.group(0).lower() for m in found], rule_length, known)
    return stripped[found[0].start():found[k - 1].end()]


# -- building the table from a corpus ---------------------------------------------------------

def italic_examples(paths: list[str]) -> Iterator[tuple[str, str, str, str]]:
    """(language, format, italic lead, paragraph text) of every paragraph whose lead the file
    marks in italics: AKN4UN XML (``<i>``, ``span class="italic"``) and Word (italic runs)."""
    from kg.parse import parse_path
    from kg.read import read_path
    from kg.read.akn_leads import paragraph_key, unmarked_keys
    from kg.store.scan import scan

    for item in scan(paths):
        try:
            record = parse_path(item.path)
            italic = None
            if record.source_format == "docx":
                italic = set(read_path(item.path).meta.get("docx:italic_leads", "").split("\n"))
            elif record.source_format != "akn":
                continue
        except Exception:      # a file the readers refuse teaches nothing
            continue
        inferred = unmarked_keys(record.warnings) if record.source_format == "akn" else set()
        for p in record.preamble + record.operative:
            if p.lead and (italic is None or p.lead in italic) and paragraph_key(p) not in inferred:
                yield record.language or "en", record.source_format, p.lead, p.text


def count(examples: Iterable[tuple[str, str, str, str]]) -> dict[str, dict[tuple[str, ...], list[int]]]:
    """{language: {sequence: [covers, cut]}} over (language, format, lead, text) examples."""
    stats: dict[str, dict[tuple[str, ...], list[int]]] = {}
    for language, _fmt, lead, text in examples:
        stripped = text.lstrip(" \t\"“‘'«")
        at = stripped.find(lead)
        if at < 0 or at > 12:
            continue
        tokens = [m.group(0).lower() for m in words(stripped[at:])]
        n = len(WORD_RE.findall(lead))
        if n == 0 or [t.lower() for t in WORD_RE.findall(lead)] != tokens[:n]:
            continue
        table_ = stats.setdefault(language, {})
        for k in range(2, n + 1):
            table_.setdefault(tuple(tokens[:k]), [0, 0])[0] += 1
        if n < len(tokens):
            table_.setdefault(tuple(tokens[:n + 1]), [0, 0])[1] += 1
    return stats


def render(stats: dict[str, dict[tuple[str, ...], list[int]]], sources: str) -> str:
    lines = [f"# Where the UN's italics end in lead phrases; generated by kg.parse.leads_lexicon from {sources}",
             "# covers: paragraphs whose italic lead runs over the whole sequence; cut: ... stops before its last word",
             "language\tphrase\tcovers\tcut"]
    for language in sorted(stats):
        for phrase, (covers, cut) in sorted(stats[language].items()):
            lines.append(f"{language}\t{' '.join(phrase)}\t{covers}\t{cut}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    paths = argv or ["../shared/corpus"]
    stats = {lang: table_ for lang, table_ in count(italic_examples(paths)).items() if lang in LANGUAGES}
    sys.stdout.write(render(stats, "the AKN4UN and Word files of the project corpus (see docs/architecture.md, lead phrases)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
