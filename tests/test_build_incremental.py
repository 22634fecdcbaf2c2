"""The build loop on its own (a pipeline of small RDF files): incremental, idempotent, one holder per graph."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.store.backends import EmbeddedStore, canonical_quads
from kg.store.build import BuildOptions, build
from kg.store.testing import rdf_document

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SEED = SHARED / "corpus" / "seed" / "A_RES_65_140.txt"
BASE = "https://w3id.org/unres"
RDF = "kg.store.pipeline:rdf_file_pipeline"


def graph_of(n: int, lang: str = "eng") -> str:
    return f"{BASE}/eli/un/ga/res/65/{n}/{lang}/graph"


def body(n: int, text: str) -> str:
    literal = text.replace("\\", "\\\\").replace('"', '\\"')
    return (f'<{BASE}/eli/un/ga/res/65/{n}> <{BASE}/def/unres#title> "{literal}"@en ;\n'
            f'  <{BASE}/def/unres#vote> [ <{BASE}/def/unres#yes> {n} ] .')


@pytest.fixture()
def corpus(tmp_path) -> Path:
    """Five documents, each a resolution expression, with real seed lines as text."""
    lines = [ln.strip() for ln in SEED.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(1, 6):
        (folder / f"res{n}.txt").write_text(rdf_document(graph_of(n), body(n, lines[n]), "akn"), encoding="utf-8")
    return folder


def run(sources, store, **kwargs):
    options = BuildOptions(sources=[str(s) for s in sources], base=BASE, jobs=1, pipeline=RDF, progress=False,
                           **kwargs)
    return build(options, store)


def graphs(store) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for quad in canonical_quads(store):
        graph = quad.rsplit(" ", 1)[-1]
        out.setdefault(graph, []).append(quad)
    return out


def test_each_document_is_published_in_its_own_named_graph(corpus):
    store = EmbeddedStore(None, BASE)
    report = run([corpus], store)
    assert report.published == 5 and report.balanced
    assert store.named_graphs() == {graph_of(n) for n in range(1, 6)}       # the manifest is beside the store


def test_second_build_writes_nothing_and_parses_nothing(corpus):
    store = EmbeddedStore(None, BASE)
    first = run([corpus], store)
    before = canonical_quads(store)
    writes = store.transactions
    second = run([corpus], store)
    assert store.transactions == writes and second.transactions == 0
    assert (second.read, second.unchanged, first.read) == (0, 5, 5)
    assert second.published == 5 and canonical_quads(store) == before


def test_editing_one_document_changes_exactly_its_graph(corpus):
    store = EmbeddedStore(None, BASE)
    run([corpus], store)
    before = graphs(store)
    (corpus / "res3.txt").write_text(rdf_document(graph_of(3), body(3, "Edited title"), "akn"), encoding="utf-8")
    report = run([corpus], store)
    after = graphs(store)
    changed = {g for g in before.keys() | after.keys() if before.get(g) != after.get(g)}
    assert changed == {f"<{graph_of(3)}>"}
    assert (report.read, report.graphs_written) == (1, 1)


def test_prune_removes_documents_gone_from_the_sources(corpus):
    store = EmbeddedStore(None, BASE)
    run([corpus], store)
    (corpus / "res2.txt").unlink()
    kept = run([corpus], store)
    assert kept.missing == 1 and graph_of(2) in store.named_graphs()
    pruned = run([corpus], store, prune=True)
    assert pruned.removed == 1 and graph_of(2) not in store.named_graphs()
    assert str(corpus / "res2.txt") not in store.manifest()


def test_one_file_per_expression_preferring_akn_whatever_the_order(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    # the same expression from three files; names sort the weaker formats first
    (folder / "a_pdf.txt").write_text(rdf_document(graph_of(7), body(7, "from pdf"), "pdf-text"))
    (folder / "b_ods.txt").write_text(rdf_document(graph_of(7), body(7, "from ods"), "ods-text"))
    (folder / "c_akn.txt").write_text(rdf_document(graph_of(7), body(7, "from akn"), "akn"))
    store = EmbeddedStore(None, BASE)
    report = run([folder], store)
    assert (report.published, report.superseded) == (1, 2)
    assert store.manifest()[str(folder / "c_akn.txt")].status == "published"
    assert any('"from akn"' in q for q in canonical_quads(store))
    assert all(str(folder / "c_akn.txt") in n.reason for n in report.notes if n.status == "superseded")


def test_removing_the_holder_hands_the_graph_to_the_next_best_file(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a_pdf.txt").write_text(rdf_document(graph_of(7), body(7, "from pdf"), "pdf-text"))
    (folder / "b_ods.txt").write_text(rdf_document(graph_of(7), body(7, "from ods"), "ods-text"))
    (folder / "c_akn.txt").write_text(rdf_document(graph_of(7), body(7, "from akn"), "akn"))
    store = EmbeddedStore(None, BASE)
    run([folder], store)
    (folder / "c_akn.txt").unlink()
    report = run([folder], store, prune=True)
    assert store.manifest()[str(folder / "b_ods.txt")].status == "published"
    assert any('"from ods"' in q for q in canonical_quads(store))
    assert (report.published, report.superseded, report.removed) == (1, 1, 1)


def test_a_holder_that_becomes_invalid_gives_way(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a_pdf.txt").write_text(rdf_document(graph_of(7), body(7, "from pdf"), "pdf-text"))
    (folder / "c_akn.txt").write_text(rdf_document(graph_of(7), body(7, "from akn"), "akn"))
    store = EmbeddedStore(None, BASE)
    run([folder], store)
    (folder / "c_akn.txt").write_text("# graph: <broken")
    report = run([folder], store)
    assert (report.published, report.refused) == (1, 1)
    assert any('"from pdf"' in q for q in canonical_quads(store))


def test_bad_files_are_refused_and_every_document_is_accounted_for(corpus):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    good = (corpus / "res1.txt").read_text()
    (corpus / "truncated.txt").write_text(good.replace("res/65/1", "res/65/99")[: len(good) - 20])
    store = EmbeddedStore(None, BASE)
    report = run([corpus], store)
    assert (report.found, report.published, report.refused, report.superseded) == (8, 5, 3, 0)
    assert report.read + report.unchanged == report.found and report.balanced
    refused = {Path(n.path).name: n.reason for n in report.notes if n.status == "refused"}
    assert set(refused) == {"empty.txt", "binary.txt", "truncated.txt"} and all(refused.values())


def test_zip_archives_are_read_member_by_member(corpus, tmp_path):
    archive = shutil.make_archive(str(tmp_path / "bundle"), "zip", corpus)
    store = EmbeddedStore(None, BASE)
    report = run([archive], store)
    assert report.published == 5
    assert all("bundle.zip!" in path for path in store.manifest())


def test_parallel_build_gives_the_same_store_as_a_serial_one(corpus):
    serial, parallel = EmbeddedStore(None, BASE), EmbeddedStore(None, BASE)
    run([corpus], serial)
    build(BuildOptions(sources=[str(corpus)], base=BASE, jobs=2, pipeline=RDF, progress=False), parallel)
    assert canonical_quads(serial) == canonical_quads(parallel)


def test_a_file_that_kills_its_worker_is_refused_and_the_batch_goes_on(corpus):
    (corpus / "deadly.txt").write_text(rdf_document(graph_of(9), "# KILL-THE-WORKER", "akn"))
    store = EmbeddedStore(None, BASE)
    report = build(BuildOptions(sources=[str(corpus)], base=BASE, jobs=2, progress=False,
                                pipeline="kg.store.testing:crashing_pipeline"), store)
    assert (report.published, report.refused) == (5, 1) and report.balanced
    reason = next(n.reason for n in report.notes if n.status == "refused")
    assert "worker process died" in reason


def test_cli_writes_both_reports_and_exits_2_when_something_was_refused(corpus, tmp_path):
    import json

    from click.testing import CliRunner

    from kg.cli import main

    (corpus / "empty.txt").write_bytes(b"")
    report = tmp_path / "out" / "build-report.md"
    result = CliRunner().invoke(main, ["build", str(corpus), "--store", str(tmp_path / "store"), "--jobs", "1",
                                       "--pipeline", RDF, "--report", str(report), "--quiet"])
    assert result.exit_code == 2
    assert f"{corpus / 'empty.txt'}: parse error" in result.output
    data = json.loads(report.with_suffix(".json").read_text())
    assert (data["found"], data["published"], data["refused"], data["balanced"]) == (6, 5, 1, True)
    assert "## Refused (1)" in report.read_text()
