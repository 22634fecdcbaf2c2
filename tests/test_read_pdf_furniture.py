"""PDF extracts: running titles, footnotes printed without their rule, titles the extract cut.

Real PyMuPDF extracts of ``pdf-extract-ga80-railcar`` checked against the UN's
AKN markup of the same resolutions (issue 2, items 2-4).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.parse import parse_path
from kg.read.pdftext import clean_pdf_text

SHARED = Path(os.environ.get("KG_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
RAILCAR = SHARED / "corpus" / "pdf-extract-ga80-railcar"
AKN = SHARED / "corpus" / "unxml-ga" / "xml" / "80session" / "English"
pytestmark = pytest.mark.skipif(not RAILCAR.is_dir(), reason=f"railcar extracts not found at {RAILCAR}")


def _akn(number: str):
    path = next(AKN.glob(f"A_RES_80_{number}-*.xml"))
    return parse_path(str(path))


@pytest.mark.parametrize("extract", ["md/A_RES_80_4.md", "txt-early/A_RES_80_4.txt"])
def test_running_title_in_mid_paragraph_is_removed(extract):
    res = parse_path(str(RAILCAR / extract))
    akn = _akn("4")
    assert len(res.preamble) == len(akn.preamble)
    recalling = next(p for p in res.preamble if p.text.startswith("Recalling its resolutions 47/19"))
    assert "12 November 1996" in " ".join(recalling.text.split())
    assert "financial 1996" not in recalling.text


@pytest.mark.parametrize("extract", ["md/A_RES_80_30.md", "txt-early/A_RES_80_30.txt"])
def test_title_cut_by_the_extract_is_completed_from_the_front_matter(extract):
    res = parse_path(str(RAILCAR / extract))
    assert res.title == "Convening of the fourth special session of the General Assembly devoted to disarmament"


def test_footnotes_printed_between_paragraphs_without_a_rule():
    res = parse_path(str(RAILCAR / "txt-early" / "A_RES_80_12.txt"))
    akn = _akn("12")
    assert [f.number for f in res.footnotes] == [1, 2, 3, 4, 5] == [f.number for f in akn.footnotes]
    assert res.footnotes[0].text == "A/54/298."
    assert all(f.refs for f in res.footnotes)
    assert len(res.operative) == len(akn.operative)
    assert not any(p.text.startswith(("1 A/54", "5 A/80")) for p in res.paragraphs)


def test_running_title_segments_are_dropped_but_not_body_text():
    text = ("---\nsymbol: A/RES/80/99\ntitle: \"Cooperation between the United Nations and the Organization\"\n---\n"
            "United Nations\nA/RES/80/99\nGeneral Assembly\n\n"
            "80/99. Cooperation between the United Nations and the\nOrganization\n\nThe General Assembly,\n\n"
            "Recalling its resolutions 77/1 of 1 December 2022 and\n\nCooperation between the United Nations and the\n\n"
            "78/2 of 2 December 2023,\n\n1. Welcomes the cooperation between the United Nations and the Organization;\n")
    cleaned = clean_pdf_text(text.split("---\n", 2)[2], title="Cooperation between the United Nations and the Organization")
    assert "Recalling its resolutions 77/1 of 1 December 2022 and 78/2 of 2 December 2023," in cleaned
    assert "1. Welcomes the cooperation between the United Nations and the Organization;" in cleaned


def test_missing_distribution_date_comes_from_the_library_record():
    res = parse_path(str(RAILCAR / "md" / "A_RES_80_1.md"))   # "Distr.: General" lost its date
    assert res.distribution_date == "2025-09-19" == _akn("1").distribution_date
