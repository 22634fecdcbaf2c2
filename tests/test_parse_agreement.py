"""One resolution read from several files says the same: formats of one language, and AKN languages.

The shared corpus holds many resolutions twice or more (AKN, Word, ODS text, PDF
text; AKN in up to seven languages).  Structure that no metadata records
(footnotes, sub-paragraphs, citations, lead phrases) is checked here by agreement.
"""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from kg.model import Paragraph, Resolution, Span
from kg.parse.agreement import (
    EXPLAINED, HELD, Explained, disagreements, explanation, read_corpus, render_markdown, unexplained,
)

SHARED = Path(os.environ.get("KG_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
CORPUS = SHARED / "corpus"


@pytest.fixture(scope="module")
def records():
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return read_corpus([str(CORPUS)])


@pytest.fixture(scope="module")
def found(records):
    return disagreements(records)


def _resolution(source: str, source_format: str, lead: str, language: str = "en") -> Resolution:
    para = Paragraph("operative", 1, lead, f"{lead} the report.", Span(0, 10))
    return Resolution(source=source, source_format=source_format, source_sha256="0", text="",
                      symbol="A/RES/80/1", organ="GA", language=language, operative=[para])


def test_a_different_lead_phrase_in_another_format_is_a_disagreement():
    akn = _resolution("a.xml", "akn", "Welcomes")
    text = _resolution("a.txt", "ods-text", "Also welcomes")
    [d] = disagreements([text, akn])
    assert (d.field, d.reference, d.other, d.expected, d.got) == ("lead_phrases", "a.xml", "a.txt",
                                                                  "Welcomes", "Also welcomes")


def test_other_languages_are_compared_on_structure_not_on_words():
    english = _resolution("e.xml", "akn", "Welcomes")
    french = _resolution("f.xml", "akn", "Se félicite", language="fr")
    assert disagreements([english, french]) == []
    shorter = replace(french, operative=[])
    assert [d.field for d in disagreements([english, shorter])] == ["operative_paragraphs", "subparagraphs"]


def test_the_corpus_holds_resolutions_in_several_expressions(records):
    """The checks below compare something: many resolutions come in several formats and languages."""
    formats: dict[tuple[str, str], set[str]] = {}
    languages: dict[str, set[str]] = {}
    for r in records:
        formats.setdefault((r.symbol, r.language), set()).add(r.source)
        if r.source_format == "akn":
            languages.setdefault(r.symbol, set()).add(r.language)
    assert sum(len(files) > 1 for files in formats.values()) >= 100
    assert sum(len(langs) > 1 and "en" in langs for langs in languages.values()) >= 5


@pytest.mark.parametrize("field", HELD)
def test_every_expression_agrees_on(found, field):
    differing = unexplained(found, [field])
    assert differing == [], "\n" + "\n".join(f"{d.symbol}: {d.reference} {d.expected!r} vs {d.other} {d.got!r}"
                                             for d in differing)


def test_every_explained_difference_still_occurs(found):
    stale = [e for e in EXPLAINED if not any(explanation(d, (e,)) for d in found)]
    assert stale == []


def test_the_report_lists_each_difference_and_each_explanation():
    akn = _resolution("a.xml", "akn", "Welcomes")
    text = _resolution("a.txt", "ods-text", "Also welcomes")
    reason = "the text file prints another lead"
    shown = render_markdown(disagreements([akn, text]), (Explained("A/RES/80/1", "lead_phrases", "a.txt", reason),))
    assert "0 unexplained differences" in shown and reason in shown
    assert "a.txt says 'Also welcomes'" in render_markdown(disagreements([akn, text]), ())
