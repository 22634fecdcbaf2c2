"""The vote a resolution prints at its end, read from the text.

The Human Rights Council closes each resolution with how it was adopted, after the meeting
line, in brackets (the AKN files mark the same words up; ``kg.read.akn_meta`` reads that):

    [Adopted without a vote.]
    [Adopted by a recorded vote of 21 to 8, with 18 abstentions. The voting was as follows:
    In favour: Albania, Argentina, ...  Against: Algeria, ...  Abstaining: Bangladesh, ...]

and in French ("Adoptée sans vote", "... par 21 voix contre 8, avec 18 abstentions ... Ont voté
pour : ... Ont voté contre : ... Se sont abstenus : ...") and Spanish ("Aprobada sin votación",
"... por 21 votos contra 8 y 18 abstenciones ... Votos a favor: ... Votos en contra: ...
Abstenciones: ..."). General Assembly and Security Council texts print no vote: their votes are
in the meeting records, and nothing is invented for them.
"""
from __future__ import annotations

import re

from kg.model import Span, StateVote, Voting

_WITHOUT_RE = re.compile(
    r"\[\s*(?:Adopted\s+without\s+a\s+vote|Adopt[ée]e?\s+sans\s+(?:vote|mise\s+aux\s+voix)|"
    r"Aprobad[oa]\s+sin\s+(?:votaci[óo]n|someterse\s+a\s+votaci[óo]n)|Принят[аоы]?\s+без\s+голосования|"
    r"اعت[ُ]?مد\s+(?:من\s+)?دون\s+تصويت|未经表决(?:获得)?通过)\s*[.。]?\s*\]",
    re.I)
_COUNTS_RE = re.compile(
    r"\[\s*(?:Adopted\s+by\s+(?:a\s+)?recorded\s+vote\s+of\s+(?P<en_yes>\d+)\s+to\s+(?P<en_no>\d+)|"
    r"Adopt[ée]e?\s+(?:à\s+l[’']issue\s+d[’']un\s+vote\s+enregistr[ée]\s+)?par\s+(?P<fr_yes>\d+)\s+voix\s+contre\s+"
    r"(?P<fr_no>\d+)|"
    r"Aprobad[oa]\s+(?:en\s+votaci[óo]n\s+registrada\s+)?por\s+(?P<es_yes>\d+)\s+votos\s+contra\s+(?P<es_no>\d+))"
    r"(?P<rest>[^\]]*)\]", re.I)
_ABSTAIN_COUNT_RE = re.compile(r"(?:with|avec|y)\s+(?P<n>\d+|no|aucune|ninguna)\s+(?:abstentions?|abstenciones?)", re.I)
#: The groups of States, by the heading that opens each.
_GROUP_RE = re.compile(
    r"(?P<head>In\s+favou?r|Against|Abstaining|Ont\s+vot[ée]\s+pour|Ont\s+vot[ée]\s+contre|Se\s+sont\s+abstenus|"
    r"Votos\s+a\s+favor|Votos\s+en\s+contra|Abstenciones)\s*:", re.I)
_KIND = {"in favour": "yes", "in favor": "yes", "against": "no", "abstaining": "abstain",
         "ont vote pour": "yes", "ont vote contre": "no", "se sont abstenus": "abstain",
         "votos a favor": "yes", "votos en contra": "no", "abstenciones": "abstain"}


def printed_vote(text: str, start: int = 0) -> tuple[Voting, Span] | None:
    """The last printed vote in ``text[start:]`` and where it stands; None when none is printed."""
    found = None
    for regex in (_COUNTS_RE, _WITHOUT_RE):
        for m in regex.finditer(text, start):
            if found is None or m.start() > found.start():
                found = m
    if found is None:
        return None
    span = Span(found.start(), found.end())
    if found.re is _WITHOUT_RE:
        return Voting("without a vote"), span
    yes = int(next(found.group(k) for k in ("en_yes", "fr_yes", "es_yes") if found.group(k)))
    no = int(next(found.group(k) for k in ("en_no", "fr_no", "es_no") if found.group(k)))
    rest = found.group("rest")
    abstain_m = _ABSTAIN_COUNT_RE.search(rest)
    abstain = None
    if abstain_m:
        abstain = int(abstain_m.group("n")) if abstain_m.group("n").isdigit() else 0
    return Voting("recorded vote", yes, no, abstain, None, _state_votes(rest)), span


def _state_votes(rest: str) -> list[StateVote]:
    from kg.read.akn_meta import split_states

    heads = list(_GROUP_RE.finditer(rest))
    votes: list[StateVote] = []
    for head, following in zip(heads, heads[1:] + [None]):
        key = re.sub(r"\s+", " ", head.group("head").lower()).replace("é", "e")
        kind = _KIND.get(key)
        end = following.start() if following else len(rest)
        if kind:
            votes += [StateVote(name, kind) for name in split_states(rest[head.end():end])]  # type: ignore[arg-type]
    return votes
