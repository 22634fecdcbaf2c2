"""Every example query in queries/ runs against the graph of a realistic part of the corpus
(built here into an in-memory pyoxigraph store) and returns what it should."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.map_support import mapped, query_corpus_files

QUERIES = Path(__file__).resolve().parents[1] / "queries"
U = "https://w3id.org/unres/def/unres#"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    st = ox.Store()
    for path in query_corpus_files():
        m = mapped(path)
        st.load(m.graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                to_graph=ox.NamedNode(m.graph_iri))
    return st


def run(store: ox.Store, name: str) -> list[dict[str, str]]:
    (path,) = QUERIES.glob(f"{name}-*.rq")
    solutions = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in solutions]


def test_every_query_starts_with_a_comment_and_there_are_at_least_twelve():
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 12
    for f in files:
        assert f.read_text(encoding="utf-8").startswith("# "), f.name


def test_resolutions_citing_a_given_one(store):
    rows = run(store, "01")
    assert [(r["citingSymbol"], r["type"]) for r in rows] == [("A/RES/65/140", "http://purl.org/spar/cito/citesAsAuthority")]


def test_citation_chain_back_from_the_seed(store):
    symbols = {r["olderSymbol"] for r in run(store, "02")}
    # the seed recalls 24 resolutions from 37/4 to 63/114, and 3369 (XXX)
    assert {"A/RES/37/4", "A/RES/63/114", "A/RES/3369 (XXX)"} <= symbols and len(symbols) == 25


def test_resolutions_by_organ_and_session(store):
    rows = {(r["organName"], r["session"]): int(r["resolutions"]) for r in run(store, "03")}
    assert rows[("General Assembly", "65")] == 1
    assert rows[("Security Council", "2021")] == 2
    assert rows[("Human Rights Council", "54")] == 2
    assert rows[("General Assembly", "80")] == len(list(
        (Path(query_corpus_files()[1]).parent).glob("*.xml")))


def test_operative_verbs_used_most(store):
    rows = run(store, "04")
    verbs = [r["verb"] for r in rows]
    assert {"requests", "decides", "encourages", "urges"} <= set(verbs[:6])
    counts = [int(r["paragraphs"]) for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_organizations_a_session_mentions(store):
    rows = run(store, "05")
    assert any(r["name"] == "Organisation of Islamic Cooperation" and r["organization"].endswith("/Q47543") for r in rows)


def test_votes_of_one_state_over_time(store):
    rows = run(store, "06")
    by_symbol = {r["symbol"]: r["choice"] for r in rows}
    assert by_symbol["A/RES/80/1"] == U + "Yes"
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)


def test_states_that_voted_against(store):
    rows = run(store, "07")
    # A/RES/80/1 was adopted 145-5-6; the AKN file lists Israel, Nauru, Palau, Paraguay, United States against
    assert [r["iso3"] for r in rows] == ["ISR", "NRU", "PLW", "PRY", "USA"]
    assert {(r["yes"], r["no"], r["abstentions"]) for r in rows} == {("145", "5", "6")}


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


def test_resolutions_on_a_subject(store):
    rows = run(store, "11")
    assert rows and all("PEACEKEEPING" in r["subjectLabel"] for r in rows)
    assert "A/RES/80/230" in {r["symbol"] for r in rows}


def test_top_sponsors(store):
    rows = run(store, "12")
    assert rows and all(len(r["iso3"]) == 3 for r in rows)
    counts = [int(r["sponsored"]) for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2


def test_adoption_types(store):
    rows = {(r["organName"], r["adoptionType"]): int(r["resolutions"]) for r in run(store, "13")}
    assert rows[("Security Council", "unanimous")] == 2
    assert rows[("General Assembly", "recorded vote")] >= 1


def test_provenance_of_every_graph(store):
    rows = run(store, "14")
    assert len({r["symbol"] for r in rows}) == len(query_corpus_files())
    seed = [r for r in rows if r["symbol"] == "A/RES/65/140"]
    assert seed[0]["file"] == "A_RES_65_140.txt" and seed[0]["format"] == "ods-text" and len(seed[0]["sha256"]) == 64


def test_paragraphs_mentioning_a_place(store):
    rows = run(store, "15")
    assert [r["paragraph"].rsplit("/", 2)[-2:] for r in rows] == [["op", "12"]]
    assert rows[0]["exact"] == "Mogadishu" and int(rows[0]["end"]) - int(rows[0]["start"]) == len("Mogadishu")
