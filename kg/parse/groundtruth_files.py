"""Which resolution a corpus file holds, in which input format, and the AKN counts.

A file is identified by its *content*, never by its name alone: the AKN
``docNumber``, the ODS comment (``<<ODS DOC SYMBOL1>>``) or the ``Symbol1``
property of a Word file, the YAML front matter of an extract, the masthead
symbol or the resolution number of a text ("2758 (XXVI).", "47/1.") with its
organ ("The General Assembly,").  A LibreOffice body-only export carries no
symbol; it is identified through the original Word file it was made from.

The paragraph and footnote counts of an AKN file are read from its markup
(:func:`akn_counts`), so text renderings of the same resolution can be
compared with them.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from lxml import etree

from kg import symbols
from kg.parse.groundtruth_model import canonical_or_none
from kg.read.akn_body import embedded_text_start
from kg.parse.groundtruth_sources import read_front_matter

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
METADATA_SUFFIXES = {".json", ".jsonl", ".tsv", ".csv", ".html", ".htm", ".xlsx", ".yaml", ".yml", ".zip"}
METADATA_NAMES = {"PROVENANCE.md", "SOURCE_README.md", "MANIFEST.tsv", "README.md", "LICENSE"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif"}
#: Input formats grouped by the accuracy target they are held to.
TARGET_GROUPS = {"ods-text": "ods-word", "docx": "ods-word", "doc": "ods-word", "word-text": "ods-word",
                 "pdf-text": "pdf-text", "akn": "akn"}


@dataclass
class FileIdentity:
    """What a corpus file is: its input format and the resolution it holds."""

    path: str
    input_format: str              # akn | docx | doc | ods-text | word-text | pdf-text | pdf | ocr | text | image | metadata
    symbol: str | None = None
    mapped_by: str | None = None   # how the symbol was found
    language: str | None = None
    reason: str | None = None      # why no symbol (when symbol is None)
    document_kind: str | None = None   # AKN: resolution | draftResolution | presidentialStatement ...


@dataclass
class AknCounts:
    preambular: int
    operative: int
    footnotes: int


def safe_xml_parser() -> etree.XMLParser:
    """No DTD, no entities, no network: AKN files are data, not programs."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


# --------------------------------------------------------------------- sniffing

def sniff_format(path: Path, head: bytes) -> str:
    """The input format from the bytes (and, for derived texts, the corpus folder)."""
    name, suffix = path.name, path.suffix.lower()
    if name in METADATA_NAMES or suffix in METADATA_SUFFIXES:
        return "metadata"
    if suffix in IMAGE_SUFFIXES or head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "image"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        return "akn" if b"akomaNtoso" in head else "metadata"
    parts = {p.lower() for p in path.parts}
    text = head.decode("utf-8", errors="replace")
    if "<<ODS " in text or path.parent.name == "seed" or "text-seedlike" in parts:
        return "ods-text"
    if {"text-libreoffice", "text-antiword"} & parts:
        return "word-text"
    if any("ocr" in p for p in parts):
        return "ocr"
    if any("pdf" in p for p in parts) or "source_pdf:" in text or "\f" in text or re.search(r"\*\d{7}\*", text):
        return "pdf-text"
    return "text"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# ------------------------------------------------------------------ identifying

_ODS_SYMBOL_RE = re.compile(r"<<ODS DOC SYMBOL1>>\s*(.*?)\s*<<ODS DOC SYMBOL1>>", re.S)
_NUMBER_LINE_RE = re.compile(
    r"^[\s\[]*(?:RESOLUTION\s+)?((?:ES-\d+|S-\d+|\d+)/\d+(?:\s+[A-L](?:-[A-L])?)?|\d+\s?\((?:[IVXLC]+|\d{4})\))\s*\.?(?:\s|$)",
    re.M)
_ORGANS = {"general assembly": "GA", "security council": "SC", "economic and social council": "ECOSOC",
           "human rights council": "HRC"}
_ADOPTING_ORGAN_RE = re.compile(
    r"(?:adopted\s+by\s+the|^[\s\t]*The)\s+(General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council|"
    r"Human\s+Rights\s+Council)", re.I | re.M)
_ANY_ORGAN_RE = re.compile(r"(General Assembly|Security Council|Economic and Social Council|Human Rights Council)", re.I)


def organ_named_in(text: str) -> str | None:
    """The adopting organ a text names first: "Resolution adopted by the
    General Assembly", "The Security Council," (the enacting formula); failing
    those, the first organ named at all.  Organs cited later in the body
    ("... of the Security Council") do not count when a formula is found."""
    m = _ADOPTING_ORGAN_RE.search(text) or _ANY_ORGAN_RE.search(text)
    return _ORGANS.get(re.sub(r"\s+", " ", m.group(1)).lower()) if m else None


