"""The embedded store: graphs replaced whole, changesets atomic, the manifest kept beside the store."""
from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store.backends import Changeset, EmbeddedStore, RemoteEndpoints, canonical_quads, open_store
from kg.store.http import StoreError, auth_headers
from kg.store.manifest import Manifest, ManifestEntry

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SEED = SHARED / "corpus" / "seed" / "A_RES_65_140.txt"
BASE = "https://w3id.org/unres"
G1 = f"{BASE}/eli/un/ga/res/65/140/eng/graph"
G2 = f"{BASE}/eli/un/ga/res/65/140/fra/graph"


def _seed_lines(n: int) -> list[str]:
    """Real text lines from the seed (quotes, tabs, punctuation as the UN typed them)."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    return lines[:n]


def _nt(graph: str, lines: list[str]) -> str:
    out = []
    for i, text in enumerate(lines):
        literal = text.replace("\\", "\\\\").replace('"', '\\"')
        out.append(f'<{graph.removesuffix("/graph")}/p/{i}> <{BASE}/def/unres#text> "{literal}"@en .')
    out.append(f"<{graph.removesuffix('/graph')}> <{BASE}/def/unres#vote> _:v .")
    out.append(f'_:v <{BASE}/def/unres#yes> "130"^^<http://www.w3.org/2001/XMLSchema#integer> .')
    return "\n".join(out) + "\n"


def _graph_size(store: EmbeddedStore, graph: str) -> int:
    return len(list(store.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))))


def test_replace_graph_replaces_the_whole_graph():
    store = EmbeddedStore(None, BASE)
    store.replace_graph(G1, _nt(G1, _seed_lines(10)))
    assert _graph_size(store, G1) == 12
    store.replace_graph(G1, _nt(G1, _seed_lines(3)))
    assert _graph_size(store, G1) == 5


def test_drop_graph_removes_only_that_graph():
    store = EmbeddedStore(None, BASE)
    store.replace_graph(G1, _nt(G1, _seed_lines(4)))
    store.replace_graph(G2, _nt(G2, _seed_lines(4)))
    store.drop_graph(G1)
    assert store.named_graphs() == {G2}


def test_changeset_puts_its_graph_in_the_store_and_its_manifest_entry_beside_it():
    store = EmbeddedStore(None, BASE)
    change = Changeset()
    change.put_graph(G1, _nt(G1, _seed_lines(5)))
    change.set_entry(ManifestEntry("/corpus/a.txt", "ab" * 32, "published", G1, "ods-text", None, 7))
    store.apply(change)
    assert store.transactions == 1
    assert store.manifest()["/corpus/a.txt"].graph == G1
    assert store.named_graphs() == {G1}
    assert len(store.store) == 7


def test_a_failing_replacement_leaves_the_store_as_it_was():
    store = EmbeddedStore(None, BASE)
    store.replace_graph(G1, _nt(G1, _seed_lines(6)))
    before = canonical_quads(store)
    change = Changeset()
    change.put_graph(G1, _nt(G1, _seed_lines(2)))
    change.put_graph(G2, '<http://x> <http://y> "unterminated .\n')   # the second graph is broken
    change.set_entry(ManifestEntry("/corpus/a.txt", "cd" * 32, "published", G1, "akn"))
    with pytest.raises(SyntaxError):
        store.apply(change)
    assert canonical_quads(store) == before


def test_a_failing_first_load_writes_nothing():
    store = EmbeddedStore(None, BASE)
    change = Changeset()
    change.put_graph(G1, _nt(G1, _seed_lines(2)))
    change.put_graph(G2, "<http://x> <http://y> \"unterminated .\n")
    with pytest.raises(SyntaxError):
        store.apply(change)
    assert len(store.store) == 0


def test_manifest_round_trips_reasons_with_quotes_and_newlines():
    store = EmbeddedStore(None, BASE)
    reason = 'does not conform (2 results)\n  - shape: "TitleShape"; message: Less than 1 value\\n'
    entry = ManifestEntry("/corpus/x y/\u00e9.txt", "ef" * 32, "refused", G1, "pdf-text", reason, 0)
    change = Changeset()
    change.set_entry(entry)
    store.apply(change)
    assert store.manifest() == {entry.path: entry}


def test_manifest_entry_replaced_not_duplicated():
    store = EmbeddedStore(None, BASE)
    for sha in ("11" * 32, "22" * 32):
        change = Changeset()
        change.set_entry(ManifestEntry("/corpus/a.txt", sha, "published", G1, "akn", None, 3))
        store.apply(change)
    assert store.manifest()["/corpus/a.txt"].sha256 == "22" * 32
    assert len(store.manifest()) == 1 and len(store.store) == 0


def test_default_graph_is_the_union_of_the_named_graphs():
    store = EmbeddedStore(None, BASE)
    store.replace_graph(G1, _nt(G1, _seed_lines(3)))
    store.replace_graph(G2, _nt(G2, _seed_lines(2)))
    count = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value
    assert int(count) == 5 + 4
    assert not list(store.query("SELECT * WHERE { ?s ?p ?o }", union=False))


def test_on_disk_store_survives_reopening(tmp_path):
    store = open_store(str(tmp_path / "store"), BASE)
    store.replace_graph(G1, _nt(G1, _seed_lines(3)))
    expected = canonical_quads(store)
    store.close()
    assert canonical_quads(open_store(str(tmp_path / "store"), BASE)) == expected


def test_holder_is_tracked_as_entries_change():
    manifest = Manifest()
    manifest.set(ManifestEntry("/a", "1", "published", G1, "akn"))
    manifest.set(ManifestEntry("/b", "2", "superseded", G1, "pdf-text"))
    assert manifest.holder(G1).path == "/a"
    manifest.delete("/a")
    assert manifest.holder(G1) is None
    assert manifest.orphaned_graphs() == {G1}
    assert [e.path for e in manifest.candidates(G1)] == ["/b"]


def test_remote_endpoints_default_to_oxigraph_and_take_overrides():
    oxigraph = RemoteEndpoints.parse("sparql+http://127.0.0.1:7878/")
    assert (oxigraph.query, oxigraph.update, oxigraph.gsp) == (
        "http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update", "http://127.0.0.1:7878/store")
    fuseki = RemoteEndpoints.parse("sparql+http://db:3030/unres?gsp=data")
    assert (fuseki.query, fuseki.update, fuseki.gsp) == (
        "http://db:3030/unres/query", "http://db:3030/unres/update", "http://db:3030/unres/data")
    virtuoso = RemoteEndpoints.parse(
        "sparql+https://db/?query=sparql&update=sparql-auth&gsp=sparql-graph-crud-auth&graph-param=graph-uri")
    assert virtuoso.gsp == "https://db/sparql-graph-crud-auth" and virtuoso.graph_param == "graph-uri"


def test_credentials_in_the_store_url_are_refused():
    with pytest.raises(StoreError):
        RemoteEndpoints.parse("sparql+http://admin:secret@db:3030/unres")


def test_auth_comes_from_the_environment():
    assert auth_headers({"KG_STORE_AUTH_HEADER": "Authorization: Bearer t0k"}) == {"Authorization": "Bearer t0k"}
    assert auth_headers({"KG_STORE_AUTH_HEADER": "X-Api-Key: abc"}) == {"X-Api-Key": "abc"}
    assert auth_headers({"KG_STORE_USER": "dba", "KG_STORE_PASSWORD": "dba"}) == {"Authorization": "Basic ZGJhOmRiYQ=="}
    assert auth_headers({}) == {}


def test_only_replacements_and_drops_count_as_updates_that_call_for_compaction():
    store = EmbeddedStore(None, BASE)
    store.replace_graph(G1, _nt(G1, _seed_lines(3)))      # new graph: bulk loaded, already compact
    assert store.updates == 0
    store.replace_graph(G1, _nt(G1, _seed_lines(2)))      # replaced: old quads deleted
    store.drop_graph(G1)
    assert store.updates == 2


def test_a_changeset_counts_the_triples_it_puts_once_each():
    change = Changeset()
    change.put_graph(G1, _nt(G1, _seed_lines(3)))
    change.put_graph(G2, _nt(G2, _seed_lines(4)), triples=6)
    change.put_graph(G1, _nt(G1, _seed_lines(2)))          # replaces G1's lines in the count
    assert change.triples == 4 + 6
    change.drop_graph(G2)
    assert change.triples == 4
