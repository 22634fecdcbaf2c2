"""The turbo engine is handed only the triples the shapes can read, as term records.

Same report as with the whole graph (every shape case and real resolutions); the
projection stops whenever a shape could read any predicate; term records are exactly
what pyshacl-turbo makes of the rdflib parse of the same N-Triples.
"""
from __future__ import annotations

import pytest
from rdflib import Graph

from kg.map import MappedResolution
from kg.validate import engines, shapes_graph, validate
from kg.validate.projection import data_predicates, predicates_read_by, project
from tests.map_support import SEED, mapped, query_corpus_files
from tests.test_validate_engines import _from_turtle
from tests.test_validate_shapes import CASES, PREFIXES, VALID

pytest.importorskip("pyshacl_turbo", reason="pyshacl-turbo is not installed")
BASE = "https://w3id.org/unres"
SHAPES_HEAD = PREFIXES + "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n"


def _whole_graph(monkeypatch, m: MappedResolution):
    """The report when the engine reads every triple, through the public API only."""
    monkeypatch.setattr(engines, "data_predicates", lambda base: None)
    monkeypatch.setattr(engines, "_turbo_clean", lambda compiled, data: False)
    try:
        return validate(m, engine="turbo")
    finally:
        monkeypatch.undo()


def _same(monkeypatch, m: MappedResolution) -> None:
    fast = validate(m, engine="turbo")
    whole = _whole_graph(monkeypatch, m)
    assert (fast.conforms, fast.results) == (whole.conforms, whole.results)


def test_the_shapes_are_projected_and_keep_what_they_read():
    kept = data_predicates(BASE)
    assert kept is not None
    for iri in ("rdf-syntax-ns#type", "unres#paragraphNumber", "unres#yesCount", "unres#choice", "ontology#has_part",
                "oa#hasTarget", "unres#restartsNumbering", "schema.org/endDate"):
        assert any(p.endswith(iri + ">") for p in kept), iri
    assert "<http://www.w3.org/ns/oa#exact>" not in kept


@pytest.mark.parametrize("shape, breaker, words", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_projection_gives_the_same_report_on_each_violation(monkeypatch, shape, breaker, words):
    m = _from_turtle(breaker(VALID))
    assert not validate(m, engine="turbo").conforms
    _same(monkeypatch, m)


def test_projection_gives_the_same_report_on_the_valid_example_and_real_resolutions(monkeypatch):
    _same(monkeypatch, _from_turtle(VALID))
    for path in [str(SEED), *query_corpus_files()[1:4]]:
        _same(monkeypatch, mapped(path))


@pytest.mark.parametrize("shapes", [
    "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true ; sh:property [ sh:path ex:p ] .",
    'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE { $this ?p ?o }" ] .',
    'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE { $this !ex:p ?o }" ] .',
    'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE { not sparql" ] .',
])
def test_no_projection_when_a_shape_may_read_any_predicate(shapes):
    assert predicates_read_by(Graph().parse(data=SHAPES_HEAD + shapes, format="turtle")) is None


def test_sparql_predicates_and_paths_are_kept():
    shapes = SHAPES_HEAD + """ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select
        "SELECT $this WHERE { $this ex:a/^ex:b ?o . FILTER NOT EXISTS { ?o (ex:c|ex:d)* ?x } }" ] ."""
    kept = predicates_read_by(Graph().parse(data=shapes, format="turtle"))
    assert {f"<http://example.org/{x}>" for x in "abcd"} <= kept


def test_term_records_are_what_pyshacl_turbo_makes_of_rdflib_terms():
    from pyshacl_turbo.term_input import _TermBatch

    text = ('<http://ex.org/s> <http://ex.org/p> "a \\"quoted\\"\\nline \\\\ \\u00e9\\U0001F600"@en-GB .\n'
            '<http://ex.org/s> <http://ex.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
            '<http://ex.org/s> <http://ex.org/p> "plain" .\n'
            '<http://ex.org/s> <http://ex.org/p> _:b1 .\n'
            '<http://ex.org/s\\u00e9> <http://ex.org/p> "x"^^<http://www.w3.org/2001/XMLSchema#string> .\n')
    triples = [tuple(line[:-2].split(" ", 2)) for line in text.splitlines()]
    records, quads = project(triples, None)
    batch = _TermBatch({})
    for triple in Graph().parse(data=text, format="nt"):
        batch.append(*triple)
    mine = {tuple(records[i] for i in quad[:3]) for quad in quads}
    theirs = {tuple(batch.records[i] for i in quad[:3]) for quad in batch.quads}
    blank = lambda rows: {tuple(r if r[0] != 1 else (1, "_") for r in row) for row in rows}  # noqa: E731
    assert blank(mine) == blank(theirs) and len(quads) == 5


def test_the_shapes_graph_is_left_as_parsed():
    before = len(shapes_graph(BASE))
    data_predicates.cache_clear()
    data_predicates(BASE)
    assert len(shapes_graph(BASE)) == before
