"""Precision and recall on 32 hand-checked resolutions of the corpus, and linking throughput."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from link_support import CORPUS, DERIVED, needs_shared

pytestmark = needs_shared
FIXTURE = Path(__file__).parent / "fixtures" / "link_sample.json"


@pytest.fixture(scope="module")
def sample():
    from kg.parse import parse_path

    documents = json.loads(FIXTURE.read_text(encoding="utf-8"))["documents"]
    return [(doc, parse_path(str(CORPUS / doc["path"]))) for doc in documents]


@pytest.fixture(scope="module")
def scores(sample):
    from kg.link import link, load_gazetteer
    from kg.link.evaluate import EntityRefs, Scores, score_document

    gazetteer, refs, result = load_gazetteer(), EntityRefs(DERIVED), Scores()
    for doc, resolution in sample:
        score_document(doc["path"], link(resolution, gazetteer), doc["expected"], refs, result)
    print(f"\nlink sample: precision {result.precision:.3f} ({result.true_positives}/{result.predicted}), "
          f"recall {result.recall:.3f}, org/state recall {result.recall_org_state:.3f} "
          f"({result.found_org_state}/{result.expected_org_state}); wrong {result.wrong}; missed {result.missed}")
    return result


def test_sample_is_spread_over_organs_and_years(sample):
    organs = {resolution.organ for _, resolution in sample}
    assert len(sample) >= 30 and organs == {"GA", "SC", "HRC", "ECOSOC"}
    assert len({resolution.symbol for _, resolution in sample}) == len(sample)


def test_precision_of_links_at_least_98_percent(scores):
    assert scores.predicted > 300
    assert scores.precision >= 0.98, scores.wrong


def test_recall_of_organizations_and_states_at_least_95_percent(scores):
    assert scores.expected_org_state > 250
    assert scores.recall_org_state >= 0.95, scores.missed


def test_throughput_is_measured(sample):
    from kg.link import load_gazetteer
    from kg.link.evaluate import throughput

    rate = throughput([resolution for _, resolution in sample], load_gazetteer())
    print(f"\nlinking throughput: {rate:.1f} documents/s")
    assert rate > 5
