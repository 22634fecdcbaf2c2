"""The scaled-corpus generator of the benchmark: real documents, renumbered, parse back to new symbols."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.bench.corpus import (family_of, load_templates, make_corpus, plan_corpus, renumber, shift_dates,
                             write_corpus)
from kg.parse import parse_path

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
CORPUS = SHARED / "corpus"
# One real document of each organ and of the main text formats (those present in the corpus).
SOURCES = [
    CORPUS / "seed" / "A_RES_65_140.txt",                                        # ODS text
    CORPUS / "unxml-hrc" / "xml" / "54session" / "English" / "A_HRC_RES_54_1E.xml",  # AKN, HRC
    CORPUS / "unxml-sc" / "xml" / "2021" / "English" / "S_RES_2572_2105407E.xml",     # AKN, SC
    CORPUS / "pdf-ga73-gatenlp" / "text-pdftotext-layout" / "A_RES_73_3-EN.txt",       # PDF text
    CORPUS / "ods-word" / "ecosoc2018" / "text-seedlike" / "N1812941.txt",             # Word-derived text, ECOSOC
]

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not found (set KG_SHARED)")


@pytest.fixture(scope="module")
def templates():
    found, _skipped = load_templates([str(p) for p in SOURCES if p.is_file()])
    assert found, "no template could be parsed"
    return found


def test_templates_cover_several_organs(templates):
    assert {family_of(t.symbol)[0] for t in templates} >= {"GA", "HRC", "SC"}


def test_generated_symbols_are_unique(templates):
    plan = plan_corpus(templates, 40, seed=3)
    symbols = [doc.symbol for doc in plan]
    assert len(set(symbols)) == len(symbols) == 40
    assert not {t.symbol for t in templates} & set(symbols)


def test_generated_files_parse_back_to_their_new_symbols(templates, tmp_path):
    plan = plan_corpus(templates, 2 * len(templates), seed=5)
    list(write_corpus(plan, tmp_path))
    for doc in plan:
        assert parse_path(str(tmp_path / doc.relpath)).symbol == doc.symbol, doc.relpath


def test_copies_keep_the_structure_and_citation_density_of_the_template(templates, tmp_path):
    plan = plan_corpus(templates, len(templates), seed=7)
    list(write_corpus(plan, tmp_path))
    for doc in plan:
        original, copy = parse_path(doc.template.path), parse_path(str(tmp_path / doc.relpath))
        assert len(copy.operative) == len(original.operative), doc.relpath
        assert len(copy.preamble) == len(original.preamble), doc.relpath
        assert len(copy.citations) == len(original.citations), doc.relpath
        size = os.path.getsize(doc.template.path)
        assert abs(os.path.getsize(tmp_path / doc.relpath) - size) < 0.02 * size + 200


def test_generation_is_deterministic_for_a_seed(templates, tmp_path):
    def generate(folder: Path, seed: int) -> dict[str, bytes]:
        make_corpus([], 12, folder, seed=seed, templates=templates)
        return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    first, again, other = generate(tmp_path / "a", 11), generate(tmp_path / "b", 11), generate(tmp_path / "c", 12)
    assert first == again
    assert first != other


def test_seed_copy_renumbers_symbol_citations_dates_and_job_number(templates):
    seed = next(t for t in templates if t.symbol == "A/RES/65/140")
    doc = plan_corpus([seed], 2, seed=0)[1]                     # the second copy: citations move 200 sessions
    text = renumber(Path(seed.path).read_text(encoding="utf-8"), doc.renumbering)
    assert "A/RES/65/140" not in text and doc.symbol in text
    assert "resolutions 237/4 of" in text                       # 37/4 in copy 2
    assert "10-52094" not in text and "1052094" not in text
    assert "16 December 2010" not in text


def test_shifted_dates_stay_in_their_month_and_keep_ranges_in_order():
    assert shift_dates("held on 7 and 8 December 2005", 2) == "held on 9 and 10 December 2005"
    assert shift_dates("from 27 to 29 May 2010", 2) == "from 25 to 27 May 2010"
    assert shift_dates("2019-10-30", -3) == "2019-10-27"
    assert shift_dates("31 January 2001", 1) == "30 January 2001"


def test_family_of_known_and_unknown_symbols():
    assert family_of("A/RES/65/140") == ("GA", ("65", "140"))
    assert family_of("A/HRC/RES/16/18") == ("HRC", ("16", "18"))
    assert family_of("S/RES/1325 (2000)") == ("SC", ("1325", "2000"))
    assert family_of("E/RES/2018/5") == ("ECOSOC", ("2018", "5"))
    assert family_of("A/RES/3369 (XXX)") is None
