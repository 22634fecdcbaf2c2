"""``kg dump``: write a release of the store for open-data portals."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.model import ParseError


@click.command("dump")
@click.option("--store", "store_path", default="var/store", show_default=True, type=click.Path(path_type=Path),
              help="On-disk pyoxigraph store written by 'kg build'.")
@click.option("--out", "out_dir", default="var/data", show_default=True, type=click.Path(path_type=Path),
              help="Folder of releases; the release goes to OUT/VERSION/ and OUT/latest points at it.")
@click.option("--base", default="https://w3id.org/unres", show_default=True,
              help="Base URI of the graph, its downloads ({base}/data/...) and its endpoint ({base}/sparql).")
@click.option("--version", "version", default=None, help="Release name (default: today's date, UTC).")
@click.option("--ontology", type=click.Path(path_type=Path), default=None, help="Ontology file to ship.")
@click.option("--shapes", type=click.Path(path_type=Path), default=None, help="SHACL shapes file to ship.")
@click.option("--sort-memory", default="256M", show_default=True, help="Memory for the external N-Triples sort.")
def dump_command(store_path: Path, out_dir: Path, base: str, version: str | None, ontology: Path | None,
                 shapes: Path | None, sort_memory: str) -> None:
    """Dump the store as Turtle, N-Triples, N-Quads and JSON-LD with a DCAT-AP 3 catalogue and VoID."""
    from kg.publish.graphs import open_store
    from kg.publish.pipeline import DEFAULT_ONTOLOGY, DEFAULT_SHAPES, dump_release
    from kg.publish.release import check_version
    from kg.store import graphfiles

    try:
        if version is not None:
            check_version(version)
        store = open_store(store_path)
        manifest = dump_release(
            store, out_dir, base=base, version=version,
            ontology=ontology or DEFAULT_ONTOLOGY, shapes=shapes or DEFAULT_SHAPES, sort_memory=sort_memory,
            graph_files=graphfiles.folder_of(store_path),
        )
    except ParseError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    except (ValueError, OSError) as exc:
        click.echo(f"{out_dir}: {exc}", err=True)
        sys.exit(2)
    click.echo(f"{out_dir / manifest.version}: release {manifest.version}, {manifest.triples} triples "
               f"in {manifest.graphs} graphs, {len(manifest.files)} files")
