"""The pages around the data: home and query page, example queries, health, ontology, shapes, VoID."""
from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, render_template, request

from . import formats
from .pool import QueryJob

bp = Blueprint("site", __name__)


@dataclass(frozen=True)
class ExampleQuery:
    name: str          # file stem
    label: str         # the leading '#' comment
    query: str


def read_examples(folder: Path) -> list[ExampleQuery]:
    """The example queries of ``queries/*.rq``, labelled by their leading ``#`` comment."""
    examples = []
    for path in sorted(folder.glob("*.rq")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        label_lines = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            label_lines.append(line.lstrip("#").strip())
        label = next((line for line in label_lines if line), "") or path.stem.replace("-", " ").replace("_", " ")
        examples.append(ExampleQuery(path.stem, label, text))
    return examples


def _kg():
    return current_app.extensions["kg"]


@bp.route("/")
def home() -> Response:
    return query_page()


def query_page() -> Response:
    kg = _kg()
    examples = read_examples(kg.config.queries_dir)
    body = render_template("query.html", examples=examples,
                           examples_json=json.dumps([asdict(e) for e in examples]))
    response = Response(body, mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/queries.json")
def examples_json() -> Response:
    return Response(json.dumps([asdict(e) for e in read_examples(_kg().config.queries_dir)], indent=1),
                    mimetype="application/json")


@bp.route("/health")
def health() -> Response:
    """Liveness and readiness: the pool answers a trivial query; which build it serves."""
    kg = _kg()
    started = time.perf_counter()
    outcome = kg.pool.run(QueryJob("ASK { }", result_format="json"), timeout=min(kg.config.timeout, 10))
    # Every worker busy with long queries is load, not a fault: the server is up and answering
    # (a 503 here made health checks flap under ordinary load, issue 10).  Dead workers are a fault.
    busy = outcome.status == "busy" and kg.pool.alive_workers() > 0
    ok = outcome.status == "ok" or busy
    body = {"status": "busy" if busy else "ok" if ok else "unavailable", "store": kg.config.store_path,
            "workers": kg.pool.size, "workers_killed_at_time_limit": kg.pool.killed,
            "timeout_seconds": kg.config.timeout, "max_rows": kg.config.max_rows,
            "latency_ms": round((time.perf_counter() - started) * 1000, 2),
            # the build being served (its marker, kg-build.json) and how often a rebuild was picked up
            "store_built": kg.pool.build.get("finished"), "store_generation": kg.pool.generation,
            "store_stamp": kg.stamp}
    if kg.pool.reload_error:
        body["store_reload_error"] = kg.pool.reload_error
    if not ok:
        body["reason"] = outcome.message
    response = Response(json.dumps(body), status=200 if ok else 503, mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


# --- vocabulary and shapes ----------------------------------------------------------

def _rdf_file_response(path: Path, iri: str, title: str, html_builder=None) -> Response:
    """A Turtle file, by content negotiation: HTML page, or the RDF in any format."""
    if not path.is_file():
        abort(404, description=f"{title} is not available on this server ({path.name} is missing).")
    kg = _kg()
    suffix = request.view_args.get("suffix") if request.view_args else None
    if suffix:
        fmt = formats.GRAPH_BY_SUFFIX.get(suffix)
        if fmt is None:
            abort(404)
    else:
        fmt = formats.negotiate(request.accept_mimetypes, (*formats.GRAPH_FORMATS, formats.HTML))
        if fmt is None:
            abort(406, description="Available: text/html, " + ", ".join(formats.media_types(formats.GRAPH_FORMATS)))
    key = f"file|{path}|{path.stat().st_mtime_ns}|{fmt.name}"
    not_modified = kg.not_modified(key)
    if not_modified is not None:
        return not_modified
    text = path.read_text(encoding="utf-8")
    text = text.replace("https://w3id.org/unres", kg.config.base) if kg.config.base != "https://w3id.org/unres" else text
    if fmt is formats.HTML:
        body = html_builder() if html_builder else None
        if body is None:
            body = render_template("turtle.html", title=title, iri=iri, turtle=text)
        response = Response(body, mimetype="text/html")
    elif fmt.name == "ttl":
        response = Response(text, content_type=fmt.content_type)
    else:
        quads = ox.parse(text.encode(), format=ox.RdfFormat.TURTLE, base_iri=iri)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        response = Response(ox.serialize(triples, format=_OX[fmt.name]), content_type=fmt.content_type)
    response.headers["Vary"] = "Accept"
    response.headers["Content-Location"] = f"{request.path.rsplit('.', 1)[0] if suffix else request.path}.{fmt.suffix}"
    kg.cache_headers(response, key)
    return response


_OX = {"nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}


def _ontology_html() -> str | None:
    from kg.map.docs import ontology_html

    html = ontology_html()
    kg = _kg()
    return html.replace(f'"{kg.config.base}/', '"/') if html else None


@bp.route("/def")
@bp.route("/def/unres")
@bp.route("/def/unres.<suffix>")
def ontology(suffix: str | None = None) -> Response:
    kg = _kg()
    if request.path == "/def" and suffix is None:
        html_first = formats.negotiate(request.accept_mimetypes, (formats.HTML, *formats.GRAPH_FORMATS))
        if html_first is not formats.HTML:
            return Response(status=303, headers={"Location": "/def/unres", "Vary": "Accept"})
    return _rdf_file_response(kg.config.ontology_path, kg.config.base + "/def/unres", "The unres vocabulary",
                              _ontology_html)


@bp.route("/def/shapes")
@bp.route("/def/shapes.<suffix>")
def shapes(suffix: str | None = None) -> Response:
    kg = _kg()
    return _rdf_file_response(kg.config.shapes_path, kg.config.base + "/def/shapes", "SHACL shapes of a valid resolution")


# --- VoID -------------------------------------------------------------------------------


@bp.route("/.well-known/void")
@bp.route("/.well-known/void.<suffix>")
def well_known_void(suffix: str | None = None) -> Response:
    """The dataset's VoID description (RFC 5785 well-known location)."""
    from .describe import void_turtle
    kg = _kg()
    fmt = formats.GRAPH_BY_SUFFIX.get(suffix) if suffix else \
        formats.negotiate(request.accept_mimetypes, (*formats.GRAPH_FORMATS, formats.HTML))
    if fmt is None and suffix:
        abort(404)
    if fmt is None:
        abort(406, description="Available: text/html, " + ", ".join(formats.media_types(formats.GRAPH_FORMATS)))
    from .releases import latest_void, scope_cache, site_url
    release_void = latest_void()     # the latest release's VoID (instant), its URLs on this server
    key = f"void|{fmt.name}|{release_void[1] if release_void else ''}"
    scope = scope_cache if release_void else (lambda response: response)   # its URLs may follow Host
    not_modified = kg.not_modified(key)
    if not_modified is not None:
        return scope(not_modified)
    turtle = release_void[0] if release_void else void_turtle(kg)
    if fmt is formats.HTML:        # a browser following the site's "VoID" link: the Turtle on a page
        body = render_template("turtle.html", title="VoID description of the dataset",
                               iri=f"{site_url()}/.well-known/void", turtle=turtle)
    elif fmt.name == "ttl":
        body = turtle
    else:
        quads = ox.parse(turtle, format=ox.RdfFormat.TURTLE)
        body = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=_OX[fmt.name])
    response = Response(body, content_type=fmt.content_type)
    response.headers["Vary"] = "Accept"
    kg.cache_headers(response, key)
    return scope(response)

