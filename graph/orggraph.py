"""`OrgGraph`: the org graph over a networkx MultiDiGraph, edges keyed by type with merged evidence."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orgkg.ontology.schema import EDGE_TYPES, NODE_TYPES

from .ids import canonical, node_id

if TYPE_CHECKING:
    import networkx as nx


# The merge rules, shared by OrgGraph and the dict-based fold of graph/build.py (one definition, one behaviour).
def new_node(node_type: str, name: str, props: dict) -> dict:
    """A node's first attributes: type, name, its other names, then the other properties in their order."""
    d = {"type": node_type, "name": name, "aliases": None, **props}
    d["aliases"] = [a for a in props.get("aliases", ()) if a != name]
    return d


_UNSET = (None, False, "", [])  # attribute values a later document may fill in (compared with ==, never changed)
_PLAIN = frozenset({str, int, float, bool, list, dict})  # types whose non-empty values equal none of _UNSET


def merge_node(data: dict, name: str, props: dict) -> None:
    """Merge a repeated node into its attributes: first values win, names and documents accumulate."""
    aliases = data["aliases"]
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
        elif v is not None:
            cur = data.get(k)
            # `cur in _UNSET`, without its four comparisons for the usual non-empty string or number
            if not (cur and cur.__class__ in _PLAIN) and cur in _UNSET or k == "described" and v:
                data[k] = list(v) if isinstance(v, list) else v  # a copy: the caller's list stays theirs


def evidence_sig(e: dict) -> tuple:
    """Two pieces of evidence are the same when document, span and rule are."""
    return e.get("doc"), e.get("start"), e.get("end"), e.get("rule")


def summarize(nodes: Iterable[dict], edge_types: Iterable[str]) -> dict:
    """The summary of a graph with these node attributes and edge types."""
    nodes = list(nodes)
    by_type: Counter = Counter()
    described = stubs = 0
    for d in nodes:
        t = d["type"]
        by_type[t] += 1
        if t == "Role":
            if d.get("described"):
                described += 1
            else:
                stubs += 1
    edges = Counter(edge_types)
    return {
        "nodes": len(nodes),
        "edges": sum(edges.values()),
        "nodes_by_type": dict(sorted(by_type.items())),
        "edges_by_type": dict(sorted(edges.items())),
        "described_roles": described,
        "stub_roles": stubs,
    }


@dataclass
class Match:
    id: str
    name: str
    type: str
    how: str  # exact | alias | acronym | canonical | fuzzy