def identify_file(path: Path) -> FileIdentity:
    """Identify one file by its content (see the module docstring)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileIdentity(str(path), "unreadable", reason=f"cannot read: {exc.strerror or exc}")
    fmt = sniff_format(path, data[:4096])
    ident = FileIdentity(str(path), fmt)
    if fmt in ("metadata", "image"):
        ident.reason = "not a resolution text (metadata or image)"
        return ident
    if fmt == "akn":
        return _identify_akn(ident, data)
    if fmt == "docx":
        _identify_docx(ident, data)
    elif fmt == "doc":
        _identify_legacy_doc(ident, data)
    elif fmt == "pdf":
        _identify_pdf(ident, path)
    else:
        if fmt == "word-text":
            _identify_through_original(ident, path)
        if ident.symbol is None:
            _identify_text(ident, decode_text(data))
    if ident.symbol is None and ident.reason is None:
        ident.reason = "no resolution symbol or number found in the content"
    return ident


def _identify_akn(ident: FileIdentity, data: bytes) -> FileIdentity:
    try:
        root = etree.fromstring(data, safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        ident.reason = f"XML not well-formed: {exc}"
        return ident
    ns = {"a": AKN_NS}
    numbers = root.xpath("//a:coverPage//a:docNumber[@refersTo='#symbol']/text()", namespaces=ns) or \
        root.xpath("//a:docNumber/text()", namespaces=ns)
    for text in numbers:
        symbol = canonical_or_none(text)
        if symbol:
            ident.symbol, ident.mapped_by = symbol, "AKN docNumber"
            break
    lang = root.xpath("//a:FRBRExpression/a:FRBRlanguage/@language", namespaces=ns)
    ident.language = lang[0] if lang else None
    doc = next((c for c in root if isinstance(c.tag, str)), None)
    ident.document_kind = doc.get("name") if doc is not None else None
    if ident.symbol is None:
        ident.reason = "AKN file without a docNumber symbol"
    return ident


def _identify_docx(ident: FileIdentity, data: bytes) -> None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            comments = archive.read("word/comments.xml") if "word/comments.xml" in names else b""
            custom = archive.read("docProps/custom.xml") if "docProps/custom.xml" in names else b""
    except (zipfile.BadZipFile, KeyError) as exc:
        ident.reason = f"not a readable .docx: {exc}"
        return
    if comments:
        # Comment text may be split across runs ("N173158" + "6" + "E"): join all text nodes.
        text = "".join(etree.fromstring(comments, safe_xml_parser()).itertext())
        m = _ODS_SYMBOL_RE.search(text)
        if m and canonical_or_none(m.group(1)):
            ident.symbol, ident.mapped_by = canonical_or_none(m.group(1)), "ODS comment"
            return
    if custom:
        root = etree.fromstring(custom, safe_xml_parser())
        for prop in root:
            if prop.get("name") == "Symbol1" and canonical_or_none("".join(prop.itertext())):
                ident.symbol, ident.mapped_by = canonical_or_none("".join(prop.itertext())), "Symbol1 property"
                return


def _identify_legacy_doc(ident: FileIdentity, data: bytes) -> None:
    """Binary Word: the ODS comment text is stored as UTF-16LE or 8-bit characters."""
    from kg.read import legacy_ods_markers

    symbol = canonical_or_none(legacy_ods_markers(data).get("ods:DOC SYMBOL1"))
    if symbol:
        ident.symbol, ident.mapped_by = symbol, "ODS comment"


def _identify_pdf(ident: FileIdentity, path: Path) -> None:
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        text = "\n".join((page.extract_text() or "") for page in reader.pages[:2])
    except Exception as exc:  # pypdf raises many kinds; any of them means "cannot read"
        ident.reason = f"PDF text not readable: {exc}"
        return
    if not text.strip():
        ident.reason = "PDF without a text layer (image only)"
        return
    _identify_text(ident, text)


def _identify_text(ident: FileIdentity, text: str) -> None:
    meta = read_front_matter(text[:4000])
    if canonical_or_none(str(meta.get("symbol") or "")):
        ident.symbol, ident.mapped_by = canonical_or_none(str(meta["symbol"])), "front matter"
        return
    m = _ODS_SYMBOL_RE.search(text)
    if m and canonical_or_none(m.group(1)):
        ident.symbol, ident.mapped_by = canonical_or_none(m.group(1)), "ODS comment marker"
        return
    head = text[:800]
    for _, _, symbol in symbols.find_symbols(head):
        if "RES" in symbol.split("/"):
            ident.symbol, ident.mapped_by = symbol, "masthead symbol"
            return
    symbol = number_line_symbol(text[:6000])
    if symbol:
        ident.symbol, ident.mapped_by = symbol, "resolution number and organ in the text"


def number_line_symbol(text: str) -> str | None:
    """The symbol from a heading such as ``"72/1.  Political declaration"``,
    ``"2758 (XXVI). Restoration ..."`` or ``"RESOLUTION 777 (1992)"``, with the
    organ taken from the number itself or from the text around it."""
    m = _NUMBER_LINE_RE.search(text)
    if not m:
        return None
    number = re.sub(r"\s+", " ", m.group(1))
    organ = symbols.organ_of_number(number)
    if organ is None:
        organ = organ_named_in(text[max(0, m.start() - 1500): m.end() + 1500])
    if organ is None:
        return None
    try:
        return symbols.resolution_symbol(number, organ)
    except (ValueError, KeyError):
        return None


def _identify_through_original(ident: FileIdentity, path: Path) -> None:
    """A text export of ``<x>/original/N1730150.DOC`` lives in ``<x>/text-*/N1730150.txt``."""
    folder = path.parent.parent / "original"
    for candidate in sorted(folder.glob(path.stem + ".*")) if folder.is_dir() else []:
        other = identify_file(candidate)
        if other.symbol:
            ident.symbol, ident.mapped_by = other.symbol, f"original Word file {candidate.name}"
            return


# ------------------------------------------------------------------- AKN counts

def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _in_attachment(element) -> bool:
    return any(_local(a) in ("attachments", "attachment") for a in element.iterancestors())


_ARABIC_NUM = re.compile(r"^\s*[\d\u0660-\u0669\u06f0-\u06f9]+\s*(?:bis|ter)?\s*[.\-\u2013)]?\s*$")


#: An unnumbered body paragraph that is a sub-item ("(a) To cooperate ...", "(iii)"),
#: an indent ("– To protect ...") or a separator ("* * *"), not an operative paragraph.
_SUB_ITEM = re.compile(r"^\s*(?:\(?[a-z]{1,5}\)|[\u2013\u2014\u2022\-]|\*(?:\s*\*)*\s*$)")


def akn_counts(data: bytes) -> AknCounts:
    """Paragraph and footnote counts as AKN4UN marks them up.

    - preambular: the ``container`` children of each ``preamble`` (the
      enacting formula is not a paragraph);
    - operative: the ``paragraph`` children of each ``mainBody`` that carry a
      ``num`` in Arabic digits ("1.", Arabic-script "1 -"); headings ("I.",
      ``heading``) and unnumbered continuation paragraphs are not counted,
      except that a body with no numbered paragraph counts its unnumbered
      ones (a resolution with a single operative paragraph leaves it
      unnumbered), leaving out sub-items marked up as paragraphs ("(a) To
      cooperate ...", "(iii) ..."), indents ("– To protect ...") and
      separators ("* * *").  A text adopted in the body ("Adopts the
      following declaration:", a heading, then paragraphs numbered from 1;
      A/RES/74/2, 75/1, 76/1, 79/1) is not the resolution's own: only the
      resolution's paragraphs before it count (``embedded_text_start``, the
      same convention as both readers, which make the declaration an annex);
    - footnotes: every ``authorialNote``.
    Preambles and bodies inside ``attachments`` (annexes) are not counted;
    the parts of a multi-part resolution (``components``) are added up.
    Raises ``etree.XMLSyntaxError`` for XML that is not well-formed.
    """
    root = etree.fromstring(data, safe_xml_parser())
    pre = op = 0
    for element in root.iter(f"{{{AKN_NS}}}preamble"):
        if not _in_attachment(element):
            pre += sum(1 for child in element if _local(child) == "container")
    for body in root.iter(f"{{{AKN_NS}}}mainBody"):
        if _in_attachment(body):
            continue
        children = [c for c in body if isinstance(c.tag, str)]
        embedded = embedded_text_start(children)
        numbered = unnumbered = 0
        for child in children[:embedded]:
            if _local(child) != "paragraph" or child.find(f"{{{AKN_NS}}}heading") is not None \
                    or child.find(f"{{{AKN_NS}}}subheading") is not None:
                continue
            num = child.find(f"{{{AKN_NS}}}num")
            if num is None:
                unnumbered += not _SUB_ITEM.match("".join(child.itertext()))
            elif _ARABIC_NUM.match("".join(num.itertext())):
                numbered += 1
        op += numbered or unnumbered
    notes = sum(1 for _ in root.iter(f"{{{AKN_NS}}}authorialNote"))
    return AknCounts(pre, op, notes)
