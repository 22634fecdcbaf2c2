"""Signs of UN print in a line of PDF text: what ends a clause, what opens a paragraph.

UN resolutions are printed to fixed conventions, in each of the six languages and German: a
paragraph opens with a number ("1.", Arabic "1 - "), a sub-paragraph label ("(a)", "a)", "а)",
"(أ)") or a lead phrase in italics ("Recalling", "Rappelant", "ссылаясь на", "وإذ", "回顾"), and
ends with a clause mark ("," ";" "." ":", Arabic "،", Chinese "，").  ``kg.read.pdf_reflow.reflow``
reads these signs to split text that has no blank line between paragraphs.  The UN's born-digital
documents are not hyphenated by the typesetter: a line-end hyphen belongs to a compound
("multi-" / "stakeholder"), unlike in the OCR of older printed scans ("Govern-" / "ment").
"""
from __future__ import annotations

import re

from kg.parse.leads import lead_phrase
from kg.parse.patterns import DATE_PLAIN, DATE_ZH, LOWERCASE_LEAD_RE, SUB_LABEL_RE

WORD_BEFORE_HYPHEN_RE = re.compile(r"([A-Za-z]+)-$")
WORD_AFTER_RE = re.compile(r"^([a-z]+)")
#: Words that open the UN's hyphenated compounds ("multi-stakeholder", "follow-up",
#: "non-governmental", "seventy-ninth"): a line-end hyphen after them is the compound's.  Left out:
#: prefixes that are also a printer's syllable break of a closed word ("inter-national",
#: "under-standing", "pre-vent", "state-ment", "high-light").
COMPOUND_HEADS = frozenset((
    "multi", "non", "self", "cross", "follow", "long", "short", "medium", "well", "small", "large", "decision",
    "gender", "country", "community", "rights", "child", "people", "evidence", "results", "cost", "user", "vice",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "one", "two", "three", "four",
    "five", "third", "full", "year", "day"))
_COMPOUND_RE = re.compile(r"[A-Za-z]+-[a-z]+(?=[^-a-z]|$)")
_WORD_RE = re.compile(r"[A-Za-z]+")


