"""`kg serve --public-url`: absolute URLs never come from the request's Host header.

A release of real documents is dumped by the real writer; `kg serve` runs as a real process on a
loopback port (granian, as users run it; once waitress) and a real HTTP client sends forged
``Host`` (and ``X-Forwarded-*``) headers.  With ``--public-url`` the catalogue, listings, VoID,
service description and query page carry the public URL whatever Host says, and a Host that is
not the public one (nor loopback) gets 400.  Without it (local use) URLs follow Host as before,
but those answers are ``Cache-Control: private``, so a forged one cannot sit in a shared cache.
"""
from __future__ import annotations

import http.client
import subprocess
import sys
import urllib.parse

import pytest
from rdflib import Graph, Namespace

from kg.serve.app import create_app
from kg.serve.config import ServeConfig
from kg.serve.testing import LiveServer, published_sample_release
from reliability_support import REPO
from serve_support import ServerProcess

DCAT = Namespace("http://www.w3.org/ns/dcat#")   # open namespace: pytest probes module attributes
PUBLIC = "https://data.example.org"
VERSION = "t1"
FORGED = {"Host": "attacker.example"}
# Trusted names with a forged port, and proxy headers the app must not honour (no ProxyFix).
SNEAKY = {"Host": "data.example.org:6666", "X-Forwarded-Host": "attacker.example",
          "X-Forwarded-Proto": "http", "X-Forwarded-Port": "6666", "Forwarded": "host=attacker.example"}

# Every answer that writes this server's absolute URLs: (path, request headers).
HOST_DERIVED = [
    ("/catalog.ttl", {}),
    ("/catalog", {"Accept": "text/html"}),
    ("/data.json", {}),
    ("/data/", {"Accept": "text/html"}),
    (f"/data/{VERSION}.json", {}),
    ("/.well-known/void.ttl", {}),
    ("/sparql", {"Accept": "text/turtle"}),          # the SPARQL Service Description
]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A release of the shared sample store (real documents), dumped by the real writer."""
    return published_sample_release(tmp_path_factory.mktemp("releases") / "data", VERSION)


@pytest.fixture(scope="module")
def public(published):
    """`kg serve --public-url https://data.example.org/` (granian), reached at 127.0.0.1:port."""
    store_path, data = published
    with ServerProcess(store_path, workers=1, extra=["--data", str(data), "--public-url", PUBLIC + "/"]) as server:
        yield server


@pytest.fixture(scope="module")
def local(published):
    """The app without a public URL (local use), on a loopback port."""
    store_path, data = published
    with LiveServer(create_app(ServeConfig(store_path=str(store_path), data_dir=str(data), workers=1))) as live:
        yield live


def get(server, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """One GET on a fresh connection; a ``Host`` given replaces the client's own (sent once)."""
    headers = headers or {}
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.putrequest("GET", path, skip_host="Host" in headers, skip_accept_encoding=True)
        for key, value in headers.items():
            conn.putheader(key, value)
        conn.endheaders()
        reply = conn.getresponse()
        return reply.status, {k.lower(): v for k, v in reply.getheaders()}, reply.read()
    finally:
        conn.close()


def download_urls(body: bytes) -> list[str]:
    graph = Graph().parse(data=body, format="turtle")
    return sorted(str(url) for url in graph.objects(None, DCAT.downloadURL))


# --- with --public-url ------------------------------------------------------------------------

def test_the_catalogue_uses_the_public_url(public):
    status, _, body = get(public, "/catalog.ttl")
    assert status == 200
    urls = download_urls(body)
    assert urls and all(url.startswith(f"{PUBLIC}/data/{VERSION}/") for url in urls), urls
    graph = Graph().parse(data=body, format="turtle")
    assert {str(url) for url in graph.objects(None, DCAT.endpointURL)} == {f"{PUBLIC}/sparql"}


