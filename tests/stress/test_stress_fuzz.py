"""Fuzzing the readers at length: every mutation of many real files of every reader, and
thousands of generated inputs (issue 10).  Any crash, hang or blow-up fails the run."""
from __future__ import annotations

import os
import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import record
from reliability_support import (CORPUS, ENCODINGS, Listener, Mutator, ParseSandbox, billion_laughs, deep_xml,
                                 docx_xxe, external_dtd, external_entity, parameter_entity, seed_paths, wide_xml,
                                 xinclude)

pytestmark = pytest.mark.slow
FILES = int(os.environ.get("KG_FUZZ_FILES", "48"))
ROUNDS = int(os.environ.get("KG_FUZZ_ROUNDS", "2"))


def corpus_sample(count: int) -> list:
    """A seeded sample of real documents of every kind (txt, md, DOC/docx, pdf, AKN XML)."""
    kinds: dict[str, list] = {}
    for path in sorted(CORPUS.rglob("*")):
        suffix = path.suffix.lower()
        if path.is_file() and suffix in (".txt", ".md", ".doc", ".docx", ".pdf", ".xml") and path.stat().st_size < 3e6:
            kinds.setdefault(suffix, []).append(path)
    rng = random.Random(10)
    picked = []
    for files in kinds.values():
        picked += rng.sample(files, min(len(files), max(2, count // len(kinds))))
    return picked


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    box = ParseSandbox(tmp_path_factory.mktemp("stress-fuzz"), timeout=30, memory_mb=2048)
    yield box
    box.close()


def test_every_mutation_of_a_corpus_sample(sandbox):
    files = corpus_sample(FILES)
    per_mutation: dict[str, Counter] = {}
    slowest = 0.0
    for round_ in range(ROUNDS):
        for index, path in enumerate(files):
            data = path.read_bytes()
            mutator = Mutator(seed=round_ * 10_000 + index)
            for mutation in Mutator.MUTATIONS:
                name, mutated = mutator.mutate(data, mutation)
                result = sandbox.parse(f"{path.name}-{name}", mutated)
                per_mutation.setdefault(name, Counter())[result.status] += 1
                slowest = max(slowest, result.seconds)
    bugs = sandbox.bugs()
    record("fuzz-mutations", {"files": len(files), "rounds": ROUNDS, "tally": sandbox.tally(),
                              "by_mutation": {k: dict(v) for k, v in per_mutation.items()},
                              "slowest_seconds": round(slowest, 2),
                              "peak_rss_mb": round(max(r.peak_rss_mb for r in sandbox.results), 1),
                              "bugs": [f"{b.name}: {b.status}: {b.detail}" for b in bugs]})
    assert bugs == []


def test_hostile_xml_and_every_encoding(sandbox, tmp_path):
    listener = Listener()
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-7f3a")
    seeds = seed_paths()
    akn = seeds["akn-ga"].read_bytes()
    cases = {"billion-laughs": billion_laughs(), "xxe-file": external_entity(secret.as_uri()),
             "xxe-http": external_entity(listener.url + "/e"), "pe-http": parameter_entity(listener.url + "/p"),
             "dtd-http": external_dtd(listener.url + "/d"), "xinclude": xinclude(secret.as_uri()),
             "docx-xxe": docx_xxe(seeds["docx"].read_bytes(), listener.url + "/x")}
    cases |= {f"deep-{d}": deep_xml(d) for d in (257, 10_000, 1_000_000)}
    cases |= {f"wide-{n}": wide_xml(akn, n) for n in (100, 1_000, 3_000, 8_000)}
    text = seeds["seed-text"].read_text(encoding="utf-8")
    cases |= {f"seed-{e}": text.encode(e, errors="replace") for e in ENCODINGS}
    outcomes = {name: sandbox.parse(name, data) for name, data in cases.items()}
    listener.close()
    record("fuzz-hostile", {name: f"{r.status} in {r.seconds:.2f} s ({r.peak_rss_mb:.0f} MB): {r.detail[:80]}"
                            for name, r in outcomes.items()} | {"connections": listener.connections})
    assert listener.connections == 0
    assert [n for n, r in outcomes.items() if r.is_bug] == []
    assert all("SECRET" not in r.detail for r in outcomes.values())


@settings(max_examples=int(os.environ.get("KG_FUZZ_EXAMPLES", "400")), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(data=st.one_of(st.binary(max_size=20_000), st.text(max_size=5000).map(lambda t: t.encode("utf-8", "replace"))),
       suffix=st.sampled_from([".txt", ".xml", ".docx", ".pdf", ".md", ".doc", ".html"]))
def test_generated_inputs(sandbox, data, suffix):
    result = sandbox.parse("generated" + suffix, data)
    assert not result.is_bug, f"{result.status}: {result.detail}"
