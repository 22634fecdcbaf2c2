"""The two readers agree: the AKN XML and the PDF-extracted text of the same resolution
give the same record on every field both have.

The corpus holds A/RES/80/1, 80/3, 80/7 and 80/10 both as AKN XML (``unxml-ga``) and as
PyMuPDF text with front matter (``pdf-extract-ga80-railcar/md``).  On failure the test
lists every field that differs, with both values.
"""
from __future__ import annotations

import pytest

from kg.model import Resolution
from kg.parse import parse_path
from test_akn_support import CORPUS, read

PAIRS = {
    "80/1": "A_RES_80_1-2515106E.xml",
    "80/3": "A_RES_80_3-2516680E.xml",
    "80/7": "A_RES_80_7-2518769E.xml",
    "80/10": "A_RES_80_10-2519432E.xml",
}


def comparable(res: Resolution) -> dict[str, object]:
    """The fields both readers fill, in a form that does not depend on the rendering."""
    return {
        "symbol": res.symbol,
        "adoption_date": res.adoption_date,
        "meeting": res.meeting,
        "meeting_kind": res.meeting_kind,
        "committee": res.committee,
        "origin_documents": res.origin_documents,
        "agenda_items": res.agenda_items,
        "title": " ".join((res.title or "").split()),
        "preambular paragraphs": len(res.preamble),
        "operative paragraphs": len(res.operative),
        "operative numbers": [p.number for p in res.operative],
        "footnotes": len(res.footnotes),
        "cited symbols": sorted({c.symbol for c in res.citations}),
        "annexes": len(res.annexes),
    }


def differences(akn: Resolution, text: Resolution) -> list[str]:
    a, t = comparable(akn), comparable(text)
    return [f"{k}: AKN {a[k]!r} != text {t[k]!r}" for k in a if a[k] != t[k]]


@pytest.mark.parametrize("number", PAIRS)
def test_akn_and_text_readers_agree(number):
    akn = read(CORPUS / "unxml-ga/xml/80session/English" / PAIRS[number])
    assert isinstance(akn, Resolution), str(akn)
    text = parse_path(str(CORPUS / "pdf-extract-ga80-railcar/md" / f"A_RES_{number.replace('/', '_')}.md"))
    diffs = differences(akn, text)
    assert not diffs, f"A/RES/{number}: " + "; ".join(diffs)
