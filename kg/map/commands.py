"""``kg map PATH... [--format ttl|nt|jsonld|trig|nq]``: write the RDF of documents to stdout."""
from __future__ import annotations

import sys

import click
from rdflib import Dataset

from kg.map import DEFAULT_BASE
from kg.map.pipeline import map_paths

FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nq": "nquads"}


@click.command("map")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="ttl", show_default=True,
              help="ttl/nt/jsonld write each resolution's triples; trig/nq keep the named graphs.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base of every URI minted.")
@click.option("--no-link", is_flag=True, help="Skip entity linking (no mentions).")
def map_command(paths: tuple[str, ...], fmt: str, base: str, no_link: bool) -> None:
    """Parse, link and map resolutions; print their RDF (nt and nq straight from the map stage)."""
    failed = False
    out = sys.stdout
    for outcome in map_paths(paths, base, link_entities=not no_link):
        if outcome.mapped is None:
            failed = True
            click.echo(f"{outcome.path}: {outcome.error}", err=True)
            continue
        if fmt == "nt":
            out.write(outcome.mapped.ntriples)
            continue
        if fmt == "nq":
            graph = f" <{outcome.mapped.graph_iri}> .\n"
            out.write("".join(line[:-2] + graph for line in outcome.mapped.ntriples.splitlines()))
            continue
        if fmt == "trig":
            dataset = Dataset()
            graph = dataset.graph(outcome.mapped.graph_iri)
            for prefix, ns in outcome.mapped.graph.namespaces():
                dataset.bind(prefix, ns)
            for triple in outcome.mapped.graph:
                graph.add(triple)
            out.write(dataset.serialize(format=FORMATS[fmt]))
        else:
            out.write(outcome.mapped.graph.serialize(format=FORMATS[fmt]))
        out.write("\n")
    if failed:
        sys.exit(2)
