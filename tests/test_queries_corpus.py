"""Every example query in queries/ runs against the graph of a realistic part of the corpus
(built here into an in-memory pyoxigraph store, queried like the endpoint: the default graph is the
union of the named graphs) and returns what it should.

The store holds every language version of A/RES/80/7, so that a query that counts a resolution, a
paragraph or a vote once per language graph (the union repeats shared nodes once per graph) fails."""
from __future__ import annotations

import hashlib
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from tests.map_support import CORPUS, mapped, query_corpus_files

QUERIES = Path(__file__).resolve().parents[1] / "queries"
U = "https://w3id.org/unres/def/unres#"
ELI = "http://data.europa.eu/eli/ontology#"
CITO = "http://purl.org/spar/cito/"
ENG = URIRef("http://publications.europa.eu/resource/authority/language/ENG")


def store_files() -> list[str]:
    """The query corpus of the map tests, plus the other five language versions of A/RES/80/7."""
    translations = sorted(str(p) for p in CORPUS.glob("unxml-ga/xml/80session/*/A_RES_80_7-*.xml")
                          if "/English/" not in str(p))
    assert len(translations) == 5
    return [*query_corpus_files(), *translations]


@lru_cache(maxsize=1)
def graphs() -> dict[str, Graph]:
    """Each resolution expression's graph, by graph IRI (the expected values are computed from these)."""
    out = {}
    for path in store_files():
        m = mapped(path)
        out[m.graph_iri] = m.graph
    return out


@pytest.fixture(scope="module")
def store() -> ox.Store:
    st = ox.Store()
    for iri, graph in graphs().items():
        st.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                to_graph=ox.NamedNode(iri))
    return st


def run(store: ox.Store, name: str) -> list[dict[str, str]]:
    (path,) = QUERIES.glob(f"{name}-*.rq")
    solutions = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in solutions]


def english_graphs() -> list[Graph]:
    return [g for g in graphs().values() if any(g.triples((None, URIRef(ELI + "language"), ENG)))]


def session_resolutions(graph: Graph, organ_name: str, session_label: str) -> set[URIRef]:
    """The resolutions a graph describes as adopted by an organ (by its name) in a session (by its label)."""
    out = set()
    for resolution, session in graph.subject_objects(URIRef(U + "session")):
        organ = graph.value(resolution, URIRef(U + "adoptedBy"))
        if (organ is not None and graph.value(session, URIRef(U + "sessionLabel")) == Literal(session_label)
                and graph.value(organ, RDFS.label) == Literal(organ_name, lang="en")):
            out.add(resolution)
    return out


def test_every_query_starts_with_a_comment_and_there_are_at_least_twelve():
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 12
    for f in files:
        assert f.read_text(encoding="utf-8").startswith("# "), f.name


def test_the_store_holds_six_language_versions_of_one_resolution(store):
    languages = {iri.rsplit("/", 2)[-2] for iri in graphs() if "/ga/res/80/7/" in iri}
    assert languages == {"eng", "fra", "spa", "rus", "zho", "ara"}


def test_resolutions_citing_a_given_one(store):
    rows = run(store, "01")
    assert [(r["citingSymbol"], r["type"]) for r in rows] == [("A/RES/65/140", CITO + "citesAsAuthority")]


def test_citation_chain_back_from_the_seed(store):
    symbols = {r["olderSymbol"] for r in run(store, "02")}
    # the seed recalls 24 resolutions from 37/4 to 63/114, and 3369 (XXX)
    assert {"A/RES/37/4", "A/RES/63/114", "A/RES/3369 (XXX)"} <= symbols and len(symbols) == 25


def test_resolutions_by_organ_and_session(store):
    rows = {(r["organName"], r["session"]): int(r["resolutions"]) for r in run(store, "03")}
    # the query corpus holds two Security Council resolutions of 2021 (and nothing else of the Council)
    assert rows == {("Security Council", "2021"): 2}


