"""``kg build SOURCES...``: publish a knowledge graph from a folder of resolutions."""
from __future__ import annotations

import sys

import click

from kg.store.backends import DEFAULT_STORE
from kg.store.http import StoreError
from kg.store.manifest import DEFAULT_BASE
from kg.store.pipeline import STANDARD_PIPELINE
from kg.store.workers import WorkerError


@click.command("build")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--store", "store", default=DEFAULT_STORE, show_default=True,
              help="Store directory (embedded Oxigraph), ':memory:', or sparql+http(s)://host:port/path "
                   "for a remote SPARQL 1.1 store (credentials from KG_STORE_AUTH_HEADER or "
                   "KG_STORE_USER/KG_STORE_PASSWORD).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0,
              help="Worker processes (default: the number of cores; 1 runs in-process).")
@click.option("--prune", is_flag=True, help="Remove from the store the documents no longer in the sources.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base URI of the published IRIs.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False),
              help="Write the build report here (.md or .json; the other format is written beside it).")
@click.option("--batch-size", type=click.IntRange(min=1), default=256, show_default=True,
              help="Documents per store transaction.")
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
@click.option("--pipeline", default=STANDARD_PIPELINE, hidden=True,
              help="module:factory of the per-document pipeline (tests).")
def build_command(sources: tuple[str, ...], store: str, jobs: int, prune: bool, base: str,
                  report_path: str | None, batch_size: int, quiet: bool, pipeline: str) -> None:
    """Read, parse, link, map and validate every document under SOURCES (files, folders,
    zip archives) and load each resolution into its own named graph of the store.

    Incremental: unchanged documents are skipped; a changed one replaces its graph whole.
    Exits 2 when any document was refused (each refusal is explained in the report).
    """
    from kg.store.build import BuildOptions, build

    options = BuildOptions(sources=list(sources), store=store, base=base.rstrip("/"), jobs=jobs, prune=prune,
                           pipeline=pipeline, batch_documents=batch_size, progress=not quiet)
    try:
        report = build(options)
    except KeyboardInterrupt:
        click.echo("interrupted: the store holds every document finished so far; run the build again "
                   "to complete it", err=True)
        sys.exit(130)
    except (StoreError, WorkerError) as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"{store}: cannot use the store: {error}") from None
    if report_path:
        for path in report.write(report_path):
            click.echo(f"report: {path}", err=True)
    for note in report.notes:
        if note.status == "refused":
            click.echo(f"{note.path}: {note.reason.splitlines()[0]}", err=True)
    click.echo(report.summary())
    if report.refused:
        sys.exit(2)
