"""The interactive page: one self-contained HTML file built with pyvis and vis-network inlined.

pyvis' own templates load Bootstrap (and, unless in_line, vis-network) from CDNs, which makes
pages blank offline and in some notebook front ends. We keep pyvis' Network (data, options and
its Jinja environment) and its bundled vis-network, but render our own template that inlines
everything: no request ever leaves the page.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .style import edge_vis, legend_items, node_vis
from .views import View

TEMPLATES = Path(__file__).resolve().parent / "templates"
BIG = 1000  # above this many nodes: straight edges hidden while dragging, no label-heavy extras


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)  # no attempt to fetch a map file
    if "</script" in js.lower():
        raise RuntimeError("vis-network.min.js contains '</script' and cannot be inlined")
    return js, css


def _options(view: View) -> dict:
    big = len(view.nodes) > BIG
    return {
        "physics": {"enabled": False, "stabilization": False,
                    "barnesHut": {"gravitationalConstant": -3000, "springLength": 140}},
        "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "multiselect": False, "navigationButtons": False, "keyboard": False},
        "nodes": {"font": {"size": 13, "face": "Helvetica, Arial, sans-serif"},
                  "widthConstraint": {"maximum": 160}, "margin": 8},
        "edges": {"smooth": False, "font": {"size": 10}, "selectionWidth": 2, "hoverWidth": 1},
    }


def network(view: View):
    """A pyvis Network holding the view's nodes, edges and options (no layout of its own)."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.set_template_dir(str(TEMPLATES) + "/", "org.html")
    # assigning the lists directly: pyvis' add_node/add_edge scan lists per call (quadratic at 5,000 nodes)
    net.nodes = [{
        "id": n.id, "label": n.name, "title": n.title, "x": n.x, "y": n.y, "level": n.level,
        "type": n.type, "stub": n.stub, "count": n.count, "names": n.names,
        **node_vis(n.type, stub=n.stub, multi_parent=n.multi_parent, summary=n.count > 1),
    } for n in view.nodes]
    net.node_ids = [n["id"] for n in net.nodes]
    net.node_map = {n["id"]: n for n in net.nodes}
    net.edges = [{
        "id": e.id, "from": e.source, "to": e.target, "title": e.title, "type": e.type, "primary": e.primary,
        "doc": (e.evidence[0].get("doc") if e.evidence else None),
        **({"label": f"×{e.count}"} if e.count > 1 else {}),
        **edge_vis(e.type, e.primary),
    } for e in view.edges]
    net.options = _options(view)
    return net


def _json_for_script(obj) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can close the tag or open a comment."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(view: View) -> str:
    """The whole page as one string."""
    net = network(view)
    nodes, edges, _, _, _, options = net.get_network_data()
    js, css = _vis_assets()
    data = {
        "nodes": nodes, "edges": edges, "options": json.loads(options), "focus": view.focus,
        "hidden": view.hidden, "summary": view.summary,
    }
    tpl = net.templateEnv.get_template(net.path)
    return tpl.render(
        title=view.title, banner=view.banner, vis_js=js, vis_css=css, data_json=_json_for_script(data),
        n_nodes=len(view.nodes), n_edges=len(view.edges), total_nodes=view.total_nodes,
        total_edges=view.total_edges, legend=legend_items(),
    )


def write(view: View, path: str | Path) -> Path:
    """Write atomically with the user's umask (see viz/output.py) so a browser never opens half a page."""
    from .output import write_output

    return write_output(path, render(view))
