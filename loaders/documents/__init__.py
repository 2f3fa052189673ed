"""Reading a file into text: plain text in any common encoding, HTML, PDF and DOCX.

Loaders read text; organisations keep their descriptions as web pages, PDFs and Word files. Each reader
turns the file's bytes into one text plus the places it came from (a PDF page, an HTML or DOCX element),
so evidence spans point into the extracted text and still say where in the file a sentence stands.
"""

from __future__ import annotations

from pathlib import Path

from .model import Document, kind_of

__all__ = ["Document", "kind_of", "read_document", "SUPPORTED_SUFFIXES"]

# suffix -> kind; files with other suffixes in a folder are reported as skipped ("unsupported kind")
SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text", "": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


def read_document(data: bytes, path: Path | str) -> Document:
    """The text of a file's bytes, by what the bytes are (a PDF or DOCX named .txt is still read as one).

    >>> read_document(b"Reports to: Director", "a.txt").text
    'Reports to: Director'
    """
    kind = kind_of(data, str(path))
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, path)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data, path)
    from .decode import decode_text

    text, utf8, warnings = decode_text(data, path)
    if kind == "html":
        from .html import read_html

        doc = read_html(text, path)
        doc.warnings[:0] = warnings
        return doc
    return Document(text, "text", utf8=utf8, warnings=warnings)
