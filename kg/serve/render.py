"""Turn query rows into what a resolution page shows (pure: rows in, a view out).

The page reads like the printed resolution: heading, symbol, date, meeting,
the preambular and operative paragraphs with their numbers and lead phrases,
the footnotes; the words that cite a document or name an entity become links.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from markupsafe import Markup, escape

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
WIKIDATA = "http://www.wikidata.org/entity/"
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]


def term_value(term: dict | None) -> str | None:
    return term["value"] if term else None


@dataclass
class TextLink:
    surface: str
    href: str
    title: str
    kind: str
    wikidata: str | None = None


@dataclass
class ParagraphView:
    node: str
    href: str
    anchor: str
    kind: str                  # preambular | operative | sub
    number: int | None
    label: str                 # "5.", "(a)", "" for preambular
    lead: str
    html: Markup               # the text with its links
    links: list[TextLink] = field(default_factory=list)
    children: list["ParagraphView"] = field(default_factory=list)


@dataclass
class FootnoteView:
    number: int | None
    href: str
    html: Markup
    resolved: str | None
    links: list[TextLink] = field(default_factory=list)


@dataclass
class ResolutionView:
    heading: str
    symbol: str | None
    title: str | None
    facts: list[tuple[str, str, str | None]]     # (label, text, href)
    preamble: list[ParagraphView]
    operative: list[ParagraphView]
    footnotes: list[FootnoteView]
    see_also: list[str]
    languages: list[tuple[str, str]]


def linkify(text: str, links: list[TextLink], lead: str = "") -> Markup:
    """``text`` escaped, its lead phrase in italics, the first occurrence of each link's words a link."""
    if lead and text.startswith(lead):
        return Markup('<em class="lead">{}</em>').format(lead) + linkify(text[len(lead):], links)
    spans: list[tuple[int, int, TextLink]] = []
    for link in sorted(links, key=lambda item: -len(item.surface)):
        if not link.surface.strip():
            continue
        for m in re.finditer(re.escape(link.surface), text):
            if all(m.end() <= s or m.start() >= e for s, e, _ in spans):
                spans.append((m.start(), m.end(), link))
                break
    out, pos = [], 0
    for start, end, link in sorted(spans, key=lambda item: item[0]):
        out.append(escape(text[pos:start]))
        out.append(Markup('<a class="ref ref-{kind}" href="{href}" title="{title}">{words}</a>').format(
            kind=link.kind, href=link.href, title=link.title, words=text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _pick_language(values: list[dict], language: str) -> dict | None:
    for v in values:
        if v.get("xml:lang", "").split("-")[0] == language:
            return v
    return values[0] if values else None


def build_resolution_view(work: str, outgoing: list[dict], *, expressions: list[dict], paragraphs: list[dict],
                          footnotes: list[dict], links: list[dict], language: str, vocab: str,
                          local: Callable[[str], str]) -> ResolutionView:
    """The view of one resolution from the rows of the page's queries."""
    props: dict[str, list[dict]] = {}
    labels: dict[str, str] = {}
    for row in outgoing:
        props.setdefault(row["p"]["value"], []).append(row["o"])
        if row.get("label"):
            labels[row["o"]["value"]] = row["label"]["value"]

    def first(name: str) -> str | None:
        values = props.get(vocab + name) or []
        return values[0]["value"] if values else None

    symbol = first("symbol")
    titles = [row["title"] for row in expressions if row.get("title")]
    title_term = _pick_language(titles, language)
    title = title_term["value"] if title_term else None
    facts: list[tuple[str, str, str | None]] = []
    for name, label in (("symbol", "Symbol"), ("resolutionNumber", "Resolution number"),
                        ("adoptionDate", "Adopted on"), ("adoptedBy", "Adopted by"), ("session", "Session"),
                        ("adoptedAtMeeting", "Meeting"), ("onReportOf", "On the report of"),
                        ("agendaItem", "Agenda item"), ("originDocument", "Draft / origin document")):
        for value in props.get(vocab + name, []):
            if value["type"] == "uri":
                facts.append((label, labels.get(value["value"], value["value"].rsplit("/", 1)[-1]), local(value["value"])))
            else:
                facts.append((label, value["value"], None))

    by_where: dict[str, list[TextLink]] = {}
    for row in links:
        target = row["target"]["value"]
        surface = term_value(row.get("surface")) or ""
        wikidata = term_value(row.get("wikidata"))
        title_text = term_value(row.get("targetLabel")) or target
        link = TextLink(surface, local(target), title_text, term_value(row.get("kind")) or "entity", wikidata)
        existing = by_where.setdefault(row["where"]["value"], [])
        if not any(item.surface == link.surface and item.href == link.href for item in existing):
            existing.append(link)

    nodes: dict[str, ParagraphView] = {}
    parents: dict[str, str] = {}
    for row in paragraphs:
        node = row["node"]["value"]
        if node in nodes:
            continue
        kind_iri = row["kind"]["value"]
        kind = "preambular" if kind_iri.endswith("PreambularParagraph") else \
            "operative" if kind_iri.endswith("OperativeParagraph") else "sub"
        number = int(row["number"]["value"]) if row.get("number") else None
        label = term_value(row.get("label")) or ""
        text = term_value(row.get("text")) or ""
        if kind == "operative":
            shown = (term_value(row.get("numberText")) or str(number or "")) + "."
        elif kind == "sub":
            shown = f"({label})" if label else ""
        else:
            shown = ""
        node_links = by_where.get(node, [])
        nodes[node] = ParagraphView(node, local(node), node.rsplit("/", 2)[-2] + "-" + node.rsplit("/", 1)[-1],
                                    kind, number, shown, term_value(row.get("lead")) or "",
                                    linkify(text, node_links, term_value(row.get("lead")) or ""), node_links)
        parents[node] = row["parent"]["value"]
    for node, view in nodes.items():
        parent = parents[node]
        if parent in nodes:
            nodes[parent].children.append(view)
    for view in nodes.values():
        labels_here = [child.label.strip("()").lower() for child in view.children]
        roman = bool(labels_here) and all(label in ROMAN for label in labels_here)
        view.children.sort(key=lambda child: _sub_order(child, roman))
    top = [v for n, v in nodes.items() if parents[n] == work or parents[n] not in nodes]
    preamble = sorted((v for v in top if v.kind == "preambular"), key=lambda v: (v.number or 0, v.node))
    operative = sorted((v for v in top if v.kind == "operative"), key=lambda v: (v.number or 0, v.node))

    notes = []
    seen = set()
    for row in footnotes:
        node = row["node"]["value"]
        if node in seen:
            continue
        seen.add(node)
        node_links = by_where.get(node, [])
        notes.append(FootnoteView(int(row["number"]["value"]) if row.get("number") else None, local(node),
                                  linkify(term_value(row.get("text")) or "", node_links),
                                  term_value(row.get("resolved")), node_links))
    notes.sort(key=lambda f: f.number or 0)
    languages = [(term_value(row.get("language")) or "", local(row["expression"]["value"])) for row in expressions]
    see_also = [v["value"] for v in props.get("http://www.w3.org/2000/01/rdf-schema#seeAlso", [])]
    heading = title or symbol or work
    return ResolutionView(heading, symbol, title, facts, preamble, operative, notes, see_also, languages)


def _sub_order(view: ParagraphView, roman: bool) -> tuple[int, str]:
    label = view.label.strip("()").lower()
    if roman and label in ROMAN:
        return (ROMAN.index(label), label)
    if len(label) == 1 and label.isalpha():
        return (ord(label) - ord("a"), label)
    return (view.number or 999, label)
