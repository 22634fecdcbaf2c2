"""Regular expressions shared by the text parser (compiled once, at import)."""
from __future__ import annotations

import re
from typing import Iterator

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
MONTH_NUMBER.update({m[:3].lower(): i for i, m in enumerate(MONTHS, 1)})
# French and Spanish month names (the UN's other Latin-script languages), with and without accents.
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")
MONTHS_ES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
             "noviembre", "diciembre")
# Russian (genitive, as dates print them: "20 января 2022 года"), German ("20. Januar 2022") and
# Arabic (the Egyptian name after the Syriac one: "20 كانون الثاني/يناير 2022").
MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
             "ноября", "декабря")
MONTHS_DE = ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
             "november", "dezember")
MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيه", "يوليه", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
             "ديسمبر")
for _names in (MONTHS_FR, MONTHS_ES, MONTHS_RU, MONTHS_DE, MONTHS_AR):
    MONTH_NUMBER.update({m: i for i, m in enumerate(_names, 1)})
MONTH_NUMBER.update({"fevrier": 2, "aout": 8, "decembre": 12, "setiembre": 9, "jänner": 1, "maerz": 3,
                     "ابريل": 4, "إبريل": 4, "يونيو": 6, "يوليو": 7, "اغسطس": 8, "اكتوبر": 10})
_MONTH_ALT = ("|".join(MONTHS) + r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|"
              + "|".join(sorted({m for m in MONTH_NUMBER if m not in {x.lower() for x in MONTHS} and len(m) > 3},
                                key=len, reverse=True))
              + "|" + "|".join(m.capitalize() for m in MONTHS_DE) + "|мая")
# "16 December 2010", "on2 July 2018" (glued), "2011Sixty-fifth" (glued after),
# "1er janvier 2026", "14 de noviembre de 2025".
#: The Syriac month name Arabic prints before the Egyptian one ("كانون الثاني/", "تموز/ ").
_AR_MONTH_PREFIX = r"(?:[\u0621-\u064a]+(?:\s[\u0621-\u064a]+)?\s?/\s?)?"
#: "1er", "1º", German "20." (a full stop after the day).
_DAY_SUFFIX = r"(?:er|º|°|\.)?"
DATE = (rf"(?P<day>\d{{1,2}}){_DAY_SUFFIX}\s*(?:de\s+)?{_AR_MONTH_PREFIX}(?P<month>{_MONTH_ALT})\s*,?\s*(?:de\s+)?"
        r"(?P<year>1[89]\d\d|2[01]\d\d)(?!\d)(?:\s+года)?")
DATE_RE = re.compile(DATE)
DATE_PLAIN = (rf"\d{{1,2}}{_DAY_SUFFIX}\s*(?:de\s+)?{_AR_MONTH_PREFIX}(?:{_MONTH_ALT})\s*,?\s*(?:de\s+)?"
              r"(?:1[89]\d\d|2[01]\d\d)(?!\d)")
#: A Chinese date, "2022年1月20日" (groups zyear, zmonth, zday).
DATE_ZH = r"(?P<zyear>1[89]\d\d|2[01]\d\d)\s*年\s*(?P<zmonth>\d{1,2})\s*月\s*(?P<zday>\d{1,2})\s*日"
DATE_ZH_PLAIN = r"(?:1[89]\d\d|2[01]\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
ORGANS_TEXT = {
    "general assembly": "GA", "security council": "SC", "economic and social council": "ECOSOC",
    "human rights council": "HRC",
    "assemblee generale": "GA", "conseil de securite": "SC", "conseil economique et social": "ECOSOC",
    "conseil des droits de l'homme": "HRC",
    "asamblea general": "GA", "consejo de seguridad": "SC", "consejo economico y social": "ECOSOC",
    "consejo de derechos humanos": "HRC",
}
#: The organs' names in Russian (any case), Arabic, Chinese and German: (regex, code).
ORGAN_CODES_OTHER = tuple((re.compile(rx), code) for rx, code in (
    (r"Генеральн\w*\s+Ассамбле", "GA"), (r"Совет\w*\s+Безопасности", "SC"),
    (r"Экономическ\w*\s+и\s+Социальн\w*\s+Совет", "ECOSOC"), (r"Совет\w*\s+по\s+правам\s+человека", "HRC"),
    (r"الجمعية\s+العامة", "GA"), (r"مجلس\s+الأمن", "SC"), (r"المجلس\s+الاقتصادي\s+والاجتماعي", "ECOSOC"),
    (r"مجلس\s+حقوق\s+الإنسان", "HRC"),
    (r"安全理事会", "SC"), (r"经济及社会理事会", "ECOSOC"), (r"人权理事会", "HRC"), (r"^大会$", "GA"),
    (r"Generalversammlung", "GA"), (r"Sicherheitsrat", "SC"), (r"Wirtschafts-\s*und\s+Sozialrat", "ECOSOC"),
    (r"Menschenrechtsrat", "HRC")))
