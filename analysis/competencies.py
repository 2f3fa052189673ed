"""Competency analyses: who needs what, what roles share (succession, mobility), similar roles, unmerged duplicates.

Functions take an OrgGraph and names or ids (resolved like `orgkg chain` does).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from orgkg.graph import OrgGraph
from orgkg.graph.traverse import members, subtree
from orgkg.ontology.schema import COMPETENCY, REQUIRES, ROLE, UNIT


@dataclass
class Requirement:
    id: str
    name: str
    kind: str | None
    evidence: list[dict] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # for unit totals: the unit's roles that need it

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Similarity:
    a: str
    b: str
    a_name: str
    b_name: str
    score: float  # Jaccard |A∩B| / |A∪B| of the competency sets
    shared: list[str]  # competency ids

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Duplicate:
    a: str
    b: str
    a_name: str
    b_name: str
    score: float  # Jaccard of the name/key token sets
    status: str = "could not merge"

    def to_dict(self) -> dict:
        return asdict(self)


def _id(g: OrgGraph, name: str, types: tuple[str, ...]) -> str:
    return name if name in g.g else g.resolve(name, types)


def _req(g: OrgGraph, cid: str, evidence=(), roles=()) -> Requirement:
    d = g.g.nodes[cid]
    return Requirement(cid, d["name"], d.get("kind"), list(evidence), list(roles))


def required(g: OrgGraph) -> dict[str, set[str]]:
    """role id -> competency ids it requires (only roles that require something)."""
    out: dict[str, set[str]] = {}
    for u, v, k in g.g.edges(keys=True):
        if k == REQUIRES:
            out.setdefault(u, set()).add(v)
    return out


def competencies_of(g: OrgGraph, role: str) -> list[Requirement]:
    """What `role` requires, by kind then name, each with the sentence that says so."""
    rid = _id(g, role, (ROLE,))
    out = [_req(g, v, d.get("evidence", [])) for _, v, k, d in g.g.out_edges(rid, keys=True, data=True) if k == REQUIRES]
    return sorted(out, key=lambda r: (r.kind or "", r.name.lower()))


def roles_requiring(g: OrgGraph, competency: str) -> list[str]:
    """Role ids that require `competency` (name, key or id)."""
    cid = _id(g, competency, (COMPETENCY,))
    return sorted(u for u, _, k in g.g.in_edges(cid, keys=True) if k == REQUIRES)


def roles_per_competency(g: OrgGraph) -> list[tuple[str, list[str]]]:
    """(competency id, role ids), most widely required first."""
    per: dict[str, list[str]] = {}
    for u, v, k in g.g.edges(keys=True):
        if k == REQUIRES:
            per.setdefault(v, []).append(u)
    return sorted(((c, sorted(set(r))) for c, r in per.items()), key=lambda x: (-len(x[1]), g.name(x[0]).lower()))


def shared(g: OrgGraph, a: str, b: str) -> list[Requirement]:
    """Competencies both roles require: what carries over when someone moves from one to the other."""
    ra, rb = _id(g, a, (ROLE,)), _id(g, b, (ROLE,))
    req = required(g)
    common = req.get(ra, set()) & req.get(rb, set())
    return sorted((_req(g, c, roles=[ra, rb]) for c in common), key=lambda r: (r.kind or "", r.name.lower()))


def unit_roles(g: OrgGraph, unit: str, include_reporting: bool = False) -> list[str]:
    """Roles located in `unit` (PART_OF, transitively); optionally also everyone reporting to it."""
    uid = _id(g, unit, (UNIT, "Organization"))
    ids = set(members(g, uid))
    if include_reporting:
        for m in list(ids):
            ids |= {s.id for s in subtree(g, m)}
    return sorted(n for n in ids if g.g.nodes[n]["type"] == ROLE)


def unit_requirements(g: OrgGraph, unit: str, include_reporting: bool = False) -> list[Requirement]:
    """Everything the unit's roles require in total, most shared first (`roles` says who needs it)."""
    req = required(g)
    who: dict[str, list[str]] = {}
    for r in unit_roles(g, unit, include_reporting):
        for c in req.get(r, ()):
            who.setdefault(c, []).append(r)
    return sorted((_req(g, c, roles=sorted(rs)) for c, rs in who.items()),
                  key=lambda r: (-len(r.roles), r.name.lower()))


def unique(g: OrgGraph) -> dict[str, list[Requirement]]:
    """role id -> competencies no other role requires (hard to backfill; specialist knowledge)."""
    out: dict[str, list[Requirement]] = {}
    for c, roles in roles_per_competency(g):
        if len(roles) == 1:
            out.setdefault(roles[0], []).append(_req(g, c))
    return {r: sorted(v, key=lambda x: x.name.lower()) for r, v in sorted(out.items())}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def similar_roles(g: OrgGraph, role: str | None = None, top: int | None = 10, min_score: float = 0.0) -> list[Similarity]:
    """Role pairs ranked by Jaccard overlap of their competencies; with `role`, only pairs involving it."""
    req = required(g)
    rid = _id(g, role, (ROLE,)) if role else None
    ids = sorted(req)
    out = []
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if rid and rid not in (a, b):
                continue
            s = jaccard(req[a], req[b])
            if s <= min_score or s == 0:
                continue
            if rid == b:
                a2, b2 = b, a
            else:
                a2, b2 = a, b
            out.append(Similarity(a2, b2, g.name(a2), g.name(b2), round(s, 4), sorted(req[a] & req[b])))
    out.sort(key=lambda s: (-s.score, -len(s.shared), s.a, s.b))
    return out if top is None else out[:top]


_STOP = {"a", "an", "the", "of", "and", "or", "in", "on", "for", "to", "with", "from", "by", "as", "at", "its", "their"}


def tokens(text: str) -> frozenset[str]:
    """Lower-case word set without stop words, plurals folded: the basis of near-duplicate matching."""
    words = re.findall(r"[a-z0-9]+", (text or "").lower())
    out = set()
    for w in words:
        if w in _STOP:
            continue
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.add(w)
    return frozenset(out)


def duplicates(g: OrgGraph, threshold: float = 0.8) -> list[Duplicate]:
    """Competency node pairs whose name/key token sets overlap >= threshold: normalisation could not merge them.

    Uses prefix filtering (rare tokens first) so the corpus-wide comparison stays near-linear.
    """
    comps = [(n["id"], n["name"], tokens(n.get("key") or "") | tokens(n["name"])) for n in g.nodes(COMPETENCY)]
    comps = [c for c in comps if c[2]]
    freq = Counter(t for _, _, ts in comps for t in ts)
    order = {c[0]: sorted(c[2], key=lambda t: (freq[t], t)) for c in comps}
    index: dict[str, list[int]] = {}
    out = []
    for i, (cid, name, ts) in enumerate(comps):
        toks = order[cid]
        prefix = toks[: len(toks) - math.ceil(threshold * len(toks)) + 1]
        cands = {j for t in prefix for j in index.get(t, ())}
        for j in sorted(cands):
            oid, oname, ots = comps[j]
            s = jaccard(ts, ots)
            if s >= threshold:
                a, b = sorted([(cid, name), (oid, oname)])
                out.append(Duplicate(a[0], b[0], a[1], b[1], round(s, 4)))
        for t in prefix:
            index.setdefault(t, []).append(i)
    return sorted(out, key=lambda d: (-d.score, d.a, d.b))
