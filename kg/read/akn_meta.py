"""What the AKN4UN ``<meta>`` block and cover page say: FRBR dates and language,
subjects, workflow, sponsors and the vote.

Pure functions over lxml elements; they return plain values and typed records.
"""
from __future__ import annotations

import re

from lxml import etree

from kg import symbols
from kg.model import StateVote, Subject, Voting
from kg.read.akn_text import AKN_NS, akn_children, local, plain

_Q = "{%s}" % AKN_NS

# FRBR language codes (ISO 639-2/3) -> BCP 47.
LANGUAGES = {"eng": "en", "fra": "fr", "fre": "fr", "spa": "es", "rus": "ru", "ara": "ar", "zho": "zh",
             "chi": "zh", "deu": "de", "ger": "de", "por": "pt"}

COMMITTEES = {
    "firstCommittee": "First Committee", "secondCommittee": "Second Committee",
    "thirdCommittee": "Third Committee", "fourthCommittee": "Fourth Committee",
    "fifthCommittee": "Fifth Committee", "sixthCommittee": "Sixth Committee",
    "specialPoliticalAndDecolonizationCommittee": "Fourth Committee",
}
# docProponent values meaning "no committee": the plenary took it up directly.
NO_COMMITTEE = {"noMainCommittee", "plenaryMeeting", "plenary", "Silence procedure", "silenceProcedure"}

ADOPTION_TYPES = {
    "adoptedWithoutVote": "without a vote",
    "adoptedRecordedVote": "recorded vote",
    "adoptedByAcclamation": "acclamation",
    "adoptedByVote": "vote",
    "adoptedUnanimously": "unanimous",
}
_VOTE_KINDS = {"inFavour": "yes", "against": "no", "abstaining": "abstain", "nonVoting": "non-voting",
               "notVoting": "non-voting", "absent": "non-voting"}
SUBJECT_SCHEMES = {"SDGO": "SDG", "SDG": "SDG", "UNBIS": "UNBIS", "UNBIS Thesaurus": "UNBIS", "EuroVoc": "EuroVoc"}

# State names that contain " and " (so a sponsor list is not split inside them).
COMPOUND_STATE_NAMES = (
    "Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines", "Sao Tome and Principe", "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland", "Serbia and Montenegro",
    "Heard Island and McDonald Islands", "Wallis and Futuna",
)


def first(el: etree._Element, path: str) -> etree._Element | None:
    """``el.find`` with the AKN namespace put on every step of a simple path."""
    steps = "/".join(s if s in ("", ".", "..") or s.startswith("{") else _Q + s for s in path.split("/"))
    return el.find(steps)


def findall(el: etree._Element, path: str) -> list[etree._Element]:
    steps = "/".join(s if s in ("", ".", "..") or s.startswith("{") else _Q + s for s in path.split("/"))
    return el.findall(steps)


def by_ref(root: etree._Element, tag: str, ref: str) -> etree._Element | None:
    """The first ``tag`` element whose refersTo (or name) is ``ref`` (with or without "#")."""
    for el in root.iter(_Q + tag):
        if (el.get("refersTo") or "").lstrip("#") == ref or el.get("name") == ref:
            return el
    return None


def iso_date(value: str | None) -> str | None:
    """Keep real ISO dates only (AKN uses 0001-01-01 for "no date")."""
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and not value.startswith("0001"):
        return value
    return None


def frbr(meta: etree._Element | None) -> dict[str, str | None]:
    out: dict[str, str | None] = {"adoption": None, "publication": None, "language": None, "work_uri": None}
    if meta is None:
        return out
    for d in meta.iter(_Q + "FRBRdate"):
        name = d.get("name")
        if name in ("adoption", "publication") and out[name] is None:
            out[name] = iso_date(d.get("date"))
    lang = next(meta.iter(_Q + "FRBRlanguage"), None)
    if lang is not None:
        code = (lang.get("language") or "").strip().lower()
        out["language"] = LANGUAGES.get(code, code[:2] or None)
    uri = next(meta.iter(_Q + "FRBRuri"), None)
    out["work_uri"] = uri.get("value") if uri is not None else None
    return out


