"""Static org chart with Graphviz dot: same selection, levels and styles as the HTML page.

Levels come from the same Python layout (one `rank=same` group per level), so the chart and
the interactive page agree on who sits above whom; dot only orders nodes within a level.
"""

from __future__ import annotations

import shutil
import textwrap
from collections import defaultdict
from pathlib import Path

from orgkg.errors import UserError
from orgkg.ontology.schema import EDGE_TYPES, SUPERVISES

from .style import edge_gv, node_gv
from .views import View

FORMATS = ("svg", "png", "pdf")


def _label(text: str, width: int = 24) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def digraph(view: View):
    """A graphviz.Digraph of the view: hierarchy edges drawn supervisor -> report so dot ranks them."""
    import graphviz

    dot = graphviz.Digraph("orgkg", graph_attr={
        "rankdir": "TB", "splines": "true", "nodesep": "0.25", "ranksep": "0.6", "label": view.title,
        "labelloc": "t", "fontname": "Helvetica", "fontsize": "14", "newrank": "true"})
    # dot reads "role:x" as node "role", port "x": use plain names and keep the id in the SVG
    name = {n.id: f"n{i}" for i, n in enumerate(view.nodes)}
    by_level: dict[int, list[str]] = defaultdict(list)
    for n in view.nodes:
        by_level[n.level].append(name[n.id])
        tooltip = n.title[:900]
        dot.node(name[n.id], _label(n.name), tooltip=tooltip, id=n.id,
                 **node_gv(n.type, stub=n.stub, multi_parent=n.multi_parent, summary=n.count > 1))
    levels = sorted(by_level)
    for lv in levels:  # an invisible spine pins every Python level to its own dot rank, in order
        with dot.subgraph() as s:
            s.attr(rank="same")
            s.node(f"level{lv}", style="invis", shape="point", width="0", label="")
            for nid in by_level[lv]:
                s.node(nid)
    for a, b in zip(levels, levels[1:]):
        dot.edge(f"level{a}", f"level{b}", style="invis")
    for e in view.edges:
        et = EDGE_TYPES[e.type]
        attrs = edge_gv(e.type, e.primary)
        attrs["tooltip"] = e.title[:900]
        if e.count > 1:
            attrs["label"] = f"×{e.count}"
        if et.reporting and e.type != SUPERVISES:
            # drawn supervisor -> report (dot ranks tails above heads), arrow kept at the supervisor
            dot.edge(name[e.target], name[e.source], dir="back", id=e.id, **{k: v for k, v in attrs.items() if k != "dir"})
        else:
            dot.edge(name[e.source], name[e.target], id=e.id, constraint="true" if et.reporting else "false", **attrs)
    return dot


def write_chart(view: View, path: str | Path) -> Path:
    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise UserError(f"{path}: unknown chart format {path.suffix or '(none)'!r}; use .svg, .png or .pdf")
    if not shutil.which("dot"):
        raise UserError("dot: Graphviz is not installed (apt-get install graphviz, or brew install graphviz)")
    data = digraph(view).pipe(format=fmt)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path
