"""Where documents come from: files, folders (recursively) and zip archives.

A member of a zip archive is addressed as ``archive.zip!member/path.txt``;
``read_bytes`` reads both kinds of path, so ``parse_path`` stays a pure
function of the content it is given.
"""
from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterable, Iterator

from kg.model import ParseError

ARCHIVE_SEP = "!"
#: The largest document read, in bytes (``KG_MAX_DOCUMENT_MB``, default 64).  The largest UN
#: resolution file in the corpus is a few hundred KB; anything this big is not one, and reading
#: it (a stray disk image, a zip bomb's member) would cost every worker its memory.
MAX_DOCUMENT_BYTES = int(float(os.environ.get("KG_MAX_DOCUMENT_MB", "64") or 64) * 2**20)
# Files that are evidently not resolution texts: data tables, images, notes about the corpus.
SKIPPED_SUFFIXES = {
    ".json", ".jsonl", ".tsv", ".csv", ".xlsx", ".xls", ".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff",
    ".svg", ".html", ".htm", ".css", ".js", ".py", ".sh", ".toml", ".yaml", ".yml", ".ini", ".cfg", ".gz",
    ".tar", ".bz2", ".xz", ".7z", ".ttl", ".nt", ".nq", ".trig", ".rq", ".sparql", ".log", ".lock",
    ".ds_store", ".pyc", ".gitignore", ".gitattributes",
}
SKIPPED_NAMES_RE = re.compile(
    r"^(?:readme|provenance|manifest|license|licence|copying|notice|changelog|source_readme|index|authors|contributing)"
    r"(?:[._-].*)?$", re.I)
SKIPPED_DIRS = {".git", "__pycache__", ".venv", "node_modules", ".hypothesis", ".pytest_cache"}


def is_document_name(name: str) -> bool:
    """False for names that are evidently not documents (data tables, images, READMEs, metadata)."""
    base = os.path.basename(name)
    if not base or base.startswith("."):
        return False
    if SKIPPED_NAMES_RE.match(base):
        return False
    return os.path.splitext(base)[1].lower() not in SKIPPED_SUFFIXES


def iter_documents(paths: Iterable[str], skipped: list[str] | None = None) -> Iterator[str]:
    """Every document under ``paths``: files as given, folders walked in sorted order, zip members.

    A path named explicitly is always yielded (even a README): the caller asked
    for it.  Files left out of a folder or archive (data tables, images,
    READMEs) are appended to ``skipped`` when given, so callers can say so.
    """
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if name.lower().endswith(".zip"):
                        yield from _zip_members(full, skipped)
                    elif is_document_name(name):
                        yield full
                    elif skipped is not None:
                        skipped.append(full)
        elif path.lower().endswith(".zip") and os.path.isfile(path):
            yield from _zip_members(path, skipped)
        else:
            yield path


def _zip_members(archive: str, skipped: list[str] | None = None) -> Iterator[str]:
    try:
        with zipfile.ZipFile(archive) as zf:
            names = sorted(info.filename for info in zf.infolist() if not info.is_dir())
    except (zipfile.BadZipFile, OSError):
        yield archive  # parse_path will report it
        return
    for name in names:
        if is_document_name(name) and not name.startswith("__MACOSX/"):
            yield f"{archive}{ARCHIVE_SEP}{name}"
        elif skipped is not None:
            skipped.append(f"{archive}{ARCHIVE_SEP}{name}")


def split_archive_path(path: str) -> tuple[str, str | None]:
    """``"a.zip!x/y.xml"`` -> ``("a.zip", "x/y.xml")``; other paths -> ``(path, None)``."""
    idx = path.lower().find(".zip" + ARCHIVE_SEP)
    if idx < 0 or os.path.exists(path):
        return path, None
    return path[:idx + 4], path[idx + 5:]


def _check_size(path: str, size: int) -> None:
    if size > MAX_DOCUMENT_BYTES:
        raise ParseError(path, f"too large to be a resolution ({size / 2**20:.0f} MB; the limit is "
                               f"{MAX_DOCUMENT_BYTES / 2**20:.0f} MB, KG_MAX_DOCUMENT_MB)")


def read_bytes(path: str) -> bytes:
    """The bytes of a file or of a zip member; ParseError with a reason for people otherwise."""
    archive, member = split_archive_path(path)
    try:
        if member is None:
            if os.path.isdir(path):
                raise ParseError(path, "a folder, not a file")
            with open(path, "rb") as fh:
                _check_size(path, os.fstat(fh.fileno()).st_size)
                data = fh.read(MAX_DOCUMENT_BYTES + 1)   # a file may grow, or not know its size
            _check_size(path, len(data))
            return data
        with zipfile.ZipFile(archive) as zf:
            _check_size(path, zf.getinfo(member).file_size)
            with zf.open(member) as fh:
                data = fh.read(MAX_DOCUMENT_BYTES + 1)   # the size in the zip directory can lie
            _check_size(path, len(data))
            return data
    except FileNotFoundError:
        raise ParseError(path, "no such file") from None
    except KeyError:
        raise ParseError(path, f"no member {member!r} in the archive") from None
    except zipfile.BadZipFile:
        raise ParseError(path, "damaged zip archive") from None
    except PermissionError:
        raise ParseError(path, "permission denied") from None
    except IsADirectoryError:
        raise ParseError(path, "a folder, not a file") from None
