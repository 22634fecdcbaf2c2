"""Loaders for every source of UN metadata in the corpus, each -> ``Expected``.

Sources, most authoritative first (see ``corpus/PROVENANCE.md``):

1. ``unxml-*/data_extract/*.json``: the UN's own metadata (DGACM), one JSON
   object per line.  HRC and ECOSOC files wrap every line in stray double
   quotes and end with a lone ``"`` line; some records are duplicated (the
   later copy may have emptied fields): duplicates are merged field by field.
2. ``ods-word/INDEX.tsv``: adoption line, origin line and meeting lines as
   printed in each ODS Word file, plus the ODS comment (symbol, job number).
3. ``sc-meetings-tables-intreleng/html/scact<year>_table_en.html``: the
   Dag Hammarskjöld Library's Security Council meeting tables: meeting,
   date and vote of every SC resolution 1946-2022 (the only ground truth for
   SC resolutions before 2000).
4. ``pdf-extract-ga80-railcar/*/*``: YAML front matter: symbol and the
   *distribution* date (not the adoption date); its ``title`` is the Digital
   Library's catalogue title ("... during the 80th session :"), not the
   printed title, so it is kept only as ``catalogue_title``.

Each loader is an I/O edge that reads its files and hands plain values to the
pure normalisers of :mod:`kg.parse.groundtruth_model`.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from kg.parse.groundtruth_model import (
    WITHOUT_COMMITTEE, Expected, VoteCounts, canonical_or_none, normalise_committee, normalise_job_number,
    parse_agenda_items, parse_date, parse_meeting, parse_origin_documents,
)

ORGAN_FOLDERS = {"GA": "unxml-ga", "SC": "unxml-sc", "HRC": "unxml-hrc", "ECOSOC": "unxml-ecosoc"}


# ------------------------------------------------------------------ data_extract

@dataclass
class RawRecord:
    """One line of a ``data_extract`` file, as read."""

    organ: str
    source: str          # "unxml-ga/data_extract/80.json:12"
    data: dict


def read_json_lines(path: Path) -> Iterator[tuple[int, dict]]:
    """The objects of a JSON Lines file, tolerating the HRC/ECOSOC stray quotes.

    A line ``"{...}"`` is unwrapped (the inner quotes are not escaped, so the
    line is not a JSON string: the outer quotes are simply stripped); a lone
    ``"`` line and blank lines are skipped.  A line that still does not parse
    raises ``ValueError`` naming the file and line.
    """
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            text = line.strip()
            if text.startswith('"{'):
                text = text[1:]
            if text.endswith('}"'):
                text = text[:-1]
            if not text or text == '"':
                continue
            try:
                yield number, json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not a JSON object ({exc.msg})") from None


def load_data_extract(corpus: Path, organs: tuple[str, ...] = tuple(ORGAN_FOLDERS)) -> list[RawRecord]:
    """Every record of every ``data_extract`` file, in file order (duplicates kept)."""
    records: list[RawRecord] = []
    for organ in organs:
        folder = corpus / ORGAN_FOLDERS[organ] / "data_extract"
        for path in sorted(folder.glob("*.json")):
            rel = path.relative_to(corpus).as_posix()
            for number, data in read_json_lines(path):
                records.append(RawRecord(organ, f"{rel}:{number}", data))
    return records


def _int(text) -> int | None:
    try:
        return int(str(text).strip())
    except (TypeError, ValueError):
        return None


def _votes(organ: str, data: dict) -> VoteCounts | None:
    """GA/HRC/ECOSOC: a vote only when ``voting_type``/``adoption_type`` says
    "recorded vote"; SC: counts are always given (unanimous = 15-0-0); the
    ``sc_*_count`` fields of 21 SC records ("014") back up empty ``MS_*``."""
    kind = f"{data.get('voting_type', '')} {data.get('adoption_type', '')} {data.get('outcome', '')}".lower()
    yes = _int(data.get("MS_in_favour_count")) or _int(data.get("sc_in_favour_count"))
    no = _int(data.get("MS_against_count")) or _int(data.get("sc_against_count")) or 0
    abstain = _int(data.get("MS_abstaining_count")) or _int(data.get("sc_abstaining_count")) or 0
    if organ == "SC":
        # "Adopted 13-0-2, 10089th meeting" is the most explicit; the count
        # fields are sometimes left empty ("" for S/RES/2812 (2026) against/abstaining).
        m = re.search(r"(\d+)-(\d+)-(\d+)", kind)
        if m:
            yes, no, abstain = (int(g) for g in m.groups())
        if yes is None:
            return None
        return VoteCounts(False, yes, no, abstain)
    if "withoutvote" in kind.replace(" ", "") or "without a vote" in kind:
        return VoteCounts(True)
    if "recorded" in kind:
        return VoteCounts(False, yes, no, abstain)
    return None


def expected_from_data_extract(record: RawRecord) -> Expected | None:
    """One ``data_extract`` record -> ``Expected`` (None if its symbol does not parse).

    Title: GA/HRC/ECOSOC ``title``; the SC ``resolution_title`` is the
    library's descriptive title ("Security Council resolution 1908 (2010) [on
    ...]"), not printed in the resolution, so SC titles are not asserted.
    Committee: GA and ECOSOC only (HRC and SC have no committees).  Origin:
    ``originating_document`` (GA, ECOSOC) or ``draft_resolution`` (SC, HRC).
    """
    data, organ = record.data, record.organ
    symbol = canonical_or_none(data.get("symbol"))
    if not symbol:
        return None
    quirks: list[str] = []
    origin_text = data.get("originating_document") or data.get("draft_resolution")
    origins, amendments = parse_origin_documents(origin_text, quirks)
    exp = Expected(symbol=symbol, organ=organ)
    exp.adoption_date = parse_date(data.get("adoption_date"))
    exp.meeting = parse_meeting(data.get("adoption_meeting")) or parse_meeting(data.get("pv") or data.get("outcome_letter"))
    no_meeting = "mail" in (data.get("adoption_meeting") or "").lower()
    if organ in ("GA", "ECOSOC"):
        exp.committee = normalise_committee(data.get("committee"))
        if data.get("committee", "").startswith("#"):
            quirks.append(f"committee spelled {data['committee']!r}")
    exp.origin_documents = origins or None
    exp.origin_optional = amendments
    exp.agenda_items = parse_agenda_items(data.get("agenda_item")) or None
    if organ != "SC":
        exp.title = _printed_title(data.get("title"), quirks)
    exp.votes = _votes(organ, data)
    exp.sources = {name: f"data_extract:{record.source}" for name in _known(exp)}
    if no_meeting:
        # Voting by mail (2020-2021): there was no adoption meeting; the meeting
        # tables list the meeting that announced the result, which must not fill in.
        exp.sources["meeting"] = f"data_extract:{record.source} (voting by mail: no meeting)"
    exp.quirks = quirks
    return exp


def _printed_title(title: str | None, quirks: list[str]) -> str | None:
    """The title as printed.  One GA record (ES-10/24) has its title's
    footnote text appended after a run of tabs ("...Territory\t \tAll
    references to ..."): the footnote is cut off and the repair reported."""
    title = (title or "").strip()
    m = re.search(r"\t\s*\t", title)
    if m:
        quirks.append(f"title carries its footnote text after tabs: {title[m.end():][:60]!r}... (cut)")
        title = title[:m.start()].strip()
    return title or None


def _known(exp: Expected) -> list[str]:
    names = ["symbol", "organ", "adoption_date", "meeting", "committee", "origin_documents", "agenda_items",
             "title", "distribution_date", "job_number", "votes"]
    return [n for n in names if getattr(exp, n) is not None]


# --------------------------------------------------------------- ods-word INDEX

@dataclass
class IndexRow:
    file: str
    symbol: str | None
    job_number: str | None
    adoption_line: str
    committee_line: str
    meeting_lines: str
    properties: dict


def load_ods_index(corpus: Path) -> list[IndexRow]:
    """The rows of ``ods-word/INDEX.tsv`` (symbol from the ODS comment, else the Symbol1 property)."""
    path = corpus / "ods-word" / "INDEX.tsv"
    if not path.is_file():
        return []
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            rows.append(IndexRow(
                file=row["file"],
                symbol=canonical_or_none(row.get("comment_ODS_DOC_SYMBOL1")) or canonical_or_none(row.get("docprop_Symbol1")),
                job_number=normalise_job_number(row.get("comment_ODS_JOB_NO") or row.get("docprop_ODSRefJobNo")),
                adoption_line=row.get("adoption_line") or "",
                committee_line=row.get("committee_line") or "",
                meeting_lines=row.get("meeting_lines") or "",
                properties=row,
            ))
    return rows


def complete_origin_line(corpus: Path, row: IndexRow) -> tuple[str, str | None]:
    """INDEX.tsv cuts an origin line at its first line break ("[on the
    recommendation of the Eleventh United Nations Conference on the").  The
    whole line is read back from the LibreOffice text export of the same
    file (the same document, body only).  Returns (line, quirk or None)."""
    line = row.committee_line.strip()
    if not line or "]" in line or re.search(r"\([A-Z]/[^)]*\)\s*$", line):
        return line, None
    original = Path(row.file)
    text_path = corpus / "ods-word" / original.parent.parent / "text-libreoffice" / (original.stem + ".txt")
    if not text_path.is_file():
        return line, f"origin line truncated in INDEX.tsv: {line!r}"
    text = re.sub(r"\s+", " ", text_path.read_text(encoding="utf-8-sig", errors="replace").replace("\u00a0", " "))
    start = text.find(re.sub(r"\s+", " ", line))
    end = text.find("]", start)
    if start < 0 or end < 0 or end - start > 400:
        return line, f"origin line truncated in INDEX.tsv: {line!r}"
    return text[start:end + 1], f"origin line truncated in INDEX.tsv, completed from {text_path.name}"


_ORIGIN_LINE_RE = re.compile(
    r"\[\s*(?:on the (?:report|recommendation)s? of (?:the )?(?P<body>.*?)|(?P<none>without reference to a Main Committee))"
    r"\s*(?:\((?P<docs>[^()]*(?:\([^()]*\)[^()]*)*)\))?\s*\]?\s*$", re.I | re.S)


def parse_origin_line(line: str) -> tuple[str | None, tuple[str, ...] | None]:
    """``"[on the report of the Fifth Committee (A/72/519)]"`` -> (``"Fifth Committee"``, ``("A/72/519",)``)."""
    line = re.sub(r"\s+", " ", line.replace("\u00a0", " ")).strip()
    m = _ORIGIN_LINE_RE.match(line)
    if not m:
        return None, None
    committee = WITHOUT_COMMITTEE if m.group("none") else normalise_committee(m.group("body"))
    docs = parse_origin_documents(m.group("docs"))[0] if m.group("docs") else None
    return committee, docs or None


def expected_from_index_row(corpus: Path, row: IndexRow) -> Expected | None:
    """One INDEX.tsv row -> ``Expected``.

    Adoption date from the adoption line (``"... Council on2 July 2018"``
    included), meeting from the meeting lines (``"24th plenary meeting / 27
    September 2017"``; multi-part files repeat it: asserted only when all
    agree), committee and origin from the origin line.  An ECOSOC file without
    an origin line was adopted on a draft of the Council itself: committee =
    WITHOUT_COMMITTEE, origin documents not asserted (the text does not print
    them).  The job number and dates of the Word header are a template left
    over from other documents, so they are not used.
    """
    if not row.symbol:
        return None
    organ = {"A": "GA", "E": "ECOSOC", "S": "SC"}.get(row.symbol.split("/")[0])
    if row.symbol.startswith("A/HRC/"):
        organ = "HRC"
    exp = Expected(symbol=row.symbol, organ=organ)
    exp.adoption_date = parse_date(row.adoption_line)
    if re.search(r"\bon\d", row.adoption_line):
        exp.quirks.append("adoption line lacks the space after 'on'")
    meetings = {parse_meeting(part) for part in re.split(r"\s*[|;]\s*", row.meeting_lines) if part.strip()}
    meetings.discard(None)
    if len(meetings) == 1:
        exp.meeting = meetings.pop()
    line, quirk = complete_origin_line(corpus, row)
    if quirk:
        exp.quirks.append(quirk)
    if line:
        committee, docs = parse_origin_line(line)
        exp.committee, exp.origin_documents = committee, docs
    elif organ == "ECOSOC":
        exp.committee = WITHOUT_COMMITTEE
    exp.job_number = row.job_number
    props = row.properties
    if props.get("docprop_ODSRefJobNo") and props.get("comment_ODS_JOB_NO") and \
            normalise_job_number(props["docprop_ODSRefJobNo"]) != normalise_job_number(props["comment_ODS_JOB_NO"]):
        exp.quirks.append(f"job number property {props['docprop_ODSRefJobNo']} differs from the ODS comment "
                          f"{props['comment_ODS_JOB_NO']} (the comment is used)")
    exp.sources = {name: f"INDEX.tsv:{row.file}" for name in _known(exp)}
    return exp


# -------------------------------------------------------- railcar front matter

@dataclass
class FrontMatter:
    path: str
    symbol: str | None
    distribution_date: str | None
    catalogue_title: str | None


def read_front_matter(text: str) -> dict:
    """The YAML block between the leading ``---`` lines of a text, or ``{}``."""
    m = re.match(r"\ufeff?---\s*\n(.*?)\n---\s*\n", text, re.S)
    if not m:
        return {}
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def load_railcar(corpus: Path) -> list[FrontMatter]:
    """Front matter of every railcar extract (``md/`` and ``txt-early/``)."""
    out = []
    for path in sorted((corpus / "pdf-extract-ga80-railcar").glob("*/*")):
        if path.suffix not in (".md", ".txt"):
            continue
        meta = read_front_matter(path.read_text(encoding="utf-8", errors="replace")[:4000])
        out.append(FrontMatter(path.relative_to(corpus).as_posix(), canonical_or_none(str(meta.get("symbol") or "")),
                               parse_date(str(meta.get("date") or "")), meta.get("title")))
    return out


def expected_from_front_matter(front: FrontMatter) -> Expected | None:
    if not front.symbol:
        return None
    exp = Expected(symbol=front.symbol, organ="GA" if front.symbol.startswith("A/RES/") else None,
                   distribution_date=front.distribution_date)
    exp.sources = {name: f"railcar:{front.path}" for name in _known(exp)}
    return exp


# ------------------------------------------------------ SC meetings tables

_SC_RES_RE = re.compile(r"S/RES/\s*(\d+)\s*\((\d{4})\)")
_SC_VOTE_RE = re.compile(r"^\s*(\d+)-(\d+)-(\d+)")


def load_sc_tables(corpus: Path) -> list[Expected]:
    """Meeting, date and vote of each SC resolution from the library's yearly tables.

    The tables are hand-written HTML (unclosed and misnested tags, rowspans
    for meetings with several outcomes), so each row is read loosely with
    ``lxml.html``: a row that names a meeting record ``S/PV.n`` and a date
    ``"07 July"`` sets the current meeting (rows under a rowspan inherit it);
    every ``S/RES/n (yyyy)`` link in the row is a resolution adopted there,
    and the ``n-n-n`` after it its vote ("adopted unanimously": not counted).
    The year comes from the file name.
    """
    from lxml import html

    out: dict[str, Expected] = {}
    for path in sorted((corpus / "sc-meetings-tables-intreleng" / "html").glob("scact*_table_en.html")):
        m = re.search(r"scact(\d{4})", path.name)
        if not m:
            continue
        year = m.group(1)
        rel = path.relative_to(corpus).as_posix()
        tree = html.fromstring(path.read_bytes())
        meeting: int | None = None
        day: str | None = None
        for row in tree.iter("tr"):
            text = row.text_content()
            pv = re.search(r"S/PV\.(\d+)", text)
            if not pv and len(row.xpath("./td|./th")) >= 4:
                meeting = day = None      # a full row without a meeting record (2020-2021 written procedure)
            if pv:
                meeting = int(pv.group(1))
                dm = re.search(r"\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|"
                               r"October|November|December)\b", text)
                day = f"{dm.group(1)} {dm.group(2)} {year}" if dm else None
            for link in row.iter("a"):
                rm = _SC_RES_RE.search(link.text_content() or "")
                if not rm:
                    continue
                symbol = canonical_or_none(f"S/RES/{rm.group(1)} ({rm.group(2)})")
                if not symbol or symbol in out:
                    continue
                label = link.text_content()
                after = text[text.find(label) + len(label):].replace("\n", " ").strip()
                vote = _SC_VOTE_RE.search(after)
                exp = Expected(symbol=symbol, organ="SC", adoption_date=parse_date(day), meeting=meeting)
                if vote:
                    exp.votes = VoteCounts(False, *(int(g) for g in vote.groups()))
                exp.sources = {name: f"sc-tables:{rel}" for name in _known(exp)}
                out[symbol] = exp
    return list(out.values())
