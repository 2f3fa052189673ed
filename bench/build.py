"""Benchmark `orgkg build` on synthetic corpora: docs/s, peak RSS, I/O floor, extraction F1 vs ground truth.

usage: python bench/build.py [--sizes 1000,10000,50000] [--seed 1] [--jobs 1] [--f1-max 10000] [--work DIR]
                             [--repeat N] [--modes no-cache,cached]

Each size is built two ways, each a fresh `python -m orgkg build` process timed from outside, start-up and exit
included (what `time orgkg build` shows), so peak RSS is that build's: `orgkg build DIR --no-cache
--jobs J` (extraction, merge, save) and the default `orgkg build DIR --jobs J` from cold, which also fills the
extraction cache that later rebuilds take unchanged documents from (bench/incremental.py).
CPU s is the CPU time the build used (its worker processes included): on a shared host, wall time also
counts time the vCPU was lent to others.
The I/O floor is a plain read + UTF-8 decode of the same files in this run. F1 scores
`orgkg extract`-shaped output with /work/shared/eval/score.py's own functions (imported by path).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SCORER = Path(os.environ.get("ORGKG_SCORER", "/work/shared/eval/score.py"))


def corpus(n: int, seed: int, work: Path) -> Path:
    d = work / f"synth-{n}-s{seed}"
    if not (d / "truth.json").exists():
        from orgkg.synth.corpus import write_corpus
        write_corpus(n, seed, d)
    return d


def io_floor(files: list[Path]) -> float:
    t = time.perf_counter()
    for f in files:
        f.read_bytes().decode("utf-8")
    return time.perf_counter() - t


MODES = ("no-cache", "cached")


def _env(mode: str) -> dict[str, str]:
    """Builds read and write bytecode caches as an installed orgkg does: a PYTHONDONTWRITEBYTECODE left in the
    environment (some sandboxes set it) would compile every module from source on every run (~0.3 G
    instructions, ~7 % of a 1k build)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env


def timed_build(d: Path, jobs: int, mode: str = "no-cache") -> dict:
    """One build, the whole `python -m orgkg build` process as a user runs it (interpreter start-up and exit
    included), timed from outside; `mode` "cached" is the default build, cold (a new output directory). Its
    CPU time and peak RSS are the process's own (os.wait4), worker processes included."""
    with tempfile.TemporaryDirectory() as tmp, open(f"{tmp}/stderr", "w+") as err:
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "orgkg", "build", str(d), "-o", f"{tmp}/org.json",
                                 *(["--no-cache"] if mode.startswith("no-cache") else []), "--quiet", "--jobs", str(jobs)],
                                stdout=subprocess.DEVNULL, stderr=err, env=_env(mode))
        _, status, usage = os.wait4(proc.pid, 0)
        secs = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        if proc.returncode != 0 or not (Path(tmp) / "org.json").exists():
            raise SystemExit(f"build failed ({proc.returncode}): {err.read().strip()[-500:]}")
    return {"seconds": secs, "peak_rss_mb": usage.ru_maxrss / 1024, "rc": proc.returncode,
            "cpu_s": usage.ru_utime + usage.ru_stime}


