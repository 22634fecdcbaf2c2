"""Every shape: a graph that conforms, and a change that violates it with the message checked."""
from __future__ import annotations

import re

import pytest
from rdflib import Graph

from kg.map import MappedResolution
from kg.validate import shapes_graph, validate

W = "https://w3id.org/unres/eli/un/ga/res/65/140"
PREFIXES = """
@prefix unres: <https://w3id.org/unres/def/unres#> . @prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> . @prefix cito: <http://purl.org/spar/cito/> . @prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""
# Short names in the examples below: w:x = {work}/x, id:x = {base}/id/x (expanded before parsing,
# since Turtle local names cannot contain "/").
SHORT = {"w": W + "/", "id": "https://w3id.org/unres/id/"}


def _expand(turtle: str) -> str:
    return re.sub(r"(?<![\w:])(w|id):([A-Za-z0-9_./\-]*[A-Za-z0-9_])",
                  lambda m: f"<{SHORT[m.group(1)]}{m.group(2)}>", turtle)
# One valid instance of every class of the vocabulary.
VALID = PREFIXES + """
<https://w3id.org/unres/eli/un/ga/res/65/140> a unres:Resolution ; unres:symbol "A/RES/65/140" ;
    unres:adoptionDate "2010-12-16"^^xsd:date ; unres:adoptedBy id:organ/ga ; unres:session id:session/ga/65 ;
    unres:adoptedAtMeeting id:meeting/ga/65/68 ; unres:onReportOf id:committee/ga/third-committee ;
    unres:agendaItem id:agenda/ga/65/122 ; unres:voting w:voting ; unres:sponsor id:state/fra ;
    unres:originDocument id:document/A_65_L.43 ; unres:workflowStep w:workflow/1 ;
    eli:is_realized_by w:eng ; eli:has_part w:pp/1, w:op/1, w:op/2, w:part/a, w:sec/1 ; eli:has_annex w:annex/1 .
w:eng a unres:ResolutionExpression ; eli:realizes <https://w3id.org/unres/eli/un/ga/res/65/140> ;
    eli:language <http://publications.europa.eu/resource/authority/language/ENG> ; eli:title "Cooperation"@en ;
    eli:is_embodied_by w:eng/source ; unres:hasFootnote w:eng/fn/1 .
w:eng/source a unres:SourceFile ; unres:sourceFormat "ods-text" ;
    unres:sha256 "2024c6467afe0ac4419a5a7888f5d88be388d894f5cddf30ce3416e71d99da60" .
w:eng/graph prov:generatedAtTime "2026-01-01T00:00:00Z"^^xsd:dateTime ; prov:wasDerivedFrom w:eng/source ; unres:softwareVersion "0.1.0" .
w:pp/1 a unres:PreambularParagraph ; unres:paragraphNumber 1 ; eli:is_part_of <https://w3id.org/unres/eli/un/ga/res/65/140> ;
    unres:leadPhrase "Recalling"@en ; unres:text "Recalling its resolution 37/4,"@en ; unres:citation w:eng/cit/1 .
w:op/1 a unres:OperativeParagraph ; unres:paragraphNumber 1 ; eli:is_part_of <https://w3id.org/unres/eli/un/ga/res/65/140> ;
    unres:leadPhrase "Takes note"@en ; unres:text "Takes note of the report;"@en ; eli:has_part w:op/1/a .
w:op/2 a unres:OperativeParagraph ; unres:paragraphNumber 2 ; eli:is_part_of <https://w3id.org/unres/eli/un/ga/res/65/140> ;
    unres:leadPhrase "Decides"@en ; unres:text "Decides to continue."@en ; unres:inSection w:sec/1 .
w:op/1/a a unres:SubParagraph ; unres:label "a" ; eli:is_part_of w:op/1 ; unres:text "The report;"@en .
w:part/a a unres:Part ; unres:label "A" .
w:sec/1 a unres:Section ; unres:label "I" ; unres:sectionNumber 1 ; unres:restartsNumbering false ;
    eli:is_part_of <https://w3id.org/unres/eli/un/ga/res/65/140> .
w:annex/1 a unres:Annex ; eli:is_annex_of <https://w3id.org/unres/eli/un/ga/res/65/140> .
w:eng/fn/1 a unres:Footnote ; unres:footnoteNumber 1 ; unres:text "A/65/382."@en .
w:eng/cit/1 a unres:Citation ; cito:hasCitingEntity w:pp/1 ; cito:hasCitedEntity <https://w3id.org/unres/eli/un/ga/res/37/4> ;
    cito:hasCitationCharacterization cito:citesAsAuthority .
