"""Reference tables the mapping needs: States by name or QID, organ QIDs.

Read once from the shipped tables in ``kg/data`` (taken from ``../shared/wikidata``;
no QID is typed here).  Names are folded (accents, case, punctuation) so that
"TÜRKİYE", "Türkiye" and "Turkiye" find the same State.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

ORGAN_LABELS = {
    "GA": "United Nations General Assembly",
    "SC": "United Nations Security Council",
    "ECOSOC": "United Nations Economic and Social Council",
    "HRC": "United Nations Human Rights Council",
}


@dataclass(frozen=True)
class State:
    iso3: str
    name: str
    qid: str | None
    status: str  # member | observer | non-member


def fold_name(name: str) -> str:
    """``"TÜRKİYE"`` -> ``"turkiye"``; ``"Iran (Islamic Republic of)"`` -> ``"iran islamic republic of"``."""
    name = name.replace("İ", "I").replace("ı", "i")
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    name = re.sub(r"^the\s+", "", name.strip())
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


def _rows(name: str) -> list[dict[str, str]]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(frozen=True)
class StateTable:
    by_iso3: dict[str, State]
    by_qid: dict[str, State]
    by_name: dict[str, State]

    def find(self, name: str | None = None, qid: str | None = None) -> State | None:
        """The State with this QID, or else this name (UN short or formal name, any case)."""
        state = self.by_qid.get(qid) if qid else None
        if state is None and name:
            state = self.by_name.get(fold_name(name))
        return self.by_iso3.get(state.iso3, state) if state else None


@lru_cache(maxsize=1)
def state_table() -> StateTable:
    by_iso3: dict[str, State] = {}
    by_qid: dict[str, State] = {}
    by_name: dict[str, State] = {}
    for row in _rows("wikidata_un_members.tsv"):
        iso3 = (row.get("iso_a3") or "").strip().upper()
        if not iso3:
            continue
        state = State(iso3, row["name_en"], row.get("qid") or None, row.get("un_status") or "member")
        by_iso3[iso3] = state
        if state.qid:
            by_qid[state.qid] = state
        by_name.setdefault(fold_name(state.name), state)
    for row in _rows("link_un_names.tsv"):
        state = by_iso3.get((row.get("iso3") or "").upper())
        if state and row.get("kind") == "un-short" and row.get("name"):
            state = State(state.iso3, row["name"], state.qid, state.status)  # the name the UN prints
            by_iso3[state.iso3] = state
            if state.qid:
                by_qid[state.qid] = state
        if state and row.get("name"):
            by_name.setdefault(fold_name(row["name"]), state)
    for row in _rows("wikidata_places.tsv"):
        state = by_iso3.get((row.get("iso_a3") or "").upper())
        if state and row.get("type") == "country":
            for alias in [row.get("label_en", ""), *(row.get("aliases") or "").split("|")]:
                if alias and alias.isascii() and len(alias) > 3:
                    by_name.setdefault(fold_name(alias), state)
    return StateTable(by_iso3, by_qid, by_name)


@lru_cache(maxsize=1)
def organ_qids() -> dict[str, str]:
    """``{"GA": "Q…", ...}`` from the shipped organization table (matched by English label)."""
    by_label = {row["label_en"]: row["qid"] for row in _rows("wikidata_organizations.tsv") if row.get("qid")}
    return {organ: by_label[label] for organ, label in ORGAN_LABELS.items() if label in by_label}