def test_resolutions_by_session_count_each_resolution_once(store):
    # the query is written for one organ; run it for the General Assembly, whose A/RES/80/7 has six graphs
    text = next(QUERIES.glob("03-*.rq")).read_text(encoding="utf-8").replace('"Security Council"@en',
                                                                             '"General Assembly"@en')
    rows = {r["session"].value: int(r["resolutions"].value)
            for r in store.query(text, use_default_graph_as_union=True)}
    assert rows["65"] == 1
    assert rows["80"] == len(list((Path(query_corpus_files()[1]).parent).glob("*.xml")))


def test_operative_verbs_used_most(store):
    rows = run(store, "04")
    verbs = [r["verb"] for r in rows]
    assert {"requests", "decides", "encourages", "urges"} <= set(verbs[:8])
    counts = [int(r["paragraphs"]) for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_operative_verbs_count_each_english_paragraph_once(store):
    expected: Counter[str] = Counter()
    for graph in english_graphs():
        if not session_resolutions(graph, "General Assembly", "80"):
            continue
        for paragraph in graph.subjects(RDF.type, URIRef(U + "OperativeParagraph")):
            for verb in graph.objects(paragraph, URIRef(U + "leadVerb")):
                expected[str(verb)] += 1
    got = {r["verb"]: int(r["paragraphs"]) for r in run(store, "04")}
    assert got and all(got[verb] == expected[verb] for verb in got)
    assert min(got.values()) >= sorted(expected.values(), reverse=True)[len(got) - 1]


def test_organizations_a_session_mentions(store):
    rows = run(store, "05")
    assert any(r["name"] == "Organisation of Islamic Cooperation" and r["organization"].endswith("/Q47543") for r in rows)


def test_votes_of_one_state_over_time(store):
    rows = run(store, "06")
    by_symbol = {r["symbol"]: r["choice"] for r in rows}
    assert by_symbol["A/RES/80/1"] == U + "Yes"
    assert by_symbol["A/RES/80/7"] == U + "Yes"
    assert len(rows) == len(by_symbol)   # one row per resolution, not one per language graph
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)


def test_states_that_voted_against(store):
    rows = run(store, "07")
    # A/RES/80/1 was adopted 145-5-6; the AKN file lists Israel, Nauru, Palau, Paraguay, United States against
    assert [r["iso3"] for r in rows] == ["ISR", "NRU", "PLW", "PRY", "USA"]
    assert {(r["yes"], r["no"], r["abstentions"]) for r in rows} == {("145", "5", "6")}
    assert rows[0]["name"] == "Israel"


def test_resolutions_linked_to_a_wikidata_item(store):
    rows = run(store, "08")
    assert rows and rows[0]["symbol"] == "A/RES/65/140" and int(rows[0]["paragraphs"]) > 10


def test_events_held_in_a_city(store):
    rows = run(store, "09")
    assert any("Islamic Summit Conference" in r["name"] and r["start"] == "2008-03-13" and r["symbol"] == "A/RES/65/140"
               for r in rows)


def test_citations_by_type(store):
    types = {r["type"].rsplit("/", 1)[-1]: int(r["citations"]) for r in run(store, "10")}
    assert types["citesAsAuthority"] > types.get("citesForInformation", 0) > 0
    assert types.get("confirms", 0) > 0


def test_citations_by_type_count_the_english_texts(store):
    expected = Counter(str(t) for graph in english_graphs() if session_resolutions(graph, "General Assembly", "80")
                       for t in graph.objects(None, URIRef(CITO + "hasCitationCharacterization")))
    assert {r["type"]: int(r["citations"]) for r in run(store, "10")} == dict(expected)


