"""What a document reader gives back: the text, what kind of file it was, and where each part came from."""

from __future__ import annotations

import os
from bisect import bisect_right
from dataclasses import dataclass, field

_HTML_HEADS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml", b"<!--")


@dataclass
class Document:
    """`text` is what loaders read; `parts` are (offset, locator) pairs, sorted, each locator holding from its
    offset to the next one's ("page 2", "p 4", "table 1, row 3"); none for plain text. `utf8`: the text's
    UTF-8 encoding when the file's bytes are exactly that (the loaders hash it instead of encoding again)."""

    text: str
    kind: str  # text | html | pdf | docx
    parts: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    utf8: bytes | None = None
    # the document's own names for itself, outside its visible text (an HTML page's og:title and <title>, which a
    # browser shows in the tab; a Word file's page header and title property): where the visible heading is the
    # employer's name, the job title is often there
    titles: tuple[str, ...] = ()

    def locator(self, offset: int) -> str | None:
        """The locator of the part holding character `offset`.

        >>> Document("ab\\ncd", "pdf", [(0, "page 1"), (3, "page 2")]).locator(4)
        'page 2'
        """
        if not self.parts:
            return None
        k = bisect_right(self.parts, (offset, "\uffff")) - 1
        return self.parts[max(k, 0)][1]


def kind_of(data: bytes, path: str) -> str:
    """What the bytes are: 'pdf', 'docx', 'html' or 'text', by content first and the suffix second.

    >>> kind_of(b"%PDF-1.7 ...", "x.txt")
    'pdf'
    """
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    suffix = os.path.splitext(path)[1].lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<") and head.startswith(_HTML_HEADS):
        return "html"
    if head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff"):  # UTF-16: look at the decoded head
        try:
            h = data[:1024].decode("utf-16", errors="ignore").lstrip("\ufeff \t\r\n").lower().encode()
        except UnicodeError:
            return "text"
        return "html" if h.startswith(_HTML_HEADS) else "text"
    return "text"


def line_parts(lines: list[tuple[str, str]]) -> tuple[str, list[tuple[int, str]]]:
    """Join (line, locator) pairs into one text with a part per change of locator.

    >>> line_parts([("Title", "h1 1"), ("Reports to: X", "p 1")])
    ('Title\\nReports to: X', [(0, 'h1 1'), (6, 'p 1')])
    """
    out: list[str] = []
    parts: list[tuple[int, str]] = []
    pos = 0
    for text, loc in lines:
        if not parts or parts[-1][1] != loc:
            parts.append((pos, loc))
        out.append(text)
        pos += len(text) + 1
    return "\n".join(out), parts
