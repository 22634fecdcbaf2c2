"""``kg parse PATH... [--json]``: parse resolutions and print a summary or JSON Lines.

A bad file gets one line on stderr (``path: reason``); the others are still
parsed; the exit status is 2 when any failed.  ``--jobs N`` parses in N
processes (``parse_path`` is a pure function of the file content); the
output keeps the input order.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import click

from kg.model import ParseError, Resolution
from kg.parse import iter_documents, parse_path


def _parse_one(path: str) -> tuple[str, Resolution | None, str | None]:
    try:
        return path, parse_path(path), None
    except ParseError as exc:
        return path, None, exc.reason
    except Exception as exc:  # noqa: BLE001 -- one bad document never stops a batch
        return path, None, f"internal error while parsing ({exc.__class__.__name__}: {exc})"


def _results(paths: list[str], jobs: int) -> Iterator[tuple[str, Resolution | None, str | None]]:
    if jobs <= 1 or len(paths) < 2:
        yield from map(_parse_one, paths)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_parse_one, paths, chunksize=8)


def summary(res: Resolution) -> str:
    """A few readable lines about one parsed resolution."""
    when = res.adoption_date or "date unknown"
    meeting = f", {res.meeting}{_suffix(res.meeting)} {res.meeting_kind + ' ' if res.meeting_kind else ''}meeting" \
        if res.meeting else ""
    origin = res.committee or ("without reference to a Main Committee" if res.organ == "GA" and res.origin_documents else "")
    lines = [
        f"{res.symbol}  [{res.organ}, session {res.session or '?'}, {res.language}, {res.source_format}]  {res.source}",
        f"  {res.title or '(no title)'}",
        f"  adopted {when}{meeting}" + (f"; {origin}" if origin else ""),
    ]
    details = []
    if res.origin_documents:
        details.append("origin " + ", ".join(res.origin_documents))
    if res.agenda_items:
        details.append("agenda item " + ", ".join(res.agenda_items))
    if res.distribution_date:
        details.append(f"distributed {res.distribution_date}")
    if res.job_number:
        details.append(f"job {res.job_number}")
    if details:
        lines.append("  " + "; ".join(details))
    counts = (f"  {len(res.preamble)} preambular, {len(res.operative)} operative paragraphs, "
              f"{len(res.footnotes)} footnotes, {len(res.citations)} citations")
    if res.parts:
        counts += f", parts {', '.join(p.label for p in res.parts)}"
    if res.annexes:
        counts += f", {len(res.annexes)} annex(es)"
    lines.append(counts)
    for warning in res.warnings:
        lines.append(f"  warning: {warning}")
    return "\n".join(lines)


def _suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


@click.command("parse")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document (JSON Lines) on stdout.")
@click.option("--text", "with_text", is_flag=True, help="With --json: include the normalised text spans index into.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(0, 64),
              help="Parse in this many processes (0 = one per CPU).")
def parse_command(paths: tuple[str, ...], as_json: bool, with_text: bool, jobs: int) -> None:
    """Parse UN resolutions (ODS text, PDF text or files, Word, Akoma Ntoso XML; folders and zips too)."""
    skipped: list[str] = []
    documents = list(iter_documents(paths, skipped))
    if skipped:
        click.echo(f"kg parse: skipped {len(skipped)} file(s) that are not documents (data, images, READMEs), "
                   f"e.g. {skipped[0]}", err=True)
    if not documents:
        click.echo("kg parse: no documents found in " + ", ".join(paths), err=True)
        sys.exit(2)
    failed = 0
    for path, res, error in _results(documents, jobs or os.cpu_count() or 1):
        if res is None:
            failed += 1
            click.echo(f"{path}: {error}", err=True)
            continue
        if as_json:
            click.echo(json.dumps(res.to_json(include_text=with_text), ensure_ascii=False))
        else:
            click.echo(summary(res) + "\n")
    if failed:
        click.echo(f"kg parse: {failed} of {len(documents)} document(s) failed", err=True)
        sys.exit(2)
