"""The one symbol grammar: every family, and (hypothesis) usual spellings parse back to the canonical form."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from kg.symbols import (canonical, find_symbols, int_to_roman, is_symbol, number_of, organ_of_number, parse,
                        resolution_symbol, roman_to_int, session_of, split_joint)


@pytest.mark.parametrize("printed, expected", [
    ("A/RES/65/140", "A/RES/65/140"),
    ("A/RES/3369(XXX)", "A/RES/3369 (XXX)"),
    ("a/res/3369 (xxx)", "A/RES/3369 (XXX)"),
    ("A/RES/ES-10/19", "A/RES/ES-10/19"),
    ("A/RES/S-26/2", "A/RES/S-26/2"),
    ("S/RES/1325(2000)", "S/RES/1325 (2000)"),
    ("E/RES/2010/1", "E/RES/2010/1"),
    ("A/HRC/RES/16/18", "A/HRC/RES/16/18"),
    ("A/65/L.43/ADD.1", "A/65/L.43/Add.1"),
    ("A/C.3/65/L.20/Rev.1", "A/C.3/65/L.20/Rev.1"),
    ("A/65/PV.68", "A/65/PV.68"),
    ("A/CONF.151/26", "A/CONF.151/26"),
    ("A / 65 / 382 - S / 2010 / 490", "A/65/382-S/2010/490"),
    ("A/RES/72/90 A-B", "A/RES/72/90 A-B"),
])
def test_families_canonicalise(printed, expected):
    assert canonical(printed) == expected


def test_joint_documents_split():
    assert split_joint("A/65/382-S/2010/490") == ["A/65/382", "S/2010/490"]


@pytest.mark.parametrize("symbol, session, number", [
    ("A/RES/65/140", "65", "65/140"), ("A/RES/3369 (XXX)", "30", "3369 (XXX)"),
    ("A/RES/ES-10/19", "ES-10", "ES-10/19"), ("A/RES/S-26/2", "S-26", "S-26/2"),
    ("S/RES/1325 (2000)", "2000", "1325 (2000)"), ("E/RES/2010/1", "2010", "2010/1"),
])
def test_session_and_number(symbol, session, number):
    assert (session_of(symbol), number_of(symbol)) == (session, number)


def test_organ_decided_by_form():
    assert organ_of_number("1325 (2000)") == "SC"
    assert organ_of_number("3369 (XXX)") == "GA"
    assert organ_of_number("65/140") is None
    assert resolution_symbol("16/18", "HRC") == "A/HRC/RES/16/18"


@pytest.mark.parametrize("text", ["", "hello", "B/RES/1", "A/", "X/65/1"])
def test_not_symbols(text):
    assert not is_symbol(text)


def test_find_symbols_in_running_text():
    found = find_symbols("See A/60/633-S/2005/826, annex III, and A/65/PV.68.")
    assert [c for _, _, c in found] == ["A/60/633-S/2005/826", "A/65/PV.68"]


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(n):
    assert roman_to_int(int_to_roman(n)) == n


# --- property: any usual spelling of a canonical symbol parses back to it -----------------
_number = st.integers(min_value=1, max_value=999).map(str)
_session = st.integers(min_value=1, max_value=80)


@st.composite
def canonical_symbols(draw):
    kind = draw(st.sampled_from(["ga", "roman", "es", "sc", "ecosoc", "hrc", "draft", "report", "pv", "conf"]))
    n = draw(_number)
    s = draw(_session)
    if kind == "ga":
        return f"A/RES/{s}/{n}"
    if kind == "roman":
        return f"A/RES/{n} ({int_to_roman(draw(st.integers(1, 30)))})"
    if kind == "es":
        return f"A/RES/{draw(st.sampled_from(['ES', 'S']))}-{draw(st.integers(1, 32))}/{n}"
    if kind == "sc":
        return f"S/RES/{n} ({draw(st.integers(1946, 2030))})"
    if kind == "ecosoc":
        return f"E/RES/{draw(st.integers(1980, 2030))}/{n}"
    if kind == "hrc":
        return f"A/HRC/RES/{draw(st.integers(1, 60))}/{n}"
    if kind == "draft":
        suffix = draw(st.sampled_from(["", "/Add.1", "/Rev.2", "/Corr.1"]))
        committee = draw(st.sampled_from(["", "C.1/", "C.3/", "C.6/"]))
        return f"A/{committee}{s}/L.{n}{suffix}"
    if kind == "report":
        return f"A/{s}/{n}" + draw(st.sampled_from(["", "/Add.3"]))
    if kind == "pv":
        return f"A/{s}/PV.{n}"
    return f"A/CONF.{n}/{s}"


@st.composite
def spellings(draw):
    symbol = draw(canonical_symbols())
    text = symbol
    if draw(st.booleans()):
        text = text.replace("/", draw(st.sampled_from([" / ", "/ ", " /"])))
    if draw(st.booleans()):
        text = text.replace(" (", "(")
    if draw(st.booleans()):
        text = text.replace("Add.", "ADD.").replace("Rev.", "REV.").replace("Corr.", "CORR.")
    if draw(st.booleans()):
        text = text.replace(" ", "\u00a0", 1)
    if draw(st.booleans()):
        text = "  " + text + " "
    return symbol, text


@given(spellings())
def test_usual_spellings_parse_back_to_canonical(pair):
    symbol, printed = pair
    assert canonical(printed) == symbol
    assert str(parse(symbol)) == symbol


@given(canonical_symbols())
def test_find_symbols_finds_the_canonical_form_in_a_sentence(symbol):
    text = f"as stated in document {symbol}, paragraph 3"
    found = find_symbols(text)
    assert [c for _, _, c in found] == [symbol]