class OrgGraph:
    """Nodes: id -> {type, name, aliases, ...}; edges: (u, v, key=type) -> {evidence: [...]}."""

    def __init__(self, g: nx.MultiDiGraph | None = None):
        if g is None:
            import networkx as nx  # on use: importing it costs a build that never makes an OrgGraph ~0.2 s

            g = nx.MultiDiGraph()
        self.g = g
        self._index: dict[str, set[str]] | None = None

    # ---- building -------------------------------------------------------
    def add_node(self, node_type: str, name: str, nid: str | None = None, **props) -> str:
        if node_type not in NODE_TYPES:
            raise ValueError(f"unknown node type {node_type!r}")
        nid = nid or node_id(node_type, name)
        if nid in self.g and "type" not in self.g.nodes[nid]:
            self.g.remove_node(nid) if not self.g.degree(nid) else None
            if nid in self.g:  # created bare by an edge first: give it its attributes now
                self.g.nodes[nid].update(new_node(node_type, name, props))
                self._index = None
                return nid
        if nid in self.g:
            merge_node(self.g.nodes[nid], name, props)
        else:
            self.g.add_node(nid, **new_node(node_type, name, props))
        self._index = None
        return nid

    def add_edge(self, u: str, v: str, edge_type: str, evidence: dict | None = None, **props) -> None:
        if edge_type not in EDGE_TYPES:
            raise ValueError(f"unknown edge type {edge_type!r}")
        if self.g.has_edge(u, v, key=edge_type):
            data = self.g.edges[u, v, edge_type]
        else:
            self.g.add_edge(u, v, key=edge_type, type=edge_type, evidence=[], **props)
            data = self.g.edges[u, v, edge_type]
        if evidence:
            sig = evidence_sig(evidence)
            if not any(evidence_sig(e) == sig for e in data["evidence"]):
                data["evidence"].append(evidence)

    # ---- reading --------------------------------------------------------
    def node(self, nid: str) -> dict:
        return {"id": nid, **self.g.nodes[nid]}

    def nodes(self, node_type: str | None = None) -> Iterator[dict]:
        for nid, d in self.g.nodes(data=True):
            if node_type is None or d["type"] == node_type:
                yield {"id": nid, **d}

    def edges(self, edge_type: str | None = None) -> Iterator[dict]:
        for u, v, k, d in self.g.edges(keys=True, data=True):
            if edge_type is None or k == edge_type:
                yield {"source": u, "target": v, **d}

    def name(self, nid: str) -> str:
        return self.g.nodes[nid]["name"]

    def summary(self) -> dict:
        return summarize((d for _, d in self.g.nodes(data=True)), (k for _, _, k in self.g.edges(keys=True)))

    def __len__(self) -> int:
        return self.g.number_of_nodes()

    def __contains__(self, nid: str) -> bool:
        return nid in self.g

    # ---- finding nodes by name -------------------------------------------
    def _name_index(self) -> dict[str, set[str]]:
        if self._index is None:
            idx: dict[str, set[str]] = {}
            for nid, d in self.g.nodes(data=True):
                for n in (d["name"], *d.get("aliases", [])):
                    idx.setdefault(canonical(n), set()).add(nid)
                    idx.setdefault(n.strip().lower(), set()).add(nid)
            self._index = idx
        return self._index

    def find(self, name: str, types: tuple[str, ...] | None = None) -> list[Match]:
        """Nodes a user means by `name`: id, name, alias or acronym, forgiving case, articles and plurals."""
        name = (name or "").strip()
        if not name:
            return []
        if name in self.g:
            d = self.g.nodes[name]
            return [Match(name, d["name"], d["type"], "exact")]
        idx = self._name_index()
        hits = idx.get(name.lower()) or idx.get(canonical(name)) or set()
        out = []
        for nid in sorted(hits):
            d = self.g.nodes[nid]
            if types and d["type"] not in types:
                continue
            how = "exact" if d["name"].lower() == name.lower() else (
                "acronym" if name.isupper() and name in d.get("aliases", []) else "alias")
            out.append(Match(nid, d["name"], d["type"], how))
        order = {"Role": 0, "Unit": 1, "Organization": 2, "Competency": 3, "Document": 4}
        out.sort(key=lambda m: (order.get(m.type, 9), m.how != "exact", m.id))
        return out

    def suggest(self, name: str, n: int = 5) -> list[str]:
        keys = list(self._name_index())
        close = difflib.get_close_matches(canonical(name), keys, n=n * 2, cutoff=0.5)
        sub = [k for k in keys if canonical(name) and canonical(name) in k]
        names: list[str] = []
        for k in close + sorted(sub, key=len):
            for nid in sorted(self._name_index()[k]):
                nm = self.g.nodes[nid]["name"]
                if nm not in names:
                    names.append(nm)
        return names[:n]

    def resolve(self, name: str, types: tuple[str, ...] | None = None) -> str:
        """The one node id for `name`, or a LookupError whose message lists suggestions."""
        found = self.find(name, types)
        if found:
            return found[0].id
        sugg = self.suggest(name)
        hint = f"; did you mean: {', '.join(repr(s) for s in sugg)}" if sugg else ""
        raise LookupError(f"no node named {name!r} in the graph{hint}")

    # ---- queries (see graph/traverse.py) ----------------------------------
    def chain(self, name: str):
        from .traverse import chain
        return chain(self, self.resolve(name, ("Role", "Unit")))

    def collaborators(self, name: str):
        from .traverse import collaborators
        return collaborators(self, self.resolve(name, ("Role", "Unit", "Organization")))

    def subtree(self, name: str):
        from .traverse import subtree
        return subtree(self, self.resolve(name, ("Role", "Unit")))

    # ---- query engines and analysis (imported on use: they pull in heavy libraries) ----
    def ask(self, name: str, *args, lang: str = "networkx", backend=None) -> list[tuple]:
        """A canned query (chain, subtree, collaborators, span, requires, shared-competencies, path)."""
        from orgkg.queries.canned import ask
        return ask(self, name, *args, lang=lang, backend=backend)

    def sparql(self, query: str, **kwargs):
        """Read-only SPARQL 1.1 over this graph (embedded pyoxigraph)."""
        from orgkg.queries.sparql import sparql
        return sparql(self, query, **kwargs)

    def cypher(self, query: str, params: dict | None = None, **kwargs):
        """Read-only Cypher over this graph (embedded FalkorDB, or a backend URI)."""
        from orgkg.queries.cypher import cypher
        return cypher(self, query, params, **kwargs)

    def check(self, **kwargs):
        """The org health report (cycles, gaps, conflicts, spans, old and truncated descriptions)."""
        from orgkg.analysis import health
        return health(self, **kwargs)

    def competencies(self, role: str):
        from orgkg.analysis import competencies_of
        return competencies_of(self, role)

    # ---- persistence (see graph/store.py) ---------------------------------
    def save(self, path) -> None:
        from .store import save
        save(self, path)

    @classmethod
    def load(cls, path) -> OrgGraph:
        from .store import load
        return load(path)

    def to_graphml(self, path) -> None:
        from .store import write_graphml
        write_graphml(self, path)

    def show(self, **kwargs):
        """Render inline in Jupyter (needs the visualisation module)."""
        from orgkg.viz import show
        return show(self, **kwargs)

    def __repr__(self) -> str:
        s = self.summary()
        return f"<OrgGraph {s['nodes']} nodes, {s['edges']} edges>"
