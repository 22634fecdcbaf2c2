"""Frozen inputs for the map and link snapshot tests: the seed's parsed record and mentions.

The parser is improved independently; the map snapshot must only change when the
mapping does, so it starts from a stored ``Resolution`` (``fixtures/seed_resolution.json``)
and stored mentions (``fixtures/seed_mentions.json``) instead of parsing the seed anew.
``python -m tests.snapshot_support`` regenerates all three fixtures (say why when you do).
"""
from __future__ import annotations

import dataclasses
import json
import types
import typing
from pathlib import Path

from kg import model

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_RESOLUTION = FIXTURES / "seed_resolution.json"
SEED_MENTIONS = FIXTURES / "seed_mentions.json"
SEED_GRAPH = FIXTURES / "seed_graph.nt"
NOW = "2026-01-01T00:00:00Z"
VERSION = "0.1.0"


def _build(tp, value):
    """Rebuild a value of type ``tp`` (dataclass, list, dict, optional) from plain JSON."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(options[0], value) if len(options) == 1 else value
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_build(item, v) for v in value]
    if origin is dict:
        _, item = typing.get_args(tp)
        return {k: _build(item, v) for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp, vars(model))
        return tp(**{f.name: _build(hints[f.name], value[f.name]) for f in dataclasses.fields(tp) if f.name in value})
    return value


def load_record(cls, data: dict):
    return _build(cls, data)


def seed_record() -> model.Resolution:
    return load_record(model.Resolution, json.loads(SEED_RESOLUTION.read_text(encoding="utf-8")))


def seed_mentions() -> list[model.Mention]:
    return [load_record(model.Mention, m) for m in json.loads(SEED_MENTIONS.read_text(encoding="utf-8"))]


def canonical_nt(graph) -> str:
    """Sorted, de-duplicated N-Triples (the mapping makes no blank nodes, so this is canonical)."""
    lines = {line for line in graph.serialize(format="nt").splitlines() if line.strip()}
    return "\n".join(sorted(lines)) + "\n"


def regenerate() -> None:  # pragma: no cover - run by hand
    from kg.link import link, load_gazetteer
    from kg.map import to_graph
    from kg.parse import parse_path
    from tests.map_support import SEED

    record = parse_path(str(SEED))
    mentions = link(record, load_gazetteer())
    SEED_RESOLUTION.write_text(json.dumps(dataclasses.asdict(record), ensure_ascii=False, indent=1), encoding="utf-8")
    SEED_MENTIONS.write_text(json.dumps([dataclasses.asdict(m) for m in mentions], ensure_ascii=False, indent=1),
                             encoding="utf-8")
    mapped = to_graph(seed_record(), seed_mentions(), software_version=VERSION, now=NOW)
    SEED_GRAPH.write_text(canonical_nt(mapped.graph), encoding="utf-8")


if __name__ == "__main__":
    regenerate()
