"""The HTML page is self-contained (no CDN), carries the view's data, and the CLI/notebook entry points work."""

from __future__ import annotations

import html
import json
import re

from orgkg import viz
from orgkg.cli import main
from orgkg.viz.page import render

COORD = "Coordinator, Innovative and Progressive Systemwide Training"
COORD_ID = "role:coordinator-innovative-and-progressive-systemwide-training"
REMOTE = re.compile(r"<(script|link|img|iframe|source|embed)\b[^>]*\b(src|href)\s*=\s*[\"']?\s*(https?:)?//", re.I)


def page_data(page: str) -> dict:
    m = re.search(r'<script id="orgkg-data" type="application/json">(.*?)</script>', page, re.S)
    assert m, "data block missing"
    return json.loads(m.group(1))


def test_page_is_offline(sample_graph):
    page = viz.html(sample_graph)
    assert not REMOTE.search(page), REMOTE.search(page).group(0)
    assert "@import" not in page and "sourceMappingURL" not in page
    assert "vis.Network" in page and len(page) > 300_000  # vis-network itself is inlined


def test_page_data_matches_view(sample_graph):
    v = viz.view(sample_graph)
    data = page_data(render(v))
    assert [n["id"] for n in data["nodes"]] == [n.id for n in v.nodes]
    assert sorted(e["id"] for e in data["edges"]) == sorted(e.id for e in v.edges)
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float | int) and isinstance(n["y"], float | int) for n in data["nodes"])


def test_edge_title_has_evidence_and_document(sample_graph):
    data = page_data(viz.html(sample_graph))
    udo = [e for e in data["edges"] if e["from"] == COORD_ID and e["type"] == "UNDER_DIRECTION_OF"]
    assert len(udo) == 1
    ev = next(sample_graph.edges("UNDER_DIRECTION_OF")) and [
        e for e in sample_graph.edges("UNDER_DIRECTION_OF") if e["source"] == COORD_ID][0]["evidence"][0]
    assert " ".join(ev["text"].split()) in udo[0]["title"] and ev["doc"] in udo[0]["title"]


def test_styles_come_from_schema(sample_graph):
    from orgkg.ontology.schema import EDGE_TYPES, NODE_TYPES
    data = page_data(viz.html(sample_graph))
    for n in data["nodes"]:
        if not n["stub"]:
            assert n["color"]["background"] == NODE_TYPES[n["type"]].color and n["shape"] == NODE_TYPES[n["type"]].shape
        else:
            assert n["shapeProperties"]["borderDashes"]
    styles = {e["type"]: e["dashes"] for e in data["edges"]}
    assert styles["UNDER_DIRECTION_OF"] is False and styles["COLLABORATES_WITH"] not in (False, None)
    assert EDGE_TYPES["COLLABORATES_WITH"].style == "dashed"


def test_script_injection_in_names_is_escaped(sample_graph):
    from orgkg.graph import OrgGraph
    g = OrgGraph()
    g.add_node("Role", "</script><script>alert(1)</script>", nid="role:evil", described=True)
    page = viz.html(g)
    assert "<script>alert(1)" not in page
    assert page_data(page)["nodes"][0]["label"] == "</script><script>alert(1)</script>"


def test_show_returns_inline_iframe_with_full_page(sample_graph):
    obj = viz.show(sample_graph, focus=COORD)
    markup = obj._repr_html_() if hasattr(obj, "_repr_html_") else obj.data
    m = re.search(r'srcdoc="([^"]*)"', markup)
    assert m and "<iframe" in markup
    inner = html.unescape(m.group(1))
    assert inner == render(viz.view(sample_graph, focus=COORD))
    assert sample_graph.show(focus=COORD).data == obj.data  # OrgGraph.show delegates here


def test_cli_viz_writes_html(tmp_path, sample_graph_file, capsys):
    out = tmp_path / "org.html"
    assert main(["viz", str(sample_graph_file), "-o", str(out), "--focus", "DSSEM", "--depth", "1", "--network"]) == 0
    assert "wrote" in capsys.readouterr().out
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["focus"] == "unit:department-of-systemwide-safety-and-emergency-management"


def test_cli_viz_without_graph_uses_sample(tmp_path):
    out = tmp_path / "org.html"
    assert main(["viz", "-o", str(out), "--competencies", "--network"]) == 0
    assert any(n["type"] == "Competency" for n in page_data(out.read_text(encoding="utf-8"))["nodes"])


def test_cli_errors_are_one_line(tmp_path, capsys):
    assert main(["viz", "-o", str(tmp_path / "x.html"), "--focus", "Nobody Of Nowhere"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("orgkg: no node named") and err.count("\n") == 1
    assert main(["viz", "-o", str(tmp_path / "missing" / "x.html")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["viz", str(tmp_path / "nope.json"), "-o", str(tmp_path / "x.html")]) == 2
    assert "Traceback" not in capsys.readouterr().err
