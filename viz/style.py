"""Visual styles derived from ontology/schema.py, for vis-network (HTML) and Graphviz (chart).

Colours, shapes and dash styles live in the schema; this module only translates them.
"""

from __future__ import annotations

from orgkg.ontology.schema import EDGE_TYPES, NODE_TYPES, ROLE

STUB_DASHES = [5, 4]
DASHES = {"solid": False, "dashed": [8, 6], "dotted": [2, 5]}
GV_SHAPES = {"box": "box", "ellipse": "ellipse", "diamond": "diamond", "dot": "circle", "square": "square"}
SUMMARY_SHAPE = "box"


def lighten(hex_color: str, amount: float = 0.65) -> str:
    """Mix a #rrggbb colour with white: stub roles are drawn as pale versions of their type."""
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    r, g, b = (round(c + (255 - c) * amount) for c in (r, g, b))
    return f"#{r:02x}{g:02x}{b:02x}"


def node_vis(node_type: str, stub: bool = False, multi_parent: bool = False, summary: bool = False) -> dict:
    nt = NODE_TYPES[node_type]
    fill = lighten(nt.color) if stub else nt.color
    border = "#222222" if multi_parent else nt.color
    style = {
        "shape": SUMMARY_SHAPE if summary else nt.shape,
        "color": {"background": fill, "border": border,
                  "highlight": {"background": fill, "border": "#000000"},
                  "hover": {"background": fill, "border": "#000000"}},
        "borderWidth": 3 if multi_parent or summary else 1,
        "font": {"color": "#1a1a1a" if stub or nt.shape in ("dot", "diamond", "square") else "#ffffff"},
    }
    if stub:
        style["shapeProperties"] = {"borderDashes": STUB_DASHES}
        style["color"]["border"] = "#444444" if not multi_parent else border
    if nt.shape == "dot":
        style["size"] = 10
    return style


def edge_vis(edge_type: str, primary: bool = True) -> dict:
    et = EDGE_TYPES[edge_type]
    style = {
        "color": {"color": et.color, "highlight": "#000000", "hover": "#000000", "opacity": 1.0 if primary else 0.55},
        "dashes": DASHES[et.style],
        "width": 2 if et.reporting and primary else 1,
        "arrows": {"to": {"enabled": not et.symmetric, "scaleFactor": 0.6}},
    }
    if et.reporting and not primary:  # a second (or third) supervisor: same line style, drawn curved and paler
        style["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.15}
    return style


def node_gv(node_type: str, stub: bool = False, multi_parent: bool = False, summary: bool = False) -> dict[str, str]:
    nt = NODE_TYPES[node_type]
    styles = ["filled"] + (["dashed"] if stub else []) + (["rounded"] if summary else [])
    dark_text = stub or nt.shape in ("dot", "diamond", "square")
    return {
        "shape": "box" if summary else GV_SHAPES.get(nt.shape, "box"),
        "style": ",".join(styles),
        "fillcolor": lighten(nt.color) if stub else nt.color,
        "color": "#222222" if multi_parent else ("#444444" if stub else nt.color),
        "penwidth": "2.5" if multi_parent or summary else "1",
        "fontcolor": "#1a1a1a" if dark_text else "#ffffff",
        "fontname": "Helvetica",
        "fontsize": "11",
    }


def edge_gv(edge_type: str, primary: bool = True) -> dict[str, str]:
    et = EDGE_TYPES[edge_type]
    return {
        "style": et.style,
        "color": et.color if primary else et.color + "99",
        "penwidth": "1.8" if et.reporting and primary else "1",
        "dir": "none" if et.symmetric else "forward",
        "arrowsize": "0.6",
    }


def legend_items() -> dict[str, list[dict]]:
    """What the HTML legend lists, straight from the schema."""
    nodes = [{"label": nt.label, "color": nt.color, "shape": nt.shape, "comment": nt.comment}
             for nt in NODE_TYPES.values()]
    nodes.append({"label": f"{NODE_TYPES[ROLE].label} (stub: referenced, not described)",
                  "color": lighten(NODE_TYPES[ROLE].color), "shape": "box", "stub": True,
                  "comment": "A role named in a description but without a description of its own."})
    nodes.append({"label": "several supervisors", "color": NODE_TYPES[ROLE].color, "shape": "box", "multi": True,
                  "comment": "Thick dark border; the extra reporting lines are drawn curved and paler."})
    edges = [{"label": et.label, "color": et.color, "style": et.style, "comment": et.comment}
             for et in EDGE_TYPES.values()]
    return {"nodes": nodes, "edges": edges}