#: The organs' names in the languages whose enacting formula has no article: Russian (any case ending:
#: "Генеральная Ассамблея,", "принятая Генеральной Ассамблеей") and Chinese.
ORGAN_NAME_BARE = (r"Генеральн\w*\s+Ассамбле\w*|Совет\w*\s+Безопасности|Экономическ\w*\s+и\s+Социальн\w*\s+Совет\w*|"
                   r"Совет\w*\s+по\s+правам\s+человека|安全理事会|经济及社会理事会|人权理事会|大会")
ORGAN_NAME = (r"General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council|Human\s+Rights\s+Council|"
              r"Assembl[ée]e\s+g[ée]n[ée]rale|Conseil\s+de\s+s[ée]curit[ée]|Conseil\s+[ée]conomique\s+et\s+social|"
              r"Conseil\s+des\s+droits\s+de\s+l[’']\s?homme|Asamblea\s+General|Consejo\s+de\s+Seguridad|"
              r"Consejo\s+Econ[óo]mico\s+y\s+Social|Consejo\s+de\s+Derechos\s+Humanos|"
              r"Generalversammlung|Sicherheitsrat\w*|Wirtschafts-\s*und\s+Sozialrat\w*|Menschenrechtsrat\w*|"
              r"الجمعية\s+العامة|مجلس\s+الأمن|المجلس\s+الاقتصادي\s+والاجتماعي|مجلس\s+حقوق\s+الإنسان|"
              rf"{ORGAN_NAME_BARE}")
#: "st", "nd" ...; French "e", "re", "ème"; Spanish "ª", "a.", "º".
ORDINAL_SUFFIX = r"(?:st|nd|rd|th|d|ème|eme|re|e|ª|º|°|a\.?|o\.?)"
#: "plenary meeting" / "séance plénière" / "sesión plenaria" (group ``plenary``), or the plain word.
MEETING_WORDS = (r"(?:\((?:resumed|reprise|continuaci[óo]n)\)\s+)?"    # "50th (resumed) plenary meeting"
                 r"(?:(?P<plenary>plenary\s+meeting|s[ée]ance\s+pl[ée]ni[èe]re|sesi[óo]n\s+plenaria)|"
                 r"meeting|s[ée]ance|sesi[óo]n)")
_ADOPTED_BY = (r"(?:(?:Resolutions?\s+)?[Aa]dopted\s+by\s+the\s+|"
               r"(?:R[ée]solutions?\s+)?[Aa]dopt[ée]e?s?\s+par\s+(?:l[’']\s?|le\s+|la\s+)|"
               r"(?:Resoluci[óo]n(?:es)?\s+)?[Aa]probadas?\s+por\s+(?:el|la)\s+)")
ADOPTION_RE = re.compile(
    rf"{_ADOPTED_BY}(?P<organ>{ORGAN_NAME})"
    rf"(?:\s+(?:at\s+its|[àa]\s+sa|en\s+su)\s+(?P<meeting>\d+)\s*{ORDINAL_SUFFIX}?\s+{MEETING_WORDS})?"
    rf"\s*,?\s*(?:celebrada\s+)?(?:(?:on|le|el)\s*(?:{DATE})|(?={DATE_PLAIN}))?")
