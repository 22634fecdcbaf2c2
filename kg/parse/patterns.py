"""Regular expressions shared by the text parser (compiled once, at import)."""
from __future__ import annotations

import re

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
MONTH_NUMBER.update({m[:3].lower(): i for i, m in enumerate(MONTHS, 1)})
# French and Spanish month names (the UN's other Latin-script languages), with and without accents.
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")
MONTHS_ES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
             "noviembre", "diciembre")
for _names in (MONTHS_FR, MONTHS_ES):
    MONTH_NUMBER.update({m: i for i, m in enumerate(_names, 1)})
MONTH_NUMBER.update({"fevrier": 2, "aout": 8, "decembre": 12, "setiembre": 9})
_MONTH_ALT = ("|".join(MONTHS) + r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|"
              + "|".join(sorted({m for m in MONTH_NUMBER if m not in {x.lower() for x in MONTHS} and len(m) > 3},
                                key=len, reverse=True)))
# "16 December 2010", "on2 July 2018" (glued), "2011Sixty-fifth" (glued after),
# "1er janvier 2026", "14 de noviembre de 2025".
DATE = (rf"(?P<day>\d{{1,2}})(?:er|º|°)?\s*(?:de\s+)?(?P<month>{_MONTH_ALT})\s*,?\s*(?:de\s+)?"
        r"(?P<year>1[89]\d\d|2[01]\d\d)(?!\d)")
DATE_RE = re.compile(DATE)
DATE_PLAIN = rf"\d{{1,2}}(?:er|º|°)?\s*(?:de\s+)?(?:{_MONTH_ALT})\s*,?\s*(?:de\s+)?(?:1[89]\d\d|2[01]\d\d)(?!\d)"
ORGANS_TEXT = {
    "general assembly": "GA", "security council": "SC", "economic and social council": "ECOSOC",
    "human rights council": "HRC",
    "assemblee generale": "GA", "conseil de securite": "SC", "conseil economique et social": "ECOSOC",
    "conseil des droits de l'homme": "HRC",
    "asamblea general": "GA", "consejo de seguridad": "SC", "consejo economico y social": "ECOSOC",
    "consejo de derechos humanos": "HRC",
}
ORGAN_NAME = (r"General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council|Human\s+Rights\s+Council|"
              r"Assembl[ée]e\s+g[ée]n[ée]rale|Conseil\s+de\s+s[ée]curit[ée]|Conseil\s+[ée]conomique\s+et\s+social|"
              r"Conseil\s+des\s+droits\s+de\s+l[’']\s?homme|Asamblea\s+General|Consejo\s+de\s+Seguridad|"
              r"Consejo\s+Econ[óo]mico\s+y\s+Social|Consejo\s+de\s+Derechos\s+Humanos")
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
ORIGIN_RE = re.compile(
    r"\[\s*(?P<inner>(?:without\s+reference\s+to\s+a\s+Main\s+Committee|on\s+the\s+(?:report|recommendation|proposal)s?\s+of\s+the|"
    r"on\s+the\s+basis\s+of|sans\s+renvoi\s+[àa]\s+une\s+grande\s+commission|"
    r"sur\s+(?:la\s+base\s+d(?:u|es)\s+)?(?:rapports?|recommandations?|propositions?)\s+de|"
    r"sin\s+remisi[óo]n\s+previa\s+a\s+una\s+Comisi[óo]n\s+Principal|"
    r"(?:sobre\s+la\s+base\s+de(?:l|\s+los)?|por\s+recomendaci[óo]n\s+de)\s*(?:informes?|recomendaci[óo]n)?)(?:[^\[\]\n]|\n(?=[^\n\[\]]{1,200}\]))*)\s*(?:\]|$)", re.M)
ENACTING_RE = re.compile(
    rf"[ \t]*(?P<formula>(?:(?:The|THE)\s+|L[’']\s?|Le\s+|La\s+|El\s+)(?P<organ>{ORGAN_NAME}|Assembly|Council|"
    r"Securit\S*\s*\S*cil)\s*(?:,|\.|;)?)[ \t]*$", re.M)
MEETING_RE = re.compile(
    rf"[ \t]*(?P<number>\d{{1,5}})\s*{ORDINAL_SUFFIX}\.?\s+{MEETING_WORDS}\b[ \t,.]*"
    rf"(?:\n?[ \t]*(?:{DATE})\.?)?[ \t]*$", re.M)
