"""The merge rules, and the one engine that applies them: documents in, node and edge records out.

A node record is {"id", "type", "name", "aliases", ...properties}; an edge record is {"source", "target",
"type", "evidence": [...]} keyed (source, target, type). Records are what the graph file holds, so a build
saves them as they are; `OrgGraph` applies the same rules (`new_node`, `fill_node`, `add_evidence`) to its
networkx attributes.

Rules: the first value of a property wins, later documents only fill what is unset; names and documents
accumulate; the same statement twice (document, span, rule) is one piece of evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from orgkg.loaders.model import Evidence, Extraction
from orgkg.ontology.schema import COMPETENCY, DESCRIBED_IN, DOCUMENT, EDGE_TYPES, NODE_TYPES, REQUIRES, RESOLUTIONS, ROLE

from .ids import canonical, node_id
from .rejoin import rejoin
from .resolve import Resolver, doc_acronyms

_UNSET = (None, False, "", [])  # property values a later document may fill in
_ALIAS_TYPES = (ROLE, "Unit", "Organization")  # an acronym becomes an alias of its expansion's node of these


def new_node(node_type: str, name: str, props: dict) -> dict:
    """A node's first attributes: type, name, its other names, then the other properties in their order.

    >>> new_node("Unit", "Office of X", {"aliases": ["Office of X", "OX"]})
    {'type': 'Unit', 'name': 'Office of X', 'aliases': ['OX']}
    """
    if node_type not in NODE_TYPES:
        raise ValueError(f"unknown node type {node_type!r}")
    d = {"type": node_type, "name": name, "aliases": None, **props}
    d["aliases"] = [a for a in props.get("aliases", ()) if a != name]
    return d


def fill_node(data: dict, node_type: str, name: str, props: dict) -> None:
    """Merge a node seen again into its attributes `data` (bare, {} or {"id"}, when an edge made it first)."""
    if node_type not in NODE_TYPES:
        raise ValueError(f"unknown node type {node_type!r}")
    if "type" not in data:
        data.update(new_node(node_type, name, props))
    else:
        merge_node(data, name, props)


def merge_node(data: dict, name: str, props: dict) -> None:
    """Merge a repeated node into its attributes: first values win, names and documents accumulate."""
    aliases = data["aliases"]
    if not props and (name == data["name"] or name in aliases):
        return  # nothing new (most repeated units and stubs)
    if name and name != data["name"] and name not in aliases:
        aliases.append(name)
    for k, v in props.items():
        if k == "aliases":
            for a in v:
                if a not in aliases and a != data["name"]:
                    aliases.append(a)
        elif k == "documents":
            docs = data.setdefault("documents", [])
            docs += [d for d in v if d not in docs]
        elif v is not None and (data.get(k) in _UNSET or k == "described" and v):
            data[k] = list(v) if isinstance(v, list) else v  # a copy: the caller's list stays theirs


def evidence_sig(e: dict) -> tuple:
    """Two pieces of evidence are the same when document, span and rule are."""
    return e.get("doc"), e.get("start"), e.get("end"), e.get("rule")


def add_evidence(data: dict, evidence: dict | None, confidence: float | None = None) -> None:
    """Add `evidence` to an edge's attributes unless it holds the same statement already; the edge's
    confidence is the highest of its statements' (the rules' confidence in them)."""
    if confidence is not None and confidence > data.get("confidence", -1.0):
        data["confidence"] = confidence
    if evidence:
        sig = evidence_sig(evidence)
        if not any(evidence_sig(e) == sig for e in data["evidence"]):
            data["evidence"].append(evidence)


def check_edge_type(edge_type: str) -> None:
    if edge_type not in EDGE_TYPES:
        raise ValueError(f"unknown edge type {edge_type!r}")


def summarize(nodes: Iterable[dict], edge_types: Iterable[str]) -> dict:
    """The summary of a graph with these node attributes and edge types."""
    by_type: Counter = Counter()
    described = stubs = 0
    for d in nodes:
        by_type[d["type"]] += 1
        if d["type"] == ROLE:
            if d.get("described"):
                described += 1
            else:
                stubs += 1
    edges = Counter(edge_types)
    return {"nodes": sum(by_type.values()), "edges": sum(edges.values()),
            "nodes_by_type": dict(sorted(by_type.items())), "edges_by_type": dict(sorted(edges.items())),
            "described_roles": described, "stub_roles": stubs}


class Records:
    """A graph as the records of its file, built by the merge rules: the build's one merge engine.

    >>> r = Records()
    >>> r.add_node("Unit", "Office of X", "unit:office-of-x", {})
    >>> r.add_node("Role", "A", "role:a", {"described": False})
    >>> r.add_edge("role:a", "unit:office-of-x", "MEMBER_OF", None)
    >>> sorted(r.nodes), r.summary()["edges"]
    (['role:a', 'unit:office-of-x'], 1)
    """

    def __init__(self) -> None:
        self.nodes: dict[str, dict] = {}
        self.edges: dict[tuple[str, str, str], dict] = {}

    def add_node(self, node_type: str, name: str, nid: str, props: dict) -> None:
        data = self.nodes.get(nid)
        if data is None:
            self.nodes[nid] = {"id": nid, **new_node(node_type, name, props)}
        else:
            fill_node(data, node_type, name, props)

    def add_alias(self, node_type: str, alias: str, nid: str) -> None:
        """`alias` as another name of node `nid`, if that node exists."""
        data = self.nodes.get(nid)
        if data is not None:
            fill_node(data, node_type, alias, {})

    def add_edge(self, u: str, v: str, edge_type: str, evidence: dict | None, confidence: float | None = None) -> None:
        """The edge (made with bare end nodes if they are not there yet), its evidence and confidence."""
        key = (u, v, edge_type)
        data = self.edges.get(key)
        if data is None:
            check_edge_type(edge_type)
            for n in (u, v):
                if n not in self.nodes:
                    self.nodes[n] = {"id": n}
            data = self.edges[key] = {"source": u, "target": v, "type": edge_type, "evidence": []}
        add_evidence(data, evidence, confidence)

    def summary(self) -> dict:
        return summarize(self.nodes.values(), (k for _, _, k in self.edges))


def merge_extraction(rec: Records, ex: Extraction, res: Resolver) -> None:
    """Add one document to the records: its Document node, its role, relations, competencies and acronyms.

    Documents must come in name order (the first value of a property wins)."""
    doc_id = f"document:{ex.doc}"
    rec.add_node(DOCUMENT, ex.doc, doc_id, {"path": ex.path, "format": ex.format, "sha256": ex.sha256,
                                            "truncated": ex.truncated, "missing": list(ex.missing)})
    acr = doc_acronyms(ex)
    role_id = _add_role(rec, ex, res, doc_id) if ex.role_name else None
    for rel, rejoined in rejoin(ex.relations, res, acr):
        if rel.source:
            src_id = _add_end(rec, res, rel.source_type, rel.source, acr, surface=False)[0]
        elif role_id:
            src_id = role_id
        else:
            continue  # a page with no title at all: its own relations have no subject node
        tgt_id, how = _add_end(rec, res, res.node_type(rel.target_type, rel.target, acr), rel.target, acr)
        if src_id != tgt_id:
            ev = evidence_dict(rel.evidence)
            how = f"{rejoined}+{how}" if rejoined and how else rejoined or how or ""
            rec.add_edge(src_id, tgt_id, rel.type, ev, resolved(ev, rel.target, how, rel.confidence))
    if role_id:
        for c in ex.competencies:
            cid = node_id(COMPETENCY, c.key)
            rec.add_node(COMPETENCY, c.name, cid, {"kind": c.kind, "key": c.key})
            rec.add_edge(role_id, cid, REQUIRES, evidence_dict(c.evidence))
    for a in ex.aliases:
        for t in _ALIAS_TYPES:
            rec.add_alias(t, a.alias, res.node_id(t, a.name, acr)[0])


def _add_role(rec: Records, ex: Extraction, res: Resolver, doc_id: str) -> str:
    """The described role's node (its header fields) and its DESCRIBED_IN edge; returns its id."""
    role_id, name = res.node_id(ROLE, ex.role_name)
    r, dates, own = ex.role, ex.dates, canonical(ex.role_name)
    rec.add_node(ROLE, name, role_id, {
        "described": True, "aliases": [a.alias for a in ex.aliases if canonical(a.name) == own],
        "official_title": r.get("official_title"), "code": r.get("code"), "grade": r.get("grade"),
        "months": r.get("months"), "overtime_eligible": r.get("overtime_eligible"), "sq_oq": r.get("sq_oq"),
        "established": dates.get("established"), "revised": dates.get("revised"), "documents": [ex.doc]})
    rec.add_edge(role_id, doc_id, DESCRIBED_IN, None)
    return role_id