#: How the origin line opens in Russian, Arabic, Chinese and German: "[без передачи в главные комитеты
#: (...)]", "[по докладу Третьего комитета", "[по предложению, рассмотренному на пленарном заседании",
#: "[دون الإحالة إلى لجنة رئيسية", "[بناء على تقرير اللجنة الثالثة", "[未经发交主要委员会而通过", "[根据第三委员会的报告",
#: "[ohne Überweisung an einen Hauptausschuss", "[auf Grund des Berichts des Dritten Ausschusses".
ORIGIN_OTHER = (r"без\s+передачи|по\s+(?:доклад|предложени|рекомендаци)\w*|دون\s+الإحالة|بناء[ًا]?\s+على|"
                r"未经发交|根据|ohne\s+Überweisung|auf\s+(?:Grund|der\s+Grundlage)|aufgrund")
ORIGIN_RE = re.compile(
    r"\[\s*(?P<inner>(?:without\s+reference\s+to\s+a\s+Main\s+Committee|on\s+the\s+(?:report|recommendation|proposal)s?\s+of\s+the|"
    r"on\s+the\s+basis\s+of|sans\s+renvoi\s+[àa]\s+une\s+grande\s+commission|"
    r"sur\s+(?:la\s+base\s+d(?:u|es)\s+)?(?:rapports?|recommandations?|propositions?)\s+de|"
    r"sur\s+la\s+base\s+d[’']\s?une\s+(?:proposition|recommandation)|"
    r"sin\s+remisi[óo]n\s+previa\s+a\s+una\s+Comisi[óo]n\s+Principal|"
    r"(?:sobre\s+la\s+base\s+de(?:l|\s+los)?|por\s+recomendaci[óo]n\s+de)\s*(?:informes?|recomendaci[óo]n)?|"
    rf"{ORIGIN_OTHER})(?:[^\[\]\n]|\n(?=[^\n\[\]]{{1,200}}\]))*)\s*(?:\]|$)", re.M)
#: "The General Assembly,", "L'Assemblée générale,", "Die Generalversammlung,", "إن الجمعية العامة،"; Russian
#: and Chinese print the name alone, so there the comma ("Генеральная Ассамблея,", "大会，") tells the
#: formula from the masthead line that names the organ; Arabic always closes its formula with "،".
ENACTING_RE = re.compile(
    rf"[ \t]*(?P<formula>(?:(?:The|THE)\s+|L[’']\s?|Le\s+|La\s+|El\s+|Die\s+|Der\s+|إن\s+(?=[^\n]*،)|"
    rf"(?=(?:{ORGAN_NAME_BARE})\s*[,，]))(?P<organ>{ORGAN_NAME}|Assembly|Council|"
    r"Securit\S*\s*\S*cil)\s*(?:,|\.|;|،|，)?)[ \t]*$", re.M)
#: The trailer's meeting in the other languages (``MEETING_RE`` takes its number and "plenary" from
#: lookaheads, as the number stands before or after the words): "55‑е пленарное заседание",
#: "46‑е заседание", "55. Plenarsitzung", "الجلسة العامة 55", "الجلسة 46", "第55次全体会议", "第46次会议".
MEETING_OTHER = (r"\d{1,5}\s?[-‑–]?\s?(?:е|й|я)\s+(?:пленарное\s+)?заседание|"
                 r"\d{1,5}\.\s+(?:Plenarsitzung|Sitzung)|"
                 r"الجلسة(?:\s+العامة)?\s+\d{1,5}|"
                 r"第\s?\d{1,5}\s?次(?:全体)?会议")
#: A word saying the meeting is plenary, in any of the languages.
PLENARY_WORD = r"plenary|pl[ée]ni[èe]re|plenaria|пленарн|العامة|全体|Plenar"
#: A meeting number spelled out, as ECOSOC and organizational sessions print small ones ("First plenary
#: meeting", "Twenty-first meeting", "Première séance plénière", "Vingt et unième séance", "Primera sesión
#: plenaria", "Decimotercera sesión", "Vigésima primera sesión"); ``ordinal_value`` gives its number.
_HY = r"[-‑ ]"
_EN_ORDINAL = (rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety){_HY})?"
               r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|"
               r"(?:thir|four|fif|six|seven|eigh|nine)teenth|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ieth|"
               r"(?:one\s)?hundredth")
