"""Publishing into a remote SPARQL 1.1 store: a real ``oxigraph serve`` process on a loopback port."""
from __future__ import annotations

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kg.store.backends import EmbeddedStore, RemoteStore, canonical_quads
from kg.store.build import BuildOptions, build
from kg.store.http import HttpClient, StoreError
from kg.store.testing import OxigraphServer, free_port, oxigraph_binary, rdf_document

pytestmark = pytest.mark.skipif(oxigraph_binary() is None, reason="oxigraph server CLI not installed")

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SEED = SHARED / "corpus" / "seed" / "A_RES_65_140.txt"
BASE = "https://w3id.org/unres"
RDF = "kg.store.pipeline:rdf_file_pipeline"
QUERY = """
SELECT ?work ?title (COUNT(?yes) AS ?votes) WHERE {
  ?work <https://w3id.org/unres/def/unres#title> ?title .
  OPTIONAL { ?work <https://w3id.org/unres/def/unres#vote> ?v . ?v <https://w3id.org/unres/def/unres#yes> ?yes }
} GROUP BY ?work ?title ORDER BY ?work
"""


@pytest.fixture()
def corpus(tmp_path) -> Path:
    lines = [ln.strip() for ln in SEED.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(1, 7):
        work = f"{BASE}/eli/un/ga/res/65/{n}"
        title = lines[n].replace("\\", "\\\\").replace('"', '\\"')
        (folder / f"res{n}.txt").write_text(rdf_document(
            f"{work}/eng/graph",
            f'<{work}> <{BASE}/def/unres#title> "{title}"@en ; <{BASE}/def/unres#vote> [ <{BASE}/def/unres#yes> {n} ] .',
            "akn"), encoding="utf-8")
    return folder


@pytest.fixture()
def server(tmp_path):
    with OxigraphServer(tmp_path / "oxigraph") as running:
        yield running


def run(corpus, store, **kwargs):
    return build(BuildOptions(sources=[str(corpus)], base=BASE, jobs=1, pipeline=RDF, progress=False, **kwargs), store)


def rows(result) -> list[tuple[str, ...]]:
    return [tuple(str(value) for value in row) for row in result]


def test_remote_build_holds_the_same_graphs_as_the_embedded_one(corpus, server):
    remote, embedded = RemoteStore(server.store_spec, BASE), EmbeddedStore(None, BASE)
    run(corpus, remote)
    run(corpus, embedded)
    assert canonical_quads(remote, include_manifest=False) == canonical_quads(embedded)
    assert remote.manifest() == embedded.manifest()          # in its named graph there, beside the embedded store
    assert rows(remote.query(QUERY)) == rows(embedded.query(QUERY))
    assert len(rows(remote.query(QUERY))) == 6


def test_remote_rebuild_writes_nothing(corpus, server):
    remote = RemoteStore(server.store_spec, BASE)
    run(corpus, remote)
    again = RemoteStore(server.store_spec, BASE)
    report = run(corpus, again)
    assert (report.read, report.transactions, again.transactions) == (0, 0, 0)
    methods = again.client.requests
    assert methods <= 2          # reading the manifest and the graph list, nothing else


def test_remote_edit_replaces_one_graph_with_a_put(corpus, server):
    remote = RemoteStore(server.store_spec, BASE)
    run(corpus, remote)
    (corpus / "res4.txt").write_text(rdf_document(
        f"{BASE}/eli/un/ga/res/65/4/eng/graph", f'<{BASE}/eli/un/ga/res/65/4> <{BASE}/def/unres#title> "New"@en .',
        "akn"))
    report = run(corpus, remote)
    assert report.graphs_written == 1
    titles = dict(rows(remote.query(f"SELECT ?w ?t WHERE {{ ?w <{BASE}/def/unres#title> ?t }}")))
    assert titles[f"<{BASE}/eli/un/ga/res/65/4>"] == '"New"@en'


def test_remote_prune_deletes_the_graph(corpus, server):
    remote = RemoteStore(server.store_spec, BASE)
    run(corpus, remote)
    (corpus / "res1.txt").unlink()
    report = run(corpus, remote, prune=True)
    assert report.removed == 1
    assert f"{BASE}/eli/un/ga/res/65/1/eng/graph" not in remote.named_graphs()


def test_client_retries_until_the_server_comes_up(corpus, tmp_path):
    port = free_port()
    late = OxigraphServer(tmp_path / "late", port=port)
    timer = threading.Timer(0.8, late.start)
    timer.start()
    try:
        client = HttpClient(first_delay=0.2, attempts=8)
        remote = RemoteStore(f"sparql+http://127.0.0.1:{port}/", BASE, client=client)
        report = run(corpus, remote)
        assert report.published == 6 and client.retries >= 1
    finally:
        timer.join()
        late.stop()


def test_unreachable_store_fails_with_one_clear_error(corpus):
    client = HttpClient(first_delay=0.01, attempts=3)
    remote = RemoteStore(f"sparql+http://127.0.0.1:{free_port()}/", BASE, client=client)
    with pytest.raises(StoreError, match="gave up after 3 attempts"):
        run(corpus, remote)


class _RecordingStore(BaseHTTPRequestHandler):
    """A minimal SPARQL store that records the headers it is sent (answers: empty results, 204)."""

    seen: list[tuple[str, str | None]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.seen.append((self.command, self.headers.get("Authorization")))
        if self.command == "POST" and self.path.startswith("/query"):
            body = b'{"head":{"vars":["s","p","o","g"]},"results":{"bindings":[]}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_response(204)
            self.end_headers()

    do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize("env, expected", [
    ({"KG_STORE_AUTH_HEADER": "Authorization: Bearer secret-token"}, "Bearer secret-token"),
    ({"KG_STORE_USER": "dba", "KG_STORE_PASSWORD": "s3cret"}, "Basic ZGJhOnMzY3JldA=="),
])
def test_credentials_from_the_environment_go_with_every_request(corpus, monkeypatch, env, expected):
    for name in ("KG_STORE_AUTH_HEADER", "KG_STORE_USER", "KG_STORE_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    _RecordingStore.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _RecordingStore)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        report = run(corpus, RemoteStore(f"sparql+http://127.0.0.1:{httpd.server_address[1]}/", BASE))
    finally:
        httpd.shutdown()
        httpd.server_close()
    methods = {method for method, _ in _RecordingStore.seen}
    assert report.published == 6 and {"PUT", "POST"} <= methods
    assert {auth for _, auth in _RecordingStore.seen} == {expected}
