"""Minimal readers used only when the project's parser is not importable.

The link stage consumes ``Resolution`` records from ``kg.parse.parse_path`` and
``kg.read.akn.read_akn``.  While those are being written (or if they fail to
import), ``kg link`` and the link tests fall back to these small readers: ODS-like
plain text (the seed) and AKN XML (paragraphs, footnotes and the recorded vote).
They are deliberately simple; the real parser is the reference.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from kg.model import Footnote, Paragraph, ParseError, Resolution, Span, StateVote, Voting

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
VOTE_KIND = {"inFavour": "yes", "against": "no", "abstaining": "abstain"}


def organ_of(symbol: str) -> str:
    if symbol.startswith("S/"):
        return "SC"
    if symbol.startswith("A/HRC/"):
        return "HRC"
    if symbol.startswith("E/"):
        return "ECOSOC"
    return "GA"


def read_resolution(path: str | Path) -> Resolution:
    """The project's parser (``kg.parse.parse_path``) when importable, else the readers below."""
    try:
        from kg.parse import parse_path
    except ImportError:
        parse_path = None
    if parse_path is not None:
        return parse_path(str(path))
    path = Path(path)
    data = path.read_bytes()
    is_xml = data.lstrip()[:200].startswith(b"<?xml") or b"<akomaNtoso" in data[:2000]
    return akn_resolution(path, data) if is_xml else text_resolution(path, data)


def text_resolution(path: Path, data: bytes) -> Resolution:
    """ODS-like text: tab-indented paragraphs, "N.<tab>" operative numbers, footnotes after the trailer."""
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    symbol_match = re.search(r"<<ODS DOC SYMBOL1>>(.*?)<<ODS DOC SYMBOL1>>", text)
    symbol = symbol_match.group(1) if symbol_match else path.stem.replace("_", "/")
    paragraphs: list[Paragraph] = []
    footnotes: list[Footnote] = []
    body_started, trailer_seen, position, pp = False, False, 0, 0
    for line in text.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        stripped = line.strip()
        if re.fullmatch(r"\d+(st|nd|rd|th) plenary meeting", stripped):
            trailer_seen = True
            continue
        if stripped.startswith("The General Assembly,") or stripped.startswith("The Security Council,"):
            body_started = True
            continue
        if trailer_seen:
            note = re.match(r"(\d+) (.+)", stripped)
            if note and not stripped.startswith("<<") and len(footnotes) < 200:
                offset = line.index(note.group(2))
                footnotes.append(Footnote(int(note.group(1)), note.group(2), Span(start + offset, end)))
            elif stripped.startswith("[") or stripped.startswith("<<"):
                break
            continue
        if not body_started or not line.startswith("\t") or not stripped:
            continue
        lead_offset = len(line) - len(line.lstrip())
        operative = re.match(r"\t(\d+)\.\t", line)
        if operative:
            body = line[operative.end():]
            paragraphs.append(Paragraph("operative", int(operative.group(1)), body.split(" ")[0], body,
                                        Span(start + operative.end(), end)))
        else:
            pp += 1
            paragraphs.append(Paragraph("preambular", pp, stripped.split(" ")[0], stripped,
                                        Span(start + lead_offset, end)))
    return Resolution(
        source=str(path), source_format="text", source_sha256=hashlib.sha256(data).hexdigest(),
        text=text, symbol=symbol, organ=organ_of(symbol),  # type: ignore[arg-type]
        preamble=[p for p in paragraphs if p.kind == "preambular"],
        operative=[p for p in paragraphs if p.kind == "operative"], footnotes=footnotes)


def akn_resolution(path: Path, data: bytes) -> Resolution:
    """AKN4UN XML: the text of preamble and body paragraphs, footnotes, and the vote."""
    from lxml import etree

    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise ParseError(str(path), f"not well-formed XML ({exc})") from None
    ns = {"a": root.nsmap.get(None, AKN_NS)}
    pieces: list[str] = []
    paragraphs: list[Paragraph] = []
    footnotes: list[Footnote] = []
    position = 0

    def add(text: str) -> Span:
        nonlocal position
        span = Span(position, position + len(text))
        pieces.append(text + "\n")
        position += len(text) + 1
        return span

    for index, element in enumerate(root.iterfind(".//a:preamble//a:p", ns), start=1):
        text = " ".join("".join(element.itertext()).split())
        if text:
            paragraphs.append(Paragraph("preambular", index, text.split(" ")[0], text, add(text)))
    for index, element in enumerate(root.iterfind(".//a:mainBody/a:paragraph", ns), start=1):
        text = " ".join("".join(element.itertext()).split())
        number = re.match(r"(\d+)\.\s*", text)
        if text:
            paragraphs.append(Paragraph("operative", int(number.group(1)) if number else index,
                                        text.split(" ")[0], text, add(text)))
    for index, element in enumerate(root.iterfind(".//a:authorialNote", ns), start=1):
        text = " ".join("".join(element.itertext()).split())
        if text:
            footnotes.append(Footnote(index, text, add(text)))
    symbol = _akn_symbol(root, ns) or path.stem
    return Resolution(
        source=str(path), source_format="akn", source_sha256=hashlib.sha256(data).hexdigest(),
        text="".join(pieces), symbol=symbol, organ=organ_of(symbol),  # type: ignore[arg-type]
        preamble=[p for p in paragraphs if p.kind == "preambular"],
        operative=[p for p in paragraphs if p.kind == "operative"], footnotes=footnotes,
        voting=akn_voting(root, ns))


def _akn_symbol(root, ns: dict[str, str]) -> str | None:
    for element in root.iterfind(".//a:docNumber", ns):
        text = " ".join("".join(element.itertext()).split())
        if "/" in text:
            return text
    return None


def akn_voting(root, ns: dict[str, str]) -> Voting | None:
    """The recorded vote: each voter element (some lists are one comma-separated element)."""
    voting = root.find(".//a:voting", ns)
    if voting is None:
        return None
    votes: list[StateVote] = []
    for count in voting.iterfind("a:count", ns):
        kind = VOTE_KIND.get(count.get("refersTo", "").lstrip("#"), "non-voting")
        for voter in count.iter("{*}organization"):
            for name in split_voters(voter.text or ""):
                votes.append(StateVote(name, kind))  # type: ignore[arg-type]
    return Voting(voting.get("outcome", ""), votes=votes)


def split_voters(text: str) -> list[str]:
    """"Albania, Argentina, Bolivia (Plurinational State of)]" -> the names."""
    names = [n.strip(" []\n\t") for n in text.split(",")] if "," in text else [text.strip(" []\n\t")]
    return [n for n in names if n]
