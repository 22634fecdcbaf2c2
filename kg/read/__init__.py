"""Pipeline stage: read.  File bytes -> ``SourceDocument`` (decoded, normalised text).

``decode(path, data)`` is pure: it detects the format by content, not by the
file name (the UN's ``.DOC`` files are really OOXML), and hands the parser
one layout whatever the source: one paragraph per line, footnote texts after
the body, container metadata in ``meta``.

Formats: ODS plain text (the seed), text extracted from print PDFs
(pdftotext, PyMuPDF; Markdown with YAML front matter), PDF files (pypdf),
Word OOXML (python-docx), legacy binary Word (antiword or LibreOffice when
installed), HTML pages, OCR text of old printed compilations.
"""
from __future__ import annotations

import hashlib
import re

from kg.model import ParseError, SourceDocument
from kg.read.textcodec import decode_bytes, looks_binary, normalise

__all__ = ["decode", "read_path", "is_akn", "ParseError"]

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
_MD_FOOTNOTE_RE = re.compile(r"^\[\^(\d+)\]:\s?(.*)$")
# The signs of a format are searched one by one: an alternation, or a pattern opening with "^",
# makes the engine try every position of the text; a literal first character lets it skip ahead.
#: A barcode ("*1816895*") anywhere.
_BARCODE_RE = re.compile(r"\*\d{7,8}\*")
#: A line holding only a page number ("3/10"), or opening with a job number ("18-16895 (E)"); searched
#: in "\n" + text, "\n" standing for "^" (blanks before the number never span lines, see _pdf_signs).
_PDF_LINE_SIGNS_RE = re.compile(r"\n[^\S\n]*(?:\d{1,3}/\d{1,3}\s*$|\d{2}-\d{5}\s*\(E\))", re.M)
_ODS_SIGNS_RES = (re.compile(r"<<ODS [A-Z ]+>>"),
                  re.compile(r"United Nations\s*[AES]/[A-Z0-9/.]+\S*\s*(?:General Assembly|Security Council|"
                             r"Economic and Social Council)"))
_HTML_RE = re.compile(rb"\A\s*(?:<!DOCTYPE\s+html|<html|<\?xml[^>]*>\s*<html)", re.I)


def is_akn(data: bytes) -> bool:
    """True for Akoma Ntoso XML (root element ``akomaNtoso``), in UTF-8 or, by its BOM or
    its zero bytes, UTF-16/32 (lxml reads those from the bytes as they are)."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) or b"\x00" in head[:64]:
        head = decode_bytes(head[:4096 - 4096 % 4]).encode("utf-8", errors="replace")
    head = head.lstrip()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.startswith(b"<") and b"akomaNtoso" in head


def read_path(path: str) -> SourceDocument:
    """Read a file (or ``archive.zip!member``) and decode it."""
    from kg.parse.sources import read_bytes

    return decode(path, read_bytes(path))


def decode(path: str, data: bytes) -> SourceDocument:
    """Detect the format of ``data`` by content and decode it to a ``SourceDocument``."""
    sha = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise ParseError(path, "empty file")
    if data.startswith(b"PK\x03\x04"):
        from kg.read.docx import read_docx

        text, meta = read_docx(path, data)
        return SourceDocument(path, "docx", normalise(text), sha, meta)
    if data.startswith(b"PK"):
        raise ParseError(path, "damaged zip container (not a readable Word file)")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _decode_legacy_doc(path, data, sha)
    if data.startswith(b"%PDF"):
        from kg.read.converters import pdf_to_text
        from kg.read.pdftext import clean_pdf_text

        text = normalise(pdf_to_text(path, data))
        return SourceDocument(path, "pdf-text", clean_pdf_text(text), sha, {"extractor": "pypdf"})
    if data.startswith(b"{\\rtf"):
        raise ParseError(path, "RTF is not supported: convert it to .docx (soffice --headless --convert-to docx)")
    if is_akn(data):
        raise ParseError(path, "Akoma Ntoso XML: read it with kg.read.akn.read_akn (kg.parse.parse_path does)")
    if _HTML_RE.match(data[:2048]):
        return SourceDocument(path, "text", _html_text(path, data), sha, {"container": "html"})
    if looks_binary(data):
        raise ParseError(path, "binary file, not text (no known document format)")
    return decode_text(path, normalise(decode_bytes(data)), sha)


def decode_text(path: str, text: str, sha: str, meta: dict[str, str] | None = None) -> SourceDocument:
    """Plain text of any origin -> SourceDocument in the parser's layout."""
    from kg.read.pdftext import clean_pdf_text, looks_hard_wrapped

    meta = dict(meta or {})
    m = _FRONT_MATTER_RE.match(text)
    if m:
        meta.update(_front_matter(m.group(1)))
        text = _markdown_footnotes(text[m.end():])
    if any(r.search(text) for r in _ODS_SIGNS_RES) and ("<<ODS" in text or not looks_hard_wrapped(text)):
        return SourceDocument(path, "ods-text", text, sha, meta)
    if "source_pdf" in meta or _pdf_signs(text):
        return SourceDocument(path, "pdf-text", clean_pdf_text(text, meta.get("symbol"), title=meta.get("title")),
                              sha, meta)
    if looks_hard_wrapped(text):
        # OCR of printed pages or other fixed-width text: words were hyphenated by the printer.
        return SourceDocument(path, "text", clean_pdf_text(text, meta.get("symbol"), drop_hyphen=True), sha, meta)
    return SourceDocument(path, "text", text, sha, meta)


