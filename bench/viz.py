"""How fast a 5,000-node organisation opens in the browser.

    python bench/viz.py [--nodes 5000] [--seed 1]

Builds a synthetic organisation whose org-chart picture (roles, units, organisations) has about
--nodes nodes, then for the default summary view and the forced full view: time to build the
view and write the HTML, file size, and in headless Chromium the time until the network has
drawn (page load -> first 'afterDrawing') and the cost of interacting (search + focus, a redraw).
Prints a table and writes bench/results/viz.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PICTURE = ("Role", "Unit", "Organization")


def synthetic(n_nodes: int, seed: int):
    """orgkg.synth's organisation sized so the picture has ~n_nodes nodes (a random one if synth is absent)."""
    try:
        from orgkg.synth import synth_graph
    except ImportError:
        synth_graph = None
    if synth_graph is None:
        return _random_org(n_nodes, seed), "random (orgkg.synth unavailable)"
    n_roles = int(n_nodes * 0.8)
    for _ in range(6):  # units per role vary with the generator: adjust once or twice
        g = synth_graph(n_roles, seed)
        drawn = sum(1 for _, d in g.g.nodes(data=True) if d["type"] in PICTURE)
        if abs(drawn - n_nodes) <= n_nodes * 0.03:
            break
        n_roles = max(10, int(n_roles * n_nodes / drawn))
    return g, f"orgkg.synth.synth_graph({n_roles}, seed={seed})"


def _random_org(n_nodes: int, seed: int):
    import random

    from orgkg.graph import OrgGraph
    rng = random.Random(seed)
    g = OrgGraph()
    ev = {"doc": "synthetic.txt", "section": "summary", "text": "synthetic", "start": 0, "end": 9, "rule": "bench"}
    n_units = n_nodes // 6
    for u in range(n_units):
        g.add_node("Unit", f"Unit {u}", nid=f"unit:u{u}")
        if u:
            g.add_edge(f"unit:u{u}", f"unit:u{rng.randrange(u)}", "PART_OF", ev)
    for r in range(n_nodes - n_units):
        rid = g.add_node("Role", f"Role {r}", nid=f"role:r{r}", described=True)
        g.add_edge(rid, f"unit:u{rng.randrange(n_units)}", "PART_OF", ev)
        if r:
            g.add_edge(rid, f"role:r{rng.randrange(max(1, r // 3), r) if r > 3 else 0}", "UNDER_DIRECTION_OF", ev)
    return g


def measure_page(ctx, path: Path, probe: str) -> dict:
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    t0 = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("window.orgkg && window.orgkg.ready === true", timeout=120_000)
    wall = time.perf_counter() - t0
    first_draw = page.evaluate("orgkg.readyMs") / 1000
    search = page.evaluate("""name => { const t = performance.now(); const hit = orgkg.find(name);
        orgkg.focusNode(hit[1]); return [performance.now() - t, hit[1]]; }""", probe)
    redraw = page.evaluate("""() => new Promise(res => { const t = performance.now();
        orgkg.network.once('afterDrawing', () => res(performance.now() - t)); orgkg.network.moveTo({scale: 0.5}); })""")
    counts = page.evaluate("[orgkg.network.body.data.nodes.length, orgkg.network.body.data.edges.length]")
    page.close()
    return {"open_s": round(wall, 3), "first_draw_s": round(first_draw, 3), "search_focus_ms": round(search[0], 1),
            "redraw_ms": round(redraw, 1), "drawn_nodes": counts[0], "drawn_edges": counts[1], "errors": errors}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    from orgkg import viz
    from orgkg.viz.page import write

    t = time.perf_counter()
    print(f"... generating a synthetic organisation of ~{a.nodes:,} nodes", file=sys.stderr, flush=True)
    g, source = synthetic(a.nodes, a.seed)
    gen_s = time.perf_counter() - t
    picture = sum(1 for _, d in g.g.nodes(data=True) if d["type"] in PICTURE)
    probe = next(d["name"] for _, d in g.g.nodes(data=True) if d["type"] == "Role")
    rows = []
    out_dir = Path(tempfile.mkdtemp(prefix="orgkg-bench-viz-"))
    have_browser = Path(CHROMIUM).exists()
    ctx = pw = None
    if have_browser:
        from playwright.sync_api import sync_playwright
        pw = sync_playwright().start()
        ctx = pw.chromium.launch_persistent_context(str(out_dir / "profile"), executable_path=CHROMIUM, args=ARGS,
                                                    headless=True, viewport={"width": 1400, "height": 900})
    try:
        for name, kw in (("summary (default)", {}), ("full (--no-summary)", {"summary": False})):
            t = time.perf_counter()
            v = viz.view(g, **kw)
            view_s = time.perf_counter() - t
            t = time.perf_counter()
            path = write(v, out_dir / f"{name.split()[0]}.html")
            write_s = time.perf_counter() - t
            row = {"view": name, "nodes": len(v.nodes), "edges": len(v.edges), "view_s": round(view_s, 3),
                   "write_s": round(write_s, 3), "html_mb": round(path.stat().st_size / 1e6, 2)}
            if ctx is not None:
                print(f"... {name}: opening {len(v.nodes):,} nodes in Chromium", file=sys.stderr, flush=True)
                row.update(measure_page(ctx, path, probe))
            rows.append(row)
    finally:
        if ctx is not None:
            ctx.close()
            pw.stop()
        shutil.rmtree(out_dir, ignore_errors=True)  # ~30 MB of pages and a browser profile
    cols = ["view", "nodes", "edges", "view_s", "write_s", "html_mb", "open_s", "first_draw_s", "search_focus_ms", "redraw_ms"]
    print(f"graph: {source}: {g.g.number_of_nodes():,} nodes ({picture:,} in the org picture), "
          f"{g.g.number_of_edges():,} edges; generated in {gen_s:.1f}s")
    if not have_browser:
        print(f"(no Chromium at {CHROMIUM}: browser columns skipped)")
    widths = [max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in cols]
    print("  ".join(c.ljust(w) for c, w in zip(cols, widths)))
    for r in rows:
        print("  ".join(str(r.get(c, "")).ljust(w) for c, w in zip(cols, widths)))
    result = {"bench": "viz", "source": source, "graph_nodes": g.g.number_of_nodes(), "picture_nodes": picture,
              "graph_edges": g.g.number_of_edges(), "rows": rows, "python": sys.version.split()[0],
              "machine": platform.machine(), "time": time.strftime("%Y-%m-%dT%H:%M:%S")}
    res = ROOT / "bench" / "results"
    res.mkdir(parents=True, exist_ok=True)
    (res / "viz.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"wrote {res / 'viz.json'}")
    return 1 if any(r.get("errors") for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
