"""Merging extractions into one graph: entity resolution across documents.

- acronyms and their expansions are one node (DSSEM == Department of Systemwide ...);
- case, article and plural variants share a canonical key, hence an id;
- a described role's own aliases attach to it; a role only referenced is a stub (described=False);
- never merge across types: a Role and a Unit with the same words stay two nodes.

A build is a fold over the documents in name order: each document becomes a list of operations
(`doc_ops`), and every operation touches exactly one node or one edge. So a node's (or edge's) final
state depends only on the operations aimed at it, in document order; graph/incremental.py relies on
this to patch one node or edge by replaying just its operations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import fields
from functools import lru_cache
from operator import itemgetter

from orgkg.loaders.model import Evidence, Extraction
from orgkg.ontology.schema import (
    COMPETENCY,
    DESCRIBED_IN,
    DOCUMENT,
    EDGE_TYPES,
    NODE_TYPES,
    REQUIRES,
    ROLE,
)

from .ids import canonical as _canonical
from .ids import node_id, slug
from .orggraph import OrgGraph, evidence_sig, merge_node, new_node, summarize

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&./\-]*[A-Z0-9]$")

# canonical() is pure and names repeat across thousands of documents: memoise it for the merge.
canonical = lru_cache(maxsize=1 << 17)(_canonical)

# An operation: ("n", type, name, nid, props) adds/merges a node; ("a", type, name, nid) adds `name` as an
# alias of nid only if nid already exists; ("e", u, v, type, evidence) adds an edge and its evidence.
Op = tuple


def resolver_input(ex: Extraction) -> tuple:
    """What a document contributes to global entity resolution (canonical forms computed once)."""
    return ([(a.alias, a.name, bool(_ACRONYM.match(a.alias)), canonical(a.alias), canonical(a.name)) for a in ex.aliases],
            ex.role_name, canonical(ex.role_name) if ex.role_name else None)


class Resolver:
    """Maps (type, name) to a node id, through acronyms and aliases gathered from every document."""

    def __init__(self, extractions: list[Extraction] | None = None, inputs: Iterable[tuple] | None = None):
        if inputs is None:
            inputs = [resolver_input(ex) for ex in extractions or []]
        inputs = list(inputs)
        self.acronyms: dict[str, str] = {}
        self.alias_of: dict[str, str] = {}  # canonical alias -> canonical name (any type)
        conflicts: set[str] = set()
        for aliases, _, _ in inputs:
            for alias, name, is_acr, c_alias, c_name in aliases:
                if is_acr:
                    prev = self.acronyms.get(alias)
                    if prev is not None and canonical(prev) != c_name:
                        conflicts.add(alias)  # the same letters for two things: keep neither global
                    self.acronyms.setdefault(alias, name)
                else:
                    self.alias_of[c_alias] = c_name
        for c in conflicts:
            del self.acronyms[c]
        self._ids: dict[tuple[str, str], tuple[str, str]] = {}  # node_id's answers without document acronyms
        self.role_names: dict[str, str] = {}  # canonical -> display name of described roles
        for _, role_name, c_role in inputs:
            if role_name:
                self.role_names.setdefault(c_role, role_name)

    @classmethod
    def from_inputs(cls, inputs: Iterable[tuple]) -> Resolver:
        return cls(inputs=inputs)

    def state(self) -> list[dict[str, str]]:
        """What the resolver decided (JSON-ready), so a later build can reuse it without every document's input."""
        return [self.acronyms, self.alias_of, self.role_names]

    @classmethod
    def from_state(cls, state: list[dict[str, str]]) -> Resolver:
        res = cls(inputs=[])
        res.acronyms, res.alias_of, res.role_names = (dict(d) for d in state)
        return res

    def name(self, raw: str, doc_acronyms: dict[str, str] | None = None) -> str:
        raw = raw.strip()
        if doc_acronyms and raw in doc_acronyms:
            return doc_acronyms[raw]
        if raw in self.acronyms:
            return self.acronyms[raw]
        return raw

    def node_id(self, node_type: str, raw: str, doc_acronyms: dict[str, str] | None = None) -> tuple[str, str]:
        if doc_acronyms and raw.strip() in doc_acronyms:
            return self._node_id(node_type, self.name(raw, doc_acronyms))
        # without a document's own acronym the answer depends on (type, name) only: the same names recur
        # across thousands of documents, so remember it (the resolver does not change once built)
        got = self._ids.get((node_type, raw))
        if got is None:
            got = self._ids[node_type, raw] = self._node_id(node_type, self.name(raw))
        return got

    def _node_id(self, node_type: str, name: str) -> tuple[str, str]:
        key = canonical(name)
        key = self.alias_of.get(key, key)
        if node_type == ROLE and key in self.role_names:
            name = self.role_names[key]
        return f"{node_type.lower()}:{_slug(key)}", name


