"""`orgkg viz`: the explorer as one offline HTML file, opened from disk in headless Chromium: it opens on the
asked view, searches, shows cards and source spans from the embedded data, keeps the layout rules, exports,
and makes no request at all beyond the file itself.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from headless import BROWSER_MARKS, navigate, open_page, renders, wait_render
from test_explorer_api import COORD, COORD_ID, DSSEM_ID
from test_explorer_geometry import SHARED, check

import orgkg
from orgkg.cli import main

pytestmark = BROWSER_MARKS


def test_offline_page_star_search_card_span(browser, tmp_path, capsys):
    out = tmp_path / "dssem.html"
    old = os.umask(0o022)
    try:
        assert main(["viz", "-o", str(out), "--collaborators", "DSSEM"]) == 0
    finally:
        os.umask(old)
    assert "opens on collab=" in capsys.readouterr().out and out.stat().st_mode & 0o777 == 0o644
    text = out.read_text(encoding="utf-8")
    assert 'src="' not in text and "<link rel=\"stylesheet\"" not in text  # everything inline
    page = open_page(browser, out.as_uri(), downloads=True)
    assert page.url.endswith("#collab=" + DSSEM_ID)
    g = page.evaluate("window.orgkg.geometry()")
    assert {b["id"] for b in g["boxes"]} >= {DSSEM_ID, COORD_ID}
    check(g, "star")
    assert page.locator(f'#card a[data-id="{COORD_ID}"]').first.inner_text() == COORD
    page.fill("#search", "HR")
    page.wait_for_selector("#results li")
    assert "Office of Human Resources and Development" in page.locator("#results li").first.inner_text()
    n = renders(page)
    page.keyboard.press("Enter")
    wait_render(page, n)
    assert "#node=unit:office-of-human-resources" in page.url
    navigate(page, "#node=" + COORD_ID)
    n = renders(page)
    page.locator("#card a.doclink").first.click()
    wait_render(page, n)
    assert page.locator("#card pre.doc mark").inner_text().startswith("Under the direction of the Chief")
    with page.expect_download() as dl:
        page.click("#png")
    assert Path(dl.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.problems == [], page.problems
    page.context.close()


def test_default_opens_on_the_tops_labelled(browser, tmp_path):
    out = tmp_path / "org.html"
    assert main(["viz", "-o", str(out)]) == 0
    page = open_page(browser, out.as_uri())
    g = page.evaluate("window.orgkg.geometry()")
    check(g, "tops")
    tags = page.locator("#chart text.tagline").all_text_contents()
    assert tags.count("no supervisor stated") >= 2  # separate roots, each labelled
    legend = page.locator("#legend").inner_text()
    assert "second supervisor" not in legend and "collaborates" not in legend  # only what is drawn
    assert page.problems == []
    page.context.close()


@pytest.mark.skipif(SHARED is None, reason="../shared (seeds, corpus) is not beside the checkout")
def test_corpus_page_geometry(browser, tmp_path):
    g = orgkg.build([SHARED / "seeds", SHARED / "corpus"])
    graph, out = tmp_path / "corpus.json", tmp_path / "corpus.html"
    g.save(graph)
    assert main(["viz", str(graph), "-o", str(out), "--focus", "Director II, Professional Growth Systems"]) == 0
    page = open_page(browser, out.as_uri())
    check(page.evaluate("window.orgkg.geometry()"), "corpus focus")
    navigate(page, "#collab=role:principal")
    check(page.evaluate("window.orgkg.geometry()"), "corpus star")
    assert page.problems == []
    page.context.close()
