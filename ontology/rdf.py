"""OrgGraph <-> RDF, with every IRI taken from ontology/schema.py.

One triple generator (`triples`) feeds two writers: rdflib (serialisation, SHACL) and a
fast path straight into a pyoxigraph Store (SPARQL at 100k roles, where rdflib is too slow).

Mapping (declared in ontology/orgkg.ttl):
- node `id` -> IRI `node_iri(id)`, typed with its orgkg class and the aligned standard classes,
  the id also as literal `orgkg:id`, `name` as `rdfs:label`, every other attribute as `orgkg:<camelCase>`;
  scalars are typed literals, lists are ordered `rdf:List`s, None is the resource `orgkg:null`.
- each edge -> the direct triple `s orgkg:<type> o`, its aligned standard triple(s), and an
  `orgkg:Statement` (rdf:subject/predicate/object) that carries one `orgkg:Evidence` node (a
  `prov:Entity`) per evidence item, in order (`orgkg:index`).
Derived triples (aligned types/properties, skos/prov links) are written for querying and ignored on import,
so `from_rdf(to_rdf(g))` gives back exactly the same graph.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from orgkg.ontology.schema import (
    COMPETENCY,
    DOCUMENT,
    EDGE_TYPES,
    NODE_TYPES,
    ORG,
    ORGKG,
    ORGKG_ID,
    PART_OF,
    PROV,
    RDFS,
    REQUIRES,
    ROLE,
    SCHEMA,
    SKOS,
    node_iri,
)

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE, RDF_FIRST, RDF_REST, RDF_NIL = RDF + "type", RDF + "first", RDF + "rest", RDF + "nil"
RDFS_LABEL = RDFS + "label"
ID, NULL, STATEMENT, EVIDENCE = ORGKG + "id", ORGKG + "null", ORGKG + "Statement", ORGKG + "Evidence"
HAS_EVIDENCE, INDEX = ORGKG + "evidence", ORGKG + "index"
COMPETENCY_SCHEME = ORGKG_ID + "competencies"
JOB_CLASS = ORGKG + "JobClass"

CLASS_TO_TYPE = {t.iri: name for name, t in NODE_TYPES.items()}
PROP_TO_EDGE = {t.iri: name for name, t in EDGE_TYPES.items()}

# Node/evidence keys that are not plain `orgkg:<camelCase>` attributes.
_NODE_SPECIAL = {"type", "name"}


def camel(key: str) -> str:
    """official_title -> officialTitle (reversible for snake_case keys; see `snake`)."""
    head, *rest = key.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def snake(name: str) -> str:
    return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)


@functools.lru_cache(maxsize=4096)
def attr_iri(key: str) -> str:
    if snake(camel(key)) != key:
        raise ValueError(f"attribute {key!r} has no reversible RDF name (use snake_case)")
    return ORGKG + camel(key)


_IRI_SAFE = "/:@!$&'()*+,;=-._~"


@functools.lru_cache(maxsize=1 << 18)  # each node's IRI is asked for once per edge it touches
def iri_of(node_id: str) -> str:
    """`node_iri(id)`, percent-encoding what an IRI cannot hold (spaces, quotes, <>); slug ids are unchanged."""
    from urllib.parse import quote

    return node_iri(quote(node_id, safe=_IRI_SAFE))


def statement_iri(u: str, v: str, edge_type: str) -> str:
    """Stable per edge, so a persisted store and re-exports keep the same statement IRIs."""
    h = hashlib.sha1(f"{u}\x00{edge_type}\x00{v}".encode()).hexdigest()[:20]
    return ORGKG_ID + "statement/" + h


# ---- terms ------------------------------------------------------------------------------------
# `triples` builds its terms with a writer's own constructors (`Terms`): the abstract tuples below, rdflib or
# pyoxigraph objects, or N-Triples text, so the one mapping feeds every writer without a term per triple made
# twice (at 100k roles the lean store has 5M triples).
Term = tuple[str, Any]  # the abstract form: ("iri", str) | ("bnode", int) | ("lit", python value)


@dataclass(frozen=True)
class Terms:
    """A writer's term constructors: `iri(str)`, `lit(value)` (str, bool, int or float) and `bnode()`, a new blank
    node per call. `triples` asks `iri` once per distinct IRI, so it need not cache."""

    iri: Callable[[str], Any]
    lit: Callable[[Any], Any]
    bnode: Callable[[], Any]
    typed: Callable[[str, str], Any] | None = None  # (lexical form, datatype IRI); None: a plain literal


def _iri(s: str) -> Term:
    return ("iri", s)


def _lit(v: Any) -> Term:
    return ("lit", v)


class _Blank:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> Term:
        self.n += 1
        return ("bnode", self.n)


def abstract_terms() -> Terms:
    return Terms(_iri, _lit, _Blank())


class _Made(dict):
    """IRI -> its term, made on first use."""

    def __init__(self, make: Callable[[str], Any]):
        super().__init__()
        self.make = make

    def __missing__(self, key: str):
        t = self[key] = self.make(key)
        return t


def _value(v: Any, t: Terms, iris: _Made, out: list):
    """Object term for an attribute value; lists append their rdf:List cells to `out`."""
    if v is None:
        return iris[NULL]
    if isinstance(v, (list, tuple)):
        head = iris[RDF_NIL]
        for item in reversed(v):
            cell = t.bnode()
            out.append((cell, iris[RDF_FIRST], _value(item, t, iris, out)))
            out.append((cell, iris[RDF_REST], head))
            head = cell
        return head
    if isinstance(v, (str, bool, int, float)):
        return t.lit(v)
    raise ValueError(f"cannot map value {v!r} of type {type(v).__name__} to RDF")


def _aligned_edge(edge_type: str, src_type: str, target: dict) -> tuple[str, ...]:
    """The standard properties an edge implies; PART_OF and REQUIRES depend on what they connect."""
    aligned = EDGE_TYPES[edge_type].aligned
    if edge_type == PART_OF:
        return (ORG + "postIn",) if src_type == ROLE else (ORG + "subOrganizationOf",)
    if edge_type == REQUIRES:
        kind = target.get("kind")
        if kind == "education":
            return (SCHEMA + "educationRequirements",)
        if kind in ("certification", "experience"):
            return (SCHEMA + "qualifications",)
        return (SCHEMA + "skills",)
    return aligned


def triples(g, evidence: bool = True, terms: Terms | None = None) -> Iterator[tuple[Any, Any, Any]]:
    """Every triple of the RDF form of `g` (an OrgGraph), with terms from `terms` (default: the abstract tuples).

    `evidence=False` gives the lean query form: nodes and direct (plus aligned) edge triples only, without the
    orgkg:Statement reification and its evidence nodes (~4x fewer triples; not importable back with evidence)."""
    t = terms if terms is not None else abstract_terms()
    iris = _Made(t.iri)  # every IRI's term made once (node IRIs: once per node, not per edge touching it)
    lit = t.lit
    attr = _Made(lambda k: iris[attr_iri(k)])
    a, label, id_ = iris[RDF_TYPE], iris[RDFS_LABEL], iris[ID]
    nodes = dict(g.g.nodes(data=True))
    doc_iri = {d.get("name"): iri_of(nid) for nid, d in nodes.items() if d.get("type") == DOCUMENT}
    node_term: dict[str, Any] = {}
    scheme = iris[COMPETENCY_SCHEME]
    yield scheme, a, iris[SKOS + "ConceptScheme"]
    yield scheme, label, lit("Competencies required by roles")
    for nid, d in nodes.items():
        s = node_term[nid] = iris[iri_of(nid)]
        nt = NODE_TYPES[d["type"]]
        yield s, a, iris[nt.iri]
        for cls in nt.aligned:
            yield s, a, iris[cls]
        yield s, id_, lit(nid)
        extra: list = []
        for k, v in d.items():
            if k == "type":
                continue
            if k == "name":
                yield s, label, lit(v)
                continue
            yield s, attr[k], lit(v) if type(v) is str else _value(v, t, iris, extra)
        yield from extra
        yield from _derived(s, d, lit, iris, scheme)
    aligned: dict[tuple, tuple] = {}
    for u, v, k, d in g.g.edges(keys=True, data=True):
        s, o = node_term[u], node_term[v]
        yield s, iris[EDGE_TYPES[k].iri], o
        src, dst = nodes[u], nodes[v]
        ak = (k, src["type"], dst.get("kind") if k == REQUIRES else None)
        preds = aligned.get(ak)
        if preds is None:
            preds = aligned[ak] = tuple(iris[p] for p in _aligned_edge(k, src["type"], dst))
        for p in preds:
            yield s, p, o
        if not evidence:
            continue
        st_iri = statement_iri(u, v, k)
        st = iris.make(st_iri)  # one per edge: not kept
        yield st, a, iris[STATEMENT]
        yield st, iris[RDF + "subject"], s
        yield st, iris[RDF + "predicate"], iris[EDGE_TYPES[k].iri]
        yield st, iris[RDF + "object"], o
        extra = []
        for kk, vv in d.items():
            if kk in ("type", "evidence"):
                continue
            yield st, attr[kk], _value(vv, t, iris, extra)
        yield from extra
        for i, ev in enumerate(d.get("evidence") or []):
            e = iris.make(st_iri + f"/evidence/{i}")
            yield st, iris[HAS_EVIDENCE], e
            yield e, a, iris[EVIDENCE]
            yield e, a, iris[PROV + "Entity"]
            yield e, iris[INDEX], lit(i)
            extra = []
            for kk, vv in ev.items():
                yield e, attr[kk], _value(vv, t, iris, extra)
            yield from extra
            if ev.get("doc") in doc_iri:
                yield e, iris[PROV + "wasDerivedFrom"], iris[doc_iri[ev["doc"]]]
            if ev.get("kind") == "correction":
                yield from _attribution(e, ev, t, iris)


def _derived(s, d: dict, lit: Callable[[Any], Any], iris: _Made, scheme) -> Iterator[tuple[Any, Any, Any]]:
    """A node's derived triples, for querying with standard vocabularies (SKOS labels, the W3C org job class);
    ignored on import."""
    if d["type"] == COMPETENCY:
        yield s, iris[SKOS + "prefLabel"], lit(d["name"])
        yield s, iris[SKOS + "inScheme"], scheme
    for alias in d.get("aliases") or []:
        yield s, iris[SKOS + "altLabel"], lit(alias)
    if d["type"] == ROLE and d.get("code"):
        a = iris[RDF_TYPE]
        jc = iris[ORGKG_ID + "jobclass:" + str(d["code"])]
        yield s, iris[ORGKG + "jobClass"], jc
        yield jc, a, iris[JOB_CLASS]
        yield jc, a, iris[ORG + "Role"]
        yield jc, iris[RDFS_LABEL], lit(str(d.get("official_title") or d["code"]))


def _attribution(e, ev: dict, t: Terms, iris: _Made) -> Iterator[tuple[Any, Any, Any]]:
    """A correction's evidence in PROV-O (derived, ignored on import): who made it, when, and why."""
    from urllib.parse import quote

    if ev.get("by"):
        agent = iris[ORGKG_ID + "agent/" + quote(str(ev["by"]), safe="")]
        yield e, iris[PROV + "wasAttributedTo"], agent
        yield agent, iris[RDF_TYPE], iris[PROV + "Agent"]
        yield agent, iris[RDFS_LABEL], t.lit(str(ev["by"]))
    when = str(ev.get("when") or "")
    if when:
        stamp = when if "T" in when else when + "T00:00:00"
        yield e, iris[PROV + "generatedAtTime"], t.typed(stamp, XSD_DATETIME) if t.typed else t.lit(stamp)
    if ev.get("why"):
        yield e, iris[RDFS + "comment"], t.lit(str(ev["why"]))


