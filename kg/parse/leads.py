"""Lead phrases of UN resolution paragraphs: a lexicon plus a grammatical fallback.

Preambular paragraphs open with a participle or adjective phrase ("Recalling
also", "Deeply concerned", "Taking note with appreciation", "Bearing in
mind"); operative paragraphs with a verb in the third person ("Decides",
"Also welcomes", "Calls upon", "Expresses its deep concern").  The lead is
that phrase with its adverbs ("Also", "Further", "Once again", "Strongly")
and manner phrases ("with appreciation", "with grave concern"), but not its
object.  ``lead_phrase(text)`` returns ``(lead, kind)`` with kind
``preambular``, ``operative`` or ``None`` when the paragraph has no lead.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.parse.leads_lexicon import adjust
from kg.parse.patterns import LOWERCASE_LEAD_RE

# Adverbs placed before the verb ("Also decides", "Once again urges").
PRE_ADVERBS = (
    "once again", "once more", "also", "further", "furthermore", "again", "strongly", "deeply", "gravely",
    "seriously", "firmly", "fully", "emphatically", "urgently", "warmly", "sincerely", "profoundly",
    "resolutely", "unequivocally", "categorically", "vigorously", "most", "keenly", "equally", "similarly",
    "additionally", "moreover", "particularly", "especially", "expressly", "solemnly", "repeatedly",
    "respectfully", "cordially", "earnestly", "highly", "greatly", "extremely", "increasingly", "consistently",
    "reiterating", "bearing",
)
# Adverbs that belong to the lead only before a known lead word ("Ever mindful", "Still
# concerned", "Acutely aware"): any "-ly" word counts too.  Unconditional, "Still" or an
# "-ly" word would make a lead of ordinary sentences ("Early warning systems ...").
QUALIFYING_ADVERBS = frozenset({"ever", "always", "still", "very"})
# Phrases after the verb that belong to the lead ("Recalling also", "Noting with concern").
POST_MODIFIERS = (
    "also", "further", "again", "once again", "once more", "furthermore", "moreover", "in particular",
    "in this regard", "in this context", "in that regard", "with appreciation", "with great appreciation",
    "with deep appreciation", "with satisfaction", "with great satisfaction", "with deep satisfaction",
    "with concern", "with deep concern", "with grave concern", "with serious concern", "with great concern",
    "with alarm", "with deep alarm", "with grave alarm", "with regret", "with deep regret", "with interest",
    "with gratitude", "with deep gratitude", "with approval", "with sorrow", "with profound sorrow",
    "with dismay", "with disappointment", "with deep disappointment", "with indignation", "with great interest",
    "with thanks", "with pride", "with anxiety", "with deep anxiety", "with shock", "with outrage",
    "with recognition", "with encouragement", "with understanding", "with due regard", "with the utmost concern",
    "with profound concern", "with particular concern", "with particular appreciation", "with sympathy",
    "with satisfaction and appreciation", "with appreciation and satisfaction",
)
# Multi-word leads whose words after the first are part of the lead.
MULTIWORD = (
    "taking note", "takes note", "take note", "took note", "bearing in mind", "bears in mind", "bear in mind",
    "taking into account", "takes into account", "taking into consideration", "takes into consideration",
    "calls upon", "calls on", "call upon", "call on", "calling upon", "calling on", "calls for", "call for",
    "calling for", "keeping in mind", "having in mind", "taking account", "takes account", "looking forward",
    "looks forward", "look forward", "being aware", "being convinced", "being mindful", "being concerned",
    "being deeply concerned", "pays tribute", "paying tribute", "pay tribute", "pays homage", "paying homage",
    "takes action", "draws attention", "drawing attention", "draw attention", "draws the attention",
    "drawing the attention", "calls attention", "calling attention", "places on record", "placing on record",
    "puts on record", "taking cognizance", "takes cognizance", "gives priority", "lends support",
    "lending support", "sets out", "points out", "pointing out", "keeps under review", "keep under review",
    "remains seized", "decides to remain seized", "reaffirming once again", "stands ready", "standing ready",
    "takes fully into account", "taking fully into account", "takes due note", "taking due note",
    "takes special note", "taking special note", "takes particular note", "taking particular note",
    "takes careful note", "taking careful note", "takes positive note", "taking positive note",
    "takes full account", "taking full account", "has decided", "having decided", "is convinced", "is aware",
    "is concerned", "is deeply concerned", "remains concerned", "remains deeply concerned", "remaining concerned",
    "remaining deeply concerned", "remains convinced", "remaining convinced", "remains committed",
    "remaining committed", "remains determined", "remaining determined", "remains gravely concerned",
)
# "Expresses its deep concern", "Reiterates its full support": verb + its/their + (adjectives) + noun.
EXPRESSIVE_VERBS = ("expresses", "expressing", "express", "reiterates", "reiterating", "reiterate", "conveys",
                    "conveying", "extends", "extending", "renews", "renewing", "records", "recording", "offers",
                    "offering", "reaffirms", "reaffirming", "registers", "voices", "voicing")
EXPRESSIVE_NOUNS = ("concern", "appreciation", "gratitude", "thanks", "support", "condolences", "sympathy",
                    "solidarity", "regret", "satisfaction", "hope", "conviction", "determination", "commitment",
                    "readiness", "willingness", "admiration", "outrage", "indignation", "alarm", "dismay",
                    "disappointment", "sorrow", "condemnation", "view", "expectation", "wish", "desire",
                    "congratulations", "recognition", "intention", "belief", "confidence", "opposition",
                    "preoccupation", "serious concern", "welcome", "encouragement", "resolve", "anxiety",
                    "shock", "horror", "frustration", "deep concern", "grave concern", "profound concern")
_INTENSIFIERS = {"deep", "grave", "serious", "profound", "great", "sincere", "strong", "full", "utmost", "particular",
                 "heartfelt", "deepest", "sincerest", "warm", "continued", "renewed", "firm", "unwavering", "growing"}
EXPRESSIVE_ONLY = {"expresses", "expressing", "express", "conveys", "conveying", "extends", "extending",
                   "offers", "offering", "voices", "voicing", "registers", "records", "recording"}

PREAMBULAR_WORDS = {
    "aware", "mindful", "conscious", "convinced", "concerned", "alarmed", "cognizant", "determined", "desirous",
    "guided", "encouraged", "disturbed", "dismayed", "appalled", "outraged", "saddened", "shocked", "persuaded",
    "resolved", "satisfied", "pleased", "confident", "gratified", "grateful", "appreciative", "anxious",
    "fearful", "noting", "having", "believing", "regretting", "deploring", "welcoming", "recalling",
    "reaffirming", "recognizing", "recognising", "stressing", "emphasizing", "emphasising", "underlining",
    "acknowledging", "considering", "affirming", "reiterating", "taking", "bearing", "keeping", "expressing",
    "highlighting", "underscoring", "commending", "condemning", "appreciating", "observing", "acting",
    "reminding", "seeking", "wishing", "desiring", "endorsing", "supporting", "urging", "inviting",
    "requesting", "calling", "encouraging", "being", "hoping", "looking", "pointing", "committed", "troubled",
    "distressed", "horrified", "perturbed", "indignant", "united", "inspired", "reassured", "heartened",
    "impressed", "sensitive", "attaching", "referring", "deeply", "gravely", "seriously", "further", "also",
    "again", "profoundly", "strongly", "fully", "firmly", "sharing", "echoing", "building", "focusing",
    "emphatically", "cognisant", "responding", "renewing", "upholding", "remaining", "determining",
}
# Third-person verbs that open operative paragraphs (the fallback accepts any "-s" verb too).
OPERATIVE_VERBS = {
    "accepts", "acknowledges", "adopts", "affirms", "agrees", "appeals", "applauds", "appoints", "appreciates",
    "approves", "assures", "authorizes", "calls", "cautions", "commends", "concurs", "condemns", "confirms",
    "congratulates", "considers", "decides", "declares", "defers", "demands", "denounces", "deplores",
    "designates", "determines", "directs", "emphasizes", "encourages", "endorses", "establishes", "expresses",
    "extends", "highlights", "insists", "instructs", "invites", "looks", "notes", "proclaims", "reaffirms",
    "recalls", "recognizes", "recommends", "regrets", "reiterates", "rejects", "reminds", "renews",
    "requests", "resolves", "stresses", "strongly", "supports", "takes", "trusts", "underlines", "underscores",
    "urges", "welcomes", "wishes", "elects", "reminds", "pays", "places", "approves", "reaffirms", "holds",
    "condemns", "deems", "entrusts", "adopts", "invites", "emphasises", "recognises", "authorises",
    "exhorts", "observes", "commits", "pledges", "undertakes", "acknowledges", "encourages", "believes",
    "regards", "states", "deeply", "further", "also", "again",
}

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z\-’']*")


def _words(text: str, limit: int = 12) -> list[tuple[str, int, int, str]]:
    """(word, start, end, lower-cased word) of the first ``limit`` words."""
    out = []
    pos = 0
    for word in _WORD_RE.findall(text, 0, 200)[:limit]:
        start = text.find(word, pos)      # only non-letters lie between two words
        pos = start + len(word)
        out.append((word, start, pos, word.lower()))
    return out


def _match_seq(words: list[tuple[str, int, int, str]], i: int, phrases: tuple[str, ...]) -> int:
    """Length (in words) of the longest phrase in ``phrases`` starting at word ``i``."""
    if i >= len(words):
        return 0
    candidates = _PHRASE_INDEX[id(phrases)].get(words[i][3])
    if not candidates:
        return 0
    best = 0
    for phrase in candidates:
        n = len(phrase)
        if n > best and i + n <= len(words) and (n == 1 or all(words[i + k][3] == phrase[k] for k in range(1, n))):
            best = n
    return best


def _index(group: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in group:
        words = tuple(phrase.split())
        index.setdefault(words[0], []).append(words)
    return index


_PHRASE_INDEX = {id(group): _index(group) for group in (PRE_ADVERBS, POST_MODIFIERS, MULTIWORD)}


def _gap_ok(text: str, words: list[tuple[str, int, int]], i: int, j: int) -> bool:
    """Words i..j must be separated by plain spaces (no punctuation inside a lead)."""
    return all(text[words[k][2]:words[k + 1][1]].strip() in ("", ",") and
               text[words[k][2]:words[k + 1][1]].strip() != "," for k in range(i, j))


def lead_phrase(text: str, language: str = "en") -> tuple[str, str | None]:
    """``(lead, kind)`` of a paragraph text (its number already removed); French and
    Spanish texts use their own lexicon (``kg.parse.leads_romance``).  Where the lead ends
    follows the UN's own italics for the same words (``kg.parse.leads_lexicon``)."""
    if language in ("fr", "es"):
        from kg.parse.leads_romance import lead_phrase_romance

        lead, kind = lead_phrase_romance(text[:200], language)
    elif language in ("ru", "de"):
        lead, kind = _lead_phrase_lowercase(text[:200], language)
    else:
        lead, kind = _lead_phrase(text[:160])
    return (adjust(text[:240], lead, language) if kind else lead), kind


