"""The ``--online`` and ``--export-quickstatements`` halves of ``kg link`` (I/O only)."""
from __future__ import annotations

from pathlib import Path

import click

from kg.link.gazetteer import Gazetteer, latest, read_tsv
from kg.link.online import (USER_AGENT, WIKIDATA_ENDPOINT, Cache, OnlineLinker, SparqlClient, quickstatements,
                            resolution_classes, resolution_rows, write_table)
from kg.model import Mention, Resolution

ONLINE_COLUMNS = ["name", "qid", "label_en", "kind", "candidates"]
REDIRECT_COLUMNS = ["qid", "status", "redirect_to"]
RESOLUTION_COLUMNS = ["symbol", "qid", "class", "label_en", "wikidata_symbol"]


def unlinked_names(results: list[tuple[Resolution, list[Mention]]]) -> dict[str, str]:
    """Surface/label of organizations and places the tables know no QID for -> kind."""
    names: dict[str, str] = {}
    for _, mentions in results:
        for mention in mentions:
            if mention.qid is None and mention.type in ("organization", "place") and mention.confidence >= 0.5:
                names[mention.label or mention.text] = mention.type
    return names


def qids_to_check(results: list[tuple[Resolution, list[Mention]]], gazetteer: Gazetteer, check_all: bool) -> set[str]:
    qids = {m.qid for _, mentions in results for m in mentions if m.qid}
    qids |= {v.qid for r, _ in results if r.voting for v in r.voting.votes if v.qid}
    if check_all:
        qids |= {e.qid for e in gazetteer.entities if e.qid}
    else:
        qids |= {e.qid for e in gazetteer.entities if e.qid and e.kind in ("state", "organization")}
    return qids


def run_online(results: list[tuple[Resolution, list[Mention]]], gazetteer: Gazetteer, data_dir: Path,
               cache_dir: Path, endpoint: str | None, user_agent: str | None, timeout: float,
               batch_size: int, check_all: bool, export_qs: bool, online: bool) -> None:
    client = SparqlClient(endpoint or WIKIDATA_ENDPOINT, user_agent or USER_AGENT, timeout)
    linker = OnlineLinker(client, Cache(cache_dir), batch_size)
    classes, symbol_property = resolution_classes(data_dir)
    if online:
        names = unlinked_names(results)
        found = linker.lookup_names(sorted(names))
        rows = [{"name": n, **found[n], "kind": names[n]} for n in sorted(found)]
        online_path = write_table(data_dir, "wikidata_online", ONLINE_COLUMNS, rows)
        checked = linker.check_qids(sorted(qids_to_check(results, gazetteer, check_all)))
        redirect_rows = [{"qid": q, **v} for q, v in sorted(checked.items())]
        redirect_path = write_table(data_dir, "wikidata_redirects", REDIRECT_COLUMNS, redirect_rows)
        items = linker.harvest_resolutions(classes, symbol_property)
        resolutions_path = write_table(data_dir, "wikidata_resolutions", RESOLUTION_COLUMNS, resolution_rows(items))
        moved = sum(1 for v in checked.values() if v["status"] != "ok")
        click.echo(f"names looked up: {len(found)} ({sum(1 for r in rows if r['qid'])} resolved) -> {online_path}")
        click.echo(f"QIDs checked: {len(checked)} ({moved} redirected or missing) -> {redirect_path}")
        click.echo(f"resolution items: {len(items)} -> {resolutions_path}")
        click.echo(f"requests made: {client.requests}")
    if export_qs:
        items = linker.harvest_resolutions(classes, symbol_property)
        ours = [r.symbol for r, _ in results if r.symbol]
        for line in quickstatements(ours, items, symbol_property, classes[0], classes[1]):
            click.echo(line)


def saved_resolution_table(data_dir: Path) -> list[dict[str, str]]:
    path = latest(data_dir, "wikidata_resolutions")
    return read_tsv(path) if path else []