_FR_ORDINAL = (rf"(?:(?:vingt|trente|quarante|cinquante|soixante|quatre{_HY}vingts?)(?:{_HY}et{_HY}|{_HY}))?"
               rf"(?:uni|deuxi|troisi|quatri|cinqui|sixi|septi|huiti|neuvi|dixi|onzi|douzi|treizi|quatorzi|quinzi|"
               rf"seizi|dix{_HY}(?:septi|huiti|neuvi))[eè]me|"
               rf"(?:vingt|trent|quarant|cinquant|soixant|quatre{_HY}vingt|cent)i[eè]me|premi[eè]re?|seconde?")
_ES_TENS = r"d[eé]cim|vig[eé]sim|trig[eé]sim|cuadrag[eé]sim|quincuag[eé]sim|sexag[eé]sim|septuag[eé]sim|octog[eé]sim|nonag[eé]sim"
_ES_ORDINAL = (rf"(?:(?:{_ES_TENS})(?:[ao]\s+|o))?(?:primer[ao]?|segund[ao]|tercer[ao]?|cuart[ao]|quint[ao]|sext[ao]|"
               rf"s[eé]p?tim[ao]|octav[ao]|noven[ao])|(?:{_ES_TENS}|und[eé]cim|duod[eé]cim|cent[eé]sim)[ao]")
ORDINAL_WORDS = rf"(?i:{_EN_ORDINAL}|{_FR_ORDINAL}|{_ES_ORDINAL})"
_MEETING_WORDS_PLAIN = MEETING_WORDS.replace('?P<plenary>', '?:')
#: A cheap necessary condition of the spelled-out branch (a few words, then a meeting word), tried
#: first: the long alternation of ordinal words then runs on the rare lines that could be one
#: (without it, every line of a document paid ~5 µs for that alternation).
#: (Possessive: letters given back to a word are never a separator, separators given back never a letter.)
_WORDS_THEN_MEETING = rf"(?=(?:[^\W\d_]++[-‑\s]++){{0,5}}[^\W\d_]++\s++{_MEETING_WORDS_PLAIN}\b)"
#: The letters an ordinal word of ``ORDINAL_WORDS`` opens with (any case, as there).
_ORDINAL_INITIALS = "(?i:[tfsenohvqcudp])"
#: What a meeting line prints from its first character on: digits and the meeting words, the words
#: of the other languages, or (group ``word`` set) an ordinal spelled out and the meeting words.
_MEETING_BODY = (rf"(?:\d{{1,5}}\s*{ORDINAL_SUFFIX}\.?\s+{_MEETING_WORDS_PLAIN}\b|{MEETING_OTHER}|"
                 rf"(?(word){ORDINAL_WORDS}\s+{_MEETING_WORDS_PLAIN}\b|(?!)))")
#: The line's meeting number (group ``number``, or ``word`` spelled out), whether it says "plenary" and
#: its date.  Each branch first checks what its first character can be, and the search for "plenary"
#: runs only once the meeting words are known to follow (``_MEETING_BODY`` as a look-ahead): most lines,
#: paragraphs, fail at their first characters (a few hundred ns a line, as before the other languages).
#: Neither check changes what matches: a match never starts at a blank, only a spelled-out number
#: opens with a letter, and the words tried again after "plenary" are the same.
MEETING_RE = re.compile(
    rf"[ \t]*+(?:(?={_ORDINAL_INITIALS}){_WORDS_THEN_MEETING}(?=(?P<word>{ORDINAL_WORDS})\s+{_MEETING_WORDS_PLAIN}\b)|"
    rf"(?=\d|الجلسة|第)(?=[^\d\n]{{0,30}}?(?P<number>\d{{1,5}})))(?={_MEETING_BODY})"
    rf"(?:(?=[^\n]{{0,40}}?(?P<plenary>{PLENARY_WORD})))?+{_MEETING_BODY}[ \t,.]*"
    rf"(?:\n?[ \t]*(?:{DATE}|{DATE_ZH_PLAIN})\.?)?[ \t]*$", re.M)
