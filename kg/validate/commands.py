"""``kg validate PATH...``: parse, link, map and validate documents; print the report.

One line per fault (``path: symbol: Violation shape at <node> (line n): value; message``)
and a summary with the throughput; exit status 2 when any document fails
(a violation, or a document that could not be read or mapped).
"""
from __future__ import annotations

import sys
import time

import click

from kg.map import DEFAULT_BASE
from kg.map.pipeline import map_paths
from kg.validate import ENGINES, default_engine, validate


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base of every URI minted.")
@click.option("--warnings/--no-warnings", default=False, help="Also print warnings (they do not fail).")
@click.option("--no-link", is_flag=True, help="Skip entity linking (no mentions).")
@click.option("--engine", type=click.Choice(ENGINES), default=None,
              help="SHACL engine: turbo (pyshacl-turbo, fast; the default when installed) or pyshacl (the reference).")
def validate_command(paths: tuple[str, ...], base: str, warnings: bool, no_link: bool, engine: str | None) -> None:
    """Validate resolutions against the SHACL shapes (shapes/unres-shapes.ttl)."""
    engine = engine or default_engine()
    total = conforming = errors = 0
    seconds = 0.0
    started = time.perf_counter()
    for outcome in map_paths(paths, base, link_entities=not no_link):
        total += 1
        if outcome.mapped is None:
            errors += 1
            click.echo(f"{outcome.path}: {outcome.error}", err=True)
            continue
        report = validate(outcome.mapped, base, engine=engine)
        seconds += report.seconds
        conforming += report.conforms
        for result in report.results:
            if result.severity == "Violation" or warnings:
                click.echo(f"{outcome.path}: {result.describe(report.resolution)}")
    elapsed = time.perf_counter() - started
    rate = (total - errors) / seconds if seconds else 0.0
    click.echo(f"{conforming} of {total} documents conform; {total - conforming - errors} fail validation, "
               f"{errors} could not be mapped; validation ({engine}) {rate:.1f} resolutions/s, "
               f"{elapsed:.1f} s in all ({(total - errors) / elapsed if elapsed else 0.0:.1f} resolutions/s "
               f"parse + link + map + validate)", err=True)
    if conforming != total:
        sys.exit(2)
