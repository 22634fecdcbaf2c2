"""The URI scheme: ELI-style, built from the symbol, base configurable, deterministic."""
from __future__ import annotations

import pytest

from kg.map import uris

B = "https://w3id.org/unres"


@pytest.mark.parametrize("symbol, expected", [
    ("A/RES/65/140", f"{B}/eli/un/ga/res/65/140"),
    ("A/RES/3369 (XXX)", f"{B}/eli/un/ga/res/30/3369"),
    ("S/RES/2712 (2023)", f"{B}/eli/un/sc/res/2023/2712"),
    ("A/RES/ES-11/1", f"{B}/eli/un/ga/res/es-11/1"),
    ("A/HRC/RES/16/18", f"{B}/eli/un/hrc/res/16/18"),
    ("E/RES/2010/1", f"{B}/eli/un/ecosoc/res/2010/1"),
    ("A/RES/75/101 A-B", f"{B}/eli/un/ga/res/75/101/a-b"),
    ("A/RES/S-26/2", f"{B}/eli/un/ga/res/s-26/2"),
])
def test_work_uris_follow_the_eli_templates(symbol, expected):
    assert uris.work_iri(symbol) == expected


def test_security_council_symbol_without_year_takes_the_adoption_year():
    assert uris.work_iri("S/RES/2712", year="2023") == f"{B}/eli/un/sc/res/2023/2712"


def test_other_documents_and_entities():
    assert uris.document_iri("A/65/382") == f"{B}/id/document/A_65_382"
    assert uris.document_iri("A/RES/37/4") == f"{B}/eli/un/ga/res/37/4"
    assert uris.organ_iri("GA") == f"{B}/id/organ/ga"
    assert uris.state_iri("FRA") == f"{B}/id/state/fra"
    assert uris.session_iri("GA", "ES-10") == f"{B}/id/session/ga/es-10"
    assert uris.meeting_iri("GA", "65", 68) == f"{B}/id/meeting/ga/65/68"
    assert uris.meeting_iri("SC", "2010", 6261) == f"{B}/id/meeting/sc/6261"
    assert uris.agenda_item_iri("GA", "65", "68 (b)") == f"{B}/id/agenda/ga/65/68-b"
    assert uris.place_iri("Q3718") == f"{B}/id/place/Q3718"


def test_expression_paragraph_footnote_and_graph_uris():
    work = uris.work_iri("A/RES/65/140")
    assert uris.expression_iri(work, "fr") == f"{work}/fra"
    assert uris.paragraph_iri(work, "op/5/a") == f"{work}/op/5/a"
    assert uris.paragraph_iri(work, "A/op/5") == f"{work}/a/op/5"
    assert uris.footnote_iri(work, "en", 3) == f"{work}/eng/fn/3"
    assert uris.graph_iri(work, "en") == f"{work}/eng/graph"


def test_base_is_configurable():
    assert uris.work_iri("A/RES/65/140", "https://example.org/kg/") == "https://example.org/kg/eli/un/ga/res/65/140"
    assert uris.vocab("https://example.org/kg") == "https://example.org/kg/def/unres#"


def test_not_a_resolution_symbol_is_refused():
    with pytest.raises(ValueError):
        uris.work_iri("A/65/382")
