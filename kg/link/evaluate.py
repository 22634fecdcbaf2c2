"""Measure the linker: precision/recall against hand-checked links, and throughput.

``score`` compares predicted links with expected ones as multisets of
(surface text, QID); expected entities are written as references into the
Wikidata tables (``state:Turkey``, ``organization:African Union``,
``city:Geneva:Switzerland``) so no QID is typed in a fixture.  ``throughput``
times ``link`` over parsed documents (``make bench`` / ``kg bench`` can call it).
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.link.gazetteer import Gazetteer, read_tsv
from kg.model import Mention, Resolution


@dataclass
class Scores:
    true_positives: int = 0
    predicted: int = 0
    expected: int = 0
    expected_org_state: int = 0
    found_org_state: int = 0
    wrong: list[tuple[str, str, str]] = field(default_factory=list)     # (document, text, qid)
    missed: list[tuple[str, str, str]] = field(default_factory=list)    # (document, text, entity)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def recall_org_state(self) -> float:
        return self.found_org_state / self.expected_org_state if self.expected_org_state else 1.0


class EntityRefs:
    """Resolve ``kind:label[:country]`` references with the derived Wikidata tables."""

    def __init__(self, derived_dir: Path):
        self.members = {r["name_en"]: r["qid"] for r in read_tsv(derived_dir / "un_member_states_and_observers.tsv")}
        self.rows = read_tsv(derived_dir / "wikidata_entities.tsv")

    def qid(self, ref: str) -> str:
        kind, _, rest = ref.partition(":")
        if kind == "state":
            return self.members[rest]
        label, _, country = rest.partition(":") if kind == "city" else (rest, "", "")
        found = {r["qid"] for r in self.rows
                 if r["type"] == kind and r["label_en"] == label and (not country or r["country"] == country)}
        if len(found) != 1:
            raise KeyError(f"{ref}: {len(found)} rows in the table")
        return found.pop()


def score_document(name: str, mentions: list[Mention], expected: list[dict], refs: EntityRefs,
                   scores: Scores) -> None:
    predicted = Counter((m.text, m.qid) for m in mentions if m.qid)
    wanted: Counter = Counter()
    kinds: dict[tuple[str, str], str] = {}
    for item in expected:
        key = (item["text"], refs.qid(item["entity"]))
        wanted[key] += item.get("count", 1)
        kinds[key] = item["entity"]
    hits = predicted & wanted
    scores.true_positives += sum(hits.values())
    scores.predicted += sum(predicted.values())
    scores.expected += sum(wanted.values())
    for key, count in wanted.items():
        if kinds[key].split(":")[0] in ("state", "organization"):
            scores.expected_org_state += count
            scores.found_org_state += hits.get(key, 0)
    scores.wrong += [(name, t, q) for (t, q), n in (predicted - wanted).items() for _ in range(n)]
    scores.missed += [(name, t, kinds[(t, q)]) for (t, q), n in (wanted - predicted).items() for _ in range(n)]


def throughput(resolutions: list[Resolution], gazetteer: Gazetteer, repeat: int = 1) -> float:
    """Documents linked per second (parsing excluded; the gazetteer already loaded)."""
    from kg.link.recognize import link

    start = time.perf_counter()
    for _ in range(repeat):
        for resolution in resolutions:
            link(resolution, gazetteer)
    elapsed = time.perf_counter() - start
    return len(resolutions) * repeat / elapsed if elapsed else float("inf")
