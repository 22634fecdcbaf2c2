"""The SPARQL the pages ask, built from the vocabulary of docs/graph.md (pure string builders)."""
from __future__ import annotations

PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

LABEL_PATH = "rdfs:label|skos:prefLabel|schema:name|dcterms:title|eli:title|unres:symbol"


def iri(value: str) -> str:
    """An IRI as SPARQL text; characters that could break out of ``<...>`` are refused."""
    if any(ch in value for ch in '<>"{}|^`\\ \n\r\t'):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


def _head(vocab: str) -> str:
    return PREFIXES + f"PREFIX unres: <{vocab}>\n"


def exists(subject: str) -> str:
    s = iri(subject)
    return f"ASK {{ {{ {s} ?p ?o }} UNION {{ ?x ?p {s} }} }}"


def is_resolution(subject: str, vocab: str) -> str:
    return _head(vocab) + f"ASK {{ {iri(subject)} a unres:Resolution }}"


def outgoing(subject: str, vocab: str) -> str:
    """Every triple about a resource, with a label for each object."""
    return _head(vocab) + f"""SELECT ?p ?o (SAMPLE(?l) AS ?label) WHERE {{
  {iri(subject)} ?p ?o .
  OPTIONAL {{ ?o {LABEL_PATH} ?l }}
}} GROUP BY ?p ?o ORDER BY ?p ?o"""


def incoming(subject: str, vocab: str, limit: int) -> str:
    return _head(vocab) + f"""SELECT ?s ?p (SAMPLE(?l) AS ?label) WHERE {{
  ?s ?p {iri(subject)} .
  OPTIONAL {{ ?s {LABEL_PATH} ?l }}
}} GROUP BY ?s ?p ORDER BY ?p ?s LIMIT {int(limit)}"""


def describe(subject: str, vocab: str) -> str:
    """The concise bounded description: outgoing triples, and those of blank nodes and #-fragments below."""
    s = iri(subject)
    return _head(vocab) + f"""CONSTRUCT {{ {s} ?p ?o . ?o ?p2 ?o2 }} WHERE {{
  {s} ?p ?o .
  OPTIONAL {{ ?o ?p2 ?o2 . FILTER(isBlank(?o) || STRSTARTS(STR(?o), CONCAT(STR({s}), "#"))) }}
}}"""


def resolution_graphs(work: str) -> str:
    return f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {iri(work)} ?p ?o }} }} ORDER BY ?g"


def graphs_content(graphs: list[str]) -> str:
    values = " ".join(iri(g) for g in graphs)
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"


def naming_resolutions(entity: str, vocab: str, limit: int, offset: int) -> str:
    """The resolutions whose graphs name an entity (as object or subject of any triple)."""
    e = iri(entity)
    return _head(vocab) + f"""SELECT ?resolution (SAMPLE(?sym) AS ?symbol) (SAMPLE(?d) AS ?date) (SAMPLE(?t) AS ?title) WHERE {{
  {{ SELECT DISTINCT ?g WHERE {{ {{ GRAPH ?g {{ ?x ?p {e} }} }} UNION {{ GRAPH ?g {{ {e} unres:mentionedIn ?x }} }} }} }}
  BIND(IRI(REPLACE(STR(?g), "/[a-z]{{2,3}}/graph$", "")) AS ?resolution)
  FILTER(?resolution != {e})
  ?resolution unres:symbol ?sym .
  OPTIONAL {{ ?resolution unres:adoptionDate ?d }}
  OPTIONAL {{ ?resolution eli:is_realized_by/eli:title ?t }}
}} GROUP BY ?resolution ORDER BY DESC(?date) ?symbol LIMIT {int(limit)} OFFSET {int(offset)}"""