<https://w3id.org/unres/eli/un/ga/res/37/4> a unres:Resolution ; unres:symbol "A/RES/37/4" .
id:document/A_65_L.43 a unres:Document ; unres:symbol "A/65/L.43" .
id:organ/ga a unres:Organ ; rdfs:label "General Assembly"@en .
id:committee/ga/third-committee a unres:Committee ; rdfs:label "Third Committee"@en ; unres:organ id:organ/ga .
id:session/ga/65 a unres:Session ; unres:sessionLabel "65" ; unres:organ id:organ/ga .
id:meeting/ga/65/68 a unres:Meeting ; unres:meetingNumber 68 ; schema:startDate "2010-12-16"^^xsd:date .
id:agenda/ga/65/122 a unres:AgendaItem ; skos:prefLabel "Agenda item 122"@en ; unres:organ id:organ/ga .
id:state/fra a unres:MemberState ; unres:iso3 "FRA" ; rdfs:label "France"@en .
id:state/deu a unres:MemberState ; unres:iso3 "DEU" ; rdfs:label "Germany"@en .
w:voting a unres:Voting ; unres:adoptionType "recorded vote" ; unres:yesCount "1"^^xsd:integer ;
    unres:noCount "1"^^xsd:integer ; unres:abstainCount "0"^^xsd:integer ;
    unres:stateVote w:voting/fra, w:voting/deu .
w:voting/fra a unres:StateVote ; unres:voter id:state/fra ; unres:choice unres:Yes .
w:voting/deu a unres:StateVote ; unres:voter id:state/deu ; unres:choice unres:No .
unres:Yes a unres:VoteChoice ; skos:prefLabel "in favour"@en .
w:workflow/1 a unres:WorkflowStep ; unres:stepName "adopted" ; dcterms:date "2010-12-16"^^xsd:date .
id:event/summit a unres:Event ; rdfs:label "Islamic Summit Conference"@en ; schema:startDate "2008-03-13"^^xsd:date ;
    schema:endDate "2008-03-14"^^xsd:date ; schema:location id:place/Q3718 .
id:place/Q3718 a unres:Place ; rdfs:label "Dakar"@en .
id:organization/Q47543 a unres:Organization ; rdfs:label "Organisation of Islamic Cooperation"@en .
id:person/secretary-general a unres:Person ; rdfs:label "Secretary-General"@en .
w:eng/mention/1-5-place a unres:Mention ; unres:mentionType "place" ; unres:confidence 0.9 ;
    oa:hasBody id:place/Q3718 ; oa:hasTarget w:eng/mention/1-5-place-target .
