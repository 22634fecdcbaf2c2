"""Word (OOXML) resolutions -> text in the ODS layout, with the container's metadata.

The text follows the story order of ODS plain text (the seed): body
paragraphs one per line (table rows as tab-separated cells), footnote
reference numbers glued to the text, then one line per footnote
("\\t1\\tResolution 64/293."), then the ODS comment, then headers and footers
(where the masthead with the distribution date lives), after a rule line
when no ODS comment ends the body before them.  Paragraphs numbered by Word's
list numbering get the number Word prints ("1.<tab>", kg.read.docx_numbering),
as the UN's own files type it.  ``meta`` gets the
ODS comment markers and the custom document properties (JobNo,
ODSRefJobNo, Symbol1, Symbol2, Release Date) and ``docx:italic_leads``, the
italic words paragraphs open with (the lead phrases, one per line).
"""
from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from kg.model import ParseError
from kg.read.docx_numbering import Numbering

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W
#: The line that ends the body before the headers and footers when no ODS comment does (a rule,
#: which kg.parse stops the body at, as at the footnote separator of a printed page).
FURNITURE_RULE = "_" * 18
ODS_MARKER_RE = re.compile(r"<<ODS ([A-Z0-9 ]+?)>>(.*?)<<ODS \1>>", re.S)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


#: The elements (in any namespace: DrawingML and math text count too) that carry visible text;
#: lxml skips the rest (run properties ...) without making Python objects for them.
_RUN_CONTENT = tuple("{*}" + name for name in ("t", "tab", "br", "cr", "noBreakHyphen", "footnoteReference", "sym"))


def _run_text(element: etree._Element, footnote_numbers: dict[str, int] | None) -> str:
    """The visible text of a paragraph (or any element), footnote references as numbers
    (``footnote_numbers``: id -> number; 0 for a note under a custom mark such as "*")."""
    out: list[str] = []
    for el in element.iter(*_RUN_CONTENT):
        name = _local(el.tag)
        if name == "t":
            out.append(el.text or "")
        elif name == "tab":
            if _local(el.getparent().tag) == "r":
                out.append("\t")
        elif name in ("br", "cr"):
            out.append("\n" if el.get(_W + "type") in (None, "textWrapping") else " ")
        elif name == "noBreakHyphen":
            out.append("-")
        elif name == "footnoteReference" and footnote_numbers is not None:
            ref = el.get(_W + "id")
            if ref is not None:
                custom = el.get(_W + "customMarkFollows") in ("1", "true", "on")
                footnote_numbers.setdefault(ref, 0 if custom else 1 + sum(1 for n in footnote_numbers.values() if n))
                if not custom and el.getparent() is not None and el.getparent().find(_W + "t") is None:
                    out.append(str(footnote_numbers[ref]))
        elif name == "sym":
            out.append(chr(int(el.get(_W + "char", "20"), 16)) if el.get(_W + "char", "").isalnum() else "")
    return "".join(out)


_LABEL_ONLY_RE = re.compile(r"^[\s\d.()a-z]*$")


def _is_italic(run: etree._Element) -> bool:
    props = run.find(_W + "rPr")
    flag = props.find(_W + "i") if props is not None else None
    return flag is not None and flag.get(_W + "val") not in ("0", "false", "off")


def italic_lead(paragraph: etree._Element) -> str | None:
    """The italic words a paragraph opens with (the UN italicises the lead phrase:
    "1.\t*Also decides* to ..."), after an upright number or label; None without."""
    lead: list[str] = []
    for run in paragraph.iter(_W + "r"):
        text = "".join(t.text or "" for t in run.iter(_W + "t"))
        if not text:
            continue
        if _is_italic(run):
            lead.append(text)
        elif lead and not text.strip():
            lead.append(text)
        elif lead or not _LABEL_ONLY_RE.match(text):
            break
    words = " ".join("".join(lead).split()).strip(" ,;:")
    return words or None


def _body_lines(body: etree._Element, footnote_numbers: dict[str, int],
                leads: list[str] | None = None, numbering: Numbering | None = None) -> list[str]:
    lines: list[str] = []
    for child in body:
        name = _local(child.tag)
        if name == "p":
            # Word's list numbering prints a number the text does not hold ("1.<tab>").
            label = numbering.label(child) if numbering is not None else ""
            lines.append(label + _run_text(child, footnote_numbers))
            lead = italic_lead(child) if leads is not None else None
            if lead:
                leads.append(lead)
        elif name == "tbl":
            for row in child.iter(_W + "tr"):
                cells = [" ".join(_run_text(p, footnote_numbers) for p in cell.iter(_W + "p")).strip()
                         for cell in row.iter(_W + "tc")]
                lines.append("\t".join(cells))
        elif name == "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                lines.extend(_body_lines(content, footnote_numbers, leads, numbering))
    return lines


