"""Every IRI the mapper writes is one the store accepts: checked when written, so the store loads without checking."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.map.context import iri


@pytest.mark.parametrize("value", ["https://example.org/a%zz", "https://[::1/x", "https://example.org/a\x01b",
                                   "https://example.org/a b", "no-scheme/at/all"])
def test_an_iri_the_store_would_refuse_is_refused_when_written(value):
    with pytest.raises(ValueError, match="not a valid IRI"):
        iri(value)


def test_an_iri_the_store_accepts_is_written_as_is():
    value = "https://w3id.org/unres/eli/un/ga/res/65/140/eng"
    assert iri(value) == f"<{value}>"
    assert ox.NamedNode(value).value == value


def test_the_store_loads_leniently_what_it_would_refuse_so_the_check_must_come_first(tmp_path):
    store = ox.Store()
    bad = '<https://example.org/s> <https://example.org/p> <https://example.org/a%zz> .\n'
    with pytest.raises(SyntaxError):
        store.bulk_load(input=bad, format=ox.RdfFormat.N_TRIPLES)
    store.bulk_load(input=bad, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    assert len(store) == 1
