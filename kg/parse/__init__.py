"""Pipeline stage: parse.  A path -> ``Resolution`` (or ``ParseError`` with a reason for people).

``parse_path`` detects Akoma Ntoso XML by content (root element
``akomaNtoso``) and hands it to ``kg.read.akn.read_akn``; everything else is
decoded by ``kg.read.decode`` and parsed by ``parse_text``.  It is a pure
function of the file content, so batches can run in parallel.
"""
from __future__ import annotations

from kg.model import ParseError, Resolution
from kg.parse.sources import iter_documents, read_bytes
from kg.parse.text import parse_text

__all__ = ["parse_path", "parse_bytes", "parse_text", "iter_documents", "ParseError"]


def parse_bytes(path: str, data: bytes) -> Resolution:
    """Parse a document given its path (for messages and provenance) and its content."""
    from kg.read import decode, is_akn

    if not data.strip():
        raise ParseError(path, "empty file")
    if is_akn(data):
        try:
            from kg.read.akn import read_akn
        except ImportError as exc:
            raise ParseError(path, f"Akoma Ntoso XML, but the AKN reader is not available ({exc})") from None
        return read_akn(path, data)
    return parse_text(decode(path, data))


def parse_path(path: str) -> Resolution:
    """Read and parse one document (a file or an ``archive.zip!member`` path)."""
    try:
        return parse_bytes(path, read_bytes(path))
    except ParseError:
        raise
    except RecursionError:
        raise ParseError(path, "document too deeply nested to parse") from None
    except (UnicodeError, ValueError, IndexError, KeyError) as exc:
        # A parser bug on odd input must still be one line for people, never a traceback.
        raise ParseError(path, f"could not parse ({exc.__class__.__name__}: {exc})") from None
