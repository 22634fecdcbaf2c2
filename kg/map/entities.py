"""Map who and what: organ, session, meeting, committee, agenda items, votes, sponsors,
subjects, workflow, and the entities the text mentions (with their spans)."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from kg import symbols
from kg.map import uris
from kg.map.context import DCTERMS, ELI, OA, OWL, RDF, RDFS, SCHEMA, SKOS, XSD_NS, Context, _vocabulary, iri, quote
from kg.map.document import citing_node, document_node, section_scoped_key
from kg.map.reference import State, organ_qids, state_table
from kg.model import Mention

VOTE_CHOICES = {"yes": "Yes", "no": "No", "abstain": "Abstain", "non-voting": "NonVoting"}
COUNT_PROPERTIES = {"yes": "yesCount", "no": "noCount", "abstain": "abstainCount", "non-voting": "nonVotingCount"}


_QID = re.compile(r"Q\d+")


def same_as(ctx: Context, node: str, qid: str | None, confidence: float = 1.0) -> None:
    """owl:sameAs Wikidata when the link is certain, skos:exactMatch when it is not."""
    if qid and _QID.fullmatch(qid):
        ctx.add(node, OWL.sameAs if confidence >= 1.0 else SKOS.exactMatch, uris.wikidata_iri(qid))


def map_organ_session_meeting(ctx: Context) -> None:
    r, u, work, base = ctx.resolution, ctx.u, ctx.work, ctx.base
    organ = uris.organ_iri(r.organ, base)
    ctx.add(work, u("adoptedBy"), organ)
    ctx.add(organ, RDF.type, u("Organ"))
    ctx.add(organ, RDFS.label, ctx.literal(uris.ORGAN_NAMES.get(r.organ, r.organ), "en"))
    same_as(ctx, organ, organ_qids().get(r.organ))

    session = None
    if r.session:
        session = uris.session_iri(r.organ, r.session, base)
        ctx.add(work, u("session"), session)
        ctx.add(session, RDF.type, u("Session"))
        ctx.add(session, u("sessionLabel"), ctx.literal(r.session))
        ctx.add(session, u("organ"), organ)
        ctx.add(session, RDFS.label, ctx.literal(f"{uris.ORGAN_NAMES.get(r.organ, r.organ)}, session {r.session}", "en"))

    meetings = [(r.meeting, r.adoption_date)] + [(p.meeting, p.adoption_date or r.adoption_date) for p in r.parts]
    for number, date in meetings:
        if number is None:
            continue
        meeting = uris.meeting_iri(r.organ, r.session, number, base)
        ctx.add(work, u("adoptedAtMeeting"), meeting)
        ctx.add(meeting, RDF.type, u("Meeting"))
        ctx.add(meeting, u("meetingNumber"), ctx.integer(number))
        ctx.add(meeting, u("meetingKind"), ctx.literal(r.meeting_kind) if r.meeting_kind else None)
        ctx.add(meeting, SCHEMA.startDate, ctx.date(date))
        ctx.add(meeting, u("organ"), organ)
        ctx.add(meeting, u("session"), session)
        kind = f"{r.meeting_kind} " if r.meeting_kind else ""
        ctx.add(meeting, RDFS.label, ctx.literal(f"{uris.ORGAN_NAMES.get(r.organ, r.organ)}, {kind}meeting {number}"
                                             + (f" (session {r.session})" if r.session and r.organ != "SC" else ""), "en"))
        ctx.remember_line(meeting, r.spans.get("meeting"))

    if r.committee:
        committee = uris.committee_iri(r.organ, r.committee, base)
        ctx.add(work, u("onReportOf"), committee)
        ctx.add(committee, RDF.type, u("Committee"))
        ctx.add(committee, RDFS.label, ctx.literal(r.committee, "en"))
        ctx.add(committee, u("organ"), organ)

    for item in r.agenda_items:
        if not item or not item.strip():
            continue
        number = re.match(r"^\s*(\d+\s*(?:\(\s*[a-z]+\s*\))?)", item)
        key = number.group(1) if number else item
        node = uris.agenda_item_iri(r.organ, r.session, key, base)
        ctx.add(work, u("agendaItem"), node)
        ctx.add(node, RDF.type, u("AgendaItem"))
        ctx.add(node, u("agendaItemNumber"), ctx.literal(re.sub(r"\s+", " ", key.strip())))
        ctx.add(node, SKOS.prefLabel, ctx.literal(item.strip() if not number or item.strip() != key.strip()
                                              else f"Agenda item {key.strip()}", "en"))
        ctx.add(node, u("organ"), organ)
        ctx.add(node, u("session"), session)

    for symbol in r.origin_documents:
        if symbol and symbol.strip():
            ctx.add(work, u("originDocument"), document_node(ctx, symbol))


def state_node(ctx: Context, name: str, qid: str | None = None) -> str | None:
    """The State IRI for a name or QID as printed, typed and linked; None when unknown.

    A recorded vote names every State: their triples are made once per process
    (:func:`_state_triples`) and copied in, in the order ``ctx.add`` would add them."""
    made = _state_triples(name, qid, ctx.base)
    if made is None:
        return None
    node, term, rows, literals = made
    ctx.rows.update(rows)
    ctx.literals.update(literals)
    ctx.typed_nodes.add(term)
    return node


@lru_cache(maxsize=4096)
def _state_triples(name: str, qid: str | None, base: str) -> tuple[str, str, dict, dict] | None:
    """(IRI, N-Triples IRI, triples, literal specs) of the State a name or QID stands for:
    its type, ISO code, label and Wikidata link, as ``ctx.add`` and ``ctx.literal`` make them."""
    state = _state(name, qid)
    if state is None:
        return None
    node = uris.state_iri(state.iso3, base)
    term, u = iri(node), _vocabulary(base)
    code, label = quote(state.iso3), quote(state.name) + "@en"
    rows = {(term, RDF.type, u["MemberState"]): None, (term, u["iso3"], code): None, (term, RDFS.label, label): None}
    if state.qid and _QID.fullmatch(state.qid):
        rows[(term, OWL.sameAs, iri(uris.wikidata_iri(state.qid)))] = None
    return node, term, rows, {code: (state.iso3, None, None), label: (state.name, "en", None)}


@lru_cache(maxsize=4096)
def _state(name: str, qid: str | None) -> State | None:
    """``state_table().find`` remembered (every vote and State mention asks it)."""
    return state_table().find(name=name, qid=qid)


def map_votes_and_sponsors(ctx: Context) -> None:
    r, u, work = ctx.resolution, ctx.u, ctx.work
    voting = r.voting
    if voting is not None:
        node = uris.voting_iri(work)
        ctx.add(work, u("voting"), node)
        ctx.add(node, RDF.type, u("Voting"))
        ctx.add(node, u("adoptionType"), ctx.literal(voting.adoption_type))
        ctx.add(node, SCHEMA.startDate, ctx.date(r.adoption_date))
        for kind, prop in COUNT_PROPERTIES.items():
            value = getattr(voting, kind.replace("-", "_"))
            # xsd:integer, not xsd:nonNegativeInteger: the store keeps integer subtypes as
            # xsd:integer, so that is what users get (ontology/unres.ttl, unres:yesCount)
            ctx.add(node, u(prop), ctx.integer(value))
        for vote in voting.votes:
            state = state_node(ctx, vote.state, vote.qid)
            key = state.rsplit("/", 1)[-1] if state else vote.state
            vote_node = uris.state_vote_iri(work, key)
            ctx.add(node, u("stateVote"), vote_node)
            ctx.add(vote_node, RDF.type, u("StateVote"))
            ctx.add(vote_node, u("choice"), u(VOTE_CHOICES.get(vote.vote, "NonVoting")))
            if state:
                ctx.add(vote_node, u("voter"), state)
            else:
                ctx.add(vote_node, RDFS.label, ctx.literal(vote.state, "en"))
    for name in r.sponsors:
        state = state_node(ctx, name)
        if state:
            ctx.add(work, u("sponsor"), state)
        else:
            ctx.add(work, u("sponsorName"), ctx.literal(name))


def map_subjects_and_workflow(ctx: Context) -> None:
    r, u, work = ctx.resolution, ctx.u, ctx.work
    for subject in r.subjects:
        if not subject.iri.startswith(("http://", "https://")):
            continue
        ctx.add(work, ELI.is_about, subject.iri)
        ctx.add(subject.iri, RDF.type, SKOS.Concept)
        if subject.label:
            ctx.add(subject.iri, SKOS.prefLabel, ctx.literal(subject.label, "en"))
        if subject.scheme:
            ctx.add(subject.iri, SKOS.inScheme, f"{ctx.base.rstrip('/')}/id/scheme/{uris.slug(subject.scheme)}")
    for index, step in enumerate(r.workflow, start=1):
        node = uris.workflow_step_iri(work, index)
        ctx.add(work, u("workflowStep"), node)
        ctx.add(node, RDF.type, u("WorkflowStep"))
        ctx.add(node, u("stepName"), ctx.literal(step.get("outcome") or step.get("refersTo", "").lstrip("#") or "step"))
        ctx.add(node, DCTERMS.date, ctx.date(step.get("date")))
        ctx.add(node, SCHEMA.position, ctx.integer(index))
        description = " ".join(v for k, v in step.items() if k in ("by", "as"))
        ctx.add(node, RDFS.comment, ctx.literal(description, "en") if description else None)
        href = (step.get("href") or "").strip()
        if href and symbols.is_symbol(href.replace("_", "/")):
            ctx.add(node, u("stepDocument"), document_node(ctx, href.replace("_", "/")))


MENTION_CLASSES = {"organization": "Organization", "state": "MemberState", "place": "Place",
                   "event": "Event", "person": "Person"}
ENTITY_IRIS = {"organization": uris.organization_iri, "place": uris.place_iri, "event": uris.event_iri,
               "person": uris.person_iri}


def entity_node(ctx: Context, m: Mention) -> str | None:
    """The entity a mention names (created with its label and Wikidata link), or None."""
    base, key = ctx.base, m.qid or m.label or m.text
    if m.type == "state":
        return state_node(ctx, m.label or m.text, m.qid) or _entity(ctx, uris.place_iri(key, base), "Place", m)
    if m.type == "meeting":
        r = ctx.resolution
        if m.ordinal is not None and m.ordinal == r.meeting:
            return uris.meeting_iri(r.organ, r.session, m.ordinal, base)  # the adoption meeting
        # a meeting of another body ("the sixteenth meeting of the Contact Group"): an event
        node = _entity(ctx, uris.event_iri(f"{m.label or m.text} {m.start_date or ''}", base), "Event", m)
        ctx.add(node, SCHEMA.startDate, ctx.date(m.start_date))
        return node
    if m.type == "date":
        return None
    maker = ENTITY_IRIS.get(m.type)
    if maker is None:
        return None
    if m.type == "event" and not m.qid:
        key = f"{m.label or m.text} {m.start_date or ''}"
    node = _entity(ctx, maker(key, base), MENTION_CLASSES[m.type], m)
    if m.type == "event":
        ctx.add(node, SCHEMA.startDate, ctx.date(m.start_date))
        ctx.add(node, SCHEMA.endDate, ctx.date(m.end_date or m.start_date) if m.start_date else None)
        if m.place is not None:
            place = entity_node(ctx, m.place)
            ctx.add(node, SCHEMA.location, place)
    return node


def _entity(ctx: Context, node: str, cls: str, m: Mention) -> str:
    ctx.add(node, RDF.type, ctx.u(cls))
    ctx.add(node, RDFS.label, ctx.literal((m.label or m.text).strip(), "en" if m.label else ctx.resolution.language or None))
    same_as(ctx, node, m.qid, m.confidence)
    return node


def _mention_key(m: Mention | None) -> tuple | None:
    """What ``entity_node`` reads of a mention (its place too): equal keys, equal entity triples."""
    if m is None:
        return None
    return (m.type, m.qid, m.label, m.text, m.confidence, m.start_date, m.end_date, m.ordinal, _mention_key(m.place))


def map_mentions(ctx: Context, mentions: list[Mention]) -> None:
    """Each mention as a Web Annotation on the expression, plus shortcut unres:mentions links.

    About a third of a resolution's triples, so the loop is lean: every term is made once
    (before the loop, or once per distinct entity and paragraph), and triples whose terms
    are all N-Triples already go straight into ``ctx.rows`` (what ``ctx.add`` would do)."""
    u, work, rows, literals = ctx.u, ctx.work, ctx.rows, ctx.literals
    expression = uris.expression_iri(work, ctx.language)
    expr = iri(expression)                 # checked here, so every mention IRI below is valid too
    prefix = expression + "/mention/"
    rdf_type, a_mention, mention_type, confidence = RDF.type, u("Mention"), u("mentionType"), u("confidence")
    in_paragraph, mentions_, mentioned_date, mentioned_end_date = (
        u("inParagraph"), u("mentions"), u("mentionedDate"), u("mentionedEndDate"))
    motivated_by, identifying, has_target, has_source, has_selector, has_body, body_value = (
        OA.motivatedBy, OA.identifying, OA.hasTarget, OA.hasSource, OA.hasSelector, OA.hasBody, OA.bodyValue)
    specific_resource, position_selector, oa_start, oa_end, oa_exact = (
        OA.SpecificResource, OA.TextPositionSelector, OA.start, OA.end, OA.exact)
    # Offsets are xsd:integer, the datatype the store keeps (it writes any integer subtype back as
    # xsd:integer); their values are >= 0, in the Web Annotation range xsd:nonNegativeInteger.
    decimal, integer = XSD_NS + "decimal", XSD_NS + "integer"
    offset_type = f"^^<{integer}>"
    work_term = iri(work)
    kinds: dict[str, tuple[str, str]] = {}          # mention type -> (IRI slug, literal)
    entities: dict[tuple | None, str | None] = {}   # mention key -> entity (N-Triples IRI) or None
    citing: dict[str | None, tuple[str, str]] = {}  # paragraph key -> (node, its N-Triples IRI)
    scores: dict[str, str] = {}                     # confidence as written -> its literal
    exacts: dict[str, str | None] = {}              # mention text -> its literal (names recur)
    node_lines, line_starts = ctx.node_lines, ctx.line_starts
    by_section = bool(ctx.numbered_by_section)
    for m in mentions:
        span, kind = m.span, m.type
        start, end = span.start, span.end
        slug_and_literal = kinds.get(kind)
        if slug_and_literal is None:
            slug_and_literal = kinds[kind] = (uris.slug(kind), ctx.literal(kind))
        plain = f"{prefix}{start}-{end}-{slug_and_literal[0]}"   # uris.mention_iri
        key = (kind, m.qid, m.label, m.text, m.confidence, m.start_date, m.end_date, m.ordinal,
               None if m.place is None else _mention_key(m.place))          # _mention_key(m)
        if key in entities:
            entity = entities[key]
        else:
            made = entity_node(ctx, m)
            entity = entities[key] = iri(made) if made else None
        node = f"<{plain}>"
        ctx.typed_nodes.add(node)
        rows[(node, rdf_type, a_mention)] = None
        rows[(node, motivated_by, identifying)] = None
        rows[(node, mention_type, slug_and_literal[1])] = None
        written = f"{m.confidence:.3f}"
        score = scores.get(written)
        if score is None:
            score = scores[written] = ctx.typed(written, decimal)
        rows[(node, confidence, score)] = None
        target, selector = node[:-1] + "#target>", node[:-1] + "#selector>"
        rows[(node, has_target, target)] = None
        ctx.typed_nodes.add(target)
        rows[(target, rdf_type, specific_resource)] = None
        rows[(target, has_source, expr)] = None
        rows[(target, has_selector, selector)] = None
        ctx.typed_nodes.add(selector)
        rows[(selector, rdf_type, position_selector)] = None
        first, last = f'"{start}"{offset_type}', f'"{end}"{offset_type}'
        literals[first], literals[last] = (start, None, integer), (end, None, integer)
        rows[(selector, oa_start, first)] = None
        rows[(selector, oa_end, last)] = None
        text = m.text
        if text in exacts:
            exact = exacts[text]
        else:
            exact = exacts[text] = ctx.text(text)
        if exact is not None:
            rows[(selector, oa_exact, exact)] = None
        if entity:
            rows[(node, has_body, entity)] = None
        elif kind == "date" and exact is not None:
            rows[(node, body_value, exact)] = None
        if kind == "date":
            ctx.add(node, mentioned_date, ctx.date(m.start_date))
            ctx.add(node, mentioned_end_date,
                    ctx.date(m.end_date) if m.end_date and m.end_date != m.start_date else None)
        paragraph = section_scoped_key(ctx, m.in_paragraph, span) if by_section else m.in_paragraph
        place = citing.get(paragraph)
        if place is None:
            made = citing_node(ctx, paragraph)
            place = citing[paragraph] = (made, iri(made))
        rows[(node, in_paragraph, place[1])] = None
        if entity:
            rows[(place[1], mentions_, entity)] = None
            if place[0] != work:
                rows[(work_term, mentions_, entity)] = None
        node_lines.setdefault(plain, bisect_right(line_starts, max(start, 0)))   # ctx.remember_line
