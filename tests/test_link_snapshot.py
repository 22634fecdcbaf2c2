"""The linker finds exactly the same mentions in the seed as the frozen snapshot.

Input is the frozen parsed record of the seed (``tests/fixtures/seed_resolution.json``),
so a speed-up of the linker cannot silently change what it finds.
"""
from __future__ import annotations

from kg.link import link, load_gazetteer
from tests.snapshot_support import seed_mentions, seed_record


def test_seed_mentions_equal_the_snapshot():
    found = link(seed_record(), load_gazetteer())
    expected = seed_mentions()
    assert len(found) == len(expected)
    for got, want in zip(found, expected):
        assert got == want
