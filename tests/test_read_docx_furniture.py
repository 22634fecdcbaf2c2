"""Word files: the headers and footers (the masthead in the first-page header) are not body.

The reader puts the header and footer parts after the body (Word keeps them apart from the
story).  The ODS's Word files carry an ODS comment that ends the body before them; a Word file
without it (saved again, or made outside the ODS) must still end its body there, and the masthead
found after the body must still give the symbol and the distribution date.
"""
from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from docx_support import render_as_docx
from kg.parse import parse_path
from kg.read.docx import FURNITURE_RULE, read_docx

SHARED = Path(os.environ.get("KG_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
CORPUS = SHARED / "corpus"
ODS = CORPUS / "ods-word"
pytestmark = pytest.mark.skipif(not ODS.is_dir(), reason=f"ODS Word files not found at {ODS}")


def _without_ods_comment(data: bytes) -> bytes:
    """The Word file without its comments part (and the relationship to it)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename.startswith("word/comments"):
                continue
            payload = source.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                payload = re.sub(rb"<Relationship [^>]*comments[A-Za-z]*\.xml\"/>", b"", payload)
            target.writestr(info, payload)
    return out.getvalue()


def _record(res) -> tuple:
    return (res.symbol, res.adoption_date, res.meeting, res.distribution_date,
            len(res.preamble), len(res.operative), len(res.footnotes))


def test_a_rule_ends_the_body_before_the_headers_without_an_ods_comment(tmp_path):
    path = ODS / "ga72" / "original" / "N1741617.DOC"
    data = _without_ods_comment(path.read_bytes())
    lines = read_docx(str(path), data)[0].split("\n")
    assert lines.index(FURNITURE_RULE) < lines.index("Distr.: General")
    assert lines.index(FURNITURE_RULE) > max(i for i, line in enumerate(lines) if line.startswith("\t7\t"))
    copy = tmp_path / "N1741617.docx"
    copy.write_bytes(data)
    assert _record(parse_path(str(copy))) == _record(parse_path(str(path)))


def test_the_ods_word_files_keep_their_text():
    """With the ODS comment, the text is as before: no rule is added."""
    path = ODS / "ga72" / "original" / "N1741617.DOC"
    assert FURNITURE_RULE not in read_docx(str(path), path.read_bytes())[0]


@pytest.mark.parametrize("name", ["original/N1741681.DOC", "text-seedlike/N1741681.txt"])
def test_masthead_after_a_body_without_footnotes_gives_the_distribution_date(name):
    """A resolution without footnotes: the masthead after the body (from the first-page header) is
    still read, as it is for one with footnotes."""
    res = parse_path(str(ODS / "ga72" / name))
    assert not res.footnotes
    assert res.distribution_date == "2017-12-11"


def test_a_masthead_date_that_reads_like_a_paragraph_number_is_not_a_paragraph(tmp_path):
    """German dates print a full stop after the day ("29. Januar 2021"): in the first-page header,
    after the body, the date must not become operative paragraph 29."""
    path = next(CORPUS.glob("unxml-sc/xml/2021/German/S_RES_2561*.xml"))
    akn, word = render_as_docx(path, tmp_path)
    assert [p.number for p in word.operative] == [p.number for p in akn.operative]


def test_symbol_from_the_masthead_after_the_body(tmp_path):
    """The Russian S/RES/2812 (2026) prints no "Резолюция 2812 (2026)" line: its symbol stands in the
    masthead only, which a Word file puts in the first-page header, after the body."""
    path = next(CORPUS.glob("unxml-sc/xml/2026/Russian/S_RES_2812-*.xml"))
    akn, word = render_as_docx(path, tmp_path)
    assert word.symbol == akn.symbol == "S/RES/2812 (2026)"
