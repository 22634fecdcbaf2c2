"""The seed (A/RES/65/140, ODS plain text), checked field by field as issue 2 lists them."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.parse import parse_path

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SEED = SHARED / "corpus" / "seed" / "A_RES_65_140.txt"

PREAMBLE_LEADS = [
    "Recalling", "Recalling also", "Welcoming", "Noting", "Having considered", "Taking into account", "Recalling",
    "Noting", "Noting also", "Noting further", "Convinced", "Taking note", "Recalling", "Taking note",
    "Taking note with appreciation", "Welcoming", "Noting", "Noting with appreciation",
]
OPERATIVE_LEADS = [
    "Takes note with satisfaction", "Urges", "Notes with satisfaction", "Affirms", "Requests", "Requests",
    "Welcomes", "Also welcomes", "Encourages", "Invites", "Welcomes with appreciation", "Appreciates", "Welcomes",
    "Also welcomes", "Notes with satisfaction", "Welcomes", "Encourages", "Urges", "Expresses its appreciation",
    "Requests", "Decides",
]
RECALLED = [("37/4", "1982-10-22"), ("38/4", "1983-10-28"), ("39/7", "1984-11-08"), ("40/4", "1985-10-25"),
            ("41/3", "1986-10-16"), ("42/4", "1987-10-15"), ("43/2", "1988-10-17"), ("44/8", "1989-10-18"),
            ("45/9", "1990-10-25"), ("46/13", "1991-10-28"), ("47/18", "1992-11-23"), ("48/24", "1993-11-24"),
            ("49/15", "1994-11-15"), ("50/17", "1995-11-20"), ("51/18", "1996-11-14"), ("52/4", "1997-10-22"),
            ("53/16", "1998-10-29"), ("54/7", "1999-10-25"), ("55/9", "2000-10-30"), ("56/47", "2001-12-07"),
            ("57/42", "2002-11-21"), ("59/8", "2004-10-22"), ("61/49", "2006-12-04"), ("63/114", "2008-12-05")]

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="shared corpus not available")


@pytest.fixture(scope="module")
def seed():
    return parse_path(str(SEED))


def test_identity(seed):
    assert (seed.symbol, seed.organ, seed.session, seed.number) == ("A/RES/65/140", "GA", "65", "65/140")
    assert seed.source == str(SEED) and seed.source_format == "ods-text" and seed.language == "en"


def test_title(seed):
    assert seed.title == "Cooperation between the United Nations and the Organization of the Islamic Conference"
    span = seed.spans["title"]
    assert seed.text[span.start:span.end] == seed.title


def test_adoption_and_meeting(seed):
    assert (seed.adoption_date, seed.meeting, seed.meeting_kind) == ("2010-12-16", 68, "plenary")


def test_without_reference_to_a_main_committee(seed):
    assert seed.committee is None
    assert seed.origin_documents == ["A/65/L.43", "A/65/L.43/Add.1"]


def test_masthead_fields(seed):
    assert seed.agenda_items == ["122 (s)"]
    assert seed.distribution_date == "2011-04-05"
    assert seed.job_number == "10-52094"
    assert seed.enacting_formula == "The General Assembly,"


def test_preambular_paragraphs_and_leads(seed):
    assert [p.lead for p in seed.preamble] == PREAMBLE_LEADS
    assert [p.number for p in seed.preamble] == list(range(1, 19))
    assert all(p.text.startswith(p.lead) for p in seed.preamble)


def test_operative_paragraphs_and_leads(seed):
    assert [p.number for p in seed.operative] == list(range(1, 22))
    assert [p.lead for p in seed.operative] == OPERATIVE_LEADS
    assert seed.operative[20].text.startswith("Decides to include in the provisional agenda")


def test_spans_point_at_the_text(seed):
    for para in seed.paragraphs:
        assert seed.text[para.span.start:para.span.end] == para.text


def test_footnotes_and_ibid(seed):
    assert [(f.number, f.text) for f in seed.footnotes] == [
        (1, "See A/60/633-S/2005/826, annex III."), (2, "A/65/382-S/2010/490."), (3, "Ibid., sect. II.")]
    assert seed.footnotes[2].resolved == "A/65/382-S/2010/490"


def test_footnote_markers_glued_to_text(seed):
    marker = seed.footnotes[0].refs[0].span
    assert seed.text[marker.start - 7:marker.end] == "Century1"
    before = [seed.text[r.span.start - 20:r.span.end] for r in seed.footnotes[1].refs]
    assert before[0].endswith("organizations,2")
    assert before[1].endswith("Secretary-General;2")
    assert [r.number for r in seed.preamble[3].footnote_refs] == [1]
    assert [r.number for r in seed.operative[0].footnote_refs] == [2]


def test_cited_resolutions_with_dates(seed):
    resolutions = [(c.symbol, c.date) for c in seed.citations if c.kind == "resolution"]
    assert resolutions == [(f"A/RES/{n}", d) for n, d in RECALLED] + [("A/RES/3369 (XXX)", "1975-10-10")]
    assert all(c.in_paragraph == "pp/1" for c in seed.citations if c.symbol == "A/RES/37/4")


def test_cited_joint_documents(seed):
    joint = {c.symbol: c for c in seed.citations if c.kind == "document"}
    assert set(joint) == {"A/60/633-S/2005/826", "A/65/382-S/2010/490"}
    assert joint["A/60/633-S/2005/826"].symbols == ["A/60/633", "S/2005/826"]
    assert joint["A/60/633-S/2005/826"].in_paragraph == "fn/1"
    keys = sorted(c.in_paragraph for c in seed.citations if c.symbol == "A/65/382-S/2010/490")
    assert keys == ["fn/2", "fn/3"]
