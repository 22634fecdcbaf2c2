"""The published releases: ``/data/`` (listings and downloads) and ``/catalog`` (DCAT-AP 3).

* ``/data/`` lists every complete release (HTML, ``/data.json``, ``/data.csv``);
  ``/data/{version}/`` and ``/data/latest/`` list one release (also
  ``/data/{version}.json`` and ``.csv``): file, size, media type, SHA-256, URL.
* ``/data/{version}/{file}`` sends the file as stored: ``.gz`` dumps as
  ``application/gzip`` (no ``Content-Encoding``, so the bytes a client keeps
  are the bytes the catalogue's checksum is about), strong ``ETag`` = the
  SHA-256, ``Cache-Control`` immutable for a version and short for
  ``latest``, conditional requests and ranges.  Only names the release
  declares are served (see :mod:`kg.serve.release_files`).
* ``/catalog`` is the DCAT-AP 3 catalogue of the latest release by content
  negotiation (Turtle, JSON-LD, N-Triples, RDF/XML, HTML; ``.ttl`` ...
  suffixes), its download and endpoint URLs on this server; the identifiers
  (catalogue, dataset, distributions) stay in the graph's URI space.

"On this server" is ``--public-url`` when set (never the request's Host
header); without it, the URL the client reached, and such bodies are
``Cache-Control: private`` (see :func:`scope_cache`).
"""
from __future__ import annotations

import base64
import hashlib
import json
import threading
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, send_file
from rdflib import Graph, URIRef
from rdflib.namespace import Namespace

from kg.publish import catalog_graph
from kg.publish import formats as release_formats
from kg.publish.catalog import JSONLD_CONTEXT

from . import formats
from .release_files import (NO_RELEASE, Release, all_releases, entry, find_release, is_latest_path,
                            listing_csv, release_summary)

bp = Blueprint("releases", __name__)

IMMUTABLE = "public, max-age=31536000, immutable"     # a version's files never change under their name
LATEST_MAX_AGE = 300                                   # latest moves when a new release is dumped
LISTING_MAX_AGE = 60
LISTINGS = {"html": "text/html; charset=utf-8", "json": "application/json", "csv": "text/csv; charset=utf-8"}
RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
VOID = Namespace("http://rdfs.org/ns/void#")


def _config():
    return current_app.extensions["kg"].config


def _data_dir() -> str | None:
    return getattr(_config(), "data_dir", None)


def site_url() -> str:
    """This server's URL (downloads and the endpoint are here): ``public_url`` when set, whatever the
    request's Host header says; else the URL the client reached (local use)."""
    return _config().public_url or request.url_root.rstrip("/")


def follows_host() -> bool:
    """Whether the absolute URLs this server writes come from the request's Host header (no ``public_url``)."""
    return not _config().public_url


def scope_cache(response: Response) -> Response:
    """Make a body with absolute URLs ``private`` when they follow the Host header.

    Without ``public_url`` a request with a forged Host gets URLs on the forger's host; a shared
    cache that does not key on Host (nginx's default key, many CDNs) could hand that body to
    everyone.  ``private`` keeps it out of shared caches (RFC 9111 5.2.2.7); browsers still
    cache and revalidate it.  With ``public_url`` the body is the same for every Host: ``public``.
    """
    control = response.headers.get("Cache-Control", "")
    if follows_host() and control.startswith("public"):
        response.headers["Cache-Control"] = "private" + control[len("public"):]
    return response


def _release_or_404(version: str) -> Release:
    release = find_release(_data_dir(), version)
    if release is None:
        if is_latest_path(version) or not all_releases(_data_dir())[0]:
            abort(404, description=NO_RELEASE)
        abort(404, description=f"No release {version!r} here; the releases are listed at /data/.")
    return release


def _generated(body: bytes, content_type: str, cache_control: str) -> Response:
    """A generated body with a strong ETag (its digest) and conditional GET."""
    response = Response(body, content_type=content_type)
    response.set_etag(hashlib.sha256(body).hexdigest()[:32])
    response.headers["Cache-Control"] = cache_control
    response.headers["Vary"] = "Accept"
    return scope_cache(response.make_conditional(request))


def _listing_format(suffix: str | None) -> str:
    if suffix:
        return suffix
    best = request.accept_mimetypes.best_match(["text/html", "application/json", "text/csv"])
    if best is None and request.accept_mimetypes:
        abort(406, description="Listings are available as text/html, application/json and text/csv.")
    return {"application/json": "json", "text/csv": "csv"}.get(best or "", "html")