AT_MEETING_RE = re.compile(r"\bat\s+its\s+(?P<number>\d{1,5})\s*(?:st|nd|rd|th|d)\s+(?P<plenary>plenary\s+)?meeting")
NUMBER_LINE_RE = re.compile(
    r"^[ \t]*(?:(?P<sc>RESOLUTION|Resolution|R[ée]solution|Resoluci[óo]n|Резолюция|القرار|第)[ \t]*"
    r"(?P<scnum>\d{1,5}[ \t]?\(\d{4}\))(?:[ \t]*号决议)?[ \t]*,?[ \t]*$|"
    r"(?P<num>(?:(?:ES|S)-\d{1,2}|\d{1,4})/\d{1,4}(?:[ \t]?[A-L](?:[ \t]?(?:-|and|to)[ \t]?[A-L])?(?![A-Za-z]))?|"
    r"\d{1,4}[ \t]?\((?:[IVXL]{1,6}|\d{4}|ES-[IVXL]+|S-[IVXL]+)\)(?:[ \t]?[A-L](?![A-Za-z]))?)"
    # Arabic prints no full stop after the number: "76/250 إنكار محرقة اليهود".
    r"(?:[ \t]*\.|(?=[ \t]+[\u0621-\u064a]))[ \t]*(?P<title>[^\n]*))", re.M)
DISTR_RE = re.compile(rf"(?:Distr\.?|Verteilung)\s*:?\s*(?:General|Limited|Restricted|GENERAL|LIMITED|g[ée]n[ée]rale|"
                      rf"general|limit[ée]e|limitada|restreinte|reservada|Allgemein|Begrenzt)\s*(?:{DATE})")
#: "Agenda item 122 (s)", "Point 89 de l'ordre du jour", "Tema 89 del programa".
#: "Agenda item 122 (s)", "Point 89 de l'ordre du jour", "Tema 89 del programa", "Пункт 16 повестки дня",
#: "البند 16 من جدول الأعمال", "议程项目16", "Tagesordnungspunkt 16".
AGENDA_RE = re.compile(r"\b(?:Agenda\s+items?|Points?|Temas?|Пункты?|البنود|البند|议程项目|Tagesordnungspunkte?)\s*"
                       r"(?P<items>\d[^\n]*)")
AGENDA_ITEM_RE = re.compile(r"\s*(?:,\s*|\s+(?:and|et|y|и|und|و)\s+|\s*(?:&|和)\s*)?"
                            r"(?:(?P<num>\d{1,3})(?!\d)(?:\s?\(?(?P<sub>[a-z]{1,2})\))?|"
                            r"\(?(?P<only>[a-z]{1,2})\))")
ODS_MARKER_RE = re.compile(r"<<ODS (?P<key>[A-Z0-9 ]+?)>>(?P<value>[^<]*)<<ODS (?P=key)>>")
#: Where a job number was printed: New York prints the bare number ("10-52094 (E)", ODS "N1052094E"),
#: Geneva (Human Rights Council, ECOSOC, some GA) "GE.23-06843(E)" (ODS "G2306843"), Vienna "V.23-01234".
#: The record keeps the number alone ("23-06843"), as the ground truth and the AKN docket number do.
JOB_STATION = r"(?:GE|V)\.[ \t]?"
#: The ODS marker's value (white space removed): "N1052094E", "1052094", "G2306843", "GE.23-06843(E)".
ODS_JOB_RE = re.compile(rf"^(?:{JOB_STATION}|[A-Z])?(\d{{2}})-?(\d{{5}})(?:[A-Z]|\([A-Z]\))?$")
#: The job line under the first page: "10-52094", "18-16895 (E) 241018", "GE.23-06843 (E) 170423 180423".
JOB_LINE_RE = re.compile(rf"^[ \t]*(?P<job>(?:{JOB_STATION})?\d{{2}}-\d{{5}})(?:[ \t]*\([A-Z]\))?(?:[ \t]+\d{{6}}){{0,2}}[ \t]*$",
                         re.M)
