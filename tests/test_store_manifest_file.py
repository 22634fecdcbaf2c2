"""The embedded store's build manifest lives beside the store (kg/store/manifest_file.py), not in it.

A build killed between a batch's graphs and its manifest entries is repaired by the next build; a
store built when the manifest was a named graph is migrated when a build opens it.
"""
from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from fault_support import (BASE, RDF_PIPELINE, build_command, by_graph, consistent, env, rdf_corpus, read_only)
from kg.publish.pipeline import graph_file_paths
from kg.store import graphfiles, manifest_file
from kg.store.backends import EmbeddedStore, canonical_quads
from kg.store.build import BuildOptions, build
from kg.store.manifest import entry_to_ntriples, manifest_graph_iri
from kg.store.testing import rdf_document

DOCUMENTS = 12


def _clean(corpus: Path) -> EmbeddedStore:
    store = EmbeddedStore(None, BASE)
    build(BuildOptions(sources=[str(corpus)], base=BASE, jobs=1, pipeline=RDF_PIPELINE, progress=False), store)
    return store


def _kill_before_manifest(command: list[str], gate: Path) -> None:
    """Run the build until a batch's graphs are in the store and its entries are not, then SIGKILL it."""
    gate.write_text("hold\n")
    reached = Path(f"{gate}.reached")
    reached.unlink(missing_ok=True)
    process = subprocess.Popen(command, env=env(KG_BUILD_MANIFEST_GATE=str(gate)),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while not reached.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert reached.exists(), "the build never reached its manifest commit"
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        gate.unlink(missing_ok=True)


def test_a_build_killed_between_its_graphs_and_their_entries_is_repaired_by_the_next(tmp_path):
    """The graphs the manifest does not know are dropped, even one whose source is gone meanwhile
    (a rebuild alone would leave that one in the store for ever)."""
    corpus = rdf_corpus(tmp_path / "corpus", DOCUMENTS)
    store = tmp_path / "store"
    command = build_command(corpus, str(store), RDF_PIPELINE, batch=5)
    _kill_before_manifest(command, tmp_path / "gate")
    half = read_only(store)
    stray = sorted(half.named_graphs())
    assert stray, "the kill did not land after the graphs were written"
    assert half.manifest() == {}                                    # the entries never made it
    del half
    gone = sorted(corpus.glob("res*.txt"))[0]
    assert gone.read_text().split("<", 1)[1].split(">", 1)[0] in stray
    gone.unlink()
    clean = _clean(corpus)
    assert consistent(read_only(store), by_graph(canonical_quads(clean)), exact=False) == []   # claims nothing
    rerun = subprocess.run(command, env=env(), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 2, rerun.stderr                      # 2: the two bad documents are refused
    assert "no manifest entry publishes" in rerun.stderr
    repaired = read_only(store)
    assert consistent(repaired, by_graph(canonical_quads(clean))) == []   # no graph without an entry
    assert canonical_quads(repaired) == canonical_quads(clean)
    assert repaired.manifest() == clean.manifest()


def test_an_entry_of_a_graph_being_replaced_goes_before_the_graph_changes(tmp_path):
    """Killed between the new content of an edited document's graph and its entry: the manifest does
    not describe the new content with the old entry (its checksum, triples, graph file); the next
    build rebuilds the document."""
    corpus = rdf_corpus(tmp_path / "corpus", DOCUMENTS)
    store = tmp_path / "store"
    command = build_command(corpus, str(store), RDF_PIPELINE, batch=5)
    assert subprocess.run(command, env=env(), capture_output=True, timeout=300).returncode == 2
    edited = f"{BASE}/eli/un/ga/res/65/3/eng/graph"
    (corpus / "res0003.txt").write_text(rdf_document(edited, f'<{BASE}/eli/un/ga/res/65/3> '
                                                     f'<{BASE}/def/unres#title> "Edited"@en .', "akn"))
    clean = _clean(corpus)
    _kill_before_manifest(command, tmp_path / "gate")
    half = read_only(store)
    assert edited not in {e.graph for e in half.manifest().values() if e.status == "published"}
    assert consistent(half, by_graph(canonical_quads(clean)), exact=False) == []
    del half
    assert subprocess.run(command, env=env(), capture_output=True, timeout=300).returncode == 2
    repaired = read_only(store)
    assert consistent(repaired, by_graph(canonical_quads(clean))) == []
    assert repaired.manifest() == clean.manifest()


def _make_old_form(store_dir: Path) -> dict:
    """Turn a store into the form the build wrote before the manifest file: entries in the named graph
    ``{base}/graph/build-manifest`` (N-Triples as that build wrote them), no file beside the store."""
    with EmbeddedStore(store_dir, BASE) as current:
        entries = current.manifest()
    manifest_file.path_in(store_dir).unlink()
    old = ox.Store(str(store_dir))
    old.load("".join(entry_to_ntriples(e, BASE) for e in entries.values()), format=ox.RdfFormat.N_TRIPLES,
             to_graph=ox.NamedNode(manifest_graph_iri(BASE)))
    old.flush()
    del old
    return entries


def _corpus_with_graph_files(folder: Path) -> Path:
    """The fault corpus plus documents without blank nodes (those get graph files)."""
    rdf_corpus(folder, DOCUMENTS)
    for n in range(3):
        work = f"{BASE}/eli/un/sc/res/2020/{n}"
        (folder / f"sc{n}.txt").write_text(rdf_document(f"{work}/eng/graph", f'<{work}> <{BASE}/def/unres#title> '
                                                        f'"Resolution {n} \\"quoted\\""@en .', "akn"))
    return folder


def test_a_store_with_its_manifest_in_a_named_graph_is_migrated_by_the_next_build(tmp_path):
    corpus = _corpus_with_graph_files(tmp_path / "corpus")
    store_dir = tmp_path / "store"
    with EmbeddedStore(store_dir, BASE) as first:
        build(BuildOptions(sources=[str(corpus)], base=BASE, jobs=1, pipeline=RDF_PIPELINE, progress=False), first)
        graphs = canonical_quads(first)
    entries = _make_old_form(store_dir)
    readonly = ox.Store.read_only(str(store_dir))
    files_before = graph_file_paths(readonly, graphfiles.folder_of(store_dir))   # kg dump reads the old form
    assert ox.NamedNode(manifest_graph_iri(BASE)) in set(readonly.named_graphs()) and files_before
    del readonly
    with EmbeddedStore(store_dir, BASE) as store:
        report = build(BuildOptions(sources=[str(corpus)], base=BASE, jobs=1, pipeline=RDF_PIPELINE,
                                    progress=False), store)
        assert (report.read, report.transactions) == (0, 0)        # nothing rebuilt: the entries came across
        assert store.manifest() == entries
        assert manifest_graph_iri(BASE) not in store.named_graphs()
        assert canonical_quads(store) == graphs
    assert not list(manifest_file.path_in(store_dir).parent.glob(".*.tmp*"))
    readonly = ox.Store.read_only(str(store_dir))
    assert graph_file_paths(readonly, graphfiles.folder_of(store_dir)) == files_before


def test_a_migration_killed_after_the_file_and_before_the_drop_finishes_at_the_next_open(tmp_path):
    corpus = rdf_corpus(tmp_path / "corpus", 4)
    store_dir = tmp_path / "store"
    with EmbeddedStore(store_dir, BASE) as first:
        build(BuildOptions(sources=[str(corpus)], base=BASE, jobs=1, pipeline=RDF_PIPELINE, progress=False), first)
    saved = manifest_file.path_in(store_dir).read_bytes()
    entries = _make_old_form(store_dir)
    manifest_file.path_in(store_dir).write_bytes(saved)          # the file renamed into place, the graph not dropped
    with EmbeddedStore(store_dir, BASE) as store:
        assert store.manifest() == entries
        assert manifest_graph_iri(BASE) not in store.named_graphs()


# --- the served store: the resolutions and nothing else ------------------------------------------

SAMPLE = Path(__file__).resolve().parents[1] / "sample"


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    """``kg build sample`` (the real command, as ``make run`` does) into a new store."""
    if not SAMPLE.is_dir():
        pytest.skip("no sample folder")
    store = tmp_path_factory.mktemp("served") / "store"
    done = subprocess.run(build_command(SAMPLE, str(store), None, jobs=2, batch=256), env=env(),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 2), done.stderr
    return store


def _count(store: ox.Store, sparql: str) -> int:
    return int(next(iter(store.query(sparql, use_default_graph_as_union=True)))[0].value)


def test_the_served_default_graph_is_the_union_of_the_resolution_graphs_only(sample_store):
    store = ox.Store.read_only(str(sample_store))
    manifest = manifest_graph_iri(BASE)
    graphs = [g.value for g in store.named_graphs()]
    assert graphs and manifest not in graphs
    leaks = store.query(f'SELECT * WHERE {{ {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{manifest}")) }} UNION '
                        f'{{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{manifest}")) }} }} LIMIT 5',
                        use_default_graph_as_union=True)
    assert list(leaks) == []
    per_graph = sum(_count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}") for g in graphs)
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == per_graph
    entries = manifest_file.ManifestFile(manifest_file.path_in(sample_store), read_only=True).entries()
    assert sorted(e.graph for e in entries.values() if e.status == "published") == sorted(graphs)


def test_kg_serve_answers_without_manifest_triples_or_links(sample_store):
    import json
    import urllib.error
    import urllib.parse
    import urllib.request

    from kg.serve.app import create_app
    from kg.serve.config import ServeConfig
    from kg.serve.testing import LiveServer

    def ask(live, sparql: str) -> list[dict]:
        body = urllib.parse.urlencode({"query": sparql}).encode()
        request = urllib.request.Request(live.url + "/sparql", data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=60) as reply:
            return json.loads(reply.read())["results"]["bindings"]

    store = ox.Store.read_only(str(sample_store))
    graphs = sorted(g.value for g in store.named_graphs())
    del store
    app = create_app(ServeConfig(store_path=str(sample_store), workers=1, timeout=30, max_rows=1000))
    with LiveServer(app) as live:
        listed = sorted(row["g"]["value"] for row in ask(live, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"))
        assert listed == graphs
        built = ask(live, f"SELECT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?p), '{BASE}/def/build')) }} LIMIT 1")
        assert built == []
        for graph in graphs:              # the page of a graph IRI: linked from nothing but the resolutions
            try:
                with urllib.request.urlopen(live.url + graph.removeprefix(BASE), timeout=60) as page:
                    html = page.read().decode("utf-8")
            except urllib.error.HTTPError as error:
                html = error.read().decode("utf-8")
            assert "build-manifest" not in html and "/def/build" not in html, graph