# --- listings ------------------------------------------------------------------------------

@bp.route("/data")
def data_without_slash() -> Response:
    return redirect("/data/", code=301)


@bp.route("/data/")
@bp.route("/data.<any(json, csv):suffix>")
def data_index(suffix: str | None = None) -> Response:
    """Every complete release, newest first."""
    fmt = _listing_format(suffix)
    site = site_url()
    found, latest_version = all_releases(_data_dir())
    summaries = [release_summary(r, site, r.version, latest_version) for r in found]
    if fmt == "json":
        body = json.dumps({"latest": latest_version, "catalog": f"{site}/catalog" if found else None,
                           "releases": summaries}, indent=1).encode()
    elif fmt == "csv":
        body = listing_csv(summaries).encode()
    else:
        body = render_template("releases.html", summaries=summaries, single=None, latest=latest_version,
                               no_release=None if found else NO_RELEASE, json_url="/data.json",
                               csv_url="/data.csv").encode()
    return _generated(body, LISTINGS[fmt], f"public, max-age={LISTING_MAX_AGE}")


@bp.route("/data/<name>")
def data_name(name: str) -> Response:
    """``/data/{version}`` -> the folder; ``/data/{version}.json`` / ``.csv`` -> its listing."""
    if find_release(_data_dir(), name) is not None:
        return redirect(f"/data/{name}/", code=301)
    stem, dot, suffix = name.rpartition(".")
    if dot and suffix in ("json", "csv"):
        return release_listing(stem, suffix)
    _release_or_404(name)   # no such release: aborts with the reason
    abort(404)


@bp.route("/data/<version>/")
def release_listing(version: str, suffix: str | None = None) -> Response:
    """The files of one release (``latest`` allowed: its URLs then stay under ``/data/latest/``)."""
    release = _release_or_404(version)
    fmt = _listing_format(suffix)
    _, latest_version = all_releases(_data_dir())
    summary = release_summary(release, site_url(), version, latest_version)
    if fmt == "json":
        body = json.dumps(summary, indent=1).encode()
    elif fmt == "csv":
        body = listing_csv([summary]).encode()
    else:
        body = render_template("releases.html", summaries=[summary], single=version, latest=latest_version,
                               no_release=None, json_url=f"/data/{version}.json",
                               csv_url=f"/data/{version}.csv").encode()
    return _generated(body, LISTINGS[fmt], f"public, max-age={LISTING_MAX_AGE}")


# --- downloads -------------------------------------------------------------------------------

@bp.route("/data/<version>/<filename>")
def release_file(version: str, filename: str) -> Response:
    """A file of a release, as stored; only names the release declares."""
    release = find_release(_data_dir(), version)
    found = entry(release, filename) if release is not None else None
    if found is None:
        if release is None:
            _release_or_404(version)   # aborts with the reason
        abort(404, description=f"No file {filename!r} in release {version!r}; its files are listed at "
                               f"/data/{version}/.")
    item, path = found
    max_age = LATEST_MAX_AGE if is_latest_path(version) else 31536000
    response = send_file(path, mimetype=item.content_type, conditional=True, etag=item.sha256, max_age=max_age,
                         download_name=item.filename)
    response.headers["Content-Type"] = item.content_type      # as listed (Werkzeug would add a second charset)
    response.headers["Cache-Control"] = f"public, max-age={LATEST_MAX_AGE}" if is_latest_path(version) \
        else IMMUTABLE
    if is_latest_path(version):
        response.headers["Content-Location"] = f"/data/{release.version}/{item.filename}"
    response.headers["Repr-Digest"] = f"sha-256=:{base64.b64encode(bytes.fromhex(item.sha256)).decode()}:"  # RFC 9530
    return response


@bp.route("/data/<path:rest>")
def data_elsewhere(rest: str) -> Response:
    """Anything deeper than ``/data/{version}/{file}`` (``..``, encoded slashes ...) is not here."""
    abort(404, description="Not a file of a release; the releases are listed at /data/.")


# --- the catalogue ---------------------------------------------------------------------------

_cache: dict[tuple, bytes] = {}
_cache_lock = threading.Lock()


def _cached(key: tuple, build) -> bytes:  # type: ignore[no-untyped-def]
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    value = build()
    with _cache_lock:
        if len(_cache) > 64:
            _cache.clear()
        _cache[key] = value
    return value