MASTHEAD_RE = re.compile(
    r"United\s*Nations\s*(?P<symbol>(?:A|S|E)\s?/[A-Z0-9/.\- ]*?[0-9](?:\s?\((?:\d{4}|[IVXLC]+)\))?(?:\s?[A-L](?:-[A-L])?)?)"
    rf"\s*(?=(?:{ORGAN_NAME}|Distr|\n|$))")
#: The parts of a multi-part resolution in Arabic, by the names of the letters in abjad order ("ألف" is A,
#: "باء" B, "جيم" C, as in "القرار 217 ألف (د-3)"); Russian prints Latin letters, or their Cyrillic twins.
ARABIC_PART_LETTERS = ("ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء", "كاف", "لام")
CYRILLIC_TWINS = {"А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M"}
#: A part's label alone on its line: "A", "B", "A1" (ODS footnote anchor), "ألف", "باء -", Cyrillic "В.".
PART_LABEL_RE = re.compile(rf"[ \t]*(?P<label>[A-Z]|[{''.join(CYRILLIC_TWINS)}]|{'|'.join(ARABIC_PART_LETTERS)})"
                           r"(?:\d{1,2}|\[\d{1,2}\])?[ \t]*(?:[.\-–][ \t]*)?$")


def part_label(label: str) -> str:
    """The Latin letter of a part label: "باء" -> "B", Cyrillic "В" -> "B", "B" -> "B"."""
    if label in ARABIC_PART_LETTERS:
        return chr(ord("A") + ARABIC_PART_LETTERS.index(label))
    return CYRILLIC_TWINS.get(label, label)
ANNEX_RE = re.compile(r"[ \t]*(?P<head>Annex(?:es)?(?:[ \t]+[IVXL]+|[ \t]+\d+)?)[ \t]*$", re.M)
#: "5.", "5 bis."; Arabic prints "5 - " or "5- " ("1 - يقرر").
OP_NUMBER_RE = re.compile(r"[ \t]*(?P<num>\d{1,3})(?:[ \t]?(?P<suffix>bis|ter|quater))?"
                          r"(?:\.(?=[ \t]|$)|[ \t]?[-–](?=[ \t]))[ \t]*")
#: Arabic sub-paragraph letters in abjad order ("(أ)" is "(a)"), Russian Cyrillic ones ("а)" is "a)").
ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذض"
CYRILLIC_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
#: "(a)", "(iii)"; French and Spanish print "a)", "iii)"; Arabic "(أ)"; Russian "а)" as well as "a)".
SUB_LABEL_RE = re.compile(r"[ \t]*(?:\((?P<label>[a-z]{1,3}|[ivxlc]{1,7})\)|(?P<bare>[a-z]{1,2}|[ivxlc]{1,6})\)|"
                          rf"\((?P<abjad>[{ABJAD}])ـ?\)|(?P<cyrillic>[{CYRILLIC_LETTERS}])\))(?=[ \t])[ \t]*")
#: What ends a paragraph or clause, in every language: Chinese "，；。：", Arabic "،؛".
CLAUSE_END = ".,;:，；。：、،؛"


def sub_label(match: re.Match[str]) -> str:
    """The label of a ``SUB_LABEL_RE`` match, Arabic and Cyrillic letters as their Latin rank ("ب" -> "b")."""
    if match.group("abjad"):
        return chr(ord("a") + ABJAD.index(match.group("abjad")))
    if match.group("cyrillic"):
        return chr(ord("a") + CYRILLIC_LETTERS.index(match.group("cyrillic")))
    return match.group("label") or match.group("bare")
#: "1 Resolution 217 A (III)."; not an Arabic operative paragraph ("1 - يقرر"), whose number has a dash.
FOOTNOTE_LINE_RE = re.compile(r"[ \t]*(?:\[(?P<b>\d{1,3})\]|(?P<n>\d{1,3}))(?:[ \t]+|(?=[A-Z\"“]))(?![-–][ \t])"
                              r"(?P<text>\S[^\n]*)$")
