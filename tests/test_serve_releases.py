"""`kg serve` publishes the releases of `kg dump`: /data/ listings and downloads, /catalog (DCAT-AP 3).

A store of real documents is dumped with the real release writer, the real app runs on a loopback
port, and a real HTTP client checks what a harvester checks: every distribution in the catalogue
has a download URL on this server whose bytes match the stated size and SHA-256.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import http.client
import io
import json
import shutil
import urllib.parse

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from kg.publish.dcat_ap import validate_catalog
from kg.publish.release import read_manifest
from kg.serve.app import create_app
from kg.serve.config import ServeConfig
from kg.serve.testing import LiveServer, published_sample_release, shared_sample_store

DCAT = Namespace("http://www.w3.org/ns/dcat#")   # open namespace: pytest probes module attributes
SPDX = Namespace("http://spdx.org/rdf/terms#")
VOID = Namespace("http://rdfs.org/ns/void#")
IANA = "http://www.iana.org/assignments/media-types/"
VERSION = "t1"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A release of the shared sample store (real documents), dumped by the real writer."""
    return published_sample_release(tmp_path_factory.mktemp("releases") / "data", VERSION)


@pytest.fixture(scope="module")
def server(published):
    store_path, data = published
    with LiveServer(create_app(ServeConfig(store_path=str(store_path), data_dir=str(data), workers=1))) as live:
        yield live


def fetch(url_or_server, path="", headers=None, method="GET"):
    """One request sent exactly as written (no client-side normalisation of the path)."""
    base = url_or_server if isinstance(url_or_server, str) else url_or_server.url
    parts = urllib.parse.urlsplit(base + path)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest(method, parts.path + (f"?{parts.query}" if parts.query else ""), skip_accept_encoding=True)
        for key, value in (headers or {}).items():
            conn.putheader(key, value)
        conn.endheaders()
        reply = conn.getresponse()
        return reply.status, {k.lower(): v for k, v in reply.getheaders()}, reply.read()
    finally:
        conn.close()


def release_files(folder):
    """The names a release folder holds (temporary files of a writer start with a dot)."""
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")}


# --- listings -------------------------------------------------------------------------------

def test_json_listing_shows_every_file_with_its_size_and_checksum(server, published):
    _, data = published
    status, headers, body = fetch(server, "/data.json")
    assert status == 200 and headers["content-type"].startswith("application/json")
    listing = json.loads(body)
    assert listing["latest"] == VERSION and [r["version"] for r in listing["releases"]] == [VERSION]
    files = {f["filename"]: f for f in listing["releases"][0]["files"]}
    assert set(files) == release_files(data / VERSION)
    for name, item in files.items():
        content = (data / VERSION / name).read_bytes()
        assert item["bytes"] == len(content)
        assert item["sha256"] == hashlib.sha256(content).hexdigest()
        assert item["url"] == f"{server.url}/data/{VERSION}/{name}"