@lru_cache(maxsize=8192)
def _lead_phrase(text: str) -> tuple[str, str | None]:
    stripped = text.lstrip(" \t\"“‘'")
    words = _words(stripped)
    if not words or not words[0][0][:1].isupper():
        return "", None
    i = 0
    # Leading adverbs: "Also", "Further", "Once again", "Deeply" ...
    while i < len(words) - 1:
        n = _match_seq(words, i, PRE_ADVERBS) or _qualifying_adverb(words, i)
        if not n or words[i][0].lower() in ("reiterating", "bearing"):
            break
        i += n
    if i >= len(words):
        return "", None
    verb = words[i][0].lower()
    end = i + 1
    multi = _match_seq(words, i, MULTIWORD)
    if multi:
        end = i + multi
    elif verb in EXPRESSIVE_VERBS:
        end = _expressive_end(words, i) or end
    elif verb == "having" and i + 1 < len(words):
        # "Having considered", "Having been informed", "Having taken note".
        end = i + 3 if words[i + 1][0].lower() == "been" and i + 2 < len(words) else i + 2
        if words[i + 1][0].lower() == "taken" and i + 2 < len(words) and words[i + 2][0].lower() == "note":
            end = i + 3
    # Manner phrases and adverbs after the verb: "Noting with appreciation", "Recalling also".
    while end < len(words):
        n = _match_seq(words, end, POST_MODIFIERS)
        if not n:
            break
        end += n
    if not _gap_ok(stripped, words, 0, end - 1):
        # Punctuation inside: stop at the first comma ("Decides, in this regard, ...").
        for k in range(end - 1):
            if stripped[words[k][2]:words[k + 1][1]].strip():
                end = k + 1
                break
    lead = stripped[words[0][1]:words[end - 1][2]]
    kind = _kind(verb)
    if kind is None:
        return "", None
    if verb not in OPERATIVE_VERBS and verb not in PREAMBULAR_WORDS and end == i + 1:
        # Guessed from the word form alone ("Salutes", "Deplores"): the next word must look like an object.
        nxt = words[end][0] if end < len(words) else ""
        if nxt.lower() not in _OBJECT_STARTS and not (stripped[words[end - 1][2]:words[end - 1][2] + 1] in ",;:"):
            return "", None
    return lead, kind


