"""Seconds and peak memory to load a pyoxigraph SPARQL store from synthetic graphs of 1k / 10k / 100k roles.

Each size runs in a fresh subprocess so peak RSS (resource.getrusage ru_maxrss) belongs to that size alone.
Columns: graph build (synth), triples, load (N-Triples streamed into pyoxigraph), first query, peak RSS.

    python bench/sparql_load.py                 # 1k 10k 100k
    python bench/sparql_load.py 1000 10000      # chosen sizes
    python bench/sparql_load.py --lean 100000   # the lean query store (no evidence reification)
Writes bench/results/sparql_load-<timestamp>.json (bench/results is gitignored).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def one(n_roles: int, evidence: bool = True) -> dict:
    """Measured inside the child process."""
    from orgkg.queries.canned_sparql import run_sparql
    from orgkg.queries.sparql import SparqlStore, build_store
    from orgkg.synth import synth_graph

    t0 = time.perf_counter()
    g = synth_graph(n_roles, seed=1)
    t1 = time.perf_counter()
    rss_graph = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    store = SparqlStore(build_store(g, evidence=evidence), g)
    t2 = time.perf_counter()
    span = run_sparql(store, "span", 10)
    t3 = time.perf_counter()
    return {"roles": n_roles, "evidence": evidence,
            "nodes": g.g.number_of_nodes(), "edges": g.g.number_of_edges(), "triples": len(store),
            "synth_s": round(t1 - t0, 3), "load_s": round(t2 - t1, 3), "triples_per_s": round(len(store) / (t2 - t1)),
            "span_query_s": round(t3 - t2, 3), "span_top": span[0][2] if span else 0,
            "peak_rss_mb_after_graph": round(rss_graph / 1024, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        print(json.dumps(one(int(argv[1]), argv[2:3] != ["--lean"])))
        return 0
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog="Each size runs in a fresh process.")
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10_000, 100_000], help="roles (default: 1k 10k 100k)")
    ap.add_argument("--lean", action="store_true", help="the lean query store (no evidence reification)")
    a = ap.parse_args(argv)
    lean, sizes = a.lean, a.sizes
    rows = []
    for n in sizes:
        p = subprocess.run([sys.executable, __file__, "--child", str(n)] + (["--lean"] if lean else []),
                           capture_output=True, text=True)
        if p.returncode != 0:
            print(f"{n} roles: failed: {p.stderr.strip().splitlines()[-1] if p.stderr.strip() else p.returncode}",
                  file=sys.stderr)
            continue
        rows.append(json.loads(p.stdout.strip().splitlines()[-1]))
        r = rows[-1]
        print(f"{r['roles']:>7} roles  {r['triples']:>10,} triples  synth {r['synth_s']:>7.2f} s  load {r['load_s']:>7.2f} s "
              f"({r['triples_per_s']:>9,}/s)  span {r['span_query_s']:>6.3f} s  peak RSS {r['peak_rss_mb']:>8.1f} MB "
              f"(graph alone {r['peak_rss_mb_after_graph']:.1f} MB)", flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"sparql_load-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"python": sys.version.split()[0], "rows": rows}, indent=1) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