def test_html_and_csv_listings_name_every_file(server, published):
    _, data = published
    names = release_files(data / VERSION)
    status, headers, html = fetch(server, "/data/", {"Accept": "text/html"})
    assert status == 200 and headers["content-type"].startswith("text/html")
    for name in names:
        assert f'href="{server.url}/data/{VERSION}/{name}"'.encode() in html
    status, headers, body = fetch(server, "/data.csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert {row["filename"] for row in rows} == names and {row["version"] for row in rows} == {VERSION}


@pytest.mark.parametrize("path", [f"/data/{VERSION}/", "/data/latest/"])
def test_a_release_listing_by_accept_and_by_suffix(server, path):
    by_accept = json.loads(fetch(server, path, {"Accept": "application/json"})[2])
    by_suffix = json.loads(fetch(server, path.rstrip("/") + ".json")[2])
    assert by_accept == by_suffix and by_accept["version"] == VERSION
    assert all(f["url"].startswith(server.url + path) for f in by_accept["files"])


def test_a_version_without_slash_redirects_to_its_folder(server):
    status, headers, _ = fetch(server, f"/data/{VERSION}")
    assert status == 301 and headers["location"].endswith(f"/data/{VERSION}/")


# --- downloads ------------------------------------------------------------------------------

def test_a_harvester_finds_every_distribution_and_each_download_matches(server, published):
    """What ckanext-dcat does: load /catalog with rdflib, then check each distribution against its file."""
    _, data = published
    status, headers, body = fetch(server, "/catalog", {"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) == len(read_manifest(data / VERSION).files) >= 4
    for distribution in distributions:
        url = str(graph.value(distribution, DCAT.downloadURL))
        assert url.startswith(f"{server.url}/data/{VERSION}/")
        size = int(graph.value(distribution, DCAT.byteSize))
        checksum = graph.value(distribution, SPDX.checksum)
        assert graph.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        media_type = str(graph.value(distribution, DCAT.mediaType)).removeprefix(IANA)
        compressed = graph.value(distribution, DCAT.compressFormat)

        status, headers, content = fetch(url)
        assert status == 200
        assert len(content) == size == int(headers["content-length"])
        assert hashlib.sha256(content).hexdigest() == str(graph.value(checksum, SPDX.checksumValue))
        assert "content-encoding" not in headers
        if compressed is not None:
            assert str(compressed) == IANA + "application/gzip" and headers["content-type"] == "application/gzip"
            assert gzip.decompress(content)          # the bytes are the gzip file itself
        else:
            assert headers["content-type"].split(";")[0] == media_type


def test_a_download_has_a_strong_etag_and_a_conditional_request_gets_304(server, published):
    _, data = published
    digest = hashlib.sha256((data / VERSION / "unres.nt.gz").read_bytes()).hexdigest()
    status, headers, _ = fetch(server, f"/data/{VERSION}/unres.nt.gz")
    assert status == 200 and headers["etag"] == f'"{digest}"'
    assert "immutable" in headers["cache-control"]
    status, headers, body = fetch(server, f"/data/{VERSION}/unres.nt.gz", {"If-None-Match": f'"{digest}"'})
    assert status == 304 and body == b""
    status, _, body = fetch(server, f"/data/{VERSION}/unres.nt.gz", {"If-None-Match": '"something-else"'})
    assert status == 200 and hashlib.sha256(body).hexdigest() == digest


def test_latest_serves_the_same_bytes_with_a_short_cache_life(server):
    _, versioned_headers, versioned = fetch(server, f"/data/{VERSION}/unres.ttl.gz")
    status, headers, latest = fetch(server, "/data/latest/unres.ttl.gz")
    assert status == 200 and latest == versioned and headers["etag"] == versioned_headers["etag"]
    assert "immutable" not in headers["cache-control"] and "max-age=300" in headers["cache-control"]
    assert headers["content-location"] == f"/data/{VERSION}/unres.ttl.gz"


def test_a_range_request_gets_part_of_the_file(server, published):
    _, data = published
    whole = (data / VERSION / "unres.nq.gz").read_bytes()
    status, headers, body = fetch(server, f"/data/{VERSION}/unres.nq.gz", {"Range": "bytes=10-99"})
    assert status == 206 and body == whole[10:100]
    assert headers["content-range"] == f"bytes 10-99/{len(whole)}"


def test_the_catalogue_written_in_the_release_is_served_as_written(server, published):
    _, data = published
    status, headers, body = fetch(server, f"/data/{VERSION}/catalog.ttl")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert body == (data / VERSION / "catalog.ttl").read_bytes()


# --- the catalogue --------------------------------------------------------------------------

@pytest.mark.parametrize("path,accept,rdflib_format", [
    ("/catalog", "application/ld+json", "json-ld"),
    ("/catalog", "application/n-triples", "nt"),
    ("/catalog", "application/rdf+xml", "xml"),
    ("/catalog.ttl", None, "turtle"),
    ("/catalog.jsonld", None, "json-ld"),
])
def test_the_catalogue_is_the_same_graph_in_every_format(server, path, accept, rdflib_format):
    turtle = Graph().parse(data=fetch(server, "/catalog", {"Accept": "text/turtle"})[2], format="turtle")
    status, headers, body = fetch(server, path, {"Accept": accept} if accept else {})
    assert status == 200 and headers["vary"] == "Accept"
    assert isomorphic(Graph().parse(data=body, format=rdflib_format), turtle)


def test_the_served_catalogue_conforms_to_dcat_ap_3(server):
    graph = Graph().parse(data=fetch(server, "/catalog.ttl")[2], format="turtle")
    result = validate_catalog(graph)
    assert result.conforms, result.report


def test_the_catalogue_page_for_browsers_links_every_download(server):
    graph = Graph().parse(data=fetch(server, "/catalog.ttl")[2], format="turtle")
    status, headers, html = fetch(server, "/catalog", {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert status == 200 and headers["content-type"].startswith("text/html")
    for url in graph.objects(None, DCAT.downloadURL):
        assert f'href="{url}"'.encode() in html


def test_the_catalogue_answers_304_to_its_own_etag(server):
    _, headers, _ = fetch(server, "/catalog.ttl")
    status, _, body = fetch(server, "/catalog.ttl", {"If-None-Match": headers["etag"]})
    assert status == 304 and body == b""


# --- links between them ---------------------------------------------------------------------

def test_well_known_void_is_the_release_void_with_downloads_on_this_server(server, published):
    _, data = published
    status, _, body = fetch(server, "/.well-known/void", {"Accept": "text/turtle"})
    assert status == 200
    graph = Graph().parse(data=body, format="turtle")
    dumps = [str(o) for o in graph.objects(None, VOID.dataDump)]
    assert len(dumps) == 4
    for url in dumps:
        assert url.startswith(f"{server.url}/data/{VERSION}/")
        assert fetch(url, method="HEAD")[0] == 200
    assert int(next(graph.objects(None, VOID.triples))) > 0
    assert URIRef(server.url + "/sparql") in set(graph.objects(None, VOID.sparqlEndpoint))


def test_service_description_and_pages_link_the_catalogue_downloads_and_void(server):
    status, _, body = fetch(server, "/sparql", {"Accept": "text/turtle"})
    assert status == 200
    see_also = {str(o) for o in Graph().parse(data=body, format="turtle").objects(None, RDFS.seeAlso)}
    assert {server.url + "/catalog", server.url + "/data/", server.url + "/.well-known/void"} <= see_also
    for page in ("/data/", "/catalog"):
        html = fetch(server, page, {"Accept": "text/html"})[2]
        for link in (b'href="/catalog"', b'href="/data/"', b'href="/.well-known/void"'):
            assert link in html, (page, link)


# --- what must not be served ----------------------------------------------------------------

SECRET = b"not-for-download-7c1f"


@pytest.fixture(scope="module")
def trap(published, tmp_path_factory):
    """A data folder whose release holds a file outside its manifest, a symlink leading out,
    and a release folder that is itself a symlink out of the data folder."""
    _, data = published
    root = tmp_path_factory.mktemp("trap")
    (root / "outside.txt").write_bytes(SECRET)
    trap_data = root / "data"
    shutil.copytree(data / VERSION, trap_data / VERSION)
    (trap_data / "latest").symlink_to(VERSION)
    (trap_data / "secret.txt").write_bytes(SECRET)
    (trap_data / VERSION / "secret.txt").write_bytes(SECRET)
    (trap_data / VERSION / "unres-shapes.ttl").unlink()
    (trap_data / VERSION / "unres-shapes.ttl").symlink_to(root / "outside.txt")
    shutil.copytree(data / VERSION, root / "elsewhere")
    (trap_data / "t9").symlink_to(root / "elsewhere")
    app = create_app(ServeConfig(store_path=str(shared_sample_store()), data_dir=str(trap_data), workers=1))
    with LiveServer(app) as live:
        yield live


TRAVERSALS = [
    f"/data/{VERSION}/secret.txt",                      # in the folder, not in the manifest
    f"/data/{VERSION}/unres-shapes.ttl",                # a declared name, but a symlink leading out
    "/data/t9/unres.nt.gz",                             # a release folder that is a symlink out
    f"/data/{VERSION}/../secret.txt",
    f"/data/{VERSION}/../../outside.txt",
    "/data/latest/../../outside.txt",
    f"/data/{VERSION}/%2e%2e/secret.txt",
    f"/data/{VERSION}/%2E%2E/%2E%2E/outside.txt",
    f"/data/{VERSION}/..%2fsecret.txt",
    f"/data/{VERSION}/..%2F..%2Foutside.txt",
    f"/data/{VERSION}/%2e%2e%2f%2e%2e%2foutside.txt",
    f"/data/{VERSION}/.%2e/.%2e/outside.txt",
    f"/data/{VERSION}/%252e%252e%252fsecret.txt",       # double encoding
    f"/data/{VERSION}/..%5csecret.txt",                 # backslash
    f"/data/{VERSION}/..%c0%afsecret.txt",              # overlong UTF-8 slash
    "/data/%2e%2e/outside.txt",
    "/data/..%2foutside.txt",
    "/data/%2e%2e%2f%2e%2e%2foutside.txt",
    f"/data/{VERSION}/%2fetc%2fpasswd",               # an absolute path
    f"/data/{VERSION}//etc/passwd",
    "/data//etc/passwd",
    "/data/secret.txt",
    "/data/%2fetc%2fpasswd",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_nothing_outside_a_release_manifest_is_served(trap, path):
    status, headers, body = fetch(trap, path)
    for _ in range(3):    # Werkzeug merges double slashes by a redirect: the target must be refused too
        if status not in (301, 308):
            break
        target = urllib.parse.urljoin(trap.url + path, headers["location"])
        assert target.startswith(trap.url + "/data/"), target
        status, headers, body = fetch(target)
    assert status == 404, (path, status)
    assert SECRET not in body and b"root:" not in body


def test_the_trap_release_still_serves_its_declared_files(trap):
    """The refusals above are about the paths, not a broken server."""
    status, _, body = fetch(trap, f"/data/{VERSION}/unres.nt.gz")
    assert status == 200 and gzip.decompress(body)
    names = {f["filename"] for f in json.loads(fetch(trap, "/data.json")[2])["releases"][0]["files"]}
    assert "secret.txt" not in names and "unres-shapes.ttl" not in names


# --- no release -----------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["empty-folder", "no-data-option"])
def bare(request, tmp_path_factory):
    data_dir = str(tmp_path_factory.mktemp("empty")) if request.param == "empty-folder" else None
    with LiveServer(create_app(ServeConfig(store_path=str(shared_sample_store()), data_dir=data_dir,
                                           workers=1))) as live:
        yield live


@pytest.mark.parametrize("path", ["/catalog", "/catalog.ttl", "/data/latest/", "/data/latest/unres.nt.gz"])
def test_without_a_release_the_answer_is_404_saying_to_run_kg_dump(bare, path):
    status, _, body = fetch(bare, path, {"Accept": "text/turtle"})
    assert status == 404 and b"kg dump" in body


def test_without_a_release_the_listing_is_empty(bare):
    status, _, body = fetch(bare, "/data.json")
    assert status == 200 and json.loads(body)["releases"] == []


# --- the command ------------------------------------------------------------------------------

def test_kg_serve_data_option_serves_the_releases(published):
    """`kg serve --data DIR` (the real command, its default HTTP server) publishes DIR."""
    from serve_support import ServerProcess

    store_path, data = published
    with ServerProcess(store_path, workers=1, extra=["--data", str(data)]) as process:
        status, headers, body = fetch(process.url, f"/data/{VERSION}/SHA256SUMS")
        assert status == 200 and body == (data / VERSION / "SHA256SUMS").read_bytes()
        status, _, body = fetch(process.url, "/catalog.ttl")
        graph = Graph().parse(data=body, format="turtle")
        assert all(str(url).startswith(process.url + "/data/") for url in graph.objects(None, DCAT.downloadURL))
