"""PDF to text with pypdf: each page's text in reading order, page headers and footers dropped.

pypdf over pdfminer.six: on the PDFs measured (docs/inputs.md) it kept the words in order at least as well
and read them 4-12 times faster. Wrapped paragraph lines are joined again, so a sentence split over two
lines reads as it would in a text file. A page's text keeps its page number as the locator ("page 2").
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from pathlib import Path

from ..errors import InputError
from .model import Document, line_parts

_EDGE = 2  # lines at the top and at the bottom of a page where running headers and footers sit
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?[-\u2013(]?\s*\d{1,4}\s*(?:(?:of|/)\s*\d{1,4})?\s*[-\u2013)]?\s*$", re.I)
_DIGITS = re.compile(r"\d+")
_END = (".", ":", ";", "!", "?")
_LABEL = re.compile(r"^[A-Z][\w ,/&()'\-]{0,40}:(?:\s|$)")  # "Reports to: ..." starts a field, never continues one


def read_pdf(data: bytes, path: Path | str) -> Document:
    """The text of every page, headers and footers that repeat across pages left out.

    A PDF without a text layer (a scan) is refused with the advice to OCR it first.
    """
    pages, meta = _page_lines(data, path)
    if not any(pages):
        raise InputError(f"{path}: no text layer; OCR it first")
    repeated = _running_lines(pages)
    lines: list[tuple[str, str]] = []
    running: dict[str, None] = {}  # the running heads and feet left out, in order: they often name the job
    for n, page in enumerate(pages, 1):
        kept = []
        for i, ln in enumerate(page):
            if _is_running(ln, i, len(page), repeated):
                running.setdefault(ln)
            else:
                kept.append(ln)
        lines.extend((ln, f"page {n}") for ln in _reflow(kept))
    text, parts = line_parts(lines)
    return Document(text, "pdf", parts, titles=tuple(dict.fromkeys([*running, *meta])))


# what an office suite puts in a PDF's title property around the document's own name
_SUITE_TITLE = re.compile(r"^(?:microsoft\s+(?:word|excel)\s*-\s*)|\.(?:docx?|rtf|odt|pdf)$", re.IGNORECASE)


def _page_lines(data: bytes, path: Path | str) -> tuple[list[list[str]], list[str]]:
    """Each page's non-empty lines, whitespace collapsed; and the document's title property, if it has one."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its recoverable-damage notes would break one-line output
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{path}: encrypted PDF; save an unprotected copy first")
        out = []
        for page in reader.pages:
            text = page.extract_text() or ""
            out.append([s for s in (" ".join(ln.split()) for ln in text.splitlines()) if s])
        title = (reader.metadata.title if reader.metadata else None) or ""
        return out, [t for t in (_SUITE_TITLE.sub("", " ".join(str(title).split())),) if t]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as e:
        raise InputError(f"{path}: not a readable PDF ({type(e).__name__})") from None


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines (digits as '#') at the top or bottom of at least two pages and half of them: running heads."""
    if len(pages) < 2:
        return set()
    seen: Counter = Counter()
    for page in pages:
        edge = {_DIGITS.sub("#", ln) for ln in page[:_EDGE] + page[-_EDGE:]}
        seen.update(edge)
    need = max(2, (len(pages) + 1) // 2)
    return {ln for ln, k in seen.items() if k >= need}


def _is_running(line: str, i: int, n: int, repeated: set[str]) -> bool:
    at_edge = i < _EDGE or i >= n - _EDGE
    return at_edge and (_DIGITS.sub("#", line) in repeated or bool(_PAGE_NUMBER.match(line)))


def _reflow(lines: list[str]) -> list[str]:
    """Join a paragraph's wrapped lines: a line continues the one before when that one ran to near the page's
    full width without ending a sentence, or ended in a hyphenated word or a comma."""
    if not lines:
        return []
    width = max(len(ln) for ln in lines)
    out = [lines[0]]
    for ln in lines[1:]:
        prev = out[-1]
        if _LABEL.match(ln):
            out.append(ln)
            continue
        wrapped = len(prev) >= 0.7 * width and not prev.endswith(_END) and width >= 60 and not _LABEL.match(prev)
        if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and ln[:1].islower():
            out[-1] = prev[:-1] + ln
        elif wrapped or prev.endswith(",") or ln[:1].islower():
            out[-1] = f"{prev} {ln}"
        else:
            out.append(ln)
    return out