def _add_end(rec: Records, res: Resolver, node_type: str, raw: str, acr: dict[str, str],
             surface: bool = True) -> tuple[str, str | None]:
    """One end of a relation as a node (a role only named here is a stub); returns its id and the resolution
    rules that found it (None: as written). `surface`: keep the name as written as an alias (targets; a stated
    source is the role's own name)."""
    nid, name, how = res.resolve(node_type, raw, acr)
    rec.add_node(node_type, name, nid, {"described": False} if node_type == ROLE else {})
    if surface and raw != name:
        rec.add_node(node_type, raw, nid, {})  # keep the surface form as an alias
    return nid, how


def resolved(ev: dict, mention: str, how: str, confidence: float) -> float:
    """Note in the evidence `ev` how its target was resolved (`how`: RESOLUTIONS names joined by "+", empty
    when the name was taken as written) and return the statement's confidence scaled by those rules'.

    >>> ev = {}; resolved(ev, "BRS", "acronym+official-title", 1.0), ev
    (0.9, {'mention': 'BRS', 'resolved': 'acronym+official-title'})
    """
    if not how:
        return confidence
    ev["mention"] = mention
    ev["resolved"] = how
    for step in how.split("+"):
        confidence *= RESOLUTIONS[step].confidence
    return round(confidence, 3)


def evidence_dict(e: Evidence) -> dict:
    """Evidence as the graph stores it: Evidence.to_json's dict, without asdict's deep copy (250,000 per 10,000
    documents); the locator only where the format has one."""
    d = {"doc": e.doc, "section": e.section, "text": e.text, "start": e.start, "end": e.end, "rule": e.rule}
    if e.locator is not None:
        d["locator"] = e.locator
    return d


def merge(extractions: Iterable[Extraction]) -> Records:
    """The records of the graph of these documents (taken in name order; equal names keep their order)."""
    exs = sorted(extractions, key=lambda e: e.doc)
    res = Resolver(exs)
    rec = Records()
    for ex in exs:
        merge_extraction(rec, ex, res)
    return rec
