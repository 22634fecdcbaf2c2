"""The app factory: ``create_app(config) -> Flask``.

``KgServices`` is what every view needs (the config, the worker pool, the
store's version stamp for ETags, the result cache of SPARQL answers and the
store version it is valid for, link rewriting) and lives in
``app.extensions["kg"]``.  The pool starts lazily, on the first query, so
making an app is cheap; ``kg serve`` starts it up front to fail fast.
"""
from __future__ import annotations

import gc
import hashlib
import json
import math
import threading
import time
from pathlib import Path

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import quote_etag
from werkzeug.sansio.utils import host_is_trusted

from . import formats
from .cache import ResultCache
from .config import ServeConfig, trusted_hosts
from .pool import QueryJob, QueryPool
from .storestate import store_file_lines, store_version

VERSION = "1"
VERSION_CHECK_SECONDS = 1.0       # how often the result cache looks whether the store on disk changed


class KgServices:
    """Shared state of one app: config, pool, version stamp, result cache."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self._pool: QueryPool | None = None
        self._lock = threading.Lock()
        self._stamp: str | None = None
        self._stamp_view: tuple[QueryPool | None, int] = (None, 0)      # the pool and generation it was taken at
        self.cache = ResultCache(int(config.cache_mb * 2**20), int(config.cache_entry_mb * 2**20))
        self._data_version = ""
        self._version_checked = -math.inf
        self.version_check_seconds = VERSION_CHECK_SECONDS

    def data_version(self) -> str:
        """``storestate.store_version`` of the store on disk, looked at most every ``version_check_seconds``.

        The result cache answers only from entries computed on this version: a store rebuilt in
        place is never answered from the entries of the one before.
        """
        now = time.monotonic()
        if now - self._version_checked >= self.version_check_seconds:
            self._data_version = store_version(self.config.store_path)
            self._version_checked = now
        return self._data_version

    @property
    def pool(self) -> QueryPool:
        if self._pool is None:
            with self._lock:
                if self._pool is None:
                    self._pool = QueryPool(self.config.store_path, self.config.workers, self.config.timeout,
                                           memory_mb=self.config.worker_memory_mb)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    # --- running queries for pages -------------------------------------------------
    def select(self, query: str, max_rows: int | None = None) -> list[dict[str, dict]]:
        """Rows of a SELECT as SPARQL-JSON bindings; raises ``QueryFailed``."""
        outcome = self.pool.run(QueryJob(query, result_format="json", max_rows=max_rows or self.config.max_rows))
        if outcome.status != "ok":
            raise QueryFailed(outcome.status, outcome.message)
        return json.loads(outcome.body)["results"]["bindings"]

    def construct(self, query: str, fmt: str) -> tuple[bytes, bool]:
        outcome = self.pool.run(QueryJob(query, graph_format=fmt, max_rows=self.config.max_rows))
        if outcome.status != "ok":
            raise QueryFailed(outcome.status, outcome.message)
        return outcome.body, outcome.truncated

    # --- IRIs and local paths ------------------------------------------------------
    def iri_for_path(self, path: str) -> str:
        return self.config.base + path

    def local(self, iri: str) -> str:
        """A link for a page: IRIs under the base become local paths."""
        base = self.config.base
        if iri == base or iri.startswith(base + "/") or iri.startswith(base + "#"):
            return iri[len(base):] or "/"
        return iri

    # --- caching ---------------------------------------------------------------------
    @property
    def stamp(self) -> str:
        """A version of the data: taken again when the pool switches to a rebuilt store (``pool.generation``)."""
        view = (self._pool, self._pool.generation if self._pool is not None else 0)
        if self._stamp is None or view[0] is not self._stamp_view[0] or view[1] != self._stamp_view[1]:
            self._stamp, self._stamp_view = store_stamp(Path(self.config.store_path), self.config.base), view
        return self._stamp

    def etag_for(self, key: str) -> str:
        return hashlib.sha256(f"{VERSION}|{self.stamp}|{key}".encode()).hexdigest()[:32]

    def not_modified(self, key: str) -> Response | None:
        etag = self.etag_for(key)
        if request.if_none_match and request.if_none_match.contains_weak(etag):
            response = Response(status=304)
            self.cache_headers(response, key)
            return response
        return None

    def cache_headers(self, response: Response, key: str) -> None:
        response.set_etag(self.etag_for(key), weak=True)
        response.headers["Cache-Control"] = f"public, max-age={self.config.cache_max_age}"

    def cache_header_list(self, key: str) -> list[tuple[str, str]]:
        """What ``cache_headers`` sets, as header pairs (for a response being built)."""
        return [("ETag", quote_etag(self.etag_for(key), weak=True)),
                ("Cache-Control", f"public, max-age={self.config.cache_max_age}")]


def freeze_start_up_objects() -> None:
    """Leave the objects of start-up (modules, Flask, templates: ~45,000) out of every later collection.

    Call once the app and its pool are up, in the process that serves.  A full collection walks every
    tracked object while all the server's threads wait: on the start-up heap, 20-40 ms under load,
    and the first one came while the result cache filled.  Frozen (``gc.freeze``), they are never
    walked again; what the requests make is still collected.  Garbage of start-up is freed first.
    """
    gc.collect()
    gc.freeze()


class QueryFailed(RuntimeError):
    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status


def store_stamp(store_path: Path, base: str) -> str:
    """A digest of the store's files (names, sizes, times) — stable while the store is unchanged."""
    digest = hashlib.sha256(base.encode())
    for line in store_file_lines(store_path):
        digest.update(line.encode())
    return digest.hexdigest()[:16]


CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Content-Location, Link, X-Result-Truncated, X-Result-Rows, X-Query-Time, X-Cache",
}


def finish_headers(headers):
    """Add CORS and ``nosniff`` to a response's headers (werkzeug ``Headers`` or a list of pairs) unless set."""
    present = {key.lower() for key, _ in headers}      # one pass: setdefault scans per call
    missing = [(key, value) for key, value in CORS_HEADERS.items() if key.lower() not in present]
    if "x-content-type-options" not in present:
        missing.append(("X-Content-Type-Options", "nosniff"))
    headers.extend(missing)
    return headers


def limit_header_size(wsgi_app, limit: int):
    """Answer ``431`` to a request whose header fields add up to more than ``limit`` bytes.

    Waitress refuses such requests itself; granian's own cap is near 1 MB, so the app says no.
    """
    def app(environ, start_response):
        size = 0
        for key, value in environ.items():
            if key.startswith("HTTP_"):
                size += len(key) + len(value)
        if size > limit:
            body = f"431 Request Header Fields Too Large: the headers exceed {limit} bytes.\n".encode()
            start_response("431 Request Header Fields Too Large",
                           [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))),
                            ("Connection", "close"), ("Access-Control-Allow-Origin", "*")])
            return [body]
        return wsgi_app(environ, start_response)
    return app


def trusted_fast_path(fast_app, flask_app, trusted: list[str]):
    """The short route (``fastpath``) only for a trusted Host; any other request goes to Flask,
    whose ``TRUSTED_HOSTS`` refuses it (400): one rule, Werkzeug's, for every route."""
    def app(environ, start_response):
        if host_is_trusted(environ.get("HTTP_HOST"), trusted):
            return fast_app(environ, start_response)
        return flask_app(environ, start_response)
    return app


def create_app(config: ServeConfig | None = None) -> Flask:
    """A Flask app serving the store in ``config`` (pure: config in, app out)."""
    config = config or ServeConfig()
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = config.max_body_bytes
    app.config["TRUSTED_HOSTS"] = trusted = trusted_hosts(config)   # None without --public-url: any Host
    app.json.sort_keys = False  # type: ignore[attr-defined]
    services = KgServices(config)
    app.extensions["kg"] = services
    from .fastpath import fast_sparql
    fast = fast_sparql(app.wsgi_app, services)
    if trusted is not None:
        fast = trusted_fast_path(fast, app.wsgi_app, trusted)
    app.wsgi_app = limit_header_size(fast, config.max_body_bytes)  # type: ignore[method-assign]

    from . import linked, protocol, site
    app.register_blueprint(protocol.bp)
    app.register_blueprint(site.bp)
    app.register_blueprint(linked.bp)
    from . import releases
    app.register_blueprint(releases.bp)   # /data/... and /catalog

    @app.context_processor
    def _globals() -> dict:
        return {"kg": services, "local": services.local, "config": config, "site_url": releases.site_url}

    @app.after_request
    def _cors(response: Response) -> Response:
        finish_headers(response.headers)
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = \
                request.headers.get("Access-Control-Request-Headers", "Accept, Content-Type, If-None-Match")
            response.headers["Access-Control-Max-Age"] = "86400"
        return response

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        best = formats.negotiate(request.accept_mimetypes, (formats.HTML, *formats.RESULT_FORMATS))
        if best is formats.HTML and request.accept_mimetypes.quality("text/html") > 0:
            from flask import render_template
            body = render_template("error.html", code=exc.code, name=exc.name, description=exc.description)
            response = Response(body, status=exc.code, mimetype="text/html")
        else:
            response = Response(f"{exc.code} {exc.name}: {exc.description}\n", status=exc.code, mimetype="text/plain")
        for key, value in exc.get_headers():
            if key.lower() not in ("content-type", "content-length"):
                response.headers[key] = value
        return response

    @app.errorhandler(QueryFailed)
    def _query_failed(exc: QueryFailed) -> Response:
        status = 503 if exc.status in ("timeout", "busy", "memory") else 500
        return Response(f"The data could not be read: {exc}\n", status=status, mimetype="text/plain")

    return app
