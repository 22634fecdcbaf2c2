"""The ground-truth record (``Expected``) and the pure normalisers behind it.

Every source of UN metadata in the corpus spells the same facts differently
(``"14\u00a0November 2025"``, ``"2019-10-10 00:00:00"``, ``"56th (resumed)
plenary meeting"``, ``"#fifthCommittee"``, ``"A/75/391, para. 7"``).  The
functions here turn each spelling into the one form the parser's
``Resolution`` uses, so that comparing the two is a plain equality.  Each
normaliser documents what it accepts and why.  Nothing here does I/O.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from kg import symbols

#: The committee value meaning "adopted without reference to a committee"
#: (GA "without reference to a Main Committee", ECOSOC "Plenary meeting").
#: The parser spells this ``committee=None``; ground truth spells it with
#: this sentinel so that ``None`` can keep meaning "not known".
WITHOUT_COMMITTEE = "(without reference to a committee)"

MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"), start=1)}


@dataclass
class VoteCounts:
    """How a resolution was adopted: without a vote, or by a vote with counts."""

    without_vote: bool
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None

    def __str__(self) -> str:
        if self.without_vote:
            return "without a vote"
        return f"{self.yes}-{self.no}-{self.abstain}"


@dataclass
class Expected:
    """What the UN's own metadata says about one resolution.

    Every field is ``None`` when no source asserts it, so ``compare`` only
    checks what is known.  ``sources`` names, per field, the source it was
    taken from (``source_of_truth``); ``quirks`` lists what had to be
    repaired in the source to read it (for the report).
    """

    symbol: str                                   # canonical (kg.symbols.canonical)
    organ: str | None = None                      # GA | SC | HRC | ECOSOC
    adoption_date: str | None = None              # ISO 8601
    meeting: int | None = None
    committee: str | None = None                  # normalised name or WITHOUT_COMMITTEE
    origin_documents: tuple[str, ...] | None = None   # canonical symbols
    origin_optional: tuple[str, ...] = ()         # amendments ("as amended in A/75/L.114"): may be listed or not
    agenda_items: tuple[str, ...] | None = None   # "122 (s)"
    title: str | None = None                      # as the source spells it (compare normalises)
    distribution_date: str | None = None          # ISO 8601
    job_number: str | None = None                 # "25-15106"
    votes: VoteCounts | None = None
    preambular_count: int | None = None           # from the AKN XML of the same resolution
    operative_count: int | None = None
    footnote_count: int | None = None
    sources: dict[str, str] = field(default_factory=dict)
    quirks: list[str] = field(default_factory=list)

    @property
    def source_of_truth(self) -> str:
        """The sources this record was built from, most authoritative first."""
        seen: list[str] = []
        for src in self.sources.values():
            kind = src.split(":", 1)[0]
            if kind not in seen:
                seen.append(kind)
        return ", ".join(seen)


# --------------------------------------------------------------------------- dates

_DMY_RE = re.compile(r"(\d{1,2})\s*([A-Za-z]+)\s*,?\s*(\d{4})")
_ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str | None) -> str | None:
    """A UN date in any of the corpus spellings -> ISO 8601, or None.

    Accepts ``"19 January 2010"``, ``"14\u00a0November 2025"`` (NBSP),
    ``"on19 January 2010"`` (NBSP dropped), ``"2019-10-10 00:00:00"`` (the GA
    74 extract), ``"19 November 2004 in Nairobi"`` (SC away meeting) and
    ``"0001-01-01"`` (an AKN placeholder: returns None).
    """
    if not text:
        return None
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    m = _ISO_RE.search(text)
    if m:
        try:
            value = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return value.isoformat() if value.year > 1900 else None
    m = _DMY_RE.search(text)
    if not m or m.group(2).lower() not in MONTHS:
        return None
    try:
        return date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))).isoformat()
    except ValueError:
        return None


def parse_ddmmyy(text: str | None) -> str | None:
    """Word's ``Release Date`` property ``"021017"`` -> ``"2017-10-02"``."""
    if not text or not re.fullmatch(r"\d{6}", text.strip()):
        return None
    d, m, y = int(text[:2]), int(text[2:4]), int(text[4:6])
    try:
        return date(2000 + y, m, d).isoformat()
    except ValueError:
        return None


# ------------------------------------------------------------------------ meetings

_MEETING_RE = re.compile(r"(\d+)\s*(?:st|nd|rd|th|e|er)?\b")