@lru_cache(maxsize=1 << 17)
def _slug(key: str) -> str:
    return slug(key)


@lru_cache(maxsize=1 << 14)
def _competency_id(key: str) -> str:
    """ids.node_id(COMPETENCY, key), memoised: a few hundred keys recur in every document."""
    return node_id(COMPETENCY, key)


_EV_FIELDS = len(fields(Evidence))


def _evidence(e: Evidence) -> dict:
    """`e.to_json()` without dataclasses.asdict's recursive deep copy: a plain Evidence holds only scalars,
    its fields in its __dict__ in declaration order (asdict's order); anything else goes through to_json."""
    d = getattr(e, "__dict__", None)
    return d.copy() if type(e) is Evidence and d is not None and len(d) == _EV_FIELDS else e.to_json()


def doc_ops(ex: Extraction, res: Resolver) -> list[Op]:
    """The operations one document contributes to the graph, in order."""
    ops: list[Op] = []
    add = ops.append
    doc_id = f"document:{ex.doc}"
    add(("n", DOCUMENT, ex.doc, doc_id, {"path": ex.path, "format": ex.format, "sha256": ex.sha256,
                                         "truncated": ex.truncated, "missing": list(ex.missing)}))
    doc_acr = {a.alias: a.name for a in ex.aliases if _ACRONYM.match(a.alias)}
    role_id = None
    role_name = ex.role_name
    if role_name:
        role_id, rname = res.node_id(ROLE, role_name)
        c_role = canonical(role_name)
        r, dates = ex.role, ex.dates
        add(("n", ROLE, rname, role_id, {
            "described": True, "aliases": [a.alias for a in ex.aliases if canonical(a.name) == c_role],
            "official_title": r.get("official_title"), "code": r.get("code"), "grade": r.get("grade"),
            "months": r.get("months"), "overtime_eligible": r.get("overtime_eligible"), "sq_oq": r.get("sq_oq"),
            "established": dates.get("established"), "revised": dates.get("revised"), "documents": [ex.doc]}))
        add(("e", role_id, doc_id, DESCRIBED_IN, None))
    _relation_ops(ex, res, role_id, doc_acr, add)
    if role_id:
        for c in ex.competencies:
            cid = _competency_id(c.key)
            add(("n", COMPETENCY, c.name, cid, {"kind": c.kind, "key": c.key}))
            add(("e", role_id, cid, REQUIRES, _evidence(c.evidence)))
    # acronyms become aliases of their expansion's node, whatever its type (if that node exists by now)
    node_id = res.node_id
    for a in ex.aliases:
        for t in _ALIAS_TYPES:
            add(("a", t, a.alias, node_id(t, a.name, doc_acr)[0]))
    return ops


_ALIAS_TYPES = (ROLE, "Unit", "Organization")


def _relation_ops(ex: Extraction, res: Resolver, role_id: str | None, doc_acr: dict[str, str], add) -> None:
    """doc_ops' part for the document's relations: both ends as nodes (stubs), then the edge."""
    node_id = res.node_id
    for rel in ex.relations:
        if rel.source:
            t = rel.source_type
            src_id, src_name = node_id(t, rel.source, doc_acr)
            add(("n", t, src_name, src_id, {"described": False} if t == ROLE else {}))
        elif role_id:
            src_id = role_id
        else:
            continue  # a page with no title at all: its own relations have no subject node
        t = rel.target_type
        tgt_id, tgt_name = node_id(t, rel.target, doc_acr)
        add(("n", t, tgt_name, tgt_id, {"described": False} if t == ROLE else {}))
        if rel.target != tgt_name:
            add(("n", t, rel.target, tgt_id, {}))  # keep the surface form as an alias
        if src_id != tgt_id:
            add(("e", src_id, tgt_id, rel.type, _evidence(rel.evidence)))


def op_target(op: Op) -> str:
    """The one node or edge an operation touches: 'n\\0<id>' or 'e\\0<u>\\0<v>\\0<type>'."""
    return node_target(op[3]) if op[0] != "e" else edge_target(op[1:4])


def node_target(nid: str) -> str:
    return f"n\0{nid}"


def edge_target(key: tuple[str, str, str]) -> str:
    """The target of edge (u, v, type); `target_edge` reads it back."""
    return "e\0" + "\0".join(key)


def target_edge(target: str) -> tuple[str, str, str]:
    _, u, v, k = target.split("\0")
    return u, v, k


def apply_op(g: OrgGraph, op: Op) -> None:
    kind = op[0]
    if kind == "n":  # lists copied: the graph extends them in place, the operation must stay as recorded
        g.add_node(op[1], op[2], nid=op[3], **{k: list(v) if isinstance(v, list) else v for k, v in op[4].items()})
    elif kind == "e":
        g.add_edge(op[1], op[2], op[3], op[4])
    elif op[3] in g.g and op[2] not in g.g.nodes[op[3]]["aliases"]:
        g.add_node(op[1], op[2], nid=op[3])


