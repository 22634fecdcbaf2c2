"""``kg link``: print the mentions of documents; ``--online`` refreshes the Wikidata tables."""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from kg.parse import parse_path
from kg.link.gazetteer import default_data_dir, load_gazetteer, read_tsv
from kg.link.recognize import link, link_votes
from kg.model import Mention, ParseError, Resolution


def iter_paths(paths: tuple[str, ...]) -> list[str]:
    from kg.parse import iter_documents

    return list(iter_documents(list(paths)))


def mention_json(mention: Mention) -> dict:
    data = asdict(mention)
    return {k: v for k, v in data.items() if v is not None}


def mention_line(mention: Mention) -> str:
    extra = ""
    if mention.type in ("event", "meeting"):
        place = mention.place.text if mention.place else "-"
        extra = f" ordinal={mention.ordinal} place={place} dates={mention.start_date}..{mention.end_date}"
    elif mention.type == "date":
        extra = f" {mention.start_date}..{mention.end_date}"
    return (f"{mention.in_paragraph or '-'}\t{mention.type}\t{mention.text}\t{mention.qid or '-'}\t"
            f"{mention.label or ''}\t{mention.confidence:.2f}{extra}")


@click.command("link")
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="one JSON object per document")
@click.option("--online", is_flag=True, help="query Wikidata for what the tables miss and check shipped QIDs")
@click.option("--export-quickstatements", "export_qs", is_flag=True,
              help="print the P3069 statements Wikidata lacks for these resolutions (needs --online data)")
@click.option("--endpoint", default=None, help="SPARQL endpoint (default: the Wikidata Query Service)")
@click.option("--user-agent", default=None, help="User-Agent sent to the endpoint")
@click.option("--timeout", default=60.0, show_default=True, help="seconds per request")
@click.option("--batch-size", default=100, show_default=True, help="items per VALUES block")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("var/cache/wikidata"),
              show_default=True, help="on-disk cache: a second run makes no request")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="where the tables are read and the dated online tables written (default: kg/data)")
@click.option("--check-all", is_flag=True, help="with --online: check every shipped QID, not only those found")
def link_command(paths: tuple[str, ...], as_json: bool, online: bool, export_qs: bool, endpoint: str | None,
                 user_agent: str | None, timeout: float, batch_size: int, cache_dir: Path,
                 data_dir: Path | None, check_all: bool) -> None:
    """Recognise and link organizations, States, places, events and dates in PATHS."""
    data_dir = data_dir or default_data_dir()
    gazetteer = load_gazetteer(data_dir)
    failed = False
    results: list[tuple[Resolution, list[Mention]]] = []
    for path in iter_paths(paths):
        try:
            resolution = parse_path(str(path))
            mentions = link(resolution, gazetteer)
            unlinked_votes = link_votes(resolution, gazetteer)
        except ParseError as exc:
            click.echo(str(exc), err=True)
            failed = True
            continue
        except (OSError, ValueError) as exc:
            click.echo(f"{path}: {exc}", err=True)
            failed = True
            continue
        if unlinked_votes:
            click.echo(f"{path}: {unlinked_votes} voting State name(s) not linked", err=True)
        results.append((resolution, mentions))
        if not (online or export_qs):
            _print(resolution, mentions, as_json)
    if online or export_qs:
        from kg.link.commands_online import run_online
        try:
            run_online(results, gazetteer, data_dir, cache_dir, endpoint, user_agent, timeout, batch_size,
                       check_all, export_qs, online)
        except Exception as exc:  # noqa: BLE001 - one line for people, never a traceback
            from kg.link.online import OnlineError
            if not isinstance(exc, (OnlineError, OSError)):
                raise
            click.echo(f"online: {exc}", err=True)
            sys.exit(2)
    if failed:
        sys.exit(2)


def _print(resolution: Resolution, mentions: list[Mention], as_json: bool) -> None:
    if as_json:
        votes = [asdict(v) for v in resolution.voting.votes] if resolution.voting else []
        click.echo(json.dumps({"source": resolution.source, "symbol": resolution.symbol,
                               "mentions": [mention_json(m) for m in mentions],
                               **({"votes": votes} if votes else {})}, ensure_ascii=False))
        return
    click.echo(f"# {resolution.symbol}  ({resolution.source})")
    for mention in mentions:
        click.echo(mention_line(mention))
