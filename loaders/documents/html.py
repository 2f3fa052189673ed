"""HTML to text with lxml: the visible text in reading order, one line per block, boilerplate left out.

Pages wrap a description in navigation, banners and footers; where the page marks them (nav, header,
footer, aside, role=navigation/banner/contentinfo) they are dropped with scripts, styles and hidden
elements. Headings, paragraphs, list items and table rows become lines, so the loaders see the same
labelled fields and sections as in a plain-text description. Two-cell table rows read "Label: value".
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .model import Document, line_parts

_DROP = ("script", "style", "noscript", "template", "nav", "aside", "head", "svg", "iframe", "object", "button", "select",
         "form")
# a page's banner and footer, but not an article's own header ("<article><header><h1>Payroll Specialist</h1>"),
# which holds the title
_PAGE_FURNITURE = "//header[not(ancestor::main or ancestor::article)] | //footer[not(ancestor::main or ancestor::article)]"
_DROP_XPATH = ("//*[@role='navigation' or @role='banner' or @role='contentinfo' or @role='search' "
               "or @hidden or @aria-hidden='true']")
# elements whose start and end break the line (the rest are inline)
_BLOCKS = frozenset({"address", "article", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl",
                     "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
                     "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul",
                     "html", "center"})
_CELLS = frozenset({"td", "th"})


def read_html(text: str, path: Path | str) -> Document:
    """The page's visible text, a line per block, each line's element as its locator ("p 3": the third <p>).

    >>> read_html("<nav>Home</nav><h1>Clerk</h1><p>Reports to: Office Manager</p>", "a.html").text
    'Clerk\\nReports to: Office Manager'
    """
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"{path}: not readable as HTML ({e})") from None
    titles = _page_titles(root)
    for el in root.xpath("//" + " | //".join(_DROP) + " | " + _DROP_XPATH + " | " + _PAGE_FURNITURE):
        if el.getparent() is not None:
            el.drop_tree()  # keeps the element's tail text, which belongs to its parent
    lines = _lines(root, etree)
    if not lines:
        raise InputError(f"{path}: no text (an HTML page with no visible text)")
    joined, parts = line_parts(lines)
    return Document(joined, "html", parts, titles=titles)


def _page_titles(root) -> tuple[str, ...]:
    """The page's og:title / twitter:title and <title>, in that order (the og:title is the one a site writes
    for the content, the <title> often adds the site's name), white space collapsed, empty ones left out."""
    found = _posting_titles(root)
    found += root.xpath("//meta[@property='og:title' or @name='og:title' or @name='twitter:title']/@content")
    found += [t.text_content() for t in root.xpath("//title")]
    return tuple(dict.fromkeys(s for s in (" ".join(str(x).split()) for x in found) if s))


def _lines(root, etree) -> list[tuple[str, str]]:
    """(line, locator) in document order; iterwalk, not recursion, so deeply nested pages cannot overflow."""
    counts: dict[str, int] = {}
    stack: list[str] = []  # locators of the open blocks
    row: list[str] | None = None  # cells of the open table row
    buf: list[str] = []
    lines: list[tuple[str, str]] = []

    def flush() -> None:
        s = " ".join("".join(buf).split())
        buf.clear()
        if s:
            if row is not None:
                row.append(s)
            else:
                lines.append((s, stack[-1] if stack else "body"))

    items: set = set()  # inline elements that stand as items of a row ("<span>Req 11</span> <span>Lab X</span>")
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS and _item_row(el):
                items.update(el)
            if tag in _BLOCKS or tag in _CELLS or tag == "br" or el in items:
                flush()
            if tag in _BLOCKS:
                counts[tag] = counts.get(tag, 0) + 1
                stack.append(f"{tag} {counts[tag]}")
                if tag == "tr":
                    row = []
            if tag and el.text:
                buf.append(el.text)
        else:
            if tag in _BLOCKS or tag in _CELLS or el in items:
                flush()
            if tag == "tr" and row is not None:
                lines.extend((c, stack[-1]) for c in _row_lines(row))
                row = None
            if tag in _BLOCKS:
                stack.pop()
            if el.tail:
                buf.append(el.tail)
    flush()
    return lines


def _posting_titles(root) -> list[str]:
    """The title of a schema.org JobPosting in the page's JSON-LD, which job boards embed for search engines."""
    import json

    out: list[str] = []
    for script in root.xpath("//script[@type='application/ld+json']")[:5]:
        try:
            data = json.loads(script.text_content()[:200_000])
        except ValueError:
            continue
        stack = [data]
        while stack and len(out) < 3:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item[:20])
            elif isinstance(item, dict):
                if item.get("@type") == "JobPosting" and isinstance(item.get("title"), str):
                    out.append(item["title"])
                graph = item.get("@graph")  # several objects in one script: {"@graph": [{...}, {...}]}
                if isinstance(graph, list):
                    stack.extend(graph[:20])
    return out


_ITEM_TAGS = frozenset({"span", "a", "strong", "b", "em", "i", "small", "label", "time"})


def _item_row(el) -> bool:
    """A block holding only two or more inline elements with nothing but white space between them: a row of
    items (a job's meta data, a menu), each a line of its own rather than one run-on line."""
    kids = list(el)
    if len(kids) < 2 or (el.text or "").strip():
        return False
    return all(isinstance(k.tag, str) and k.tag in _ITEM_TAGS and not (k.tail or "").strip() and len(k) == 0
               and (k.text or "").strip() for k in kids)


def _row_lines(cells: list[str]) -> list[str]:
    """A table row's lines: "Label: value" for a two-cell row with a short label, else one line per cell."""
    if len(cells) == 2 and len(cells[0]) <= 60 and not cells[0].endswith((".", "!", "?")):
        return [f"{cells[0].rstrip(': ')}: {cells[1]}"]
    return cells