w:eng/mention/1-5-place-target a oa:SpecificResource ; oa:hasSource w:eng ; oa:hasSelector w:eng/mention/1-5-place-sel .
w:eng/mention/1-5-place-sel a oa:TextPositionSelector ; oa:start "1"^^xsd:integer ; oa:end "5"^^xsd:integer .
"""


def _report(turtle: str):
    graph = Graph().parse(data=_expand(turtle), format="turtle")
    mapped = MappedResolution(f"{W}/eng/graph", graph, W, "A/RES/65/140", "test.ttl")
    return validate(mapped)


def _without(turtle: str, text: str) -> str:
    assert text in turtle, text
    return turtle.replace(text, "", 1)


def test_the_valid_example_conforms():
    report = _report(VALID)
    assert report.conforms, report.lines()
    assert not report.violations


# (shape name fragment, how to break VALID, expected words of the message)
CASES = [
    ("Resolution-symbol", lambda t: t.replace('unres:symbol "A/RES/65/140"', 'unres:symbol "A/RES/65"'), "canonical symbol"),
    ("Resolution-adoptionDate", lambda t: _without(t, 'unres:adoptionDate "2010-12-16"^^xsd:date ;'), "adoption date"),
    ("Resolution-adoptedBy", lambda t: _without(t, "unres:adoptedBy id:organ/ga ;"), "adopting organ"),
    ("Resolution-operative", lambda t: t.replace("a unres:OperativeParagraph", "a unres:PreambularParagraph"), "operative paragraph"),
    ("Resolution-numbering", lambda t: t.replace("unres:paragraphNumber 2", "unres:paragraphNumber 3"), "without gaps"),
    ("Resolution-expression", lambda t: t.replace("w:eng a unres:ResolutionExpression", "w:eng a unres:Document"), "language version"),
    ("Resolution-session", lambda t: t.replace("id:session/ga/65 a unres:Session", "id:session/ga/65 a unres:Meeting"), "unres:Session"),
    ("Resolution-meeting", lambda t: t.replace("id:meeting/ga/65/68 a unres:Meeting", "id:meeting/ga/65/68 a unres:Session"), "unres:Meeting"),
    ("ResolutionExpression", lambda t: _without(t, "eli:language <http://publications.europa.eu/resource/authority/language/ENG> ;"), "language"),
    ("SourceFile", lambda t: t.replace('"2024c6467afe', '"XYZ'), "SHA-256"),
    ("GraphProvenance", lambda t: _without(t, 'prov:generatedAtTime "2026-01-01T00:00:00Z"^^xsd:dateTime ;'), "time it was generated"),
    ("Paragraph", lambda t: t.replace("unres:paragraphNumber 1 ;", "unres:paragraphNumber 0 ;", 1), "number"),
    ("Paragraph", lambda t: t.replace('unres:text "Decides to continue."@en', 'unres:text "Decides to continue."'), "language-tagged"),
    ("Paragraph", lambda t: t.replace('unres:text "Decides to continue."@en', 'unres:text "Decides to continue."@en, "Decides again."@en'), "same number"),
    ("SubParagraph", lambda t: _without(t, 'unres:label "a" ;'), "label"),
    ("Part", lambda t: t.replace('unres:label "A"', 'unres:label "first"'), "capital letter"),
    ("Section", lambda t: t.replace("unres:sectionNumber 1 ;", "unres:sectionNumber 0 ;"), "section needs exactly one number"),
    ("Section", lambda t: t.replace("unres:restartsNumbering false ;", ""), "restarts in it"),
    ("Annex", lambda t: t.replace("unres:Annex ; eli:is_annex_of <https://w3id.org/unres/eli/un/ga/res/65/140> .", "unres:Annex ."), "belong"),
    ("Footnote", lambda t: _without(t, "unres:footnoteNumber 1 ;"), "number"),
    ("Citation", lambda t: _without(t, '<https://w3id.org/unres/eli/un/ga/res/37/4> a unres:Resolution ; unres:symbol "A/RES/37/4" .'), "UN symbol"),
    ("Citation", lambda t: t.replace("cito:hasCitationCharacterization cito:citesAsAuthority", "cito:hasCitationCharacterization cito:likes"), "CiTO"),
    ("Document", lambda t: t.replace('unres:symbol "A/65/L.43"', 'unres:symbol "not a symbol"'), "slash-separated"),
    ("Organ", lambda t: t.replace('rdfs:label "General Assembly"@en', 'rdfs:label "General Assembly"'), "organ needs a name"),
    ("Committee", lambda t: t.replace(' ; unres:organ id:organ/ga .\nid:session', ' .\nid:session'), "exactly one organ"),
    ("MemberState", lambda t: t.replace('unres:iso3 "FRA"', 'unres:iso3 "fr"'), "alpha-3"),
    ("Session", lambda t: t.replace('unres:sessionLabel "65"', 'unres:sessionLabel "sixty-fifth"'), "session needs exactly one label"),
    ("Meeting", lambda t: t.replace('unres:meetingNumber 68 ; schema:startDate "2010-12-16"^^xsd:date .', 'unres:meetingNumber 68 .'), "meeting needs its date"),
    ("Event", lambda t: t.replace('schema:startDate "2008-03-13"', 'schema:startDate "2008-03-20"'), "not after its end date"),
    ("Place", lambda t: t.replace('rdfs:label "Dakar"@en', 'rdfs:label "Dakar"'), "place needs a name"),
    ("Organization", lambda t: t.replace('rdfs:label "Organisation of Islamic Cooperation"@en', 'schema:name "x"@en'), "organization needs a name"),
    ("Person", lambda t: t.replace('rdfs:label "Secretary-General"@en', 'schema:name "x"@en'), "person needs a name"),
    ("AgendaItem", lambda t: t.replace('skos:prefLabel "Agenda item 122"@en', 'skos:prefLabel "Agenda item 122"'), "agenda item needs a label"),
    ("Voting", lambda t: _without(t, 'unres:adoptionType "recorded vote" ;'), "adoption type"),
    ("Voting-counts", lambda t: t.replace('unres:yesCount "1"', 'unres:yesCount "3"'), "does not equal the States listed"),
    ("Voting-missing", lambda t: t.replace('unres:abstainCount "0"', 'unres:abstainCount "2"'), "no State is listed"),
    ("StateVote", lambda t: t.replace("unres:choice unres:No", "unres:choice unres:Maybe"), "exactly one choice"),
    ("VoteChoice", lambda t: t.replace('unres:Yes a unres:VoteChoice ; skos:prefLabel "in favour"@en', "unres:Yes a unres:VoteChoice"), "vote choice needs a label"),
    ("WorkflowStep", lambda t: _without(t, 'unres:stepName "adopted" ;'), "workflow step needs exactly one name"),
    ("Mention", lambda t: t.replace('unres:mentionType "place"', 'unres:mentionType "planet"'), "exactly one type"),
    ("MentionTarget", lambda t: _without(t, "oa:hasSource w:eng ;"), "one language version"),
    ("MentionSpan", lambda t: t.replace('oa:start "1"', 'oa:start "9"'), "before its end"),
    # counts and offsets are xsd:integer (what the store keeps) from 0
    ("Voting", lambda t: t.replace('unres:abstainCount "0"', 'unres:abstainCount "-1"'), "0 or more"),
    ("Voting", lambda t: t.replace('unres:yesCount "1"^^xsd:integer', 'unres:yesCount "1"^^xsd:decimal'), "0 or more"),
    ("MentionSpan", lambda t: t.replace('oa:start "1"', 'oa:start "-1"'), "a whole number from 0"),
    ("MentionSpan", lambda t: t.replace('oa:end "5"^^xsd:integer', 'oa:end "5"'), "a whole number from 0"),
]


@pytest.mark.parametrize("shape, breaker, words", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_shape_reports_a_violation_people_understand(shape, breaker, words):
    report = _report(breaker(VALID))
    assert not report.conforms
    hits = [r for r in report.violations if shape in r.shape and words in r.message]
    assert hits, report.lines()
    assert all(r.message and r.focus for r in hits)


def test_every_node_shape_is_exercised_by_a_case():
    shapes = {str(s).rsplit("#", 1)[-1] for s in shapes_graph().subjects(
        predicate=None, object=None) if "#" in str(s)}
    node_shapes = {s for s in shapes if s[0].isupper() and "-" not in s and s != "DocumentWithSymbol"}
    tested = {c[0].split("-")[0] for c in CASES}
    assert node_shapes - tested == set()


def test_warnings_do_not_block_conformance():
    report = _report(_without(VALID, 'unres:leadPhrase "Decides"@en ;'))
    assert report.conforms
    assert any("lead phrase" in w.message for w in report.warnings)


def test_report_names_resolution_shape_focus_and_value():
    report = _report(VALID.replace('unres:iso3 "FRA"', 'unres:iso3 "fr"'))
    (hit,) = [r for r in report.violations if "MemberState" in r.shape]
    assert hit.focus == "https://w3id.org/unres/id/state/fra" and hit.value == "fr"
    line = report.lines()[0]
    assert line.startswith("test.ttl: A/RES/65/140: Violation shp:MemberState")


# A resolution whose numbering restarts in each section (A/RES/72/258: sections I and II, both from 1).
RESTARTING = PREFIXES + """
<https://w3id.org/unres/eli/un/ga/res/65/140> a unres:Resolution ; eli:is_realized_by w:eng ;
    eli:has_part w:sec/1/op/1, w:sec/1/op/2, w:sec/2/op/1 .
