"""The screen: simple shapes checked in Python so the engine can skip them, never trusted to find a fault.

It vouches only for graphs on which the screened shapes report nothing; every other graph
gets the whole engine.  So on every graph, the report is exactly the engine's report on
the whole graph with every shape, which is what these tests compare: on each shape test
case, on graphs broken in the ways the screened constraints check (and in ways the screen
does not read, such as escapes), and on real resolutions.
"""
from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from kg.validate import engines, shapes_graph, validate
from kg.validate.screen import build_screen, passes
from tests.map_support import SEED, mapped, query_corpus_files
from tests.test_validate_engines import _from_turtle
from tests.test_validate_projection import SHAPES_HEAD, _same, _whole_graph
from tests.test_validate_shapes import VALID

pytest.importorskip("pyshacl_turbo", reason="pyshacl-turbo is not installed")
BASE = "https://w3id.org/unres"
SHP = "https://w3id.org/unres/def/shapes#"


def _screen():
    screen = build_screen(shapes_graph(BASE))
    assert screen is not None
    return screen


def test_the_mention_shapes_are_screened_and_shapes_with_sparql_or_nested_shapes_are_not():
    names = {name.rsplit("#", 1)[-1] for name in _screen().names}
    assert {"Mention", "MentionTarget", "MentionSpan", "Paragraph", "MemberState"} <= names
    assert {"Citation", "SubParagraph", "Section", "Event"} <= names  # sh:node, sh:or of classes, lessThanOrEquals
    assert not names & {"Resolution", "Voting", "DocumentWithSymbol"}  # SPARQL; no target
    # ... but the property shapes of those with SPARQL constraints are screened, the rest stays with the engine
    assert {name.rsplit("#", 1)[-1] for name in _screen().partly} == {"Resolution", "Voting"}


def test_the_engine_gets_the_other_shapes_and_only_what_they_read():
    screen = _screen()
    left = {str(s) for s in screen.rest.subjects() if str(s).startswith(SHP)}
    assert SHP + "Resolution" in left and SHP + "Mention" not in left
    resolution = {str(p).rsplit("#", 1)[-1]: str(o) for p, o in screen.rest.predicate_objects(URIRef(SHP + "Resolution"))}
    assert resolution["property"] == SHP + "Resolution-type"  # rdf:type as a path: not screened
    assert SHP + "Resolution-symbol" not in left and SHP + "Resolution-numbering" in left
    assert "<http://www.w3.org/ns/oa#start>" not in screen.rest_predicates
    assert "<https://w3id.org/unres/def/unres#paragraphNumber>" in screen.rest_predicates  # read by a SPARQL constraint
    assert len(shapes_graph(BASE)) > len(screen.rest)


def test_the_reference_engine_leaves_the_shapes_graph_as_parsed_so_the_screen_is_built():
    before = len(shapes_graph(BASE))
    assert validate(_from_turtle(VALID), engine="pyshacl").conforms
    assert len(shapes_graph(BASE)) == before
    engines._turbo_screen.cache_clear()
    assert engines._turbo_screen(BASE) is not None


def test_the_valid_example_and_real_resolutions_pass_the_screen_with_the_same_report(monkeypatch):
    screen = _screen()
    assert engines._turbo_screen(BASE) is not None  # validate() goes through the screen
    for m in [_from_turtle(VALID), mapped(str(SEED)), *(mapped(p) for p in query_corpus_files()[1:4])]:
        assert passes(screen, m.triples), m.source
        _same(monkeypatch, m)