def parse_meeting(text: str | None) -> int | None:
    """``"40th plenary meeting"``, ``"56th (resumed) plenary meeting"``,
    ``"4337th (closed) meeting"``, ``"S/PV.6261"`` -> the meeting number.

    ``"Voting by mail"`` (Security Council, 2020) and ``""`` -> None: there
    was no meeting, so nothing is asserted.
    """
    if not text:
        return None
    text = text.replace("\u00a0", " ").strip()
    m = re.search(r"PV\.(\d+)", text)
    if m:
        return int(m.group(1))
    if "meeting" not in text.lower():
        return None
    m = _MEETING_RE.search(text)
    return int(m.group(1)) if m else None


# ---------------------------------------------------------------------- committees

_ORDINAL_COMMITTEE = re.compile(r"\b(first|second|third|fourth|fifth|sixth)\s*committee\b", re.I)


def normalise_committee(text: str | None) -> str | None:
    """The committee (or ECOSOC subsidiary body) a resolution came from.

    - GA main committees are reduced to their ordinal name, because the
      extract writes ``"Fourth Committee"`` where the text prints ``"Special
      Political and Decolonization Committee (Fourth Committee)"``, and one
      extract file writes ``"#fifthCommittee"`` (an AKN reference leaked
      into the metadata): all three are ``"Fourth Committee"`` /
      ``"Fifth Committee"``.
    - ``"Without reference to a Main Committee"`` (GA) and ``"Plenary
      meeting"`` (ECOSOC, adopted on a draft of the Council itself) are
      :data:`WITHOUT_COMMITTEE`.
    - Anything else (ECOSOC's ``"Statistical Commission"``, ``"Economic
      Commission for Africa"`` ...) keeps its name, with the bracketed origin
      line's wording (``"[on the recommendation of the ..."``), a leading
      ``"the"`` and stray spaces removed.
    - ``None`` / ``""`` stay None (not known).
    """
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text).replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip().strip("[]").strip()
    if not text:
        return None
    low = text.lower().lstrip("#")
    if "without reference" in low or low in {"plenary meeting", "plenary"}:
        return WITHOUT_COMMITTEE
    m = re.fullmatch(r"(first|second|third|fourth|fifth|sixth)committee", low)
    if m:
        return f"{m.group(1).capitalize()} Committee"
    m = _ORDINAL_COMMITTEE.search(text)
    if m and ("main committee" not in low):
        return f"{m.group(1).capitalize()} Committee"
    text = re.sub(r"^(?:on the (?:report|recommendation)s? of )", "", text, flags=re.I)
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text)          # a trailing "(E/2018/26)"
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    return text.strip() or None


def committee_key(value: str | None) -> str | None:
    """Comparison key: case-insensitive, ``None`` (the parser's "no committee") = WITHOUT_COMMITTEE."""
    norm = normalise_committee(value) if value is not None else WITHOUT_COMMITTEE
    return norm.casefold() if norm else None


# ------------------------------------------------------------- origin documents

_SYMBOLISH = re.compile(r"[A-Z]{1,6}/[A-Za-z0-9./\- ]*[A-Za-z0-9]")