class Fold:
    """A graph being built from operations, as plain dicts: `apply_op`'s result without networkx's per-call cost.

    Nodes and edges are kept as the records the graph file holds ({"id", ...attributes} and {"source",
    "target", "type", "evidence", ...}), so saving needs no copies. The merge rules are OrgGraph's own
    (orggraph.new_node / merge_node). Evidence signatures are kept in a set per edge, made only when an edge
    gets a second piece of evidence (almost every edge has one). Insertion order, hence every attribute order
    in the saved file, is the one OrgGraph would have.
    """

    def __init__(self) -> None:
        self.nodes: dict[str, dict] = {}
        self.edges: dict[tuple[str, str, str], dict] = {}
        self._sigs: dict[tuple[str, str, str], set] = {}

    def apply_all(self, ops: Iterable[Op]) -> None:
        """`apply_op` on this graph, for each operation in order: one loop, the common cases inline (a
        10,000-document build has 250,000)."""
        nodes, edges = self.nodes, self.edges
        for op in ops:
            kind = op[0]
            if kind == "e":
                _, u, v, edge_type, evidence = op
                key = (u, v, edge_type)
                data = edges.get(key)
                if data is None:  # new (nearly all): inline, its end nodes made bare if not there yet
                    if edge_type not in EDGE_TYPES:
                        raise ValueError(f"unknown edge type {edge_type!r}")
                    if u not in nodes:
                        nodes[u] = {"id": u}
                    if v not in nodes:
                        nodes[v] = {"id": v}
                    edges[key] = {"source": u, "target": v, "type": edge_type, "evidence": [evidence] if evidence else []}
                elif evidence:
                    self._add_evidence(key, data, evidence)
            elif kind == "n":
                _, node_type, name, nid, props = op
                if node_type not in NODE_TYPES:
                    raise ValueError(f"unknown node type {node_type!r}")
                data = nodes.get(nid)
                if data is None:
                    nodes[nid] = _record(nid, node_type, name, props)
                elif "type" not in data:  # created bare by an edge first
                    data.update(_record(nid, node_type, name, props))
                elif props or name and name != data["name"] and name not in data["aliases"]:  # else nothing to merge
                    merge_node(data, name, props)
            else:
                data = nodes.get(op[3])
                if data is not None and op[2] not in data["aliases"]:
                    if op[1] not in NODE_TYPES:
                        raise ValueError(f"unknown node type {op[1]!r}")
                    merge_node(data, op[2], {})

    def _add_evidence(self, key: tuple[str, str, str], data: dict, evidence: dict) -> None:
        """Evidence for an existing edge, unless it has the same signature as one it holds."""
        sigs = self._sigs.get(key)
        if sigs is None:
            sigs = self._sigs[key] = {evidence_sig(e) for e in data["evidence"]}
        sig = evidence_sig(evidence)
        if sig not in sigs:
            sigs.add(sig)
            data["evidence"].append(evidence)

    def summary(self) -> dict:
        return summarize(self.nodes.values(), map(itemgetter(2), self.edges))

    def to_orggraph(self) -> OrgGraph:
        import networkx as nx  # here, not at the top: a build that only saves its graph never needs it

        g = nx.MultiDiGraph()
        for nid, d in self.nodes.items():
            g.add_node(nid, **{k: v for k, v in d.items() if k != "id"})
        for (u, v, k), d in self.edges.items():
            g.add_edge(u, v, key=k, **{a: b for a, b in d.items() if a != "source" and a != "target"})
        return OrgGraph(g)


def _record(nid: str, node_type: str, name: str, props: dict) -> dict:
    """A new node's record, {"id": nid, **new_node(...)}, with the operation's lists copied (the graph extends
    them in place; the operation must stay as recorded)."""
    rec = {"id": nid}
    rec.update(new_node(node_type, name, {k: list(v) if isinstance(v, list) else v for k, v in props.items()}))
    return rec


def add_extraction(g: OrgGraph, ex: Extraction, res: Resolver) -> list[Op]:
    """Merge one document into `g` (documents must be added in name order); returns its operations."""
    ops = doc_ops(ex, res)
    for op in ops:
        apply_op(g, op)
    return ops


def ordered(extractions: Iterable[Extraction]) -> list[Extraction]:
    return sorted(extractions, key=lambda e: e.doc)


def build(extractions: Iterable[Extraction]) -> OrgGraph:
    exs = ordered(extractions)
    res = Resolver(exs)
    f = Fold()
    for ex in exs:
        f.apply_all(doc_ops(ex, res))
    return f.to_orggraph()