def subjects(meta: etree._Element | None) -> list[Subject]:
    """UNBIS, EuroVoc and SDG concepts (the keywords that carry a concept IRI)."""
    out: list[Subject] = []
    seen: set[str] = set()
    if meta is None:
        return out
    for kw in meta.iter(_Q + "keyword"):
        iri = (kw.get("href") or "").strip()
        if not iri or iri in seen or kw.get("refersTo"):
            continue
        seen.add(iri)
        dictionary = kw.get("dictionary") or ""
        label = (kw.get("showAs") or kw.get("value") or "").strip() or None
        scheme = SUBJECT_SCHEMES.get(dictionary, dictionary or None)
        if scheme == "SDG":
            label = (kw.get("value") or label)
        out.append(Subject(iri, label, scheme))
    return out


def catalogue_title(meta: etree._Element | None) -> str | None:
    """The library's title (Security Council resolutions print none)."""
    if meta is None:
        return None
    for kw in meta.iter(_Q + "keyword"):
        if kw.get("refersTo") == "title":
            return (kw.get("showAs") or kw.get("value") or "").strip() or None
    return None


def workflow(meta: etree._Element | None) -> list[dict[str, str]]:
    steps: list[dict[str, str]] = []
    if meta is None:
        return steps
    for step in meta.iter(_Q + "step"):
        entry = {k: v.strip() for k, v in step.attrib.items() if v and v.strip()}
        if "date" in entry and not iso_date(entry["date"]):
            entry.pop("date")
        if entry:
            steps.append(entry)
    return steps


def split_states(text: str) -> list[str]:
    """"Albania, Bosnia and Herzegovina, Viet Nam and Zimbabwe" -> four names."""
    text = " ".join(text.split())
    if not text:
        return []
    protected = text
    for i, name_re in enumerate(_COMPOUND_RES):
        protected = name_re.sub(lambda m, i=i: _AND_RE.sub(f" \x00{i}\x00 ", m.group(0)), protected)
    pieces = [p.strip() for p in _LIST_SEPARATOR_RE.split(protected) if p.strip()]
    if pieces and _AND_RE.search(pieces[-1]):
        pieces[-1:] = [p.strip() for p in _AND_RE.split(pieces[-1]) if p.strip()]
    return [_PROTECTED_AND_RE.sub(" and ", p).strip(" .") for p in pieces]


# Compiled once (split_states runs for every vote and sponsor list).
_COMPOUND_RES = tuple(re.compile(re.escape(name), re.I) for name in COMPOUND_STATE_NAMES)
_AND_RE = re.compile(" and ", re.I)
_LIST_SEPARATOR_RE = re.compile(r"\s*[,;]\s*")
_PROTECTED_AND_RE = re.compile(r" \x00\d+\x00 ")


def sponsors(steps: list[dict[str, str]]) -> list[str]:
    out: list[str] = []
    for step in steps:
        if step.get("outcome") in ("draftResolution", "draftResolutionAdditionalSponsors") and step.get("by"):
            by = step["by"]
            names = [by] if by.lower().startswith(("submitted", "proposed")) else split_states(by)
            out.extend(n for n in names if n not in out)
    return out