def parse_origin_documents(text: str | None, quirks: list[str] | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """An ``originating_document`` / origin-line value -> (documents, amendments).

    Handles the spellings found in the extracts and texts:
    ``"A/80/L.7"``; ``"A/75/391, para. 7"`` (the report paragraph is not a
    document); ``"A/74/L.1 and A/74/L.1/Add.1"`` and the seed's ``"A/65/L.43
    and Add.1"`` (each addendum its own symbol); ``"A/ES-11/L.2 and
    A/ES-11/L.2 /Add.1"`` (stray space); ``"A/75/L.109 (and as amended in
    A/75/L.114)"`` (the amendment goes to the second list: a text may or may
    not list it).  Two typos of the GA extracts are repaired and reported in
    ``quirks``: ``"A/74/A/74/379/Add.1"`` (doubled prefix) and ``"A/78423"``
    (missing slash).
    """
    if not text:
        return (), ()
    quirks = quirks if quirks is not None else []
    text = unicodedata.normalize("NFKC", text).replace("\u00a0", " ")
    text = re.sub(r",?\s*paras?\.\s*[\d\s,and-]+", "", text)
    fixed = re.sub(r"\b([A-Z])/(\d+)/\1/\2/", r"\1/\2/", text)
    fixed = re.sub(r"\b(A)/(\d{2})(\d{3})\b", r"\1/\2/\3", fixed)
    if fixed != text:
        quirks.append(f"origin document typo repaired: {text!r} -> {fixed!r}")
        text = fixed
    main_part, _, amend_part = _split_amendments(text)
    return _symbols_in(main_part), _symbols_in(amend_part)


def _split_amendments(text: str) -> tuple[str, str, str]:
    m = re.search(r"[(,]?\s*(?:and\s+)?as (?:orally )?(?:amended|revised)", text)
    if not m:
        return text, "", ""
    return text[:m.start()], m.group(0), text[m.end():]


def _symbols_in(text: str) -> tuple[str, ...]:
    """Every symbol in ``text``; ``"X and Add.1"`` expands to ``X/Add.1``."""
    out: list[str] = []
    text = re.sub(r"\s+/", "/", text)
    for piece in re.split(r"\s*(?:,|\band\b|;)\s*", text):
        piece = piece.strip().strip("()[]").strip()
        if not piece:
            continue
        if re.fullmatch(r"(?:Add|Rev|Corr)\.\s*\d+(?:/(?:Add|Rev|Corr)\.\s*\d+)*", piece, re.I) and out:
            base = re.sub(r"/(?:Add|Rev|Corr)\.\d+$", "", out[-1]) if "/Add." in out[-1] else out[-1]
            piece = f"{base}/{piece.replace(' ', '')}"
        m = _SYMBOLISH.search(piece)
        if not m:
            continue
        try:
            out.append(symbols.canonical(m.group(0)))
        except ValueError:
            continue
    return tuple(dict.fromkeys(out))


# ------------------------------------------------------------------ agenda items

_AGENDA_ITEM_RE = re.compile(r"(\d+)\s*(?:\(\s*([a-z]{1,3})\s*\))?", re.I)


def parse_agenda_items(text: str | None) -> tuple[str, ...]:
    """``"Agenda item 71 (b)"``, ``"Agenda items 13 and 75 (a)"`` -> ``("71 (b)",)``,
    ``("13", "75 (a)")``; the canonical spelling is the seed's ``"122 (s)"``."""
    if not text:
        return ()
    text = re.sub(r"(?i)agenda\s+items?", "", text.replace("\u00a0", " "))
    return tuple(dict.fromkeys(
        f"{m.group(1)} ({m.group(2).lower()})" if m.group(2) else m.group(1)
        for m in _AGENDA_ITEM_RE.finditer(text)))


def agenda_key(items) -> tuple[str, ...]:
    """Comparison key: each item re-spelled canonically, order ignored."""
    out: set[str] = set()
    for item in items or ():
        out.update(parse_agenda_items(str(item)))
    return tuple(sorted(out))


# ------------------------------------------------------------------------ titles

_QUOTES = str.maketrans({c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4`\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\""})
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad]")


def title_key(title: str | None) -> str | None:
    """Comparison key of a title.

    Case-insensitive; NFKC; all quotes (straight, curly, guillemets) are one
    quote; all dashes and the soft hyphen are ``-``; whitespace collapsed
    (also around ``-``, since PDF text breaks lines after hyphens); the
    footnote asterisk of ECOSOC titles (``"terrorist groups,* including"``)
    and trailing punctuation removed.
    """
    if title is None:
        return None
    text = unicodedata.normalize("NFKC", title).translate(_QUOTES)
    text = _DASHES.sub("-", text).replace("*", "")
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s+", " ", text).strip().strip(".:;, ").casefold()
    return text or None


# ------------------------------------------------------------------- job numbers

def normalise_job_number(text: str | None) -> str | None:
    """``"N1052094E"``, ``"1052094E"``, ``"10-52094 (E)"`` -> ``"10-52094"``."""
    if not text:
        return None
    m = re.search(r"(\d{2})-?(\d{5})", text)
    return f"{m.group(1)}-{m.group(2)}" if m else None


def canonical_or_none(text: str | None) -> str | None:
    """``kg.symbols.canonical`` that returns None instead of raising."""
    if not text:
        return None
    try:
        return symbols.canonical(text.strip().rstrip("."))
    except ValueError:
        return None


def base_symbol(symbol: str) -> str:
    """The symbol without its part letters: ``A/RES/75/101 A-B`` -> ``A/RES/75/101``."""
    return re.sub(r" [A-L](?:-[A-L])?$", "", symbol)
