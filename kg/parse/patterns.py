"""Regular expressions shared by the text parser (compiled once, at import)."""
from __future__ import annotations

import re

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
MONTH_NUMBER.update({m[:3].lower(): i for i, m in enumerate(MONTHS, 1)})
_MONTH_ALT = "|".join(MONTHS) + r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
# "16 December 2010", "on2 July 2018" (glued), "2011Sixty-fifth" (glued after).
DATE = rf"(?P<day>\d{{1,2}})\s*(?P<month>{_MONTH_ALT})\s*,?\s*(?P<year>1[89]\d\d|2[01]\d\d)(?!\d)"
DATE_RE = re.compile(DATE)
DATE_PLAIN = rf"\d{{1,2}}\s*(?:{_MONTH_ALT})\s*,?\s*(?:1[89]\d\d|2[01]\d\d)(?!\d)"
ORGANS_TEXT = {
    "general assembly": "GA", "security council": "SC", "economic and social council": "ECOSOC",
    "human rights council": "HRC",
}
ORGAN_NAME = r"General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council|Human\s+Rights\s+Council"
ADOPTION_RE = re.compile(
    rf"(?:Resolutions?\s+)?[Aa]dopted\s+by\s+the\s+(?P<organ>{ORGAN_NAME})"
    r"(?:\s+at\s+its\s+(?P<meeting>\d+)\s*(?:st|nd|rd|th|d)?\s+(?P<plenary>plenary\s+)?meeting)?"
    rf"\s*,?\s*(?:on\s*(?:{DATE})|(?={DATE_PLAIN}))?")
ORIGIN_RE = re.compile(
    r"\[\s*(?P<inner>(?:without\s+reference\s+to\s+a\s+Main\s+Committee|on\s+the\s+(?:report|recommendation|proposal)s?\s+of\s+the|"
    r"on\s+the\s+basis\s+of)(?:[^\[\]\n]|\n(?=[^\n\[\]]{1,200}\]))*)\s*(?:\]|$)", re.M)
ENACTING_RE = re.compile(
    rf"[ \t]*(?P<formula>(?:The|THE)\s+(?P<organ>{ORGAN_NAME}|Assembly|Council|Securit\S*\s*\S*cil)\s*(?:,|\.|;)?)[ \t]*$", re.M)
MEETING_RE = re.compile(
    r"[ \t]*(?P<number>\d{1,5})\s*(?:st|nd|rd|th|d|e)\.?\s+(?P<plenary>plenary\s+)?meeting\b[ \t,.]*"
    rf"(?:\n?[ \t]*(?:{DATE})\.?)?[ \t]*$", re.M)
AT_MEETING_RE = re.compile(r"\bat\s+its\s+(?P<number>\d{1,5})\s*(?:st|nd|rd|th|d)\s+(?P<plenary>plenary\s+)?meeting")
NUMBER_LINE_RE = re.compile(
    r"^[ \t]*(?:(?P<sc>RESOLUTION|Resolution)\s+(?P<scnum>\d{1,5}\s?\(\d{4}\))[ \t]*$|"
    r"(?P<num>(?:(?:ES|S)-\d{1,2}|\d{1,4})/\d{1,4}(?:[ \t]?[A-L](?:[ \t]?(?:-|and|to)[ \t]?[A-L])?(?![A-Za-z]))?|"
    r"\d{1,4}[ \t]?\((?:[IVXL]{1,6}|\d{4}|ES-[IVXL]+|S-[IVXL]+)\)(?:[ \t]?[A-L](?![A-Za-z]))?)"
    r"[ \t]*\.[ \t]*(?P<title>[^\n]*))", re.M)
DISTR_RE = re.compile(rf"Distr\.?\s*:?\s*(?:General|Limited|Restricted|GENERAL|LIMITED)\s*(?:{DATE})")
AGENDA_RE = re.compile(r"\bAgenda\s+items?\s*(?P<items>\d[^\n]*)")
AGENDA_ITEM_RE = re.compile(r"\s*(?:,\s*|\s+and\s+|\s*&\s*)?(?:(?P<num>\d{1,3})(?:\s?\((?P<sub>[a-z]{1,2})\))?|\((?P<only>[a-z]{1,2})\))")
ODS_MARKER_RE = re.compile(r"<<ODS (?P<key>[A-Z0-9 ]+?)>>(?P<value>[^<]*)<<ODS (?P=key)>>")
ODS_JOB_RE = re.compile(r"^[A-Z]?(\d{2})(\d{5})[A-Z]?$")
JOB_LINE_RE = re.compile(r"^[ \t]*(?P<job>\d{2}-\d{5})(?:[ \t]*\([A-Z]\))?(?:[ \t]+\d{6})?[ \t]*$", re.M)
MASTHEAD_RE = re.compile(
    r"United\s*Nations\s*(?P<symbol>(?:A|S|E)\s?/[A-Z0-9/.\- ]*?[0-9](?:\s?\((?:\d{4}|[IVXLC]+)\))?(?:\s?[A-L](?:-[A-L])?)?)"
    rf"\s*(?=(?:{ORGAN_NAME}|Distr|\n|$))")
PART_LABEL_RE = re.compile(r"[ \t]*(?P<label>[A-Z])(?:\d{1,2}|\[\d{1,2}\])?[ \t]*$")
ANNEX_RE = re.compile(r"[ \t]*(?P<head>Annex(?:es)?(?:[ \t]+[IVXL]+|[ \t]+\d+)?)[ \t]*$", re.M)
OP_NUMBER_RE = re.compile(r"[ \t]*(?P<num>\d{1,3})(?:[ \t]?(?P<suffix>bis|ter|quater))?\.(?=[ \t]|$)[ \t]*")
SUB_LABEL_RE = re.compile(r"[ \t]*\((?P<label>[a-z]{1,3}|[ivxlc]{1,7})\)[ \t]*")
FOOTNOTE_LINE_RE = re.compile(r"[ \t]*(?:\[(?P<b>\d{1,3})\]|(?P<n>\d{1,3}))(?:[ \t]+|(?=[A-Z\"“]))(?P<text>\S[^\n]*)$")
STOP_LINE_RE = re.compile(r"(?:\[[A-Za-z]{1,4}\d{1,3}\])?<<ODS|[ \t]*_{5,}[ \t]*$|[ \t]*-{10,}[ \t]*$", re.M)
COMMENT_ANCHOR_RE = re.compile(r"\[[A-Z]{1,4}\d{1,3}\]")
ORDINAL_SESSION = {
    w: i for i, w in enumerate((
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
        "eighteenth", "nineteenth"), 1)
}


def iso_date(match: re.Match[str]) -> str:
    """ISO 8601 date from a match of ``DATE``."""
    month = MONTH_NUMBER[match.group("month").rstrip(".").lower()[:3] if match.group("month").endswith(".")
                         else match.group("month").lower()]
    return f"{int(match.group('year')):04d}-{month:02d}-{int(match.group('day')):02d}"
