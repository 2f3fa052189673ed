"""The extraction benchmark runs and stays far above a naive baseline on the gold documents."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "extraction.py"


def test_extraction_benchmark_scores(shared_dir):
    spec = importlib.util.spec_from_file_location("bench_extraction", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    res = mod.evaluate(shared_dir)
    assert res["missing_docs"] == 0
    assert res["micro"]["f1"] >= 0.85
    assert res["types"]["UNDER_DIRECTION_OF"]["f1"] >= 0.9
    assert all(v == 1.0 for v in res["fields"].values() if v is not None)
