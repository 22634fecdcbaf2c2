"""The metadata around a resolution's body: symbol, organ, adoption, origin, agenda, masthead.

Searched in the *frame* of the document (the lines before the first
enacting formula, and everything after the body: meeting trailer, ODS
comment markers, masthead headers), never in the paragraphs themselves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.model import Span
from kg.parse.patterns import (ADOPTION_RE, AGENDA_ITEM_RE, AGENDA_RE, DATE_RE, DATE_ZH, DISTR_RE, JOB_LINE_RE,
                               MASTHEAD_RE, NUMBER_LINE_RE, ODS_JOB_RE, ODS_MARKER_RE, ORGAN_NAME, ORIGIN_OTHER,
                               ORIGIN_RE, iso_date, organ_code)
from kg.symbols import canonical, find_symbols

COMMITTEE_ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth")
#: The Main Committees in French and Spanish ("Troisième Commission", "Tercera Comisión").
_COMMITTEE_FR_ES = {
    "premi": "First", "deuxi": "Second", "troisi": "Third", "quatri": "Fourth", "cinqui": "Fifth", "sixi": "Sixth",
    "primera": "First", "segunda": "Second", "tercera": "Third", "cuarta": "Fourth", "quinta": "Fifth",
    "sexta": "Sixth",
}
_COMMITTEE_FR_ES_RE = re.compile(r"\b(premi|deuxi|troisi|quatri|cinqui|sixi)[èe]me\s+Commission|"
                                 r"\b(primera|segunda|tercera|cuarta|quinta|sexta)\s+Comisi[óo]n", re.I)
#: "on the basis of a proposal considered in plenary meeting": no committee (ECOSOC).
_PLENARY_RE = re.compile(r"\bplenary|pl[ée]ni[èe]re|plenaria|пленарн|جلسة\s+عامة|全体会议|Plenar", re.I)
_NO_COMMITTEE_RE = re.compile(r"without\s+reference|sans\s+renvoi|sin\s+remisi|без\s+передачи|دون\s+الإحالة|未经发交|"
                              r"ohne\s+Überweisung", re.I)
#: The Main Committees in Russian, Arabic, Chinese and German ("Третьего комитета", "اللجنة الثالثة",
#: "第三委员会", "Dritten Ausschusses"), by rank.
_COMMITTEE_OTHER_RE = re.compile(r"(?P<ru>Перв|Втор|Треть|Четверт|Пят|Шест)\w*\s+комитет|"
                                 r"اللجنة\s+(?P<ar>الأولى|الثانية|الثالثة|الرابعة|الخامسة|السادسة)|"
                                 r"第(?P<zh>[一二三四五六])委员会|(?P<de>Erst|Zweit|Dritt|Viert|Fünft|Sechst)en\s+Ausschuss")
_COMMITTEE_RANK = {**{w: i for i, w in enumerate(("перв", "втор", "треть", "четверт", "пят", "шест"))},
                   **{w: i for i, w in enumerate(("الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة"))},
                   **{w: i for i, w in enumerate("一二三四五六")},
                   **{w: i for i, w in enumerate(("erst", "zweit", "dritt", "viert", "fünft", "sechst"))}}
#: An origin line in one of those languages: a committee it does not name in a known form is left out.
_ORIGIN_OTHER_RE = re.compile(rf"(?:{ORIGIN_OTHER})")


#: The line saying who adopted the resolution, in the languages ``ADOPTION_RE`` does not read:
#: "Резолюция, принятая Генеральной Ассамблеей 20 января 2022 года", "принятая Советом Безопасности на
#: его 10089-м заседании 14 января 2026 года", "قرار اتخذته الجمعية العامة في 20 كانون الثاني/يناير 2022",
#: "الذي اتخذه مجلس الأمن في ...", "قرار اعتمده مجلس حقوق الإنسان في ...", "2022年1月20日大会决议", "安全理事会2021年1月29日通过",
#: "Resolution der Generalversammlung, verabschiedet am 20. Januar 2022", "verabschiedet vom
#: Sicherheitsrat am ...".  Its organ, meeting and date are read by the rules below.
_ADOPTION_LINE_RE = re.compile(r"^[^\n]{0,40}?(?:[Пп]рин(?:ята|ятая|яты|ятые)\b|(?:اتخذ|اعتمد)(?:ته|ه|ها)\b|"
                               r"verabschiedet\b)"
                               rf"[^\n]*$|^[^\n]{{0,40}}(?:{ORGAN_NAME})[^\n]{{0,40}}(?:决议|通过)[ \t]*$", re.M)
#: Words of which every line ``_ADOPTION_LINE_RE`` matches holds one: a frame without any is not searched.
_ADOPTION_LINE_WORDS = ("рин", "اتخذ", "اعتمد", "verabschiedet", "决议", "通过")
_ORGAN_IN_LINE_RE = re.compile(ORGAN_NAME)
_DATE_ZH_RE = re.compile(DATE_ZH)
#: The meeting in such a line: "на его 10089-м заседании", "في جلسته 10089", "10089次会议", "auf der 10089. Sitzung".
_MEETING_IN_LINE_RE = re.compile(
    r"(?P<number>\d{1,5})\s?[-‑–]?\s?(?:м|й)\s+(?P<ru>пленарном\s+)?заседании|"
    r"جلست(?:ه|ها)\s+(?P<ar>العامة\s+)?(?P<arnumber>\d{1,5})|"
    r"(?P<zhnumber>\d{1,5})\s?次(?P<zh>全体)?会议|"
    r"(?P<denumber>\d{1,5})\.\s+(?P<de>Plenar)?[Ss]itzung")


def adoption_line(text: str, start: int, end: int
                  ) -> tuple[str | None, str | None, Span | None, int | None, bool, Span | None]:
    """(organ, ISO date, date span, meeting, plenary, meeting span) from the first adoption line in ``text[start:end]``
    in Russian, Arabic, Chinese or German; a line must name an organ to count."""
    frame = text[start:end]
    if not any(word in frame for word in _ADOPTION_LINE_WORDS):
        return None, None, None, None, False, None
    for line in _ADOPTION_LINE_RE.finditer(text, start, end):
        organ = _ORGAN_IN_LINE_RE.search(text, line.start(), line.end())
        if not organ:
            continue
        date, span = None, None
        dm = DATE_RE.search(text, line.start(), line.end())
        zm = _DATE_ZH_RE.search(text, line.start(), line.end()) if not dm else None
        if dm:
            date, span = iso_date(dm), Span(dm.start("day"), dm.end("year"))
        elif zm:
            date = f"{int(zm.group('zyear')):04d}-{int(zm.group('zmonth')):02d}-{int(zm.group('zday')):02d}"
            span = Span(zm.start(), zm.end())
        mm = _MEETING_IN_LINE_RE.search(text, line.start(), line.end())
        group = next((g for g in ("number", "arnumber", "zhnumber", "denumber") if mm.group(g)), None) if mm else None
        meeting = int(mm.group(group)) if mm and group else None
        meeting_span = Span(mm.start(group), mm.end(group)) if mm and group else None
        plenary = bool(mm and (mm.group("ru") or mm.group("ar") or mm.group("zh") or mm.group("de")))
        return organ_code(organ.group(0)), date, span, meeting, plenary, meeting_span
    return None, None, None, None, False, None


@dataclass
class Header:
    organ: str | None = None
    symbol: str | None = None
    number: str | None = None
    title: str | None = None
    adoption_date: str | None = None
    meeting: int | None = None
    meeting_plenary: bool = False
    committee: str | None = None
    origin_reference: bool = False   # an origin line was found
    origin_documents: list[str] = field(default_factory=list)
    agenda_items: list[str] = field(default_factory=list)
    distribution_date: str | None = None
    job_number: str | None = None
    spans: dict[str, Span] = field(default_factory=dict)


def _organ_code(name: str) -> str | None:
    return organ_code(name)


def ods_markers(text: str, meta: dict[str, str]) -> dict[str, tuple[str, Span | None]]:
    """ODS comment markers from the text (with spans) or from the container metadata."""
    found: dict[str, tuple[str, Span | None]] = {}
    for m in ODS_MARKER_RE.finditer(text):
        value = re.sub(r"\s+", "", m.group("value")) if "JOB" in m.group("key") else m.group("value").strip()
        found.setdefault(m.group("key").strip(), (value, Span(m.start("value"), m.end("value"))))
    for key, value in meta.items():
        if key.startswith("ods:"):
            found.setdefault(key[4:], (value, None))
    return found


def job_from_ods(value: str) -> str | None:
    """The job number ("23-06843") from an ODS marker's value or a printed job line, of any duty station."""
    m = ODS_JOB_RE.match(re.sub(r"\s+", "", value))
    return f"{m.group(1)}-{m.group(2)}" if m else None


