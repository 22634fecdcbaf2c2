"""Citations in the UN's other languages: "la résolution 59/113 A de l'Assemblée générale",
"резолюцию 60/251 от 15 марта 2006 года", "قرار الجمعية العامة 377 ألف (د-5)", "第61/16号决议".

The English finder (:mod:`kg.parse.citations`) reads "resolution(s)" / "decision(s)" only, so an
AKN file in French, Spanish, Russian, Arabic, Chinese or German without ``<ref>`` markup had no
numbered citations.  This module reads the same mentions in those languages, from tables per
language (:data:`LANGUAGES`): the words for resolution/decision (singular, plural, Arabic dual,
possessive "sa résolution" / "su resolución" / "свою резолюцию" / "قراره" / "其…号决议"), the four
organs' names, list words, part letters (Latin, and the Arabic letter names "ألف", "باء" ...),
Arabic sessions "(د-5)" (= "(V)") and dates.

The organ of each number is decided as in English, by :func:`kg.parse.citations._organ_for`, fed
with the English name of the organ found next to it.  One rule more than the English finder: a
bare "resolution N/M" (no organ, no possessive) takes the organ of the previous qualified
citation in the same sentence ("la résolution 59/113 A de l'Assemblée générale ..., et la
résolution 60/251" is the Assembly's twice), unless its form decides ("1325 (2000)").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import Citation, Span
from kg.parse.citations import _organ_for, _symbol_for, symbol_citations
from kg.symbols import int_to_roman, organ_of_number

_ENGLISH = {"GA": ("General Assembly", None), "SC": ("Security Council", None),
            "ECOSOC": ("Economic and Social Council", None), "HRC": ("Human Rights Council", None),
            "CHR": ("Commission on Human Rights", None), "ASSEMBLY": ("Assembly", None),
            "COUNCIL": ("Council", None), "OTHER": ("Conference", "Other "), "ITS": ("its", None)}
_AR_PARTS = ("ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء", "كاف", "لام")
_AR_MONTHS = {"يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5, "يونيه": 6,
              "يونيو": 6, "يوليه": 7, "يوليو": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10,
              "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12}
_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"),
}
_MONTH_NUMBER = {m.lower(): i for names in _MONTHS.values() for i, m in enumerate(names, 1)}
_MONTH_NUMBER.update({"setiembre": 9, "jänner": 1})


def _alt(names: tuple[str, ...] | list[str]) -> str:
    return "|".join(sorted(names, key=len, reverse=True))


@dataclass(frozen=True)
class Language:
    """The words of one language.  ``keyword``: groups ``poss`` (a possessive), ``kw`` (the word);
    ``organs``: (regex, code) pairs, the specific names first."""
    keyword: str
    decision: str            # a keyword matching this is a decision
    plural: str              # ... and this a plural (a list may go on after a clause)
    organs: tuple[tuple[str, str], ...]
    organ_link: str          # words between a keyword/number and an organ after it ("de la ", "")
    date: str                # groups day, month, year
    separator: str
    feminine: str = ""       # Arabic: a possessive that names the Assembly ("قرارها")


_RU_ORG = r"\w*"
LANGUAGES: dict[str, Language] = {
    "fr": Language(
        keyword=r"\b(?P<poss>(?:sa|ses|son)\s+(?:propres?\s+)?)?(?P<kw>[Rr]ésolutions?|[Dd]écisions?|RÉSOLUTIONS?)",
        decision=r"[Dd]écision", plural=r"s$",
        organs=((r"Assembl[ée]e\s+g[ée]n[ée]rale", "GA"), (r"Conseil\s+de\s+s[ée]curit[ée]", "SC"),
                (r"Conseil\s+[ée]conomique\s+et\s+social", "ECOSOC"),
                (r"Conseil\s+des\s+droits\s+de\s+l[’']\s?homme", "HRC"),
                (r"Commission\s+des\s+droits\s+de\s+l[’']\s?homme", "CHR"),
                (r"Assembl[ée]e\s+mondiale|Conf[ée]rence|Commission|Comit[ée]|Conseil\s+d[’']\s?administration|"
                 r"Conseil\s+ex[ée]cutif|Organisation", "OTHER"),
                (r"Assembl[ée]e", "ASSEMBLY"), (r"Conseil", "COUNCIL")),
        organ_link=r"\s*,?\s*(?:de\s+l[’']\s?|de\s+la\s+|du\s+|des\s+)",
        date=rf"\s*,?\s*(?:du|en\s+date\s+du)\s+(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{_alt(_MONTHS['fr'])})\s+"
             r"(?P<year>\d{4})",
        separator=r"\s*(?:,\s*(?:et\s+)?|\s+et\s+|\s+ou\s+|\s+à\s+)\s*"),
    "es": Language(
        keyword=r"\b(?P<poss>sus?\s+)?(?P<kw>[Rr]esoluci(?:ones|ón|on)|[Dd]ecisi(?:ones|ón|on)|RESOLUCI(?:ONES|ÓN))(?!\w)",
        decision=r"[Dd]ecisi", plural=r"(?i)ones$",
        organs=((r"Asamblea\s+General", "GA"), (r"Consejo\s+de\s+Seguridad", "SC"),
                (r"Consejo\s+Econ[óo]mico\s+y\s+Social", "ECOSOC"), (r"Consejo\s+de\s+Derechos\s+Humanos", "HRC"),
                (r"Comisi[óo]n\s+de\s+Derechos\s+Humanos", "CHR"),
                (r"Asamblea\s+Mundial|Conferencia|Comisi[óo]n|Comit[ée]|Junta|Organizaci[óo]n", "OTHER"),
                (r"Asamblea", "ASSEMBLY"), (r"Consejo", "COUNCIL")),
        organ_link=r"\s*,?\s*(?:de\s+la\s+|del\s+)",
        date=rf"\s*,?\s*de\s+(?P<day>\d{{1,2}})\s+de\s+(?P<month>{_alt(_MONTHS['es'])}|setiembre)\s+de\s+"
             r"(?P<year>\d{4})",
        separator=r"\s*(?:,\s*(?:y\s+)?|\s+y\s+|\s+e\s+|\s+o\s+|\s+a\s+)\s*"),
    "ru": Language(
        keyword=r"(?<!\w)(?P<poss>(?:сво(?:ю|ей|их|и|ими|ем)|е[её]|его)\s+)?(?P<kw>[Рр]езолюци(?:я|и|ю|й|ей|ям|ями|ях)|"
                r"[Рр]ешени(?:е|я|ю|й|ем|ям|ями|ях|и))(?!\w)",
        decision=r"[Рр]ешени", plural=r"(?:й|ям|ями|ях)$|и$",
        organs=((rf"Генеральн{_RU_ORG}\s+Ассамбле{_RU_ORG}", "GA"), (rf"Совет{_RU_ORG}\s+Безопасности", "SC"),
                (rf"Экономическ{_RU_ORG}\s+и\s+Социальн{_RU_ORG}\s+Совет{_RU_ORG}", "ECOSOC"),
                (rf"Совет{_RU_ORG}\s+по\s+правам\s+человека", "HRC"),
                (rf"Комисси{_RU_ORG}\s+по\s+правам\s+человека", "CHR"),
                (rf"Всемирн{_RU_ORG}\s+ассамбле{_RU_ORG}|Конференци{_RU_ORG}|Комисси{_RU_ORG}|Комитет{_RU_ORG}|"
                 rf"Исполнительн{_RU_ORG}\s+совет{_RU_ORG}", "OTHER"),
                (rf"Ассамбле{_RU_ORG}", "ASSEMBLY"), (rf"Совет{_RU_ORG}", "COUNCIL")),
        organ_link=r"\s*",
        date=rf"\s*,?\s*от\s+(?P<day>\d{{1,2}})\s+(?P<month>{_alt(_MONTHS['ru'])})\s+(?P<year>\d{{4}})(?:\s+года)?",
        separator=r"\s*(?:,\s*(?:и\s+)?|\s+и\s+|\s+или\s+)\s*"),
    "de": Language(
        keyword=r"\b(?P<poss>(?:seine[nrs]?|ihre[nrs]?)\s+)?(?P<kw>Resolution(?:en)?|Beschl(?:uss|üsse|üssen|usses)"
                r"|RESOLUTION(?:EN)?)",
        decision=r"Beschl", plural=r"(?:en|üsse|üssen)$",
        organs=((r"Generalversammlung", "GA"), (r"Sicherheitsrat\w*", "SC"), (r"Wirtschafts-\s+und\s+Sozialrat\w*", "ECOSOC"),
                (r"Menschenrechtsrat\w*", "HRC"), (r"Menschenrechtskommission", "CHR"),
                (r"Weltgesundheitsversammlung|Konferenz|Kommission|Ausschuss\w*|Exekutivrat\w*", "OTHER"),
                (r"Versammlung", "ASSEMBLY"), (r"Rat\w*", "COUNCIL")),
        organ_link=r"\s*,?\s*(?:der\s+|des\s+)",
        date=rf"\s*,?\s*vom\s+(?P<day>\d{{1,2}})\.\s*(?P<month>{_alt(_MONTHS['de'])})\s+(?P<year>\d{{4}})",
        separator=r"\s*(?:,\s*(?:und\s+)?|\s+und\s+|\s+oder\s+|\s+bis\s+)\s*"),
    "ar": Language(
        keyword=r"(?<![\u0621-\u064A])(?:و|ب|ل|ف|وب|ول)?(?P<kw>(?:ال|ل)?قرار(?:ات|ا[نه]|ين|ي)?(?P<poss>ه(?:ا|م)?|اته(?:ا)?)?)"
                r"(?![\u0621-\u064A])|(?<![\u0621-\u064A])(?:و|ب|ل|ف)?(?P<dkw>(?:ال)?مقرر(?:ات|ا[نه]|ين)?)(?![\u0621-\u064A])",
        decision=r"مقرر", plural=r"(?:ات|ان|ين|اته|اتها)$",
        organs=((r"الجمعية\s+العامة", "GA"), (r"مجلس\s+الأمن", "SC"), (r"المجلس\s+الاقتصادي\s+والاجتماعي", "ECOSOC"),
                (r"مجلس\s+حقوق\s+الإنسان", "HRC"), (r"لجنة\s+حقوق\s+الإنسان", "CHR"),
                (r"جمعية\s+الصحة|المؤتمر|مؤتمر|اللجنة|لجنة|منظمة|المجلس\s+التنفيذي", "OTHER"),
                (r"الجمعية", "ASSEMBLY"), (r"المجلس", "COUNCIL")),
        organ_link=r"\s*",
        date=r"\s*،?\s*(?:المؤرخ(?:ة|ين|تين)?|المؤرَّخ|الصادرة?\s+في)\s+(?P<day>\d{1,2})\s+[\u0621-\u064A ]{2,16}/\s?(?P<month>"
             + _alt(list(_AR_MONTHS)) + r")\s+(?P<year>\d{4})",
        separator=r"\s*(?:،\s*(?:و\s*)?|\s*,\s*|\s+و\s*|\s+أو\s+)",
        feminine="ها"),
}
_SESSION = r"(?P<session>[IVXLC]{1,7}|\d{4}|ES-[IVXL]+|S-[IVXL]+|د\s?-\s?\d{1,2})"
_CORE = r"(?P<core>(?:ES|S)-\d{1,2}/\d{1,3}|\d{1,4}/\d{1,4}(?:/\d{1,3})?|\d{1,4}(?=\s?(?:[A-L]\s?)?[(（]|\s?(?:" \
        + _alt(_AR_PARTS) + r")\s?\())"
_PART = rf"(?:\s?(?P<part>[A-L])(?![A-Za-z\u0400-\u04FF\d/])|\s(?P<arpart>{_alt(_AR_PARTS)})(?![\u0621-\u064A]))"
_PART2 = rf"(?:\s?(?:,|-|et|y|и|und|و|和|及)\s?(?P<part2>[A-L])(?![A-Za-z\u0400-\u04FF\d/]))?"
NUMBER = rf"{_CORE}{_PART}?{_PART2}(?:\s?[(（]{_SESSION}[)）])?"
_ZH_ORGANS = (("安全理事会|安理会", "SC"), ("经济及社会理事会|经社理事会", "ECOSOC"), ("人权理事会", "HRC"),
              ("人权委员会", "CHR"), ("(?:缔约方|卫生|机构|代表)大会|委员会|执行局", "OTHER"), ("大会", "GA"),
              ("理事会", "COUNCIL"))
_ZH_DATE = r"(?:(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日\s*)?(?:(?:关于|题为)[^；。第]{0,80}?的)?"
_ZH_ITEM = re.compile(_ZH_DATE + r"第\s*" + NUMBER + r"\s*号?")
_ZH_NEXT = re.compile(_ZH_DATE + r"第?\s*" + NUMBER + r"\s*号?")     # "第550(1984)和789(1992)号决议"
_ZH_SEP = re.compile(r"\s*(?:、|，|和|及|以及|与)\s*")
_ZH_KEYWORD = re.compile(r"\s*(?:各项)?(?P<kw>决议|决定)")
_SENTENCE_END = re.compile(r"[;؛；。]|\.\s")
_SPACES = re.compile(r"\s*")


def _compiled(lang: Language) -> dict[str, re.Pattern[str]]:
    organs = "|".join(f"(?P<o{i}>{rx})" for i, (rx, _) in enumerate(lang.organs))
    return {"keyword": re.compile(lang.keyword), "organ": re.compile(organs),
            "organ_then": re.compile(rf"(?:{lang.organ_link}|\s*)(?:{organs})\s*"),
            "organ_after": re.compile(rf"{lang.organ_link}(?:{organs})"),
            "item": re.compile(NUMBER), "date": re.compile(lang.date), "sep": re.compile(lang.separator),
            "more": re.compile(rf"(?:\s|,|،)(?:et|y|и|und|و)\s+(?=\d{{1,4}}/\d)")}


_PATTERNS = {code: _compiled(lang) for code, lang in LANGUAGES.items()}
_ZH_ORGAN = re.compile("|".join(f"(?P<o{i}>{rx})" for i, (rx, _) in enumerate(_ZH_ORGANS)))


def _organ_code(match: re.Match[str], table: tuple[tuple[str, str], ...]) -> str:
    return next(table[i][1] for i in range(len(table)) if match.group(f"o{i}"))


def _session(raw: str | None) -> str | None:
    """"(د-5)" is the fifth session: "V"; the others are printed as in English."""
    if raw and raw.startswith("د"):
        return int_to_roman(int(re.sub(r"\D", "", raw)))
    return raw


def _number_and_parts(m: re.Match[str]) -> tuple[str, str]:
    """The English form of a matched number ("377 (V)", "59/113") and its part letters ("A B")."""
    letters = [m.group("part") or (chr(ord("A") + _AR_PARTS.index(m.group("arpart"))) if m.group("arpart") else "")]
    if m.group("part2"):
        letters.append(m.group("part2"))
    letters = [x for x in letters if x]
    session = _session(m.group("session"))
    if session:
        if re.fullmatch(r"[IVXLC]+", session):
            letters = []      # "377 A (V)": the UN's symbol is A/RES/377 (V), as in the English finder
        return f"{m.group('core')} ({session})", " ".join(letters)
    if "/" not in m.group("core"):
        return "", ""
    return m.group("core"), " ".join(letters)


def _number_span(m: re.Match[str]) -> Span:
    """From the number to its last part letter or session: "59/113 ألف", "377A(V)" (not "第", "号", a date)."""
    ends = [m.end(g) for g in ("core", "part", "arpart", "part2") if m.group(g)]
    if m.group("session"):
        ends.append(m.end("session") + 1)
    return Span(m.start("core"), max(ends))


def _iso(m: re.Match[str] | None) -> str | None:
    if not m:
        return None
    month = m.group("month")
    number = int(month) if month.isdigit() else _AR_MONTHS.get(month) or _MONTH_NUMBER.get(month.lower())
    return f"{int(m.group('year')):04d}-{number:02d}-{int(m.group('day')):02d}" if number else None


@dataclass
class _Mention:
    """One keyword and its list of numbers: what the organ rule needs."""
    items: list[tuple[re.Match[str], str | None]]      # number match, ISO date
    organ: str | None                                   # code of the organ words, "ITS" for a possessive
    decision: bool
    start: int


def _lookback_organ(text: str, lo: int, pos: int, table_re: re.Pattern[str],
                    table: tuple[tuple[str, str], ...]) -> str | None:
    """The last organ named in the 60 characters before a possessive, in the same sentence:
    "que l'Assemblée générale a adoptée dans sa résolution 66/137" is the Assembly's."""
    window = text[max(lo, pos - 60):pos]
    cut = list(_SENTENCE_END.finditer(window))
    window = window[cut[-1].end():] if cut else window
    found = list(table_re.finditer(window))
    return _organ_code(found[-1], table) if found else None


