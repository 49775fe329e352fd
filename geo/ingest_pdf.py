"""Read a .pdf plan's text layer: read_pdf(path) -> str, pages joined, page numbers dropped.

pypdf opens it (with the empty password, for PDFs encrypted for permissions only). An encrypted, corrupt,
scanned (no text layer) or unmapped-font PDF raises PlanReadError saying which and what to give instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from geo.ingest_errors import PlanReadError
from geo.ingest_script import HAN

_PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:[-—–－]*\s*\d{1,4}\s*[-—–－]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)


PDF_LOCKED = (
    "PDF is encrypted with a password; give an unprotected copy (remove the password and save it again)"
)
PDF_AES_UNSUPPORTED = (
    "PDF is encrypted (AES) and this installation cannot open AES without the 'cryptography' package; "
    "give an unprotected copy (remove the protection and save it again) or pip install cryptography"
)


def read_pdf(path: Path) -> str:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path), strict=False)  # opens with the empty password (permissions only)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PlanReadError(path, PDF_LOCKED)
        pages = []
        for page in reader.pages:
            pages.append(_strip_page_numbers(page.extract_text() or ""))
    except (PlanReadError, PermissionError, FileNotFoundError, IsADirectoryError):
        raise
    except FileNotDecryptedError:
        raise PlanReadError(path, PDF_LOCKED) from None
    except DependencyError:  # AES without the `cryptography` package, whatever the password
        raise PlanReadError(path, PDF_AES_UNSUPPORTED) from None
    except (
        PdfReadError,
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        AssertionError,
        RecursionError,
        OSError,
    ) as exc:
        raise PlanReadError(path, f"corrupt PDF: {type(exc).__name__}: {exc}") from None
    text = "\n".join(pages)
    if not re.search(r"\w", text):
        raise PlanReadError(
            path,
            f"PDF has no text layer ({len(pages)} page(s), probably scanned images); "
            "OCR is not supported: use a text PDF, .docx or .txt",
        )
    if not HAN.search(text) and re.search(r"[\ue000-\uf8ff]|\(cid:\d+\)", text):
        raise PlanReadError(
            path,
            "PDF text layer gives no readable Chinese (its fonts have no Unicode map); "
            "export the plan again as a text PDF, .docx or .txt",
        )
    return text


def _strip_page_numbers(page_text: str) -> str:
    lines = page_text.split("\n")
    while lines and (not lines[-1].strip() or _PAGE_NUMBER_LINE.match(lines[-1])):
        lines.pop()
    while lines and (not lines[0].strip() or _PAGE_NUMBER_LINE.match(lines[0])):
        lines.pop(0)
    return "\n".join(lines)