def parse_origin(inner: str) -> tuple[str | None, list[str]]:
    """``"on the report of the Third Committee (A/65/435 and Add.1"`` -> (committee, documents)."""
    inner = re.sub(r"\s+", " ", inner).strip().rstrip(")]").strip()
    committee: str | None = None
    docs_text = ""
    idx = inner.rfind("(")
    while idx >= 0 and "/" not in inner[idx:]:
        idx = inner.rfind("(", 0, idx)
    if idx >= 0:
        docs_text = inner[idx + 1:]
        head = inner[:idx].strip()
    else:
        head = inner
    other = _COMMITTEE_OTHER_RE.search(head)
    if other:
        rank = next(g for g in other.group("ru", "ar", "zh", "de") if g).lower()
        committee = f"{COMMITTEE_ORDINALS[_COMMITTEE_RANK[rank]]} Committee"
    elif _ORIGIN_OTHER_RE.match(head):
        committee = None
    elif not _NO_COMMITTEE_RE.match(head) and not _PLENARY_RE.search(head):
        m = re.search(r"of\s+the\s+(.+)$|\b(?:de\s+la|du|del|de)\s+((?:[A-ZÉ]|l[’']).+)$", head)
        name = (m.group(1) or m.group(2) if m else head).strip()
        ordinal = re.search(r"\((" + "|".join(COMMITTEE_ORDINALS) + r") Committee\)", name)
        translated = _COMMITTEE_FR_ES_RE.search(name)
        if ordinal:
            name = f"{ordinal.group(1)} Committee"
        elif translated:
            name = f"{_COMMITTEE_FR_ES[(translated.group(1) or translated.group(2)).lower()]} Committee"
        committee = name or None
    return committee, expand_documents(docs_text)