AT_MEETING_RE = re.compile(r"\bat\s+its\s+(?P<number>\d{1,5})\s*(?:st|nd|rd|th|d)\s+(?P<plenary>plenary\s+)?meeting")
NUMBER_LINE_RE = re.compile(
    r"^[ \t]*(?:(?P<sc>RESOLUTION|Resolution|R[ée]solution|Resoluci[óo]n)\s+(?P<scnum>\d{1,5}\s?\(\d{4}\))[ \t]*$|"
    r"(?P<num>(?:(?:ES|S)-\d{1,2}|\d{1,4})/\d{1,4}(?:[ \t]?[A-L](?:[ \t]?(?:-|and|to)[ \t]?[A-L])?(?![A-Za-z]))?|"
    r"\d{1,4}[ \t]?\((?:[IVXL]{1,6}|\d{4}|ES-[IVXL]+|S-[IVXL]+)\)(?:[ \t]?[A-L](?![A-Za-z]))?)"
    r"[ \t]*\.[ \t]*(?P<title>[^\n]*))", re.M)
DISTR_RE = re.compile(rf"Distr\.?\s*:?\s*(?:General|Limited|Restricted|GENERAL|LIMITED|g[ée]n[ée]rale|general|"
                      rf"limit[ée]e|limitada|restreinte|reservada)\s*(?:{DATE})")
#: "Agenda item 122 (s)", "Point 89 de l'ordre du jour", "Tema 89 del programa".
AGENDA_RE = re.compile(r"\b(?:Agenda\s+items?|Points?|Temas?)\s*(?P<items>\d[^\n]*)")
AGENDA_ITEM_RE = re.compile(r"\s*(?:,\s*|\s+(?:and|et|y)\s+|\s*&\s*)?(?:(?P<num>\d{1,3})(?:\s?\(?(?P<sub>[a-z]{1,2})\))?|"
                            r"\(?(?P<only>[a-z]{1,2})\))")
ODS_MARKER_RE = re.compile(r"<<ODS (?P<key>[A-Z0-9 ]+?)>>(?P<value>[^<]*)<<ODS (?P=key)>>")
ODS_JOB_RE = re.compile(r"^[A-Z]?(\d{2})(\d{5})[A-Z]?$")
JOB_LINE_RE = re.compile(r"^[ \t]*(?P<job>\d{2}-\d{5})(?:[ \t]*\([A-Z]\))?(?:[ \t]+\d{6})?[ \t]*$", re.M)
MASTHEAD_RE = re.compile(
    r"United\s*Nations\s*(?P<symbol>(?:A|S|E)\s?/[A-Z0-9/.\- ]*?[0-9](?:\s?\((?:\d{4}|[IVXLC]+)\))?(?:\s?[A-L](?:-[A-L])?)?)"
    rf"\s*(?=(?:{ORGAN_NAME}|Distr|\n|$))")
PART_LABEL_RE = re.compile(r"[ \t]*(?P<label>[A-Z])(?:\d{1,2}|\[\d{1,2}\])?[ \t]*$")
ANNEX_RE = re.compile(r"[ \t]*(?P<head>Annex(?:es)?(?:[ \t]+[IVXL]+|[ \t]+\d+)?)[ \t]*$", re.M)
OP_NUMBER_RE = re.compile(r"[ \t]*(?P<num>\d{1,3})(?:[ \t]?(?P<suffix>bis|ter|quater))?\.(?=[ \t]|$)[ \t]*")
#: "(a)", "(iii)"; French and Spanish print "a)", "iii)".
SUB_LABEL_RE = re.compile(r"[ \t]*(?:\((?P<label>[a-z]{1,3}|[ivxlc]{1,7})\)|(?P<bare>[a-z]{1,2}|[ivxlc]{1,6})\))(?=[ \t])[ \t]*")
FOOTNOTE_LINE_RE = re.compile(r"[ \t]*(?:\[(?P<b>\d{1,3})\]|(?P<n>\d{1,3}))(?:[ \t]+|(?=[A-Z\"“]))(?P<text>\S[^\n]*)$")
STOP_LINE_RE = re.compile(r"(?:\[[A-Za-z]{1,4}\d{1,3}\])?<<ODS|[ \t]*_{5,}[ \t]*$|[ \t]*-{10,}[ \t]*$", re.M)
COMMENT_ANCHOR_RE = re.compile(r"\[[A-Z]{1,4}\d{1,3}\]")
def iso_date(match: re.Match[str]) -> str:
    """ISO 8601 date from a match of ``DATE``."""
    month = MONTH_NUMBER[match.group("month").rstrip(".").lower()[:3] if match.group("month").endswith(".")
                         else match.group("month").lower()]
    return f"{int(match.group('year')):04d}-{month:02d}-{int(match.group('day')):02d}"


def organ_code(name: str) -> str | None:
    """GA/SC/ECOSOC/HRC from an organ's name in English, French or Spanish."""
    import unicodedata

    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    folded = re.sub(r"\s+", " ", folded.replace("’", "'")).strip().lower().replace("l' homme", "l'homme")
    return ORGANS_TEXT.get(folded)
