"""The DCAT-AP 3 catalogue: conforms to the shapes, and a harvester finds every file as it is."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")  # open namespace: pytest probes module attributes

from kg.publish import catalog_graph, dump_release
from kg.publish.dcat_ap import SHAPES_DIR, validate_catalog
from kg.publish.licences import LINKING_DATA, UN_TERMS, licences_markdown
from kg.publish.sample_store import build_sample_store
from publish_support import REPO, SHARED, ox_term, rdflib_term

SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
IANA = "http://www.iana.org/assignments/media-types/"
BASE = "https://w3id.org/unres"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    root = tmp_path_factory.mktemp("catalog")
    build_sample_store(root / "store", 20)
    store = ox.Store.read_only(str(root / "store"))
    dump_release(store, root / "data", version="c1", log=lambda m: None)
    return root / "data" / "c1"


@pytest.fixture(scope="module")
def catalog(release):
    return rdflib.Graph().parse(release / "catalog.ttl", format="turtle")


def test_shipped_shapes_are_the_published_ones():
    upstream = SHARED / "standards" / "dcat-ap-3.0.1"
    if not upstream.is_dir():
        pytest.skip("../shared/standards not present")
    for name in ("dcat-ap-SHACL.ttl", "ranges.ttl"):
        assert (SHAPES_DIR / name).read_bytes() == (upstream / name).read_bytes()


@pytest.mark.parametrize("name,fmt", [("catalog.ttl", "turtle"), ("catalog.jsonld", "json-ld")])
def test_catalogue_conforms_to_dcat_ap_3(release, name, fmt):
    result = validate_catalog(rdflib.Graph().parse(release / name, format=fmt))
    assert result.conforms, result.report
    assert result.dropped_references == 5   # the upstream defect documented in NOTICE.md


def test_shapes_catch_a_broken_catalogue(catalog):
    broken = rdflib.Graph()
    for triple in catalog:
        broken.add(triple)
    dataset = next(catalog.subjects(RDF.type, DCAT.Dataset))
    broken.remove((dataset, DCTERMS.description, None))
    broken.add((dataset, DCTERMS.publisher, rdflib.URIRef("https://example.org/not-an-agent")))
    result = validate_catalog(broken)
    assert not result.conforms
    assert "description" in result.report and "not-an-agent" in result.report


def test_jsonld_and_turtle_catalogues_say_the_same(release):
    """rdflib wrote them; pyoxigraph reads them back."""
    def ground(path: Path, fmt: ox.RdfFormat) -> set:
        triples = {tuple(ox_term(t) for t in (q.subject, q.predicate, q.object)) for q in ox.parse(path=path, format=fmt)}
        return {t for t in triples if not any(x[0] == "B" for x in t)}

    from_ttl = ground(release / "catalog.ttl", ox.RdfFormat.TURTLE)
    assert from_ttl == ground(release / "catalog.jsonld", ox.RdfFormat.JSON_LD)
    rdflib_view = {tuple(rdflib_term(t) for t in triple)
                   for triple in rdflib.Graph().parse(release / "catalog.ttl", format="turtle")}
    assert from_ttl == {t for t in rdflib_view if not any(x[0] == "B" for x in t)}


def test_harvester_finds_every_file_as_it_is_on_disk(release, catalog):
    """What ckanext-dcat reads: Dataset -> distribution -> downloadURL, mediaType, byteSize, checksum."""
    datasets = list(catalog.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 1
    distributions = list(catalog.objects(datasets[0], DCAT.distribution))
    on_disk = {p.name for p in release.iterdir() if p.name.startswith(("unres", "void"))}
    seen = set()
    for distribution in distributions:
        url = str(catalog.value(distribution, DCAT.downloadURL))
        assert url.startswith(f"{BASE}/data/c1/")
        path = release / url.rsplit("/", 1)[1]
        assert path.is_file(), url
        seen.add(path.name)
        media_type = str(catalog.value(distribution, DCAT.mediaType))
        assert media_type.startswith(IANA)
        expected_type = {"nt": "application/n-triples", "nq": "application/n-quads", "ttl": "text/turtle",
                         "jsonld": "application/ld+json"}[path.name.split(".")[1]]
        assert media_type == IANA + expected_type
        if path.suffix == ".gz":
            assert str(catalog.value(distribution, DCAT.compressFormat)) == IANA + "application/gzip"
            assert path.read_bytes()[:2] == b"\x1f\x8b"
        assert int(catalog.value(distribution, DCAT.byteSize)) == path.stat().st_size
        checksum = catalog.value(distribution, SPDX.checksum)
        assert catalog.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(catalog.value(checksum, SPDX.checksumValue)) == hashlib.sha256(path.read_bytes()).hexdigest()
        assert catalog.value(distribution, DCTERMS.license) is not None
    assert seen == on_disk


def test_dataset_metadata_for_portals(catalog):
    dataset = next(catalog.subjects(RDF.type, DCAT.Dataset))
    themes = {str(t).rsplit("/", 1)[1] for t in catalog.objects(dataset, DCAT.theme)}
    assert {"GOVE", "JUST"} <= themes
    assert all(catalog.value(t, SKOS.prefLabel) for t in catalog.objects(dataset, DCAT.theme))
    assert len(list(catalog.objects(dataset, DCAT.keyword))) >= 5
    assert catalog.value(catalog.value(dataset, DCTERMS.publisher), FOAF.name)
    assert catalog.value(dataset, DCAT.contactPoint) is not None
    assert str(catalog.value(dataset, rdflib.URIRef("http://www.w3.org/ns/dcat#version"))) == "c1"
    period = catalog.value(dataset, DCTERMS.temporal)
    assert catalog.value(period, DCAT.startDate) is not None
    assert str(catalog.value(period, DCAT.startDate)) <= str(catalog.value(period, DCAT.endDate))
    assert catalog.value(dataset, DCTERMS.issued) and catalog.value(dataset, DCTERMS.modified)


def test_sparql_endpoint_is_a_data_service(catalog):
    service = next(catalog.subjects(RDF.type, DCAT.DataService))
    assert str(catalog.value(service, DCAT.endpointURL)) == f"{BASE}/sparql"
    assert catalog.value(service, DCAT.endpointDescription) is not None
    assert catalog.value(service, DCAT.servesDataset) == next(catalog.subjects(RDF.type, DCAT.Dataset))


def test_licences_and_attribution_are_stated(catalog):
    dataset = next(catalog.subjects(RDF.type, DCAT.Dataset))
    texts = " ".join(str(catalog.value(r, DCTERMS.description)) for r in catalog.objects(dataset, DCTERMS.rights))
    assert "must acknowledge the United Nations as the source" in texts
    for phrase in ("ShareAlike", "ISC", "public domain", "CC0"):
        assert phrase in texts
    assert str(catalog.value(dataset, DCTERMS.license)).endswith("CC_BYSA_4_0")


def test_docs_licences_match_the_catalogue():
    text = (REPO / "docs" / "licences.md").read_text(encoding="utf-8")
    assert text == licences_markdown()
    assert UN_TERMS.text in text and all(s.text in text for s in LINKING_DATA)


def test_catalogue_urls_follow_the_endpoint_it_is_served_from(release):
    graph = catalog_graph(release, "http://127.0.0.1:8080", endpoint_url="http://127.0.0.1:8080/sparql")
    urls = {str(o) for o in graph.objects(None, DCAT.downloadURL)}
    assert urls and all(u.startswith("http://127.0.0.1:8080/data/c1/") for u in urls)
    assert validate_catalog(graph).conforms
