"""Graph files beside the store (kg/store/graphfiles.py): written by `kg build`, read by `kg dump`.

Real documents (the seed and AKN files) through the real pipeline; the dump read from the
graph files must be byte for byte the dump read from the store, whatever happens to the files.
"""
from __future__ import annotations

import gzip
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.publish import dump_release
from kg.publish.dump import store_lines
from kg.publish.graphs import resolution_graphs
from kg.publish.pipeline import graph_file_paths
from kg.store import graphfiles, manifest_file
from kg.store.backends import EmbeddedStore
from kg.store.build import BuildOptions, build
from publish_support import real_sources

BASE = "https://w3id.org/unres"
pytestmark = pytest.mark.skipif(len(real_sources()) < 2, reason="corpus not found (set KG_SHARED)")


def _build(sources: list[Path], store_dir: Path, epoch: str, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    store = EmbeddedStore(store_dir, BASE)
    try:
        build(BuildOptions(sources=[str(s) for s in sources], base=BASE, jobs=1, progress=False), store)
    finally:
        store.close()


def _stage(sources: list[Path], folder: Path) -> Path:
    """Copies of the sources (so a test can change one)."""
    folder.mkdir(parents=True)
    for source in sources:
        shutil.copyfile(source, folder / f"{source.parent.name}_{source.name}")
    return folder


def _files(store_dir: Path) -> set[str]:
    return {p.name for p in graphfiles.folder_of(store_dir).iterdir()}  # type: ignore[union-attr]


def _dump(store_dir: Path, out: Path, version: str, with_files: bool) -> bytes:
    store = ox.Store.read_only(str(store_dir))
    dump_release(store, out, version=version, log=lambda m: None,
                 graph_files=graphfiles.folder_of(store_dir) if with_files else None)
    return gzip.decompress((out / version / "unres.nt.gz").read_bytes())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A store built from real documents, and its dump read the slow way (from the store only)."""
    root = tmp_path_factory.mktemp("graphfiles")
    sources = _stage(real_sources(3), root / "sources")
    with pytest.MonkeyPatch.context() as monkeypatch:
        _build([sources], root / "store", "1767225600", monkeypatch)
    reference = _dump(root / "store", root / "data", "from-store", with_files=False)
    return root, reference


def _copy_store(root: Path, target: Path) -> Path:
    shutil.copytree(root / "store", target)
    return target


def test_build_writes_one_file_per_published_graph_with_the_store_lines(built):
    root, _ = built
    store = ox.Store.read_only(str(root / "store"))
    graphs = resolution_graphs(store)
    files = graph_file_paths(store, graphfiles.folder_of(root / "store"))
    assert graphs and set(files) == {g.value for g in graphs}
    assert _files(root / "store") == {path.name for path, _ in files.values()}
    for graph in graphs:
        path, digest = files[graph.value]
        content = gzip.decompress(path.read_bytes())
        assert content == store_lines(store, graph)          # the store's own lines, sorted, unique
        assert hashlib.sha256(content).hexdigest() == digest == path.name.split(".")[0]


def test_dump_from_graph_files_is_byte_identical_to_the_dump_from_the_store(built, tmp_path):
    root, reference = built
    assert _dump(root / "store", tmp_path, "from-files", with_files=True) == reference
    assert reference.splitlines() == sorted(set(reference.splitlines()))


def test_nquads_from_graph_files_hold_the_same_quads_as_from_the_store(built, tmp_path):
    root, _ = built
    _dump(root / "store", tmp_path, "from-files", with_files=True)
    from_files = gzip.decompress((tmp_path / "from-files" / "unres.nq.gz").read_bytes()).splitlines()
    from_store = gzip.decompress((root / "data" / "from-store" / "unres.nq.gz").read_bytes()).splitlines()
    assert len(from_files) == len(from_store) and set(from_files) == set(from_store)


def test_a_store_without_graph_files_dumps_identically(built, tmp_path):
    root, reference = built
    store_dir = _copy_store(root, tmp_path / "store")
    shutil.rmtree(graphfiles.folder_of(store_dir))  # type: ignore[arg-type]
    assert _dump(store_dir, tmp_path / "data", "v", with_files=True) == reference


def test_damaged_or_missing_graph_files_never_change_the_dump(built, tmp_path):
    root, reference = built
    store_dir = _copy_store(root, tmp_path / "store")
    paths = sorted(graphfiles.folder_of(store_dir).iterdir())  # type: ignore[union-attr]
    assert len(paths) >= 4
    data = paths[0].read_bytes()
    paths[0].write_bytes(data[:30] + bytes([data[30] ^ 0x55]) + data[31:])        # corrupt deflate data
    paths[1].write_bytes(paths[1].read_bytes()[:-12])                             # truncated
    paths[2].write_bytes(gzip.compress(b"<urn:x> <urn:y> <urn:z> .\n"))           # valid gzip, wrong content
    paths[3].unlink()                                                             # missing
    messages: list[str] = []
    store = ox.Store.read_only(str(store_dir))
    dump_release(store, tmp_path / "data", version="v", log=messages.append,
                 graph_files=graphfiles.folder_of(store_dir))
    assert gzip.decompress((tmp_path / "data" / "v" / "unres.nt.gz").read_bytes()) == reference
    assert sum("damaged graph file" in m for m in messages) == 3


def test_rebuild_replacing_a_graph_replaces_its_file_and_removes_the_old_one(tmp_path, monkeypatch):
    sources = _stage(real_sources(1), tmp_path / "sources")
    store_dir = tmp_path / "store"
    _build([sources], store_dir, "1767225600", monkeypatch)
    before = _files(store_dir)
    changed = sorted(sources.iterdir())[0]
    changed.write_bytes(changed.read_bytes() + b"\n")                # a new checksum: the document runs again
    _build([sources], store_dir, "1767312000", monkeypatch)      # a new build time: a new graph
    after = _files(store_dir)
    assert len(before) == len(after) == 2 and len(after - before) == 1
    store = ox.Store.read_only(str(store_dir))
    assert {p.name for p, _ in graph_file_paths(store, graphfiles.folder_of(store_dir)).values()} == after


def test_the_next_build_removes_orphan_files(built, tmp_path, monkeypatch):
    root, _ = built
    store_dir = _copy_store(root, tmp_path / "store")
    folder = graphfiles.folder_of(store_dir)
    assert folder is not None
    kept = _files(store_dir)
    (folder / f"{'0' * 64}{graphfiles.SUFFIX}").write_bytes(gzip.compress(b""))     # a replaced graph's file
    (folder / f"{graphfiles.TEMP_PREFIX}999-{'1' * 64}").write_bytes(b"half")      # a killed writer's
    _build([root / "sources"], store_dir, "1767225600", monkeypatch)  # nothing changed
    assert _files(store_dir) == kept


def test_graphs_with_blank_nodes_get_no_file():
    assert graphfiles.prepare('<urn:a> <urn:p> _:b1 .\n') is None
    assert graphfiles.prepare('<urn:a> <urn:p> "x" .\n') is not None


def test_graph_file_lines_are_written_as_the_store_writes_them_back():
    """Literals the store rewrites (leading zeros, derived integer types, decimals, time zones,
    xsd:string, raw tabs, \\u escapes, upper-case language tags) come out as the store gives them."""
    import pyoxigraph as ox

    from kg.store.graphfiles import canonical_lines

    xsd = "http://www.w3.org/2001/XMLSchema#"
    objects = [f'"007"^^<{xsd}integer>', f'"12"^^<{xsd}nonNegativeInteger>', f'"3"^^<{xsd}positiveInteger>',
               f'"0.950"^^<{xsd}decimal>', f'"2026-01-01T00:00:00+00:00"^^<{xsd}dateTime>',
               f'"plain"^^<{xsd}string>', f'"true"^^<{xsd}boolean>', '"a\ttab"', '"caf\\u00E9"', '"Hi"@EN',
               '"it\\\'s"', '"quote \\" and backslash \\\\"@en', "<https://w3id.org/unres/id/state/Q30>"]
    for number, term in enumerate(objects):
        text = f"<https://example.org/s{number}> <https://example.org/p> {term} .\n"
        store = ox.Store()
        store.load(text, ox.RdfFormat.N_TRIPLES)
        expected = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        assert canonical_lines(text) == expected, term


def test_a_rebuild_writes_the_missing_graph_files_of_a_store_built_without_them(built, tmp_path, monkeypatch):
    """A store from before graph files existed (no files, no digests in the manifest) gets them at
    the next build, read back from the store; the build after that writes nothing."""
    root, reference = built
    store_dir = _copy_store(root, tmp_path / "store")
    shutil.rmtree(graphfiles.folder_of(store_dir))  # type: ignore[arg-type]
    with sqlite3.connect(manifest_file.path_in(store_dir)) as manifest:
        manifest.execute("UPDATE entries SET graph_sha256 = NULL")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    for expected_transactions in (1, 0):
        store = EmbeddedStore(store_dir, BASE)
        try:
            report = build(BuildOptions(sources=[str(root / "sources")], base=BASE, jobs=1, progress=False), store)
        finally:
            store.close()
        assert report.read == 0 and report.transactions == expected_transactions
    readonly = ox.Store.read_only(str(store_dir))
    files = graph_file_paths(readonly, graphfiles.folder_of(store_dir))
    assert set(files) == {g.value for g in resolution_graphs(readonly)}
    del readonly
    assert _dump(store_dir, tmp_path / "data", "v", with_files=True) == reference


def _store_lines(text: str) -> bytes:
    """What the store gives back for ``text``: its N-Triples, sorted bytewise, unique."""
    store = ox.Store()
    store.load(text, ox.RdfFormat.N_TRIPLES)
    dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return b"".join(sorted(set(dumped.splitlines(keepends=True))))


_XSD = "http://www.w3.org/2001/XMLSchema#"
# Objects that the fast path (line by line, no trip through the store) must get right.
_FAST_OBJECTS = [
    '"plain"', '"say \\"x\\"^^<urn:t> . y"', '"ends like one \\"^^<urn:t>"', '"quote \\" back \\\\ slash"',
    '"stays"@en', '"tag"@en-gb', '"a \\"^^<urn:t> in a tagged one"@fr', '"caf\u00e9 \u2013 \u201cok\u201d"@en',
    f'"007"^^<{_XSD}integer>', f'"12"^^<{_XSD}nonNegativeInteger>', f'"+3"^^<{_XSD}positiveInteger>',
    f'"0.950"^^<{_XSD}decimal>', f'"2026-01-01T00:00:00+00:00"^^<{_XSD}dateTime>', f'"1"^^<{_XSD}boolean>',
    f'"with \\"quotes\\" and \\\\"^^<{_XSD}string>', f'"x\\"^^<urn:t>"^^<{_XSD}string>', '"?"^^<urn:kg:type>',
    f'"\u00e9t\u00e9"^^<{_XSD}string>', "<https://w3id.org/unres/id/state/Q30>", "<urn:a_:b>",
    f'"x\\"12"^^<{_XSD}nonNegativeInteger>',     # ill-typed, kept; it ends like the "12" above
]


def _document(objects: list[str]) -> str:
    return "".join(f"<https://example.org/s{i % 7}> <https://example.org/p{i % 3}> {term} .\n"
                   for i, term in enumerate(objects))


def test_the_line_by_line_path_writes_every_kind_of_literal_as_the_store_does():
    """Typed literals among plain, escaped and tagged ones, ``"^^<`` inside plain strings,
    duplicates, a missing last newline, bytes, and a second pass served from what was learnt."""
    from kg.store.graphfiles import _store_may_rewrite, canonical_lines

    text = _document(_FAST_OBJECTS + _FAST_OBJECTS[::-1])          # duplicates, other subjects
    assert not _store_may_rewrite(text.encode())                    # this is the line-by-line path
    expected = _store_lines(text)
    assert canonical_lines(text) == expected
    assert canonical_lines(text) == expected                        # again, from the remembered line ends
    assert canonical_lines(text.rstrip("\n")) == expected
    assert canonical_lines(text.encode()) == expected
    shifted = text.replace("https://example.org/s", "https://example.org/other/s")
    assert canonical_lines(shifted) == _store_lines(shifted)        # same literals, new line starts


@pytest.mark.parametrize("odd", ['"tab\there"', '"nul\\u0000"', f'"\\u0031"^^<{_XSD}integer>', '"Hi"@EN-gb',
                                 '"it\\\'s"', '"vt\x0bhere"', '"del\x7f"'])
def test_a_graph_the_store_may_rewrite_otherwise_goes_through_the_store_whole(odd):
    from kg.store.graphfiles import _store_may_rewrite, canonical_lines

    text = _document(_FAST_OBJECTS + [odd])
    assert _store_may_rewrite(text.encode())
    assert canonical_lines(text) == _store_lines(text)


def test_prepare_gives_no_file_for_blank_nodes_or_no_triples_and_the_store_lines_otherwise():
    assert graphfiles.prepare("") is None and graphfiles.prepare(" \n\t\n") is None
    assert graphfiles.prepare("_:b <urn:p> <urn:o> .\n") is None
    assert graphfiles.prepare('<urn:s> <urn:p> "a _:b" .\n') is None                # errs on the safe side
    text = _document(_FAST_OBJECTS)
    graph_file = graphfiles.prepare(text.rstrip("\n"))                              # no last newline
    assert graph_file is not None and "_:" in text
    content = gzip.decompress(graph_file.data)
    assert content == _store_lines(text) and graph_file.sha256 == hashlib.sha256(content).hexdigest()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), st.sampled_from([
    "integer", "nonNegativeInteger", "decimal", "double", "boolean", "date", "dateTime", "string"]),
    st.text(alphabet='0123456789+-.:TZe"\\^<>@ _xé', max_size=12), st.booleans()), min_size=1, max_size=25))
def test_any_mix_of_typed_and_plain_literals_comes_out_as_the_store_writes_it(rows):
    """Random lexical forms (quotes, backslashes, ``^^<`` and ``@`` in them) under many datatypes."""
    from kg.store.graphfiles import canonical_lines

    def literal(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    text = "".join(f"<urn:s{s}> <urn:p{p}> {literal(value)}{f'^^<{_XSD}{datatype}>' if typed else ''} .\n"
                   for s, p, datatype, value, typed in rows)
    assert canonical_lines(text) == _store_lines(text)


def test_lines_the_store_rewrites_into_one_line_come_out_once():
    """``"007"`` and ``"+7"`` are written back as the ``"7"`` already there; a rewritten line given
    twice is rewritten once (the lines are worked on once each, after deduplication)."""
    from kg.store.graphfiles import canonical_lines

    integer = f"^^<{_XSD}integer>"
    text = "".join(f'<urn:s> <urn:p> "{value}"{integer} .\n' for value in ("7", "007", "+7", "007", "0.50"))
    text += f'<urn:s> <urn:p> "0.5"^^<{_XSD}decimal> .\n<urn:s> <urn:p> "0.50"^^<{_XSD}decimal> .\n'
    expected = _store_lines(text)
    assert expected.count(b"\n") == 3                     # 7, the ill-typed "0.50" integer, 0.5
    assert canonical_lines(text) == expected
    assert canonical_lines(text) == expected              # again, from the remembered line ends
