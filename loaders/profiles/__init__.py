"""Format profiles: one module per organisation whose pages have a format of their own.

A profile holds that organisation's vocabulary (section labels, header fields, names of its tools and
groups) so the general rules and the shared schema stay free of it. `VAGUE_PHRASES` and
`ORGANIZATION_MARKERS` below gather what every profile adds to the general word lists (loaders/lexicon.py).
"""

from __future__ import annotations

from . import mcps

PROFILES = (mcps,)

VAGUE_PHRASES: frozenset[str] = frozenset().union(*(p.VAGUE_PHRASES for p in PROFILES))
ORGANIZATION_MARKERS: tuple[str, ...] = tuple(m for p in PROFILES for m in p.ORGANIZATION_MARKERS)

__all__ = ["ORGANIZATION_MARKERS", "PROFILES", "VAGUE_PHRASES"]
