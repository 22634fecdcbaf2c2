"""The one module that builds every URI of the graph (see docs/architecture.md, docs/graph.md).

Pure functions of their input and a configurable ``base``: the same input always
gives the same URI.  Resolutions get ELI-style URIs built from the UN symbol::

    A/RES/65/140        -> {base}/eli/un/ga/res/65/140
    A/RES/3369 (XXX)    -> {base}/eli/un/ga/res/30/3369      (Roman session -> number)
    S/RES/2712 (2023)   -> {base}/eli/un/sc/res/2023/2712
    A/RES/ES-11/1       -> {base}/eli/un/ga/res/es-11/1
    A/HRC/RES/16/18     -> {base}/eli/un/hrc/res/16/18
    E/RES/2010/1        -> {base}/eli/un/ecosoc/res/2010/1
    A/RES/75/101 A-B    -> {base}/eli/un/ga/res/75/101/a-b   (part letters of the symbol)

Other documents (reports, drafts, meeting records) live under ``{base}/id/document/``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg import symbols

DEFAULT_BASE = "https://w3id.org/unres"

# BCP 47 -> the three-letter codes of the EU language authority table.
LANGUAGE_CODES = {"en": "eng", "fr": "fra", "ar": "ara", "zh": "zho", "ru": "rus", "es": "spa", "de": "deu"}
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
WIKIDATA = "http://www.wikidata.org/entity/"
UNDOCS = "https://undocs.org/"

ORGAN_SLUGS = {"GA": "ga", "SC": "sc", "ECOSOC": "ecosoc", "HRC": "hrc"}
ORGAN_NAMES = {
    "GA": "General Assembly",
    "SC": "Security Council",
    "ECOSOC": "Economic and Social Council",
    "HRC": "Human Rights Council",
}


def _base(base: str) -> str:
    return base.rstrip("/")


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: ``"Third Committee"`` -> ``third-committee``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def vocab(base: str = DEFAULT_BASE) -> str:
    """The namespace of our vocabulary: ``{base}/def/unres#``."""
    return f"{_base(base)}/def/unres#"


def ontology_iri(base: str = DEFAULT_BASE) -> str:
    return f"{_base(base)}/def/unres"


def shapes_iri(base: str = DEFAULT_BASE) -> str:
    return f"{_base(base)}/def/shapes"


def language_code(language: str) -> str:
    """``"en"`` -> ``"eng"``; unknown tags keep their primary subtag."""
    primary = language.split("-")[0].lower()
    return LANGUAGE_CODES.get(primary, primary)


def language_iri(language: str) -> str:
    return EU_LANGUAGE + language_code(language).upper()


def _session_and_number(sym: symbols.Symbol) -> tuple[str | None, str]:
    """The (session or year, number) of a resolution or decision symbol."""
    c = sym.components
    kind_index = next(i for i, comp in enumerate(c) if comp in ("RES", "DEC"))
    rest = c[kind_index + 1:]
    if len(rest) == 1:
        m = re.fullmatch(r"(\d+) \(([IVXLC]+|\d{4})\)", rest[0])
        if m:
            number, session = m.groups()
            return (session if session.isdigit() else str(symbols.roman_to_int(session))), number
        return None, rest[0]
    return "/".join(rest[:-1]), rest[-1]


@lru_cache(maxsize=65536)
def is_eli_symbol(symbol: str) -> bool:
    """True for resolutions and decisions of the four organs (they get ELI URIs)."""
    try:
        sym = symbols.parse(symbol)
    except ValueError:
        return False
    return sym.organ is not None and any(c in ("RES", "DEC") for c in sym.components)


@lru_cache(maxsize=65536)
def work_iri(symbol: str, base: str = DEFAULT_BASE, year: str | None = None) -> str:
    """The ELI work URI of a resolution (or decision) symbol.

    ``year`` fills in the year of a Security Council symbol printed without it.
    Raises ValueError for a symbol that is not a resolution or decision.
    """
    sym = symbols.parse(symbol)
    if sym.organ is None or not any(c in ("RES", "DEC") for c in sym.components):
        raise ValueError(f"not a resolution or decision symbol: {symbol!r}")
    kind = "res" if "RES" in sym.components else "dec"
    session, number = _session_and_number(sym)
    if session is None and year and sym.organ == "SC":
        session = year
    path = "/".join(slug(p) for p in [*(session.split("/") if session else []), number])
    iri = f"{_base(base)}/eli/un/{ORGAN_SLUGS[sym.organ]}/{kind}/{path}"
    if sym.part:
        iri += "/" + slug(sym.part)
    return iri


@lru_cache(maxsize=65536)
def document_iri(symbol: str, base: str = DEFAULT_BASE) -> str:
    """Any cited document: resolutions and decisions get their ELI URI, others ``{base}/id/document/A_65_382``."""
    if is_eli_symbol(symbol):
        return work_iri(symbol, base)
    canonical = symbols.canonical(symbol) if symbols.is_symbol(symbol) else symbol
    key = re.sub(r"[^A-Za-z0-9._()\-]", "_", canonical.replace("/", "_").replace(" ", "_"))
    return f"{_base(base)}/id/document/{key}"


def undocs_url(symbol: str) -> str:
    """The resolution on undocs.org (which resolves symbols to the official PDFs)."""
    return UNDOCS + symbol.replace(" ", "%20")


def expression_iri(work: str, language: str) -> str:
    return f"{work}/{language_code(language)}"


