"""Reporting structure checks: cycles, roles without or with several supervisors, spans, depths, layers.

All walking goes through `orgkg.graph.traverse` (parents/children/chain/subtree/members), so
"B is above A" means exactly what `orgkg chain` shows.
"""

from __future__ import annotations

import networkx as nx

from orgkg.graph import OrgGraph
from orgkg.graph.traverse import chain, members, parents, span_of_control, subtree
from orgkg.ontology.schema import ROLE, UNIT

from .docs import is_described
from .findings import Finding, unique_evidence

# Titles that sit at the top of an organisation: having no supervisor is expected for them.
TOP_TITLES = ("superintendent of schools", "board of education", "chief executive officer", "president")


def reporting_digraph(g: OrgGraph) -> nx.DiGraph:
    """child -> parent, one edge per pair, evidence merged from both directions of statement."""
    dg = nx.DiGraph()
    dg.add_nodes_from(g.g.nodes)
    for nid in g.g.nodes:
        for p, rel, ev in parents(g, nid):
            if dg.has_edge(nid, p):
                dg.edges[nid, p]["evidence"] = unique_evidence(dg.edges[nid, p]["evidence"] + list(ev))
                dg.edges[nid, p]["relations"].append(rel)
            else:
                dg.add_edge(nid, p, evidence=unique_evidence(ev), relations=[rel])
    return dg


def cycles(g: OrgGraph, limit: int = 100, dg: nx.DiGraph | None = None) -> list[Finding]:
    """Reporting loops (A above B above ... above A), shortest first: a chart cannot be drawn from them."""
    dg = dg if dg is not None else reporting_digraph(g)
    found = []
    for cyc in nx.simple_cycles(dg, length_bound=12):
        found.append(cyc)
        if len(found) >= limit:
            break
    out = []
    for cyc in sorted(found, key=lambda c: (len(c), sorted(c))):
        i = cyc.index(min(cyc))
        cyc = cyc[i:] + cyc[:i]
        hops = list(zip(cyc, cyc[1:] + cyc[:1]))
        ev = unique_evidence(e for u, v in hops for e in dg.edges[u, v]["evidence"])
        names = [g.name(n) for n in cyc]
        out.append(Finding("cycle", cyc[0], names[0], " → ".join(names + names[:1]) + " (each under the next)", ev,
                           {"nodes": cyc, "length": len(cyc)}))
    return out


def tops(g: OrgGraph, names: list[str] | None = None) -> set[str]:
    """The node(s) allowed to have no supervisor: given by name, else top titles and the root of the largest tree."""
    if names:
        return {g.resolve(n) for n in names}
    roots = [n for n, d in g.g.nodes(data=True) if d["type"] in (ROLE, UNIT) and not parents(g, n)]
    out = {n for n in roots if any(t in g.name(n).lower() for t in TOP_TITLES)}
    sizes = {n: len(subtree(g, n)) for n in roots}
    if sizes:
        best = max(sizes.values())
        if best > 1:
            out |= {n for n, s in sizes.items() if s == best}
    return out


def unsupervised(g: OrgGraph, top_names: list[str] | None = None, include_stubs: bool = False) -> list[Finding]:
    """Described roles whose documents name nobody above them (the top(s) excepted)."""
    allowed = tops(g, top_names)
    out = []
    for nid, d in g.g.nodes(data=True):
        if d["type"] != ROLE or nid in allowed or parents(g, nid):
            continue
        described = is_described(g, nid)
        if not described and not include_stubs:
            continue
        below = len(subtree(g, nid)) - 1
        out.append(Finding("unsupervised", nid, d["name"], "no supervisor stated in any document", [],
                           {"described": described, "reports_below": below, "documents": d.get("documents") or []}))
    return sorted(out, key=lambda f: (not f.data["described"], -f.data["reports_below"], f.name.lower()))


def multiple_supervisors(g: OrgGraph) -> list[Finding]:
    """Roles and units with more than one node directly above them (matrix or dotted-line reporting)."""
    out = []
    for nid, d in g.g.nodes(data=True):
        above: dict[str, list[dict]] = {}
        for p, _, ev in parents(g, nid):
            above.setdefault(p, []).extend(ev)
        if len(above) < 2:
            continue
        names = [g.name(p) for p in sorted(above)]
        ev = unique_evidence(e for p in sorted(above) for e in above[p])
        out.append(Finding("multiple_supervisors", nid, d["name"], f"{len(above)} supervisors: " + "; ".join(names), ev,
                           {"supervisors": sorted(above), "count": len(above)}))
    return sorted(out, key=lambda f: (-f.data["count"], f.name.lower()))


def spans(g: OrgGraph) -> list[Finding]:
    """Direct reports per supervisor, widest first."""
    out = []
    for nid, n in span_of_control(g):
        out.append(Finding("span", nid, g.name(nid), f"{n} direct reports", [],
                           {"span": n, "type": g.g.nodes[nid]["type"]}))
    return out


def depths(g: OrgGraph) -> list[Finding]:
    """For every node with a supervisor, how many levels are above it, deepest first, with the path."""
    out = []
    for nid, d in g.g.nodes(data=True):
        steps = chain(g, nid)
        if len(steps) < 2:
            continue
        by_id = {s.id: s for s in steps}
        deepest = max(steps, key=lambda s: (s.distance, s.id))
        path, cur = [], deepest
        while cur is not None:
            path.append(cur)
            cur = by_id.get(cur.below) if cur.below else None
        path.reverse()  # start ... top
        ev = unique_evidence(e for s in path[1:] for e in s.evidence)
        out.append(Finding("depth", nid, d["name"], " ↑ ".join(s.name for s in path), ev,
                           {"depth": deepest.distance, "path": [s.id for s in path]}))
    return sorted(out, key=lambda f: (-f.data["depth"], f.name.lower()))


def layers(g: OrgGraph) -> list[Finding]:
    """Per unit: its roles (PART_OF members and everyone reporting to it) and how many reporting levels they stack."""
    out = []
    for nid, d in g.g.nodes(data=True):
        if d["type"] != UNIT:
            continue
        inside = set(members(g, nid)) | {s.id for s in subtree(g, nid)}
        roles = sorted(n for n in inside if g.g.nodes[n]["type"] == ROLE)
        if not roles:
            continue
        levels = max(sum(1 for s in chain(g, n) if s.id in inside and g.g.nodes[s.id]["type"] == ROLE) for n in roles)
        out.append(Finding("layers", nid, d["name"], f"{len(roles)} roles in {levels} reporting layer(s)", [],
                           {"layers": levels, "roles": roles}))
    return sorted(out, key=lambda f: (-f.data["layers"], -len(f.data["roles"]), f.name.lower()))
