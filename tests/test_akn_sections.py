"""AKN bodies divided into <section> elements (or "II" heading paragraphs): sections, keys, footnotes.

No file of the corpus marks sections with <section>; the tests take a real GA
resolution (A/RES/80/159) and divide its ten operative paragraphs into two
sections, numbering them again from 1 in the second or running on, as the UN
drafts budget and omnibus resolutions.
"""
from __future__ import annotations

from copy import deepcopy

from lxml import etree

from kg.read.akn import read_akn
from kg.read.akn_text import AKN_NS
from kg.parse.text import paragraph_key
from test_akn_support import CORPUS, read

SOURCE = CORPUS / "unxml-ga" / "xml" / "80session" / "English" / "A_RES_80_159-2520850E.xml"
GA78 = CORPUS / "unxml-ga" / "xml" / "78session" / "English" / "A_RES_78_245-2326259E.xml"
NS = {"a": AKN_NS}


def _sectioned(restart: bool) -> bytes:
    tree = etree.parse(str(SOURCE))
    body = tree.find(".//a:mainBody", NS)
    paragraphs = list(body)
    for p in paragraphs:
        body.remove(p)
    for index, (label, title, group) in enumerate((("I", "First matters", paragraphs[:5]),
                                                     ("II", "Second matters", paragraphs[5:]))):
        section = etree.SubElement(body, f"{{{AKN_NS}}}section", eId=f"sec_{index + 1}")
        etree.SubElement(section, f"{{{AKN_NS}}}num").text = label
        etree.SubElement(section, f"{{{AKN_NS}}}heading").text = title
        for position, p in enumerate(group, start=1):
            p = deepcopy(p)
            if restart:
                p.find("a:num", NS).text = f"{position}."
            section.append(p)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def test_sections_whose_numbering_restarts_scope_the_keys():
    res = read_akn("sectioned.xml", _sectioned(restart=True))
    assert [(s.key, s.label, s.title, s.restarts) for s in res.sections] == [
        ("1", "I", "First matters", True), ("2", "II", "Second matters", True)]
    keys = [paragraph_key(p) for p in res.operative]
    assert keys == [f"sec/1/op/{n}" for n in range(1, 6)] + [f"sec/2/op/{n}" for n in range(1, 6)]
    refs = {paragraph_key(p): [r.number for r in p.footnote_refs] for p in res.operative}
    assert refs["sec/1/op/1"] == [4] and refs["sec/1/op/3"] == [5] and refs["sec/2/op/2"] == [6]
    assert refs["sec/2/op/1"] == [] and refs["sec/2/op/3"] == []
    assert all("§" not in (c.in_paragraph or "") for c in res.citations)
    assert res.text[res.sections[1].span.start:res.sections[1].span.end] == "II\nSecond matters"


def test_sections_whose_numbering_runs_on_keep_plain_keys():
    res = read_akn("sectioned.xml", _sectioned(restart=False))
    assert [s.restarts for s in res.sections] == [False, False]
    assert [paragraph_key(p) for p in res.operative] == [f"op/{n}" for n in range(1, 11)]
    assert [p.section for p in res.operative] == ["1"] * 5 + ["2"] * 5
    plain = read(SOURCE)
    assert [[r.number for r in p.footnote_refs] for p in res.operative] == \
        [[r.number for r in p.footnote_refs] for p in plain.operative]


def test_heading_paragraphs_open_sections_with_their_titles():
    res = read(GA78)                                        # A/RES/78/245: "I" then its title, 1 to 124 run on
    assert [s.label for s in res.sections] == ["I", "II", "III", "IV", "V"]
    assert res.sections[0].title == "Calendar of conferences and meetings"
    assert not any(s.restarts for s in res.sections)
    assert [p.number for p in res.operative] == list(range(1, 125))
