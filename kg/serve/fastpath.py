"""The commonest request, ``GET /sparql?query=...``, answered without Flask's request machinery.

Researchers' clients mostly send one query by GET and ask for a result format
by ``Accept``.  For that request Flask's request and response objects, URL
routing and hooks cost more CPU than the rest of the web side together (about
200 of 300 µs a request, measured with ``cProfile``), so this WSGI middleware answers
it directly, with the very functions the Flask view uses: the same guard, the
same negotiation, the same job, the same body and headers (CORS, ETag,
Cache-Control, the row cap's signal).  Anything else (POST, HEAD, a
conditional request, format or dataset parameters, a browser asking for HTML,
a refused or unacceptable request, a failed query) goes to Flask, or is
answered by the Flask view's own error responses, so there is one behaviour.
``tests/test_serve_fastpath.py`` holds both routes to the same answers.
"""
from __future__ import annotations

from typing import Callable, Iterable
from urllib.parse import parse_qs

from . import formats
from .guard import QueryRefused, check_query, inspect_query

WsgiApp = Callable[[dict, Callable], Iterable[bytes]]
PLAIN = frozenset({"query"})           # the only parameter a fast request may carry
OFFERS = {False: (*formats.RESULT_FORMATS, formats.HTML), True: (*formats.GRAPH_FORMATS, formats.HTML)}


def fast_sparql(wsgi_app: WsgiApp, services) -> WsgiApp:
    """``wsgi_app`` with plain ``GET /sparql?query=`` requests answered on the short route."""
    def app(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/sparql" and environ.get("REQUEST_METHOD") == "GET" \
                and "HTTP_IF_NONE_MATCH" not in environ:
            try:
                answer = answer_plain_get(services, environ)
            except Exception:  # noqa: BLE001 - e.g. the store cannot be opened: Flask's error handling answers
                answer = None
            if answer is not None:
                status, headers, body = answer
                start_response(status, headers)
                return [body]
        return wsgi_app(environ, start_response)
    app.fallback = wsgi_app  # type: ignore[attr-defined]
    return app


def answer_plain_get(services, environ: dict) -> tuple[str, list[tuple[str, str]], bytes] | None:
    """(status, headers, body) for a plain GET query, or ``None``: Flask answers it."""
    from .app import finish_headers
    from .protocol import make_job, outcome_error, result_body, result_headers

    query_string = environ.get("QUERY_STRING", "")
    params = parse_qs(query_string, keep_blank_values=True)
    if params.keys() != PLAIN or len(params["query"]) != 1 or not params["query"][0].strip():
        return None
    query = params["query"][0]
    shape = inspect_query(query)
    try:
        check_query(shape, services.config.service_allowlist)
    except QueryRefused:
        return None
    fmt = formats.negotiate_header(environ.get("HTTP_ACCEPT"), OFFERS[shape.form in ("CONSTRUCT", "DESCRIBE")])
    if fmt is None or fmt is formats.HTML:
        return None
    outcome = services.pool.run(make_job(query, shape, fmt, services.config.max_rows))
    if outcome.status != "ok":
        response = outcome_error(outcome)
        finish_headers(response.headers)
        app_iter, status, headers = response.get_wsgi_response(environ)
        return status, list(headers), b"".join(app_iter)
    body, content_type = result_body(outcome, fmt)
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body))), *result_headers(outcome),
               *services.cache_header_list(f"sparql|{query_string}|{fmt.name}")]
    return "200 OK", finish_headers(headers), body