MENTION = 'unres:mentionType "place" ; unres:confidence 0.9 ;'
SPAN = 'oa:start "1"^^xsd:integer ; oa:end "5"^^xsd:integer'
# (what to replace in VALID, by what): each breaks a screened constraint or is written in a form the screen does not read.
CHANGES = [
    (MENTION, 'unres:mentionType "place" ; unres:confidence 1.5 ;'),
    (MENTION, 'unres:mentionType "place" ; unres:confidence -0.1 ;'),
    (MENTION, 'unres:mentionType "place" ; unres:confidence "0.9" ;'),
    (MENTION, 'unres:mentionType "place" ; unres:confidence 0.9e0 ;'),
    (MENTION, 'unres:mentionType "place" ; unres:confidence "abc"^^xsd:decimal ;'),
    (MENTION, 'unres:mentionType "place" ; unres:confidence 0.9, 0.8 ;'),
    (MENTION, 'unres:mentionType "place" ; unres:confidence 1.000 ;'),
    (MENTION, 'unres:mentionType "place" ; unres:confidence "+0.5"^^xsd:decimal ;'),
    (MENTION, 'unres:mentionType "place"@en ; unres:confidence 0.9 ;'),
    (MENTION, 'unres:mentionType "place"^^xsd:string ; unres:confidence 0.9 ;'),
    (MENTION, 'unres:mentionType "Place" ; unres:confidence 0.9 ;'),
    (MENTION, 'unres:mentionType unres:place ; unres:confidence 0.9 ;'),
    (MENTION, 'unres:mentionType "place", "state" ; unres:confidence 0.9 ;'),
    (MENTION, 'unres:confidence 0.9 ;'),
    (SPAN, 'oa:start "5"^^xsd:integer ; oa:end "5"^^xsd:integer'),
    (SPAN, 'oa:start "1.5"^^xsd:decimal ; oa:end "5"^^xsd:integer'),
    (SPAN, 'oa:start "1" ; oa:end "5"^^xsd:integer'),
    (SPAN, 'oa:start "1"^^xsd:integer ; oa:end "5"^^xsd:integer, "0"^^xsd:integer'),
    (SPAN, 'oa:start "1"^^xsd:integer'),
    (SPAN, 'oa:start "1"^^xsd:nonNegativeInteger ; oa:end "5"^^xsd:nonNegativeInteger'),
    (SPAN, 'oa:start "-1"^^xsd:integer ; oa:end "5"^^xsd:integer'),
    ('unres:abstainCount "0"^^xsd:integer', 'unres:abstainCount "0"^^xsd:nonNegativeInteger'),
    ('unres:abstainCount "0"^^xsd:integer', 'unres:abstainCount "-0"^^xsd:integer'),
    ("oa:hasSelector w:eng/mention/1-5-place-sel", "oa:hasSelector w:eng/mention/1-5-place-sel, w:eng/other"),
    ('unres:text "Decides to continue."@en', 'unres:text "Decides \\"to\\" continue.\\n"@en'),
    ('unres:text "Decides to continue."@en', 'unres:text "Decides to continue."@en-GB, "Decides again."@en-gb'),
    ('unres:text "Decides to continue."@en', 'unres:text "Decides to continue."@en, "Décide."@fr'),
    ("unres:paragraphNumber 1 ;", 'unres:paragraphNumber "01"^^xsd:integer ;'),
    ("unres:paragraphNumber 1 ;", 'unres:paragraphNumber "1"^^xsd:nonNegativeInteger ;'),
    ('unres:iso3 "FRA"', 'unres:iso3 "FRA\\n"'),
    ('unres:iso3 "FRA"', 'unres:iso3 "FR\\u0041"'),
    ('unres:iso3 "FRA"', 'unres:iso3 "FRA"@en'),
    ('unres:sessionLabel "65"', 'unres:sessionLabel "ES-10"'),
    ('"2024c6467afe', '"2024C6467AFE'),
    ('schema:startDate "2010-12-16"^^xsd:date .', 'schema:startDate "2010-02-30"^^xsd:date .'),
    ('schema:startDate "2010-12-16"^^xsd:date .', 'schema:startDate "2010-12-16Z"^^xsd:date .'),
    ('"2026-01-01T00:00:00Z"^^xsd:dateTime', '"2026-01-01T00:00:00+15:00"^^xsd:dateTime'),
    ('"2026-01-01T00:00:00Z"^^xsd:dateTime', '"2026-01-01T24:00:00Z"^^xsd:dateTime'),
    ("unres:choice unres:No .", "unres:choice unres:Maybe ."),
    ("w:voting/deu a unres:StateVote ; unres:voter id:state/deu ;", "w:voting/deu a unres:StateVote ; unres:voter w:eng ;"),
    ("id:state/deu a unres:MemberState ;", "id:state/deu a unres:MemberState, unres:Mention ;"),
    ("unres:Yes a unres:VoteChoice", "unres:Yes a unres:VoteChoice, unres:Footnote"),
    ("id:place/Q3718 a unres:Place ;", "id:place/Q3718 a unres:Place ; rdfs:subClassOf unres:Event ;"),
    ("unres:Yes a unres:VoteChoice", "unres:Maybe rdfs:subClassOf unres:Mention . unres:Yes a unres:VoteChoice"),
    ("eli:language <http://publications.europa.eu/resource/authority/language/ENG>",
     "eli:language [ rdfs:label \"English\" ]"),
]


@pytest.mark.parametrize("old, new", CHANGES, ids=[f"{i}" for i in range(len(CHANGES))])
def test_the_report_is_the_whole_engine_report_on_graphs_the_screen_reads(monkeypatch, old, new):
    assert old in VALID, old
    _same(monkeypatch, _from_turtle(VALID.replace(old, new, 1)))


@pytest.mark.parametrize("old, new", CHANGES, ids=[f"{i}" for i in range(len(CHANGES))])
def test_the_screen_never_vouches_for_a_graph_a_screened_shape_faults(monkeypatch, old, new):
    m = _from_turtle(VALID.replace(old, new, 1))
    screened = set(_screen().names)
    whole = _whole_graph(monkeypatch, m)
    # a screened shape's result names the shape itself or one of its property shapes ("shp:X / path")
    faults = [r for r in whole.results if SHP + r.shape.split(" / ")[0].removeprefix("shp:") in screened]
    if faults:
        assert not passes(_screen(), m.triples), faults


