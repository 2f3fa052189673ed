"""How fast `orgkg serve` answers at 1k, 10k and 100k roles: start-up, search per keystroke, page interactive.

    python bench/explorer.py [--sizes 1000,10000,100000] [--seed 1] [--screenshots]

For each size: a synthetic organisation (orgkg.synth.synth_graph) saved to a temporary graph file, then
- `orgkg serve GRAPH --port 0` started as a user would (seconds until it prints its URL: load + index);
- search in process (SearchIndex.search) for every prefix of 25 names, acronyms and typos, as typed key by key;
- the same keystrokes over HTTP (GET /api/search round trip);
- in headless Chromium: page interactive (navigation start -> chart and card drawn for the widest role) and
  keystroke -> result list drawn while typing three queries in the search box.
--screenshots also writes docs/explorer-sample.png and docs/explorer-corpus.png (60-page corpus from ../shared).
Prints a table and writes bench/results/explorer.json. Figures are medians / 95th percentiles / maxima in ms.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
TYPED = ("coordinator", "HR", "directr of", "chief of staff")


def stats(ms: list[float]) -> dict:
    s = sorted(ms)
    return {"n": len(s), "median": round(statistics.median(s), 2), "p95": round(s[int(0.95 * (len(s) - 1))], 2),
            "max": round(s[-1], 2)}


def keystrokes(names: list[str]) -> list[str]:
    """Every prefix of each query, as the search box sends them while someone types."""
    out = []
    for q in [*names, *TYPED]:
        out += [q[:k] for k in range(1, min(len(q), 18) + 1)]
    return out


def serve(graph: Path):
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "orgkg", "serve", str(graph), "--port", "0"], stdout=subprocess.PIPE,
                            text=True)
    line = proc.stdout.readline()
    return proc, line.split()[3].rstrip("/"), time.perf_counter() - t0


def in_process(g, queries: list[str]) -> tuple[dict, float]:
    from orgkg.viz.search import SearchIndex

    t0 = time.perf_counter()
    index = SearchIndex.from_graph(g)
    built = time.perf_counter() - t0
    ms = []
    for q in queries:
        t = time.perf_counter()
        index.search(q)
        ms.append((time.perf_counter() - t) * 1000)
    return stats(ms), built


def over_http(url: str, queries: list[str]) -> dict:
    ms = []
    for q in queries:
        t = time.perf_counter()
        with urllib.request.urlopen(url + "/api/search?q=" + urllib.parse.quote(q)) as r:
            r.read()
        ms.append((time.perf_counter() - t) * 1000)
    return stats(ms)


def in_browser(browser, url: str, focus: str, shot: Path | None = None) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{url}/#{focus}")
    while not page.evaluate("() => !!(window.orgkg && window.orgkg.ready)"):
        time.sleep(0.01)
    interactive = page.evaluate("window.orgkg.readyAt")
    if shot:
        page.screenshot(path=str(shot))
    for q in TYPED[:3]:
        page.fill("#search", "")
        page.type("#search", q, delay=120)
        time.sleep(0.5)
    times = page.evaluate("window.orgkg.searchTimes")
    page.close()
    return {"interactive_ms": round(interactive), "keystroke_ms": stats(times) if times else None}


def widest(g) -> str:
    from orgkg.graph.traverse import span_of_control

    return span_of_control(g)[0][0]


def run_size(browser, n: int, seed: int, tmp: Path) -> dict:
    from orgkg.synth.graph import synth_graph

    g = synth_graph(n, seed)
    path = tmp / f"synth-{n}.json"
    g.save(path)
    names = [d["name"] for _, d in g.g.nodes(data=True) if d["type"] in ("Role", "Unit")][:: max(1, len(g) // 25)][:25]
    queries = keystrokes(names)
    local, built = in_process(g, queries)
    proc, url, started = serve(path)
    try:
        row = {"roles": n, "nodes": len(g), "serve_start_s": round(started, 2), "index_build_s": round(built, 2),
               "search_in_process_ms": local, "search_http_ms": over_http(url, queries)}
        row.update(in_browser(browser, url, "node=" + widest(g)) if browser else {})
    finally:
        proc.terminate()
        proc.wait()
    return row


def screenshots(browser) -> None:
    import orgkg

    with tempfile.TemporaryDirectory() as d:
        shared = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if (p / "corpus").is_dir()), None)
        jobs = [(None, "node=role:director-school-support-and-well-being", "sample")]
        if shared:
            path = Path(d) / "corpus.json"
            orgkg.build([shared / "seeds", shared / "corpus"]).save(path)
            jobs.append((path, "node=role:director-ii-professional-growth-system", "corpus"))
        for graph, focus, name in jobs:
            cmd = [sys.executable, "-m", "orgkg", "serve", *([str(graph)] if graph else []), "--port", "0"]
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
            url = proc.stdout.readline().split()[3].rstrip("/")
            try:
                in_browser(browser, url, focus, ROOT / "docs" / f"explorer-{name}.png")
            finally:
                proc.terminate()
                proc.wait()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--screenshots", action="store_true")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    rows = []
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = None if args.no_browser else p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        if args.screenshots and browser:
            screenshots(browser)
        for n in (int(x) for x in args.sizes.split(",")):
            rows.append(run_size(browser, n, args.seed, Path(tmp)))
            r = rows[-1]
            print(f"{n:>7} roles {r['nodes']:>7} nodes | serve start {r['serve_start_s']:6.1f} s | "
                  f"search in-process {r['search_in_process_ms']} | http {r['search_http_ms']} | "
                  f"interactive {r.get('interactive_ms')} ms | keystroke {r.get('keystroke_ms')}", flush=True)
    out = ROOT / "bench" / "results" / "explorer.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"machine": {"python": platform.python_version(), "platform": platform.platform()},
                               "rows": rows}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
