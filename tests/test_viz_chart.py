"""Graphviz charts: dot really runs, and the SVG carries the view's nodes, edges and line styles."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest

from orgkg import viz
from orgkg.cli import main

pytestmark = pytest.mark.skipif(not shutil.which("dot"), reason="Graphviz `dot` is not installed (apt-get install graphviz)")
SVG = "{http://www.w3.org/2000/svg}"


def _groups(path, cls: str) -> dict[str, ET.Element]:
    root = ET.parse(path).getroot()
    return {g.get("id"): g for g in root.iter(SVG + "g") if g.get("class") == cls}


def test_svg_has_every_node_and_edge(tmp_path, sample_graph):
    out = tmp_path / "org.svg"
    v = viz.view(sample_graph)
    viz.to_chart(sample_graph, out)
    nodes = _groups(out, "node")
    drawn = {i for i in nodes if ":" in i}  # the invisible level spine has plain ids
    assert drawn == {n.id for n in v.nodes}
    edges = _groups(out, "edge")
    assert {i for i in edges if "|" in i} == {e.id for e in v.edges}


def test_svg_line_styles_and_stub_dashes(tmp_path, sample_graph):
    out = tmp_path / "org.svg"
    viz.to_chart(sample_graph, out)
    edges = _groups(out, "edge")
    collab = [g for i, g in edges.items() if i and "|COLLABORATES_WITH|" in i]
    udo = [g for i, g in edges.items() if i and "|UNDER_DIRECTION_OF|" in i]
    dash = lambda g: any(p.get("stroke-dasharray") for p in g.iter(SVG + "path"))  # noqa: E731
    assert collab and all(dash(g) for g in collab)
    assert udo and not any(dash(g) for g in udo)
    stubs = [n.id for n in viz.view(sample_graph).nodes if n.stub]
    nodes = _groups(out, "node")
    assert stubs and all(any(s.get("stroke-dasharray") for s in nodes[i].iter()) for i in stubs)


def test_chart_levels_match_page(tmp_path, sample_graph):
    """dot puts a supervisor above its report, as the HTML layout does."""
    out = tmp_path / "org.svg"
    v = viz.view(sample_graph)
    viz.to_chart(sample_graph, out)
    nodes = _groups(out, "node")

    def y(nid):
        shape = next(iter(nodes[nid].iter(SVG + "text")))
        return float(shape.get("y"))
    for e in v.edges:
        if e.type == "UNDER_DIRECTION_OF" and e.primary:
            assert y(e.target) < y(e.source)


def test_cli_chart_png_and_bad_format(tmp_path, capsys):
    out = tmp_path / "org.png"
    assert main(["chart", "-o", str(out), "--chain", "Coordinator, Innovative and Progressive Systemwide Training"]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["chart", "-o", str(tmp_path / "org.gif")]) == 2
    assert "unknown chart format" in capsys.readouterr().err