def _mentions(text: str, start: int, end: int, lang: Language, p: dict[str, re.Pattern[str]]) -> list[_Mention]:
    out = []
    for kw in p["keyword"].finditer(text, start, end):
        word = kw.group("kw") or kw.groupdict().get("dkw") or ""
        poss = bool(kw.group("poss"))
        organ = "ITS" if poss else None
        if poss:
            organ = _lookback_organ(text, start, kw.start(), p["organ"], lang.organs) or organ
            if lang.feminine and kw.group("poss") == lang.feminine and organ in ("ITS", "ASSEMBLY"):
                organ = "GA"      # "قرارها", her resolution: the Assembly's (a Council is masculine)
        pos = kw.end()
        between = p["organ_then"].match(text, pos, end)
        if between and p["item"].match(text, between.end(), end):
            organ, pos = _organ_code(between, lang.organs), between.end()
        else:
            pos = _SPACES.match(text, pos, end).end()
        items: list[tuple[re.Match[str], str | None]] = []
        while (item := p["item"].match(text, pos, end)) and _number_and_parts(item)[0]:
            pos = item.end()
            after = p["organ_after"].match(text, pos, end)
            if after and organ is None:
                organ, pos = _organ_code(after, lang.organs), after.end()
            dates = _dates(text, pos, end, p)
            pos = dates[-1].end() if dates else pos
            items.append((item, _iso(dates[0]) if dates else None))
            if len(dates) > 1 and len(dates) == len(items) and not any(d for _, d in items[:-1]):
                items = [(m, _iso(d)) for (m, _), d in zip(items, dates)]    # "..., 75/290 A, du ..., du ... et du ..."
            sep = p["sep"].match(text, pos, end)
            if not sep or not p["item"].match(text, sep.end(), end):
                break
            pos = sep.end()
        if items and re.search(lang.plural, word):
            items += _more_items(text, pos, end, p)
        if items:
            out.append(_Mention(items, organ, bool(re.search(lang.decision, word)), kw.start()))
    return out


