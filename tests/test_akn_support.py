"""Shared helpers for the AKN reader tests (no tests here): where the corpus is, read each file once."""
from __future__ import annotations

import functools
import os
from pathlib import Path

from kg.model import ParseError, Resolution
from kg.read.akn import read_akn

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
CORPUS = SHARED / "corpus"
AKN_FOLDERS = [CORPUS / name for name in ("unxml-ga", "unxml-sc", "unxml-hrc", "unxml-ecosoc")]


def akn_files() -> list[Path]:
    return sorted(p for folder in AKN_FOLDERS for p in folder.glob("xml/**/*.xml"))


@functools.lru_cache(maxsize=None)
def read(path: Path) -> Resolution | ParseError:
    """The record of one file, or the ParseError it raised (each file is read once per session)."""
    try:
        return read_akn(str(path), path.read_bytes())
    except ParseError as exc:
        return exc


def by_symbol() -> dict[str, list[Resolution]]:
    out: dict[str, list[Resolution]] = {}
    for path in akn_files():
        res = read(path)
        if isinstance(res, Resolution):
            out.setdefault(res.symbol, []).append(res)
    return out