def _qualifying_adverb(words: list[tuple[str, int, int, str]], i: int) -> int:
    """1 when word ``i`` is an adverb qualifying the known lead word after it ("Ever
    mindful", "Acutely aware", "Painfully conscious"), else 0."""
    word = words[i][3]
    if word not in QUALIFYING_ADVERBS and not (word.endswith("ly") and len(word) > 4):
        return 0
    nxt = words[i + 1][3] if i + 1 < len(words) else ""
    return 1 if nxt in PREAMBULAR_WORDS or nxt in OPERATIVE_VERBS else 0


_OBJECT_STARTS = {
    "the", "that", "to", "its", "all", "upon", "on", "with", "in", "for", "a", "an", "his", "her", "their", "our",
    "states", "member", "further", "also", "again", "by", "at", "of", "about", "this", "these", "those", "any",
    "each", "every", "both", "such", "whether", "how", "what", "governments", "parties", "and", "as", "it",
    "them", "efforts", "steps", "measures", "resolution", "resolutions", "decision", "report",
}


def _expressive_end(words: list[tuple[str, int, int]], i: int) -> int | None:
    """``Expresses its deep concern`` -> index after "concern"; None if the pattern does not fit."""
    if i + 1 >= len(words):
        return None
    if words[i + 1][0].lower() not in ("its", "their", "his", "her", "our"):
        # "Expressing concern", "Expresses deep concern": no possessive.
        if words[i][0].lower() in EXPRESSIVE_ONLY:
            for j in range(i + 1, min(i + 3, len(words))):
                if words[j][0].lower() in EXPRESSIVE_NOUNS:
                    return j + 1
                if words[j][0].lower() not in _INTENSIFIERS:
                    break
        return None
    if i + 2 >= len(words):
        return None
    if words[i][0].lower() not in EXPRESSIVE_ONLY:
        # "Reaffirms its commitment": the lead is only the verb.
        return None
    for j in range(i + 2, min(i + 6, len(words))):
        if words[j][0].lower() in EXPRESSIVE_NOUNS:
            if j + 1 < len(words) and words[j + 1][0].lower() in ("and",) and j + 2 < len(words) \
                    and words[j + 2][0].lower() in EXPRESSIVE_NOUNS:
                return j + 3
            return j + 1
    return None


