"""The pure normalisers behind the ground truth: one spelling quirk per test."""
from __future__ import annotations

from kg.parse.groundtruth_model import (
    WITHOUT_COMMITTEE, agenda_key, committee_key, normalise_committee, normalise_job_number, parse_agenda_items,
    parse_date, parse_ddmmyy, parse_meeting, parse_origin_documents, title_key,
)


def test_date_with_nbsp():
    assert parse_date("14\u00a0November 2025") == "2025-11-14"


def test_date_glued_to_on():
    assert parse_date("Adopted by the Security Council at its 6261st meeting, on19 January 2010") == "2010-01-19"


def test_date_as_timestamp():
    assert parse_date("2019-10-10 00:00:00") == "2019-10-10"


def test_date_with_place():
    assert parse_date("19 November 2004 in Nairobi") == "2004-11-19"


def test_akn_placeholder_date_is_unknown():
    assert parse_date("0001-01-01") is None


def test_word_release_date():
    assert parse_ddmmyy("021017") == "2017-10-02"


def test_resumed_plenary_meeting():
    assert parse_meeting("56th (resumed) plenary meeting") == 56


def test_closed_meeting():
    assert parse_meeting("4337th (closed) meeting") == 4337


def test_voting_by_mail_is_no_meeting():
    assert parse_meeting("Voting by mail") is None


def test_meeting_record_symbol():
    assert parse_meeting("S/PV.6261") == 6261


def test_hash_committee():
    assert normalise_committee("#fifthCommittee") == "Fifth Committee"


def test_long_fourth_committee_name():
    assert normalise_committee("Special Political and Decolonization Committee (Fourth Committee)") == "Fourth Committee"


def test_without_reference_and_plenary_are_one_value():
    assert normalise_committee("Without reference to a Main Committee") == WITHOUT_COMMITTEE
    assert normalise_committee("Plenary meeting") == WITHOUT_COMMITTEE


def test_parser_none_committee_equals_without_reference():
    assert committee_key(None) == committee_key(WITHOUT_COMMITTEE)


def test_ecosoc_recommending_body_from_origin_line():
    text = "on the recommendation of the Economic Commission for Africa (E/2018/15/Add.1)"
    assert normalise_committee(text) == "Economic Commission for Africa"


def test_report_paragraph_dropped():
    assert parse_origin_documents("A/75/391, para. 7") == (("A/75/391",), ())


def test_and_add_expanded():
    assert parse_origin_documents("A/65/L.43 and Add.1")[0] == ("A/65/L.43", "A/65/L.43/Add.1")


def test_space_before_slash_repaired():
    assert parse_origin_documents("A/ES-11/L.2 and A/ES-11/L.2 /Add.1")[0] == ("A/ES-11/L.2", "A/ES-11/L.2/Add.1")


def test_amendments_are_optional():
    docs, amendments = parse_origin_documents("A/75/L.109 (and as amended in A/75/L.114)")
    assert (docs, amendments) == (("A/75/L.109",), ("A/75/L.114",))


def test_doubled_prefix_typo_repaired_and_reported():
    quirks: list[str] = []
    assert parse_origin_documents("A/74/A/74/379/Add.1", quirks)[0] == ("A/74/379/Add.1",)
    assert quirks


def test_missing_slash_typo_repaired():
    assert parse_origin_documents("A/78423, para. 8")[0] == ("A/78/423",)


def test_two_agenda_items():
    assert parse_agenda_items("Agenda items 13 and 75 (a)") == ("13", "75 (a)")


def test_agenda_spacing_and_order_ignored():
    assert agenda_key(["75(A)", "13"]) == agenda_key(["13", "75 (a)"])


def test_title_quotes_dashes_case_and_asterisk():
    assert title_key("Treatment of children associated with terrorist groups,* including \u201cchildren\u201d \u2013 X") == \
        title_key("treatment of children associated with terrorist groups, including \"children\" - x")


def test_title_words_still_matter():
    assert title_key("Report of the Agency") != title_key("Report of the Council")


def test_job_number_spellings():
    assert normalise_job_number("N1052094E") == normalise_job_number("10-52094 (E)") == "10-52094"
