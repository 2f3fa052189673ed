"""Extraction benchmark: score `orgkg extract` on the MCPS gold set and on the generic set, separately.

usage: python bench/extraction.py [--shared DIR] [--set mcps|generic|all] [--json OUT] [--verbose]

Runs the CLI exactly as a user would (`orgkg extract ... --format jsonl`) and scores with the reference scorer
`shared/eval/score.py` (precision, recall, F1 per relation type, micro-F1, header-field accuracy). The generic
set (`shared/eval/generic`) is also scored per format group (the sector prefixes its README lists): the worst
group and the mean over groups are a leave-one-format-out style check that a change generalises beyond the
formats it was made on. The warning codes the extraction gave are counted per set.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# format group -> the slug prefixes of its documents (shared/eval/generic/README.md)
GENERIC_GROUPS: dict[str, tuple[str, ...]] = {
    "city/county": ("city-riverton", "maple-county", "lakeshore-county", "harbor-point"),
    "state": ("westmark-dor", "westmark-dph", "ashford-dot", "ashford-dlwd"),
    "federal": ("nrma", "nwcs", "biw", "npstc"),
    "school district": ("northfield-usd", "pine-valley-sd", "riverbend-ps", "cedar-hills-isd"),
    "university": ("riverside-state-univ", "lakeland-univ", "coastal-state-univ", "midland-univ"),
    "hospital": ("harbor-health", "st-brendan", "lakeside-hospital"),
    "corporate": ("acme-logistics", "northwind", "brightpath"),
    "uk": ("northgate-nhs", "tamar-valley-nhs", "westbridge-council", "drlg"),
    "au/ca": ("au-det", "au-wattle-creek", "ca-mranc", "ca-cedar-coast-health"),
    "nonprofit": ("riverside-food-bank", "odyc", "hope-street", "terra-relief"),
}


def default_shared() -> Path:
    """The `shared` folder beside the checkout or one level further up (worktrees sit in a subfolder)."""
    for up in (ROOT.parent, ROOT.parent.parent):
        if (up / "shared" / "eval").is_dir():
            return up / "shared"
    return ROOT.parent / "shared"


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


def _system(scorer, jsonl: str) -> dict:
    system = {}
    for line in jsonl.splitlines():
        if line.strip():
            obj = json.loads(line)
            system[scorer.stem_doc(obj["doc"])] = obj
    return system


def score_set(scorer, gold_dir: Path, dirs: list[Path], verbose: bool = False) -> tuple[dict, dict, dict]:
    """(figures, gold, system output) for one set: the documents in `dirs` scored against `gold_dir`."""
    jsonl, seconds = run_extract(dirs)
    system = _system(scorer, jsonl)
    gold = scorer.load_gold(gold_dir)
    res = scorer.score(gold, system, verbose=verbose)
    res["seconds"] = round(seconds, 3)
    res["documents"] = len(system)
    res["warnings"] = dict(Counter(w.split(":", 1)[0] for o in system.values() for w in o.get("warnings", [])))
    return res, gold, system


def by_group(scorer, gold: dict, system: dict, groups: dict[str, tuple[str, ...]]) -> dict:
    """Micro-F1 and title accuracy of each format group, the worst group and the mean over groups."""
    out: dict = {"groups": {}}
    for name, prefixes in groups.items():
        docs = {d: g for d, g in gold.items() if d.startswith(prefixes)}
        if not docs:
            continue
        r = scorer.score(docs, system)
        out["groups"][name] = {"docs": len(docs), "micro_f1": r["micro"]["f1"], "working_title": r["fields"]["working_title"]}
    f1s = {k: v["micro_f1"] for k, v in out["groups"].items()}
    if f1s:
        worst = min(f1s, key=f1s.get)
        out["worst"] = {"group": worst, "micro_f1": f1s[worst]}
        out["mean_micro_f1"] = round(sum(f1s.values()) / len(f1s), 3)
    return out


def evaluate(shared: Path, which: str = "all", verbose: bool = False) -> dict:
    """Figures for the MCPS gold set ("mcps"), the generic set ("generic"), or both."""
    scorer = load_scorer(shared)
    res: dict = {}
    if which in ("mcps", "all"):
        dirs = [d for d in (shared / "seeds", shared / "corpus") if d.is_dir()]
        res["mcps"] = score_set(scorer, shared / "eval" / "gold", dirs, verbose)[0]
    generic = shared / "eval" / "generic"
    if which in ("generic", "all") and (generic / "gold").is_dir():
        figures, gold, system = score_set(scorer, generic / "gold", [generic / "raw"], verbose)
        figures["format_groups"] = by_group(scorer, gold, system, GENERIC_GROUPS)
        res["generic"] = figures
    return res


def print_table(name: str, res: dict) -> None:
    print(f"== {name}: documents {res['documents']} scored {res['docs']} (missing in output: {res['missing_docs']}), "
          f"extract took {res['seconds']:.2f} s")
    print(f"{'type':20s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>5s} {'fp':>5s} {'fn':>5s}")
    for t, c in res["types"].items():
        print(f"{t:20s} {c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f} {c['tp']:5d} {c['fp']:5d} {c['fn']:5d}")
    m = res["micro"]
    print(f"{'micro':20s} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['tp']:5d} {m['fp']:5d} {m['fn']:5d}")
    print("header fields: " + ", ".join(f"{k} {v:.3f}" for k, v in res["fields"].items() if v is not None))
    print("warnings: " + (", ".join(f"{k} {v}" for k, v in sorted(res["warnings"].items())) or "none"))
    groups = res.get("format_groups")
    if groups and groups.get("groups"):
        print("per format group (micro-F1 / titles): " + ", ".join(
            f"{k} {v['micro_f1']:.3f}/{v['working_title']:.2f}" for k, v in groups["groups"].items()))
        print(f"worst group: {groups['worst']['group']} {groups['worst']['micro_f1']:.3f}; "
              f"mean over groups {groups['mean_micro_f1']:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=default_shared(), help="folder with seeds/, corpus/, eval/")
    ap.add_argument("--set", choices=("mcps", "generic", "all"), default="all", help="which gold set to score")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--verbose", action="store_true", help="list every false positive and false negative")
    args = ap.parse_args(argv)
    if not (args.shared / "eval" / "gold").is_dir():
        print(f"{args.shared}: no eval/gold folder (expected shared/ beside the checkout)", file=sys.stderr)
        return 2
    res = evaluate(args.shared, args.set, args.verbose)
    for name, figures in res.items():
        print_table(name, figures)
    if args.json:
        args.json.write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
