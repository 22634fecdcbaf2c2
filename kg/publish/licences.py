"""Licences and attribution of what a release contains: one source of truth.

The catalogue states these (``dct:license`` once per distribution, as DCAT-AP
allows one; every other term as a ``dct:rights`` statement), and
``docs/licences.md`` is generated from the same text by
:func:`licences_markdown` (a test checks they agree).
"""
from __future__ import annotations

from dataclasses import dataclass

EU_LICENCE = "http://publications.europa.eu/resource/authority/licence/"


@dataclass(frozen=True)
class Licence:
    key: str
    iri: str          # what dct:license points at (EU licence authority where it has one)
    label: str
    url: str          # the licence text for people


@dataclass(frozen=True)
class RightsStatement:
    key: str
    title: str
    text: str
    url: str


LICENCES: dict[str, Licence] = {
    # The graph mixes UN text (UN terms, attribution) with linking data of which
    # SupraVerden's organisation rows are CC BY-SA 4.0: share-alike binds the whole.
    "data": Licence("data", EU_LICENCE + "CC_BYSA_4_0", "Creative Commons Attribution-ShareAlike 4.0 International",
                    "https://creativecommons.org/licenses/by-sa/4.0/"),
    "software": Licence("software", EU_LICENCE + "APACHE_2_0", "Apache License 2.0",
                        "https://www.apache.org/licenses/LICENSE-2.0"),
    "metadata": Licence("metadata", EU_LICENCE + "CC0", "Creative Commons CC0 1.0 Universal",
                        "https://creativecommons.org/publicdomain/zero/1.0/"),
    "wikidata": Licence("wikidata", EU_LICENCE + "CC0", "Creative Commons CC0 1.0 Universal",
                        "https://creativecommons.org/publicdomain/zero/1.0/"),
}

UN_TERMS = RightsStatement(
    "un-documents",
    "United Nations documents: terms of use",
    "The texts of the resolutions come from United Nations documents (the Official Document System, "
    "the UN Digital Library and the UN's machine-readable Akoma Ntoso files). Those files are unofficial "
    "copies for informational purposes only, prepared from the official electronic files; only the "
    "documents published by the United Nations are authoritative. They are made available without "
    "warranty of any kind, and the United Nations is not liable for any use of them. When using this "
    "data, the user must acknowledge the United Nations as the source of the information. Nothing herein "
    "shall constitute or be considered to be a limitation upon or waiver, express or implied, of the "
    "privileges and immunities of the United Nations, which are specifically reserved.",
    "https://www.un.org/dgacm/en/content/visualizations-and-machine-readability",
)

LINKING_DATA: tuple[RightsStatement, ...] = (
    RightsStatement(
        "supraverden",
        "SupraVerden list of international organisations: CC BY-SA 4.0 (share-alike)",
        "Names and aliases of international organisations used to link mentions come from SupraVerden "
        "(github.com/confirmordeny/supraverden, data/general_list.yaml), licensed under Creative Commons "
        "Attribution-ShareAlike 4.0 International. Rows derived from it are share-alike: redistribute them, "
        "and this graph, under CC BY-SA 4.0 with this attribution.",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    RightsStatement(
        "country-coder",
        "country-coder: ISC licence",
        "Country and territory names, ISO codes and their Wikidata identifiers come from country-coder "
        "(github.com/rapideditor/country-coder, borders.json), Copyright (c) country-coder contributors, "
        "under the ISC licence.",
        "https://github.com/rapideditor/country-coder/blob/main/LICENSE.md",
    ),
    RightsStatement(
        "natural-earth",
        "Natural Earth: public domain",
        "Place names and their Wikidata identifiers come from Natural Earth (naturalearthdata.com), "
        "which is in the public domain.",
        "https://www.naturalearthdata.com/about/terms-of-use/",
    ),
    RightsStatement(
        "wikidata",
        "Wikidata identifiers: CC0",
        "Links to Wikidata items (owl:sameAs, skos:exactMatch) use Wikidata identifiers, which are facts "
        "released under CC0 1.0 Universal.",
        "https://www.wikidata.org/wiki/Wikidata:Licensing",
    ),
)

SOFTWARE_NOTE = (
    "The ontology and the SHACL shapes are part of the project's software, under the Apache License 2.0. "
    "The catalogue and the VoID description are released under CC0 1.0."
)


def rights_for(licence_key: str) -> tuple[RightsStatement, ...]:
    """The rights statements that apply to a file under the given licence key."""
    if licence_key == "data":
        return (UN_TERMS, *LINKING_DATA)
    return ()


def licences_markdown() -> str:
    """The text of docs/licences.md (the README links to it)."""
    data = LICENCES["data"]
    lines = [
        "# Licences and attribution",
        "",
        "<!-- generated from kg/publish/licences.py; the release catalogue states the same -->",
        "",
        f"The knowledge graph dumps are published under the [{data.label}]({data.url}) "
        "because part of the linking data they contain is share-alike; the terms below also apply.",
        "",
        f"## {UN_TERMS.title}",
        "",
        UN_TERMS.text,
        "",
        f"Source: <{UN_TERMS.url}>",
        "",
        "## Linking data",
        "",
    ]
    for statement in LINKING_DATA:
        lines += [f"### {statement.title}", "", statement.text, "", f"Licence: <{statement.url}>", ""]
    lines += ["## Ontology, shapes and metadata", "", SOFTWARE_NOTE, ""]
    return "\n".join(lines)
