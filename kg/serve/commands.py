"""``kg serve``: the SPARQL endpoint and linked-data site on a production WSGI server (granian or waitress)."""
from __future__ import annotations

import errno
import importlib.util
import os
import socket
import sys

import click


WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::", "[::]"})


def _public_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--public-url`` checked and normalised (``config.normalise_public_url``)."""
    from .config import normalise_public_url
    try:
        return normalise_public_url(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command("serve")
@click.option("--store", "store_path", default="var/store", show_default=True, help="The pyoxigraph store built by `kg build`.")
@click.option("--data", "data_dir", default="var/data", show_default=True,
              help="Releases written by `kg dump`, served at /data/ and /catalog (absent: none served).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--base", default="https://w3id.org/unres", show_default=True, help="Base URI of the graph; request paths map to base + path.")
@click.option("--timeout", default=30.0, show_default=True, type=float, help="Seconds a query may run; then it is stopped.")
@click.option("--max-rows", default=10_000, show_default=True, type=int, help="Rows (or triples) per answer; more is cut and marked.")
@click.option("--threads", default=8, show_default=True, type=int, help="HTTP threads of the WSGI server.")
@click.option("--workers", default=max(2, os.cpu_count() or 2), show_default=True, type=int, help="Query worker processes.")
@click.option("--allow-service", "allow_service", multiple=True, help="A SERVICE endpoint queries may call (repeatable; default none).")
@click.option("--max-body", default=256 * 1024, show_default=True, type=int, help="Largest request body, in bytes.")
@click.option("--worker-memory", default=2048, show_default=True, type=int,
              help="Address space of each query worker, in MB (0: no limit); a query needing more is stopped.")
@click.option("--cache-mb", default=64.0, show_default=True, type=click.FloatRange(min=0),
              help="Result cache: finished SPARQL answers kept in memory, MB (0: off). Repeated queries are answered "
                   "from it; entries are dropped least-recently-used, and all of them when the store changes.")
@click.option("--cache-entry-mb", default=4.0, show_default=True, type=click.FloatRange(min=0),
              help="Largest answer kept in the result cache, MB.")
@click.option("--connection-limit", default=1000, show_default=True, type=int,
              help="Open client connections before new ones wait (slow clients each hold one).")
@click.option("--public-url", default=None, envvar="KG_PUBLIC_URL", show_envvar=True, callback=_public_url,
              help="The URL clients reach this server at (e.g. https://data.example.org, behind a proxy). Every "
                   "absolute URL the server writes (catalogue, downloads, service description) then uses it, "
                   "whatever the Host header, and a request for any other host than it, localhost, 127.0.0.1 "
                   "or --host gets 400. Unset: URLs follow the Host header (local use) and are never "
                   "offered to shared caches.")
@click.option("--server", "wsgi_server", type=click.Choice(["granian", "waitress"]), default="granian",
              show_default=True, help="HTTP server: granian (Rust, the fastest measured) or waitress (pure Python).")
def serve_command(store_path: str, data_dir: str, host: str, port: int, base: str, timeout: float, max_rows: int, threads: int,
                  workers: int, allow_service: tuple[str, ...], max_body: int, worker_memory: int, cache_mb: float,
                  cache_entry_mb: float, connection_limit: int, public_url: str | None, wsgi_server: str) -> None:
    """Serve the store: SPARQL 1.1 at /sparql, linked data at every URI, read-only and time-limited."""
    from .app import create_app
    from .config import ServeConfig
    from .pool import StoreUnavailable

    if not os.path.isdir(store_path):
        raise click.ClickException(f"{store_path}: no store here (build one with `kg build`)")
    config = ServeConfig(store_path=store_path, base=base, timeout=timeout, max_rows=max_rows, workers=workers,
                         service_allowlist=frozenset(allow_service), max_body_bytes=max_body,
                         worker_memory_mb=worker_memory, data_dir=os.path.abspath(data_dir),
                         cache_mb=cache_mb, cache_entry_mb=cache_entry_mb, public_url=public_url,
                         trusted_hosts=frozenset() if host in WILDCARD_HOSTS else frozenset({host}))
    port_is_free(host, port)
    app = create_app(config)
    services = app.extensions["kg"]
    try:
        services.pool  # start the query workers now: fail fast on a bad store
    except StoreUnavailable as exc:
        raise click.ClickException(f"{store_path}: {exc}") from None
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {store_path} at http://{shown}:{port}/  (SPARQL: http://{shown}:{port}/sparql; {wsgi_server}, "
               f"{workers} query workers, {threads} threads, timeout {timeout:g} s, max rows {max_rows}, "
               f"result cache {f'{cache_mb:g} MB' if cache_mb else 'off'})", err=False)
    if public_url:
        click.echo(f"Public URL {public_url}: absolute URLs use it; other Host headers are refused")
    if wsgi_server == "granian" and importlib.util.find_spec("granian") is None:
        click.echo("granian is not installed (pip install granian): serving with waitress", err=True)
        wsgi_server = "waitress"
    if wsgi_server == "granian":
        services.close()          # the store opens: granian's worker process starts its own pool
        serve_granian(config, host, port, threads, connection_limit)
        return
    import waitress
    from .app import freeze_start_up_objects
    freeze_start_up_objects()
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="kg-serve",
                       max_request_body_size=max_body, clear_untrusted_proxy_headers=True, _quiet=True,
                       connection_limit=connection_limit, channel_timeout=60)
    finally:
        services.close()


def port_is_free(host: str, port: int) -> None:
    """Refuse a port another server listens on, before starting anything.

    granian binds with ``SO_REUSEPORT``: a second ``kg serve`` on a busy port would start without
    a word and share the port with the first, the kernel handing each connection to either (a
    ``make run`` left running would answer half the requests from its old store).  A plain bind,
    as every other server does, fails then; ``SO_REUSEADDR`` only lets it past the closed
    connections of a server just stopped."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise click.ClickException(f"port {port} on {host} is in use: another server (an earlier "
                                           f"kg serve?) listens there; stop it or choose --port") from None
            raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve_granian(config, host: str, port: int, threads: int, connection_limit: int) -> None:
    """Become granian (exec, same process id) serving ``kg.serve.wsgi:app`` with this config.

    HTTP is parsed in Rust, the Flask app runs in ``threads`` Python threads.  Measured on 2
    cores (kg/serve/perfcheck.py), the web process spends about half the CPU per request it
    spends under waitress.  Slow clients cost no thread (tokio); request heads must arrive
    within 30 s and may not exceed the body limit plus 16 KiB.
    """
    from .config import CONFIG_ENV, config_to_env

    buffer = max(64 * 1024, config.max_body_bytes + 16 * 1024)
    args = [sys.executable, "-m", "granian", "--interface", "wsgi", "--host", host, "--port", str(port),
            "--workers", "1", "--blocking-threads", str(threads), "--http", "1", "--no-ws",
            "--backpressure", str(connection_limit), "--http1-header-read-timeout", "30000",
            "--http1-buffer-size", str(buffer), "--log-level", "error",
            # Ctrl-C: a worker that misses the stop signal (seen about one run in three) is killed after 5 s
            "--workers-kill-timeout", "5", "kg.serve.wsgi:app"]
    os.environ[CONFIG_ENV] = config_to_env(config)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, args)
