"""The UN's own metadata for its AKN files (``data_extract/*.json``), as comparable values.

The files are JSON Lines, except that the HRC and ECOSOC ones wrap every line in
stray double quotes and end with a lone ``"`` line (PROVENANCE.md §3-4).  Dates
come as "14\u00a0November 2025" or "2019-10-10 00:00:00"; committees as
"Without reference to a Main Committee", "Plenary meeting" or "#fifthCommittee".
``expected(record)`` turns one record into the values the AKN reader must give.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kg import symbols
from kg.read.akn_meta import find_symbols

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_NO_COMMITTEE = {"", "without reference to a main committee", "plenary meeting"}


def parse_lines(text: str) -> list[dict]:
    """Records of one data_extract file; stray wrapping quotes are dropped."""
    records = []
    for line in text.splitlines():
        line = line.strip()
        if line in ("", '"'):
            continue
        if line.startswith('"{'):
            line = line[1:]
        if line.endswith('}"'):
            line = line[:-1]
        records.append(json.loads(line))
    return records


def load(folders: list[Path]) -> dict[str, dict]:
    """Every record under ``<folder>/data_extract/*.json``, keyed by canonical symbol."""
    out: dict[str, dict] = {}
    for folder in folders:
        for path in sorted(folder.glob("data_extract/*.json")):
            for record in parse_lines(path.read_text(encoding="utf-8")):
                out[symbols.canonical(record["symbol"])] = record
    return out


def iso_date(value: str | None) -> str | None:
    value = " ".join((value or "").replace("\u00a0", " ").split())
    if not value:
        return None
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?: 00:00:00)?", value)
    if m:
        return m.group(1)
    m = re.fullmatch(r"(\d{1,2}) ?([A-Za-z]+),? (\d{4})", value)
    if m and m.group(2).lower() in _MONTHS:
        return datetime(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1))).date().isoformat()
    return None


@dataclass
class Expected:
    """What data_extract says, in the reader's terms."""

    symbol: str
    adoption_date: str | None
    meeting: int | None
    committee: str | None
    origin_documents: list[str]
    agenda_items: list[str]
    title: str | None
    adoption_type: str
    yes: int
    no: int
    abstain: int
    votes: dict[str, list[str]] = field(default_factory=dict)


def committee(value: str | None) -> str | None:
    value = (value or "").strip()
    if value.lower() in _NO_COMMITTEE:
        return None
    if value.startswith("#"):
        name = re.sub(r"([A-Z])", r" \1", value[1:]).strip()
        return name[0].upper() + name[1:]
    return value


def meeting(value: str | None) -> int | None:
    m = re.search(r"(\d+)", value or "")
    return int(m.group(1)) if m else None


def agenda_items(value: str | None) -> list[str]:
    return [m.group(1) + (f" ({m.group(2)})" if m.group(2) else "")
            for m in re.finditer(r"(\d+)(?:\s*\(([a-z])\))?", value or "")]


def count(value: str | int | None) -> int:
    """"146" -> 146; "N.A." and "" (no vote taken) -> 0."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() else 0


def expected(record: dict) -> Expected:
    origin = record.get("originating_document") or record.get("draft_resolution") or ""
    origin_symbols = [s for _a, _b, s in find_symbols(origin)]
    return Expected(
        symbol=symbols.canonical(record["symbol"]),
        adoption_date=iso_date(record.get("adoption_date")),
        meeting=meeting(record.get("adoption_meeting")),
        committee=committee(record.get("committee")),
        origin_documents=origin_symbols,
        agenda_items=agenda_items(record.get("agenda_item")),
        title=(record.get("title") or record.get("resolution_title") or "").strip() or None,
        adoption_type=(record.get("adoption_type") or "").strip(),
        yes=count(record.get("MS_in_favour_count")),
        no=count(record.get("MS_against_count")),
        abstain=count(record.get("MS_abstaining_count")),
        votes={"yes": list(record.get("MS_in_favour") or []), "no": list(record.get("MS_against") or []),
               "abstain": list(record.get("MS_abstaining") or [])},
    )