@pytest.mark.parametrize("path, headers", HOST_DERIVED, ids=[p for p, _ in HOST_DERIVED])
def test_a_forged_host_does_not_change_the_urls_written(public, path, headers):
    status, _, honest = get(public, path, headers)
    forged_status, _, forged = get(public, path, {**headers, **SNEAKY})
    assert status == forged_status == 200
    assert forged == honest
    assert PUBLIC.encode() in forged and b":6666" not in forged and b"attacker" not in forged
    assert f"127.0.0.1:{public.port}".encode() not in forged


def test_the_query_page_names_the_public_endpoint(public):
    status, _, body = get(public, "/", {"Accept": "text/html", **SNEAKY})
    assert status == 200
    assert f"{PUBLIC}/sparql".encode() in body and b":6666" not in body and b"attacker" not in body


@pytest.mark.parametrize("path, headers", [
    ("/catalog.ttl", {}),
    ("/data.json", {}),
    ("/health", {}),
    ("/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"), {"Accept": "application/sparql-results+json"}),
    ("/sparql", {"Accept": "text/turtle"}),
    ("/eli/un/ga/res/65/140", {"Accept": "text/turtle"}),
], ids=["catalog", "listing", "health", "sparql-get-fast-path", "service-description", "resource"])
def test_an_untrusted_host_gets_400(public, path, headers):
    status, _, body = get(public, path, {**headers, **FORGED})
    assert status == 400, body[:300]
    assert b"attacker" not in body or b"not trusted" in body


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "data.example.org"])
def test_the_public_host_and_loopback_are_trusted(public, host):
    status, _, _ = get(public, "/health", {"Host": f"{host}:{public.port}"})
    assert status == 200


def test_with_a_public_url_the_catalogue_may_be_kept_by_shared_caches(public):
    status, headers, _ = get(public, "/catalog.ttl")
    assert status == 200 and headers["cache-control"].startswith("public")


def test_the_public_url_can_come_from_the_environment(published, monkeypatch):
    """``KG_PUBLIC_URL`` (containers), under waitress this time."""
    store_path, data = published
    monkeypatch.setenv("KG_PUBLIC_URL", "https://env.example.org")
    with ServerProcess(store_path, workers=1, extra=["--data", str(data), "--server", "waitress"]) as server:
        status, _, body = get(server, "/catalog.ttl", {**SNEAKY, "Host": "env.example.org:6666"})
        assert status == 200
        urls = download_urls(body)
        assert urls and all(url.startswith(f"https://env.example.org/data/{VERSION}/") for url in urls), urls
        assert get(server, "/catalog.ttl", FORGED)[0] == 400


@pytest.mark.parametrize("url", ["ftp://data.example.org", "data.example.org", "https://data.example.org/?x=1",
                                 "https://user@data.example.org", "https://example.org/unres"])
def test_a_public_url_that_is_not_one_is_refused(published, url):
    store_path, _ = published
    done = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", str(store_path), "--public-url", url],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Invalid value for '--public-url'" in done.stderr, done.stderr
    assert "the public URL" in done.stderr, done.stderr


# --- without --public-url (local use) ---------------------------------------------------------

def test_without_a_public_url_the_catalogue_follows_the_address_reached(local):
    """Today's local behaviour, kept: the URLs are the ones the client used."""
    status, _, body = get(local, "/catalog.ttl")
    assert status == 200
    urls = download_urls(body)
    assert urls and all(url.startswith(f"{local.url}/data/{VERSION}/") for url in urls), urls
    assert get(local, "/health", {"Host": "anything.example"})[0] == 200


@pytest.mark.parametrize("path, headers", HOST_DERIVED, ids=[p for p, _ in HOST_DERIVED])
def test_without_a_public_url_answers_built_from_host_stay_out_of_shared_caches(local, path, headers):
    status, response_headers, body = get(local, path, {**headers, **FORGED})
    assert status == 200 and b"attacker.example" in body          # the URLs do follow Host here ...
    control = response_headers["cache-control"]
    assert control.startswith("private") and "public" not in control, control   # ... so no shared cache keeps it
