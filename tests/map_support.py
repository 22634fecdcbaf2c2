"""Shared helpers for the map/validate/query tests: real corpus files, parsed and linked."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
CORPUS = SHARED / "corpus"
SEED = CORPUS / "seed" / "A_RES_65_140.txt"
NOW = "2026-01-01T00:00:00Z"


@lru_cache(maxsize=64)
def mapped(path: str, base: str | None = None):
    """parse_path + link + to_graph of one real document (cached across tests)."""
    from kg.link import link, load_gazetteer
    from kg.map import DEFAULT_BASE, to_graph
    from kg.parse import parse_path

    resolution = parse_path(path)
    return to_graph(resolution, link(resolution, load_gazetteer()), base or DEFAULT_BASE,
                    software_version="0.1.0", now=NOW)


def query_corpus_files() -> list[str]:
    """A realistic part of the corpus: the seed, GA session 80, two SC, an emergency session, two HRC."""
    english = lambda pattern: sorted(str(p) for p in CORPUS.glob(pattern))  # noqa: E731
    return [str(SEED), *english("unxml-ga/xml/80session/English/*.xml"),
            *english("unxml-sc/xml/2021/English/*.xml")[:2], *english("unxml-ga/xml/ES-10session/English/*.xml")[:1],
            *english("unxml-hrc/xml/54session/English/*.xml")[:2]]
