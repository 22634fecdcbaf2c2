"""The commonest request, ``GET /sparql?query=...``, answered without Flask's request machinery.

Researchers' clients mostly send one query by GET and ask for a result format
by ``Accept``.  For that request Flask's request and response objects, URL
routing and hooks cost more CPU than the rest of the web side together (about
200 of 300 µs a request, measured with ``cProfile``), so this WSGI middleware answers
it directly, with the very functions the Flask view uses: the same guard, the
same negotiation, the same job, the same body and headers (CORS, ETag,
Cache-Control, the row cap's signal), and the same result cache (``cache.py``):
an answer kept by one route is found by the other, under the same key.  Anything else (POST, HEAD, a
conditional request, format or dataset parameters, a browser asking for HTML,
a refused or unacceptable request, a failed query) goes to Flask, or is
answered by the Flask view's own error responses, so there is one behaviour.
``tests/test_serve_fastpath.py`` holds both routes to the same answers.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterable
from urllib.parse import parse_qs

from . import formats
from .cache import CachedAnswer, CacheKey, ResultCache
from .app import finish_headers
from .guard import QueryRefused, check_query, inspect_query
from .protocol import answer_headers, cached_answer, make_job, outcome_error

WsgiApp = Callable[[dict, Callable], Iterable[bytes]]
PLAIN = frozenset({"query"})           # the only parameter a fast request may carry
MEMO_CHARS = 8192                      # query strings up to this length have their decoding remembered
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
    query_string = environ.get("QUERY_STRING", "")
    query = plain_query(query_string)
    if query is None:
        return None
    accept = environ.get("HTTP_ACCEPT")
    cache = services.cache
    version = services.data_version() if cache.enabled else ""
    if cache.enabled:
        found = cached_lookup(cache, version, query, accept, services.config.max_rows)
        if found is not None:
            return ok_answer(services, query_string, *found, hit=True)
    shape = inspect_query(query)
    try:
        check_query(shape, services.config.service_allowlist)
    except QueryRefused:
        return None
    fmt = formats.negotiate_header(accept, OFFERS[shape.form in ("CONSTRUCT", "DESCRIBE")])
    if fmt is None or fmt is formats.HTML:
        return None
    outcome = services.pool.run(make_job(query, shape, fmt, services.config.max_rows))
    if outcome.status != "ok":
        response = outcome_error(outcome)
        finish_headers(response.headers)
        app_iter, status, headers = response.get_wsgi_response(environ)
        return status, list(headers), b"".join(app_iter)
    answer = cached_answer(outcome, fmt)
    if cache.enabled and outcome.store_version == version:
        cache.put(CacheKey(query, (), (), fmt.name, services.config.max_rows), version, answer)
    return ok_answer(services, query_string, fmt, answer, hit=False)


def plain_query(query_string: str) -> str | None:
    """The query of a URL whose only parameter is one non-blank ``query``, else ``None``.

    Decoding a long query string costs more than answering from the result cache (``unquote`` is
    pure Python), and the same query strings come again and again: short ones are remembered.
    """
    if len(query_string) > MEMO_CHARS:
        return _plain_query(query_string)
    return _remembered_plain_query(query_string)


def _plain_query(query_string: str) -> str | None:
    params = parse_qs(query_string, keep_blank_values=True)
    if params.keys() != PLAIN or len(params["query"]) != 1 or not params["query"][0].strip():
        return None
    return params["query"][0]


_remembered_plain_query = lru_cache(maxsize=256)(_plain_query)      # at most 256 x 8 KiB (and decoded) kept


def cached_lookup(cache: ResultCache, version: str, query: str, accept: str | None,
                  max_rows: int) -> tuple[formats.Format, CachedAnswer] | None:
    """The cached answer of a plain GET, found before the query is read (the guard's tokenizer costs more).

    The format depends on the query's form, unknown here; so each family's choice for this Accept is
    tried.  The families' format names are disjoint and an answer is kept under the format chosen for
    its own family, so an entry found is the answer the full route would give; a refused query never
    has one.
    """
    for graph in (False, True):
        fmt = formats.negotiate_header(accept, OFFERS[graph])
        if fmt is not None and fmt is not formats.HTML:
            answer = cache.get(CacheKey(query, (), (), fmt.name, max_rows), version)
            if answer is not None:
                return fmt, answer
    return None


def ok_answer(services, query_string: str, fmt: formats.Format, answer: CachedAnswer,
              hit: bool) -> tuple[str, list[tuple[str, str]], bytes]:
    """The 200 answer of a plain GET, with the headers the Flask view sets (``protocol.sparql``)."""
    headers = [("Content-Type", answer.content_type), ("Content-Length", str(len(answer.body))),
               *answer_headers(answer, hit), *services.cache_header_list(f"sparql|{query_string}|{fmt.name}")]
    return "200 OK", finish_headers(headers), answer.body