def voting(meta: etree._Element | None, conclusions: etree._Element | None,
           organ: str, steps: list[dict[str, str]]) -> Voting | None:
    """The vote from ``<analysis>`` (counts, voters), else from the printed conclusions."""
    el = next(meta.iter(_Q + "voting"), None) if meta is not None else None
    counts: dict[str, int | None] = {}
    votes: list[StateVote] = []
    outcome = (el.get("outcome") or "").strip() if el is not None else ""
    if el is not None:
        for count in findall(el, "count"):
            kind = _VOTE_KINDS.get((count.get("refersTo") or "").lstrip("#"))
            if not kind:
                continue
            value = (count.get("value") or "").strip()
            counts[kind] = int(value) if value.isdigit() else None
            for org in count.iter(_Q + "organization"):
                name = plain(org)
                if name:
                    votes.append(StateVote(name, kind))  # type: ignore[arg-type]
    printed = _printed_vote(conclusions)
    if printed:
        p_outcome, p_counts, p_votes = printed
        outcome = outcome or p_outcome
        for k, v in p_counts.items():
            counts.setdefault(k, v)
        if not votes:
            votes = p_votes
    tally = _tally_from_steps(steps)
    if tally:
        for kind, value in zip(("yes", "no", "abstain"), tally):
            if counts.get(kind) is None:
                counts[kind] = value
    if not outcome and not counts:
        return None
    adoption_type = _adoption_type(outcome, counts, organ, steps)
    return Voting(adoption_type, counts.get("yes"), counts.get("no"), counts.get("abstain"),
                  counts.get("non-voting"), votes)


def _tally_from_steps(steps: list[dict[str, str]]) -> tuple[int, int, int] | None:
    """"Adopted 13-0-2, 10089th meeting" -> (13, 0, 2)."""
    for step in steps:
        if step.get("outcome") == "adopted":
            m = re.search(r"\b(\d{1,3})-(\d{1,3})-(\d{1,3})\b", step.get("by", "") + " " + step.get("as", ""))
            if m:
                return int(m.group(1)), int(m.group(2)), int(m.group(3))
    return None


def vote_warnings(v: Voting | None) -> list[str]:
    """Where the named voters do not add up to the counts the document gives."""
    if v is None or not v.votes:
        return []
    out = []
    for kind, count in (("yes", v.yes), ("no", v.no), ("abstain", v.abstain)):
        named = sum(1 for s in v.votes if s.vote == kind)
        if count is not None and named != count:
            out.append(f"the vote names {named} states as {kind!r} but counts {count}")
    return out


def _adoption_type(outcome: str, counts: dict[str, int | None], organ: str, steps: list[dict[str, str]]) -> str:
    if outcome in ADOPTION_TYPES:
        return ADOPTION_TYPES[outcome]
    adopted = " ".join(s.get("by", "") + " " + s.get("as", "") for s in steps if s.get("outcome") == "adopted").lower()
    if "without a vote" in adopted or "without vote" in adopted:
        return "without a vote"
    if counts.get("yes") and not counts.get("no") and not counts.get("abstain"):
        return "unanimous"
    if counts:
        return "recorded vote" if organ != "SC" else "non-unanimous"
    return outcome or "unknown"


def _printed_vote(conclusions: etree._Element | None):
    """HRC prints "[Adopted by a recorded vote of 23 to 4, with 20 abstentions. ...]"."""
    if conclusions is None:
        return None
    vote = next(conclusions.iter(_Q + "vote"), None)
    if vote is None:
        return None
    outer = first(vote, "outcome")
    outcome = (outer.get("refersTo") or "").lstrip("#") if outer is not None else ""
    counts: dict[str, int | None] = {}
    for q in vote.iter(_Q + "quantity"):
        kind = _VOTE_KINDS.get((q.get("refersTo") or "").lstrip("#"))
        value = (q.get("normalized") or plain(q)).strip()
        if kind and value.isdigit():
            counts[kind] = int(value)
    votes: list[StateVote] = []
    for group in vote.iter(_Q + "outcome"):
        kind = _VOTE_KINDS.get((group.get("refersTo") or "").lstrip("#"))
        if not kind:
            continue
        for org in group.iter(_Q + "organization"):
            for name in split_states(plain(org).strip("[]")):
                votes.append(StateVote(name.strip("[] "), kind))  # type: ignore[arg-type]
    return outcome, counts, votes


def meeting_number(text: str | None) -> int | None:
    """"40th" / "6261st meeting" / "A/80/PV.40" / "S/PV.6261" -> the number."""
    if not text:
        return None
    m = re.search(r"PV\.(\d+)|SR\.(\d+)", text)
    if m:
        return int(m.group(1) or m.group(2))
    m = re.search(r"(\d+)", text)
    return int(m.group(1)) if m else None


