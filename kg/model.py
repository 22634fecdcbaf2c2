"""The typed records that flow between the pipeline stages.

read -> parse -> link -> map -> validate -> store -> publish -> serve

Every stage takes and returns these plain dataclasses; nothing here does I/O.
Every fact taken from a text keeps the character ``Span`` it came from, so it
can be traced back to the source: spans index into ``Resolution.text``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Organ = Literal["GA", "SC", "HRC", "ECOSOC"]
SourceFormat = Literal["ods-text", "pdf-text", "docx", "doc", "akn", "text"]


@dataclass(frozen=True)
class Span:
    """Half-open character range ``[start, end)`` into ``Resolution.text``."""

    start: int
    end: int


@dataclass
class SourceDocument:
    """What a reader hands to a parser: decoded, normalised text plus where it came from.

    ``text`` is the normalised text (NBSP -> space, curly quotes kept as typed,
    page furniture removed for PDF text); all spans of the resulting record
    index into it.  ``meta`` carries what the container itself says (Word
    document properties, YAML front matter, ODS comment markers).
    """

    path: str
    format: SourceFormat
    text: str
    sha256: str
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class Citation:
    """A resolution or document cited in a paragraph or footnote.

    ``symbol`` is canonical (``A/RES/37/4``); a joint document such as
    ``A/65/382-S/2010/490`` keeps the joint form in ``symbol`` and each part in
    ``symbols``.  ``kind`` is ``resolution``, ``decision``, ``document``,
    ``draft``, ``report``, ``meeting-record`` ...
    """

    symbol: str
    span: Span
    text: str = ""
    kind: str = "document"
    date: str | None = None          # ISO 8601 when the text gives it
    symbols: list[str] = field(default_factory=list)
    in_paragraph: str | None = None  # paragraph key, e.g. "pp/1", "op/5/a", "fn/3"


@dataclass
class FootnoteRef:
    """Where a footnote marker stands in the text (the seed glues it: "Century1")."""

    number: int
    span: Span


@dataclass
class Footnote:
    number: int
    text: str
    span: Span
    resolved: str | None = None      # for "Ibid., sect. II.": what it repeats, resolved
    refs: list[FootnoteRef] = field(default_factory=list)


@dataclass
class SubParagraph:
    label: str                       # "a", "b", "i", "ii"
    text: str
    span: Span
    lead: str | None = None
    subparagraphs: list["SubParagraph"] = field(default_factory=list)


@dataclass
class Paragraph:
    """A preambular or operative paragraph.

    ``number`` is the printed number for operative paragraphs and the 1-based
    position for preambular ones.  ``lead`` is the lead phrase ("Recalling
    also", "Also welcomes"); ``text`` the whole paragraph as printed (lead
    included).  ``part`` is the part label of multi-part resolutions ("A").
    """

    kind: Literal["preambular", "operative"]
    number: int
    lead: str
    text: str
    span: Span
    subparagraphs: list[SubParagraph] = field(default_factory=list)
    footnote_refs: list[FootnoteRef] = field(default_factory=list)
    part: str | None = None
    number_text: str | None = None   # as printed when not a plain integer ("5 bis")
    section: str | None = None       # key of the section it stands in ("2" for "II"), see ``Section``
    section_numbering: bool = False  # True when numbering restarts in that section: keys get "sec/2/"

    @property
    def scope(self) -> str:
        """The key prefix of the numbering the paragraph belongs to: ``""``, ``"A/"``,
        ``"sec/2/"`` or ``"A/sec/2/"`` (the section only when numbering restarts in it)."""
        prefix = f"{self.part}/" if self.part else ""
        if self.section and self.section_numbering:
            prefix += f"sec/{self.section}/"
        return prefix


@dataclass
class Annex:
    title: str
    text: str
    span: Span
    part: str | None = None


@dataclass
class Part:
    """One part of a multi-part resolution (A, B, ...)."""

    label: str
    title: str | None
    span: Span
    meeting: int | None = None
    adoption_date: str | None = None


@dataclass
class Section:
    """A section of a resolution's body: "I", "II. Title", "Section 3", or a title line
    between paragraphs (budget and omnibus resolutions).

    ``key`` is the number used in keys and URIs ("2" for "II", else the 1-based
    position in its part); ``restarts`` is True when paragraph numbering starts
    again at 1 in each section of the part (keys ``sec/2/op/1``), False when it
    runs on across sections (keys stay ``op/5``; the section is only recorded).
    """

    key: str
    label: str | None                # as printed: "II", "Section 3"; None for a title-only heading
    title: str | None
    span: Span
    part: str | None = None
    restarts: bool = False


@dataclass
class StateVote:
    state: str                       # as printed in the source
    vote: Literal["yes", "no", "abstain", "non-voting"]
    qid: str | None = None


@dataclass
class Voting:
    """How a resolution was adopted (from the AKN reader)."""

    adoption_type: str               # "without a vote" | "recorded vote" | "unanimous" ...
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    non_voting: int | None = None
    votes: list[StateVote] = field(default_factory=list)


@dataclass
class Subject:
    iri: str
    label: str | None = None
    scheme: str | None = None        # "UNBIS" | "EuroVoc" | "SDG"


@dataclass
class Resolution:
    """One resolution, in one language, as parsed from one source file."""

    source: str                      # path of the file read
    source_format: SourceFormat
    source_sha256: str
    text: str                        # the normalised text all spans index into
    symbol: str                      # canonical: A/RES/65/140, S/RES/2712 (2023)
    organ: Organ
    session: str | None = None       # "65", "ES-10", "S-26", "30" (Roman converted); SC: the year
    number: str | None = None        # as printed: "65/140", "3369 (XXX)", "2712 (2023)"
    title: str | None = None
    adoption_date: str | None = None # ISO 8601
    meeting: int | None = None
    meeting_kind: str | None = None  # "plenary" | None
    committee: str | None = None     # "Third Committee"; None = without reference to a Main Committee
    origin_documents: list[str] = field(default_factory=list)
    agenda_items: list[str] = field(default_factory=list)
    distribution_date: str | None = None
    job_number: str | None = None    # "10-52094"
    language: str = "en"             # BCP 47
    enacting_formula: str | None = None
    preamble: list[Paragraph] = field(default_factory=list)
    operative: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)  # field name -> span (symbol, title, adoption_date ...)
    # Only the AKN reader fills these:
    subjects: list[Subject] = field(default_factory=list)
    sponsors: list[str] = field(default_factory=list)
    voting: Voting | None = None
    workflow: list[dict[str, str]] = field(default_factory=list)
    publication_date: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self, include_text: bool = False) -> dict[str, Any]:
        """The JSON contract of ``kg parse --json`` (one object per document)."""
        data = asdict(self)
        data.pop("source_sha256")
        if not include_text:
            data.pop("text")
        for key in ("subjects", "sponsors", "voting", "workflow", "publication_date", "sections"):
            if not data.get(key):
                data.pop(key, None)
        data["votes"] = data.pop("voting", None)
        if data["votes"] is None:
            data.pop("votes")
        return data

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [*self.preamble, *self.operative]


@dataclass
class Mention:
    """An entity named in the text (from the link stage)."""

    text: str
    span: Span
    type: Literal["organization", "state", "place", "event", "date", "meeting", "person"]
    qid: str | None = None
    confidence: float = 0.0
    label: str | None = None         # the canonical label of the target
    in_paragraph: str | None = None  # "pp/4", "op/12", "fn/1"
    place: "Mention | None" = None   # for events: where
    start_date: str | None = None    # for events and dates
    end_date: str | None = None
    ordinal: int | None = None       # "sixteenth meeting" -> 16


@dataclass
class ParseError(Exception):
    """A document that could not be read or parsed: the path and a reason for people."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