def test_some_changes_are_faults_of_screened_shapes_and_some_are_not(monkeypatch):
    """The cases above are not all vacuous: most break a screened shape, some are valid forms."""
    verdicts = [passes(_screen(), _from_turtle(VALID.replace(old, new, 1)).triples) for old, new in CHANGES]
    assert verdicts.count(False) > 30 and verdicts.count(True) >= 3


@pytest.mark.parametrize("shape", [
    "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:or ( ex:M ) ] . ex:M sh:class ex:D .",
    "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:or ( [ sh:minCount 1 ] ) ] .",
    "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:and ( [ sh:class ex:D ] ) ] .",
    "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:T ] . "
    "ex:T a sh:NodeShape ; sh:class ex:D .",
    "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .",
    "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:pattern \"^a\" ; sh:flags \"i\" ] .",
    "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:pattern \"^\\\\d\" ] .",
    "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:datatype xsd:float ] .",
    "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minInclusive 1.0e0 ] .",
    "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:deactivated true ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
    "ex:S a sh:NodeShape, rdfs:Class ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
    "ex:S a sh:NodeShape ; sh:targetNode ex:n ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
    "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . ex:P sh:path ex:p ; sh:minCount 1 . "
    "ex:T a sh:NodeShape ; sh:targetClass ex:D ; sh:property ex:P .",
    "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] . ex:T sh:node ex:S .",
    'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE { $this ex:p ?o }" ] .',
    "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
    "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:targetNode ex:n ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
])
def test_shapes_the_screen_cannot_vouch_for_are_left_to_the_engine(shape):
    assert build_screen(Graph().parse(data=SHAPES_HEAD + shape, format="turtle")) is None


def test_a_simple_shape_is_screened_and_removed_from_what_the_engine_gets():
    shapes = SHAPES_HEAD + """ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:in ( "a" "b" ) ; sh:message "m"@en ] .
        ex:T a sh:NodeShape ; sh:targetClass ex:D ; sh:property [ sh:path ex:q ; sh:hasValue ex:C ] ."""
    screen = build_screen(Graph().parse(data=shapes, format="turtle"))
    assert screen is not None and screen.names == ("http://example.org/S",)
    assert "<http://example.org/p>" not in screen.rest_predicates and "<http://example.org/q>" in screen.rest_predicates
    typed = ("<http://example.org/n>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://example.org/C>")
    p = "<http://example.org/p>"
    assert passes(screen, [typed, ("<http://example.org/n>", p, '"a"')])
    assert not passes(screen, [typed])
    assert not passes(screen, [typed, ("<http://example.org/n>", p, '"c"')])
    assert passes(screen, [("<http://example.org/m>", p, '"c"')])  # not a focus node


XSD_ = "http://www.w3.org/2001/XMLSchema#"
# Changes of one object term, made in the N-Triples (rdflib would normalise some of these forms).
TERM_CHANGES = [
    ("unres#confidence", f'"+0.5"^^<{XSD_}decimal>'),
    ("unres#confidence", f'"0.90"^^<{XSD_}decimal>'),
    ("unres#confidence", f'" 0.9"^^<{XSD_}decimal>'),
    ("unres#confidence", f'"1.0e0"^^<{XSD_}double>'),
    ("unres#confidence", f'"1.0000"^^<{XSD_}decimal>'),
    ("unres#confidence", f'"1.0001"^^<{XSD_}decimal>'),
    ("unres#mentionType", f'"place"^^<{XSD_}string>'),
    ("unres#mentionType", '"pl\\u0061ce"'),
    ("schema.org/startDate", f'"2010-12-16Z"^^<{XSD_}date>'),
    ("schema.org/startDate", f'"2010-12-16+01:00"^^<{XSD_}date>'),
    ("prov#generatedAtTime", f'"2026-01-01T00:00:00.1234567Z"^^<{XSD_}dateTime>'),
    ("prov#generatedAtTime", f'"2026-01-01T00:00:00"^^<{XSD_}dateTime>'),
    ("unres#iso3", '"FR\\u0041"'),
    ("unres#iso3", '"FRA"@en'),
    ("oa#start", f'"01"^^<{XSD_}integer>'),
    ("oa#start", f'"+1"^^<{XSD_}integer>'),
    ("oa#start", f'"1"^^<{XSD_}nonNegativeInteger>'),
    ("oa#start", f'"-1"^^<{XSD_}integer>'),
    ("unres#paragraphNumber", f'"1"^^<{XSD_}int>'),
    ("unres#text", '"Decides \\u0074o continue."@en'),
    ("unres#text", '"Decides to continue."@EN'),
    ("unres#sourceFormat", '"ods-text"@en'),
    ("unres#restartsNumbering", f'"0"^^<{XSD_}boolean>'),
    ("eli/ontology#language", '_:b1'),
    ("unres#choice", '"Yes"'),
]


