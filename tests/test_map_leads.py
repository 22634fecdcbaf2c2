"""The opening words of a paragraph (kg/map/leads.py ``opening``), the text the lead verb is read from.

``opening`` takes the first word of the paragraph's first 240 characters and up to seven
more, each after white space only, in one regular-expression search; these tests hold it
to that rule, word by word, on the seed's real paragraphs and on the cases at its edges.
"""
from __future__ import annotations

import re

import pytest

from kg.map.leads import opening
from tests.snapshot_support import seed_record

_WORD = re.compile(r"[^\W\d_][\w’'\-]*")


def _opening_word_by_word(lead: str, body: str) -> str:
    """The rule spelt out: words of ``body[:240]`` while only white space separates them, at most eight."""
    found: list[re.Match[str]] = []
    for m in _WORD.finditer(body, 0, 240):
        if found and body[found[-1].end():m.start()].strip():
            break
        found.append(m)
        if len(found) == 8:
            break
    return body[:found[-1].end()] if found else lead


def test_the_opening_of_every_seed_paragraph_follows_the_word_by_word_rule():
    record = seed_record()
    texts = [(p.lead, p.text) for p in record.paragraphs if p.lead and p.text.startswith(p.lead)]
    assert len(texts) > 20
    for lead, text in texts:
        assert opening(lead, text) == _opening_word_by_word(lead, text), text[:80]


@pytest.mark.parametrize("text, expected", [
    ("Calls upon all States to act, and", "Calls upon all States to act"),      # stops at the comma
    ("Takes note with appreciation of the report of the Secretary-General on it",
     "Takes note with appreciation of the report of"),                           # eight words at most
    ("Decides to consider 2 questions", "Decides to consider"),                  # a number is no word
    ("Recalling\u00a0also its resolution", "Recalling\u00a0also its resolution"),  # any white space
    ("Welcomes l’adoption d'un texte-cadre; then", "Welcomes l’adoption d'un texte-cadre"),
])
def test_the_opening_stops_at_the_first_gap_that_is_not_white_space(text, expected):
    lead = text.split()[0]
    assert opening(lead, text) == expected == _opening_word_by_word(lead, text)


def test_the_opening_ends_within_the_first_240_characters():
    text = "Urges " + "x" * 300
    assert opening("Urges", text) == "Urges " + "x" * 234 == _opening_word_by_word("Urges", text)


def test_a_lead_the_text_does_not_start_with_or_in_another_script_is_kept_as_marked():
    assert opening("Recalls", "Recalling its resolution") == "Recalls"
    assert opening("يشير", "يشير إلى قرارها") == "يشير"
