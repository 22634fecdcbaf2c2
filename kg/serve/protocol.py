"""The SPARQL 1.1 Protocol at ``/sparql``: read a request, refuse or run it, answer it.

``read_protocol_request`` turns any of the three query routes (GET, URL-encoded
POST, direct POST) into one ``ProtocolRequest`` or raises ``ProtocolError``
with the status and a message for people; the view then negotiates the
format, checks the query (``guard``) and hands a ``QueryJob`` to the worker
pool.  Updates are refused by every route: the endpoint is read-only.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import parse_qs

from flask import Blueprint, Request, Response, current_app, render_template, request

from . import formats
from .cache import CachedAnswer, CacheKey
from .guard import QueryRefused, QueryShape, check_query, inspect_query
from .pool import QueryJob, QueryOutcome

bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


class ProtocolError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class ProtocolRequest:
    query: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    format_params: tuple[str, ...]    # format= / output= / results= values: override Accept


def _one(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise ProtocolError(400, f"Exactly one '{name}' parameter is allowed; this request has {len(values)}.")
    return values[0] if values else None


def read_protocol_request(req: Request) -> ProtocolRequest:
    """The query and dataset of a protocol request, whatever route it came by."""
    url_params = parse_qs(req.query_string.decode("latin-1"), keep_blank_values=True)
    if req.method in ("GET", "HEAD"):
        params = url_params
        body_query: list[str] = []
    elif req.method == "POST":
        media = (req.mimetype or "").lower()
        if media == FORM:
            if "query" in url_params or "update" in url_params:
                raise ProtocolError(400, "A URL-encoded POST carries its query in the body, not in the URL.")
            params = {k: req.form.getlist(k) for k in req.form}
            body_query = []
        elif media == QUERY:
            if "query" in url_params:
                raise ProtocolError(400, "Two queries: a direct POST carries its query in the body, not also in the URL.")
            params = url_params
            body_query = [_body_text(req)]
        elif media == UPDATE:
            raise ProtocolError(403, "SPARQL Update is not allowed: this endpoint is read-only.")
        else:
            raise ProtocolError(415, f"Unsupported Content-Type {req.mimetype or '(none)'!r}: send "
                                     f"{FORM} or {QUERY}.", {"Accept-Post": f"{FORM}, {QUERY}"})
    else:
        raise ProtocolError(405, f"Method {req.method} is not allowed here.")
    if "update" in params or "using-graph-uri" in params or "using-named-graph-uri" in params:
        raise ProtocolError(403, "SPARQL Update is not allowed: this endpoint is read-only.")
    query = _one(body_query + params.get("query", []), "query")
    # format= / output= (Fuseki, Virtuoso; SPARQLWrapper sends both, and 'results'): they must agree.
    named = tuple(sorted({v.strip().lower() for k in ("format", "output", "results")
                          for v in params.get(k, []) if v.strip()}))
    return ProtocolRequest(query, tuple(params.get("default-graph-uri", [])),
                           tuple(params.get("named-graph-uri", [])), named)


def _body_text(req: Request) -> str:
    data = req.get_data(cache=True)
    try:
        return data.decode(req.mimetype_params.get("charset", "utf-8"))
    except (UnicodeDecodeError, LookupError):
        raise ProtocolError(400, "The query must be UTF-8 text.") from None


def _choose_format(form: str | None, params: tuple[str, ...], allow_html: bool) -> formats.Format:
    graph = form in ("CONSTRUCT", "DESCRIBE")
    family = formats.GRAPH_FORMATS if graph else formats.RESULT_FORMATS
    if params:
        chosen = set()
        for param in params:
            fmt = formats.from_param(param, graph)
            if fmt is None:
                names = ", ".join(f.name for f in family)
                raise ProtocolError(400, f"Unknown format {param!r} for a {form or 'SELECT'} query; use one of {names}.")
            chosen.add(fmt)
        if len(chosen) > 1:
            raise ProtocolError(400, f"The format parameters disagree: {', '.join(params)}.")
        return chosen.pop()
    offers = (*family, formats.HTML) if allow_html else family
    fmt = formats.negotiate_header(request.headers.get("Accept"), offers)
    if fmt is None:
        raise ProtocolError(406, "None of the media types in Accept can be served for this query. Available: "
                                 + ", ".join(formats.media_types(family)) + ".")
    return fmt


def build_job(proto: ProtocolRequest, fmt: formats.Format, max_rows: int, shape: QueryShape | None = None) -> QueryJob:
    """The worker job for a checked query (the dataset rules of the protocol applied)."""
    assert proto.query is not None
    shape = shape or inspect_query(proto.query)
    check_query(shape, current_app.extensions["kg"].config.service_allowlist)
    return make_job(proto.query, shape, fmt, max_rows, proto.default_graphs, proto.named_graphs)


def make_job(query: str, shape: QueryShape, fmt: formats.Format, max_rows: int,
             default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = ()) -> QueryJob:
    """The worker job for a query already checked by ``check_query`` (pure)."""
    protocol_dataset = bool(default_graphs or named_graphs)
    result_fmt = fmt.name if fmt.name in ("json", "xml", "csv", "tsv") else "json"
    graph_fmt = fmt.name if fmt.name in ("ttl", "nt", "jsonld", "rdfxml") else "ttl"
    return QueryJob(
        query=query, result_format=result_fmt, graph_format=graph_fmt, max_rows=max_rows,
        query_limit=shape.top_limit,
        # The protocol's dataset overrides the query's FROM; with neither, the default
        # graph is the union of all named graphs (one per resolution expression).
        union_default_graph=not (protocol_dataset or shape.has_dataset_clause),
        default_graphs=default_graphs if protocol_dataset else None,
        named_graphs=named_graphs if protocol_dataset else None,
    )


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    kg = current_app.extensions["kg"]
    try:
        proto = read_protocol_request(request)
        if proto.query is None or not proto.query.strip():
            if request.method == "POST":
                raise ProtocolError(400, "No query: send the SPARQL query in the 'query' parameter or as the body.")
            return _landing()
        shape = inspect_query(proto.query)
        fmt = _choose_format(shape.form, proto.format_params, allow_html=True)
        cacheable = request.method in ("GET", "HEAD")
        if cacheable:
            not_modified = kg.not_modified(f"sparql|{request.query_string.decode('latin-1')}|{fmt.name}")
            if not_modified is not None:
                return not_modified
        job = build_job(proto, fmt, kg.config.max_rows, shape)
    except ProtocolError as exc:
        return error_response(exc.status, exc.message, exc.headers)
    except QueryRefused as exc:
        return error_response(exc.status, str(exc))
    key = CacheKey(proto.query, proto.default_graphs, proto.named_graphs, fmt.name, kg.config.max_rows)
    use_cache = kg.cache.enabled and fmt is not formats.HTML
    version = kg.data_version() if use_cache else ""
    answer = kg.cache.get(key, version) if use_cache else None
    hit = answer is not None
    if answer is None:
        outcome = kg.pool.run(job)
        if outcome.status != "ok":
            return outcome_error(outcome)
        if fmt is formats.HTML:
            response = Response(render_template("results.html", query=proto.query, outcome=outcome,
                                                data=json.loads(outcome.body), kg=kg), mimetype="text/html")
            response.headers.extend(result_headers(outcome))
            return _with_cache_headers(response, cacheable, fmt)
        answer = cached_answer(outcome, fmt)
        if use_cache and outcome.store_version == version:
            kg.cache.put(key, version, answer)
    response = Response(answer.body, content_type=answer.content_type)
    response.headers.extend(answer_headers(answer, hit))
    return _with_cache_headers(response, cacheable, fmt)


def _with_cache_headers(response: Response, cacheable: bool, fmt: formats.Format) -> Response:
    """ETag and Cache-Control for a GET (or HEAD) answer; ``no-store`` for a POST."""
    if cacheable:
        kg = current_app.extensions["kg"]
        response.headers.extend(kg.cache_header_list(f"sparql|{request.query_string.decode('latin-1')}|{fmt.name}"))
    else:
        response.headers["Cache-Control"] = "no-store"
    return response


def cached_answer(outcome: QueryOutcome, fmt: formats.Format) -> CachedAnswer:
    """A successful outcome as the result cache keeps it: Content-Type, body, result headers."""
    body, content_type = result_body(outcome, fmt)
    return CachedAnswer(content_type, body, tuple(result_headers(outcome)))


def answer_headers(answer: CachedAnswer, hit: bool) -> list[tuple[str, str]]:
    """The headers of an answer that depend on its result; ``X-Cache: hit`` when it came from the cache."""
    return [*answer.headers, ("X-Cache", "hit")] if hit else list(answer.headers)


def result_body(outcome: QueryOutcome, fmt: formats.Format) -> tuple[bytes, str]:
    """The body and Content-Type of a successful answer; a cut JSON result says so in the body too."""
    body = outcome.body
    if outcome.truncated and fmt.name == "json" and outcome.kind == "solutions":
        note = json.dumps({"truncated": True, "rows": outcome.rows,
                           "note": f"The result was cut to the first {outcome.rows} rows (the server's limit)."})
        body = body[:-1] + b"," + note[1:].encode()
    return body, (formats.BY_NAME[outcome.format].content_type if outcome.format else fmt.content_type)


def result_headers(outcome: QueryOutcome) -> list[tuple[str, str]]:
    """The headers every answer of a query carries: Vary, the row cap's signal, the query's time."""
    headers = [("Vary", "Accept"), ("X-Result-Truncated", "true" if outcome.truncated else "false")]
    if outcome.rows is not None:
        headers.append(("X-Result-Rows", str(outcome.rows)))
    headers.append(("X-Query-Time", f"{outcome.seconds:.4f}"))
    return headers


def _landing() -> Response:
    """GET /sparql with no query: the query page for browsers, the service description for clients."""
    from .describe import service_description_response
    html = formats.negotiate(request.accept_mimetypes, (*formats.GRAPH_FORMATS, formats.HTML))
    if html is formats.HTML and request.accept_mimetypes.quality("text/html") > 0:
        from .site import query_page
        return query_page()
    return service_description_response()


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    response = Response(message.rstrip() + "\n", status=status, mimetype="text/plain")
    response.headers["Vary"] = "Accept"
    response.headers["Cache-Control"] = "no-store"
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def outcome_error(outcome: QueryOutcome) -> Response:
    if outcome.status == "syntax":
        return error_response(400, f"SPARQL syntax error: {outcome.message}")
    if outcome.status == "timeout":
        return error_response(503, f"Query stopped: {outcome.message}. Narrow the query or add a LIMIT.")
    if outcome.status == "memory":
        return error_response(503, f"Query stopped: {outcome.message}. Narrow the query.")
    if outcome.status == "busy":
        return error_response(503, f"Server busy: {outcome.message}.", {"Retry-After": "5"})
    if "SERVICE" in outcome.message.upper() or "HTTP" in outcome.message.upper():
        return error_response(502, f"Federated query failed: {outcome.message}")
    return error_response(400, f"The query could not be evaluated: {outcome.message}")