def _with_term(predicate: str, term: str):
    from kg.map import MappedResolution

    m = _from_turtle(VALID)
    triples, done = [], False
    for s, p, o in m.triples:
        if not done and p.endswith(predicate + ">"):
            o, done = term, True
        triples.append((s, p, o))
    assert done, predicate
    return MappedResolution(m.graph_iri, None, m.resolution_iri, m.symbol, m.source, triples=triples)


@pytest.mark.parametrize("predicate, term", TERM_CHANGES, ids=[f"{i}" for i in range(len(TERM_CHANGES))])
def test_the_report_is_the_whole_engine_report_on_terms_in_any_form(monkeypatch, predicate, term):
    _same(monkeypatch, _with_term(predicate, term))


MENTION_IRI = "<https://w3id.org/unres/eli/un/ga/res/65/140/eng/mention/1-5-place>"
UNRES = "https://w3id.org/unres/def/unres#"


@pytest.mark.parametrize("extra", [
    (MENTION_IRI.replace("place>", "plac\\u0065>"), f"<{UNRES}mentionType>", '"state"'),   # a second type, node spelt otherwise
    (MENTION_IRI, f"<{UNRES}mentionTyp\\u0065>", '"planet"'),                             # predicate spelt otherwise
    (MENTION_IRI, f"<{UNRES}mentionType>", '"pl\\u0061ce"'),                               # the same value spelt otherwise
    ("<https://w3id.org/unres/id/x>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{UNRES}Mentio\\u006e>"),
])
def test_iris_written_with_escapes_are_left_to_the_engine(monkeypatch, extra):
    from kg.map import MappedResolution

    m = _from_turtle(VALID)
    assert any(t[0] == MENTION_IRI for t in m.triples)
    escaped = MappedResolution(m.graph_iri, None, m.resolution_iri, m.symbol, m.source, triples=[*m.triples, extra])
    _same(monkeypatch, escaped)


def test_a_shape_with_a_sparql_constraint_keeps_it_and_its_other_property_shapes_with_the_engine():
    shapes = SHAPES_HEAD + """ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ] , [ sh:path ex:q ; sh:hasValue ex:v ] ;
            sh:sparql [ sh:select "SELECT $this WHERE { $this ex:r ?o }" ] ."""
    screen = build_screen(Graph().parse(data=shapes, format="turtle"))
    assert screen is not None and screen.names == () and screen.partly == ("http://example.org/S",)
    assert {f"<http://example.org/{x}>" for x in "qr"} <= screen.rest_predicates
    assert "<http://example.org/p>" not in screen.rest_predicates
    left = Graph().parse(data=screen.rest.serialize(format="turtle"), format="turtle")
    assert len(list(left.objects(None, SH_PROPERTY))) == 1 and len(list(left.objects(None, SH_SPARQL))) == 1


SH_PROPERTY = URIRef("http://www.w3.org/ns/shacl#property")
SH_SPARQL = URIRef("http://www.w3.org/ns/shacl#sparql")


def test_the_other_shapes_read_the_same_triples_from_the_grouped_graph():
    """run_turbo hands the other shapes the triples the screen grouped (kg.validate.facts), not a
    second filtering of the graph: the same triples as the projection, in another order."""
    from kg.validate.facts import read_facts
    from kg.validate.projection import project, term_records

    def triples(records):
        terms, quads = records
        return sorted((terms[s], terms[p], terms[o]) for s, p, o, _ in quads)

    screen = _screen()
    for m in [mapped(str(SEED)), *(mapped(p) for p in query_corpus_files()[1:4])]:
        facts = read_facts(m.triples)
        assert facts is not None, m.source
        grouped = triples(term_records(facts.of_predicates(screen.rest_predicates)))
        assert grouped == triples(project(m.triples, screen.rest_predicates)), m.source
        assert len(grouped) < len(m.triples)


def test_an_escaped_iri_anywhere_in_the_graph_sends_it_to_the_engine():
    """The screen reads IRIs as written: one spelt with an escape, even in a triple no screened shape
    reads (as subject, predicate or object), makes it say False; an escape in a literal does not."""
    screen = _screen()
    triples = list(mapped(str(SEED)).triples)
    assert passes(screen, triples)
    iri, other = "<http://example.org/a\\u0062>", "<http://example.org/c>"
    assert passes(screen, triples + [(other, other, '"a \\"quoted\\" text"')])
    for escaped in [(iri, other, other), (other, iri, other), (other, other, iri)]:
        assert not passes(screen, triples + [escaped]), escaped
