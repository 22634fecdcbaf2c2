"""Formats that need an outside tool or a PDF library: legacy .doc and PDF files."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile

from kg.model import ParseError


def doc_to_text(path: str, data: bytes) -> tuple[str, str | bytes]:
    """Legacy binary Word -> ``("antiword", text)`` or ``("docx", docx_bytes)``.

    antiword first (fast, keeps footnotes as ``[n] ...``), else LibreOffice.
    """
    antiword = shutil.which("antiword")
    if antiword:
        with tempfile.NamedTemporaryFile(suffix=".doc") as tmp:
            tmp.write(data)
            tmp.flush()
            proc = subprocess.run([antiword, "-w", "0", "-m", "UTF-8.txt", tmp.name], capture_output=True, timeout=120)
        if proc.returncode == 0 and proc.stdout.strip():
            return "antiword", proc.stdout.decode("utf-8", errors="replace")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        with tempfile.TemporaryDirectory() as tmpdir:
            src = os.path.join(tmpdir, "in.doc")
            with open(src, "wb") as fh:
                fh.write(data)
            subprocess.run([soffice, "--headless", "--convert-to", "docx", "--outdir", tmpdir, src],
                           capture_output=True, timeout=300)
            out = os.path.join(tmpdir, "in.docx")
            if os.path.exists(out):
                with open(out, "rb") as fh:
                    return "docx", fh.read()
        raise ParseError(path, "LibreOffice could not convert this legacy Word .doc file")
    raise ParseError(path, "legacy binary Word .doc needs a converter: install antiword "
                           "(apt-get install antiword) or LibreOffice (soffice)")


def pdf_to_text(path: str, data: bytes) -> str:
    """Text layer of a PDF file, pages separated by form feeds (pypdf)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ParseError(path, f"damaged or truncated PDF ({exc.__class__.__name__}: {exc})") from None
    except Exception as exc:  # pypdf raises assorted errors on broken files
        raise ParseError(path, f"cannot read PDF ({exc.__class__.__name__}: {exc})") from None
    text = "\f".join(pages)
    if not text.strip():
        raise ParseError(path, "PDF without a text layer (a scanned image): run OCR first")
    return text
