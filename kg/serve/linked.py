"""Linked data: every IRI under the base resolves.

* ``/id/...`` names things that are not documents (organs, States, meetings,
  places ...): ``303 See Other`` to their description at ``/doc/...``.
* ``/eli/...`` (resolutions, their expressions, paragraphs, footnotes) and
  ``/doc/...`` answer by content negotiation: HTML for browsers; Turtle,
  N-Triples, JSON-LD, RDF/XML for clients; a file suffix (``.ttl``,
  ``.jsonld``, ``.nt``, ``.rdf``, ``.html``) picks one; listings also as
  ``.json`` and ``.csv``.
* ``/symbol/A/RES/65/140`` (any spelling) answers ``301`` to the canonical URI.
"""
from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request

from kg import symbols
from kg.map import uris

from . import formats, queries
from .render import build_resolution_view, term_value

bp = Blueprint("linked", __name__)

LISTING = {"json": "application/json", "csv": "text/csv"}


def _kg():
    return current_app.extensions["kg"]


def split_suffix(path: str) -> tuple[str, str | None]:
    """``/eli/un/ga/res/65/140.ttl`` -> (``/eli/un/ga/res/65/140``, ``ttl``); unknown suffixes stay."""
    head, dot, suffix = path.rpartition(".")
    if dot and "/" not in suffix and (suffix in formats.GRAPH_BY_SUFFIX or suffix in LISTING):
        return head, suffix
    return path, None


@bp.route("/id/<path:rest>")
def identifier(rest: str) -> Response:
    """Things that are not documents: 303 to the document that describes them."""
    path, suffix = split_suffix(f"/id/{rest}")
    target = "/doc/" + quote(path[len("/id/"):]) + (f".{suffix}" if suffix else "")
    response = redirect(target, code=303)
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/doc/<path:rest>")
def document(rest: str) -> Response:
    path, suffix = split_suffix(f"/doc/{rest}")
    subject = _kg().iri_for_path("/id/" + path[len("/doc/"):])
    return _answer(subject, path, suffix, is_thing=True)


@bp.route("/eli/<path:rest>")
def eli(rest: str) -> Response:
    path, suffix = split_suffix(f"/eli/{rest}")
    return _answer(_kg().iri_for_path(path), path, suffix, is_thing=False)


@bp.route("/symbol/<path:text>")
def symbol_resolver(text: str) -> Response:
    """Any spelling of a UN symbol -> 301 to its canonical URI."""
    kg = _kg()
    try:
        canonical = symbols.canonical(text.replace("_", "/") if "/" not in text else text)
    except ValueError as exc:
        abort(404, description=f"{text!r} is not a UN document symbol: {exc}")
    rows = kg.select(queries.by_symbol(canonical, uris.vocab(kg.config.base)))
    if rows:
        target = rows[0]["r"]["value"]
    else:
        try:
            target = uris.document_iri(canonical, kg.config.base)
        except ValueError:
            abort(404, description=f"No URI for the symbol {canonical}.")
    return redirect(kg.local(target), code=301)


@bp.route("/resolutions")
@bp.route("/resolutions.<suffix>")
def resolution_list(suffix: str | None = None) -> Response:
    kg = _kg()
    page = max(1, request.args.get("page", 1, type=int))
    size = kg.config.page_size
    rows = kg.select(queries.all_resolutions(uris.vocab(kg.config.base), size + 1, (page - 1) * size))
    return _listing(rows, page, size, suffix, "All resolutions", None)


def _negotiate_page(suffix: str | None, listing: bool) -> formats.Format | str:
    if suffix in LISTING:
        if not listing:
            abort(404, description=f".{suffix} is only available for listings.")
        return suffix
    if suffix:
        return formats.GRAPH_BY_SUFFIX[suffix]
    fmt = formats.negotiate(request.accept_mimetypes, (formats.HTML, *formats.GRAPH_FORMATS))
    if fmt is None:
        abort(406, description="Available: text/html, " + ", ".join(formats.media_types(formats.GRAPH_FORMATS)) + ".")
    return fmt


def _answer(subject: str, path: str, suffix: str | None, is_thing: bool) -> Response:
    kg = _kg()
    vocab = uris.vocab(kg.config.base)
    fmt = _negotiate_page(suffix, listing=is_thing)
    fmt_name = fmt if isinstance(fmt, str) else fmt.name
    key = f"ld|{subject}|{fmt_name}|{request.query_string.decode('latin-1')}"
    not_modified = kg.not_modified(key)
    if not_modified is not None:
        return not_modified
    try:
        exists = _ask(queries.exists(subject))
    except ValueError:
        abort(404)
    if not exists:
        abort(404, description=f"Nothing is known about {subject}.")
    resolution = _ask(queries.is_resolution(subject, vocab))
    if isinstance(fmt, str):                       # listing: .json / .csv
        response = _naming_listing(subject, fmt)
    elif fmt is formats.HTML:
        response = Response(_html(subject, resolution, is_thing), mimetype="text/html")
    else:
        response = _rdf(subject, resolution, fmt)
    response.headers["Vary"] = "Accept"
    response.headers["Content-Location"] = f"{path}.{fmt if isinstance(fmt, str) else fmt.suffix}"
    response.headers["Link"] = ", ".join(
        f'<{path}.{f.suffix}>; rel="alternate"; type="{f.media_type}"' for f in (formats.HTML, *formats.GRAPH_FORMATS))
    kg.cache_headers(response, key)
    return response