def _dates(text: str, pos: int, end: int, p: dict[str, re.Pattern[str]]) -> list[re.Match[str]]:
    """The date after a number, or the dates of a whole list printed after it, each in turn
    ("61/16, 68/1 ... et 75/290 A de l'Assemblée générale, en date du 20 novembre 2006, du ... et du ...")."""
    out = []
    while (date := p["date"].match(text, pos, end)) or (
            (sep := p["sep"].match(text, pos, end)) and out and (date := p["date"].match(text, sep.end(), end))):
        out.append(date)
        pos = date.end()
    return out


def _more_items(text: str, pos: int, end: int, p: dict[str, re.Pattern[str]]) -> list[tuple[re.Match[str], str | None]]:
    """After a plural keyword, "..., par laquelle ..., et 60/251 du 15 mars 2006" in the same sentence:
    a number followed by its date goes on the list."""
    stops = [m.start() for m in (_SENTENCE_END.search(text, pos, end), p["keyword"].search(text, pos, end)) if m]
    out = []
    for more in p["more"].finditer(text, pos, min(stops, default=end)):
        item = p["item"].match(text, more.end(), end)
        date = p["date"].match(text, item.end(), end) if item else None
        if item and date:
            out.append((item, _iso(date)))
    return out


def _zh_mentions(text: str, start: int, end: int) -> list[_Mention]:
    """"其2005年11月1日第60/7号决议", "大会关于……的2006年……第61/16号、……和……第75/290 A号决议"."""
    out, pos = [], start
    while (first := _ZH_ITEM.search(text, pos, end)) is not None:
        items, item = [], first
        while True:
            items.append((item, _iso(item) if item.group("year") else None))
            sep = _ZH_SEP.match(text, item.end(), end)
            nxt = _ZH_NEXT.match(text, sep.end(), end) if sep else None
            if not nxt:
                break
            item = nxt
        kw = _ZH_KEYWORD.match(text, item.end(), end)
        pos = item.end()
        if not kw:
            continue
        cuts = [m.end() for m in re.finditer(r"[，；。,;]", text[start:first.start()])]
        clause_start = start + (cuts[-1] if cuts else 0)
        before = re.sub(r"关于[^，；。]*?的", "", text[clause_start:first.start()])
        before = re.sub(r"(?:在|于|通过的?)$", "", before.rstrip())
        organs = list(_ZH_ORGAN.finditer(before))
        # "大会在其第…号决议" is the Assembly's; a bare "其" the citing organ's own
        organ = _organ_code(organs[-1], _ZH_ORGANS) if organs else "ITS" if before.endswith("其") else None
        out.append(_Mention(items, organ, kw.group("kw") == "决定", first.start()))
    return out


