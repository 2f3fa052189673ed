"""Static org chart with Graphviz dot: same selection, levels and styles as the HTML page.

Levels come from the same Python layout (one `rank=same` group per reporting level), so the chart and the
page agree on who sits above whom; dot only orders nodes within a level and routes the lines around boxes.
Reporting is drawn one way whatever way a document stated it: supervisor -> report, one colour, the second
supervisor of a report dashed. Nodes outside every reporting line sit in their own labelled box, not in a
row that would read as a rank. The legend lists what is drawn, nothing else.
"""

from __future__ import annotations

import html
import shutil
import textwrap
from collections import defaultdict
from pathlib import Path

from orgkg.errors import UserError
from orgkg.ontology.schema import EDGE_TYPES, NODE_TYPES, PART_OF, SUPERVISES, UNDER_DIRECTION_OF

from .style import edge_gv, lighten, node_gv
from .views import View

FORMATS = ("svg", "png", "pdf")
CHART_THRESHOLD = 300  # above this many nodes the whole-organisation chart is a unit summary
CHART_MAX = 800  # boxes past which dot is not asked at all (it can take minutes or crash on big graphs)
REPORT_COLOR = EDGE_TYPES[UNDER_DIRECTION_OF].color
SECOND_COLOR = "#d9730d"


def _label(text: str, width: int = 24) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _reporting(view: View) -> list[tuple[str, str, object]]:
    """(supervisor, report, edge) for every reporting line, whichever way it was stated."""
    out = []
    for e in view.edges:
        if EDGE_TYPES[e.type].reporting:
            out.append((e.source, e.target, e) if e.type == SUPERVISES else (e.target, e.source, e))
    return out


def digraph(view: View):
    """A graphviz.Digraph of the view, with a legend of what it draws."""
    import graphviz

    dot = graphviz.Digraph("orgkg", graph_attr={
        "rankdir": "TB", "splines": "true", "nodesep": "0.25", "ranksep": "0.6", "label": view.title,
        "labelloc": "t", "fontname": "Helvetica", "fontsize": "14", "newrank": "true"})
    name = {n.id: f"n{i}" for i, n in enumerate(view.nodes)}  # dot reads "role:x" as node:port
    reporting = _reporting(view)
    in_hierarchy = {x for s, r, _ in reporting for x in (s, r)}
    in_hierarchy |= {x for e in view.edges if e.type == PART_OF for x in (e.source, e.target)}
    has_report = {s for s, _, _ in reporting}
    by_level: dict[int, list[str]] = defaultdict(list)
    loose = []
    for n in view.nodes:
        label = _label(n.name)
        if n.id in has_report and not n.parents:
            label += "\n(no supervisor stated)"
        attrs = node_gv(n.type, stub=n.stub, multi_parent=n.multi_parent, summary=n.count > 1)
        dot.node(name[n.id], label, tooltip=n.title[:900], id=n.id, **attrs)
        (by_level[n.level] if n.id in in_hierarchy else loose).append(name[n.id])
    levels = sorted(by_level)
    for lv in levels:  # an invisible spine pins every reporting level to its own dot rank, in order
        with dot.subgraph() as s:
            s.attr(rank="same")
            s.node(f"level{lv}", style="invis", shape="point", width="0", label="")
            for nid in by_level[lv]:
                s.node(nid)
    for a, b in zip(levels, levels[1:]):
        dot.edge(f"level{a}", f"level{b}", style="invis")
    if loose:
        with dot.subgraph(name="cluster_loose") as s:
            s.attr(label="No reporting line stated", fontname="Helvetica", fontsize="12", style="dashed", color="#999999")
            for nid in loose:
                s.node(nid)
    for sup, rep, e in reporting:
        attrs = {"color": REPORT_COLOR if e.primary else SECOND_COLOR, "penwidth": "1.8" if e.primary else "1.4",
                 "style": "solid" if e.primary else "dashed", "arrowsize": "0.6", "tooltip": e.title[:900]}
        if e.count > 1:
            attrs["label"] = f"×{e.count}"
        dot.edge(name[sup], name[rep], id=e.id, **attrs)
    for e in view.edges if not view.summary else []:  # a summary keeps the hierarchy only (thousands of merged lines)
        if not EDGE_TYPES[e.type].reporting:
            attrs = edge_gv(e.type, e.primary)
            attrs["tooltip"] = e.title[:900]
            if e.count > 1:
                attrs["label"] = f"×{e.count}"
            dot.edge(name[e.source], name[e.target], id=e.id, constraint="false", **attrs)
    dot.node("legend", legend_label(view), shape="plaintext", id="legend")
    return dot


def legend_label(view: View) -> str:
    """An HTML-like table listing the node types, stubs and line kinds this chart draws."""
    rows = []
    for t in sorted({n.type for n in view.nodes}, key=list(NODE_TYPES).index):
        rows.append((f'<TD BGCOLOR="{NODE_TYPES[t].color}" WIDTH="24"> </TD>', NODE_TYPES[t].label))
    if any(n.stub for n in view.nodes):
        rows.append((f'<TD BGCOLOR="{lighten(NODE_TYPES["Role"].color)}" WIDTH="24"> </TD>', "named, not described"))
    kinds = {e.type for e in view.edges} if not view.summary else set()
    reporting = _reporting(view)
    if any(e.primary for _, _, e in reporting):
        rows.append((f'<TD><FONT COLOR="{REPORT_COLOR}">━━▶</FONT></TD>', "reports to (supervisor above → report)"))
    if any(not e.primary for _, _, e in reporting):
        rows.append((f'<TD><FONT COLOR="{SECOND_COLOR}">╍╍▶</FONT></TD>', "second supervisor"))
    for k in sorted(kinds):
        if not EDGE_TYPES[k].reporting:
            et = EDGE_TYPES[k]
            mark = {"solid": "━━", "dashed": "╍╍", "dotted": "┅┅"}[et.style]
            rows.append((f'<TD><FONT COLOR="{et.color}">{mark}</FONT></TD>', et.label))
    body = "".join(f"<TR>{sw}<TD ALIGN=\"LEFT\">{html.escape(text)}</TD></TR>" for sw, text in rows)
    head = '<TR><TD COLSPAN="2"><B>Legend</B></TD></TR>'
    return f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" COLOR="#999999">{head}{body}</TABLE>>'


def write_chart(view: View, path: str | Path) -> Path:
    """Run dot and write the chart atomically with the user's umask; any dot failure is one line."""
    import graphviz

    from .output import write_output

    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise UserError(f"{path}: unknown chart format {path.suffix or '(none)'!r}; use .svg, .png or .pdf")
    if not shutil.which("dot"):
        raise UserError("dot: Graphviz is not installed (apt-get install graphviz, or brew install graphviz)")
    if len(view.nodes) > CHART_MAX:
        raise UserError(f"{path}: {len(view.nodes):,} boxes are too many for a chart (limit {CHART_MAX:,}); "
                        "focus with --unit, --focus or --chain, or use --summary")
    try:
        data = digraph(view).pipe(format=fmt, quiet=True)  # dot's own chatter would break the one-line rule
    except graphviz.CalledProcessError as e:
        err = (e.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        why = err[-1] if err else f"exit status {e.returncode}"
        raise UserError(f"{path}: Graphviz dot failed ({why})") from None
    except (OSError, graphviz.ExecutableNotFound) as e:
        raise UserError(f"{path}: Graphviz dot could not run ({e})") from None
    return write_output(path, data)
