"""Sections in the graph: URIs scoped by section where numbering restarts, plain where it runs on."""
from __future__ import annotations

from rdflib import RDF, Literal, Namespace, URIRef

from kg.map import uris
from kg.validate import validate
from tests.map_support import CORPUS, mapped

UNRES = Namespace(uris.vocab())
ELI = Namespace("http://data.europa.eu/eli/ontology#")
GA72 = CORPUS / "ods-word" / "ga72" / "original"
WORK_258 = "https://w3id.org/unres/eli/un/ga/res/72/258"


def test_section_uris_and_paragraph_uris_where_numbering_restarts():
    m = mapped(str(GA72 / "N1746986.DOC"))                 # A/RES/72/258: sections I and II, each from 1
    g = m.graph
    section = URIRef(f"{WORK_258}/sec/2")
    assert (section, RDF.type, UNRES.Section) in g
    assert (section, UNRES.restartsNumbering, Literal(True)) in g
    assert (section, UNRES.sectionNumber, Literal(2)) in g
    assert (section, UNRES.label, Literal("II")) in g
    para = URIRef(f"{WORK_258}/sec/2/op/7")
    assert (para, RDF.type, UNRES.OperativeParagraph) in g and (para, UNRES.inSection, section) in g
    assert (URIRef(f"{WORK_258}/sec/1/op/3"), UNRES.paragraphNumber, Literal(3)) in g
    assert not list(g.triples((URIRef(f"{WORK_258}/op/1"), None, None)))
    assert validate(m).conforms


def test_mentions_land_in_the_paragraph_of_their_section():
    g = mapped(str(GA72 / "N1746986.DOC")).graph
    places = {str(o) for o in g.objects(None, UNRES.inParagraph)}
    assert any(p.startswith(f"{WORK_258}/sec/2/") for p in places)
    assert not any(p.startswith(f"{WORK_258}/op/") for p in places)


def test_sections_of_a_part_hang_under_the_part():
    m = mapped(str(GA72 / "N1821476.DOC"))                 # A/RES/72/262 C: sections I-IV of part C
    work = m.resolution_iri
    assert work == "https://w3id.org/unres/eli/un/ga/res/72/262/c"
    section = URIRef(f"{work}/c/sec/3")
    assert (section, ELI.is_part_of, URIRef(f"{work}/part/c")) in m.graph
    assert (URIRef(f"{work}/c/sec/3/op/16"), UNRES.inSection, section) in m.graph
    assert validate(m).conforms


def test_numbering_that_runs_on_keeps_the_uris_of_paragraphs():
    m = mapped(str(GA72 / "N1747013.DOC"))                 # A/RES/72/261: Part I ... Part XII, 1 to 214
    work = "https://w3id.org/unres/eli/un/ga/res/72/261"
    assert (URIRef(f"{work}/op/214"), UNRES.inSection, URIRef(f"{work}/sec/12")) in m.graph
    assert (URIRef(f"{work}/sec/12"), UNRES.restartsNumbering, Literal(False)) in m.graph
    assert validate(m).conforms
