"""Pipeline stage: publish.

``kg dump`` writes a release of the knowledge graph for open-data portals:
N-Triples (sorted, deterministic), N-Quads (one named graph per resolution
expression), Turtle and JSON-LD dumps, the ontology and shapes, a VoID
description and a DCAT-AP 3 catalogue.  The endpoint calls:

* ``void_graph(store, base, ...)`` -> rdflib Graph for ``/.well-known/void``
* ``catalog_graph(release_dir, base, ...)`` -> rdflib Graph for ``/catalog``
* ``releases(data_dir)`` / ``latest_release(data_dir)`` / ``release_path(data_dir, version)``
  to serve ``/data/latest/...`` and ``/data/{version}/...``
"""
from kg.publish.catalog import catalog_graph
from kg.publish.pipeline import dump_release
from kg.publish.release import ReleaseManifest, latest_release, release_path, releases
from kg.publish.void import void_graph

__all__ = ["catalog_graph", "dump_release", "latest_release", "release_path", "releases", "void_graph",
           "ReleaseManifest"]
