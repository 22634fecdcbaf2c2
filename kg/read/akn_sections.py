"""Sections of an AKN body: their records and the final form of the keys met while walking.

The walker (``kg.read.akn_body.BodyWalker``) records section headings and keys
paragraphs provisionally with ``§n/`` (n = heading index), so that paragraphs
numbered again from 1 in each section never share a key. Once the whole body is
read, ``apply_sections`` lets ``kg.parse.sections.assign_sections`` decide
whether numbering restarts, and rewrites the keys of links and footnote markers.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.model import Paragraph, Resolution
from kg.parse.sections import assign_sections

if TYPE_CHECKING:
    from kg.read.akn_body import BodyWalker, StatementBody
    from kg.read.akn_text import TextBuilder


def apply_sections(res: Resolution, walkers: list["BodyWalker"], bodies: list["StatementBody"],
                   builder: "TextBuilder") -> None:
    """Fill ``res.sections`` and give the keys met while walking their final form."""
    headings = [h for walker in walkers for h in walker.headings]
    if not headings:
        return
    preamble = [p for body in bodies for p in body.preamble]
    operative = [p for body in bodies for p in body.operative]
    res.sections = assign_sections(headings, preamble, operative)
    mapping = final_keys(walkers, preamble + operative)
    for link in builder.links:
        link.key = rekey(link.key, mapping)
    for ref in builder.note_refs:
        ref.key = rekey(ref.key, mapping)


def final_keys(walkers: list["BodyWalker"], paragraphs: list[Paragraph]) -> dict[str, str]:
    """Provisional keys (with ``§n/``) -> the keys of architecture.md, once the sections
    have been assigned: ``§n/`` becomes ``sec/k/`` where numbering restarts, else nothing."""
    provisional: dict[int, str] = {}
    for walker in walkers:
        provisional.update(walker.provisional)
    out: dict[str, str] = {}
    for p in paragraphs:
        key = provisional.get(id(p))
        if key is not None and "§" in key:
            kind = "pp" if p.kind == "preambular" else "op"
            out[key] = f"{p.scope}{kind}/{p.number}"
    return out


def rekey(key: str | None, mapping: dict[str, str]) -> str | None:
    """A key under a provisional paragraph key (``A/§1/op/1/a``) -> its final form."""
    if not key or "§" not in key:
        return key
    parts = key.split("/")
    for end in range(len(parts), 0, -1):
        head = "/".join(parts[:end])
        if head in mapping:
            return "/".join([mapping[head], *parts[end:]])
    return re.sub(r"§\d+/", "", key)
