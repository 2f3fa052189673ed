"""`synth_graph`: a synthetic ground-truth organisation built straight into an `OrgGraph` (no text).

Query and visualisation benchmarks need graphs of 100k roles in seconds, so this fills the networkx
adjacency dicts directly (one dict insert per edge) instead of going through documents, entity
resolution and `add_edge` (which costs ~10 us per call). The result is an ordinary MultiDiGraph.
"""

from __future__ import annotations

from orgkg.graph.ids import node_id
from orgkg.graph.orggraph import OrgGraph
from orgkg.ontology.schema import COMPETENCY, DESCRIBED_IN, DOCUMENT, ORGANIZATION, REQUIRES, ROLE, UNIT

from .org import Org, generate

_PHRASE = {
    "UNDER_DIRECTION_OF": "under the direction of the {t}",
    "SUPERVISES": "supervises the {t}",
    "COLLABORATES_WITH": "collaborates with the {t}",
    "PART_OF": "within the {t}",
    "MEMBER_OF": "serves as a member of the {t}",
}


def synth_graph(n_roles: int, seed: int = 0) -> OrgGraph:
    """A deterministic org of `n_roles` roles (depth ~8, branching 3-6) as an OrgGraph with evidence."""
    org = generate(n_roles, seed)
    return org_to_graph(org)


class _Fill:
    """Direct writes into a MultiDiGraph's node and adjacency dicts (same layout networkx uses)."""

    def __init__(self, og: OrgGraph):
        self.g = og.g
        self.node, self.succ, self.pred = self.g._node, self.g._succ, self.g._pred

    def add_node(self, nid: str, **attrs) -> None:
        if nid not in self.node:
            self.succ[nid] = {}
            self.pred[nid] = {}
            self.node[nid] = attrs

    def add_edge(self, u: str, v: str, key: str, evidence: list) -> None:
        kd = self.succ[u].get(v)
        if kd is None:
            kd = self.succ[u][v] = {}
            self.pred[v][u] = kd
        if key in kd:
            kd[key]["evidence"].extend(evidence)
        else:
            kd[key] = {"type": key, "evidence": evidence}


def org_to_graph(org: Org) -> OrgGraph:
    og = OrgGraph()
    f = _Fill(og)
    ids: dict[tuple[str, str], str] = {}
    for u in org.units:
        f.add_node(u.id, type=UNIT, name=u.name, aliases=[u.acronym] if u.acronym else [])
        ids[(UNIT, u.name)] = u.id
    for c in org.competencies:
        f.add_node(c.id, type=COMPETENCY, name=c.name, aliases=[], kind=c.kind, key=c.key)
    for r in org.roles:
        ids[(ROLE, r.name)] = r.id
        f.add_node(r.id, type=ROLE, name=r.name, aliases=[], described=True, official_title=r.official_title,
                   code=r.code, grade=r.grade, months=r.months, overtime_eligible=r.overtime_eligible,
                   sq_oq="Not Applicable", established=r.established, revised=None, documents=[r.doc])
        did = f"document:{r.doc}"
        f.add_node(did, type=DOCUMENT, name=r.doc, aliases=[], path=r.doc, format="mcps", sha256="",
                   truncated=False, missing=[])
        f.add_edge(r.id, did, DESCRIBED_IN, [])
    for r in org.roles:
        doc = r.doc
        for fact in r.facts:
            src = ids[(fact.source_type, fact.source)] if fact.source else r.id
            tid = ids.get((fact.target_type, fact.target))
            if tid is None:  # an outside organisation, created on first mention
                tid = ids[(fact.target_type, fact.target)] = node_id(ORGANIZATION, fact.target)
                f.add_node(tid, type=ORGANIZATION, name=fact.target, aliases=[])
            text = _PHRASE[fact.type].format(t=fact.target)
            f.add_edge(src, tid, fact.type, [{"doc": doc, "section": "summary", "text": text, "start": 0,
                                             "end": len(text), "rule": "synth:" + fact.how}])
        for ci in r.competencies:
            c = org.competencies[ci]
            f.add_edge(r.id, c.id, REQUIRES, [{"doc": doc, "section": c.section, "text": c.name, "start": 0,
                                               "end": len(c.name), "rule": "synth"}])
    return og
