"""Instructions a one-core `orgkg build` executes, counted by valgrind's callgrind: a figure that does not drift.

usage: python bench/instructions.py [--docs 2000] [--seed 1] [--cache] [--compare REV ...] [--work DIR]

Wall and CPU time on a shared host drift by a quarter within an hour (bench/README.md); instruction counts are
the same on every run of the same code and input (hash seed fixed), so they compare two versions of a change, or
this checkout with an older revision, on a busy host. Each tree (this checkout, and every `--compare` git
revision, checked out in a temporary worktree) builds the same synthetic corpus in a fresh process under
callgrind (~50x slower than a plain run: 2,000 documents take a few minutes). Counts include the interpreter's
start-up and imports (~0.3 G). `--cache` counts the default, cached build instead (cold: it also fills the
extraction cache). Revisions that still had compiled twins run as Python (ORGKG_PURE_PYTHON=1).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
sys.path.insert(0, str(ROOT))
from build import corpus, write_result  # noqa: E402 - the throughput benchmark's corpora and results


def package_tree(checkout: Path, dest: Path) -> Path:
    """A directory that imports `orgkg` and its subpackages from `checkout`, as pyproject's package-dir maps
    them (an editable install would import this checkout, whatever the revision)."""
    mapping = tomllib.loads((checkout / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    pkg = dest / "orgkg"
    pkg.mkdir(parents=True)
    for entry in (checkout / mapping["orgkg"]).iterdir():
        (pkg / entry.name).symlink_to(entry)
    for name, folder in mapping.items():
        if name.startswith("orgkg."):
            (pkg / name.split(".", 1)[1]).symlink_to(checkout / folder)
    return dest


def _env(tree: Path) -> dict[str, str]:
    return os.environ | {"PYTHONPATH": str(tree), "ORGKG_PURE_PYTHON": "1", "PYTHONHASHSEED": "0"}


def count(tree: Path, docs_dir: Path, tmp: Path, cache: bool = False) -> int:
    """Instructions of `orgkg build DIR [--no-cache] --jobs 1 --quiet` with `tree` first on the path."""
    out = tmp / f"graph-{tree.name}.json"
    env = _env(tree)
    run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-m", "orgkg",
                          "build", str(docs_dir), "-o", str(out), *([] if cache else ["--no-cache"]), "--jobs", "1", "--quiet"],
                         capture_output=True, text=True, env=env, cwd=tmp)
    m = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode != 0 or not m:
        raise SystemExit(f"{tree}: build under callgrind failed: {run.stderr.strip()[-400:]}")
    return int(m.group(1))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cache", action="store_true", help="count the default build, which fills the cache (cold)")
    ap.add_argument("--compare", nargs="*", default=[], help="git revisions to count beside this checkout")
    ap.add_argument("--work", default=os.environ.get("ORGKG_BENCH_DIR", "/tmp/orgkg-bench"))
    a = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    docs_dir = corpus(a.docs, a.seed, work)
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        trees = {"this checkout": package_tree(REPO, tmp / "this")}
        worktrees = []
        try:
            for rev in a.compare:
                wt = tmp / f"wt-{len(worktrees)}"
                subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(wt), rev], check=True)
                worktrees.append(wt)
                trees[rev] = package_tree(wt, tmp / f"rev-{len(worktrees)}")
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                counts = dict(zip(trees, pool.map(lambda tr: count(tr, docs_dir, tmp, a.cache), trees.values())))
        finally:
            for wt in worktrees:
                subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(wt)], check=False)
    base = counts["this checkout"]
    kind = "cold cached" if a.cache else "--no-cache"
    print(f"one-core {kind} `orgkg build` of {a.docs} synthetic documents (seed {a.seed}), instructions under callgrind")
    print("tree | G instructions | M per document | vs this checkout")
    print("--- | --- | --- | ---")
    for name, n in counts.items():
        print(f"{name} | {n / 1e9:.3f} | {n / a.docs / 1e6:.3f} | {(n - base) / base * 100:+.1f} %")
    res = {"machine": {"python": platform.python_version(), "platform": platform.platform()}, "docs": a.docs,
           "seed": a.seed, "cache": a.cache, "instructions": counts}
    write_result("instructions", res)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
