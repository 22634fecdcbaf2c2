"""Shared helpers for the link tests: where the data is, expected QIDs from the tables."""
from __future__ import annotations

import csv
import os
from functools import lru_cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED") or REPO.parent / "shared")
DERIVED = SHARED / "wikidata" / "derived"
CORPUS = SHARED / "corpus"
SEED = CORPUS / "seed" / "A_RES_65_140.txt"

needs_shared = pytest.mark.skipif(not DERIVED.is_dir() or not CORPUS.is_dir(),
                                  reason="shared corpus / wikidata tables not available")


@lru_cache(maxsize=None)
def _rows(name: str) -> tuple[dict[str, str], ...]:
    with (DERIVED / name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def table_qid(label: str, kind: str, country: str | None = None) -> str:
    """The QID the shared table gives for an English label (and type, and city's country)."""
    found = {r["qid"] for r in _rows("wikidata_entities.tsv")
             if r["label_en"] == label and r["type"] == kind and (country is None or r["country"] == country)}
    assert len(found) == 1, f"{label!r} ({kind}) is not one row of the table: {found}"
    return found.pop()


def member_qid(name: str) -> str:
    """QID of a member or observer State by its ``name_en`` in the membership table."""
    found = {r["qid"] for r in _rows("un_member_states_and_observers.tsv") if r["name_en"] == name}
    assert len(found) == 1, name
    return found.pop()


def member_qids(statuses: tuple[str, ...] = ("member",)) -> set[str]:
    return {r["qid"] for r in _rows("un_member_states_and_observers.tsv") if r["un_status"] in statuses}


def seed_resolution():
    """The seed as the project's parser reads it."""
    from kg.parse import parse_path

    return parse_path(str(SEED))