def all_resolutions(vocab: str, limit: int, offset: int) -> str:
    return _head(vocab) + f"""SELECT ?resolution (SAMPLE(?sym) AS ?symbol) (SAMPLE(?d) AS ?date) (SAMPLE(?t) AS ?title) WHERE {{
  ?resolution a unres:Resolution ; unres:symbol ?sym .
  OPTIONAL {{ ?resolution unres:adoptionDate ?d }}
  OPTIONAL {{ ?resolution eli:is_realized_by/eli:title ?t }}
}} GROUP BY ?resolution ORDER BY DESC(?date) ?symbol LIMIT {int(limit)} OFFSET {int(offset)}"""


def by_symbol(symbol: str, vocab: str) -> str:
    escaped = symbol.replace("\\", "\\\\").replace('"', '\\"')
    return _head(vocab) + f'SELECT ?r WHERE {{ ?r unres:symbol "{escaped}" }} LIMIT 1'


def expressions(work: str, vocab: str) -> str:
    return _head(vocab) + f"""SELECT ?expression ?language ?title WHERE {{
  {iri(work)} eli:is_realized_by ?expression .
  OPTIONAL {{ ?expression eli:language ?language }}
  OPTIONAL {{ ?expression eli:title ?title }}
}}"""


def paragraphs(work: str, vocab: str) -> str:
    """Paragraphs and sub-paragraphs (two levels down), in reading order by the page."""
    w = iri(work)
    return _head(vocab) + f"""SELECT ?node ?parent ?kind ?number ?numberText ?label ?lead ?text WHERE {{
  {{ {w} eli:has_part ?node . BIND({w} AS ?parent) }}
  UNION {{ {w} eli:has_part ?parent . ?parent eli:has_part ?node }}
  UNION {{ {w} eli:has_part/eli:has_part ?parent . ?parent eli:has_part ?node }}
  ?node a ?kind .
  FILTER(?kind IN (unres:PreambularParagraph, unres:OperativeParagraph, unres:SubParagraph))
  OPTIONAL {{ ?node unres:paragraphNumber ?number }}
  OPTIONAL {{ ?node unres:numberText ?numberText }}
  OPTIONAL {{ ?node unres:label ?label }}
  OPTIONAL {{ ?node unres:leadPhrase ?lead }}
  OPTIONAL {{ ?node unres:text ?text }}
}}"""


def footnotes(work: str, vocab: str) -> str:
    return _head(vocab) + f"""SELECT ?node ?number ?text ?resolved WHERE {{
  {iri(work)} eli:is_realized_by ?expression .
  ?expression unres:hasFootnote ?node .
  OPTIONAL {{ ?node unres:footnoteNumber ?number }}
  OPTIONAL {{ ?node unres:text ?text }}
  OPTIONAL {{ ?node unres:resolvedText ?resolved }}
}} ORDER BY ?number"""


def links_in_text(graphs: list[str], vocab: str) -> str:
    """What the words of each paragraph or footnote point to: citations and mentions (in the work's graphs)."""
    values = " ".join(iri(g) for g in graphs)
    return _head(vocab) + f"""SELECT ?where ?surface ?target ?targetLabel ?wikidata ?kind WHERE {{
  VALUES ?g {{ {values} }}
  GRAPH ?g {{ {{
    ?c a unres:Citation ; cito:hasCitingEntity ?where ; cito:hasCitedEntity ?target .
    OPTIONAL {{ ?c unres:citedText ?surface }}
    BIND("citation" AS ?kind)
  }} UNION {{
    ?m a unres:Mention ; unres:inParagraph ?where ; oa:hasBody ?target .
    OPTIONAL {{ ?m oa:hasTarget/oa:hasSelector/oa:exact ?surface }}
    OPTIONAL {{ ?m unres:mentionType ?kind }}
  }} }}
  OPTIONAL {{ ?target {LABEL_PATH} ?targetLabel }}
  OPTIONAL {{ ?target owl:sameAs|skos:exactMatch ?wikidata . FILTER(STRSTARTS(STR(?wikidata), "http://www.wikidata.org/entity/")) }}
}}"""
