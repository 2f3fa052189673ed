"""A cold build with the cache records the same build state as the plain fold of every document's operations,
and records it without keeping those operations (graph/incremental.py: _TargetRows)."""

from __future__ import annotations

from orgkg.graph.cache import ExtractionCache
from orgkg.loaders import load_file


def test_entries_put_in_any_order_are_all_found(tmp_path, sample_paths):
    """put_many sorts its entries by key before writing them: each still lands under its own key."""
    exs = [load_file(p) for p in sample_paths]
    cache = ExtractionCache(tmp_path)
    keys = [f"{n:02d}-{'z' if n % 2 else 'a'}" for n in range(len(exs))][::-1]
    cache.put_many(list(zip(keys, exs)))
    assert [cache.get(k) for k in keys] == exs
    cache.close()
