"""The node card the explorer shows: everything a leader asks about one role or unit, each fact with its evidence.

One function per question, all read through the OrgGraph: the chain to the top (every supervisor, the primary
path marked), direct reports with their own counts, supervisors (primary first), collaborators in both
directions, where it sits (units), what sits in it, memberships and competencies. Reporting is one kind of
line whichever way a document stated it (A UNDER_DIRECTION_OF B and B SUPERVISES A are both B above A), and
the evidence of both statements travels with it.

    c = card(g, "unit:department-of-systemwide-safety-and-emergency-management")
    [x["name"] for x in c["collaborators"]]
"""

from __future__ import annotations

from collections import deque

from orgkg.graph import OrgGraph
from orgkg.graph.traverse import children, members, parents
from orgkg.ontology.schema import COLLABORATES_WITH, DOCUMENT, MEMBER_OF, PART_OF, REQUIRES, ROLE

FACTS = ("official_title", "working_title", "code", "grade", "months", "established", "revised")
MAX_LIST = 500  # a card lists at most this many reports/members; the count is always exact


def ev(evidence: list[dict]) -> list[dict]:
    """Evidence as the page shows it: document, section, span and the sentence."""
    keys = ("doc", "section", "start", "end", "text", "rule", "locator")
    return [{k: e.get(k) for k in keys} for e in evidence]


def brief(g: OrgGraph, nid: str) -> dict:
    """Who a node is in one line: id, name, type, stub flag."""
    d = g.g.nodes[nid]
    return {"id": nid, "name": d["name"], "type": d["type"], "stub": d["type"] == ROLE and not d.get("described")}


def reporting(g: OrgGraph, nid: str, up: bool) -> list[dict]:
    """Supervisors (up) or reports (down), one entry per person however many ways the line was stated."""
    merged: dict[str, dict] = {}
    for other, rel, evidence in (parents if up else children)(g, nid):
        m = merged.setdefault(other, {**brief(g, other), "relations": [], "evidence": []})
        m["relations"].append(rel)
        m["evidence"] += ev(evidence)
    return sorted(merged.values(), key=lambda x: (-len(x["evidence"]), x["name"].lower(), x["id"]))


def primary_supervisor(g: OrgGraph, nid: str) -> str | None:
    """The supervisor a node is drawn under: the best-attested one (most evidence), then by name."""
    sups = reporting(g, nid, up=True)
    return sups[0]["id"] if sups else None


def chain(g: OrgGraph, nid: str, limit: int = 200) -> dict:
    """`path`: the primary line from the top down to `nid` (the breadcrumb); `above`: every node above
    `nid` by any line, nearest first (several supervisors and their chains kept)."""
    path, seen, cur = [nid], {nid}, nid
    while (p := primary_supervisor(g, cur)) is not None and p not in seen and len(path) < limit:
        path.append(p)
        seen.add(p)
        cur = p
    above, q, got = [], deque([(nid, 0)]), {nid}
    while q:
        cur, dist = q.popleft()
        for s in reporting(g, cur, up=True):
            if s["id"] not in got:
                got.add(s["id"])
                above.append({**s, "distance": dist + 1, "below": cur})
                q.append((s["id"], dist + 1))
    return {"path": [brief(g, n) for n in reversed(path)], "above": above, "cycle": cur_cycle(path, g)}


def cur_cycle(path: list[str], g: OrgGraph) -> bool:
    """True when the primary line loops back on itself (documents contradict each other)."""
    top = path[-1]
    p = primary_supervisor(g, top)
    return p is not None and p in path


def collaborators(g: OrgGraph, nid: str) -> list[dict]:
    """Everyone `nid` (or anything located in it) collaborates with, each direction its own relation:
    'out' = `nid`'s document states it, 'in' = the other's document does."""
    inside = members(g, nid)
    inside_set = set(inside)
    found: dict[str, dict] = {}
    for m in inside:
        rels = [(o, "out", d) for _, o, k, d in g.g.out_edges(m, keys=True, data=True) if k == COLLABORATES_WITH]
        rels += [(o, "in", d) for o, _, k, d in g.g.in_edges(m, keys=True, data=True) if k == COLLABORATES_WITH]
        for other, direction, d in rels:
            if other in inside_set:
                continue
            c = found.setdefault(other, {**brief(g, other), "relations": []})
            c["relations"].append({"direction": direction, "via": m, "via_name": g.name(m), "evidence": ev(d["evidence"])})
    return sorted(found.values(), key=lambda c: (c["type"] != ROLE, c["name"].lower(), c["id"]))


