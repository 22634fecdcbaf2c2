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
from kg.validate import validate


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base of every URI minted.")
@click.option("--warnings/--no-warnings", default=False, help="Also print warnings (they do not fail).")
@click.option("--no-link", is_flag=True, help="Skip entity linking (no mentions).")
def validate_command(paths: tuple[str, ...], base: str, warnings: bool, no_link: bool) -> None:
    """Validate resolutions against the SHACL shapes (shapes/unres-shapes.ttl)."""
    total = conforming = errors = 0
    seconds = 0.0
    started = time.perf_counter()
    for outcome in map_paths(paths, base, link_entities=not no_link):
        total += 1
        if outcome.mapped is None:
            errors += 1
            click.echo(f"{outcome.path}: {outcome.error}", err=True)
            continue
        report = validate(outcome.mapped, base)
        seconds += report.seconds
        conforming += report.conforms
        for result in report.results:
            if result.severity == "Violation" or warnings:
                click.echo(f"{outcome.path}: {result.describe(report.resolution)}")
    elapsed = time.perf_counter() - started
    rate = (total - errors) / seconds if seconds else 0.0
    click.echo(f"{conforming} of {total} documents conform; {total - conforming - errors} fail validation, "
               f"{errors} could not be mapped; validation {rate:.1f} resolutions/s, "
               f"{elapsed:.1f} s in all", err=True)
    if conforming != total:
        sys.exit(2)
