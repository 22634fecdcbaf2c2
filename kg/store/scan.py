"""Find the documents under the sources and checksum their content (no parsing)."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Iterable, Iterator

from kg.model import ParseError
from kg.parse.sources import ARCHIVE_SEP, iter_documents, read_bytes, split_archive_path

UNREADABLE = "unreadable"


@dataclass(frozen=True)
class SourceFile:
    path: str       # absolute; zip members as /abs/archive.zip!member
    sha256: str     # of the bytes, or "unreadable" (the pipeline then says why)


def absolute(path: str) -> str:
    archive, member = split_archive_path(path)
    if member is None:
        return os.path.abspath(path)
    return f"{os.path.abspath(archive)}{ARCHIVE_SEP}{member}"


def checksum(path: str) -> str:
    try:
        return hashlib.sha256(read_bytes(path)).hexdigest()
    except ParseError:
        return UNREADABLE


def scan(sources: Iterable[str]) -> Iterator[SourceFile]:
    """Every document under ``sources`` once, in a stable order, with its checksum."""
    seen: set[str] = set()
    for found in iter_documents(list(sources)):
        path = absolute(found)
        if path in seen:
            continue
        seen.add(path)
        yield SourceFile(path, checksum(path))
