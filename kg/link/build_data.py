"""Derive the gazetteer copy shipped in ``kg/data/`` from ``shared/wikidata/derived``.

The build must not need ``../shared`` at run time (``make run`` from a clean
clone), so the linker reads the small derived copy written here.  Regenerate it
after the shared tables change::

    .venv/bin/python -m kg.link.build_data [--shared ../shared] [--out kg/data]

Licences are kept apart as PROVENANCE asks: organization rows (SupraVerden,
CC BY-SA 4.0) go to their own file next to that licence; places and states
(country-coder ISC, Natural Earth public domain) to another.  The curated
name tables (``link_un_names.tsv``, ``link_org_aliases.tsv``) are the
project's own and are not touched here.
"""
from __future__ import annotations

import csv
import os
import shutil
import sys
from pathlib import Path

import click

REPO = Path(__file__).resolve().parents[2]
DATA_DIR = REPO / "kg" / "data"

PLACES_FILE = "wikidata_places.tsv"
ORGS_FILE = "wikidata_organizations.tsv"
MEMBERS_FILE = "wikidata_un_members.tsv"
SCHEMA_FILE = "wikidata_schema_ids.tsv"

ENTITY_COLUMNS = ["qid", "type", "label_en", "aliases", "source", "un_status",
                  "iso_a3", "country", "geonames_id", "confidence"]
PLACE_COLUMNS = ENTITY_COLUMNS + ["population", "feature_class"]


def shared_dir() -> Path:
    """Where the shared data lives: env ``KG_SHARED`` or ``../shared`` beside the repo."""
    return Path(os.environ.get("KG_SHARED") or REPO.parent / "shared")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def write_tsv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    """Plain TAB-separated text, no quoting (values carry no tabs or newlines)."""
    def clean(value: str | None) -> str:
        return (value or "").replace("\t", " ").replace("\n", " ")

    lines = ["\t".join(columns)]
    lines += ["\t".join(clean(row.get(k)) for k in columns) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def city_extras(derived: Path) -> dict[str, tuple[str, str]]:
    """QID -> (largest population seen, feature class) from the Natural Earth extracts."""
    extras: dict[str, tuple[str, str]] = {}
    for name in ("ne_populated_places_10m_v4.0.0.tsv", "ne_populated_places_50m_v5.0.0.tsv"):
        for row in read_tsv(derived / name):
            qid = (row.get("wikidataid") or "").strip()
            if not qid:
                continue
            pop, cls = extras.get(qid, ("0", ""))
            new_pop = row.get("pop_max") or "0"
            if float(new_pop or 0) >= float(pop or 0):
                pop = str(int(float(new_pop or 0)))
            extras[qid] = (pop, cls or row.get("featurecla") or "")
    return extras


def is_organization_row(row: dict[str, str]) -> bool:
    return row["type"] == "organization"


def derive(shared: Path, out: Path) -> dict[str, int]:
    """Write the shipped copy; return row counts per file."""
    derived = shared / "wikidata" / "derived"
    sources = shared / "wikidata" / "sources"
    entities = read_tsv(derived / "wikidata_entities.tsv")
    extras = city_extras(derived)
    places, orgs = [], []
    for row in entities:
        if is_organization_row(row):
            orgs.append(row)
            continue
        if row["type"] == "city":
            row["population"], row["feature_class"] = extras.get(row["qid"], ("", ""))
        places.append(row)
    out.mkdir(parents=True, exist_ok=True)
    write_tsv(out / PLACES_FILE, PLACE_COLUMNS, places)
    write_tsv(out / ORGS_FILE, ENTITY_COLUMNS, orgs)
    shutil.copyfile(derived / "un_member_states_and_observers.tsv", out / MEMBERS_FILE)
    shutil.copyfile(derived / "wikidata_schema_ids.tsv", out / SCHEMA_FILE)
    shutil.copyfile(sources / "supraverden" / "LICENSE.md", out / "LICENSE-supraverden-CC-BY-SA-4.0.md")
    shutil.copyfile(sources / "country-coder" / "LICENSE.md", out / "LICENSE-country-coder-ISC.md")
    return {PLACES_FILE: len(places), ORGS_FILE: len(orgs)}


@click.command()
@click.option("--shared", "shared_path", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="the shared folder (default: $KG_SHARED or ../shared)")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DATA_DIR,
              show_default=True)
def main(shared_path: Path | None, out: Path) -> None:
    """Regenerate the gazetteer tables shipped in kg/data/."""
    shared = shared_path or shared_dir()
    if not (shared / "wikidata" / "derived").is_dir():
        sys.exit(f"{shared}: no wikidata/derived folder")
    for name, count in derive(shared, out).items():
        click.echo(f"{out / name}: {count} rows")


if __name__ == "__main__":
    main()
