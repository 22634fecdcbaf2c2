"""pyshacl-turbo (the fast engine) and pyshacl (the reference) give exactly the same reports.

Same conformance and the same results (severity, shape, focus node, path, value,
message, source line) on every shape test case and on real resolutions; the
whole corpus is compared in the slow test.
"""
from __future__ import annotations

import pytest

from kg.map import MappedResolution
from kg.validate import default_engine, validate
from tests.map_support import CORPUS, SEED, mapped, query_corpus_files
from tests.test_validate_shapes import CASES, VALID, W, _expand

pytest.importorskip("pyshacl_turbo", reason="pyshacl-turbo is not installed: only the reference engine runs")


def _both(m: MappedResolution):
    reference = validate(m, engine="pyshacl")
    fast = validate(m, engine="turbo")
    return (reference.conforms, reference.results), (fast.conforms, fast.results)


def _from_turtle(turtle: str) -> MappedResolution:
    from rdflib import Graph

    graph = Graph().parse(data=_expand(turtle), format="turtle")
    return MappedResolution(f"{W}/eng/graph", graph, W, "A/RES/65/140", "test.ttl")


def test_turbo_is_the_default_engine_when_installed(monkeypatch):
    monkeypatch.delenv("KG_SHACL_ENGINE", raising=False)
    assert default_engine() == "turbo"
    monkeypatch.setenv("KG_SHACL_ENGINE", "pyshacl")
    assert default_engine() == "pyshacl"


def test_engines_agree_on_the_valid_example():
    reference, fast = _both(_from_turtle(VALID))
    assert reference == fast and reference[0]


@pytest.mark.parametrize("shape, breaker, words", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_engines_agree_on_each_violation(shape, breaker, words):
    reference, fast = _both(_from_turtle(breaker(VALID)))
    assert not reference[0] and reference[1], "the case must violate something"
    assert fast == reference


def test_engines_agree_on_real_resolutions():
    for path in [str(SEED), *query_corpus_files()[1:3]]:
        reference, fast = _both(mapped(path))
        assert fast == reference, path


@pytest.mark.slow
def test_engines_agree_on_the_whole_corpus():
    from kg.model import ParseError
    from kg.parse import iter_documents

    compared = differing = 0
    for path in iter_documents([str(CORPUS)]):
        try:
            m = mapped(path)
        except (ParseError, ValueError):
            continue
        reference, fast = _both(m)
        compared += 1
        differing += fast != reference
    assert compared > 500 and differing == 0