def hyphen_evidence(lines: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The hyphenated compounds ("follow-up") and the words printed inside the lines of a text,
    in lower case (a line's last word left out: it may be the broken one)."""
    compounds: set[str] = set()
    words: set[str] = set()
    for line in lines:
        body = line.rstrip()
        compounds.update(m.lower() for m in _COMPOUND_RE.findall(body.rstrip("-")))
        words.update(w.lower() for w in _WORD_RE.findall(body[:body.rfind(" ")] if " " in body else ""))
    return frozenset(compounds), frozenset(words)


def real_compound(left: str, right: str, evidence: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether "left-" / "right..." (a line-end hyphen) is a compound ("multi-stakeholder"): the
    text prints the compound whole elsewhere; else not when it prints the joined word
    ("multilateral"); else when its first word is one that opens compounds."""
    head, tail = WORD_BEFORE_HYPHEN_RE.search(left), WORD_AFTER_RE.match(right)
    if not head or not tail:
        return False
    word = head.group(1).lower()
    compounds, words = evidence
    if f"{word}-{tail.group(1)}" in compounds:
        return True
    return word + tail.group(1) not in words and word in COMPOUND_HEADS


#: A paragraph label alone on its line ("1.", "(a)"): it waits for its text on the next line.
LABEL_ONLY_RE = re.compile(r"^\s*(?:\d{1,3}\s?\.|\((?:[a-z]{1,3}|[ivxlc]{1,6})\))\s*$")
#: A line that opens with a paragraph label ("1. ", "(a) ", "[").
PARA_LABEL_RE = re.compile(r"^(?:\d{1,3}\.\s|\d{1,3}\.$|\((?:[a-z]{1,3}|[ivxlc]{1,6})\)\s|\[)")
#: The enacting formula when the organ's name ends it ("The General Assembly,", "The Security Council,"),
#: a quick test; ``kg.parse.patterns.ENACTING_RE`` reads it in every language.
ENACTING_RE = re.compile(r"^(?:The|L[a’']|La|El|Le)\s.{0,60}(?:Assembly|Council|Assemblée|Conseil|Asamblea|Consejo)\s*,?$")
#: Leads that open a new paragraph after a comma-ended line (preambular style).
LEAD_START_RE = re.compile(
    r"^(?:[A-Z][a-z]+ing\b|Having\b|(?:Deeply|Gravely|Seriously|Further|Also|Strongly|Firmly|Fully|Again)\s+[a-z]+|"
    r"(?:Aware|Mindful|Conscious|Convinced|Concerned|Alarmed|Cognizant|Determined|Desirous|Guided|Encouraged|"
    r"Reaffirming|Noting|Recalling|Welcoming|Recognizing|Stressing|Emphasizing|Acknowledging|Underlining|Expressing|"
    r"Taking|Bearing|Affirming|Considering|Reiterating|Regretting|Deploring|Condemning|Appreciating|Commending|"
    r"Noting|Observing|Believing|Highlighting|Underscoring|Disturbed|Dismayed|Appalled|Outraged|Saddened|Shocked|"
    r"Persuaded|Resolved|Satisfied|Pleased|Confident|Reaffirming)\b)")
#: The first line of a footnote, its number then its text ("2 See A/75/3.").
FOOTNOTE_START_RE = re.compile(r"^\s*(\d{1,3})\s+\S")

LABEL_LINE_RE = re.compile(r"^\s*(?:\d{1,3}\s?(?:\.|[-–])\s|\((?:[a-z]{1,3}|[ivxlc]{1,6})\)\s)")


def paragraphs_spaced(lines: list[str]) -> bool:
    """Whether blank lines separate the paragraphs: most numbered or lettered lines ("1.",
    "(a)") come after a blank line (pdftotext -layout; a page of blocks)."""
    labelled = [i for i, line in enumerate(lines) if i and LABEL_LINE_RE.match(line)]
    spaced = sum(1 for i in labelled if not lines[i - 1].strip())
    return len(labelled) >= 2 and spaced * 2 >= len(labelled)


#: What ends a paragraph or a clause, with the Arabic and Chinese marks, as ``clause_end`` gives it.
CLAUSE_MARKS = {"،": ",", "؛": ";", "，": ",", "；": ";", "。": ".", "：": ":"}
#: A final punctuation mark followed by a footnote marker ("Development,2", "(2015); 4").
MARKED_END_RE = re.compile(r"([.;:,)”’\"،؛，；。：])\s?\d{1,3}$")
#: A line that is a date alone, the trailer's ("21 July 2020", "9 octobre 2024").
FULL_DATE_RE = re.compile(rf"^(?:{DATE_PLAIN}|{DATE_ZH})\.?$")
#: The number of an Arabic operative paragraph ("1 - تقرر") or a sub-paragraph label without its
#: opening bracket ("a)", Russian "а)", Arabic "(أ)").
OTHER_LABEL_RE = re.compile(rf"^\d{{1,3}}\s?[-–]\s|^{SUB_LABEL_RE.pattern}")


def clause_end(current: str) -> str:
    """The mark that ends ``current``, as one of ".;:," (Arabic and Chinese ones mapped to
    those), a footnote marker after it skipped; "" when the line stops on a word."""
    text = current.rstrip()
    m = MARKED_END_RE.search(text)
    end = m.group(1) if m else text[-1:]
    if end in "”’\")" and len(text) > 1 and not m:
        end = text[-2:-1]           # "... (2015)." is caught above; '...”,' ends on the comma
    end = CLAUSE_MARKS.get(end, end)
    end = "." if end in "?!" else end
    return end if end in ".;:," else ""


def other_label(line: str, language: str) -> bool:
    """A label other than "1." and "(a)": Arabic "1 - ", and "a)" / "а)" / "(أ)" in the languages
    that print their sub-paragraph letters that way."""
    return language != "en" and bool(OTHER_LABEL_RE.match(line))


ARABIC_LEAD_RE = re.compile(r"^و?إذ\s")
#: The verbs that open a Chinese paragraph ("回顾", "又回顾", "重申", "注意到", "深为关切"); a lead
#: chained inside a paragraph takes "并" ("，并重申"), which this does not match.
CHINESE_LEAD_RE = re.compile(
    r"^(?:又|还|再次|再度|特别|深切|严重)?(?:回顾|忆及|重申|申明|注意到|知悉|认识到|意识到|考虑到|铭记|念及|遵循|确认|承认|"
    r"强调|指出|表示|欢迎|欣见|赞赏|赞扬|赞同|肯定|鼓励|深信|确信|决心|关切|关注|深为关切|深感关切|震惊|痛惜|谴责|"
    r"感到|收到|敬仰|重视|希望|期待|决定|请|吁请|促请|敦促|呼吁|要求)")


def opens_with_lead(line: str, language: str) -> bool:
    """Whether ``line`` opens with a lead phrase, the italic opening of a UN paragraph: from the
    lexicon in English, French and Spanish (capitalised: "Recalling", "Decides", "Rappelant"),
    lower-case participles in Russian and German ("ссылаясь на", "unter Hinweis auf"), "إذ" /
    "وإذ" in Arabic, the opening verbs of Chinese paragraphs ("回顾", "又重申"); Chinese lines are
    filled to the width as well, so a short last line tells where a paragraph ends."""
    if language in ("en", "fr", "es"):
        lead, kind = lead_phrase(line, language)
        return line[:1].isupper() and kind is not None and not proper_name(line, lead, kind)
    if language in ("ru", "de"):
        return bool(LOWERCASE_LEAD_RE.match(line))
    if language == "ar":
        return bool(ARABIC_LEAD_RE.match(line))
    if language == "zh":
        return bool(CHINESE_LEAD_RE.match(line))
    return False


#: A last word that leaves a masthead line unfinished ("Resolution adopted by the General Assembly on" /
#: "26 October 2018"): a short lower-case function word.
OPEN_END_RE = re.compile(r"(?:^|\s)(?:[^\W\d_A-ZА-Я]{1,2}|the|and|del|des|par|por)$")


NEXT_WORD_RE = re.compile(r"\s+(\S)")


#: A date that opens a line ("29. Februar 2020"): no paragraph number.
DATE_START_RE = re.compile(rf"^{DATE_PLAIN}")
#: A paragraph label followed by a capital ("2. Decides", "(i) In support", "b) Prie").
LABEL_THEN_CAPITAL_RE = re.compile(r"^(?:\d{1,3}\.|\((?:[a-z]{1,3}|[ivxlc]{1,6})\)|[a-z]{1,2}\))\s+[“\"]?[A-ZÀ-ÖØ-Þ]")


def proper_name(line: str, lead: str, kind: str) -> bool:
    """A lead word that opens a name ("United Nations", "United States", "States Members", an
    acronym "ECOWAS"): one
    word, no participle in -ing, a capital next.  ("Recalling General Assembly resolution ..."
    and "Urges Member States ..." are leads.)"""
    word = lead.split()[0] if lead else ""
    if len(word) > 1 and word.isupper():
        return True       # an acronym ("ECOWAS, the EU ..."), not a verb in -s
    after = NEXT_WORD_RE.match(line, len(word))
    if " " in lead or word.endswith("ing") or not after or not after.group(1).isupper():
        return False
    return kind == "preambular" or word.lower() == "states"


def text_language(lines: list[str]) -> str:
    """The language of the text, as the parser tells it (to read lead phrases)."""
    from kg.parse.text import detect_language

    return detect_language("\n".join(lines[:200]), {})