def _footnote_lines(xml: bytes, footnote_numbers: dict[str, int]) -> list[str]:
    root = etree.fromstring(xml)
    texts: dict[str, str] = {}
    for note in root.iter(_W + "footnote"):
        if note.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paras = [_run_text(p, None).strip() for p in note.iter(_W + "p")]
        texts[note.get(_W + "id", "")] = " ".join(p for p in paras if p)
    ordered = sorted(footnote_numbers.items(), key=lambda kv: kv[1])
    # A note under a mark of its own ("*", w:customMarkFollows: "Reissued for technical
    # reasons", on the title) is not one of the numbered footnotes: its line keeps the mark
    # its text opens with ("\t*\tReissued ..."), as the ODS text and the AKN4UN files print it,
    # and the numbered footnotes count from 1 after it.
    return [f"\t{number}\t{texts.get(ref, '').strip()}" if number else f"\t{texts.get(ref, '').strip()}"
            for ref, number in ordered]


def _paragraph_texts(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    return [_run_text(p, None) for p in root.iter(_W + "p")]


def _custom_properties(xml: bytes) -> dict[str, str]:
    root = etree.fromstring(xml)
    props = {}
    for prop in root:
        name = prop.get("name")
        if name:
            props[name] = "".join(prop.itertext()).strip()
    return props


#: A resolution's Word parts inflate to a few MB (a budget with tables: ~10 MB); far more is a
#: zip bomb, refused before anything is inflated.
MAX_PART_BYTES = 48 * 2**20
MAX_TOTAL_BYTES = 160 * 2**20


def _refuse_zip_bomb(path: str, archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    biggest = max(infos, key=lambda info: info.file_size)
    if biggest.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
        raise ParseError(path, f"Word file inflates to {total / 2**20:.0f} MB ({biggest.filename}: "
                               f"{biggest.file_size / 2**20:.0f} MB): refused as a zip bomb")


def read_docx(path: str, data: bytes) -> tuple[str, dict[str, str]]:
    """Text in ODS layout and metadata of a Word OOXML file."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise ParseError(path, "a zip archive without word/document.xml: not a Word document")
        _refuse_zip_bomb(path, archive)
        import docx  # python-docx validates the package and gives us the body

        document = docx.Document(io.BytesIO(data))
    except ParseError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ParseError(path, f"damaged or truncated Word file ({exc.__class__.__name__}: {exc})") from None
    except Exception as exc:  # python-docx raises assorted errors on broken packages
        raise ParseError(path, f"cannot open as a Word document ({exc.__class__.__name__}: {exc})") from None
    footnote_numbers: dict[str, int] = {}
    leads: list[str] = []
    numbering = None
    if "word/numbering.xml" in names:
        try:
            numbering = Numbering(archive.read("word/numbering.xml"),
                                  archive.read("word/styles.xml") if "word/styles.xml" in names else None)
        except (etree.XMLSyntaxError, ValueError):
            numbering = None     # a damaged list definition: the text reads without its numbers
    lines = _body_lines(document.element.body, footnote_numbers, leads, numbering)
    meta: dict[str, str] = {}
    if leads:
        # The lead phrases as the Word file italicises them, one per line (kg.parse uses them
        # before its lexicon).
        meta["docx:italic_leads"] = "\n".join(dict.fromkeys(leads))
    if footnote_numbers and "word/footnotes.xml" in names:
        lines.append("")
        lines.extend(_footnote_lines(archive.read("word/footnotes.xml"), footnote_numbers))
    if "word/comments.xml" in names:
        comment = "\n".join(_paragraph_texts(archive.read("word/comments.xml")))
        for key, value in ODS_MARKER_RE.findall(comment):
            meta["ods:" + key.strip()] = re.sub(r"\s+", "", value)
        lines.append("")
        lines.append(comment)
    furniture = sorted(n for n in names if re.fullmatch(r"word/(?:header|footer)\d*\.xml", n))
    if furniture and not any(key.startswith("ods:") for key in meta):
        # The headers and footers are page furniture (the first-page header holds the masthead:
        # "United Nations", the symbol, "Distr.: General", a date that reads "29. Januar 2021"
        # like a paragraph number).  The ODS comment ends the body before them in the ODS's
        # files; without it a rule does, as the footnote separator ends the body on paper.
        lines.append("")
        lines.append(FURNITURE_RULE)
    if "docProps/custom.xml" in names:
        for key, value in _custom_properties(archive.read("docProps/custom.xml")).items():
            meta["prop:" + key] = value
    for name in furniture:
        lines.append("")
        lines.extend(_paragraph_texts(archive.read(name)))
    core = document.core_properties
    if core.title:
        meta["core:title"] = core.title
    if core.language:
        meta["core:language"] = core.language
    return "\n".join(lines) + "\n", meta
