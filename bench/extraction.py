"""Extraction benchmark: score `orgkg extract` on the seed and corpus documents against the gold files.

usage: python bench/extraction.py [--shared DIR] [--json OUT] [--verbose]

Runs the CLI exactly as a user would (`orgkg extract ... --format jsonl`) and
scores with the reference scorer `../shared/eval/score.py` (precision, recall,
F1 per relation type, micro-F1, header-field accuracy).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("orgkg_eval_score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run_extract(dirs: list[Path]) -> tuple[str, float]:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "orgkg", "extract", *map(str, dirs), "--format", "jsonl"],
                         capture_output=True, text=True, check=False)
    dt = time.perf_counter() - t0
    if out.returncode not in (0, 1):
        sys.exit(f"orgkg extract failed ({out.returncode}): {out.stderr.strip()}")
    return out.stdout, dt


def evaluate(shared: Path, verbose: bool = False) -> dict:
    scorer = load_scorer(shared)
    dirs = [d for d in (shared / "seeds", shared / "corpus") if d.is_dir()]
    jsonl, seconds = run_extract(dirs)
    system = {}
    for line in jsonl.splitlines():
        if line.strip():
            obj = json.loads(line)
            system[scorer.stem_doc(obj["doc"])] = obj
    gold = scorer.load_gold(shared / "eval" / "gold")
    res = scorer.score(gold, system, verbose=verbose)
    res["seconds"] = round(seconds, 3)
    res["documents"] = len(system)
    return res


def print_table(res: dict) -> None:
    print(f"documents {res['documents']} scored {res['docs']} (missing in output: {res['missing_docs']}), "
          f"extract took {res['seconds']:.2f} s")
    print(f"{'type':20s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>5s} {'fp':>5s} {'fn':>5s}")
    for t, c in res["types"].items():
        print(f"{t:20s} {c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f} {c['tp']:5d} {c['fp']:5d} {c['fn']:5d}")
    m = res["micro"]
    print(f"{'micro':20s} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['tp']:5d} {m['fp']:5d} {m['fn']:5d}")
    print("header fields: " + ", ".join(f"{k} {v:.3f}" for k, v in res["fields"].items() if v is not None))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="folder with seeds/, corpus/, eval/")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--verbose", action="store_true", help="list every false positive and false negative")
    args = ap.parse_args(argv)
    if not (args.shared / "eval" / "gold").is_dir():
        print(f"{args.shared}: no eval/gold folder (expected ../shared beside the checkout)", file=sys.stderr)
        return 2
    res = evaluate(args.shared, args.verbose)
    print_table(res)
    if args.json:
        args.json.write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    with tempfile.TemporaryDirectory():
        sys.exit(main())
