"""The DCAT-AP 3 catalogue of a release, built from its ``release.json``.

``catalog_graph(release_dir, base)`` returns an rdflib ``Graph``: the
catalogue, the dataset (one per release: ``{base}/dataset/{version}``), one
distribution per file with download URL, IANA media type, EU file type,
compression, byte size and SHA-256 checksum, the licences and rights
statements, and the SPARQL endpoint as a data service.  Every node a DCAT-AP
range constraint points at (agents, concepts, licence documents, media
types ...) is typed, so the graph conforms to the DCAT-AP 3.0.1 SHACL shapes
with their range file.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from kg.publish.formats import BY_FILENAME, GZIP_MEDIA_TYPE, IANA, ReleaseFile
from kg.publish.licences import LICENCES, UN_TERMS, rights_for
from kg.publish.release import ReleaseManifest, read_manifest
from kg.publish.void import dataset_iri

SPDX = Namespace("http://spdx.org/rdf/terms#")
DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")  # DCAT 3 term, not in rdflib's closed DCAT namespace
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DATA_THEME = "http://publications.europa.eu/resource/authority/data-theme"
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"

THEMES = {  # EU data-theme authority table: code -> English label
    "GOVE": "Government and public sector",
    "JUST": "Justice, legal system and public safety",
    "INTR": "International issues",
}
KEYWORDS = (
    "United Nations", "resolutions", "General Assembly", "Security Council", "Economic and Social Council",
    "Human Rights Council", "international law", "linked data", "knowledge graph", "ELI", "Akoma Ntoso",
)
PUBLISHER_NAME = "UN Resolutions Knowledge Graph project"
TITLE = "United Nations resolutions knowledge graph"
DESCRIPTION = (
    "Resolutions of the United Nations General Assembly, Security Council, Economic and Social Council and "
    "Human Rights Council as linked data: each resolution as a European Legislation Identifier (ELI) work "
    "with its language expressions, preambular and operative paragraphs, footnotes, typed citations of "
    "other resolutions and documents, adopting organ, session, meeting, agenda item and votes, and the "
    "States, organisations, places and events its text mentions, linked to Wikidata. Every fact keeps the "
    "character span of the source text it was read from. Unofficial: the United Nations is the source; "
    "only the documents it publishes are authoritative."
)


def catalog_graph(
    release_dir: str | Path,
    base: str | None = None,
    *,
    endpoint_url: str | None = None,
    endpoint_description: str | None = None,
    data_url: str | None = None,
    contact_email: str | None = None,
    manifest: ReleaseManifest | None = None,
) -> Graph:
    """The DCAT-AP 3 catalogue of the release in ``release_dir``.

    ``base`` defaults to the base the release was dumped with; ``data_url``
    (where the files are downloaded) to ``{base}/data/{version}``;
    ``endpoint_url`` and ``endpoint_description`` to ``{base}/sparql`` (the
    SPARQL 1.1 Service Description is served at the endpoint URL).
    """
    manifest = manifest or read_manifest(release_dir)
    base = (base or manifest.base).rstrip("/")
    data_url = (data_url or f"{base}/data/{manifest.version}").rstrip("/")
    endpoint_url = endpoint_url or f"{base}/sparql"
    endpoint_description = endpoint_description or endpoint_url

    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("skos", SKOS),
                       ("spdx", SPDX), ("vcard", VCARD), ("xsd", XSD), ("rdfs", RDFS)):
        g.bind(prefix, ns)

    catalog = URIRef(f"{base}/catalog")
    dataset = URIRef(dataset_iri(base, manifest.version))
    service = URIRef(f"{base}/service/sparql")
    publisher = URIRef(f"{base}/id/publisher")
    homepage = URIRef(f"{base}/")
    issued = Literal(manifest.issued, datatype=XSD.dateTime)
    modified = Literal(manifest.modified, datatype=XSD.dateTime)

    _agent(g, publisher, homepage)
    contact = _contact_point(g, base, homepage, contact_email)
    g.add((homepage, RDF.type, FOAF.Document))

    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal(f"{TITLE}: catalogue", lang="en")))
    g.add((catalog, DCTERMS.description, Literal(
        "Catalogue of the releases of the United Nations resolutions knowledge graph and of its SPARQL "
        "endpoint, in DCAT-AP 3.", lang="en")))
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, FOAF.homepage, homepage))
    g.add((catalog, DCTERMS.modified, modified))
    g.add((catalog, DCTERMS.license, _licence(g, "metadata")))
    g.add((catalog, DCAT.dataset, dataset))
    g.add((catalog, DCAT.service, service))
    scheme = URIRef(DATA_THEME)
    g.add((catalog, DCAT.themeTaxonomy, scheme))
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, DCTERMS.title, Literal("Data theme", lang="en")))

    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal(TITLE, lang="en")))
    g.add((dataset, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    g.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((dataset, DCAT.contactPoint, contact))
    g.add((dataset, DCAT.landingPage, homepage))
    g.add((dataset, DCTERMS.issued, issued))
    g.add((dataset, DCTERMS.modified, modified))
    g.add((dataset, DCAT_VERSION, Literal(manifest.version)))
    g.add((dataset, DCTERMS.license, _licence(g, "data")))
    for statement in rights_for("data"):
        g.add((dataset, DCTERMS.rights, _rights(g, base, statement)))
    g.add((dataset, DCTERMS.provenance, _provenance(g, base)))
    for code, label in THEMES.items():
        theme = URIRef(f"{DATA_THEME}/{code}")
        g.add((dataset, DCAT.theme, theme))
        g.add((theme, RDF.type, SKOS.Concept))
        g.add((theme, SKOS.prefLabel, Literal(label, lang="en")))
        g.add((theme, SKOS.inScheme, scheme))
    for keyword in KEYWORDS:
        g.add((dataset, DCAT.keyword, Literal(keyword, lang="en")))
    for code in manifest.languages:
        language = URIRef(EU_LANGUAGE + code.upper())
        g.add((dataset, DCTERMS.language, language))
        g.add((language, RDF.type, DCTERMS.LinguisticSystem))
    if manifest.temporal_start or manifest.temporal_end:
        period = BNode()
        g.add((dataset, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        if manifest.temporal_start:
            g.add((period, DCAT.startDate, Literal(manifest.temporal_start, datatype=XSD.date)))
        if manifest.temporal_end:
            g.add((period, DCAT.endDate, Literal(manifest.temporal_end, datatype=XSD.date)))

    for record in manifest.files:
        release_file = BY_FILENAME.get(record.filename)
        if release_file is None:
            continue
        distribution = URIRef(f"{dataset}/distribution/{release_file.key}")
        g.add((dataset, DCAT.distribution, distribution))
        _distribution(g, distribution, release_file, record.bytes, record.sha256,
                      f"{data_url}/{record.filename}", base, issued)

    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.title, Literal(f"{TITLE}: SPARQL endpoint", lang="en")))
    g.add((service, DCTERMS.description, Literal(
        "SPARQL 1.1 query endpoint over the latest release; the Service Description is served at the "
        "endpoint URL and the VoID description at /.well-known/void.", lang="en")))
    g.add((service, DCAT.endpointURL, URIRef(endpoint_url)))
    g.add((service, DCAT.endpointDescription, URIRef(endpoint_description)))
    for resource in {endpoint_url, endpoint_description}:   # the DCAT-AP ranges ask for rdfs:Resource
        g.add((URIRef(resource), RDF.type, RDFS.Resource))
    g.add((service, DCAT.servesDataset, dataset))
    g.add((service, DCTERMS.publisher, publisher))
    g.add((service, DCAT.contactPoint, contact))
    g.add((service, DCTERMS.license, _licence(g, "data")))
    protocol = URIRef(SPARQL_PROTOCOL)
    g.add((service, DCTERMS.conformsTo, protocol))
    g.add((protocol, RDF.type, DCTERMS.Standard))
    g.add((protocol, DCTERMS.title, Literal("SPARQL 1.1 Protocol", lang="en")))
    for code in THEMES:
        g.add((service, DCAT.theme, URIRef(f"{DATA_THEME}/{code}")))
    return g


def _distribution(g: Graph, node: URIRef, release_file: ReleaseFile, size: int, sha256: str,
                  url: str, base: str, issued: Literal) -> None:
    g.add((node, RDF.type, DCAT.Distribution))
    g.add((node, DCTERMS.title, Literal(release_file.title, lang="en")))
    g.add((node, DCTERMS.description, Literal(release_file.description.replace("{base}", base), lang="en")))
    g.add((node, DCAT.accessURL, URIRef(url)))
    g.add((node, DCAT.downloadURL, URIRef(url)))
    media_type = URIRef(release_file.media_type_iri)
    g.add((node, DCAT.mediaType, media_type))
    g.add((media_type, RDF.type, DCTERMS.MediaType))
    file_type = URIRef(release_file.file_type_iri)
    g.add((node, DCTERMS["format"], file_type))
    g.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
    if release_file.compressed:
        gzip_type = URIRef(IANA + GZIP_MEDIA_TYPE)
        g.add((node, DCAT.compressFormat, gzip_type))
        g.add((gzip_type, RDF.type, DCTERMS.MediaType))
    g.add((node, DCAT.byteSize, Literal(size, datatype=XSD.nonNegativeInteger)))
    checksum = BNode()
    g.add((node, SPDX.checksum, checksum))
    g.add((checksum, RDF.type, SPDX.Checksum))
    g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm))
    g.add((checksum, SPDX.checksumValue, Literal(sha256, datatype=XSD.hexBinary)))
    g.add((node, DCTERMS.license, _licence(g, release_file.licence_key)))
    for statement in rights_for(release_file.licence_key):
        g.add((node, DCTERMS.rights, _rights(g, base, statement)))
    g.add((node, DCTERMS.issued, issued))


def _licence(g: Graph, key: str) -> URIRef:
    licence = LICENCES[key]
    node = URIRef(licence.iri)
    g.add((node, RDF.type, DCTERMS.LicenseDocument))
    g.add((node, RDFS.label, Literal(licence.label, lang="en")))
    g.add((node, RDFS.seeAlso, URIRef(licence.url)))
    return node


def _rights(g: Graph, base: str, statement) -> URIRef:  # type: ignore[no-untyped-def]
    node = URIRef(f"{base}/rights/{statement.key}")
    g.add((node, RDF.type, DCTERMS.RightsStatement))
    g.add((node, RDFS.label, Literal(statement.title, lang="en")))
    g.add((node, DCTERMS.description, Literal(statement.text, lang="en")))
    g.add((node, RDFS.seeAlso, URIRef(statement.url)))
    return node


def _agent(g: Graph, node: URIRef, homepage: URIRef) -> None:
    g.add((node, RDF.type, FOAF.Agent))
    g.add((node, RDF.type, FOAF.Organization))
    g.add((node, FOAF.name, Literal(PUBLISHER_NAME, lang="en")))
    g.add((node, FOAF.homepage, homepage))


def _contact_point(g: Graph, base: str, homepage: URIRef, email: str | None) -> URIRef:
    node = URIRef(f"{base}/id/publisher#contact")
    g.add((node, RDF.type, VCARD.Kind))
    g.add((node, RDF.type, VCARD.Organization))
    g.add((node, VCARD.fn, Literal(PUBLISHER_NAME, lang="en")))
    g.add((node, VCARD.hasURL, homepage))
    if email:
        g.add((node, VCARD.hasEmail, URIRef(email if email.startswith("mailto:") else f"mailto:{email}")))
    return node


def _provenance(g: Graph, base: str) -> URIRef:
    node = URIRef(f"{base}/rights/provenance")
    g.add((node, RDF.type, DCTERMS.ProvenanceStatement))
    g.add((node, RDFS.label, Literal(
        "Extracted automatically from United Nations documents (Akoma Ntoso XML, Word, ODS and PDF text) and "
        "linked to Wikidata with offline tables; every resolution graph is validated against the SHACL shapes "
        "before it is stored. " + UN_TERMS.title + " apply.", lang="en")))
    return node


JSONLD_CONTEXT = {
    "dcat": str(DCAT), "dcterms": str(DCTERMS), "foaf": str(FOAF), "skos": str(SKOS), "spdx": str(SPDX),
    "vcard": str(VCARD), "xsd": str(XSD), "rdfs": str(RDFS),
}


def catalog_turtle(graph: Graph) -> bytes:
    return graph.serialize(format="turtle").encode()


def catalog_jsonld(graph: Graph) -> bytes:
    return graph.serialize(format="json-ld", context=JSONLD_CONTEXT, indent=1).encode()
