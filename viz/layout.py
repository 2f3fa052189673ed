"""Top-down positions for an org chart, computed in Python so the browser never runs a layout.

vis-network's own hierarchical layout is slow past a few hundred nodes and wobbles with
physics on; fixed x/y computed here open instantly. Levels are longest-path layers over the
hierarchy edges (supervisor above subordinate), so a node with several supervisors sits below
the lowest of them; cycles are collapsed into one layer; roots are pulled down to just above
their highest child. x comes from a tidy tree over each node's primary parent (the nearest one).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import networkx as nx

X_GAP = 190.0  # horizontal distance between neighbouring slots (px)
LEVEL_H = 150.0  # vertical distance between levels (px)
LOOSE_GAP = 110.0  # row height in the band of nodes outside any hierarchy


@dataclass
class Layout:
    level: dict[str, int]
    pos: dict[str, tuple[float, float]]
    parents: dict[str, list[str]]  # every hierarchy parent, nearest first
    primary: dict[str, str]  # the parent a node is drawn under
    cyclic: set[str] = field(default_factory=set)  # nodes on a reporting cycle
    loose: list[str] = field(default_factory=list)  # nodes with no hierarchy edge at all (bottom band)

    @property
    def depth(self) -> int:
        return max(self.level.values(), default=-1) + 1


def compute_layout(nodes: Iterable[str], edges: Iterable[tuple[str, str]],
                   key: Callable[[str], object] = str) -> Layout:
    """Levels and positions for `nodes`; `edges` are (parent, child) pairs of the hierarchy."""
    nodes = list(dict.fromkeys(nodes))
    present = set(nodes)
    h = nx.DiGraph()
    h.add_edges_from((p, c) for p, c in edges if p in present and c in present and p != c)
    level, cyclic = _levels(h)
    parents = {n: sorted(h.predecessors(n), key=lambda p: (-level[p], key(p))) for n in h}
    # only a parent strictly above can be primary, so the drawn tree is a forest even with cycles
    primary = {n: up[0] for n, ps in parents.items() if (up := [p for p in ps if level[p] < level[n]])}
    pos: dict[str, tuple[float, float]] = {}
    kids: dict[str, list[str]] = {}
    for n, p in primary.items():
        kids.setdefault(p, []).append(n)
    for v in kids.values():
        v.sort(key=key)
    roots = sorted((n for n in h if n not in primary), key=key)
    slot = 0.0
    for r in roots:
        slot = _place(r, kids, level, pos, slot)
    loose = sorted((n for n in nodes if n not in h), key=key)
    if loose:
        cols = max(6, int(math.ceil(math.sqrt(len(loose) * 3))), int(slot))
        top = (max(level.values(), default=-1) + 1.5) * LEVEL_H
        band = max(level.values(), default=-1) + 1
        for i, n in enumerate(loose):
            pos[n] = (round((i % cols) * X_GAP, 1), round(top + (i // cols) * LOOSE_GAP, 1))
            level[n] = band
    return Layout(level, pos, parents, primary, cyclic, loose)


def _levels(h: nx.DiGraph) -> tuple[dict[str, int], set[str]]:
    cond = nx.condensation(h)
    members = cond.graph["mapping"]  # node -> component
    comp_level: dict[int, int] = {}
    order = list(nx.topological_sort(cond))
    for c in order:
        comp_level[c] = max((comp_level[p] + 1 for p in cond.predecessors(c)), default=0)
    for c in reversed(order):  # pull roots down so a stub supervisor sits just above its report
        if cond.in_degree(c) == 0 and cond.out_degree(c) > 0:
            comp_level[c] = max(comp_level[c], min(comp_level[s] for s in cond.successors(c)) - 1)
    cyclic = {n for n, c in members.items() if len(cond.nodes[c]["members"]) > 1}
    return {n: comp_level[c] for n, c in members.items()}, cyclic


def _place(root: str, kids: dict[str, list[str]], level: dict[str, int],
           pos: dict[str, tuple[float, float]], slot: float) -> float:
    """Post-order tidy tree without recursion (deep chains must not hit the recursion limit)."""
    stack: list[tuple[str, bool]] = [(root, False)]
    while stack:
        n, done = stack.pop()
        if n in pos:
            continue
        ch = [c for c in kids.get(n, []) if c not in pos]
        if not done and ch:
            stack.append((n, True))
            stack.extend((c, False) for c in reversed(ch))
            continue
        placed = [pos[c][0] for c in kids.get(n, []) if c in pos]
        if placed:
            x = (min(placed) + max(placed)) / 2
        else:
            x = slot * X_GAP
            slot += 1
        pos[n] = (round(x, 1), round(level[n] * LEVEL_H, 1))
    return slot