def meeting_from_steps(steps: list[dict[str, str]]) -> int | None:
    for step in steps:
        if step.get("outcome") != "adopted":
            continue
        for value in (step.get("as", ""), step.get("by", "")):
            m = re.search(r"(?:PV|SR)\.(\d+)\b", value) or re.search(r"(\d+)(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting", value)
            if m:
                return int(m.group(1))
    return None


def committee(proponent: etree._Element | None) -> str | None:
    """The committee a resolution came from; None when adopted without reference to one."""
    if proponent is None:
        return None
    ref = (proponent.get("refersTo") or "").lstrip("#").strip()
    if ref in NO_COMMITTEE:
        return None
    if ref in COMMITTEES:
        return COMMITTEES[ref]
    if ref and not re.fullmatch(r"[a-z][A-Za-z]+", ref):
        return ref                                   # a body named in full
    text = plain(proponent)
    m = re.search(r"\((First|Second|Third|Fourth|Fifth|Sixth) Committee\)|\b(First|Second|Third|Fourth|Fifth|Sixth) Committee", text)
    if m:
        return f"{m.group(1) or m.group(2)} Committee"
    m = re.search(r"recommendation of the (.+?)\s*\(", text)
    if m:
        return m.group(1).strip()
    if ref:
        return re.sub(r"(?<!^)([A-Z])", r" \1", ref).capitalize()
    return None


_TRUNCATED_TAIL = re.compile(r"[a-z]+(?:\.\d+)?(?:/(?:[A-Z0-9][A-Za-z0-9.\-]*))*(?<![.\-])")


def repair_symbol_end(text: str, start: int, end: int) -> tuple[int, str] | None:
    """``kg.symbols.find_symbols`` stops inside "Rev.1"/"Add.2"/"Corr.1" ("A/HRC/54/L.37/R"):
    extend such a match over the suffix; returns (new end, canonical) or None."""
    if end < len(text) and re.search(r"/[A-Z]$", text[start:end]):
        m = _TRUNCATED_TAIL.match(text, end)
        if m:
            try:
                return m.end(), symbols.canonical(text[start:m.end()])
            except ValueError:
                return None
    return None


def find_symbols(text: str) -> list[tuple[int, int, str]]:
    """``kg.symbols.find_symbols`` with "Rev.1"-style suffixes kept whole."""
    out = []
    for start, end, sym in symbols.find_symbols(text):
        fixed = repair_symbol_end(text, start, end)
        out.append((start, fixed[0], fixed[1]) if fixed else (start, end, sym))
    return out


def origin_documents(cover: etree._Element | None) -> list[str]:
    out: list[str] = []
    if cover is None:
        return out
    for inline in cover.iter(_Q + "inline"):
        if inline.get("name") != "originating document":
            continue
        for _start, _end, sym in find_symbols(plain(inline)):
            for part in symbols.split_joint(sym) if "-" in sym and "/" in sym.split("-")[-1] else [sym]:
                if part not in out:
                    out.append(part)
    return out


def agenda_items(cover: etree._Element | None) -> list[str]:
    """"Agenda items 13 and 117" -> ["13", "117"]; "71 (b)" keeps its sub-item."""
    out: list[str] = []
    if cover is None:
        return out
    for inline in cover.iter(_Q + "inline"):
        if inline.get("name") != "agenda item":
            continue
        source = inline.get("title") or plain(inline)
        for m in re.finditer(r"(\d+)(?:\s*\(([a-z])\))?", source):
            item = m.group(1) + (f" ({m.group(2)})" if m.group(2) else "")
            if item not in out:
                out.append(item)
    return out


def job_number(meta: etree._Element | None) -> str | None:
    if meta is None:
        return None
    el = next(meta.iter(_Q + "docketNumber"), None)
    if el is None:
        return None
    m = re.search(r"\d{2}-\d{4,6}", plain(el))
    return m.group(0) if m else (plain(el) or None)


def statement_kind(stmt: etree._Element) -> str:
    return stmt.get("name") or local(stmt)


def children_named(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in akn_children(el) if local(c) == name]
