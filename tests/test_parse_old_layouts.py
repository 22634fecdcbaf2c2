"""Old printed compilations parse (issue 2, item 5): OCR of GA 2758 (XXVI), SC 84 (1950), SC 777 (1992).

The OCR texts of ``scans-ageyev`` are real; where tesseract lost a line that the
scan shows (the underlined adoption line of S/RES/777, the trailer of S/RES/84
cut off by the crop), the test puts the printed line back, as it reads on the page.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.model import SourceDocument
from kg.parse import parse_path
from kg.parse.text import parse_text

SHARED = Path(os.environ.get("KG_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
OCR = SHARED / "corpus" / "scans-ageyev" / "ocr-tesseract"
pytestmark = pytest.mark.skipif(not OCR.is_dir(), reason=f"OCR texts not found at {OCR}")


def _parse_with(name: str, after: str, inserted: str):
    from kg.read import decode

    text = (OCR / name).read_text(encoding="utf-8")
    assert after in text
    doc = decode(name, text.replace(after, after + inserted, 1).encode())
    return parse_text(doc)


def test_ga_2758_old_layout_heading_and_trailer():
    res = parse_path(str(OCR / "1971-10-25_UN_GA_Resolution_2758_en.txt"))
    assert (res.symbol, res.session) == ("A/RES/2758 (XXVI)", "26")
    assert res.title == "Restoration of the lawful rights of the People’s Republic of China in the United Nations"
    assert (res.meeting, res.meeting_kind, res.adoption_date) == (1976, "plenary", "1971-10-25")
    assert [p.lead for p in res.operative] == ["Decides"]


def test_sc_777_adoption_line_under_the_number():
    res = _parse_with("1992-09-19_UN_SC_Resolution_777_1992_en.txt", "RESOLUTION 777 (1992)\n",
                      "\nAdopted by the Security Council at its 3116th meeting\non 19 September 1992\n")
    assert (res.symbol, res.organ) == ("S/RES/777 (1992)", "SC")
    assert (res.meeting, res.adoption_date) == (3116, "1992-09-19")
    assert (len(res.preamble), len(res.operative)) == (3, 2)


def test_sc_84_compilation_heading_and_adopted_at_trailer():
    res = _parse_with("1950-07-07_UN_SC_Resolution_84_1950_en.txt", "area,\n",
                      "\nAdopted at the 476th meeting by 7 votes to 1 (Yugoslavia), with 2\nabstentions (Egypt, India).\n")
    assert res.symbol == "S/RES/84 (1950)"
    assert res.adoption_date == "1950-07-07"          # "84 (1950). Resolution of 7 July 1950"
    assert res.meeting == 476
    assert res.title is None                           # SC resolutions of the time had none
    assert res.origin_documents == ["S/1588"]          # "[S/1588]", OCR'd as "(S/1588]"


def test_adopted_at_in_a_paragraph_is_not_a_trailer():
    text = ("RESOLUTION 100 (1953)\n\nThe Security Council,\n\nNoting the resolution adopted at the 400th meeting,\n\n"
            "1. Decides to remain seized of the matter.\n")
    res = parse_text(SourceDocument("x.txt", "text", text, "", {}))
    assert res.meeting is None
