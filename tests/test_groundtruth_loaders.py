"""The ground-truth loaders on the real UN metadata of the shared corpus."""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from kg.parse.groundtruth import WITHOUT_COMMITTEE, load_ground_truth
from kg.parse.groundtruth_sources import (
    expected_from_data_extract, load_data_extract, load_ods_index, load_railcar, load_sc_tables, read_json_lines,
)

SHARED = Path(os.environ.get("KG_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")


@pytest.fixture(scope="module")
def records():
    return load_data_extract(CORPUS)


@pytest.fixture(scope="module")
def truth():
    return load_ground_truth(CORPUS)


def test_data_extract_record_counts_match_provenance(records):
    counts = Counter(r.organ for r in records)
    assert counts == {"GA": 2232, "SC": 1541, "HRC": 190, "ECOSOC": 56}


def test_stray_quotes_of_hrc_lines_are_stripped():
    path = CORPUS / "unxml-hrc" / "data_extract" / "57session.json"
    raw_lines = path.read_text(encoding="utf-8").splitlines()
    assert raw_lines[1].startswith('"{') and raw_lines[-1] == '"'
    parsed = list(read_json_lines(path))
    assert len(parsed) == len(raw_lines) - 1
    assert all(data["symbol"].startswith("A/HRC/RES/57/") for _, data in parsed)


def test_nbsp_dates_parse_to_iso(records):
    with_nbsp = [r for r in records if "\u00a0" in r.data.get("adoption_date", "")]
    assert with_nbsp
    for record in with_nbsp:
        exp = expected_from_data_extract(record)
        assert exp.adoption_date and len(exp.adoption_date) == 10 and exp.adoption_date[4] == "-"


def test_every_dated_record_gets_an_iso_date(records):
    missing = [r.source for r in records
               if r.data.get("adoption_date", "").strip() and expected_from_data_extract(r).adoption_date is None]
    assert missing == []


def test_spot_checked_record_of_provenance(truth):
    exp = truth.find("A/RES/80/7")
    assert (exp.adoption_date, exp.meeting, exp.origin_documents, exp.agenda_items) == \
        ("2025-11-14", 40, ("A/80/L.7",), ("89",))


def test_hash_fifth_committee_is_the_fifth_committee(records):
    hashed = [r for r in records if r.data.get("committee") == "#fifthCommittee"]
    assert len(hashed) == 5
    assert {expected_from_data_extract(r).committee for r in hashed} == {"Fifth Committee"}


def test_without_reference_is_the_no_committee_sentinel(truth):
    assert truth.find("A/RES/80/1").committee == WITHOUT_COMMITTEE


def test_duplicated_records_are_merged_into_one(records, truth):
    assert sum(r.data["symbol"] == "A/RES/79/264" for r in records) == 3
    assert truth.find("A/RES/79/264").meeting == 56


def test_symbols_are_canonical(truth):
    assert truth.find("S/RES/1310 (2000)") is not None          # extract spells "S/RES/1310(2000)"
    assert "S/RES/1310(2000)" not in truth.records


def test_report_paragraph_is_not_an_origin_document(truth):
    exp = truth.find("A/RES/75/132")
    assert exp.origin_documents and all("para" not in d for d in exp.origin_documents)


def test_draft_and_addendum_are_two_origin_documents(truth):
    exp = truth.find("A/RES/ES-11/1")
    assert exp.origin_documents == ("A/ES-11/L.1", "A/ES-11/L.1/Add.1")


def test_sc_records_have_meeting_and_votes(truth):
    exp = truth.find("S/RES/1908 (2010)")
    assert (exp.adoption_date, exp.meeting, str(exp.votes)) == ("2010-01-19", 6261, "15-0-0")
    assert exp.title is None          # the SC library title is not printed in the resolution


def test_ods_index_rows_have_symbol_date_and_meeting():
    rows = load_ods_index(CORPUS)
    assert len(rows) == 101
    assert all(row.symbol for row in rows)


def test_ods_index_prefers_the_comment_job_number(truth):
    exp = truth.find("A/RES/72/2")
    assert exp.job_number == "17-31586"
    assert any("1731587E" in q for q in exp.quirks)


def test_truncated_origin_line_is_completed_from_the_text(truth):
    exp = truth.find("E/RES/2018/2")
    assert exp.origin_documents == ("E/CONF.105/165",)
    assert exp.committee.endswith("Standardization of Geographical Names")


def test_special_political_committee_is_the_fourth(truth):
    assert truth.find("A/RES/72/75").committee == "Fourth Committee"


def test_missing_space_after_on_is_read(truth):
    exp = truth.find("E/RES/2018/15")
    assert exp.adoption_date == "2018-07-02"
    assert any("space" in q for q in exp.quirks)


def test_railcar_date_is_the_distribution_not_the_adoption_date(truth):
    fronts = {f.symbol: f for f in load_railcar(CORPUS)}
    assert fronts["A/RES/80/7"].distribution_date == "2025-11-18"
    exp = truth.find("A/RES/80/7")
    assert (exp.distribution_date, exp.adoption_date) == ("2025-11-18", "2025-11-14")


def test_sc_meeting_tables_cover_the_years_before_2000():
    tables = {e.symbol: e for e in load_sc_tables(CORPUS)}
    exp = tables["S/RES/84 (1950)"]
    assert (exp.adoption_date, exp.meeting, str(exp.votes)) == ("1950-07-07", 476, "7-0-3")


def test_data_extract_wins_over_the_tables_and_conflicts_are_reported(truth):
    assert truth.find("S/RES/1908 (2010)").sources["meeting"].startswith("data_extract:")
    assert any(c.startswith("S/RES/2423 (2018)") for c in truth.conflicts)


def test_multi_part_symbol_is_found_without_its_parts(truth):
    assert truth.find("A/RES/75/101").symbol == "A/RES/75/101 A-B"


def test_title_footnote_appended_in_the_extract_is_cut(truth):
    exp = truth.find("A/RES/ES-10/24")
    assert "All references" not in exp.title and any("footnote" in q for q in exp.quirks)


def test_akn_counts_are_attached_to_the_record(truth):
    exp = truth.find("A/RES/80/1")
    assert (exp.preambular_count, exp.operative_count, exp.footnote_count) == (5, 3, 1)
    assert exp.sources["operative_count"].startswith("akn:")


def test_voting_by_mail_blocks_the_announcement_meeting_of_the_tables(truth):
    exp = truth.find("S/RES/2561 (2021)")
    assert exp.meeting is None and "voting by mail" in exp.sources["meeting"]


def test_sc_vote_taken_from_the_adoption_type_when_counts_are_empty(truth):
    assert str(truth.find("S/RES/2812 (2026)").votes) == "13-0-2"
