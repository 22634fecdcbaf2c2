"""Human-readable documentation of the unres vocabulary, generated from ``ontology/unres.ttl``.

``ontology_html()`` returns one self-contained HTML page (served at ``/def``):
the classes and properties with their label, definition, the standard terms
they refine, domain and range, and the Turtle prefixes.  ``kg`` writes the same
page to ``docs/ontology.html`` with ``python -m kg.map.docs``.
"""
from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.map import uris

ONTOLOGY_PATH = Path(__file__).resolve().parents[2] / "ontology" / "unres.ttl"
_KINDS = ((OWL.Class, "Classes", "class"), (OWL.ObjectProperty, "Object properties", "objprop"),
          (OWL.DatatypeProperty, "Datatype properties", "dataprop"), (SKOS.ConceptScheme, "Concept schemes", "scheme"),
          (OWL.NamedIndividual, "Named individuals", "individual"))


def _qname(graph: Graph, node) -> str:
    try:
        return graph.namespace_manager.normalizeUri(node)
    except Exception:
        return str(node)


def _link(graph: Graph, node, ns: str) -> str:
    name = html.escape(_qname(graph, node))
    if isinstance(node, URIRef) and str(node).startswith(ns):
        return f'<a href="#{html.escape(str(node)[len(ns):])}"><code>{name}</code></a>'
    return f'<a href="{html.escape(str(node))}"><code>{name}</code></a>'


@lru_cache(maxsize=4)
def ontology_html(base: str = uris.DEFAULT_BASE) -> str:
    """The vocabulary documentation page for ``base`` (namespace ``{base}/def/unres#``)."""
    text = ONTOLOGY_PATH.read_text(encoding="utf-8")
    if base.rstrip("/") != uris.DEFAULT_BASE:
        text = text.replace(uris.DEFAULT_BASE + "/def/", base.rstrip("/") + "/def/")
    graph = Graph().parse(data=text, format="turtle")
    ns = uris.vocab(base)
    onto = URIRef(uris.ontology_iri(base))
    title = str(graph.value(onto, DCTERMS.title) or "unres vocabulary")
    description = str(graph.value(onto, DCTERMS.description) or "")
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}"
        "section.term{border-top:1px solid #ccc;padding:.5rem 0}dt{font-weight:600}code{background:#f4f4f4;padding:0 .2em}"
        "table{border-collapse:collapse}td{padding:.1rem .6rem;border-bottom:1px solid #eee}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p><strong>Namespace:</strong> <code>{html.escape(ns)}</code> (prefix <code>unres:</code>); "
        f"version {html.escape(str(graph.value(onto, OWL.versionInfo) or ''))}; "
        f"<a href='{html.escape(uris.shapes_iri(base))}'>SHACL shapes</a></p>",
        f"<p>{html.escape(description)}</p>",
    ]
    toc, body = [], []
    for kind, heading, css in _KINDS:
        terms = sorted(t for t in graph.subjects(RDF.type, kind) if isinstance(t, URIRef) and str(t).startswith(ns))
        if not terms:
            continue
        toc.append(f"<h3>{heading}</h3><p>" + ", ".join(_link(graph, t, ns) for t in terms) + "</p>")
        body.append(f"<h2>{heading}</h2>")
        for term in terms:
            local = str(term)[len(ns):]
            label = graph.value(term, RDFS.label) or local
            definition = graph.value(term, SKOS.definition) or graph.value(term, RDFS.comment) or ""
            comment = graph.value(term, RDFS.comment)      # a usage note beside the definition
            note = f"<p><small>{html.escape(str(comment))}</small></p>" if comment and comment != definition else ""
            rows = []
            for pred, name in ((RDFS.subClassOf, "subclass of"), (RDFS.subPropertyOf, "subproperty of"),
                               (RDFS.domain, "domain"), (RDFS.range, "range"), (OWL.inverseOf, "inverse of"),
                               (SKOS.closeMatch, "close match"), (SKOS.inScheme, "in scheme"), (RDFS.seeAlso, "see also")):
                values = sorted(graph.objects(term, pred), key=str)
                if values:
                    rows.append(f"<tr><td>{name}</td><td>" + ", ".join(_link(graph, v, ns) for v in values) + "</td></tr>")
            body.append(
                f"<section class='term {css}' id='{html.escape(local)}'><h3>{html.escape(str(label))} "
                f"<small><code>unres:{html.escape(local)}</code></small></h3>"
                f"<p>{html.escape(str(definition))}</p>{note}<p><small>IRI: <code>{html.escape(str(term))}</code></small></p>"
                + (f"<table>{''.join(rows)}</table>" if rows else "") + "</section>")
    parts += ["<h2>Contents</h2>", *toc, *body]
    parts.append("<h2>Prefixes</h2><table>" + "".join(
        f"<tr><td><code>{html.escape(p)}:</code></td><td><code>{html.escape(str(n))}</code></td></tr>"
        for p, n in sorted(graph.namespaces()) if p) + "</table></body></html>")
    return "\n".join(parts)


if __name__ == "__main__":
    out = Path(__file__).resolve().parents[2] / "docs" / "ontology.html"
    out.write_text(ontology_html(), encoding="utf-8")
    print(out)
