"""The explorer as one offline HTML file (`orgkg viz`): the same page, layout rules and card as `orgkg serve`,
with its data (cards, search entries, source texts) embedded instead of fetched.

Graphs too big to embed sensibly are refused with a pointer to `orgkg serve`, which answers from memory.

    write_page(g, "org.html", start="collab=unit:department-of-systemwide-safety-and-emergency-management")
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from orgkg.graph import OrgGraph
from orgkg.graph.traverse import children
from orgkg.ontology.schema import DOCUMENT

from orgkg.errors import UserError

from . import explore
from .assets import SCRIPTS, STYLES, read
from .output import write_output
from .search import SEARCHED, SearchIndex

MAX_NODES = 20_000  # roles, units and organisations past which one file gets too heavy for a browser
MAX_COLLAB = 60  # collaborators embedded per card (the count stays exact); `orgkg serve` lists all
MAX_DOC_TEXT = 20_000_000  # characters of source text embedded at most (evidence links need them)


def _script_json(obj) -> str:
    """JSON safe inside <script>: nothing in it can close the tag or open a comment."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def slim(card: dict) -> dict:
    """A card as the one-file page embeds it: without what the page does not show (the flat evidence list and
    the evidence of every ancestor) and with one sentence per collaboration statement (units gather their
    members' collaborations, which would otherwise repeat the same sentences many times over)."""
    out = {k: v for k, v in card.items() if k not in ("evidence", "above")}
    out["collaborators"] = [{**c, "relations": [{**r, "evidence": r["evidence"][:1]} for r in c["relations"]]}
                            for c in card["collaborators"][:MAX_COLLAB]]
    return out


def page_data(g: OrgGraph, start: str | None = None) -> dict:
    """Everything the page asks the API for, computed once: cards, roots, search entries, documents."""
    ids = [n for n, d in g.g.nodes(data=True) if d["type"] in SEARCHED]
    if len(ids) > MAX_NODES:
        raise UserError(f"{len(ids):,} roles and units are too many for one HTML file (limit {MAX_NODES:,}); "
                        "use `orgkg serve GRAPH` to explore it in the browser")
    index = SearchIndex.from_graph(g)
    search = [{"id": index.ids[i], "name": index.names[i], "type": index.types[i], "aliases": index.aliases[i],
               "texts": index.texts[i], "letters": index.letters[i]} for i in range(len(index))]
    docs, size = {}, 0
    for _, d in g.g.nodes(data=True):
        if d["type"] == DOCUMENT and size < MAX_DOC_TEXT:
            try:
                doc = explore.document(g, d["name"])
            except (KeyError, OSError):
                continue
            docs[d["name"]] = doc
            size += len(doc["text"])
    return {"cards": {n: slim(explore.card(g, n)) for n in ids},
            "roots": {"title": "Organisation", "summary": g.summary(), "roots": explore.roots(g)},
            "search": search, "docs": docs, "start": start}


def render_page(g: OrgGraph, start: str | None = None, title: str = "orgkg") -> str:
    """The whole page as one string: styles, data and scripts inlined, nothing fetched."""
    page = read("explorer.html")
    css = "\n".join(read(s) for s in STYLES)
    scripts = [f"<script>window.ORGKG_DATA = {_script_json(page_data(g, start))};</script>"]
    for s in SCRIPTS:
        js = read(s)
        if "</script" in js.lower():
            raise RuntimeError(f"{s} contains '</script' and cannot be inlined")
        scripts.append(f"<script>\n{js}\n</script>")
    page = page.replace('<link rel="stylesheet" href="/static/explorer.css">', f"<style>\n{css}\n</style>")
    tags = "\n".join(f'<script src="/static/{s}"></script>' for s in SCRIPTS)
    if tags not in page:
        raise RuntimeError("explorer.html does not load the scripts viz.assets.SCRIPTS names")
    page = page.replace(tags, "\n".join(scripts))
    return page.replace("<title>orgkg explorer</title>", f"<title>{html.escape(title)}</title>")


def start_of(g: OrgGraph, focus: str | None, chain: str | None, collaborators: str | None, unit: str | None,
             depth: int = 2) -> str | None:
    """The view the page opens on, as its URL fragment; reports with reports are opened `depth`-1 levels."""
    name = focus or chain or unit or collaborators
    if not name:
        return None
    try:
        nid = g.resolve(name)
    except LookupError as e:
        raise UserError(str(e), code=1) from None
    if collaborators:
        return f"collab={nid}"
    opened, level = [], [nid]
    for _ in range(max(0, depth - 1)):
        level = [c for n in level for c, _, _ in children(g, n) if children(g, c)]
        opened += level
    return f"node={nid}" + (f"&x={','.join(sorted(set(opened))[:60])}" if opened and not chain else "")


def write_page(g: OrgGraph, path: str | Path, start: str | None = None) -> Path:
    """Write the one-file explorer atomically with the user's umask."""
    return write_output(path, render_page(g, start, title=f"orgkg: {Path(path).stem}"))