# ---- writers ----------------------------------------------------------------------------------
def to_rdf(g):
    """The OrgGraph as an rdflib Graph, with the project prefixes bound."""
    import rdflib

    from orgkg.ontology.schema import PREFIXES

    rg = rdflib.Graph()
    for p, ns in PREFIXES.items():
        rg.bind(p, rdflib.Namespace(ns), override=True, replace=True)
    rg.bind("id", rdflib.Namespace(ORGKG_ID))
    add = rg.add
    typed = lambda v, dt: rdflib.Literal(v, datatype=rdflib.URIRef(dt))  # noqa: E731
    for t in triples(g, terms=Terms(rdflib.URIRef, rdflib.Literal, rdflib.BNode, typed)):
        add(t)
    return rg


def quads(g) -> Iterator:
    """pyoxigraph Quads for `g` (default graph), without going through rdflib."""
    import pyoxigraph as ox

    dg = ox.DefaultGraph()
    typed = lambda v, dt: ox.Literal(v, datatype=ox.NamedNode(dt))  # noqa: E731
    for s, p, o in triples(g, terms=Terms(ox.NamedNode, ox.Literal, ox.BlankNode, typed)):
        yield ox.Quad(s, p, o, dg)


FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
SUFFIX_FORMAT = {".ttl": "ttl", ".turtle": "ttl", ".nt": "nt", ".jsonld": "jsonld", ".json-ld": "jsonld", ".json": "jsonld"}


def serialize(g, fmt: str) -> str:
    """Turtle / N-Triples / JSON-LD text of `g` (N-Triples via pyoxigraph: fast and sorted-stable)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; known: {', '.join(FORMATS)}")
    if fmt == "nt":
        import pyoxigraph as ox

        return ox.serialize(quads(g), format=ox.RdfFormat.N_QUADS).decode("utf-8")
    rg = to_rdf(g)
    if fmt == "jsonld":
        from orgkg.ontology.schema import PREFIXES

        return rg.serialize(format="json-ld", context={**PREFIXES, "id": ORGKG_ID}, indent=1)
    return rg.serialize(format="turtle")


_XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_DATETIME = _XSD + "dateTime"
