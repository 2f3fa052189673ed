"""Canned-query timings: networkx vs embedded Cypher (FalkorDB) vs embedded SPARQL (pyoxigraph).

    python bench/queries.py                 # 1k and 10k roles
    python bench/queries.py 1000 10000 100000 --repeat 5

Median of repeated runs per query, plus load time per engine; prints a table and writes
bench/results/queries-<sizes>.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from orgkg.queries.canned import ask
from orgkg.queries.cypher import EmbeddedBackend

QUERIES = ("chain", "subtree", "collaborators", "span", "shared-competencies")


def synth(n: int):
    from orgkg.synth.graph import synth_graph

    return synth_graph(n, seed=1)


def pick_args(g) -> dict[str, tuple]:
    """Deterministic arguments: a deep role, the top role, the unit with most members, two busy roles."""
    from orgkg.queries.canned import run_networkx

    roles = sorted(n for n, d in g.g.nodes(data=True) if d["type"] == "Role")
    deep = max(roles[:2000], key=lambda r: (len(run_networkx(g, "chain", r)), r))
    top = max(roles[:2000], key=lambda r: (len(g.g.in_edges(r)), r))
    units = sorted(n for n, d in g.g.nodes(data=True) if d["type"] == "Unit")
    unit = max(units, key=lambda u: (g.g.in_degree(u), u)) if units else top
    busy = sorted(roles, key=lambda r: (-g.g.out_degree(r), r))[:2]
    return {"chain": (deep,), "subtree": (top,), "collaborators": (unit,), "span": (10,),
            "shared-competencies": tuple(busy)}


def timed(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def run(sizes: list[int], repeat: int) -> dict:
    results = {"sizes": {}, "repeat": repeat}
    for n in sizes:
        t0 = time.perf_counter()
        g = synth(n)
        gen = time.perf_counter() - t0
        args = pick_args(g)
        row: dict = {"nodes": g.g.number_of_nodes(), "edges": g.g.number_of_edges(), "generate_s": gen, "load_s": {},
                     "query_s": {q: {} for q in QUERIES}, "rows": {}}
        engines = {"networkx": None}
        t0 = time.perf_counter()
        cy = EmbeddedBackend(g)
        row["load_s"]["cypher"] = time.perf_counter() - t0
        engines["cypher"] = cy
        try:
            from orgkg.queries.sparql import store_for

            t0 = time.perf_counter()
            engines["sparql"] = store_for(g)
            row["load_s"]["sparql"] = time.perf_counter() - t0
        except ImportError:
            pass
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
        results["sizes"][n] = row
        print_table(n, row)
    return results


def print_table(n: int, row: dict) -> None:
    langs = ["networkx", "cypher", "sparql"]
    print(f"\n{n:,} roles: {row['nodes']:,} nodes, {row['edges']:,} edges (generated in {row['generate_s']:.1f} s); "
          f"load: " + ", ".join(f"{k} {v:.2f} s" for k, v in row["load_s"].items()))
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
    a = ap.parse_args()
    res = run(a.sizes, a.repeat)
    out = Path(__file__).resolve().parent / "results" / f"queries-{'-'.join(map(str, a.sizes))}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=1))
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