def linked(g: OrgGraph, nid: str, kind: str, out: bool = True) -> list[dict]:
    """Nodes joined to `nid` by one edge type, with that edge's evidence."""
    edges = g.g.out_edges(nid, keys=True, data=True) if out else g.g.in_edges(nid, keys=True, data=True)
    got = [({**brief(g, v if out else u), "evidence": ev(d["evidence"])}) for u, v, k, d in edges if k == kind]
    return sorted(got, key=lambda x: (x["name"].lower(), x["id"]))


def documents(g: OrgGraph, nid: str) -> list[str]:
    """Names of the documents that describe `nid`."""
    return list(g.g.nodes[nid].get("documents", []))


def card(g: OrgGraph, nid: str) -> dict:
    """Everything the explorer's side card and chart need for one node (KeyError if it is not in the graph)."""
    d = g.g.nodes[nid]
    reports = reporting(g, nid, up=False)
    for r in reports:
        r["reports"] = len({c for c, _, _ in children(g, r["id"])})
    sups = reporting(g, nid, up=True)
    for i, s in enumerate(sups):
        s["primary"] = i == 0
    ch = chain(g, nid)
    collab = collaborators(g, nid)
    units, inside = linked(g, nid, PART_OF), linked(g, nid, PART_OF, out=False)
    member_of, comps = linked(g, nid, MEMBER_OF), linked(g, nid, REQUIRES)
    evidence = [{"type": "REPORTS_TO", "source": nid, "target": s["id"], "evidence": s["evidence"]} for s in sups]
    evidence += [{"type": "REPORTS_TO", "source": r["id"], "target": nid, "evidence": r["evidence"]} for r in reports]
    for c in collab:
        for rel in c["relations"]:
            a, b = (rel["via"], c["id"]) if rel["direction"] == "out" else (c["id"], rel["via"])
            evidence.append({"type": COLLABORATES_WITH, "source": a, "target": b, "evidence": rel["evidence"]})
    for kind, rows, out in ((PART_OF, units, True), (PART_OF, inside, False), (MEMBER_OF, member_of, True),
                            (REQUIRES, comps, True)):
        for x in rows:
            a, b = (nid, x["id"]) if out else (x["id"], nid)
            evidence.append({"type": kind, "source": a, "target": b, "evidence": x["evidence"]})
    return {
        **brief(g, nid), "aliases": list(d.get("aliases", [])),
        "facts": {k: d[k] for k in FACTS if d.get(k) not in (None, "", [])},
        "documents": documents(g, nid), "chain": ch["path"], "above": ch["above"], "cycle": ch["cycle"],
        "supervisors": sups, "reports": reports[:MAX_LIST], "n_reports": len(reports),
        "collaborators": collab, "n_collaborators": len(collab), "units": units,
        "contains": inside[:MAX_LIST], "n_contains": len(inside),
        "memberships": member_of, "competencies": comps, "evidence": evidence,
    }


def roots(g: OrgGraph, limit: int = 200) -> list[dict]:
    """Roles and units with no supervisor but with reports: the tops of the separate trees, widest first."""
    out = []
    for nid, d in g.g.nodes(data=True):
        if d["type"] == DOCUMENT or parents(g, nid):
            continue
        n = len({c for c, _, _ in children(g, nid)})
        if n:
            out.append({**brief(g, nid), "reports": n})
    out.sort(key=lambda x: (-x["reports"], x["name"].lower()))
    return out[:limit]


def document(g: OrgGraph, name: str) -> dict:
    """The text of a source document the graph was built from, found by its name among Document nodes
    (never an arbitrary path). KeyError if the graph has no such document; OSError if the file is gone."""
    nid = next((n for n, d in g.g.nodes(data=True) if d["type"] == DOCUMENT and d["name"] == name), None)
    if nid is None:
        raise KeyError(name)
    path = g.g.nodes[nid].get("path")
    if not path:
        raise KeyError(name)
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        text = f.read()
    return {"name": name, "text": text, "truncated": bool(g.g.nodes[nid].get("truncated"))}
