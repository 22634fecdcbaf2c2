"""``kg accuracy`` on a small folder of real files: it runs, never crashes, prints the table."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.parse.accuracy_report import run_accuracy

SHARED = Path(os.environ.get("KG_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")

FILES = [
    "unxml-ga/data_extract/80.json",
    "unxml-ga/xml/80session/English/A_RES_80_7-2518769E.xml",
    "pdf-extract-ga80-railcar/md/A_RES_80_7.md",
    "unxml-sc/xml/PRST/2010/S_PRST_2010_1-1020850E.xml",
]


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for rel in FILES:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / rel, root / rel)
    # A file that maps to ground truth (front matter) but is no resolution: a miss with its reason.
    bad = root / "pdf-extract-ga80-railcar" / "md" / "A_RES_80_1.md"
    bad.write_text("---\nsymbol: A/RES/80/1\ndate: \"2025-09-19\"\n---\n\nnothing to see here\n", encoding="utf-8")
    return root


def test_prints_the_markdown_table(small_corpus):
    out = CliRunner().invoke(main, ["accuracy", str(small_corpus)])
    assert out.exit_code == 0, out.output
    assert "| field | pdf-text | akn | all |" in out.output
    assert "| symbol |" in out.output and "| meeting |" in out.output


def test_a_document_that_fails_to_parse_is_a_miss_with_its_reason(small_corpus):
    out = CliRunner().invoke(main, ["accuracy", str(small_corpus)])
    assert "A_RES_80_1.md" in out.output and "parse" in out.output
    assert "| documents (parsed / checked) | 1/2 | 1/1 |" in out.output


def test_files_without_ground_truth_are_counted(small_corpus):
    out = CliRunner().invoke(main, ["accuracy", str(small_corpus), "--details"])
    assert "S_PRST_2010_1-1020850E.xml" in out.output and "presidentialStatement" in out.output


def test_json_output(small_corpus):
    out = CliRunner().invoke(main, ["accuracy", str(small_corpus), "--json"])
    data = json.loads(out.output)
    assert data["accuracy"]["symbol|akn"]["total"] == 1
    assert {d["symbol"] for d in data["documents"]} == {"A/RES/80/7", "A/RES/80/1"}


def test_a_crashing_parser_does_not_stop_the_run(small_corpus):
    def explode(path: str):
        raise RuntimeError("boom")

    report = run_accuracy(small_corpus, parse=explode, offered=None)
    assert report.documents and all(d.error == "crash: RuntimeError: boom" for d in report.documents)
    assert all(not r.ok for d in report.documents for r in d.fields)


def test_a_file_the_parser_walk_does_not_offer_is_a_miss(small_corpus):
    report = run_accuracy(small_corpus, parse=lambda p: pytest.fail("must not parse"), offered=[])
    assert {d.error for d in report.documents} == {"not offered by kg.parse.iter_documents"}
