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
    "sowie", "ferner", "erneut", "ausserdem", "nachdrucklich", "eindringlich", "ebenfalls", "zutiefst", "tief",
}
# Multi-word lead verbs kept whole.
_PHRASES = (
    "takes note", "taking note", "take note", "bearing in mind", "calls upon", "calls on", "calling upon",
    "having considered", "having examined", "having received", "having heard", "having reviewed",
    "taking into account", "takes into account", "expressing concern", "expresses concern",
    "prend note", "prenant note", "tomando nota", "toma nota", "ayant examine", "tenant compte",
    "teniendo en cuenta", "habiendo examinado",
    # German leads that open with a preposition or a noun: the phrase is the verb ("unter Hinweis auf").
    "unter erneutem hinweis", "unter hinweis", "unter begrussung", "unter bekundung", "unter verurteilung",
    "unter betonung", "unter berucksichtigung", "in bekraftigung", "in anbetracht", "in wurdigung",
    "in anerkennung", "in der erkenntnis", "in dem bewusstsein", "im bewusstsein", "mit dem ausdruck",
    "mit der nachdrucklichen aufforderung", "kenntnis nehmend", "nimmt kenntnis", "darauf hinweisend",
    "daran erinnernd",
)

CITO = "http://purl.org/spar/cito/"

# (pattern on the folded lead verb, CiTO property) — first match wins.
_CITO_RULES: tuple[tuple[str, str], ...] = (
    (r"^(reaffirm|reiterat|endors|confirm|reafirm|reitera|respalda|reaffirm|reaffirme|confirme|"
     r"подтвержда|bekraftig|in bekraftigung)", "confirms"),
    (r"^(recall|recalling|guided|bearing in mind|acting|pursuant|rappel|guide|recordando|recuerda|guiado|"
     r"agissant|actuando|considering|considerant|considerando|mindful|conscious|"
     r"ссыла|напомина|руководству|unter (erneutem )?hinweis|eingedenk|daran erinnernd|in anbetracht|geleitet)",
     "citesAsAuthority"),
    (r"^(tak\w* note|take note|not(es|ing)|prend\w* note|tom\w* nota|observ|having received|acknowledg|"
     r"aware|informed|принима\w* к сведению|отмеча|kenntnis nehmend|nimmt kenntnis|feststellend|stellt fest)",
     "citesForInformation"),
    (r"^(having (considered|examined|reviewed|heard|studied)|consider(s|ed)\b|examin|review|ayant examine|"
     r"habiendo examinado|discuss|рассмотре|изучи|nach pr[uü]fung|nach behandlung)", "discusses"),
    (r"^(welcom|support|commend|approv|accueill|felicit|acoge|appu[iy]|encomi|apoy|expressing appreciation|"
     r"expresses appreciation|appreciat|agree|приветству|одобр|поддержива|begruss|unter begrussung|billigt|"
     r"unterstutzt|wurdigt|in wurdigung|lobt)", "agreesWith"),
    (r"^(extend|prolong|renew|prorrog|decides to extend|продл|verlangert)", "extends"),
    (r"^(updat|replac|supersed)", "updates"),
)


_NOT_WORD, _SPACES = re.compile(r"[^\w\s]"), re.compile(r"\s+")
_QUALIFIERS = re.compile(r"\b(in addition|in particular|en outre|de nouveau|una vez mas|once again)\b")


def fold(text: str) -> str:
    """Lower case, accents and punctuation gone, single spaces (ASCII text has nothing to decompose)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("ß", "ss")).encode("ascii", "ignore").decode()
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text.lower())).strip()


# The first word of the first 240 characters and up to seven more, each after white space only:
# one search, where a loop over the words stopped at the first gap holding anything but space.
_WORDS_RE = re.compile(r"[^\W\d_][\w’'\-]*(?:\s+[^\W\d_][\w’'\-]*){0,7}")
_LABEL_RE = re.compile(r"^[\s\"“‘'«]*(?:\d{1,3}\.|\([a-z]{1,4}\))?[\s\"“‘'«]*")


def _latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin one (English, French, Spanish, German).
    (ASCII text, the usual lead, is settled without looking at each character.)"""
    return text.isascii() or all(ch <= "\u024f" for ch in text if ch.isalpha())


def opening(lead: str, text: str) -> str:
    """The words a paragraph opens with, up to its first punctuation (at most eight), when
    ``text`` starts with ``lead``: the same in every format, where the extent of the italic
    lead is not (AKN "*Calls* upon", Word "*Calls upon*"), so the verb taken from it is too."""
    body = text[_LABEL_RE.match(text).end():] if text else ""
    if not lead or not body.startswith(lead) or not _latin(lead):
        return lead          # Arabic, Chinese, Russian: the lead as marked (no spaces, or other word order)
    words = _WORDS_RE.search(body, 0, 240)
    return body[:words.end()] if words else lead


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
    folded = _QUALIFIERS.sub(" ", folded)
    words = [w for w in folded.split() if w not in _ADVERBS]
    if words[:1] == ["mit"] and any(w.endswith("end") for w in words[2:4]):
        words = words[2:]      # German manner phrase: "mit Besorgnis feststellend", "mit Dank Kenntnis nehmend"
    rest = " ".join(words)
    for phrase in _PHRASES:
        if rest.startswith(phrase):
            return phrase
    return words[0] if words else folded.split()[0]


#: Russian adverbs and manner phrases before a lead verb ("вновь", "настоятельно", "с признательностью").
_RU_ADVERBS_RE = re.compile(r"^(?:(?:вновь|особо|настоятельно|также|далее|ещ[её] раз|глубоко|серь[её]зно|решительно|"
                            r"полностью|положительно|безоговорочно|неизменно|тв[её]рдо|с [а-яё]+ью) )+")


@lru_cache(maxsize=8192)
def cito_property(lead: str | None) -> str:
    """The CiTO property (local name) a citation under this lead phrase makes."""
    if not lead:
        return "cites"
    verb = lead_verb(lead)
    if not _latin(verb):
        verb = _RU_ADVERBS_RE.sub("", verb)      # "вновь подтверждая": the rules look at "подтверждая"
    for pattern, prop in _CITO_RULES:
        if re.search(pattern, verb):
            return prop
    return "cites"
