"""Screenshot of the seed graph's interactive page for the README: docs/org-graph.png.

    python bench/screenshot.py [-o docs/org-graph.png]

Opens `orgkg viz` output of the bundled samples in headless Chromium (/usr/bin/chromium), selects the
Coordinator, Innovative and Progressive Systemwide Training, and saves the picture.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", default=str(ROOT / "docs" / "org-graph.png"))
    a = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"screenshot: no Chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    import orgkg
    from orgkg import viz

    tmp = Path(tempfile.mkdtemp(prefix="orgkg-shot-"))
    page_path = viz.to_html(orgkg.sample_graph(), tmp / "org.html")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(tmp / "profile"), executable_path=CHROMIUM, args=ARGS,
                                                   headless=True, viewport={"width": 1600, "height": 900})
        page = ctx.new_page()
        page.goto(page_path.as_uri())
        page.wait_for_function("window.orgkg && window.orgkg.ready === true", timeout=30_000)
        page.evaluate("orgkg.network.fit({animation: false})")
        page.fill("#search", "Coordinator, Innovative and Progressive Systemwide Training")
        page.press("#search", "Enter")
        page.evaluate("orgkg.network.fit({animation: false})")
        page.wait_for_timeout(300)
        page.screenshot(path=a.output)
        ctx.close()
    print(f"wrote {a.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
