"""``kg serve``: the SPARQL endpoint and linked-data site on a production WSGI server (waitress)."""
from __future__ import annotations

import os

import click


@click.command("serve")
@click.option("--store", "store_path", default="var/store", show_default=True, help="The pyoxigraph store built by `kg build`.")
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
@click.option("--connection-limit", default=1000, show_default=True, type=int,
              help="Open client connections before new ones wait (slow clients each hold one).")
def serve_command(store_path: str, host: str, port: int, base: str, timeout: float, max_rows: int, threads: int,
                  workers: int, allow_service: tuple[str, ...], max_body: int, worker_memory: int, connection_limit: int) -> None:
    """Serve the store: SPARQL 1.1 at /sparql, linked data at every URI, read-only and time-limited."""
    import waitress

    from .app import create_app
    from .config import ServeConfig
    from .pool import StoreUnavailable

    if not os.path.isdir(store_path):
        raise click.ClickException(f"{store_path}: no store here (build one with `kg build`)")
    config = ServeConfig(store_path=store_path, base=base, timeout=timeout, max_rows=max_rows, workers=workers,
                         service_allowlist=frozenset(allow_service), max_body_bytes=max_body,
                         worker_memory_mb=worker_memory)
    app = create_app(config)
    services = app.extensions["kg"]
    try:
        services.pool  # start the query workers now: fail fast on a bad store
    except StoreUnavailable as exc:
        raise click.ClickException(f"{store_path}: {exc}") from None
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {store_path} at http://{shown}:{port}/  (SPARQL: http://{shown}:{port}/sparql; "
               f"{workers} query workers, {threads} threads, timeout {timeout:g} s, max rows {max_rows})", err=False)
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="kg-serve",
                       max_request_body_size=max_body, clear_untrusted_proxy_headers=True, _quiet=True,
                       connection_limit=connection_limit, channel_timeout=60)
    finally:
        services.close()