w:sec/1 a unres:Section ; unres:sectionNumber 1 ; unres:restartsNumbering true .
w:sec/2 a unres:Section ; unres:sectionNumber 2 ; unres:restartsNumbering true .
w:sec/1/op/1 a unres:OperativeParagraph ; unres:paragraphNumber 1 ; unres:inSection w:sec/1 .
w:sec/1/op/2 a unres:OperativeParagraph ; unres:paragraphNumber 2 ; unres:inSection w:sec/1 .
w:sec/2/op/1 a unres:OperativeParagraph ; unres:paragraphNumber 1 ; unres:inSection w:sec/2 .
"""


def _numbering_hits(turtle: str) -> list:
    return [r for r in _report(turtle).violations if "Resolution-numbering" in r.shape]


def test_numbering_restarting_in_each_section_conforms():
    assert _numbering_hits(RESTARTING) == []


def test_a_gap_inside_a_restarting_section_is_reported():
    broken = RESTARTING.replace("w:sec/2/op/1 a unres:OperativeParagraph ; unres:paragraphNumber 1",
                                "w:sec/2/op/1 a unres:OperativeParagraph ; unres:paragraphNumber 3")
    (hit,) = _numbering_hits(broken)
    assert "without gaps" in hit.message and hit.value == "3"


def test_sections_whose_numbering_runs_on_count_with_their_part():
    running = RESTARTING.replace("unres:restartsNumbering true", "unres:restartsNumbering false")
    assert _numbering_hits(running) == []          # 1, 2, 1: the numbers 1 and 2, no gap ...
    gap = running.replace("w:sec/2/op/1 a unres:OperativeParagraph ; unres:paragraphNumber 1",
                          "w:sec/2/op/1 a unres:OperativeParagraph ; unres:paragraphNumber 4")
    assert _numbering_hits(gap)                    # ... but 1, 2, 4 runs on with a gap
