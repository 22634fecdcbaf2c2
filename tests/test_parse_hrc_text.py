"""A Human Rights Council resolution as PDF text gives the header, paragraphs and vote of its AKN file.

The rendering is the AKN file's own printed text laid out as pdftotext prints a PDF (lines
wrapped at the page width, blank lines between blocks): the words are the UN's; only the layout
is the extractor's.
"""
from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from kg.parse import parse_path

SHARED = Path(os.environ.get("KG_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
AKN = SHARED / "corpus" / "unxml-hrc" / "xml" / "55session" / "English" / "A_HRC_RES_55_1E.xml"
pytestmark = pytest.mark.skipif(not AKN.is_file(), reason="shared corpus not found")


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    akn = parse_path(str(AKN))
    path = tmp_path_factory.mktemp("hrc") / "A_HRC_RES_55_1.txt"
    blocks = ["\n".join(textwrap.wrap(line, 88)) for line in akn.text.split("\n")]
    path.write_text("\n\n".join(blocks), encoding="utf-8")
    return akn, parse_path(str(path))


def test_the_number_line_after_the_adoption_line_is_the_number_and_title(pair):
    akn, text = pair
    assert text.source_format != "akn"
    assert (text.number, text.title) == (akn.number, akn.title) == ("55/1", "Advancing human rights in South Sudan")


def test_the_header_fields_agree(pair):
    akn, text = pair
    for field in ("symbol", "organ", "session", "adoption_date", "meeting", "distribution_date", "agenda_items"):
        assert getattr(text, field) == getattr(akn, field), field


def test_the_paragraphs_and_the_vote_agree(pair):
    akn, text = pair
    assert [p.lead for p in text.preamble] == [p.lead for p in akn.preamble]
    assert [p.number for p in text.operative] == [p.number for p in akn.operative]
    assert (text.voting.yes, text.voting.no, text.voting.abstain) == (akn.voting.yes, akn.voting.no, akn.voting.abstain)
