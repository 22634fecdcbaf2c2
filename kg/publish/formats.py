"""The files of a release and how catalogues describe them (media types, formats)."""
from __future__ import annotations

from dataclasses import dataclass

IANA = "http://www.iana.org/assignments/media-types/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
GZIP_MEDIA_TYPE = "application/gzip"


@dataclass(frozen=True)
class ReleaseFile:
    """One downloadable file of a release."""

    key: str                 # short name used in distribution IRIs
    filename: str
    media_type: str          # IANA media type of the content (uncompressed)
    file_type: str           # EU file-type authority code
    title: str
    description: str
    compressed: bool = True
    licence_key: str = "data"  # key into kg.publish.licences.LICENCES

    @property
    def media_type_iri(self) -> str:
        return IANA + self.media_type

    @property
    def file_type_iri(self) -> str:
        return EU_FILE_TYPE + self.file_type


NTRIPLES = ReleaseFile(
    "nt", "unres.nt.gz", "application/n-triples", "RDF_N_TRIPLES",
    "N-Triples dump (sorted)",
    "The whole knowledge graph as N-Triples, one triple per line, sorted by byte value "
    "and free of duplicates: the same graph always gives the same bytes.",
)
NQUADS = ReleaseFile(
    "nq", "unres.nq.gz", "application/n-quads", "RDF_N_QUADS",
    "N-Quads dump (one named graph per resolution expression)",
    "The knowledge graph as N-Quads: every triple in the named graph of the resolution "
    "expression ({work}/{lang}/graph) it was extracted from.",
)
TURTLE = ReleaseFile(
    "ttl", "unres.ttl.gz", "text/turtle", "RDF_TURTLE",
    "Turtle dump",
    "The whole knowledge graph as Turtle, grouped by subject.",
)
JSONLD = ReleaseFile(
    "jsonld", "unres.jsonld.gz", "application/ld+json", "JSON_LD",
    "JSON-LD dump",
    "The whole knowledge graph as JSON-LD (expanded form), one node object per subject.",
)
ONTOLOGY = ReleaseFile(
    "ontology", "unres-ontology.ttl", "text/turtle", "RDF_TURTLE",
    "Ontology (unres vocabulary)",
    "The OWL vocabulary the graph uses (namespace {base}/def/unres#).",
    compressed=False, licence_key="software",
)
SHAPES = ReleaseFile(
    "shapes", "unres-shapes.ttl", "text/turtle", "RDF_TURTLE",
    "SHACL shapes",
    "The SHACL shapes every resolution graph is validated against before it is stored.",
    compressed=False, licence_key="software",
)
VOID = ReleaseFile(
    "void", "void.ttl", "text/turtle", "RDF_TURTLE",
    "VoID description",
    "Statistics of the graph (triples, entities, class and property partitions) and its "
    "linkset to Wikidata, in the VoID vocabulary.",
    compressed=False, licence_key="metadata",
)

DUMPS = (NTRIPLES, NQUADS, TURTLE, JSONLD)
ALL_FILES = (*DUMPS, ONTOLOGY, SHAPES, VOID)
BY_FILENAME = {f.filename: f for f in ALL_FILES}

CATALOG_TTL = "catalog.ttl"
CATALOG_JSONLD = "catalog.jsonld"
RELEASE_JSON = "release.json"   # written last: marks a complete release
CHECKSUMS = "SHA256SUMS"
