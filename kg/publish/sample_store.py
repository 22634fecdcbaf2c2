"""A generated store shaped like the real one, for tests and the dump benchmark.

It follows the URI scheme of docs/architecture.md and the unres vocabulary:
one named graph per resolution expression (``{work}/{lang}/graph``),
paragraphs, mentions linked to Wikidata with ``owl:sameAs`` or
``skos:exactMatch``, votes as blank nodes, multilingual text with the
characters that break naive serialisers (quotes, backslashes, newlines,
non-Latin scripts), plus a build-manifest graph that must not be published
(as stores built before kg/store/manifest_file.py kept it, and remote stores keep it).
The QIDs are taken from the shipped table ``kg/data/wikidata_un_members.tsv``
when present, never typed here.
"""
from __future__ import annotations

import csv
import random
from pathlib import Path

import pyoxigraph as ox

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
SKOS_EXACT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#exactMatch")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
WD = "http://www.wikidata.org/entity/"
LANGS = {"eng": "en", "fra": "fr", "spa": "es", "rus": "ru", "ara": "ar", "zho": "zh"}
TEXTS = {
    "en": 'Recalling its resolution 64/136 of 18 December 2009, "on the International Year"\\ of Youth',
    "fr": "Rappelant sa résolution 64/136 du 18 décembre 2009 sur l'Année internationale",
    "es": "Recordando su resolución 64/136, de 18 de diciembre de 2009, relativa al Año",
    "ru": "ссылаясь на свою резолюцию 64/136 от 18 декабря 2009 года",
    "ar": "إذ تشير إلى قرارها 64/136 المؤرخ 18 كانون الأول/ديسمبر 2009",
    "zh": "回顾其2009年12月18日第64/136号决议",
}
MANIFEST_GRAPH = "/graph/build-manifest"  # appended to the base, as kg.store.manifest does


def _member_states(limit: int = 40) -> list[tuple[str, str, str]]:
    """(iso3, English name, QID) from the shipped member-state table."""
    table = Path(__file__).resolve().parents[1] / "data" / "wikidata_un_members.tsv"
    rows: list[tuple[str, str, str]] = []
    if table.exists():
        with open(table, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                qid, iso3 = row.get("qid", ""), row.get("iso_a3", "")
                if qid and iso3:
                    rows.append((iso3.lower(), row.get("name_en") or iso3, qid))
    return rows[:limit]


def sample_quads(n_resolutions: int, base: str = "https://w3id.org/unres", seed: int = 65140,
                 paragraphs: int = 12, first: int = 0) -> list[ox.Quad]:
    """Quads for ``n_resolutions`` General Assembly resolutions (some in several languages)."""
    rnd = random.Random(seed)
    unres = f"{base}/def/unres#"
    states = _member_states()

    def u(term: str) -> ox.NamedNode:
        return ox.NamedNode(unres + term)

    quads: list[ox.Quad] = []
    for i in range(first, first + n_resolutions):
        session, number = 60 + i % 20, 100 + i
        work = ox.NamedNode(f"{base}/eli/un/ga/res/{session}/{number}")
        adopted = f"{2005 + i % 20}-12-{10 + i % 18:02d}"
        langs = ["eng"] + (["fra", "ara", "zho"] if i % 3 == 0 else [])
        for code in langs:
            lang = LANGS[code]
            graph = ox.NamedNode(f"{work.value}/{code}/graph")
            expr = ox.NamedNode(f"{work.value}/{code}")

            def add(s, p, o):  # type: ignore[no-untyped-def]
                quads.append(ox.Quad(s, p, o, graph))

            add(work, RDF_TYPE, u("Resolution"))
            add(work, u("symbol"), ox.Literal(f"A/RES/{session}/{number}"))
            add(work, u("adoptionDate"), ox.Literal(adopted, datatype=ox.NamedNode(XSD + "date")))
            add(work, u("adoptedBy"), ox.NamedNode(f"{base}/id/organ/ga"))
            add(work, u("session"), ox.NamedNode(f"{base}/id/session/ga/{session}"))
            add(expr, RDF_TYPE, u("ResolutionExpression"))
            add(expr, ox.NamedNode("http://data.europa.eu/eli/ontology#realizes"), work)
            add(expr, ox.NamedNode("http://data.europa.eu/eli/ontology#title"),
                ox.Literal(f"Resolution {session}/{number}\n(adopted {adopted})", language=lang))
            for k in range(1, paragraphs + 1):
                kind = "pp" if k <= paragraphs // 3 else "op"
                para = ox.NamedNode(f"{work.value}/{kind}/{k}")
                add(para, RDF_TYPE, u("PreambularParagraph" if kind == "pp" else "OperativeParagraph"))
                add(para, u("paragraphNumber"), ox.Literal(str(k), datatype=ox.NamedNode(XSD + "integer")))
                add(para, u("text"), ox.Literal(f"{TEXTS[lang]} ({k}).", language=lang))
                add(work, ox.NamedNode("http://data.europa.eu/eli/ontology#has_part"), para)
            if states:
                for m in range(3):
                    iso3, name, qid = states[(i * 3 + m) % len(states)]
                    state = ox.NamedNode(f"{base}/id/state/{iso3}")
                    mention = ox.NamedNode(f"{expr.value}/mention/{m + 1}")
                    add(state, RDF_TYPE, u("MemberState"))
                    add(state, RDFS_LABEL, ox.Literal(name, language="en"))
                    add(state, OWL_SAME_AS if m != 2 else SKOS_EXACT, ox.NamedNode(WD + qid))
                    add(mention, RDF_TYPE, u("Mention"))
                    add(mention, u("mentions"), state)
                    add(mention, u("confidence"), ox.Literal(f"{rnd.choice([1.0, 0.9, 0.75])}",
                                                             datatype=ox.NamedNode(XSD + "decimal")))
            if code == "eng" and i % 2 == 0:
                vote = ox.BlankNode(f"vote{i}")
                add(work, u("voting"), vote)
                add(vote, RDF_TYPE, u("Voting"))
                add(vote, u("adoptionType"), ox.Literal("recorded vote"))
                add(vote, u("yesCount"), ox.Literal(str(120 + i % 50), datatype=ox.NamedNode(XSD + "integer")))
        quads.append(ox.Quad(ox.NamedNode(f"{work.value}/eng/graph"), ox.NamedNode(unres + "sha256"),
                             ox.Literal(f"{i:064x}"), ox.NamedNode(base + MANIFEST_GRAPH)))
    return quads


def build_sample_store(path: str | Path, n_resolutions: int, base: str = "https://w3id.org/unres",
                       batch: int = 500) -> int:
    """Write a sample store on disk; return the number of quads added."""
    store = ox.Store(str(path))
    total = 0
    for first in range(0, n_resolutions, batch):
        quads = sample_quads(min(batch, n_resolutions - first), base, seed=first, first=first)
        store.bulk_extend(quads)
        total += len(quads)
    store.flush()
    del store
    return total
