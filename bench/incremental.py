"""Rebuild after an edit: change one of N documents, rebuild with the cache, time it.

usage: python bench/incremental.py [--docs 10000] [--seed 1] [--jobs 0] [--work DIR] [--cli]

Prints the cold build (fills the cache), a warm rebuild with nothing changed, then a rebuild after each of
these edits, in turn: a sentence appended to one document (`one_changed`); a sentence added to another's
summary naming the unit most edges point to (`one_relation`); one document removed (`one_removed`) and put
back (`one_added`). Every rebuild re-merges the whole graph from the cached extractions; each is split into
listing the files, extraction (read, hash, cache lookups, re-extraction), merge and save. With `--cli`, each
rebuild is also timed as a whole `orgkg build` process (start-up included). Last, it checks the rebuilt file
equals a cold build's (no cache) byte for byte.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def one_build(d: Path, out: Path, jobs: int, cli: bool = False) -> dict:
    """`orgkg build d -o out` in this process (the CLI's own code path), split into its stages."""
    from orgkg.graph.pipeline import build_file
    from orgkg.loaders import expand_paths

    t0 = time.perf_counter()
    c0 = time.process_time()
    files = expand_paths([d])
    t1 = time.perf_counter()
    r = build_file(files, out, "auto", jobs, [])
    t2 = time.perf_counter()
    tm = r.timings
    row = {"list_s": round(t1 - t0, 3), "extract_s": round(tm["extract_s"], 3), "merge_s": round(tm["merge_s"], 3),
           "save_s": round(tm["save_s"], 3), "total_s": round(t2 - t0, 3),
           "cpu_s": round(time.process_time() - c0, 3), "reused": r.reused, "extracted": r.extracted}
    if cli:
        c = subprocess.run([sys.executable, "-m", "orgkg", "build", str(d), "-o", str(out.with_name("cli.json")),
                            "--quiet", "--jobs", str(jobs)], capture_output=True)
        t3 = time.perf_counter()
        assert c.returncode == 0, c.stderr
        row["cli_s"] = round(t3 - t2, 3)
    return row


def busiest_unit(graph: Path) -> str:
    """The name of the Unit most edges point to, read from the graph file."""
    data = json.loads(graph.read_text(encoding="utf-8"))
    names = {n["id"]: n["name"] for n in data["nodes"] if n.get("type") == "Unit"}
    counts: dict[str, int] = {}
    for e in data["edges"]:
        if e["target"] in names:
            counts[e["target"]] = counts.get(e["target"], 0) + 1
    return names[max(counts, key=counts.get)]


def with_summary_sentence(text: str, sentence: str) -> str:
    """The page with `sentence` at the end of its summary paragraph (or, without one, at its end)."""
    i = text.find("SUMMARY DESCRIPTION OF CLASSIFICATION:")
    j = text.find("\n", i) if i >= 0 else -1
    return text[:j] + " " + sentence + text[j:] if j >= 0 else text + "\n" + sentence + "\n"


def identical(d: Path, out: Path) -> bool:
    """The rebuilt file equals a cold build's (no cache), byte for byte."""
    from orgkg.graph.pipeline import build_file
    from orgkg.loaders import expand_paths

    ref = out.with_name("cold.json")
    build_file(expand_paths([d]), ref, "auto", 0, [], use_cache=False)
    return ref.read_bytes() == out.read_bytes()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--work", default=os.environ.get("ORGKG_BENCH_DIR", "/tmp/orgkg-bench"))
    ap.add_argument("--cli", action="store_true", help="also time each rebuild as a whole `orgkg build` process")
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from build import corpus  # bench/build.py: the same cached synthetic corpora

    src = corpus(a.docs, a.seed, Path(a.work))
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "docs"
        shutil.copytree(src, d, ignore=shutil.ignore_patterns("gold", "truth.json"))
        out = Path(tmp) / "org.json"
        rows = {"cold": one_build(d, out, a.jobs, a.cli), "warm": one_build(d, out, a.jobs, a.cli)}
        files = sorted(d.glob("*.txt"))
        victim = files[min(37, a.docs - 1)]
        victim.write_text(victim.read_text(encoding="utf-8") + "\nWorks closely with the Office of Testing Operations.\n",
                          encoding="utf-8")
        rows["one_changed"] = one_build(d, out, a.jobs, a.cli)
        other = files[min(38, a.docs - 1)]
        other.write_text(with_summary_sentence(other.read_text(encoding="utf-8"), f"Collaborates with the {busiest_unit(out)}."),
                         encoding="utf-8")
        rows["one_relation"] = one_build(d, out, a.jobs, a.cli)
        gone = files[min(39, a.docs - 1)]
        kept = gone.read_bytes()
        gone.unlink()
        rows["one_removed"] = one_build(d, out, a.jobs, a.cli)
        gone.write_bytes(kept)
        rows["one_added"] = one_build(d, out, a.jobs, a.cli)
        same = identical(d, out)
    print(f"{a.docs} docs, jobs {a.jobs}, load average {os.getloadavg()[0]:.1f}; rebuilt file == cold build: {same}")
    cols = ["list_s", "extract_s", "merge_s", "save_s", "total_s", "cpu_s", "reused", "extracted"] + (["cli_s"] if a.cli else [])
    print("run | " + " | ".join(cols))
    print("--- | " + " | ".join("---" for _ in cols))
    for k, r in rows.items():
        print(f"{k} | " + " | ".join(str(r[c]) for c in cols))
    (ROOT / "results").mkdir(exist_ok=True)
    out = ROOT / "results" / f"incremental-{time.strftime('%Y%m%d-%H%M%S')}.json"
    res = {"docs": a.docs, "jobs": a.jobs, "load_avg": os.getloadavg(), "rows": rows, "identical": same}
    out.write_text(json.dumps(res, indent=1) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
