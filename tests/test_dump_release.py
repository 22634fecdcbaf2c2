"""Dumps of a generated store with blank nodes, escapes and six scripts; releases and `latest`;
the `kg dump` command."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pyoxigraph as ox
import pytest

from kg.publish import dump_release, latest_release, release_path, releases
from kg.publish.graphs import resolution_graphs
from kg.publish.sample_store import build_sample_store
from publish_support import REPO, blank_shape, rdflib_triples, split_ground, store_triples


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample")
    build_sample_store(root / "store", 30)
    store = ox.Store.read_only(str(root / "store"))
    dump_release(store, root / "data", version="s1", log=lambda m: None)
    return store, root / "data"


@pytest.mark.parametrize("filename,fmt", [("unres.nt.gz", "nt"), ("unres.ttl.gz", "turtle"),
                                          ("unres.jsonld.gz", "json-ld")])
def test_blank_nodes_and_escapes_survive_every_format(sample, filename, fmt):
    store, data = sample
    expected = store_triples(store, resolution_graphs(store))
    ground, blank = split_ground(expected)
    assert blank, "the sample has blank nodes"
    assert any("\n" in t[2][1] for t in ground if t[2][0] == "L"), "and literals with newlines"
    got_ground, got_blank = split_ground(set(rdflib_triples(data / "s1" / filename, fmt)))
    assert got_ground == ground
    assert blank_shape(got_blank) == blank_shape(blank)


def test_release_is_listed_and_latest_points_at_it(sample):
    _, data = sample
    assert [m.version for m in releases(data)] == ["s1"]
    assert latest_release(data) == (data / "s1").resolve()
    assert (data / "latest").resolve() == (data / "s1").resolve()
    assert release_path(data, "latest") == (data / "s1").resolve()
    assert release_path(data, "s1") == data / "s1"


@pytest.mark.parametrize("bad", ["..", "../s1", "s1/../s1", "", "nope", "a b"])
def test_release_path_refuses_anything_but_a_known_version(sample, bad):
    _, data = sample
    assert release_path(data, bad) is None


def test_a_new_release_moves_latest_and_keeps_the_old_one(sample, tmp_path):
    store, _ = sample
    dump_release(store, tmp_path, version="a", log=lambda m: None)
    dump_release(store, tmp_path, version="b", log=lambda m: None)
    assert [m.version for m in releases(tmp_path)] == ["a", "b"]
    assert latest_release(tmp_path) == (tmp_path / "b").resolve()


def test_redump_keeps_the_first_issue_date(sample, tmp_path, monkeypatch):
    store, _ = sample
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = dump_release(store, tmp_path, version="v", log=lambda m: None)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    second = dump_release(store, tmp_path, version="v", log=lambda m: None)
    assert second.issued == first.issued == "2023-11-14T22:13:20Z"
    assert second.modified == "2027-01-15T08:00:00Z"


def test_sha256sums_match_the_files(sample):
    import hashlib

    _, data = sample
    lines = (data / "s1" / "SHA256SUMS").read_text().splitlines()
    assert len(lines) >= 5
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((data / "s1" / name).read_bytes()).hexdigest() == digest


def _kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=REPO, capture_output=True, text=True)


def test_command_writes_a_release(sample, tmp_path):
    store, _ = sample
    store_dir = tmp_path / "store"
    build_sample_store(store_dir, 3)
    result = _kg("dump", "--store", str(store_dir), "--out", str(tmp_path / "out"), "--version", "c1")
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "out" / "c1" / "release.json").read_text())
    assert manifest["version"] == "c1" and manifest["triples"] > 0
    assert os.path.islink(tmp_path / "out" / "latest")


def test_command_missing_store_is_one_line_error(tmp_path):
    result = _kg("dump", "--store", str(tmp_path / "absent"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "absent" in result.stderr
    assert "Traceback" not in result.stderr


def test_command_bad_version_is_one_line_error(sample, tmp_path):
    result = _kg("dump", "--store", str(tmp_path), "--out", str(tmp_path / "out"), "--version", "../x")
    assert result.returncode == 2
    assert "invalid release version" in result.stderr and "Traceback" not in result.stderr