STOP_LINE_RE = re.compile(r"(?:\[[A-Za-z]{1,4}\d{1,3}\])?<<ODS|[ \t]*_{5,}[ \t]*$|[ \t]*-{10,}[ \t]*$", re.M)
COMMENT_ANCHOR_RE = re.compile(r"\[[A-Z]{1,4}\d{1,3}\]")


def finditer_at(regex: re.Pattern[str], text: str, start: int, end: int,
                words: tuple[tuple[str, int], ...]) -> Iterator[re.Match[str]]:
    """``regex.finditer(text, start, end)`` for a pattern whose every match holds one of ``words`` (each
    with how far after the match's start it stands): the pattern is tried only where ``str.find`` sees
    a word, not at every position the engine would try (a character class is scanned ~10x slower)."""
    spots = []
    for word, offset in words:
        pos = text.find(word, start, end)
        while pos >= 0:
            if pos - offset >= start:
                spots.append(pos - offset)
            pos = text.find(word, pos + 1, end)
    spots.sort()
    resume = start
    for spot in spots:
        if spot >= resume:
            m = regex.match(text, spot, end)
            if m:
                yield m
                resume = m.end()


def iso_date(match: re.Match[str]) -> str:
    """ISO 8601 date from a match of ``DATE``."""
    month = MONTH_NUMBER[match.group("month").rstrip(".").lower()[:3] if match.group("month").endswith(".")
                         else match.group("month").lower()]
    return f"{int(match.group('year')):04d}-{month:02d}-{int(match.group('day')):02d}"


_FR_VALUES = {"un": 1, "uni": 1, "premier": 1, "premiere": 1, "second": 2, "seconde": 2, "deux": 2, "trois": 3,
              "quatre": 4, "quatr": 4, "cinq": 5, "cinqu": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "neuv": 9,
              "dix": 10, "onze": 11, "onz": 11, "douze": 12, "douz": 12, "treize": 13, "treiz": 13, "quatorze": 14,
              "quatorz": 14, "quinze": 15, "quinz": 15, "seize": 16, "seiz": 16, "vingt": 20, "vingts": 20,
              "trente": 30, "trent": 30, "quarante": 40, "quarant": 40, "cinquante": 50, "cinquant": 50,
              "soixante": 60, "soixant": 60, "cent": 100}
_ES_VALUES = {"primer": 1, "segund": 2, "tercer": 3, "cuart": 4, "quint": 5, "sext": 6, "septim": 7, "setim": 7,
              "octav": 8, "noven": 9, "decim": 10, "undecim": 11, "duodecim": 12, "vigesim": 20, "trigesim": 30,
              "cuadragesim": 40, "quincuagesim": 50, "sexagesim": 60, "septuagesim": 70, "octogesim": 80,
              "nonagesim": 90, "centesim": 100}
_ES_GLUED_RE = re.compile(r"^(decim|vigesim|trigesim|cuadragesim|quincuagesim|sexagesim|septuagesim|octogesim|"
                          r"nonagesim)o(?=[a-z]{4})")


def _fold(text: str) -> str:
    import unicodedata

    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[-‑\s]+", " ", text.lower()).strip()


def _french_value(words: list[str]) -> int | None:
    """"vingt et unième" -> 21, "quatre-vingt-dix-neuvième" -> 99 (the cardinals before the ordinal add up,
    "quatre vingt" multiplies)."""
    total, previous = 0, None
    for i, word in enumerate(w for w in words if w != "et"):
        stem = word[:-4] if word.endswith("ieme") else word
        value = _FR_VALUES.get(stem)
        if value is None:
            return None
        total += 80 - 4 if value == 20 and previous == 4 else value
        previous = value
    return total or None


def _spanish_value(words: list[str]) -> int | None:
    """"vigésima primera" -> 21, "decimotercera" -> 13, "tercer" -> 3 (the ordinals add up)."""
    total = 0
    for word in " ".join(_ES_GLUED_RE.sub(r"\1 ", w) for w in words).split():
        value = _ES_VALUES.get(word[:-1] if word[-1:] in "ao" else word)
        if value is None:
            return None
        total += value
    return total or None