def graph_iri(work: str, language: str) -> str:
    """One named graph per resolution expression: ``{work}/{lang}/graph``."""
    return f"{expression_iri(work, language)}/graph"


def source_file_iri(work: str, language: str) -> str:
    """The source file (ELI manifestation) of an expression: ``{work}/{lang}/source``."""
    return f"{expression_iri(work, language)}/source"


def paragraph_iri(work: str, key: str) -> str:
    """``pp/2``, ``op/5/a``, ``A/op/5`` -> ``{work}/pp/2``, ``{work}/op/5/a``, ``{work}/a/op/5``."""
    return f"{work}/" + "/".join(slug(p) for p in key.split("/"))


def part_iri(work: str, label: str) -> str:
    return f"{work}/part/{slug(label)}"


def section_iri(work: str, key: str, part: str | None = None) -> str:
    """A section of the body: ``{work}/sec/2``, in a part ``{work}/a/sec/2`` -- the prefix of the
    keys of its paragraphs when numbering restarts in each section (``{work}/sec/2/op/1``)."""
    return f"{work}/" + (f"{slug(part)}/" if part else "") + f"sec/{slug(key)}"


def annex_iri(work: str, index: int) -> str:
    return f"{work}/annex/{index}"


def footnote_iri(work: str, language: str, number: int) -> str:
    """Footnotes belong to one language version: ``{work}/{lang}/fn/3``."""
    return f"{expression_iri(work, language)}/fn/{number}"


def citation_iri(work: str, language: str, index: int) -> str:
    return f"{expression_iri(work, language)}/cit/{index}"


def mention_iri(work: str, language: str, start: int, end: int, kind: str) -> str:
    return f"{expression_iri(work, language)}/mention/{start}-{end}-{slug(kind)}"


def voting_iri(work: str) -> str:
    return f"{work}/voting"


def state_vote_iri(work: str, state_key: str) -> str:
    return f"{work}/voting/{slug(state_key)}"


def workflow_step_iri(work: str, index: int) -> str:
    return f"{work}/workflow/{index}"


def organ_iri(organ: str, base: str = DEFAULT_BASE) -> str:
    """``GA`` -> ``{base}/id/organ/ga``."""
    return f"{_base(base)}/id/organ/{ORGAN_SLUGS.get(organ, slug(organ))}"


def committee_iri(organ: str, committee: str, base: str = DEFAULT_BASE) -> str:
    """``("GA", "Third Committee")`` -> ``{base}/id/committee/ga/third-committee``."""
    return f"{_base(base)}/id/committee/{ORGAN_SLUGS.get(organ, slug(organ))}/{slug(committee)}"


def state_iri(iso3: str, base: str = DEFAULT_BASE) -> str:
    return f"{_base(base)}/id/state/{iso3.lower()}"


def session_iri(organ: str, session: str, base: str = DEFAULT_BASE) -> str:
    """``("GA", "65")`` -> ``{base}/id/session/ga/65``; ``("GA", "ES-10")`` -> ``.../ga/es-10``."""
    return f"{_base(base)}/id/session/{ORGAN_SLUGS.get(organ, slug(organ))}/{slug(session)}"


def meeting_iri(organ: str, session: str | None, number: int, base: str = DEFAULT_BASE) -> str:
    """``("GA", "65", 68)`` -> ``{base}/id/meeting/ga/65/68``.

    Security Council meetings are numbered across years, so they have no session
    segment: ``{base}/id/meeting/sc/6261``.
    """
    organ_slug = ORGAN_SLUGS.get(organ, slug(organ))
    if organ == "SC" or not session:
        return f"{_base(base)}/id/meeting/{organ_slug}/{number}"
    return f"{_base(base)}/id/meeting/{organ_slug}/{slug(session)}/{number}"


def agenda_item_iri(organ: str, session: str | None, item: str, base: str = DEFAULT_BASE) -> str:
    """``("GA", "65", "122")`` -> ``{base}/id/agenda/ga/65/122``; ``"68 (b)"`` -> ``.../68-b``."""
    organ_slug = ORGAN_SLUGS.get(organ, slug(organ))
    middle = f"/{slug(session)}" if session else ""
    return f"{_base(base)}/id/agenda/{organ_slug}{middle}/{slug(item)}"


def place_iri(key: str, base: str = DEFAULT_BASE) -> str:
    """A place by QID (``Q3826``) when linked, else by slug of its name."""
    return f"{_base(base)}/id/place/{_qid_or_slug(key)}"


def organization_iri(key: str, base: str = DEFAULT_BASE) -> str:
    return f"{_base(base)}/id/organization/{_qid_or_slug(key)}"


def person_iri(key: str, base: str = DEFAULT_BASE) -> str:
    return f"{_base(base)}/id/person/{_qid_or_slug(key)}"


def event_iri(key: str, base: str = DEFAULT_BASE) -> str:
    return f"{_base(base)}/id/event/{_qid_or_slug(key)}"


def wikidata_iri(qid: str) -> str:
    return WIKIDATA + qid


@lru_cache(maxsize=65536)
def _qid_or_slug(key: str) -> str:
    """A QID as is, else a slug of at most 80 characters (cut at a word boundary)."""
    if re.fullmatch(r"Q\d+", key):
        return key
    text = slug(key)
    if len(text) > 80:
        text = text[:80].rsplit("-", 1)[0]
    return text
