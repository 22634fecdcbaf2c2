"""One resolution, several formats: the same lead verbs, sub-paragraphs and citations.

The corpus holds resolutions as AKN4UN XML, Word, ODS text and PDF text.  Each test
pins one behaviour that made two formats of the same text disagree, on the real
files where the corpus has them (A/RES/80/12, 80/4: AKN and PDF text) and on small
texts for the general rule.  The lead-phrase table is checked against the corpus it
is learned from, and on the format held out of its learning.
"""
from __future__ import annotations

import collections
import os
from pathlib import Path

import pytest

from kg.map.leads import lead_verb, opening
from kg.parse import parse_path
from kg.parse import leads_lexicon
from kg.parse.citations import find_citations
from kg.parse.leads import _lead_phrase, lead_phrase
from kg.parse.citations import printed_parts
from kg.read.akn_body import sub_label
from kg.model import Span

SHARED = Path(os.environ.get("KG_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
CORPUS = SHARED / "corpus"
AKN_80 = CORPUS / "unxml-ga" / "xml" / "80session" / "English"
PDF_80 = CORPUS / "pdf-extract-ga80-railcar"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"corpus file not found: {path}")
    return path


# -- sub-paragraphs ----------------------------------------------------------------------------

@pytest.mark.parametrize("rendering", ["md/A_RES_80_12.md", "txt-early/A_RES_80_12.txt"])
def test_sub_paragraphs_whose_labels_the_pdf_extraction_lost_are_found(rendering):
    # The PDF prints "(a)" and "(b)" under paragraphs 7 and 8; the extraction kept "(c)" to "(i)" only.
    res = parse_path(str(_need(PDF_80 / rendering)))
    akn = parse_path(str(_need(AKN_80 / "A_RES_80_12-2519970E.xml")))
    assert [len(p.subparagraphs) for p in res.operative] == [len(p.subparagraphs) for p in akn.operative]
    assert [s.label for s in res.operative[6].subparagraphs] == list("abcdefghi")
    assert res.operative[6].subparagraphs[0].text.startswith("To continue the practice of sending")


def test_unlabelled_lines_after_a_paragraph_without_colon_stay_in_it():
    from kg.parse.structure import parse_body

    text = "The General Assembly,\n1. Decides to act;\nTo continue the work;\nTo report;\n2. Requests more.\n"
    lines, pos = [], 0
    for line in text.split("\n")[:-1]:
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    body = parse_body(text, lines, 0, len(lines))
    assert [len(p.subparagraphs) for p in body.operative] == [0, 0]


def test_unlabelled_items_after_a_colon_are_sub_paragraphs():
    from kg.parse.structure import parse_body

    text = "The General Assembly,\n1. Encourages Member States:\nTo inform the Secretary-General;\n" \
           "To continue to provide views;\n2. Decides to remain seized of the matter.\n"
    lines, pos = [], 0
    for line in text.split("\n")[:-1]:
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    body = parse_body(text, lines, 0, len(lines))
    assert [[s.label for s in p.subparagraphs] for p in body.operative] == [["a", "b"], []]


def test_arabic_sub_paragraph_labels_are_read_as_the_letters_of_the_other_languages():
    assert [sub_label(f"({letter})") for letter in "أبجد"] == ["a", "b", "c", "d"]
    assert sub_label("(a)") == "a" and sub_label("1 -") is None


# -- citations ---------------------------------------------------------------------------------

def test_a_link_to_a_whole_resolution_cites_the_part_printed_after_it():
    akn = parse_path(str(_need(AKN_80 / "A_RES_80_12-2519970E.xml")))
    pdf = parse_path(str(_need(PDF_80 / "md" / "A_RES_80_12.md")))
    cited = {c.symbol for c in akn.citations}
    assert {"A/RES/35/142 B", "A/RES/47/54 B"} <= cited
    assert not {"A/RES/35/142", "A/RES/47/54 A-F"} & cited
    assert cited == {c.symbol for c in pdf.citations}


def test_printed_parts_keeps_the_link_when_no_letter_follows():
    text = "its resolution 48/62 of 16 December 1993 and 47/54 A and C"
    assert printed_parts(text, "A/RES/48/62", Span(15, 20)) == [("A/RES/48/62", Span(15, 20))]
    assert [s for s, _ in printed_parts(text, "A/RES/47/54 A-F", Span(45, 50))] == ["A/RES/47/54 A", "A/RES/47/54 C"]


def test_arabic_part_letter_after_a_link_is_read():
    text = "75/290 ألف المؤرخ 25 حزيران/يونيه 2021"
    assert printed_parts(text, "A/RES/75/290", Span(0, 6)) == [("A/RES/75/290 A", Span(0, 10))]


def test_english_akn_keeps_citations_printed_without_a_link():
    akn = parse_path(str(_need(AKN_80 / "A_RES_80_4-2517552E.xml")))
    pdf = parse_path(str(_need(PDF_80 / "md" / "A_RES_80_4.md")))
    assert "A/DEC/76/563" in {c.symbol for c in akn.citations}
    assert {c.symbol for c in akn.citations} == {c.symbol for c in pdf.citations}


def test_a_part_letter_glued_to_the_next_table_cell_is_still_a_part():
    text = "Amount approved in resolutions 71/272 A, 71/273 A and 71/272 BIncrease/ (decrease)"
    symbols = [c.symbol for c in find_citations(text, 0, len(text), "GA", None)]
    assert symbols == ["A/RES/71/272 A", "A/RES/71/273 A", "A/RES/71/272 B"]


def test_a_number_no_council_session_reaches_is_a_general_assembly_resolution():
    text = "as adopted by the General Assembly in its resolution 66/137 of 19 December 2011, and resolution 54/7"
    symbols = [c.symbol for c in find_citations(text, 0, len(text), "HRC", None)]
    assert symbols == ["A/RES/66/137", "A/HRC/RES/54/7"]


# -- lead phrases ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lead", [
    ("Decides to remain seized of the matter;", "Decides"),                      # italic: "Decides" only
    ("Reiterates its call upon all States to refrain", "Reiterates its call upon"),
    ("Pledges its continued support to the Government", "Pledges its continued support"),
    ("Having also considered the report of the Secretary-General,", "Having also considered"),
    ("Encourages further efforts by the United Nations", "Encourages"),
])
def test_plain_text_leads_end_where_the_un_italics_usually_end(text, lead):
    assert lead_phrase(text)[0] == lead