def _job(query: str):
    from .pool import QueryJob
    return QueryJob(query, result_format="json", max_rows=1)


def _ask(query: str) -> bool:
    """An ASK query's answer; a busy or timed-out pool is a ``QueryFailed`` (503), never a
    "no" (under load it answered 404 for resources that exist: issue 10)."""
    from .app import QueryFailed
    outcome = _kg().pool.run(_job(query))
    if outcome.status != "ok":
        raise QueryFailed(outcome.status, outcome.message)
    return b"true" in outcome.body


def _rdf(subject: str, resolution: bool, fmt: formats.Format) -> Response:
    """The data of a resource: a resolution's whole named graphs, else its bounded description."""
    kg = _kg()
    if resolution:
        graphs = [row["g"]["value"] for row in kg.select(queries.resolution_graphs(subject))]
        body, truncated = kg.construct(queries.graphs_content(graphs), fmt.name)
    else:
        body, truncated = kg.construct(queries.describe(subject, uris.vocab(kg.config.base)), fmt.name)
    response = Response(body, content_type=fmt.content_type)
    response.headers["X-Result-Truncated"] = "true" if truncated else "false"
    return response


def _html(subject: str, resolution: bool, is_thing: bool) -> str:
    kg = _kg()
    vocab = uris.vocab(kg.config.base)
    out = kg.select(queries.outgoing(subject, vocab))
    inc = kg.select(queries.incoming(subject, vocab, 200))
    label = _label_of(out) or subject.rsplit("/", 1)[-1]
    local_path = kg.local(subject)
    data_links = {f.suffix: f"{local_path.replace('/id/', '/doc/', 1) if is_thing else local_path}.{f.suffix}"
                  for f in formats.GRAPH_FORMATS}
    if resolution:
        graphs = [row["g"]["value"] for row in kg.select(queries.resolution_graphs(subject))]
        language = request.args.get("lang", "en")
        view = build_resolution_view(
            subject, out,
            expressions=kg.select(queries.expressions(subject, vocab)),
            paragraphs=kg.select(queries.paragraphs(subject, vocab)),
            footnotes=kg.select(queries.footnotes(subject, vocab)),
            links=kg.select(queries.links_in_text(graphs, vocab)) if graphs else [],
            language=language, vocab=vocab, local=kg.local)
        return render_template("resolution.html", view=view, subject=subject, triples=out, incoming=inc,
                               data_links=data_links, graphs=graphs, label=view.heading)
    page = max(1, request.args.get("page", 1, type=int))
    size = kg.config.page_size
    naming = kg.select(queries.naming_resolutions(subject, vocab, size + 1, (page - 1) * size))
    return render_template("resource.html", subject=subject, label=label, triples=out, incoming=inc,
                           data_links=data_links, naming=naming[:size], page=page,
                           has_next=len(naming) > size, is_thing=is_thing,
                           listing_base=local_path.replace("/id/", "/doc/", 1))


def _label_of(rows: list[dict]) -> str | None:
    for wanted in ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
                   "https://schema.org/name"):
        for row in rows:
            if row["p"]["value"] == wanted:
                return row["o"]["value"]
    for row in rows:
        if row["p"]["value"].endswith("#symbol"):
            return row["o"]["value"]
    return None


def _naming_listing(subject: str, fmt: str) -> Response:
    kg = _kg()
    page = max(1, request.args.get("page", 1, type=int))
    size = kg.config.page_size
    rows = kg.select(queries.naming_resolutions(subject, uris.vocab(kg.config.base), size + 1, (page - 1) * size))
    return _listing(rows, page, size, fmt, f"Resolutions that name {subject}", subject)


def _listing(rows: list[dict], page: int, size: int, fmt: str | None, title: str, subject: str | None) -> Response:
    """A listing of resolutions as HTML, JSON or CSV (Datasette style: same rows, stated limits)."""
    kg = _kg()
    has_next = len(rows) > size
    records = [{"resolution": term_value(r.get("resolution")), "symbol": term_value(r.get("symbol")),
                "date": term_value(r.get("date")), "title": term_value(r.get("title"))} for r in rows[:size]]
    if fmt == "json":
        body = {"title": title, "subject": subject, "page": page, "page_size": size, "has_next": has_next,
                "next": f"{request.path}?page={page + 1}" if has_next else None,
                "licence": kg.config.licence_url, "rows": records}
        return Response(json.dumps(body, indent=1, ensure_ascii=False), mimetype="application/json")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=["resolution", "symbol", "date", "title"])
        writer.writeheader()
        writer.writerows(records)
        response = Response(buffer.getvalue(), mimetype="text/csv")
        if has_next:
            response.headers["Link"] = f'<{request.path}?page={page + 1}>; rel="next"'
        return response
    return Response(render_template("listing.html", title=title, rows=records, page=page, has_next=has_next,
                                    base_path=request.path), mimetype="text/html")
