"""Validate a catalogue against the DCAT-AP 3.0.1 SHACL shapes shipped with the package."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

SHAPES_DIR = Path(__file__).resolve().parent / "dcat-ap-3.0.1"
SHAPE_FILES = ("dcat-ap-SHACL.ttl", "ranges.ttl")


@dataclass
class Conformance:
    conforms: bool
    report: str
    dropped_references: int     # dangling sh:property references removed from the shapes


def _drop_dangling_property_refs(shapes: Graph) -> int:
    """Remove ``sh:property`` links to shapes that are defined nowhere (an upstream defect)."""
    defined = set(shapes.subjects(SH.path, None))
    dangling = [(s, o) for s, o in shapes.subject_objects(SH.property) if o not in defined]
    for subject, obj in dangling:
        shapes.remove((subject, SH.property, obj))
    return len(dangling)


@lru_cache(maxsize=2)
def load_shapes(folder: Path = SHAPES_DIR) -> tuple[Graph, int]:
    """The DCAT-AP shapes with their ranges, and how many dangling references were dropped."""
    shapes = Graph()
    for name in SHAPE_FILES:
        shapes.parse(folder / name, format="turtle")
    return shapes, _drop_dangling_property_refs(shapes)


def validate_catalog(catalog: Graph, folder: Path = SHAPES_DIR) -> Conformance:
    """Run the DCAT-AP 3.0.1 shapes (with ranges) over ``catalog``; warnings count as failures."""
    import pyshacl

    shapes, dropped = load_shapes(folder)
    conforms, _graph, text = pyshacl.validate(catalog, shacl_graph=shapes, inference="none",
                                              allow_warnings=False, allow_infos=True)
    return Conformance(bool(conforms), str(text), dropped)
