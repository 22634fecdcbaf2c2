"""The path -> parse -> link -> map steps the ``kg map`` and ``kg validate`` commands share.

Each document is handled on its own: a bad one yields an error line, never a
traceback, and never stops the batch.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.map import DEFAULT_BASE, MappedResolution, to_graph
from kg.model import ParseError


@dataclass
class MapOutcome:
    path: str
    mapped: MappedResolution | None
    error: str | None = None


def map_paths(paths: Iterable[str], base: str = DEFAULT_BASE, link_entities: bool = True,
              now: str | None = None) -> Iterator[MapOutcome]:
    """Parse, link and map every document under ``paths`` (files, folders, zips)."""
    from kg.parse import iter_documents, parse_path

    gazetteer = None
    if link_entities:
        from kg.link import load_gazetteer

        gazetteer = load_gazetteer()
    for path in iter_documents(list(paths)):
        try:
            resolution = parse_path(path)
            mentions = []
            if gazetteer is not None:
                from kg.link import link

                mentions = link(resolution, gazetteer)
            yield MapOutcome(path, to_graph(resolution, mentions, base, now=now))
        except ParseError as exc:
            yield MapOutcome(path, None, exc.reason)
        except ValueError as exc:
            yield MapOutcome(path, None, f"cannot map: {exc}")
        except Exception as exc:  # noqa: BLE001 -- one bad document never stops a batch
            yield MapOutcome(path, None, f"internal error while mapping ({exc.__class__.__name__}: {exc})")