def test_resolutions_on_a_subject(store):
    rows = run(store, "11")
    assert rows and all(r["subjectLabel"] == "PEACEKEEPING OPERATIONS" for r in rows)
    assert {r["subject"] for r in rows} == {"http://metadata.un.org/thesaurus/1004779"}
    assert "A/RES/80/230" in {r["symbol"] for r in rows}
    expected = {str(graph.value(resolution, URIRef(U + "symbol"))) for graph in graphs().values()
                for resolution in graph.subjects(URIRef(ELI + "is_about"),
                                                 URIRef("http://metadata.un.org/thesaurus/1004779"))}
    assert [r["symbol"] for r in rows] == sorted(expected)


def test_top_sponsors(store):
    rows = run(store, "12")
    assert rows and all(len(r["iso3"]) == 3 for r in rows)
    counts = [int(r["sponsored"]) for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2


def test_top_sponsors_count_each_resolution_once(store):
    expected: Counter[str] = Counter()
    sponsors: dict[URIRef, set[str]] = {}
    for graph in graphs().values():
        for resolution in session_resolutions(graph, "General Assembly", "80"):
            for state in graph.objects(resolution, URIRef(U + "sponsor")):
                sponsors.setdefault(resolution, set()).add(str(graph.value(state, URIRef(U + "iso3"))))
    for states in sponsors.values():
        expected.update(states)
    got = {r["iso3"]: int(r["sponsored"]) for r in run(store, "12")}
    assert got and all(got[iso3] == expected[iso3] for iso3 in got)


def test_adoption_types(store):
    rows = {r["adoptionType"]: int(r["resolutions"]) for r in run(store, "13")}
    expected: dict[str, set[URIRef]] = {}
    for graph in graphs().values():
        for resolution in session_resolutions(graph, "General Assembly", "80"):
            for voting in graph.objects(resolution, URIRef(U + "voting")):
                expected.setdefault(str(graph.value(voting, URIRef(U + "adoptionType"))), set()).add(resolution)
    assert rows["recorded vote"] >= 1 and rows == {kind: len(v) for kind, v in expected.items()}


def test_provenance_of_each_language_graph(store):
    rows = run(store, "14")
    # one row per language version of A/RES/80/7, each from its own AKN file (…A.xml Arabic … S.xml Spanish)
    assert [r["file"] for r in rows] == [f"A_RES_80_7-2518769{letter}.xml" for letter in "ACEFRS"]
    assert {r["graph"].rsplit("/", 2)[-2] for r in rows} == {"ara", "zho", "eng", "fra", "rus", "spa"}
    assert all(r["format"] == "akn" and len(r["sha256"]) == 64 and r["software"] == "0.1.0" for r in rows)
    sources = {p.name: p for p in CORPUS.glob("unxml-ga/xml/80session/*/A_RES_80_7-*.xml")}
    assert all(r["sha256"] == hashlib.sha256(sources[r["file"]].read_bytes()).hexdigest() for r in rows)


def test_paragraphs_mentioning_a_place(store):
    rows = run(store, "15")
    assert [r["paragraph"].rsplit("/", 2)[-2:] for r in rows] == [["op", "12"]]
    assert rows[0]["exact"] == "Mogadishu" and int(rows[0]["end"]) - int(rows[0]["start"]) == len("Mogadishu")


def test_most_cited_by_a_session(store):
    rows = run(store, "16")
    counts = [int(r["citedBy"]) for r in rows]
    assert rows and counts == sorted(counts, reverse=True)
    expected: dict[str, set[URIRef]] = {}
    for graph in graphs().values():
        for resolution in session_resolutions(graph, "General Assembly", "80"):
            for cited in graph.objects(resolution, URIRef(ELI + "cites")):
                if (cited, RDF.type, URIRef(U + "Resolution")) in graph:
                    expected.setdefault(str(graph.value(cited, URIRef(U + "symbol"))), set()).add(resolution)
    assert {r["citedSymbol"]: int(r["citedBy"]) for r in rows} == {
        symbol: len(expected[symbol]) for symbol in (r["citedSymbol"] for r in rows)}
    assert counts[0] == max(len(v) for v in expected.values())