_SUFFIX_RE = re.compile(r"^(Add|Rev|Corr|Amend)\.\s?(\d+)$", re.I)


def expand_documents(text: str) -> list[str]:
    """``"A/65/L.43 and Add.1"`` -> ``["A/65/L.43", "A/65/L.43/Add.1"]``; ``"Add.1 and 2"`` too."""
    docs: list[str] = []
    base: str | None = None
    last_kind: str | None = None
    tokens = re.split(r"\s*(?:,|;|\band\b|\bet\b|\by\b|&|\bи\b|\bund\b|\sو\s|和)\s*", text)
    for token in tokens:
        token = token.strip().rstrip(".")
        if not token:
            continue
        if "/" in token and not _SUFFIX_RE.match(token):
            try:
                sym = canonical(token.split(" ")[0] if re.search(r"\s(?:para|paras|sect|chap)\b", token) else token)
            except ValueError:
                found = find_symbols(token)
                if not found:
                    continue
                sym = found[0][2]
            docs.append(sym)
            base = re.sub(r"/(?:Add|Rev|Corr|Amend)\.\d+$", "", sym)
            suffix = re.search(r"/(Add|Rev|Corr|Amend)\.\d+$", sym)
            last_kind = suffix.group(1) if suffix else None
            continue
        m = _SUFFIX_RE.match(token)
        if m and base:
            kind = m.group(1).capitalize()
            docs.append(f"{base}/{kind}.{m.group(2)}")
            last_kind = kind
            continue
        if token.isdigit() and base and last_kind:
            docs.append(f"{base}/{last_kind}.{token}")
    seen: set[str] = set()
    return [d for d in docs if not (d in seen or seen.add(d))]


def parse_agenda(items: str) -> list[str]:
    """``"122 (s)"`` -> ``["122 (s)"]``; ``"20 (a) and (b), 21 and 22"`` -> four items."""
    out: list[str] = []
    pos = 0
    last_num: str | None = None
    while True:
        m = AGENDA_ITEM_RE.match(items, pos)
        if not m or m.end() == pos:
            break
        if m.group("num"):
            last_num = m.group("num")
            out.append(f"{last_num} ({m.group('sub')})" if m.group("sub") else last_num)
        elif m.group("only") and last_num:
            out.append(f"{last_num} ({m.group('only')})")
        pos = m.end()
        if pos < len(items) and items[pos:pos + 1].isalpha() and not items[pos:].startswith(("and", "&", "et ", "y ")):
            break
    return out


_BARE_SYMBOL_LINE_RE = re.compile(r"^[ \t]*(?P<symbol>(?:A|S|E)/(?:[A-Z0-9.\-]+/)*RES/[A-Z0-9/.\-]+(?: ?\((?:\d{4}|[IVXLC]+)\))?)[ \t]*$", re.M)
_NEXT_LINE_RE = re.compile(r"\s*\n\s*([^\n]{3,300})")
_TITLE_STOP_RE = re.compile(r"[ \t]*(?:The\s|[A-Z][ \t]*$|\[|\d|\()")


def _title_end(text: str, end: int, limit: int) -> int:
    """A title broken over lines (Word line breaks, PDF wrapping) continues on the next lines."""
    for _ in range(3):
        if text[end - 1:end] in (".", ":") or end >= limit:
            return end
        nxt = text.find("\n", end + 1)
        nxt = limit if nxt < 0 or nxt > limit else nxt
        line = text[end + 1:nxt]
        if not line.strip() or _TITLE_STOP_RE.match(line) or len(line) > 200:
            return end
        end = end + 1 + len(line.rstrip())
    return end


