"""Walking the graph: reporting chains, subtrees, collaborators.

Reporting is read from both directions the documents state it: A UNDER_DIRECTION_OF B
and B SUPERVISES A both put B above A.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from orgkg.ontology.schema import COLLABORATES_WITH, PART_OF, SUPERVISES, UNDER_DIRECTION_OF

if TYPE_CHECKING:
    import networkx as nx


class OrgGraph(Protocol):
    """What a walk needs of a graph: its networkx MultiDiGraph (an orggraph.OrgGraph, which sits above this
    module so that its chain/subtree/collaborators methods can use these walks)."""

    g: nx.MultiDiGraph


@dataclass
class Step:
    id: str
    name: str
    type: str
    distance: int
    below: str | None  # the node this one is directly above (None for the start)
    relation: str | None  # how the document states it
    evidence: list[dict] = field(default_factory=list)


def parents(g: OrgGraph, nid: str) -> list[tuple[str, str, list[dict]]]:
    """(parent, relation, evidence) for each node directly above `nid`."""
    out = []
    for _, p, k, d in g.g.out_edges(nid, keys=True, data=True):
        if k == UNDER_DIRECTION_OF:
            out.append((p, k, d["evidence"]))
    for p, _, k, d in g.g.in_edges(nid, keys=True, data=True):
        if k == SUPERVISES:
            out.append((p, k, d["evidence"]))
    return sorted(out, key=lambda x: x[0])


def children(g: OrgGraph, nid: str) -> list[tuple[str, str, list[dict]]]:
    out = []
    for c, _, k, d in g.g.in_edges(nid, keys=True, data=True):
        if k == UNDER_DIRECTION_OF:
            out.append((c, k, d["evidence"]))
    for _, c, k, d in g.g.out_edges(nid, keys=True, data=True):
        if k == SUPERVISES:
            out.append((c, k, d["evidence"]))
    return sorted(out, key=lambda x: x[0])


def _walk(g: OrgGraph, start: str, step, max_depth: int | None = None) -> list[Step]:
    d0 = g.g.nodes[start]
    out = [Step(start, d0["name"], d0["type"], 0, None, None)]
    seen = {start}
    q = deque([(start, 0)])
    while q:
        cur, dist = q.popleft()
        if max_depth is not None and dist >= max_depth:
            continue
        for nxt, rel, ev in step(g, cur):
            if nxt in seen:
                continue
            seen.add(nxt)
            d = g.g.nodes[nxt]
            out.append(Step(nxt, d["name"], d["type"], dist + 1, cur, rel, list(ev)))
            q.append((nxt, dist + 1))
    return out


def chain(g: OrgGraph, nid: str) -> list[Step]:
    """Everyone above `nid`, nearest first, each with the evidence that puts it there (multi-parent kept)."""
    return _walk(g, nid, parents)


def subtree(g: OrgGraph, nid: str, max_depth: int | None = None) -> list[Step]:
    """Everyone below `nid`, nearest first."""
    return _walk(g, nid, children, max_depth)


@dataclass
class Collaborator:
    id: str
    name: str
    type: str
    via: str  # the node of the asked-about set it collaborates with
    evidence: list[dict]


def members(g: OrgGraph, nid: str) -> list[str]:
    """`nid` and everything located in it (PART_OF, transitively)."""
    out, q = [nid], deque([nid])
    seen = {nid}
    while q:
        cur = q.popleft()
        for src, _, k in g.g.in_edges(cur, keys=True):
            if k == PART_OF and src not in seen:
                seen.add(src)
                out.append(src)
                q.append(src)
    return out


def collaborators(g: OrgGraph, nid: str) -> list[Collaborator]:
    """Who collaborates with `nid` or with anything located in it, in either direction."""
    inside = members(g, nid)
    inside_set = set(inside)
    found: dict[str, Collaborator] = {}
    for m in inside:
        edges = [(o, d) for _, o, k, d in g.g.out_edges(m, keys=True, data=True) if k == COLLABORATES_WITH]
        edges += [(o, d) for o, _, k, d in g.g.in_edges(m, keys=True, data=True) if k == COLLABORATES_WITH]
        for other, d in edges:
            if other in inside_set:
                continue
            if other in found:
                found[other].evidence += [e for e in d["evidence"] if e not in found[other].evidence]
                continue
            od = g.g.nodes[other]
            found[other] = Collaborator(other, od["name"], od["type"], m, list(d["evidence"]))
    return sorted(found.values(), key=lambda c: (c.type != "Role", c.name.lower()))


def span_of_control(g: OrgGraph) -> list[tuple[str, int]]:
    """(node, number of direct reports), widest first."""
    counts = [(nid, len({c for c, _, _ in children(g, nid)})) for nid in g.g.nodes]  # stated both ways: once
    return sorted([c for c in counts if c[1]], key=lambda x: (-x[1], x[0]))


def distances(start: str, step: Callable[[str], Iterable[str]]) -> dict[str, int]:
    """Shortest step count from `start` to everything `step` reaches (start left out); any graph, any engine.

    >>> distances("a", {"a": ["b"], "b": ["c"]}.get)
    {'b': 1, 'c': 2}
    """
    dist, q = {start: 0}, deque([start])
    while q:
        cur = q.popleft()
        for nxt in step(cur) or ():
            if nxt not in dist:
                dist[nxt] = dist[cur] + 1
                q.append(nxt)
    del dist[start]
    return dist
