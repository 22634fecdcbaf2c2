"""The seed maps to a readable, typed, language-tagged, deterministic graph."""
from __future__ import annotations

from rdflib import OWL, RDF, RDFS, XSD, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from kg.map import to_graph
from kg.parse import parse_path
from tests.map_support import NOW, SEED, mapped

U = Namespace("https://w3id.org/unres/def/unres#")
CITO = Namespace("http://purl.org/spar/cito/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
WORK = URIRef("https://w3id.org/unres/eli/un/ga/res/65/140")


def test_seed_work_has_symbol_date_organ_meeting_and_named_graph():
    m = mapped(str(SEED))
    g = m.graph
    assert m.graph_iri == f"{WORK}/eng/graph" and str(g.identifier) == m.graph_iri
    assert g.value(WORK, U.symbol) == Literal("A/RES/65/140")
    assert g.value(WORK, U.adoptionDate) == Literal("2010-12-16", datatype=XSD.date)
    assert g.value(WORK, U.adoptedBy) == URIRef("https://w3id.org/unres/id/organ/ga")
    assert g.value(WORK, U.adoptedAtMeeting) == URIRef("https://w3id.org/unres/id/meeting/ga/65/68")
    assert (WORK, RDFS.seeAlso, URIRef("https://undocs.org/A/RES/65/140")) in g


def test_seed_has_all_operative_paragraphs_with_lead_phrases():
    g = mapped(str(SEED)).graph
    operative = set(g.subjects(RDF.type, U.OperativeParagraph))
    numbers = sorted(int(g.value(p, U.paragraphNumber)) for p in operative)
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 15
    assert g.value(URIRef(f"{WORK}/op/12"), U.leadVerb) == Literal("appreciates", lang="en")


def test_citations_are_typed_by_their_lead_phrase():
    g = mapped(str(SEED)).graph
    assert (URIRef(f"{WORK}/pp/1"), CITO.citesAsAuthority, URIRef("https://w3id.org/unres/eli/un/ga/res/37/4")) in g
    assert (WORK, ELI.cites, URIRef("https://w3id.org/unres/eli/un/ga/res/30/3369")) in g
    info = set(g.subject_objects(CITO.citesForInformation))
    assert info, "a 'Taking note'/'Noting' citation is cited for information"


def test_every_text_literal_has_a_language_tag_and_dates_are_xsd_dates():
    g = mapped(str(SEED)).graph
    for p in (U.text, U.leadPhrase, ELI.title, RDFS.label):
        for value in g.objects(None, p):
            assert isinstance(value, Literal) and value.language, (p, value)
    for p in (U.adoptionDate, URIRef("https://schema.org/startDate")):
        for value in g.objects(None, p):
            assert value.datatype == XSD.date


def test_linked_entities_point_to_wikidata():
    g = mapped(str(SEED)).graph
    targets = {str(o) for o in g.objects(None, OWL.sameAs)}
    assert any(t.startswith("http://www.wikidata.org/entity/Q") for t in targets)


def test_provenance_names_source_checksum_software_and_time():
    m = mapped(str(SEED))
    g, graph = m.graph, URIRef(m.graph_iri)
    source = g.value(graph, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    assert len(str(g.value(source, U.sha256))) == 64
    assert str(g.value(graph, U.softwareVersion)) == "0.1.0"
    assert str(g.value(graph, URIRef("http://www.w3.org/ns/prov#generatedAtTime"))).startswith("2026-01-01T00:00:00")


def test_same_input_gives_the_same_graph():
    from kg.link import link, load_gazetteer

    r = parse_path(str(SEED))
    mentions = link(r, load_gazetteer())
    a = to_graph(r, mentions, software_version="0.1.0", now=NOW)
    b = to_graph(r, mentions, software_version="0.1.0", now=NOW)
    assert isomorphic(a.graph, b.graph)
    assert a.graph.serialize(format="nt") and sorted(a.graph) == sorted(b.graph)


def test_line_of_names_the_source_line():
    m = mapped(str(SEED))
    line = m.line_of_node(f"{WORK}/op/12")
    text = SEED.read_text(encoding="utf-8").splitlines()[line - 1]
    assert "Appreciates the hosting" in text