def test_an_unseen_continuation_never_ends_on_a_possessive():
    assert leads_lexicon.lead_length(["reiterates", "its", "unwavering", "commitment", "to"], 1,
                                     {("reiterates", "its"): (5, 1)}) == 4


def test_the_lead_verb_comes_from_the_opening_words_whatever_the_italics():
    text = "Calls upon all parties to resume talks"
    assert lead_verb(opening("Calls", text)) == lead_verb(opening("Calls upon", text)) == "calls upon"
    assert lead_verb(opening("Having also", "Having also considered the report,")) == "having considered"


@pytest.fixture(scope="module")
def examples():
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return list(leads_lexicon.italic_examples([str(CORPUS)]))


def _matches(examples, stats) -> int:
    """Paragraphs whose italic lead the text rules (with ``stats``, if any) reproduce."""
    hits = 0
    for language, _fmt, lead, text in examples:
        if language != "en":
            continue
        rule = _lead_phrase(text[:160])[0]
        hits += (leads_lexicon.adjust(text, rule, language, stats) if stats is not None else rule) == lead
    return hits


def _learned(examples) -> dict:
    return {lang: {k: tuple(v) for k, v in table.items()} for lang, table in leads_lexicon.count(examples).items()}


def test_the_table_learned_from_word_files_predicts_the_akn_italics_better_than_the_rules(examples):
    akn = [e for e in examples if e[1] == "akn"]
    word = [e for e in examples if e[1] == "docx"]
    assert len(akn) > 1000 and len(word) > 1000
    assert _matches(akn, _learned(word)) > _matches(akn, None)


def test_the_table_learned_from_akn_predicts_the_word_italics_better_than_the_rules(examples):
    akn = [e for e in examples if e[1] == "akn"]
    word = [e for e in examples if e[1] == "docx"]
    assert _matches(word, _learned(akn)) > _matches(word, None)


def test_the_shipped_table_is_the_one_the_corpus_gives(examples):
    # Regenerate with: .venv/bin/python -m kg.parse.leads_lexicon ../shared/corpus > kg/data/lead_phrases.tsv
    counted = {lang: t for lang, t in leads_lexicon.count(examples).items() if lang in leads_lexicon.LANGUAGES}
    shipped = leads_lexicon.table()
    assert {lang: {k: tuple(v) for k, v in t.items()} for lang, t in counted.items()} == shipped


def test_every_format_of_a_resolution_gives_the_same_lead_verbs():
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    from kg.store.scan import scan

    groups: dict[tuple[str, str], list] = collections.defaultdict(list)
    for item in scan([str(CORPUS / "unxml-ga"), str(CORPUS / "ods-word"), str(PDF_80)]):
        try:
            res = parse_path(item.path)
        except Exception:
            continue
        groups[(res.symbol, res.language)].append(res)
    compared, differ = 0, []
    for key, records in groups.items():
        verbs = {r.source: [lead_verb(opening(p.lead, p.text)) if p.lead else "" for p in r.paragraphs]
                 for r in records if r.paragraphs}
        shapes = collections.defaultdict(list)
        for source, v in verbs.items():
            shapes[len(v)].append((source, v))
        for same in shapes.values():
            for source, v in same[1:]:
                compared += 1
                if v != same[0][1]:
                    differ.append((key, same[0][0], source))
    assert compared > 50
    assert differ == []


def _published_verbs(path: Path) -> list[str]:
    from kg.map import to_graph

    graph = to_graph(parse_path(str(path))).graph
    return sorted(str(o) for s, p, o in graph if str(p).endswith("leadVerb"))


def test_the_published_lead_verbs_of_akn_and_pdf_text_are_the_same():
    # AKN italicises "Decides" where the text rules once read "Decides to remain seized", and
    # "Expresses" where they read "Expresses its profound gratitude" (A/RES/80/12, 80/3).
    for akn, md in (("A_RES_80_12-2519970E.xml", "A_RES_80_12.md"), ("A_RES_80_3-2516680E.xml", "A_RES_80_3.md")):
        assert _published_verbs(_need(AKN_80 / akn)) == _published_verbs(_need(PDF_80 / "md" / md))


def test_the_published_lead_verb_does_not_depend_on_how_far_the_italics_run():
    # S/RES/2504 (2020) italicises "Calls" before "upon": its verb is the one a plain text of the
    # same paragraph gives ("Calls upon"), not "calls".
    path = _need(CORPUS / "unxml-sc" / "xml" / "2020" / "English" / "S_RES_2504 (2020)-2000407E.xml")
    res = parse_path(str(path))
    assert any(p.lead == "Calls" and p.text.startswith("Calls upon") for p in res.paragraphs)
    from_text = sorted(lead_verb(lead_phrase(p.text)[0]) for p in res.paragraphs if p.lead)
    assert _published_verbs(path) == from_text
