"""The header of an AKN resolution: the record's fields that the text parser reads from the
masthead and the trailer, and those only the XML carries.

An AKN4UN document says some things more than once: the adoption meeting and date in the printed
trailer (``<conclusions>``), on the cover page and in the FRBR and workflow metadata; the draft
it was adopted from on the cover page and in the workflow.  ``fill_header`` takes each field from
the first place that has it, in the order a reader of the printed resolution would trust them
(printed trailer, then cover page, then metadata), and warns when the cover page prints another
day than the marked-up adoption date.  The pieces come from ``kg.read.akn_meta``; this module
decides which one wins, and records where the printed ones landed in the text (``note``).
"""
from __future__ import annotations

import re
from typing import Callable

from lxml import etree

from kg import symbols
from kg.model import Resolution
from kg.read import akn_meta as meta_of
from kg.read.akn_text import AKN_NS, plain

_Q = "{%s}" % AKN_NS

#: Records the text span of an element under a name of ``Resolution.spans`` (the reader's ``_note``).
Note = Callable[[etree._Element | None, str], None]


def fill_header(res: Resolution, doc: etree._Element, meta: etree._Element | None, cover: etree._Element | None,
                conclusions: list[etree._Element], note: Note) -> None:
    """Set language, dates, session, number, title, adoption, meeting, committee, origin, agenda items,
    job number, subjects, workflow, sponsors and vote of ``res`` (its symbol, organ and parts are set)."""
    frbr = meta_of.frbr(meta)
    steps = meta_of.workflow(meta)
    res.language = frbr["language"] or "en"
    res.publication_date = frbr["publication"]
    first_symbol = symbols.split_joint(res.symbol)[0]     # "A/RES/ES-11/1" is one symbol, not two
    res.session = symbols.session_of(first_symbol)
    res.number = symbols.number_of(first_symbol)
    res.title = plain(doc.find(f"{_Q}preface//{_Q}docTitle")) or meta_of.catalogue_title(meta)
    # adoption: the printed trailer, else the cover page, else FRBR
    meeting, date, meeting_el, date_el = None, None, None, None
    for holder in [*conclusions, *([cover] if cover is not None else [])]:
        if meeting_el is None:
            meeting_el = _meeting_element(holder)
        if date_el is None:
            date_el = meta_of.by_ref(holder, "docDate", "adoptionDate")
    if meeting_el is not None:
        meeting = meta_of.meeting_number(meeting_el.get("title") or plain(meeting_el))
        note(meeting_el, "meeting")
    if date_el is not None:
        date = meta_of.iso_date(date_el.get("date"))
        note(date_el, "adoption_date")
    res.adoption_date = date or (res.parts[0].adoption_date if res.parts else None) or _earliest(
        [frbr["adoption"], *[meta_of.iso_date(s.get("date")) for s in steps if s.get("outcome") == "adopted"]])
    _check_cover_date(res, cover)
    res.meeting = meeting or meta_of.meeting_from_steps(steps)
    res.meeting_kind = "plenary" if res.meeting and res.organ in ("GA", "ECOSOC") else None
    proponent = next(cover.iter(_Q + "docProponent"), None) if cover is not None else None
    res.committee = meta_of.committee(proponent)
    note(proponent, "committee")
    res.origin_documents = meta_of.origin_documents(cover)
    if not res.origin_documents:
        drafts = [s["as"] for s in steps if s.get("outcome") == "draftResolution" and s.get("as")]
        res.origin_documents = [symbols.canonical(d) for d in drafts if symbols.is_symbol(d)]
    res.agenda_items = meta_of.agenda_items(cover)
    if cover is not None:
        dist = meta_of.by_ref(cover, "docDate", "dateOfIssuance")
        res.distribution_date = meta_of.iso_date(dist.get("date")) if dist is not None else None
        note(dist, "distribution_date")
        note(next((i for i in cover.iter(_Q + "inline") if i.get("name") == "agenda item"), None),
             "agenda_items")
        note(next((i for i in cover.iter(_Q + "inline") if i.get("name") == "originating document"), None),
             "origin_documents")
    res.job_number = meta_of.job_number(meta)
    res.subjects = meta_of.subjects(meta)
    res.workflow = steps
    res.sponsors = meta_of.sponsors(steps)
    res.voting = meta_of.voting(meta, conclusions[-1] if conclusions else None, res.organ, steps)
    res.warnings.extend(meta_of.vote_warnings(res.voting))


def adoption(concl: etree._Element | None) -> tuple[int | None, str | None]:
    """The meeting number and ISO date printed in a trailer (``<conclusions>``), if any."""
    if concl is None:
        return None, None
    meeting_el = _meeting_element(concl)
    date_el = meta_of.by_ref(concl, "docDate", "adoptionDate")
    meeting = meta_of.meeting_number(meeting_el.get("title") or plain(meeting_el)) if meeting_el is not None else None
    date = meta_of.iso_date(date_el.get("date")) if date_el is not None else None
    return meeting, date


def _check_cover_date(res: Resolution, cover: etree._Element | None) -> None:
    """Warn when the cover page prints another day than the marked-up adoption date."""
    titles = [] if cover is None else [
        t for t in cover.iter(_Q + "docTitle") if t.get("refersTo") != "#resolutionNumber"]
    title = plain(titles[0]) if titles else ""
    if not res.adoption_date or not title or not re.search(r"\b(?:19|20)\d\d\b", title):
        return
    year, day = res.adoption_date[:4], str(int(res.adoption_date[8:]))
    if year in title and not re.search(rf"(?<!\d){day}(?!\d)", title):
        res.warnings.append(f"the cover page ({title!r}) does not print the adoption date {res.adoption_date}")


def _meeting_element(root: etree._Element) -> etree._Element | None:
    found = meta_of.by_ref(root, "location", "adoptionMeeting")
    if found is not None:
        return found
    return next((i for i in root.iter(_Q + "inline") if i.get("name") == "adoptionMeeting"), None)


def _earliest(dates: list[str | None]) -> str | None:
    real = sorted(d for d in dates if d)
    return real[0] if real else None