def _release_key(release: Release) -> tuple:
    stat = (release.folder / release_formats.RELEASE_JSON).stat()
    return (str(release.folder), stat.st_mtime_ns, stat.st_size)


def server_catalog(release: Release, site: str) -> Graph:
    """The release's DCAT-AP catalogue with its downloads and endpoint on this server."""
    return catalog_graph(release.folder, _config().base, endpoint_url=f"{site}/sparql",
                         endpoint_description=f"{site}/sparql", data_url=f"{site}/data/{release.version}",
                         manifest=release.manifest)


def serialise(graph: Graph, fmt: str) -> bytes:
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=JSONLD_CONTEXT, indent=1).encode()
    return graph.serialize(format=RDFLIB_FORMAT[fmt]).encode()


@bp.route("/catalog")
@bp.route("/catalog.<suffix>")
def catalog(suffix: str | None = None) -> Response:
    """The DCAT-AP 3 catalogue of the latest release, by content negotiation."""
    release = _release_or_404("latest")
    if suffix:
        fmt = formats.GRAPH_BY_SUFFIX.get(suffix) or abort(404)
    else:
        fmt = formats.negotiate(request.accept_mimetypes, (*formats.GRAPH_FORMATS, formats.HTML))
        if fmt is None:
            abort(406, description="The catalogue is available as text/html, "
                                   + ", ".join(formats.media_types(formats.GRAPH_FORMATS)) + ".")
    site = site_url()
    key = (*_release_key(release), site)
    if fmt is formats.HTML:
        turtle = _cached((*key, "ttl"), lambda: serialise(server_catalog(release, site), "ttl"))
        _, latest_version = all_releases(_data_dir())
        summary = release_summary(release, site, release.version, latest_version)
        distributions = [f for f in summary["files"] if f["filename"] in release_formats.BY_FILENAME]
        body = render_template("catalog.html", summary=summary, distributions=distributions,
                               turtle=turtle.decode(), site=site).encode()
    else:
        body = _cached((*key, fmt.name), lambda: serialise(server_catalog(release, site), fmt.name))
    response = _generated(body, fmt.content_type if fmt is not formats.HTML else "text/html; charset=utf-8",
                          f"public, max-age={LATEST_MAX_AGE}")
    response.headers["Content-Location"] = f"/catalog.{fmt.suffix}"
    response.headers["Link"] = ", ".join(f'</catalog.{f.suffix}>; rel="alternate"; type="{f.media_type}"'
                                         for f in (*formats.GRAPH_FORMATS, formats.HTML))
    return response


# --- VoID of the latest release, for /.well-known/void -----------------------------------------

def latest_void() -> tuple[bytes, str] | None:
    """The latest release's ``void.ttl`` with its dump and endpoint URLs on this server, and a tag
    that changes with the release (for ETags); None when no release (or no VoID) is published.

    Reading the VoID the dump computed is instant; computing it over a large store is not.
    """
    release = find_release(_data_dir(), "latest")
    if release is None or entry(release, release_formats.VOID.filename) is None:
        return None
    site = site_url()
    key = (*_release_key(release), site, "void")
    turtle = _cached(key, lambda: rewrite_void(release, site))
    return turtle, hashlib.sha256(repr(key).encode()).hexdigest()[:16]


def rewrite_void(release: Release, site: str) -> bytes:
    """``void.ttl`` of a release, its ``void:dataDump``s and ``void:sparqlEndpoint`` moved to ``site``."""
    graph = Graph()
    graph.parse(Path(release.folder, release_formats.VOID.filename), format="turtle")
    base = release.manifest.base.rstrip("/")
    for subject, dump in list(graph.subject_objects(VOID.dataDump)):
        if str(dump).startswith(f"{base}/data/"):
            graph.remove((subject, VOID.dataDump, dump))
            graph.add((subject, VOID.dataDump,
                       URIRef(f"{site}/data/{release.version}/{str(dump).rsplit('/', 1)[-1]}")))
    for subject, endpoint in list(graph.subject_objects(VOID.sparqlEndpoint)):
        if str(endpoint) == f"{base}/sparql":
            graph.remove((subject, VOID.sparqlEndpoint, endpoint))
            graph.add((subject, VOID.sparqlEndpoint, URIRef(f"{site}/sparql")))
    return graph.serialize(format="turtle").encode()
