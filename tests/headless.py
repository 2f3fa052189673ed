"""Headless Chromium for the browser tests: where it is, how it is started, the skip when it is absent, and the
page helpers the explorer tests share (open a page that records problems, wait for a render, navigate).

One place, so every browser test launches the same browser the same way: a module does
`pytestmark = BROWSER_MARKS` and takes the `browser` fixture from conftest.py.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"Chromium not installed at {CHROMIUM} (apt-get install chromium)"),
]


@contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium, headless, through Playwright; closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def open_page(browser, url: str, downloads: bool = False):
    """A fresh page on `url` that records console errors and every request not made to the server itself."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=downloads)
    page = ctx.new_page()
    base = url.split("#")[0].rstrip("/")
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"pageerror: {e}"))
    page.on("request", lambda r: r.url.split("#")[0] == base or r.url.startswith((base + "/", "data:", "blob:"))
            or page.problems.append(f"request left the server: {r.url}"))
    page.goto(url)
    wait_for(page, "window.orgkg && window.orgkg.ready === true")
    return page


def wait_for(page, expr: str, timeout: float = 30.0) -> None:
    """Poll a JS expression from Python (the page's CSP forbids the eval behind wait_for_function)."""
    end = time.monotonic() + timeout
    while not page.evaluate(f"() => !!({expr})"):
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {expr}")
        time.sleep(0.02)


def navigate(page, hash_: str) -> None:
    """Set the URL fragment and wait until the page has drawn the view it names."""
    page.evaluate("""h => new Promise((ok, fail) => {
        const n = window.orgkg.renders, t0 = Date.now();
        location.hash = h;
        const poll = () => window.orgkg.renders > n ? ok() : Date.now() - t0 > 20000 ? fail('no render') : setTimeout(poll, 10);
        poll(); })""", hash_)


def wait_render(page, before: int) -> None:
    wait_for(page, f"window.orgkg.renders > {before}")


def renders(page) -> int:
    return page.evaluate("window.orgkg.renders")