def _kind(verb: str) -> str | None:
    if verb in PREAMBULAR_WORDS or verb.endswith("ing"):
        return "preambular"
    if verb in OPERATIVE_VERBS:
        return "operative"
    if verb.endswith("ed") and len(verb) > 4:
        return "preambular"        # "Convinced", "Alarmed", "Disturbed"
    if verb.endswith("s") and not verb.endswith(("ss", "ous", "us", "is")) and len(verb) > 3:
        return "operative"         # any third-person verb: "Salutes", "Mandates"
    return None


def is_operative_lead(text: str) -> bool:
    return lead_phrase(text)[1] == "operative"


# -- Russian and German: leads printed in lower case ("ссылаясь на", "постановляет", "unter Hinweis auf",
# "beschließt"), a gerund or participle phrase (``LOWERCASE_LEAD_RE``) or a verb in the third person.
_RU_ADVERBS = (r"(?:вновь|особо|настоятельно|также|далее|ещ[её]\s+раз|глубоко|серь[её]зно|решительно|полностью|"
               r"положительно|безоговорочно|неизменно|тв[её]рдо|категорически|с\s+(?:глубокой\s+|серь[её]зной\s+|"
               r"большой\s+)?(?:признательностью|удовлетворением|обеспокоенностью|озабоченностью|тревогой|"
               r"сожалением|благодарностью|интересом))")
