"""The SHACL shapes and the ontology, parsed once per base, and the shape names for reports."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import RDF, BNode, Graph, Namespace, URIRef

from kg.map import uris

SH = Namespace("http://www.w3.org/ns/shacl#")
ROOT = Path(__file__).resolve().parents[2]
SHAPES_PATH = ROOT / "shapes" / "unres-shapes.ttl"
ONTOLOGY_PATH = ROOT / "ontology" / "unres.ttl"


def rebased(text: str, base: str) -> str:
    base = base.rstrip("/")
    return text if base == uris.DEFAULT_BASE else text.replace(uris.DEFAULT_BASE + "/def/", base + "/def/")


@lru_cache(maxsize=8)
def ontology_graph(base: str = uris.DEFAULT_BASE) -> Graph:
    """The unres ontology, parsed once (namespace moved to ``{base}/def/unres#``)."""
    return Graph().parse(data=rebased(ONTOLOGY_PATH.read_text(encoding="utf-8"), base), format="turtle")


@lru_cache(maxsize=8)
def shapes_graph(base: str = uris.DEFAULT_BASE) -> Graph:
    """The SHACL shapes, parsed once."""
    return Graph().parse(data=rebased(SHAPES_PATH.read_text(encoding="utf-8"), base), format="turtle")


@lru_cache(maxsize=8)
def shape_names(base: str = uris.DEFAULT_BASE) -> dict[str, str]:
    """Shape or constraint node -> a readable name (``shp:Meeting / schema:startDate``)."""
    graph = shapes_graph(base)
    names: dict[str, str] = {}
    nm = graph.namespace_manager

    def qname(node) -> str:
        try:
            return nm.normalizeUri(node) if isinstance(node, URIRef) else str(node)
        except Exception:
            return str(node)

    for node_shape, prop in graph.subject_objects(SH.property):
        if isinstance(prop, BNode):
            path = graph.value(prop, SH.path)
            names[str(prop)] = f"{qname(node_shape)} / {qname(path) if path is not None and not isinstance(path, BNode) else 'path'}"
    for node_shape, constraint in graph.subject_objects(SH.sparql):
        names[str(constraint)] = qname(constraint)
    for shape in set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.subjects(RDF.type, SH.PropertyShape)):
        if isinstance(shape, URIRef):
            names[str(shape)] = qname(shape)
    return names
