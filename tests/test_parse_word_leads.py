"""Word files: lead phrases as the UN italicises them, and origin lines wrapped over two lines.

Real ODS Word files of ``ods-word`` (issue 2, items 1 and 10).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.parse import parse_path
from kg.read import decode

SHARED = Path(os.environ.get("KG_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
ODS = SHARED / "corpus" / "ods-word"
pytestmark = pytest.mark.skipif(not ODS.is_dir(), reason=f"ODS Word files not found at {ODS}")


def test_italic_leads_are_read_from_the_word_file():
    path = ODS / "ga72" / "original" / "N1730150.DOC"
    doc = decode(str(path), path.read_bytes())
    assert "Adopts" in doc.meta["docx:italic_leads"].split("\n")


def test_italic_lead_wins_over_the_lexicon():
    """The lexicon stops at the verb ("Reiterates"); the UN italicises "Reiterates its request"."""
    leads = []
    for path in sorted((ODS / "ga72" / "original").glob("*.DOC")):
        leads += [p.lead for p in parse_path(str(path)).paragraphs]
    assert any(lead.startswith("Reiterates its ") for lead in leads)
    assert "" not in leads[:20]


@pytest.mark.parametrize("name", ["original/N1745085.DOC", "text-seedlike/N1745085.txt", "text-libreoffice/N1745085.txt"])
def test_origin_line_wrapped_over_two_lines(name):
    res = parse_path(str(ODS / "ecosoc2018" / name))
    assert res.committee == "Eleventh United Nations Conference on the Standardization of Geographical Names"
    assert res.origin_documents == ["E/CONF.105/165"]


def test_origin_line_wrapped_after_a_trailing_space():
    res = parse_path(str(ODS / "ecosoc2018" / "text-seedlike" / "N1824503.txt"))
    assert res.committee == "Economic Commission for Latin America and the Caribbean"
    assert res.origin_documents == ["E/2018/15/Add.1"]


@pytest.mark.skipif(not (shutil.which("antiword") or shutil.which("soffice")), reason="no .doc converter installed")
def test_legacy_word_job_number_from_the_ods_comment():
    res = parse_path(str(ODS / "ga-misc" / "original" / "67_290.doc"))
    assert res.job_number == "12-49600"