_DE_ADVERBS = r"(?:erneut|ferner|außerdem|nachdrücklich|eindringlich|ebenfalls|sowie|zutiefst|auch)"
#: A gerund of any verb ("руководствуясь", "констатируя", "получив"), beyond the list of LOWERCASE_LEAD_RE.
_RU_GERUND_RE = re.compile(rf"(?:{_RU_ADVERBS}\s+)*[а-яё]{{3,}}(?:[аяуюеи]я|[аяеиу]в|вшись|[ая]сь)(?![а-яё])")
_OPERATIVE_RE = {
    "ru": re.compile(rf"(?:{_RU_ADVERBS}\s+)*[а-яё]{{3,}}(?:ет|ит|ёт)(?:ся)?(?![а-яё])"),
    # Not a preposition or adverb that happens to end in "t" ("mit", "nicht", "seit").
    "de": re.compile(rf"(?:{_DE_ADVERBS}\s+)*(?!(?:mit|nicht|seit|samt|damit|somit|selbst|bereits|jetzt|erst|"
                     r"zuerst|zuletzt|weit|nachdem)(?![a-zäöüß]))[a-zäöüß]{2,}t(?![a-zäöüß])"),
}
#: What follows the verb inside the lead: "напоминая также", "принимая к сведению", "fordert erneut".
_POST_RE = {
    "ru": re.compile(r"(?:\s+(?:также|далее|вновь|к\s+сведению|во\s+внимание|должное)(?![а-яё]))*"),
    "de": re.compile(r"(?:\s+(?:erneut|ferner|außerdem|nachdrücklich|eindringlich|ebenfalls)(?![a-zäöüß]))*"),
}


def _lead_phrase_lowercase(text: str, language: str) -> tuple[str, str | None]:
    """``(lead, kind)`` of a Russian or German paragraph: its opening gerund or participle phrase
    (preambular) or third-person verb (operative) with their adverbs; a capital first letter (a
    paragraph that opens a page, an unusual print) is read as if lower case."""
    stripped = text.lstrip(" \t\"“‘'«„")
    probe = stripped[:1].lower() + stripped[1:]
    kind = "preambular"
    m = (LOWERCASE_LEAD_RE.match(stripped) or LOWERCASE_LEAD_RE.match(probe)
         or (_RU_GERUND_RE.match(probe) if language == "ru" else None))
    if not m:
        kind, m = "operative", _OPERATIVE_RE[language].match(probe)
    if not m:
        return "", None
    end = _POST_RE[language].match(probe, m.end()).end()
    return stripped[:end], kind

