"""Gaps in the catalogue: supervisors and units that documents rely on but nothing describes."""

from __future__ import annotations

from orgkg.graph import OrgGraph
from orgkg.graph.traverse import members, subtree
from orgkg.ontology.schema import MEMBER_OF, ROLE, UNIT

from .docs import is_described
from .findings import Finding, unique_evidence


def dependants(g: OrgGraph, nid: str) -> list[str]:
    """Roles that depend on `nid`: everyone below it in the reporting tree, or located in / member of it."""
    out = {s.id for s in subtree(g, nid)[1:]}
    out |= set(members(g, nid)[1:])
    out |= {src for src, _, k in g.g.in_edges(nid, keys=True) if k == MEMBER_OF}
    return sorted(n for n in out if g.g.nodes[n]["type"] == ROLE)


def gaps(g: OrgGraph) -> list[Finding]:
    """Stub roles (described=False) and units without a document, most depended-on first."""
    out = []
    for nid, d in g.g.nodes(data=True):
        if d["type"] not in (ROLE, UNIT) or is_described(g, nid):
            continue
        deps = dependants(g, nid)
        ev = unique_evidence(e for *_, ed in list(g.g.in_edges(nid, data=True)) + list(g.g.out_edges(nid, data=True))
                             for e in ed.get("evidence", []))
        docs = sorted({e["doc"] for e in ev if e.get("doc")})
        kind = "stub role" if d["type"] == ROLE else "unit"
        out.append(Finding("gap", nid, d["name"],
                           f"{kind} referenced by {len(docs)} document(s), {len(deps)} role(s) depend on it", ev,
                           {"kind": kind, "dependants": deps, "dependant_count": len(deps), "documents": docs}))
    return sorted(out, key=lambda f: (-f.data["dependant_count"], -len(f.data["documents"]), f.name.lower()))
