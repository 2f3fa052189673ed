"""Incremental rebuild: change one of N documents, rebuild with the cache, time it.

usage: python bench/incremental.py [--docs 10000] [--seed 1] [--jobs 0] [--work DIR]

Prints the cold build (fills the cache), a warm rebuild with nothing changed, and a rebuild after
editing one document, each split into extraction (cache lookups + re-extraction), graph merge and save.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def one_build(d: Path, out: Path, jobs: int) -> dict:
    from orgkg.graph import build
    from orgkg.graph.cache import ExtractionCache
    from orgkg.loaders import expand_paths

    from orgkg.commands.build import extract_all

    t0 = time.perf_counter()
    cache = ExtractionCache.beside(out)
    files = expand_paths([d])
    exs = extract_all(files, "auto", jobs, cache, [])
    t1 = time.perf_counter()
    g = build(exs)
    t2 = time.perf_counter()
    g.save(out)
    t3 = time.perf_counter()
    return {"extract_s": round(t1 - t0, 3), "merge_s": round(t2 - t1, 3), "save_s": round(t3 - t2, 3),
            "total_s": round(t3 - t0, 3), "reused": cache.hits, "extracted": len(exs) - cache.hits}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--work", default=os.environ.get("ORGKG_BENCH_DIR", "/tmp/orgkg-bench"))
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from build import corpus  # bench/build.py: the same cached synthetic corpora

    src = corpus(a.docs, a.seed, Path(a.work))
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "docs"
        shutil.copytree(src, d, ignore=shutil.ignore_patterns("gold", "truth.json"))
        out = Path(tmp) / "org.json"
        rows = {"cold": one_build(d, out, a.jobs), "warm": one_build(d, out, a.jobs)}
        victim = sorted(d.glob("*.txt"))[min(37, a.docs - 1)]
        victim.write_text(victim.read_text(encoding="utf-8") + "\nWorks closely with the Office of Testing Operations.\n",
                          encoding="utf-8")
        rows["one_changed"] = one_build(d, out, a.jobs)
    print(f"{a.docs} docs, jobs {a.jobs}")
    print("run | extract s | merge s | save s | total s | reused | extracted")
    print("--- | --- | --- | --- | --- | --- | ---")
    for k, r in rows.items():
        print(f"{k} | {r['extract_s']} | {r['merge_s']} | {r['save_s']} | {r['total_s']} | {r['reused']} | {r['extracted']}")
    (ROOT / "results").mkdir(exist_ok=True)
    out = ROOT / "results" / f"incremental-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"docs": a.docs, "jobs": a.jobs, "load_avg": os.getloadavg(), "rows": rows}, indent=1) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
