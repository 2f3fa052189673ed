"""Fuzz the loaders and extractor at scale: `python bench/fuzz.py --cases 10000`.

Why: the default test suite runs a few hundred hypothesis cases; this runs the SAME properties
(tests/test_fuzz_loaders.py) for as many cases as asked, counts them, records failures with their
falsifying example, times the slowest cases, and measures how extraction time grows with the
length of one long clause (the superlinear case the fuzzer found). Prints a table; writes JSON
to bench/results/fuzz.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import signal
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import test_fuzz_loaders as F  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from orgkg.loaders import extract_text  # noqa: E402

CASE_LIMIT_S = 120  # a case running longer than this counts as a hang (--case-limit)


@dataclass
class PropertyRun:
    name: str
    asked: int
    cases: int = 0
    seconds: float = 0.0
    slowest_s: float = 0.0
    slowest_input_len: int = 0
    failures: list[str] = field(default_factory=list)
    slowest_input: dict = field(default_factory=dict, repr=False)  # written beside the JSON, not into it


class Hang(Exception):
    pass


def _alarm(_sig, _frame):
    raise Hang(f"case ran over {CASE_LIMIT_S} s")


def _size(kwargs: dict) -> int:
    return sum(len(v) for v in kwargs.values() if isinstance(v, (str, bytes)))


def run_property(prop, n: int, seed: int | None) -> PropertyRun:
    """Run one hypothesis property for n cases, counting every call of its body."""
    res = PropertyRun(prop.__name__, n)
    inner = prop.hypothesis.inner_test

    def counted(**kwargs):
        res.cases += 1
        t0 = time.perf_counter()
        signal.alarm(CASE_LIMIT_S)
        try:
            inner(**kwargs)
        finally:
            signal.alarm(0)
            dt = time.perf_counter() - t0
            if dt > res.slowest_s:
                res.slowest_s, res.slowest_input_len, res.slowest_input = dt, _size(kwargs), dict(kwargs)

    prop.hypothesis.inner_test = counted
    default = prop._hypothesis_internal_use_settings
    prop._hypothesis_internal_use_settings = settings(default, max_examples=n, database=None, deadline=None,
                                                      derandomize=seed is not None, print_blob=True,
                                                      suppress_health_check=list(HealthCheck))
    t0 = time.perf_counter()
    try:
        prop()
    except BaseException as e:  # noqa: BLE001 - any escape is a finding to report, not to crash on
        if isinstance(e, KeyboardInterrupt):
            raise
        notes = "\n".join(getattr(e, "__notes__", []))
        res.failures.append(f"{type(e).__name__}: {e}\n{notes}\n{''.join(traceback.format_exception(e)[-3:])}")
    finally:
        prop.hypothesis.inner_test = inner
        prop._hypothesis_internal_use_settings = default
    res.seconds = time.perf_counter() - t0
    return res


def save_slowest(runs: list[PropertyRun], folder: Path) -> list[Path]:
    """Each property's slowest input, as a file to profile (`fuzz-slowest-<property>.txt` or `.bin`): a slow
    case is a superlinear path waiting for a longer input, and the one that hangs shrinks slowly."""
    out = []
    for r in runs:
        value = next((v for v in r.slowest_input.values() if isinstance(v, (str, bytes))), None)
        if value is None:
            continue
        path = folder / f"fuzz-slowest-{r.name}.{'bin' if isinstance(value, bytes) else 'txt'}"
        path.write_bytes(value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass"))
        out.append(path)
    return out


def scaling(reps=(125, 250, 500, 1000)) -> list[dict]:
    """Extraction time of one clause repeating a relation trigger: linear code keeps time/char flat."""
    rows = []
    for r in reps:
        text = "Under the direction of the " * r
        t0 = time.perf_counter()
        extract_text(text, doc="x.txt")
        dt = time.perf_counter() - t0
        rows.append({"chars": len(text), "seconds": round(dt, 3), "us_per_char": round(dt / len(text) * 1e6, 1)})
    return rows


def kills(n: int) -> dict:
    """Fault injection: SIGKILL a large save n times as soon as its temp file appears; classify the target after."""
    import tempfile

    import test_atomic_save as A

    import orgkg

    out = {"kills": n, "mid_write": 0, "too_late": 0, "old_graph_intact": 0, "new_graph_complete": 0, "corrupt": 0}
    with tempfile.TemporaryDirectory() as d:
        target = Path(d) / "org.json"
        orgkg.sample_graph().save(target)
        before = target.read_bytes()
        for _ in range(n):
            outcome = A.kill_during_save(target)
            out["mid_write" if outcome == "mid-write" else "too_late"] += 1
            after = target.read_bytes()
            try:
                orgkg.load(target)
                out["old_graph_intact" if after == before else "new_graph_complete"] += 1
            except Exception:  # noqa: BLE001 - a corrupt target is the finding being counted
                out["corrupt"] += 1
            target.write_bytes(before)
            for t in A.temp_files(Path(d), target.name):
                t.unlink()
    return out


def main(argv: list[str] | None = None) -> int:
    global CASE_LIMIT_S
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10_000, help="total cases, split evenly over the properties")
    ap.add_argument("--seed", type=int, help="derandomize (reproducible run)")
    ap.add_argument("--no-scaling", action="store_true", help="skip the long-clause scaling measurement")
    ap.add_argument("--kills", type=int, default=0, help="also SIGKILL this many large saves mid-write")
    ap.add_argument("--case-limit", type=int, default=CASE_LIMIT_S, metavar="S",
                    help=f"a case running longer than S seconds fails as a hang (default {CASE_LIMIT_S})")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "fuzz.json"))
    args = ap.parse_args(argv)
    CASE_LIMIT_S = args.case_limit
    signal.signal(signal.SIGALRM, _alarm)
    per = -(-args.cases // len(F.PROPERTIES))
    runs = []
    for prop in F.PROPERTIES:
        r = run_property(prop, per, args.seed)
        runs.append(r)
        print(f"{r.name:40s} {r.cases:6d} cases {r.seconds:7.1f} s  {'FAIL' if r.failures else 'ok'}", flush=True)
    total = sum(r.cases for r in runs)
    failed = [r for r in runs if r.failures]
    print()
    print(f"{'property':40s} {'cases':>6s} {'seconds':>8s} {'slowest s':>9s} {'its len':>8s}  result")
    for r in runs:
        print(f"{r.name:40s} {r.cases:6d} {r.seconds:8.1f} {r.slowest_s:9.2f} {r.slowest_input_len:8d}  "
              f"{'FAIL' if r.failures else 'ok'}")
    print(f"{'TOTAL':40s} {total:6d} {sum(r.seconds for r in runs):8.1f}")
    for r in failed:
        print(f"\n--- {r.name} failed:\n{r.failures[0]}")
    scale = [] if args.no_scaling else scaling()
    if scale:
        print("\nlong clause ('Under the direction of the ' x N): chars, seconds, us/char")
        for row in scale:
            print(f"  {row['chars']:7d} {row['seconds']:8.3f} {row['us_per_char']:8.1f}")
    killed = kills(args.kills) if args.kills else {}
    if killed:
        print("\nkilled saves: " + ", ".join(f"{k} {v}" for k, v in killed.items()))
        if killed["corrupt"]:
            failed.append("atomic save")
    result = "PASS" if not failed else f"FAIL ({len(failed)} properties)"
    print(f"\nfuzzed {total} cases over {len(runs)} properties: {result}; texts extracted {F.STATS['texts']} "
          f"(each twice), evidence spans verified {F.STATS['spans']}, byte inputs refused {F.STATS['refused_bytes']}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    props = [{k: v for k, v in asdict(r).items() if k != "slowest_input"} for r in runs]
    out.write_text(json.dumps({"cases": total, "result": result, "stats": F.STATS, "python": platform.python_version(),
                               "seed": args.seed, "properties": props, "scaling": scale, "killed_saves": killed},
                              indent=1) + "\n")
    print(f"wrote {out}; slowest inputs: {', '.join(str(p.name) for p in save_slowest(runs, out.parent))}")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
