"""``kg build`` with the real stages on a small real set (seed + corpus files + bad files).

One clean build (module fixture) is the reference; the other tests compare
with it: a rebuild writes nothing, an edit changes one graph, a build killed
with SIGKILL and rerun gives the same store, a remote Oxigraph server holds
the same graphs and answers the same query.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.store.backends import EmbeddedStore, RemoteStore, canonical_quads
from kg.store.build import BuildOptions, build
from kg.store.manifest import manifest_graph_iri
from kg.store.testing import OxigraphServer, oxigraph_binary

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
CORPUS = SHARED / "corpus"
BASE = "https://w3id.org/unres"
EPOCH = "1767225600"     # SOURCE_DATE_EPOCH: every build of these tests stamps the same prov:generatedAtTime
REAL = [
    "seed/A_RES_65_140.txt",
    "unxml-ga/xml/80session/English/A_RES_80_10-2519432E.xml",     # AKN ...
    "pdf-extract-ga80-railcar/md/A_RES_80_10.md",                  # ... and PDF text of the same expression
    "ods-word/ga72/original/N1730150.DOC",                         # docx ...
    "ods-word/ga72/text-seedlike/N1730150.txt",                    # ... and ODS-like text of A/RES/72/1
    "unxml-sc/xml/2020/English/S_RES_2504 (2020)-2000407E.xml",
]
BAD = ["empty.txt", "binary.doc", "truncated.xml"]
QUERY = """
SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } }
GROUP BY ?g ORDER BY ?g
"""


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("real") / "corpus"
    folder.mkdir()
    for relative in REAL:
        source = CORPUS / relative
        if not source.exists():
            pytest.skip(f"corpus file missing: {source}")
        shutil.copy(source, folder / source.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.doc").write_bytes(bytes(range(256)) * 64)
    akn = (CORPUS / REAL[1]).read_bytes()
    (folder / "truncated.xml").write_bytes(akn[: len(akn) // 3])
    return folder


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory):
    """The reference: a clean build of the set into an on-disk store."""
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        path = tmp_path_factory.mktemp("clean") / "store"
        store = EmbeddedStore(path, BASE)
        report = build(BuildOptions(sources=[str(corpus)], base=BASE, jobs=2, progress=False), store)
        quads = canonical_quads(store)
        store.close()
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    return path, report, quads


def _by_graph(quads: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for quad in quads:
        out.setdefault(quad.rsplit(" ", 1)[-1], []).append(quad)
    return out


def test_every_document_is_accounted_for_and_bad_files_refused(clean):
    _, report, _ = clean
    assert report.found == len(REAL) + len(BAD)
    assert report.published + report.refused + report.superseded == report.found
    refused = {Path(n.path).name: n.reason for n in report.notes if n.status == "refused"}
    assert set(BAD) <= set(refused) and all(refused[name] for name in BAD)


def test_each_published_resolution_has_its_own_named_graph(clean):
    path, report, quads = clean
    with EmbeddedStore(path, BASE) as store:
        published = [e for e in store.manifest().values() if e.status == "published"]
        graphs = store.named_graphs()
    assert published, "nothing of the real set was published"
    assert len({e.graph for e in published}) == len(published) == report.published
    assert graphs == {e.graph for e in published}      # the manifest is beside the store


def test_one_file_per_expression_prefers_akn_and_docx(clean):
    path, _, _ = clean
    with EmbeddedStore(path, BASE) as store:
        manifest = {Path(p).name: e for p, e in store.manifest().items()}
    checked = 0
    for weaker, stronger in (("A_RES_80_10.md", "A_RES_80_10-2519432E.xml"), ("N1730150.txt", "N1730150.DOC")):
        low, high = manifest[weaker], manifest[stronger]
        if "refused" in (low.status, high.status):
            continue
        checked += 1
        assert low.graph == high.graph
        assert (high.status, low.status) == ("published", "superseded")
    assert checked, "no pair of the same expression got through validation"


def test_rebuild_parses_nothing_and_writes_nothing(clean, corpus):
    path, first, quads = clean
    with EmbeddedStore(path, BASE) as store:
        report = build(BuildOptions(sources=[str(corpus)], base=BASE, jobs=2, progress=False), store)
        assert (report.read, report.unchanged, report.transactions, store.transactions) == (0, first.found, 0, 0)
        assert canonical_quads(store) == quads
    assert (report.published, report.refused, report.superseded) == (first.published, first.refused, first.superseded)


def test_editing_one_document_changes_exactly_its_graph(clean, corpus, tmp_path):
    path, _, quads = clean
    copy = tmp_path / "store"
    shutil.copytree(path, copy)
    store = EmbeddedStore(copy, BASE)
    target = next((e for e in store.manifest().values() if e.status == "published" and e.path.endswith(".xml")), None)
    if target is None:
        store.close()
        pytest.fail("no AKN document of the real set was published")
    original = Path(target.path).read_bytes()
    try:
        edited = original.replace(b"Security Council", b"Security  Council", 1) if b"Security Council" in original \
            else original.replace(b"General Assembly", b"General  Assembly", 1)
        assert edited != original
        Path(target.path).write_bytes(edited)
        os.environ["SOURCE_DATE_EPOCH"] = EPOCH
        report = build(BuildOptions(sources=[str(corpus)], base=BASE, jobs=1, progress=False), store)
        after = canonical_quads(store)
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        Path(target.path).write_bytes(original)
        store.close()
    before, now = _by_graph(quads), _by_graph(after)
    changed = {g for g in before.keys() | now.keys() if before.get(g) != now.get(g)}
    assert report.read == 1
    assert f"<{target.graph}>" in changed
    assert changed <= {f"<{target.graph}>"}


def _graphs_match_manifest(store: EmbeddedStore, reference: dict[str, list[str]]) -> None:
    """Nothing half-written: every graph in the store is whole (as in the clean build) and claimed by the manifest."""
    published = {e.graph for e in store.manifest().values() if e.status == "published"}
    assert store.named_graphs() - {manifest_graph_iri(BASE)} == published
    current = _by_graph(canonical_quads(store, include_manifest=False))
    for graph, lines in current.items():
        assert lines == reference[graph], f"{graph} differs from the clean build"


def test_a_build_killed_midway_is_completed_by_the_next_one(clean, corpus, tmp_path):
    path, report, quads = clean
    store_dir, trace = tmp_path / "store", tmp_path / "commits.log"
    command = [sys.executable, "-m", "kg.cli", "build", str(corpus), "--store", str(store_dir),
               "--jobs", "1", "--batch-size", "1", "--quiet"]
    slow = {**_env(), "KG_BUILD_COMMIT_DELAY": "0.7", "KG_BUILD_TRACE": str(trace)}
    process = subprocess.Popen(command, env=slow, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if trace.exists() and len(trace.read_text().splitlines()) >= 2:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the build finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    committed = len(trace.read_text().splitlines())
    assert 2 <= committed < report.found

    with EmbeddedStore(store_dir, BASE) as half:
        assert 0 < len(half.manifest()) < report.found
        _graphs_match_manifest(half, _by_graph(quads))

    rerun = subprocess.run(command[:-5] + ["--jobs", "2", "--quiet"], env=_env(), capture_output=True, text=True)
    assert rerun.returncode in (0, 2), rerun.stderr
    with EmbeddedStore(store_dir, BASE) as finished:
        assert canonical_quads(finished) == quads


@pytest.mark.skipif(oxigraph_binary() is None, reason="oxigraph server CLI not installed")
def test_remote_server_gets_the_same_graphs_and_answers_the_same(clean, corpus, tmp_path):
    path, _, quads = clean
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        with OxigraphServer(tmp_path / "remote") as server:
            remote = RemoteStore(server.store_spec, BASE)
            report = build(BuildOptions(sources=[str(corpus)], base=BASE, jobs=2, progress=False), remote)
            assert report.balanced
            assert canonical_quads(remote, include_manifest=False) == quads   # its manifest: in a named graph
            with EmbeddedStore(path, BASE) as embedded:
                answer = [tuple(map(str, row)) for row in embedded.query(QUERY)]
                assert remote.manifest() == embedded.manifest()
            remote_answer = [tuple(map(str, row)) for row in remote.query(QUERY)]
            assert [row for row in remote_answer if row[0] != f"<{manifest_graph_iri(BASE)}>"] == answer
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
