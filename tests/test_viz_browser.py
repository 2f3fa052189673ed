"""The generated page in a real headless Chromium: drawn counts, search, edge tooltip, no console errors.

Skipped only when Debian's chromium is absent (CI installs it: apt-get install chromium).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from headless import ARGS, BROWSER_MARKS, CHROMIUM

from orgkg import viz

COORD = "Coordinator, Innovative and Progressive Systemwide Training"
COORD_ID = "role:coordinator-innovative-and-progressive-systemwide-training"

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(tmp_path_factory.mktemp("chromium-profile")),
                                                   executable_path=CHROMIUM, args=["--headless", *ARGS], headless=True,
                                                   viewport={"width": 1400, "height": 900})
        yield ctx
        ctx.close()


@pytest.fixture
def open_page(browser):
    """Open a file in a fresh tab; collect console errors and any request that is not local."""
    pages = []

    def _open(path: Path):
        page = browser.new_page()
        page.problems = []
        page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: page.problems.append(f"pageerror: {e}"))
        page.on("request", lambda r: r.url.startswith(("file:", "data:", "about:", "blob:"))
                or page.problems.append(f"network request: {r.url}"))
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.orgkg && window.orgkg.ready === true", timeout=30_000)
        pages.append(page)
        return page

    yield _open
    for p in pages:
        p.close()


def test_full_view_counts_search_tooltip(sample_graph, tmp_path, open_page):
    v = viz.view(sample_graph)
    path = viz.to_html(sample_graph, tmp_path / "org.html")
    page = open_page(path)
    # what the page drew, from the page itself
    assert page.evaluate("orgkg.network.body.data.nodes.length") == len(v.nodes)
    assert page.evaluate("orgkg.network.body.data.edges.length") == len(v.edges)
    assert page.evaluate("Object.keys(orgkg.network.body.nodes).length") == len(v.nodes)
    want = {n for n, d in sample_graph.g.nodes(data=True) if d["type"] in ("Role", "Unit", "Organization")}
    assert len(v.nodes) == len(want)
    assert f"{len(v.nodes)} nodes" in page.inner_text("#count")

    page.fill("#search", COORD)
    page.press("#search", "Enter")
    assert page.evaluate("orgkg.network.getSelectedNodes()") == [COORD_ID]
    assert page.evaluate("orgkg.selected") == COORD_ID
    assert COORD in page.inner_text("#details")

    # hover the Coordinator's UNDER_DIRECTION_OF line: the tooltip shows the evidence sentence
    edge_id = next(e.id for e in v.edges if e.source == COORD_ID and e.type == "UNDER_DIRECTION_OF")
    evidence = " ".join(next(e for e in v.edges if e.id == edge_id).evidence[0]["text"].split())
    assert evidence in page.evaluate("id => orgkg.edges.get(id).title", edge_id)
    page.evaluate("""id => { const e = orgkg.edges.get(id); const p = orgkg.network.getPositions([e.from, e.to]);
        orgkg.network.moveTo({position: {x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2},
                              scale: 1.0, animation: false}); }""", edge_id)
    box = page.locator("#network").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(cx, cy)  # click first: afterwards the tooltip covers the line
    assert evidence in " ".join(page.inner_text("#details").split())
    page.mouse.move(cx - 30, cy - 30)
    page.mouse.move(cx, cy, steps=5)
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5_000)
    assert evidence in " ".join(tip.inner_text().split())
    assert page.problems == []


def test_search_by_acronym_and_unknown(sample_graph, tmp_path, open_page):
    page = open_page(viz.to_html(sample_graph, tmp_path / "org.html"))
    page.fill("#search", "dssem")
    page.press("#search", "Enter")
    assert page.evaluate("orgkg.network.getSelectedNodes()") == [
        "unit:department-of-systemwide-safety-and-emergency-management"]
    page.fill("#search", "zzz no such role")
    page.press("#search", "Enter")
    assert "no node matches" in page.inner_text("#search-msg")
    assert page.problems == []


def test_focus_view_opens_selected(sample_graph, tmp_path, open_page):
    v = viz.view(sample_graph, focus=COORD, depth=1)
    page = open_page(viz.to_html(sample_graph, tmp_path / "focus.html", focus=COORD, depth=1))
    assert page.evaluate("orgkg.network.body.data.nodes.length") == len(v.nodes)
    assert page.evaluate("orgkg.network.body.data.edges.length") == len(v.edges)
    assert page.evaluate("orgkg.network.getSelectedNodes()") == [COORD_ID]
    assert page.problems == []


def test_summary_view_has_banner_and_finds_collapsed_roles(tmp_path, open_page):
    from test_viz_view import random_org
    g = random_org(40, 12)
    v = viz.view(g, threshold=200)
    page = open_page(viz.to_html(g, tmp_path / "big.html", threshold=200))
    assert "Summary view" in page.inner_text("#banner")
    assert page.evaluate("orgkg.network.body.data.nodes.length") == len(v.nodes)
    page.fill("#search", "Officer 3.0")
    page.press("#search", "Enter")
    assert page.evaluate("orgkg.network.getSelectedNodes()") == ["unit:u3"]
    assert "collapsed" in page.inner_text("#details")
    assert page.problems == []


def test_notebook_iframe_renders(sample_graph, tmp_path, open_page, browser):
    """The show() output, as an exported notebook would embed it, draws inside its srcdoc iframe."""
    obj = viz.show(sample_graph, height=500)
    host = tmp_path / "notebook.html"
    host.write_text(f"<!doctype html><html><body><h1>exported notebook</h1>{obj.data}</body></html>", encoding="utf-8")
    page = browser.new_page()
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.goto(host.as_uri())
        frame = page.frame_locator("iframe.orgkg-viz")
        frame.locator("#network canvas").wait_for(timeout=30_000)
        inner = next(f for f in page.frames if f != page.main_frame)
        inner.wait_for_function("window.orgkg && window.orgkg.ready === true", timeout=30_000)
        assert inner.evaluate("orgkg.network.body.data.nodes.length") == len(viz.view(sample_graph).nodes)
        assert problems == []
    finally:
        page.close()


def test_big_picture_hides_side_lines_until_selected(tmp_path, open_page):
    """Past 1,000 nodes collaboration lines are drawn for the selected node only (dashed canvas lines are slow)."""
    from test_viz_view import random_org
    g = random_org(80, 12, seed=3)
    v = viz.view(g, summary=False)
    assert len(v.nodes) > 1000
    page = open_page(viz.to_html(g, tmp_path / "big-full.html", summary=False))
    assert page.evaluate("orgkg.big") is True
    assert page.evaluate("orgkg.network.body.data.edges.length") == len(v.edges)
    collab = next(e for e in v.edges if e.type == "COLLABORATES_WITH")
    hidden = "id => orgkg.edges.get(id).hidden === true"
    assert page.evaluate(hidden, collab.id)
    assert not page.evaluate(hidden, next(e.id for e in v.edges if e.type == "SUPERVISES"))
    page.fill("#search", g.name(collab.source))
    page.press("#search", "Enter")
    assert page.evaluate("orgkg.selected") == collab.source
    assert not page.evaluate(hidden, collab.id)
    page.check("#side-lines")
    assert page.evaluate("orgkg.edges.get({filter: e => e.hidden === true}).length") == 0
    assert page.problems == []
