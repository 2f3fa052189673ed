"""An OrgGraph back from RDF written by `orgkg export` (ontology/rdf.py maps one way, this reads it back).

Derived triples (aligned standard classes and properties, skos/prov links) are ignored, so
`from_rdf(to_rdf(g))` gives back exactly the same graph; hand-written RDF with direct edge triples and no
statements gives edges without evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgkg.ontology.rdf import (
    CLASS_TO_TYPE,
    FORMATS,
    HAS_EVIDENCE,
    ID,
    INDEX,
    NULL,
    PROP_TO_EDGE,
    RDF,
    RDF_FIRST,
    RDF_NIL,
    RDF_REST,
    RDF_TYPE,
    RDFS_LABEL,
    STATEMENT,
    snake,
)
from orgkg.ontology.schema import EDGE_TYPES, EVIDENCE_FIELDS, NODE_TYPES, ORGKG

from .orggraph import OrgGraph


class RDFImportError(ValueError):
    """The RDF is not an orgkg graph (missing ids, unknown types, broken lists)."""


@dataclass
class _Reader:
    by_s: dict  # subject -> list[(p, o)]

    def objs(self, s, p: str) -> list:
        return [o for pp, o in self.by_s.get(s, ()) if pp == p]

    def one(self, s, p: str):
        xs = self.objs(s, p)
        return xs[0] if xs else None

    def value(self, o, seen=None):
        import rdflib

        if isinstance(o, rdflib.Literal):
            v = o.toPython()
            if isinstance(v, rdflib.Literal):  # unknown datatype: keep the lexical form
                return str(o)
            return v
        if str(o) == NULL:
            return None
        if str(o) == RDF_NIL:
            return []
        if isinstance(o, rdflib.BNode) and self.one(o, RDF_FIRST) is not None:
            out, cur, seen = [], o, set()
            while str(cur) != RDF_NIL:
                if cur in seen:
                    raise RDFImportError("cyclic rdf:List")
                seen.add(cur)
                first = self.one(cur, RDF_FIRST)
                if first is None:
                    raise RDFImportError("broken rdf:List (a cell without rdf:first)")
                out.append(self.value(first))
                cur = self.one(cur, RDF_REST)
                if cur is None:
                    raise RDFImportError("broken rdf:List (a cell without rdf:rest)")
            return out
        return str(o)


def _attrs(r: _Reader, s, skip: set[str]) -> dict:
    out = {}
    for p, o in r.by_s.get(s, ()):
        p = str(p)
        if not p.startswith(ORGKG) or p in skip:
            continue
        key = snake(p[len(ORGKG):])
        out[key] = r.value(o)
    return out


def _ordered(d: dict, order: tuple[str, ...]) -> dict:
    """Keys in schema order first (so saved JSON reads like the original), then the rest sorted."""
    out = {k: d[k] for k in order if k in d}
    out.update({k: d[k] for k in sorted(d) if k not in out})
    return out


def from_rdf(rg):
    """An OrgGraph from an rdflib Graph written by `to_rdf` (derived triples are ignored)."""
    import networkx as nx
    import rdflib

    by_s: dict = {}
    for s, p, o in rg:
        by_s.setdefault(s, []).append((str(p), o))
    r = _Reader(by_s)
    edge_props = {t.iri for t in EDGE_TYPES.values()}
    skip_node = {ID} | edge_props | {ORGKG + "jobClass"}
    h = nx.MultiDiGraph()
    iri_to_id: dict[str, str] = {}
    for s, pos in by_s.items():
        ids = [o for p, o in pos if p == ID]
        if not ids or not isinstance(s, rdflib.URIRef):
            continue
        nid = str(ids[0])
        iri_to_id[str(s)] = nid
        types = [CLASS_TO_TYPE[str(o)] for p, o in pos if p == RDF_TYPE and str(o) in CLASS_TO_TYPE]
        if len(types) != 1:
            raise RDFImportError(f"node {nid!r} has {len(types)} orgkg classes (need exactly one)")
        name = r.one(s, RDFS_LABEL)
        if name is None:
            raise RDFImportError(f"node {nid!r} has no rdfs:label")
        attrs = {"type": types[0], "name": str(name), **_attrs(r, s, skip_node)}
        h.add_node(nid, **_ordered(attrs, ("type", "name", "aliases", *NODE_TYPES[types[0]].properties)))
    for s in [s for s, pos in by_s.items() if (RDF_TYPE, rdflib.URIRef(STATEMENT)) in pos]:
        subj, pred, obj = (r.one(s, RDF + x) for x in ("subject", "predicate", "object"))
        if str(pred) not in PROP_TO_EDGE:
            raise RDFImportError(f"statement {s} has unknown predicate {pred}")
        if str(subj) not in iri_to_id or str(obj) not in iri_to_id:
            raise RDFImportError(f"statement {s} points to a node without orgkg:id")
        et = PROP_TO_EDGE[str(pred)]
        evs = []
        for e in r.objs(s, HAS_EVIDENCE):
            idx = r.one(e, INDEX)
            ev = _attrs(r, e, {INDEX})
            evs.append((int(idx.toPython()) if idx is not None else len(evs), _ordered(ev, EVIDENCE_FIELDS)))
        attrs = _ordered({"type": et, "evidence": [ev for _, ev in sorted(evs, key=lambda x: x[0])],
                          **_attrs(r, s, {HAS_EVIDENCE})}, ("type", "evidence"))  # then confidence, reviewed, ...
        h.add_edge(iri_to_id[str(subj)], iri_to_id[str(obj)], key=et, **attrs)
    # direct edge triples without a statement (hand-written RDF): an edge without evidence
    for s, pos in by_s.items():
        if str(s) not in iri_to_id:
            continue
        for p, o in pos:
            if p in PROP_TO_EDGE and str(o) in iri_to_id:
                u, v, k = iri_to_id[str(s)], iri_to_id[str(o)], PROP_TO_EDGE[p]
                if not h.has_edge(u, v, key=k):
                    h.add_edge(u, v, key=k, type=k, evidence=[])
    return OrgGraph(h)


def parse(text: str, fmt: str) -> OrgGraph:
    """The graph in RDF text of format `fmt` (a key of FORMATS).

    Example: parse(serialize(g, "ttl"), "ttl") gives back g
    """
    import rdflib

    rg = rdflib.Graph()
    rg.parse(data=text, format=FORMATS[fmt])
    return from_rdf(rg)
