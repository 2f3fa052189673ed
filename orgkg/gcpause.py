"""Pausing Python's cyclic garbage collector while a build allocates millions of small objects.

Everything a build makes (extractions, then nodes, edges and their evidence) lives until the build
ends and holds no reference cycles, so collector passes, which walk the ever larger heap, find
nothing. Pausing them saves ~7 % of a 10,000-document build and more beyond; generating a synthetic
organisation (synth/org.py) runs 3x faster.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """No automatic collection inside the block; the previous setting comes back after it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
