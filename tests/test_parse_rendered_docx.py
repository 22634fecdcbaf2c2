"""Every AKN resolution of the corpus, laid out as a UN Word file, parses to the same record.

The corpus's real Word files are General Assembly (session 72) and ECOSOC (2018) resolutions in
English; people will feed Word files of every organ in the six UN languages (and German).  Here
each AKN resolution of every organ and language is laid out as the UN lays out its Word files
(tests/docx_support.py: masthead in the first-page header, one paragraph per block, a tab after
the number, italic leads, real Word footnotes; and, as Word files made outside the UN are, with
Word's list numbering instead of typed numbers) and parsed as Word: the header fields and the
paragraph counts must be those the AKN reader gives, as for the PDF-text layout
(tests/test_parse_rendered_akn.py and tests/test_parse_rendered_akn_languages.py).
"""
from __future__ import annotations

import pytest

from docx_support import render_as_docx
from kg.read.textcodec import normalise
from test_parse_rendered_akn import CORPUS, FIELDS
from test_parse_rendered_akn_languages import KNOWN as KNOWN_LANGUAGES

FILES = sorted(p for p in CORPUS.glob("unxml-*/xml/**/*.xml") if not {"Not adopted", "PRST"} & set(p.parts))
#: Differences that are the print's (the PDF-text tests list them): a Word file of the same text
#: prints them too.  (The PDF-text tests' AKN_MARKUP_QUIRKS are not here: the Word layout keeps
#: the AKN's blocks as paragraphs, so it agrees with the markup.)
SOURCE_QUIRKS: dict[str, str] = dict(KNOWN_LANGUAGES)
#: Differences of the Word reader itself, each with its cause; strict: a fix makes the test say so.
KNOWN: dict[str, str] = {}
pytestmark = pytest.mark.skipif(not FILES, reason="shared corpus not found")


@pytest.mark.parametrize("path", FILES, ids=lambda p: "/".join(p.parts[-2:]))
def test_word_file_of_an_akn_resolution_parses_alike(path, tmp_path, request):
    reason = KNOWN.get(path.name) or SOURCE_QUIRKS.get(path.name)
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    akn, word = render_as_docx(path, tmp_path)
    assert word.source_format == "docx"
    assert word.language == akn.language
    assert {f: getattr(word, f) for f in FIELDS} == {f: getattr(akn, f) for f in FIELDS}
    assert (len(word.preamble), len(word.operative)) == (len(akn.preamble), len(akn.operative))


def _structure(record) -> tuple[list[list[str]], list[str]]:
    """The sub-paragraph labels of each operative paragraph (nested ones flattened) and the footnote
    texts (normalised as every reader's text is: the AKN keeps non-breaking hyphens, the readers not)."""
    def labels(subs) -> list[str]:
        return [label for sub in subs for label in [sub.label, *labels(sub.subparagraphs)]]
    return [labels(p.subparagraphs) for p in record.operative], [" ".join(normalise(n.text).split()) for n in record.footnotes]


@pytest.mark.parametrize("path", FILES, ids=lambda p: "/".join(p.parts[-2:]))
def test_word_file_keeps_sub_paragraphs_and_footnotes(path, tmp_path):
    """The Word layout's own structure: "<tab><tab>(a)<tab>" sub-paragraphs and real Word footnotes
    (the number printed by Word, the text in word/footnotes.xml) come back as the AKN has them."""
    akn, word = render_as_docx(path, tmp_path)
    assert _structure(word) == _structure(akn)


@pytest.mark.parametrize("path", FILES, ids=lambda p: "/".join(p.parts[-2:]))
def test_word_file_numbered_by_word_lists_parses_alike(path, tmp_path, request):
    """A Word file made outside the UN numbers its paragraphs with Word's list numbering ("1.",
    "(a)" from word/numbering.xml, not typed): it must parse as the typed one does."""
    reason = KNOWN.get(path.name) or SOURCE_QUIRKS.get(path.name)
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    akn, word = render_as_docx(path, tmp_path, numbering=True)
    assert {f: getattr(word, f) for f in FIELDS} == {f: getattr(akn, f) for f in FIELDS}
    assert (len(word.preamble), len(word.operative)) == (len(akn.preamble), len(akn.operative))
    assert _structure(word) == _structure(akn)
