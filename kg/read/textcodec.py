"""Bytes -> text: encoding detection and whitespace normalisation.

UN texts arrive as UTF-8 (with or without BOM), UTF-16 (Word "Unicode text"
exports) or Windows-1252 (older ODS plain text).  Whatever the source, the
parser sees one normal form: ``\\n`` line ends, ordinary spaces for NBSP and
the other fixed-width spaces, no soft hyphens or zero-width characters.
Curly quotes and dashes are kept as typed (the parser tolerates them).
"""
from __future__ import annotations

import codecs
import re

_ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"), " ")
_DROPPED = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_TRANSLATE = {**_ODD_SPACES, **_DROPPED, ord("\u2011"): "-", ord("\u2028"): "\n", ord("\u2029"): "\n",
              ord("\x0b"): "\n"}
_NEWLINES_RE = re.compile(r"\r\n?")


_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 11, 12, 13))


def looks_binary(data: bytes) -> bool:
    """True for data that is neither text in a known encoding nor UTF-16."""
    head = data[:4096]
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF32_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
            or _utf16_without_bom(head):
        return False
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))
    return controls > len(head) * 0.02


def _utf16_without_bom(head: bytes) -> str | None:
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> str:
    """Decode by BOM, then UTF-16 without BOM, then strict UTF-8, else cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte.
        return data.decode("cp1252", errors="replace")


_ODD_RE = re.compile("[" + "".join(chr(c) for c in _TRANSLATE) + "]")


def normalise(text: str) -> str:
    """One normal form: ``\\n`` line ends, plain spaces, no invisible characters."""
    if "\r" in text:
        text = _NEWLINES_RE.sub("\n", text)
    return _ODD_RE.sub(lambda m: _TRANSLATE[ord(m.group())] or "", text)
