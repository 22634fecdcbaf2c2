"""Documents too large to be a resolution are refused by name and size, before they are read whole."""
from __future__ import annotations

import zipfile

import pytest

import kg.parse.sources as sources
from kg.model import ParseError
from kg.parse import parse_path
from kg.store.backends import EmbeddedStore
from kg.store.build import BuildOptions, build

SEED_LINE = "Resolution adopted by the General Assembly on 21 December 2010\n"


@pytest.fixture()
def small_limit(monkeypatch):
    monkeypatch.setattr(sources, "MAX_DOCUMENT_BYTES", 1000)


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit(tmp_path, small_limit):
    big = tmp_path / "huge.txt"
    big.write_text(SEED_LINE * 100)
    with pytest.raises(ParseError, match=r"huge\.txt.*too large to be a resolution .*KG_MAX_DOCUMENT_MB"):
        parse_path(str(big))


def test_a_zip_member_over_the_limit_is_refused(tmp_path, small_limit):
    archive = tmp_path / "docs.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.txt", SEED_LINE * 100)     # compresses to far less than the limit
    with pytest.raises(ParseError, match="too large to be a resolution"):
        sources.read_bytes(f"{archive}!big.txt")


def test_a_file_under_the_limit_is_read_whole(tmp_path, small_limit):
    small = tmp_path / "small.txt"
    small.write_text(SEED_LINE * 10)
    assert sources.read_bytes(str(small)) == small.read_bytes()


def test_a_build_refuses_the_oversized_file_and_goes_on(tmp_path, small_limit):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "huge.txt").write_text(SEED_LINE * 100)
    (folder / "other.txt").write_text("not a resolution at all\n")
    report = build(BuildOptions(sources=[str(folder)], jobs=1, progress=False), EmbeddedStore(None, "https://w3id.org/unres"))
    reasons = {note.path.rsplit("/", 1)[-1]: note.reason for note in report.notes if note.status == "refused"}
    assert "too large to be a resolution" in reasons["huge.txt"]
    assert "other.txt" in reasons            # judged on its own merits: the batch went on