def f1(d: Path, jobs: int) -> dict:
    spec = importlib.util.spec_from_file_location("orgkg_eval_score", SCORER)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    from orgkg.loaders import expand_paths
    from orgkg.loaders.parallel import extract_many

    exs = extract_many(expand_paths([d]), jobs=jobs, errors=[])
    system = {score.stem_doc(ex.doc): ex.to_json() for ex in exs if ex}
    res = score.score(score.load_gold(d / "gold"), system)
    return {"micro": res["micro"], "types": {t: v["f1"] for t, v in res["types"].items()}, "fields": res["fields"]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1, help="build processes (the goal is stated for one core)")
    ap.add_argument("--f1-max", type=int, default=10000, help="score F1 only up to this corpus size")
    ap.add_argument("--work", default=os.environ.get("ORGKG_BENCH_DIR", "/tmp/orgkg-bench"))
    ap.add_argument("--repeat", type=int, default=1,
                    help="builds per size; the table shows the fastest, the JSON every run (shared hosts drift)")
    ap.add_argument("--modes", default="no-cache,cached",
                    help="which builds to time, alternated: no-cache, cached (cold)")
    a = ap.parse_args(argv)
    modes = [m for m in a.modes.split(",") if m]
    if not modes or any(m not in MODES for m in modes):
        ap.error(f"--modes takes a comma-separated list of {', '.join(MODES)}")
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    for mode in modes:  # untimed: writes the bytecode caches a first run after an install writes
        timed_build(corpus(50, a.seed, work), a.jobs, mode)
    rows = []
    for n in [int(x) for x in a.sizes.split(",")]:
        t = time.perf_counter()
        d = corpus(n, a.seed, work)
        gen = time.perf_counter() - t
        files = sorted(d.glob("*.txt"))
        floor = io_floor(files)
        row = {"docs": len(files), "jobs": a.jobs, "io_floor_s": round(floor, 3), "corpus_gen_s": round(gen, 1)}
        for mode in modes:  # alternated, so a drifting host slows both alike
            row[mode] = []
        for _ in range(max(1, a.repeat)):
            for mode in modes:
                row[mode].append(timed_build(d, a.jobs, mode))
        for mode in modes:
            runs = row.pop(mode)
            b = min(runs, key=lambda r: r["seconds"])
            row[mode] = {"build_s": round(b["seconds"], 2), "docs_per_s": round(len(files) / b["seconds"], 1),
                         "cpu_s": round(b["cpu_s"], 2), "peak_rss_mb": round(b["peak_rss_mb"], 1),
                         "rss_kb_per_doc": round(b["peak_rss_mb"] * 1024 / len(files), 1),
                         "x_io_floor": round(b["seconds"] / max(floor, 1e-9), 1),
                         "runs_s": [round(r["seconds"], 2) for r in runs],
                         "median_docs_per_s": round(len(files) / statistics.median(r["seconds"] for r in runs), 1)}
        if n <= a.f1_max:
            row["f1"] = f1(d, 0)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    hdr = ("docs", "jobs", "build", "build s", "docs/s", "CPU s", "peak RSS MB", "KB/doc", "I/O floor s", "x floor", "micro F1")
    print(" | ".join(hdr))
    print(" | ".join("---" for _ in hdr))
    for r in rows:
        for mode in modes:
            m = r[mode]
            print(" | ".join(str(x) for x in (r["docs"], r["jobs"], mode, m["build_s"], m["docs_per_s"], m["cpu_s"],
                                              m["peak_rss_mb"], m["rss_kb_per_doc"], r["io_floor_s"], m["x_io_floor"],
                                              r["f1"]["micro"]["f1"] if "f1" in r else "-")))
    for r in rows:
        for mode in modes:
            if len(r[mode]["runs_s"]) > 1:
                print(f"{r['docs']} docs, {mode}, {len(r[mode]['runs_s'])} runs: {r[mode]['runs_s']} s; "
                      f"median {r[mode]['median_docs_per_s']} docs/s")
    if any("f1" in r for r in rows):
        r = [r for r in rows if "f1" in r][-1]
        print(f"F1 by type at {r['docs']} docs: " + ", ".join(f"{k} {v}" for k, v in r["f1"]["types"].items()))
    res = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                       "load_avg": os.getloadavg()}, "rows": rows}
    write_result("build", res)
    return 0


def write_result(kind: str, res: dict) -> Path:
    """bench/results/KIND-<time>.json (gitignored): the run's figures, beside the printed table."""
    (ROOT / "results").mkdir(exist_ok=True)
    out = ROOT / "results" / f"{kind}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(res, indent=1) + "\n")
    print(f"wrote {out}")
    return out


if __name__ == "__main__":
    sys.exit(main())