def _organ(number: str, words: str | None, context: str, decision: bool, nearby: str) -> str | None:
    """The organ of ``number`` from the organ words next to it (a code of :data:`_ENGLISH`, or
    "CARRIED:GA" from an earlier citation of the sentence), as the English finder decides it."""
    if words and words.startswith("CARRIED:"):
        carried = words.split(":", 1)[1]
        if carried == "OTHER":
            return None
        words = None if carried in ("ASSEMBLY", "COUNCIL") else carried
        if words:
            return organ_of_number(number) or words       # the form still decides: "1325 (2000)"
    qualifier, lead = _ENGLISH[words] if words else (None, None)
    return _organ_for(number, qualifier, lead, context, decision, nearby)


def _sentence_id(text: str, start: int, pos: int) -> int:
    return len(_SENTENCE_END.findall(text, start, pos))


def numbered_citations_multilingual(text: str, start: int, end: int, context: str, key: str | None,
                                    language: str) -> list[Citation]:
    """The "resolution N/M" citations of ``text[start:end]`` in ``language`` (fr, es, ru, ar, zh, de);
    ``context`` is the citing organ (GA, SC, ECOSOC, HRC)."""
    if language == "zh":
        mentions = _zh_mentions(text, start, end)
    elif language in LANGUAGES:
        mentions = _mentions(text, start, end, LANGUAGES[language], _PATTERNS[language])
    else:
        return []
    found: list[Citation] = []
    carried: tuple[int, str] | None = None      # (sentence, organ code) of the last qualified mention
    for mention in mentions:
        sentence = _sentence_id(text, start, mention.start)
        words = mention.organ
        if words is not None:
            carried = (sentence, context if words == "ITS" else words)
        elif carried and carried[0] == sentence:
            words = "CARRIED:" + carried[1]
        nearby = "Human Rights Council" if "HRC" in (words, context) else ""
        for item, date in mention.items:
            number, parts = _number_and_parts(item)
            organ = _organ(number, words, context, mention.decision, nearby)
            symbols = _symbol_for(number, f" {parts}" if parts else "", organ, mention.decision) if organ else []
            span = _number_span(item)
            for symbol in symbols:
                found.append(Citation(symbol=symbol, span=span, text=text[span.start:span.end],
                                      kind="decision" if mention.decision else "resolution", date=date,
                                      symbols=[symbol], in_paragraph=key))
    return found


def find_citations_multilingual(text: str, start: int, end: int, context: str, key: str | None,
                                language: str) -> list[Citation]:
    """Every citation in ``text[start:end]`` written in ``language``: the numbered ones
    (:func:`numbered_citations_multilingual`) and full symbols printed anywhere (``S/PRST/2020/9``),
    as :func:`kg.parse.citations.find_citations` does for English."""
    citations = numbered_citations_multilingual(text, start, end, context, key, language)
    date_re = _PATTERNS[language]["date"] if language in _PATTERNS else None
    citations += symbol_citations(text, start, end, key, date_re, _iso)
    citations.sort(key=lambda c: c.span.start)
    return citations