def parse_header(text: str, frame: list[tuple[int, int]], meta: dict[str, str]) -> Header:
    """Header fields found in the ``frame`` ranges of ``text`` (before and after the body)."""
    h = Header()

    def search(regex: re.Pattern[str]) -> re.Match[str] | None:
        for s, e in frame:
            m = regex.search(text, s, e)
            if m:
                return m
        return None

    markers = ods_markers(text, meta)
    if "DOC SYMBOL1" in markers and markers["DOC SYMBOL1"][0]:
        value, span = markers["DOC SYMBOL1"]
        try:
            h.symbol = canonical(value)
            if span:
                h.spans["symbol"] = span
        except ValueError:
            pass
    for key in ("JOB NO", "REF JOB NO"):
        if key in markers and job_from_ods(markers[key][0]):
            h.job_number = job_from_ods(markers[key][0])
            if markers[key][1]:
                h.spans["job_number"] = markers[key][1]
            break
    m = search(MASTHEAD_RE)
    if m and not h.symbol:
        try:
            h.symbol = canonical(m.group("symbol"))
            h.spans["symbol"] = Span(m.start("symbol"), m.end("symbol"))
        except ValueError:
            pass
    if not h.symbol:
        # A line holding only the symbol: the masthead opens the text (ODS, PDF) or, from a
        # Word file, comes after the body with the first-page header that carries it.
        m = next(filter(None, (_BARE_SYMBOL_LINE_RE.search(text, s, e)
                               for s, e in [(frame[0][0], min(frame[0][1], 400))] + frame[1:])), None)
        if m:
            try:
                h.symbol = canonical(m.group("symbol"))
                h.spans["symbol"] = Span(m.start("symbol"), m.end("symbol"))
            except ValueError:
                pass
    m = search(ADOPTION_RE)
    if m:
        h.organ = _organ_code(m.group("organ"))
        if m.group("year"):
            h.adoption_date = iso_date(m)
            h.spans["adoption_date"] = Span(m.start("day"), m.end("year"))
        if m.group("meeting"):
            h.meeting = int(m.group("meeting"))
            h.meeting_plenary = bool(m.group("plenary"))
            h.spans["meeting"] = Span(m.start("meeting"), m.end("meeting"))
    else:
        organ, date, span, meeting, plenary, meeting_span = adoption_line(text, *frame[0])
        h.organ, h.adoption_date, h.meeting, h.meeting_plenary = organ, date, meeting, plenary
        if span:
            h.spans["adoption_date"] = span
        if meeting_span:
            h.spans["meeting"] = meeting_span
    m = search(ORIGIN_RE)
    if m:
        h.origin_reference = True
        h.committee, h.origin_documents = parse_origin(m.group("inner"))
        h.spans["origin"] = Span(m.start(), m.end())
    m = search(NUMBER_LINE_RE)
    if m:
        if m.group("scnum"):
            h.number = re.sub(r"\s+", " ", m.group("scnum"))
            h.spans["number"] = Span(m.start("scnum"), m.end("scnum"))
            h.organ = h.organ or "SC"
        else:
            h.number = re.sub(r"\s+", " ", m.group("num")).strip()
            h.spans["number"] = Span(m.start("num"), m.end("num"))
            title = m.group("title").strip()
            if not title:
                title_match = _NEXT_LINE_RE.match(text, m.end(), frame[0][1])
                if title_match and not title_match.group(1).startswith("The "):
                    m = title_match
                    title = m.group(1).strip()
            if title:
                group = "title" if "title" in m.re.groupindex else 1
                start = m.start(group) + (len(m.group(group)) - len(m.group(group).lstrip()))
                end = _title_end(text, start + len(title), frame[0][1])
                h.title = re.sub(r"\s+", " ", text[start:end]).strip()
                h.spans["title"] = Span(start, end)
    m = search(DISTR_RE)
    if m:
        h.distribution_date = iso_date(m)
        h.spans["distribution_date"] = Span(m.start("day"), m.end("year"))
    m = search(AGENDA_RE)
    if m:
        h.agenda_items = parse_agenda(m.group("items"))
        h.spans["agenda_items"] = Span(m.start("items"), m.end("items"))
    if not h.job_number:
        m = search(JOB_LINE_RE)
        if m:
            h.job_number = job_from_ods(m.group("job"))
            h.spans["job_number"] = Span(m.start("job"), m.end("job"))
        elif meta.get("job_number"):
            h.job_number = meta["job_number"]
    return h
