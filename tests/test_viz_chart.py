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
    v = viz.view(sample_graph)
    first = {e.id for e in v.edges if e.type in ("UNDER_DIRECTION_OF", "SUPERVISES") and e.primary}
    second = {e.id for e in v.edges if e.type in ("UNDER_DIRECTION_OF", "SUPERVISES") and not e.primary}
    dash = lambda g: any(p.get("stroke-dasharray") for p in g.iter(SVG + "path"))  # noqa: E731
    assert collab and all(dash(g) for g in collab)
    assert first and not any(dash(edges[i]) for i in first)  # primary reporting lines solid, either statement
    assert second and all(dash(edges[i]) for i in second)  # a second supervisor's line dashed
    colour = {p.get("stroke") for i in first for p in edges[i].iter(SVG + "path")}
    assert len(colour) == 1  # one colour for reporting, however a document stated it
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


def test_chart_legend_lists_only_what_is_drawn(tmp_path, sample_graph):
    out = tmp_path / "chain.svg"
    viz.to_chart(sample_graph, out, chain="Coordinator, Innovative and Progressive Systemwide Training")
    legend = next(g for g in ET.parse(out).getroot().iter(SVG + "g") if g.get("id") == "legend")
    text = " ".join(t.text or "" for t in legend.iter(SVG + "text"))
    assert "Legend" in text and "reports to" in text and "role" in text
    assert "collaborates" not in text.lower() and "Competency" not in text and "second supervisor" not in text


def test_chart_file_mode_follows_umask(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        assert main(["chart", "-o", str(tmp_path / "org.svg")]) == 0
    finally:
        os.umask(old)
    assert (tmp_path / "org.svg").stat().st_mode & 0o777 == 0o644


def test_graphviz_failure_is_one_line(tmp_path):
    import os
    import subprocess
    import sys

    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "dot").write_text("#!/bin/sh\necho 'Error: something broke in dot' >&2\nkill -SEGV $$\n", encoding="utf-8")
    (fake / "dot").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}"}
    r = subprocess.run([sys.executable, "-m", "orgkg", "chart", "-o", str(tmp_path / "org.svg")], env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    # dot may die before or after reading its input: either way one line naming Graphviz dot
    assert r.stderr.strip().count("\n") == 0 and "Graphviz dot" in r.stderr
    assert not (tmp_path / "org.svg").exists()


def test_large_graph_is_summarised(tmp_path, capsys):
    from orgkg.synth.graph import synth_graph

    graph = tmp_path / "s.json"
    synth_graph(2000, seed=2).save(graph)
    out = tmp_path / "s.svg"
    assert main(["chart", str(graph), "-o", str(out)]) == 0
    assert "summary: units collapsed" in capsys.readouterr().out
    boxes = [i for i in _groups(out, "node") if i and ":" in i]
    assert 0 < len(boxes) <= 300
