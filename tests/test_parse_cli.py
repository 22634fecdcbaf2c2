"""``kg parse``: summaries, JSON Lines, folders and zips, bad files on stderr with exit status 2."""
from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.parse import iter_documents, parse_path

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SEED = SHARED / "corpus" / "seed" / "A_RES_65_140.txt"
SAMPLE = Path(__file__).resolve().parents[1] / "sample"
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="shared corpus not available")


def run(*args: str):
    return CliRunner().invoke(main, ["parse", *args])


def test_summary_of_the_seed():
    result = run(str(SEED))
    assert result.exit_code == 0, result.output
    assert "A/RES/65/140" in result.output and "18 preambular, 21 operative" in result.output


def test_json_lines_contract():
    result = run("--json", str(SEED))
    assert result.exit_code == 0
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 1
    record = json.loads(lines[0])
    for key in ("source", "symbol", "organ", "session", "title", "adoption_date", "meeting", "committee",
                "origin_documents", "agenda_items", "distribution_date", "job_number", "preamble", "operative",
                "footnotes", "citations"):
        assert key in record
    assert record["meeting"] == 68 and record["committee"] is None and record["source"] == str(SEED)
    assert record["preamble"][1]["lead"] == "Recalling also"
    assert {"number", "lead", "text", "subparagraphs"} <= set(record["operative"][0])
    assert {"symbol", "date", "span"} <= set(record["citations"][0])


def test_bad_files_reported_others_parsed(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.dat").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    result = CliRunner().invoke(main, ["parse", "--json", str(tmp_path)])
    assert result.exit_code == 2
    stderr = result.stderr
    assert f"{tmp_path / 'empty.txt'}: empty file" in stderr
    assert f"{tmp_path / 'binary.dat'}: binary" in stderr
    assert "Traceback" not in stderr
    assert json.loads(result.stdout.strip())["symbol"] == "A/RES/65/140"


def test_zip_members_are_documents(tmp_path):
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(SEED, "texts/A_RES_65_140.txt")
        zf.writestr("README.md", "not a resolution")
        zf.writestr("meta.json", "{}")
    skipped: list[str] = []
    paths = list(iter_documents([str(tmp_path)], skipped))
    assert paths == [f"{archive}!texts/A_RES_65_140.txt"]
    assert sorted(skipped) == [f"{archive}!README.md", f"{archive}!meta.json"]
    assert parse_path(paths[0]).symbol == "A/RES/65/140"


def test_parallel_output_keeps_input_order():
    result = run("--json", "-j", "2", str(SEED), str(SAMPLE / "N1731586.DOC"), str(SEED))
    assert result.exit_code == 0
    symbols = [json.loads(line)["symbol"] for line in result.stdout.strip().split("\n")]
    assert symbols == ["A/RES/65/140", "A/RES/72/2", "A/RES/65/140"]


def test_the_bundled_sample_parses():
    result = run("--json", str(SAMPLE))
    assert result.exit_code == 0, result.output
    organs = {json.loads(line)["organ"] for line in result.stdout.strip().split("\n")}
    assert organs == {"GA", "SC", "HRC", "ECOSOC"}
