"""``compare`` on hand-made records: one behaviour per test."""
from __future__ import annotations

from kg.model import Paragraph, Resolution, Span, Voting
from kg.parse.accuracy import compare
from kg.parse.groundtruth_model import WITHOUT_COMMITTEE, Expected, VoteCounts


def parsed(**fields) -> Resolution:
    base = dict(source="x.txt", source_format="ods-text", source_sha256="", text="", symbol="A/RES/65/140", organ="GA")
    base.update(fields)
    return Resolution(**base)


def result(results, name):
    found = [r for r in results if r.field == name]
    assert len(found) == 1, f"{name} compared {len(found)} times"
    return found[0]


def paragraphs(kind: str, n: int) -> list[Paragraph]:
    return [Paragraph(kind, i + 1, "Recalling", "Recalling x", Span(0, 1)) for i in range(n)]


def test_only_asserted_fields_are_compared():
    results = compare(parsed(), Expected(symbol="A/RES/65/140", meeting=68))
    assert [r.field for r in results] == ["symbol", "meeting"]


def test_symbol_spellings_are_canonicalised():
    results = compare(parsed(symbol="S/RES/1310(2000)"), Expected(symbol="S/RES/1310 (2000)"))
    assert result(results, "symbol").ok


def test_wrong_symbol_differs():
    assert not result(compare(parsed(symbol="A/RES/65/141"), Expected(symbol="A/RES/65/140")), "symbol").ok


def test_adoption_date_must_be_equal():
    results = compare(parsed(adoption_date="2010-12-16"), Expected(symbol="A/RES/65/140", adoption_date="2010-12-17"))
    r = result(results, "adoption_date")
    assert (r.ok, r.expected, r.got) == (False, "2010-12-17", "2010-12-16")


def test_parser_none_committee_is_without_reference():
    results = compare(parsed(committee=None), Expected(symbol="A/RES/65/140", committee=WITHOUT_COMMITTEE))
    assert result(results, "committee").ok


def test_long_committee_name_equals_short_one():
    results = compare(parsed(committee="Special Political and Decolonization Committee (Fourth Committee)"),
                      Expected(symbol="A/RES/65/140", committee="Fourth Committee"))
    assert result(results, "committee").ok


def test_other_committee_differs():
    results = compare(parsed(committee="Third Committee"), Expected(symbol="A/RES/65/140", committee="Fourth Committee"))
    assert not result(results, "committee").ok


def test_origin_documents_order_is_ignored():
    results = compare(parsed(origin_documents=["A/65/L.43/Add.1", "A/65/L.43"]),
                      Expected(symbol="A/RES/65/140", origin_documents=("A/65/L.43", "A/65/L.43/Add.1")))
    assert result(results, "origin_documents").ok


def test_missing_origin_document_differs():
    results = compare(parsed(origin_documents=["A/65/L.43"]),
                      Expected(symbol="A/RES/65/140", origin_documents=("A/65/L.43", "A/65/L.43/Add.1")))
    assert not result(results, "origin_documents").ok


def test_amendment_may_be_listed_or_not():
    exp = Expected(symbol="A/RES/75/1", origin_documents=("A/75/L.109",), origin_optional=("A/75/L.114",))
    assert result(compare(parsed(origin_documents=["A/75/L.109"]), exp), "origin_documents").ok
    assert result(compare(parsed(origin_documents=["A/75/L.109", "A/75/L.114"]), exp), "origin_documents").ok


def test_extra_origin_document_differs():
    exp = Expected(symbol="A/RES/75/1", origin_documents=("A/75/L.109",))
    assert not result(compare(parsed(origin_documents=["A/75/L.109", "A/75/L.2"]), exp), "origin_documents").ok


def test_agenda_item_spacing_is_normalised():
    results = compare(parsed(agenda_items=["122(s)"]), Expected(symbol="A/RES/65/140", agenda_items=("122 (s)",)))
    assert result(results, "agenda_items").ok


def test_title_ignores_case_quotes_dashes_and_spaces():
    exp = Expected(symbol="A/RES/65/140", title="Follow-up to the \u201cInternational Decade\u201d  for a culture")
    results = compare(parsed(title="follow\u2011up to the \"International Decade\" for a Culture"), exp)
    assert result(results, "title").ok


def test_truncated_title_differs():
    exp = Expected(symbol="A/RES/65/140", title="International Decade for a Culture of Peace")
    assert not result(compare(parsed(title="International Decade for a"), exp), "title").ok


def test_multi_part_common_title_may_begin_the_joined_titles():
    exp = Expected(symbol="A/RES/75/101 A-B",
                   title="Questions relating to information Information in the service of humanity")
    results = compare(parsed(symbol="A/RES/75/101 A-B", title="Questions relating to information"), exp)
    assert result(results, "title").ok


def test_paragraph_and_footnote_counts():
    exp = Expected(symbol="A/RES/65/140", preambular_count=2, operative_count=3, footnote_count=0)
    results = compare(parsed(preamble=paragraphs("preambular", 2), operative=paragraphs("operative", 2)), exp)
    assert [(r.field, r.ok) for r in results[1:]] == [
        ("preambular_paragraphs", True), ("operative_paragraphs", False), ("footnotes", True)]


def test_votes_are_compared_for_akn_only():
    exp = Expected(symbol="A/RES/65/140", votes=VoteCounts(False, 145, 7, 11))
    assert [r.field for r in compare(parsed(), exp)] == ["symbol"]
    voting = Voting("recorded vote", yes=145, no=7, abstain=11)
    assert result(compare(parsed(source_format="akn", voting=voting), exp), "votes").ok


def test_recorded_vote_counts_must_agree():
    exp = Expected(symbol="A/RES/65/140", votes=VoteCounts(False, 145, 7, 11))
    voting = Voting("recorded vote", yes=144, no=7, abstain=11)
    assert not result(compare(parsed(source_format="akn", voting=voting), exp), "votes").ok


def test_without_a_vote():
    exp = Expected(symbol="A/RES/65/140", votes=VoteCounts(True))
    ok = compare(parsed(source_format="akn", voting=Voting("without a vote")), exp)
    bad = compare(parsed(source_format="akn", voting=Voting("recorded vote", 100, 1, 1)), exp)
    assert result(ok, "votes").ok and not result(bad, "votes").ok


def test_job_number_only_for_ods_formats():
    exp = Expected(symbol="A/RES/65/140", job_number="10-52094")
    assert result(compare(parsed(job_number="10-52094"), exp), "job_number").ok
    assert [r.field for r in compare(parsed(source_format="pdf-text"), exp)] == ["symbol"]


def test_result_names_the_source_of_the_expected_value():
    exp = Expected(symbol="A/RES/65/140", meeting=68, sources={"meeting": "data_extract:x.json:3"})
    assert result(compare(parsed(meeting=67), exp), "meeting").source == "data_extract:x.json:3"
