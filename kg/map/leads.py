"""Lead phrases: the verb that gives a paragraph its force, and the CiTO type of a citation.

"Recalling" and "Reaffirming" cite as authority, "Takes note of" cites for
information: the lead phrase decides the CiTO property of a citation.  Works on
the six official languages' usual verbs (lower-cased, accents folded).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Adverbs and particles that qualify a lead verb without changing it.
_ADVERBS = {
    "also", "further", "furthermore", "again", "once", "strongly", "firmly", "moreover", "deeply",
    "urgently", "fully", "solemnly", "duly", "hereby", "therefore",
    "aussi", "egalement", "en", "outre", "de", "nouveau", "tambien", "ademas", "asimismo", "nuevamente",
}
# Multi-word lead verbs kept whole.
_PHRASES = (
    "takes note", "taking note", "take note", "bearing in mind", "calls upon", "calls on", "calling upon",
    "having considered", "having examined", "having received", "having heard", "having reviewed",
    "taking into account", "takes into account", "expressing concern", "expresses concern",
    "prend note", "prenant note", "tomando nota", "toma nota", "ayant examine", "tenant compte",
    "teniendo en cuenta", "habiendo examinado",
)

CITO = "http://purl.org/spar/cito/"

# (pattern on the folded lead verb, CiTO property) — first match wins.
_CITO_RULES: tuple[tuple[str, str], ...] = (
    (r"^(reaffirm|reiterat|endors|confirm|reafirm|reitera|respalda|reaffirm|reaffirme|confirme)", "confirms"),
    (r"^(recall|recalling|guided|bearing in mind|acting|pursuant|rappel|guide|recordando|recuerda|guiado|"
     r"agissant|actuando|considering|considerant|considerando|mindful|conscious)", "citesAsAuthority"),
    (r"^(tak\w* note|take note|not(es|ing)|prend\w* note|tom\w* nota|observ|having received|acknowledg|"
     r"aware|informed)", "citesForInformation"),
    (r"^(having (considered|examined|reviewed|heard|studied)|consider(s|ed)\b|examin|review|ayant examine|"
     r"habiendo examinado|discuss)", "discusses"),
    (r"^(welcom|support|commend|approv|accueill|felicit|acoge|appu[iy]|encomi|apoy|expressing appreciation|"
     r"expresses appreciation|appreciat|agree)", "agreesWith"),
    (r"^(extend|prolong|renew|prorrog|decides to extend)", "extends"),
    (r"^(updat|replac|supersed)", "updates"),
)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text.lower())).strip()


_WORD_RE = re.compile(r"[^\W\d_][\w’'\-]*")
_LABEL_RE = re.compile(r"^[\s\"“‘'«]*(?:\d{1,3}\.|\([a-z]{1,4}\))?[\s\"“‘'«]*")


def _latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin one (English, French, Spanish, German)."""
    return all(ch <= "\u024f" for ch in text if ch.isalpha())


def opening(lead: str, text: str) -> str:
    """The words a paragraph opens with, up to its first punctuation (at most eight), when
    ``text`` starts with ``lead``: the same in every format, where the extent of the italic
    lead is not (AKN "*Calls* upon", Word "*Calls upon*"), so the verb taken from it is too."""
    body = text[_LABEL_RE.match(text).end():] if text else ""
    if not lead or not body.startswith(lead) or not _latin(lead):
        return lead          # Arabic, Chinese, Russian: the lead as marked (no spaces, or other word order)
    found: list[re.Match[str]] = []
    for m in _WORD_RE.finditer(body, 0, 240):
        if found and body[found[-1].end():m.start()].strip():
            break
        found.append(m)
        if len(found) == 8:
            break
    return body[:found[-1].end()] if found else lead


@lru_cache(maxsize=8192)
def lead_verb(lead: str) -> str:
    """``"Recalling also"`` -> ``"recalling"``; ``"Also welcomes"`` -> ``"welcomes"``;
    ``"Takes note with appreciation"`` -> ``"takes note"``.  Keeps the original script
    for languages without Latin letters (lower-cased)."""
    if not _latin(lead):
        return " ".join(lead.split()).lower()
    folded = fold(lead)
    if not folded:
        return lead.strip().lower()
    folded = re.sub(r"\b(in addition|in particular|en outre|de nouveau|una vez mas|once again)\b", " ", folded)
    words = [w for w in folded.split() if w not in _ADVERBS]
    rest = " ".join(words)
    for phrase in _PHRASES:
        if rest.startswith(phrase):
            return phrase
    return words[0] if words else folded.split()[0]


@lru_cache(maxsize=8192)
def cito_property(lead: str | None) -> str:
    """The CiTO property (local name) a citation under this lead phrase makes."""
    if not lead:
        return "cites"
    verb = lead_verb(lead)
    for pattern, prop in _CITO_RULES:
        if re.search(pattern, verb):
            return prop
    return "cites"
