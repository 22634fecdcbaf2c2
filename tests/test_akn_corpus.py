"""Every AKN file of the corpus reads, and agrees with the UN's own data_extract record.

Fields checked: symbol, adoption date, meeting, committee, origin document, agenda
item, title (English expressions; titles keep their language) and vote counts.
Values are compared as ``kg accuracy`` compares them (``kg.parse.accuracy.compare``
over ``kg.parse.groundtruth``); the known source errors are the harness's list
(``kg.parse.accuracy_exceptions``), and each must still differ.
"""
from __future__ import annotations

import unicodedata

import pytest

from kg.model import ParseError, Resolution
from kg.parse.accuracy import compare
from kg.parse.accuracy_exceptions import explanation
from kg.parse.groundtruth import load_ground_truth, map_file
from kg.parse.groundtruth_model import canonical_or_none
from kg.parse.groundtruth_sources import load_data_extract
from test_akn_support import CORPUS, akn_files, read

FILES = akn_files()
# The one data_extract loader (kg.parse.groundtruth*), as the accuracy harness uses it.
TRUTH = load_ground_truth(CORPUS, akn_files=[])
RAW: dict[str, dict] = {}
for _record in load_data_extract(CORPUS):
    RAW.setdefault(canonical_or_none(_record.data.get("symbol")), _record.data)
# Not resolutions: refused with a ParseError saying so (or not well-formed at all).
NOT_RESOLUTIONS = ("/PRST/", "/Not adopted/")


def _id(path) -> str:
    return str(path.relative_to(path.parents[3]))


def test_the_corpus_has_akn_files():
    assert len(FILES) > 200


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_file_reads_or_is_refused_as_no_resolution(path):
    res = read(path)
    if any(marker in str(path) for marker in NOT_RESOLUTIONS):
        assert isinstance(res, ParseError)
        assert "not a resolution" in res.reason or "not well-formed" in res.reason
        assert "\n" not in str(res)
    else:
        assert isinstance(res, Resolution), str(res)
        assert res.text and res.symbol and res.adoption_date


def _records() -> list[tuple]:
    cases = []
    for path in FILES:
        res = read(path)
        if isinstance(res, Resolution) and res.symbol in RAW:
            cases.append((path, res))
    return cases


CASES = _records()
#: The fields of kg.parse.accuracy.compare that data_extract asserts (titles only in English:
#: the metadata's titles are English; SC titles are the library's, not printed).
FIELDS = ("adoption_date", "meeting", "committee", "origin_documents", "agenda_items", "title", "votes")


def test_most_files_have_a_data_extract_record():
    # ECOSOC 2021-2023 files have no data_extract in the corpus (only 2024 and 2025 were published).
    assert len(CASES) >= 190


def _field_cases() -> list[tuple]:
    """(path, record, field, comparison) for every field data_extract asserts for a file."""
    out = []
    for path, res in CASES:
        mapped = map_file(path, TRUTH)
        assert mapped.expected is not None and mapped.expected.symbol == res.symbol, path
        for result in compare(res, mapped.expected):
            if result.field in FIELDS:
                out.append((path, res, result.field, result))
    return out


FIELD_CASES = _field_cases()


def test_every_field_is_checked_somewhere():
    assert {field for _, _, field, _ in FIELD_CASES} == set(FIELDS)


@pytest.mark.parametrize("path,res,field,result", FIELD_CASES,
                         ids=[f"{_id(p)}-{f}" for p, _, f, _ in FIELD_CASES])
def test_field_equals_data_extract(path, res, field, result):
    reason = explanation(res.symbol, res.language, field)
    if reason:
        # A listed source error (kg.parse.accuracy_exceptions): it must still differ.
        assert not result.ok, f"{res.symbol} {field} now agrees: drop it from the list"
        return
    assert result.ok, f"expected {result.expected!r}, got {result.got!r}"


VOTE_EXCEPTIONS = {
    "S/RES/2812 (2026)": "the UN's XML names 15 states under a count of 13 in favour and lists no "
                         "abstentions (workflow: 'Adopted 13-0-2'); the reader warns",
}


@pytest.mark.parametrize("path,res", [(p, r) for p, r in CASES if r.voting and r.voting.votes],
                         ids=lambda x: _id(x) if hasattr(x, "parents") else "")
def test_each_states_vote_sums_to_the_counts(path, res):
    if res.symbol in VOTE_EXCEPTIONS:
        assert res.warnings, "the inconsistency must be reported"
        pytest.xfail(VOTE_EXCEPTIONS[res.symbol])
    v = res.voting
    for kind, count in (("yes", v.yes), ("no", v.no), ("abstain", v.abstain)):
        named = [s.state for s in v.votes if s.vote == kind]
        assert len(named) == (count or 0), kind
        assert len(set(named)) == len(named)


@pytest.mark.parametrize("path,res", [(p, r) for p, r in CASES if r.voting and r.voting.votes and r.language == "en"],
                         ids=lambda x: _id(x) if hasattr(x, "parents") else "")
def test_each_states_vote_equals_data_extract(path, res):
    record = RAW[res.symbol]
    for kind, key in (("yes", "MS_in_favour"), ("no", "MS_against"), ("abstain", "MS_abstaining")):
        named = sorted(_state_key(s.state) for s in res.voting.votes if s.vote == kind)
        assert named == sorted(_state_key(s) for s in record.get(key) or []), kind


# data_extract applies current state names retroactively (PROVENANCE.md §1); the XML
# prints the name of the day.  Old name -> current name.
RENAMED = {"TURKEY": "TURKIYE", "NETHERLANDS": "NETHERLANDS (KINGDOM OF THE)", "SWAZILAND": "ESWATINI",
           "THE FORMER YUGOSLAV REPUBLIC OF MACEDONIA": "NORTH MACEDONIA", "CZECH REPUBLIC": "CZECHIA"}


def _state_key(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.upper().replace("’", "'"))
    plain = " ".join("".join(c for c in plain if not unicodedata.combining(c)).split())
    return RENAMED.get(plain, plain)
