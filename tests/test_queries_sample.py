"""The example queries on the graph `make run` serves: the bundled sample (sample/), mapped as the
build maps it and queried like the endpoint (the default graph is the union of the named graphs).

A newcomer clicks them on the query page first: each finds something there, or its comment says
that it is empty on the sample and what to try instead; and the query page labels each button with
the first comment line, so that line is a whole sentence."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.map_support import mapped

ROOT = Path(__file__).resolve().parents[1]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
SAMPLE = ROOT / "sample"
EMPTY_NOTE = "# Empty on the bundled sample (make run)"


@lru_cache(maxsize=1)
def sample_store() -> ox.Store:
    store = ox.Store()
    files = sorted(p for p in SAMPLE.iterdir() if p.is_file() and p.name != "README.md")
    assert len(files) >= 10
    for path in files:
        m = mapped(str(path))
        store.load(m.graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                   to_graph=ox.NamedNode(m.graph_iri))
    return store


def rows(path: Path) -> list:
    return list(sample_store().query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True))


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_finds_something_in_the_sample_or_says_it_does_not(path):
    said_empty = EMPTY_NOTE in path.read_text(encoding="utf-8")
    assert bool(rows(path)) != said_empty, (path.name, "rows found" if not said_empty else "comment says empty")


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_first_comment_line_is_a_whole_sentence(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ") and first.rstrip().endswith("."), first
