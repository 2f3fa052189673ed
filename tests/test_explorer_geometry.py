"""Geometry of what the explorer draws, read from the page itself (the SVG Chromium renders), not from Python:
no line segment crosses a box that is not one of its two ends, no two lines between one pair share a path,
and no two boxes overlap. Checked on the bundled sample (every node's chart and star), the 60-page corpus
(../shared; skipped when absent) and a synthetic 2,000-role organisation.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from headless import BROWSER_MARKS, navigate, open_page
from test_explorer_api import serve

import orgkg
from orgkg.graph.traverse import children, parents

pytestmark = BROWSER_MARKS
EPS = 0.5  # px: touching a box's border is not crossing it
ROOT = Path(__file__).resolve().parent.parent
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if (p / "corpus").is_dir()), None)


def crosses(a, b, box) -> bool:
    """Does segment a-b pass through the interior of `box` (Liang-Barsky clip against the box shrunk by EPS)?"""
    x0, y0, x1, y1 = box["x"] + EPS, box["y"] + EPS, box["x"] + box["w"] - EPS, box["y"] + box["h"] - EPS
    dx, dy = b[0] - a[0], b[1] - a[1]
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                lo = max(lo, t)
            else:
                hi = min(hi, t)
    return hi - lo > 1e-9


def overlap(s1, s2) -> bool:
    """Do two segments run along each other for more than a point (collinear with overlapping extent)?"""
    (a, b), (c, d) = s1, s2
    ux, uy = b[0] - a[0], b[1] - a[1]
    length = (ux * ux + uy * uy) ** 0.5
    if length == 0:
        return False
    for p in (c, d):  # both ends of s2 on the line of s1
        if abs(ux * (p[1] - a[1]) - uy * (p[0] - a[0])) / length > EPS:
            return False
    t = sorted(((p[0] - a[0]) * ux + (p[1] - a[1]) * uy) / length for p in (c, d))
    return min(t[1], length) - max(t[0], 0) > EPS


def check(geom: dict, where: str) -> int:
    boxes, edges = geom["boxes"], geom["edges"]
    assert boxes, where
    for b1, b2 in itertools.combinations(boxes, 2):
        assert (b1["x"] + b1["w"] <= b2["x"] + EPS or b2["x"] + b2["w"] <= b1["x"] + EPS
                or b1["y"] + b1["h"] <= b2["y"] + EPS or b2["y"] + b2["h"] <= b1["y"] + EPS), \
            f"{where}: boxes {b1['id']} and {b2['id']} overlap"
    for e in edges:
        segs = list(zip(e["pts"], e["pts"][1:]))
        assert segs, f"{where}: edge {e} has no segment"
        for a, b in segs:
            for box in boxes:
                if box["id"] not in (e["s"], e["t"]):
                    assert not crosses(a, b, box), f"{where}: line {e['s']} -> {e['t']} crosses box {box['id']}"
    pairs: dict[frozenset, list] = {}
    for e in edges:
        pairs.setdefault(frozenset((e["s"], e["t"])), []).append(e)
    for group in pairs.values():
        for e1, e2 in itertools.combinations(group, 2):
            shared = [(s1, s2) for s1 in zip(e1["pts"], e1["pts"][1:]) for s2 in zip(e2["pts"], e2["pts"][1:])
                      if overlap(s1, s2)]
            assert not shared, f"{where}: two lines between {e1['s']} and {e1['t']} share a path"
    return len(edges)


def views(g, focuses: list[str], expand: bool = True) -> list[str]:
    """Chart and star views for `focuses`: each plain, and with every report that has reports expanded."""
    out = []
    for nid in focuses:
        out.append(f"#node={nid}")
        kids = [c for c, _, _ in children(g, nid) if children(g, c)]
        if expand and kids:
            out.append(f"#node={nid}&x={','.join(sorted(set(kids))[:12])}")
        out.append(f"#collab={nid}")
    return out


def run_views(browser, graph_file: Path | None, hashes: list[str]) -> int:
    with serve(graph_file) as proc:
        page = open_page(browser, proc.url + "/")
        n = check(page.evaluate("window.orgkg.geometry()"), "top view")
        for h in hashes:
            navigate(page, h)
            n += check(page.evaluate("window.orgkg.geometry()"), h)
        assert page.problems == []
        page.context.close()
    return n


def test_sample_every_node(browser, sample_graph):
    focuses = sorted(n for n, d in sample_graph.g.nodes(data=True) if d["type"] in ("Role", "Unit", "Organization"))
    assert run_views(browser, None, views(sample_graph, focuses)) > 40


def interesting(g, n_wide: int, n_multi: int, n_deep: int) -> list[str]:
    """The widest spans, nodes with several supervisors, and the deepest nodes (longest chains)."""
    kinds = ("Role", "Unit")
    ids = [n for n, d in g.g.nodes(data=True) if d["type"] in kinds]
    wide = sorted(ids, key=lambda n: (-len(children(g, n)), n))[:n_wide]
    multi = sorted(n for n in ids if len({p for p, _, _ in parents(g, n)}) > 1)[:n_multi]
    leaves = sorted((n for n in ids if parents(g, n) and not children(g, n)), key=lambda n: n)[:: max(1, len(ids) // 50)]
    return list(dict.fromkeys(wide + multi + leaves[:n_deep]))


@pytest.mark.skipif(SHARED is None, reason="../shared (seeds, corpus) is not beside the checkout")
def test_corpus_60_pages(browser, tmp_path):
    g = orgkg.build([SHARED / "seeds", SHARED / "corpus"])
    path = tmp_path / "corpus.json"
    g.save(path)
    assert run_views(browser, path, views(g, interesting(g, 12, 10, 8))) > 100


def test_synthetic_2000_roles(browser, tmp_path):
    from orgkg.synth.graph import synth_graph

    g = synth_graph(2000, seed=3)
    path = tmp_path / "synth.json"
    g.save(path)
    assert run_views(browser, path, views(g, interesting(g, 6, 6, 6))) > 100


def test_the_checks_catch_what_they_look_for():
    box = {"id": "b", "x": 0, "y": 0, "w": 100, "h": 50}
    assert crosses((-10, 25), (110, 25), box) and crosses((50, -5), (50, 10), box) and crosses((-10, -10), (60, 60), box)
    assert not crosses((-10, 0), (110, 0), box) and not crosses((0, 60), (100, 60), box)  # along or beside it
    assert overlap(((0, 0), (0, 10)), ((0, 5), (0, 20))) and overlap(((0, 0), (10, 10)), ((5, 5), (8, 8)))
    assert not overlap(((0, 0), (0, 10)), ((0, 10), (0, 20))) and not overlap(((0, 0), (0, 10)), ((3, 0), (3, 10)))
    bad = {"boxes": [box, {"id": "a", "x": 0, "y": 100, "w": 10, "h": 10}, {"id": "c", "x": 0, "y": -100, "w": 10, "h": 10}],
           "edges": [{"s": "a", "t": "c", "kind": "primary", "pts": [[5, 100], [5, -90]]}]}
    with pytest.raises(AssertionError, match="crosses box b"):
        check(bad, "bad")
    twice = {"boxes": bad["boxes"][1:], "edges": [bad["edges"][0], {**bad["edges"][0], "s": "c", "t": "a"}]}
    with pytest.raises(AssertionError, match="share a path"):
        check(twice, "twice")
