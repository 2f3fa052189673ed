"""Canned-query timings: networkx vs embedded Cypher (FalkorDB) vs embedded SPARQL (pyoxigraph).

    python bench/queries.py                          # 1k and 10k roles
    python bench/queries.py 1000 10000 100000 --repeat 5
    python bench/queries.py 10000 --evidence         # full-fidelity stores (evidence texts / reification)

Each size runs in a fresh child process, so memory figures belong to that size alone. Per size: load seconds
and memory per engine (Cypher: the FalkorDB server's peak RSS; SPARQL: RSS the store added to this process),
then the median of repeated runs per query, checking that all engines return the same rows.
By default the engines hold the lean query store (`evidence=False`: entity graph and typed edges, what the
canned queries need). Prints a table per size and writes bench/results/queries-<sizes>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEPT_MAX = 1000  # collaborators: the busiest unit holding at most this many nodes (itself, sub-units, roles)
QUERIES = ("chain", "subtree", "collaborators", "span", "shared-competencies")


def rss_mb(pid: int | str = "self", key: str = "VmRSS") -> float:
    """Current (VmRSS) or peak (VmHWM) resident memory of a process, in MB (Linux /proc)."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def pick_args(g) -> dict[str, tuple]:
    """Deterministic, non-trivial arguments: the deepest role (chain), the level-2 role heading the largest
    subtree, the unit (<= DEPT_MAX members) with the most collaborators, the pair of roles sharing the most competencies."""
    from orgkg.queries.canned import _down, _nx_inside, _up, run_networkx

    roles = sorted(n for n, d in g.g.nodes(data=True) if d["type"] == "Role")
    deep = max(roles[:3000], key=lambda r: (len(run_networkx(g, "chain", r)), r))
    roots = [r for r in roles if not _up(g, r)]
    level2 = sorted({c for r in roots for k in _down(g, r) for c in _down(g, k)}) or roots
    sub = max(level2[:200], key=lambda r: (len(run_networkx(g, "subtree", r)), r))
    units = sorted(n for n, d in g.g.nodes(data=True) if d["type"] == "Unit")
    dept = [u for u in units[:3000] if len(_nx_inside(g, u)) <= DEPT_MAX]  # a department, not the whole org
    unit = max(dept, key=lambda u: (len(run_networkx(g, "collaborators", u)), u)) if dept else sub
    reqs = {r: {c for _, c, k in g.g.out_edges(r, keys=True) if k == "REQUIRES"} for r in roles}
    busy = sorted(roles, key=lambda r: (-len(reqs[r]), r))[:150]
    pair = max(((a, b) for i, a in enumerate(busy) for b in busy[i + 1:]), key=lambda p: (len(reqs[p[0]] & reqs[p[1]]), p))
    return {"chain": (deep,), "subtree": (sub,), "collaborators": (unit,), "span": (10,), "shared-competencies": pair}


def timed(fn, repeat: int) -> tuple[float, object]:
    out = fn()  # warm-up (query plans, caches); not counted
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def one_size(n: int, repeat: int, evidence: bool) -> dict:
    """Measured inside the child process."""
    from orgkg.queries.canned import ask
    from orgkg.queries.cypher import EmbeddedBackend
    from orgkg.queries.sparql import store_for
    from orgkg.synth.graph import synth_graph

    t0 = time.perf_counter()
    g = synth_graph(n, seed=1)
    row: dict = {"roles": n, "nodes": g.g.number_of_nodes(), "edges": g.g.number_of_edges(),
                 "generate_s": time.perf_counter() - t0, "evidence": evidence, "rss_graph_mb": rss_mb(),
                 "load_s": {}, "mem_mb": {}, "query_s": {q: {} for q in QUERIES}, "rows": {}}
    t0 = time.perf_counter()
    args = pick_args(g)
    row["pick_args_s"] = time.perf_counter() - t0
    row["args"] = {q: list(map(str, a)) for q, a in args.items()}

    before = rss_mb()
    t0 = time.perf_counter()
    sp = store_for(g, evidence=evidence)
    row["load_s"]["sparql"] = time.perf_counter() - t0
    row["triples"] = len(sp)
    row["mem_mb"]["sparql"] = rss_mb() - before
    row["mem_mb"]["sparql_peak_process"] = rss_mb(key="VmHWM")

    t0 = time.perf_counter()
    cy = EmbeddedBackend(g, evidence=evidence)
    row["load_s"]["cypher"] = time.perf_counter() - t0
    row["mem_mb"]["cypher"] = rss_mb(cy.server.pid, "VmHWM")

    engines = {"networkx": None, "cypher": cy, "sparql": sp}
    for q in QUERIES:
        ref = None
        for lang, backend in engines.items():
            try:
                def call(g=g, q=q, a=args[q], lang=lang, backend=backend):
                    return ask(g, q, *a, lang=lang, backend=backend)

                sec, out = timed(call, repeat)
            except Exception as e:  # one engine failing must not hide the others' figures
                row["query_s"][q][lang] = None
                row.setdefault("errors", []).append(f"{lang} {q}: {type(e).__name__}: {e}"[:200])
                continue
            row["query_s"][q][lang] = sec
            ref = out if ref is None else ref
            row["rows"][q] = len(out)
            if out != ref:
                row.setdefault("disagree", []).append(f"{lang} {q}")
    cy.server.stop()
    return row


def print_table(row: dict) -> None:
    langs = ["networkx", "cypher", "sparql"]
    ld, mem = row["load_s"], row["mem_mb"]
    print(f"\n{row['roles']:,} roles: {row['nodes']:,} nodes, {row['edges']:,} edges, {row['triples']:,} triples "
          f"(generated in {row['generate_s']:.1f} s, graph RSS {row['rss_graph_mb']:.0f} MB)")
    print(f"load: cypher {ld['cypher']:.1f} s (server peak RSS {mem['cypher']:.0f} MB), "
          f"sparql {ld['sparql']:.1f} s (+{mem['sparql']:.0f} MB RSS; process peak {mem['sparql_peak_process']:.0f} MB)")
    print(f"{'query':22}{'rows':>8}" + "".join(f"{lang + ' ms':>14}" for lang in langs))
    for q, per in row["query_s"].items():
        cells = "".join(f"{per[lang] * 1000:14.2f}" if per.get(lang) is not None else f"{'-':>14}" for lang in langs)
        print(f"{q:22}{row['rows'].get(q, 0):>8}{cells}")
    for k in ("disagree", "errors"):
        if row.get(k):
            print(f"  {k}: {'; '.join(row[k])}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--evidence", action="store_true", help="load full-fidelity stores (with evidence)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(one_size(a.sizes[0], a.repeat, a.evidence)))
        return
    res = {"repeat": a.repeat, "evidence": a.evidence, "python": sys.version.split()[0], "cpus": os.cpu_count(),
           "sizes": {}}
    for n in a.sizes:
        cmd = [sys.executable, __file__, str(n), "--child", "--repeat", str(a.repeat)] + (["--evidence"] if a.evidence else [])
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            print(f"{n} roles: failed: {(p.stderr.strip().splitlines() or [str(p.returncode)])[-1]}", file=sys.stderr)
            continue
        row = json.loads(p.stdout.strip().splitlines()[-1])
        res["sizes"][n] = row
        print_table(row)
    out = Path(__file__).resolve().parent / "results" / f"queries-{'-'.join(map(str, a.sizes))}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=1))
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