def ordinal_value(words: str) -> int | None:
    """The number of an ordinal spelled out in English, French or Spanish ("Twenty-first" -> 21,
    "Première" -> 1, "Vigésima primera" -> 21); None if it is not one."""
    from kg.ordinals import ORDINALS

    folded = _fold(words)
    english = ORDINALS.get(folded.replace(" ", "-")) or (100 if folded in ("hundredth", "one hundredth") else None)
    return english or _french_value(folded.split()) or _spanish_value(folded.split())


def meeting_number(match: re.Match[str]) -> int | None:
    """The meeting number of a ``MEETING_RE`` match, printed in digits or spelled out."""
    return ordinal_value(match.group("word")) if match.group("word") else int(match.group("number"))


def organ_code(name: str) -> str | None:
    """GA/SC/ECOSOC/HRC from an organ's name in one of the UN's languages or German."""
    import unicodedata

    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    folded = re.sub(r"\s+", " ", folded.replace("’", "'")).strip().lower().replace("l' homme", "l'homme")
    code = ORGANS_TEXT.get(folded)
    if code is None:
        name = re.sub(r"\s+", " ", name).strip(" ,.;،，")
        code = next((c for rx, c in ORGAN_CODES_OTHER if rx.search(name)), None)
    return code


#: How a preambular paragraph opens in the languages that print it in lower case: Russian, a gerund or
#: a short participle after its adverbs ("ссылаясь на", "вновь подтверждая", "с признательностью
#: отмечая", "будучи глубоко обеспокоена", "получив"); German, a participle or a prepositional lead
#: ("betonend, dass", "bedauernd, dass", "erneut darauf hinweisend", "mit Dank Kenntnis nehmend", "in
#: Bekräftigung", "unter Hinweis auf", "eingedenk"); a participle alone must be followed by its comma.
#: A paragraph cut by a page break goes on with an ordinary word instead.
LOWERCASE_LEAD_RE = re.compile(
    r"(?:(?:вновь|особо|настоятельно|также|далее|еще\s+раз|глубоко|серьезно|решительно|будучи|"
    r"с\s+(?:глубокой\s+|серьезной\s+|большой\s+)?(?:признательностью|удовлетворением|обеспокоенностью|"
    r"озабоченностью|тревогой|сожалением|благодарностью|интересом))\s+)*"
    r"(?:[а-яё]+(?:ясь|вшись)|(?:получи|рассмотре|заслуша|изучи|приня|ознакомивши|одобри|обсуди)в|"
    r"(?:подтвержда|напомина|отмеча|признава|приветству|принима|учитыва|выража|"
    r"подчеркива|сознава|осознава|памяту|счита|констатиру|заявля|осужда|одобря|сожале|воздава|указыва|исход|стрем|"
    r"жела|полага|поощря|поддержива|обраща|содейству|добива|настаива|понима|вспомина|оценива|призыва|требу|"
    r"предлага|рекоменду|побужда|акцентиру|утвержда|ожида|опаса|будуч)[яи]|"
    r"(?:обеспокоен|убежден|преисполнен|исполнен|встревожен|озабочен|потрясен|возмущен|воодушевлен|удовлетворен|"
    r"разочарован|полн)[а-яё]*)(?![а-яё])|"
    r"(?:(?:sowie|ferner|erneut|außerdem|zutiefst|tief|höchst|mit\s+(?:großer\s+|tiefer\s+)?"
    r"(?:Besorgnis|Dank|Genugtuung|Befriedigung|Anerkennung|Sorge))\s+)*"
    r"(?:in\s+(?:Bekräftigung|Würdigung|Anbetracht|Anerkennung|der\s+Erkenntnis|dem\s+Bewusstsein)|im\s+Bewusstsein|"
    r"unter\s+(?:erneutem\s+)?(?:Hinweis|Begrüßung|Bekundung|Verurteilung|Betonung|Berücksichtigung)|"
    r"mit\s+(?:dem|der)\s+(?:Ausdruck|nachdrücklichen)|eingedenk|besorgt|überzeugt|entschlossen|"
    r"Kenntnis\s+nehmend|(?:darauf|darüber|daran|dessen)\s+[a-zäöüß]{3,}e?nd|[a-zäöüß]{3,}e?nd(?=,))(?![a-zäöüß])")