def _pdf_signs(text: str) -> bool:
    """Page furniture of a print PDF: a barcode, a form feed, a page number line, a job number.

    Same as searching ``^\\s*(?:page|job)`` line by line: the ``\\s*`` after a line start
    that spans line ends lands on a later line start, where the ``[^\\S\\n]*`` form matches."""
    return bool("\f" in text or _BARCODE_RE.search(text) or _PDF_LINE_SIGNS_RE.search("\n" + text))


def _front_matter(block: str) -> dict[str, str]:
    import yaml

    # libyaml's safe loader when PyYAML was built with it: the same mappings, far less CPU.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(block, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if v is not None}


def _markdown_footnotes(text: str) -> str:
    """Markdown footnote definitions ``[^1]: text`` (with indented continuations) -> ``1 text``."""
    if "[^" not in text:
        return text
    out: list[str] = []
    lines = text.split("\n")
    body_end = len(lines)
    for i, line in enumerate(lines):
        if _MD_FOOTNOTE_RE.match(line):
            body_end = i
            break
    body = lines[:body_end]
    while body and body[-1].strip() in ("", "---"):
        body.pop()
    out.extend(body)
    out.append("_______________")
    for line in lines[body_end:]:
        m = _MD_FOOTNOTE_RE.match(line)
        if m:
            out.append(f"{m.group(1)} {m.group(2).strip()}")
        elif line.strip() and out:
            out[-1] += " " + line.strip()
    return "\n".join(out) + "\n"


def _decode_legacy_doc(path: str, data: bytes, sha: str) -> SourceDocument:
    from kg.read.converters import doc_to_text

    how, payload = doc_to_text(path, data)
    if how == "docx":
        from kg.read.docx import read_docx

        text, meta = read_docx(path, payload)  # type: ignore[arg-type]
        return SourceDocument(path, "doc", normalise(text), sha, {**meta, "converter": "soffice"})
    text = normalise(str(payload))
    # antiword: footnotes after a dashed rule as "[n] text"; markers "[n]" in the text.
    text = re.sub(r"^\s*-{10,}\s*$", "_______________", text, flags=re.M)
    return SourceDocument(path, "doc", text, sha, {"converter": "antiword", **legacy_ods_markers(data)})


_ODS_MARKER_RE = re.compile(r"<<ODS ([A-Z0-9 ]+?)>>([^<]{0,80})<<ODS \1>>")


def legacy_ods_markers(data: bytes) -> dict[str, str]:
    """The ODS comment of a binary Word file (antiword drops comments): its text is stored
    as UTF-16LE or 8-bit characters; ``{"ods:JOB NO": "N1249600E", ...}``."""
    found: dict[str, str] = {}
    for text in (data.decode("utf-16-le", errors="ignore"), data.decode("latin-1")):
        for m in _ODS_MARKER_RE.finditer(text):
            value = re.sub(r"\s+", "", m.group(2)) if "JOB" in m.group(1) else m.group(2).strip()
            if value:
                found.setdefault("ods:" + m.group(1).strip(), value)
    return found


def _html_text(path: str, data: bytes) -> str:
    from lxml import html

    try:
        root = html.fromstring(data)
    except Exception as exc:  # lxml raises several parser errors
        raise ParseError(path, f"unreadable HTML ({exc})") from None
    for bad in root.xpath("//script|//style|//nav|//header|//footer"):
        bad.getparent().remove(bad)
    lines = []
    for block in root.iter("p", "h1", "h2", "h3", "h4", "li", "div", "td"):
        if block.tag == "div" and block.find(".//p") is not None:
            continue
        text = " ".join(block.text_content().split())
        if text:
            lines.append(text)
    return normalise("\n".join(lines)) + "\n"
