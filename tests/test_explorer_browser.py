"""The explorer page in a real headless Chromium against a real `orgkg serve`: search, card, chain breadcrumb,
expand/collapse, deep links and the back button, PNG/SVG export, and no request leaving 127.0.0.1.

Skipped only when Debian's chromium is absent (CI installs it: apt-get install chromium).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from headless import BROWSER_MARKS, open_page, renders, wait_for, wait_render
from test_explorer_api import COORD, COORD_ID, DSSEM_ID, serve

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def server():
    with serve() as proc:
        yield proc


def test_search_pick_card_chain_back(browser, server):
    page = open_page(browser, server.url + "/")
    page.fill("#search", "DSSEM")
    page.wait_for_selector("#results li")
    first = page.locator("#results li").first
    assert "Department of Systemwide Safety and Emergency Management" in first.inner_text()
    n = renders(page)
    page.keyboard.press("Enter")
    wait_render(page, n)
    assert DSSEM_ID in page.url
    card = page.locator("#card")
    collab = card.locator(f'a[data-id="{COORD_ID}"]').first
    assert collab.inner_text() == COORD
    item = collab.locator("xpath=..")
    assert "DSSEM" in item.locator("blockquote").first.inner_text()  # its evidence sentence
    assert item.locator("a.doclink").count() >= 1
    n = renders(page)
    collab.click()
    wait_render(page, n)
    crumbs = page.locator("#crumbs a")
    assert [crumbs.nth(i).inner_text() for i in range(crumbs.count())] == ["Chief of Teaching, Learning, and Schools", COORD]
    assert page.locator("path.edge.path").count() == 1  # the chain drawn as a highlighted path
    n = renders(page)
    crumbs.first.click()
    wait_render(page, n)
    assert "chief-of-teaching" in page.url
    n = renders(page)
    page.go_back()
    wait_render(page, n)
    assert COORD_ID in page.url and page.locator("#card h2").inner_text() == COORD
    assert page.problems == []
    page.context.close()


def test_evidence_link_highlights_the_span(browser, server):
    page = open_page(browser, server.url + "/#node=" + COORD_ID)
    link = page.locator("#card a.doclink").first
    n = renders(page)
    link.click()
    wait_render(page, n)
    mark = page.locator("#card pre.doc mark")
    assert mark.inner_text().startswith("Under the direction of the Chief of Teaching")
    assert page.problems == []
    page.context.close()


def test_expand_collapse_deep_link_reload(browser, server):
    page = open_page(browser, server.url + "/#node=role:superintendent-of-school")
    boxes = page.locator("#chart g.box")
    before = boxes.count()
    plus = page.locator("#chart g.toggle", has_text="+").first
    target = plus.get_attribute("data-id")
    n = renders(page)
    plus.click()
    wait_render(page, n)
    expanded = boxes.count()
    assert expanded > before and page.locator(f'#chart g.toggle[data-id="{target}"] text').text_content() == "−"
    url = page.url
    geometry = page.evaluate("window.orgkg.geometry()")
    n = renders(page)
    page.reload()
    wait_for(page, "window.orgkg && window.orgkg.ready === true")
    assert page.url == url and page.evaluate("window.orgkg.geometry()") == geometry  # the deep link restores the view
    n = renders(page)
    page.locator(f'#chart g.toggle[data-id="{target}"]').click()
    wait_render(page, n)
    assert boxes.count() == before
    assert page.problems == []
    page.context.close()


def test_star_and_exports(browser, server, tmp_path):
    page = open_page(browser, server.url + "/#collab=" + DSSEM_ID, downloads=True)
    g = page.evaluate("window.orgkg.geometry()")
    hub = next(b for b in g["boxes"] if b["id"] == DSSEM_ID)
    others = [b for b in g["boxes"] if b["id"] != DSSEM_ID]
    assert others and all(e["s"] == DSSEM_ID or e["t"] == DSSEM_ID for e in g["edges"])
    cx, cy = hub["x"] + hub["w"] / 2, hub["y"] + hub["h"] / 2
    assert min(b["x"] for b in others) < cx < max(b["x"] + b["w"] for b in others)  # hub in the middle
    assert min(b["y"] for b in others) < cy or len(others) < 3
    with page.expect_download() as dl:
        page.click("#png")
    png = Path(dl.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 2000 and dl.value.suggested_filename.endswith(".png")
    with page.expect_download() as dl:
        page.click("#svgexport")
    svg = Path(dl.value.path()).read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "Department of Systemwide" in svg and "<path" in svg
    assert page.problems == []
    page.context.close()
