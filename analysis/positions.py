"""Where HR data and the descriptions disagree on a reporting line.

A post from the HR export reports to another post; its role's description says whom the role works under.
When the manager's role is none of those (nor, for a unit named as supervisor, a post in that unit), a
leader should look: either the description is out of date or the HR record is wrong. Both sides come with
their evidence: the HR row and the description's sentence.
"""

from __future__ import annotations

from orgkg.graph import OrgGraph
from orgkg.ontology.schema import HOLDS_ROLE, POST, POST_IN, REPORTS_TO, SUPERVISES, UNDER_DIRECTION_OF

from .findings import Finding, unique_evidence


def disagreements(g: OrgGraph) -> list[Finding]:
    """One finding per post whose HR manager is not a supervisor its role's description names.

    >>> from orgkg.graph import OrgGraph
    >>> disagreements(OrgGraph())
    []
    """
    G = g.g
    out: list[Finding] = []
    for pid, d in G.nodes(data=True):
        if d.get("type") != POST:
            continue
        for _, mid, k, data in G.out_edges(pid, keys=True, data=True):
            if k != REPORTS_TO:
                continue
            role, boss = _one(G, pid, HOLDS_ROLE), _one(G, mid, HOLDS_ROLE)
            if role is None or boss is None:
                continue
            described = _described_supervisors(G, role)
            if not described or boss in described or _unit_of(G, mid) & set(described):
                continue
            names = "; ".join(G.nodes[n]["name"] for n in described)
            msg = (f"HR data: reports to {G.nodes[mid]['name']} ({G.nodes[boss]['name']}); "
                   f"description: under direction of {names}")
            evidence = unique_evidence([*data.get("evidence", []), *(e for evs in described.values() for e in evs)])
            out.append(Finding("hr_disagreement", pid, d["name"], msg, evidence,
                               {"post": pid, "hr_manager_post": mid, "hr_manager_role": boss, "role": role,
                                "described_supervisors": sorted(described)}))
    out.sort(key=lambda f: f.name)
    return out


def _one(G, nid: str, edge_type: str) -> str | None:
    return next((v for _, v, k in G.out_edges(nid, keys=True) if k == edge_type), None)


def _unit_of(G, post: str) -> set[str]:
    return {v for _, v, k in G.out_edges(post, keys=True) if k == POST_IN}


def _described_supervisors(G, role: str) -> dict[str, list[dict]]:
    """Supervisor node -> evidence, from the role's UNDER_DIRECTION_OF edges and SUPERVISES edges into it."""
    sup: dict[str, list[dict]] = {}
    for _, v, k, data in G.out_edges(role, keys=True, data=True):
        if k == UNDER_DIRECTION_OF:
            sup.setdefault(v, []).extend(data.get("evidence", []))
    for u, _, k, data in G.in_edges(role, keys=True, data=True):
        if k == SUPERVISES and G.nodes[u].get("type") != POST:
            sup.setdefault(u, []).extend(data.get("evidence", []))
    return sup
