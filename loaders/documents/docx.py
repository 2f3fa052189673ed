"""DOCX to text with python-docx: paragraphs, headings and table cells in document order.

Word descriptions often put the header fields in a two-column table ("Job Title | Budget Analyst"); such
rows become "Label: value" lines, the labelled fields the loaders read. Each line keeps its element as the
locator: "paragraph 4", "table 1, row 2".
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import InputError
from .model import Document, line_parts

_MAX_UNZIPPED = 200 * 1024 * 1024  # a zip bomb is refused before python-docx inflates it


def read_docx(data: bytes, path: Path | str) -> Document:
    """The document's text, a line per paragraph and per table row (or cell).

    A zip that is no Word document (an .xlsx, an .odt) is refused with one line.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names:
                raise InputError(f"{path}: a zip archive, not a Word (.docx) document")
            if sum(i.file_size for i in z.infolist()) > _MAX_UNZIPPED:
                raise InputError(f"{path}: file too large once unpacked")
    except zipfile.BadZipFile:
        raise InputError(f"{path}: not a readable DOCX (damaged zip archive)") from None
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many kinds (KeyError, ValueError, lxml errors) on damaged parts
        raise InputError(f"{path}: not a readable DOCX ({type(e).__name__})") from None
    lines: list[tuple[str, str]] = []
    n_par = n_tab = 0
    for item in d.iter_inner_content():
        if isinstance(item, Paragraph):
            n_par += 1
            text = " ".join(item.text.split())
            if text:
                lines.append((text, f"paragraph {n_par}"))
        elif isinstance(item, Table):
            n_tab += 1
            lines.extend(_table_lines(item, n_tab))
    if not lines:
        raise InputError(f"{path}: no text (an empty Word document)")
    text, parts = line_parts(lines)
    return Document(text, "docx", parts, titles=_titles(d))


def _titles(d) -> tuple[str, ...]:
    """The document's own names for itself outside its body: its page header's lines ("Job Description -
    Payroll Specialist") and the title in its properties, for a body whose first lines name no job."""
    found: list[str] = []
    try:
        for section in d.sections[:1]:
            found += [p.text for p in section.header.paragraphs]
        found.append(d.core_properties.title or "")
    except (AttributeError, KeyError, ValueError):  # a damaged header part names nothing
        pass
    return tuple(dict.fromkeys(t for t in (" ".join(x.split()) for x in found) if t))


def _table_lines(table, n: int) -> list[tuple[str, str]]:
    """A table's lines: "Label: value" for a two-cell row with a short label, else each cell a line."""
    out: list[tuple[str, str]] = []
    for r, row in enumerate(table.rows, 1):
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:  # a merged cell appears once per grid column it spans
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = " ".join(cell.text.split())
            if text:
                cells.append(text)
        loc = f"table {n}, row {r}"
        if len(cells) == 2 and len(cells[0]) <= 60 and not cells[0].endswith((".", "!", "?")):
            out.append((f"{cells[0].rstrip(': ')}: {cells[1]}", loc))
        else:
            out.extend((c, loc) for c in cells)
    return out
