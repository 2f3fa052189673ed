"""`OrgGraph`: the org graph over a networkx MultiDiGraph, edges keyed by type with merged evidence."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import store, traverse
from .ids import canonical, node_id
from .merge import Records, add_evidence, check_edge_type, fill_node, new_node, summarize

if TYPE_CHECKING:
    import networkx as nx


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

    @classmethod
    def from_records(cls, rec: Records) -> OrgGraph:
        """The graph of a build's records (graph/merge.py)."""
        import networkx as nx

        g = nx.MultiDiGraph()
        for nid, d in rec.nodes.items():
            g.add_node(nid, **{k: v for k, v in d.items() if k != "id"})
        for (u, v, k), d in rec.edges.items():
            g.add_edge(u, v, key=k, **{a: b for a, b in d.items() if a != "source" and a != "target"})
        return cls(g)

    # ---- building: the rules of graph/merge.py, on networkx's attribute dicts ----
    def add_node(self, node_type: str, name: str, nid: str | None = None, **props) -> str:
        """Add a node, or merge it into the one with the same id; returns its id.

        >>> g = OrgGraph(); g.add_node("Unit", "the Offices of X")
        'unit:office-of-x'
        """
        nid = nid or node_id(node_type, name)
        if nid in self.g:
            fill_node(self.g.nodes[nid], node_type, name, props)
        else:
            self.g.add_node(nid, **new_node(node_type, name, props))
        self._index = None
        return nid

    def add_edge(self, u: str, v: str, edge_type: str, evidence: dict | None = None, confidence: float | None = None,
                 **props) -> None:
        """Add an edge (one per source, target and type) or more evidence to it."""
        if not self.g.has_edge(u, v, key=edge_type):
            check_edge_type(edge_type)
            self.g.add_edge(u, v, key=edge_type, type=edge_type, evidence=[], **props)
            self._index = None
        add_evidence(self.g.edges[u, v, edge_type], evidence, confidence)

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

    # ---- walks (graph/traverse.py) ----
    def chain(self, name: str) -> list[traverse.Step]:
        """Everyone above the role or unit `name`, nearest first, each step with its evidence."""
        return traverse.chain(self, self.resolve(name, ("Role", "Unit")))

    def subtree(self, name: str) -> list[traverse.Step]:
        """Everyone below the role or unit `name`, nearest first."""
        return traverse.subtree(self, self.resolve(name, ("Role", "Unit")))

    def collaborators(self, name: str) -> list[traverse.Collaborator]:
        """Who collaborates with `name` or with anything located in it."""
        return traverse.collaborators(self, self.resolve(name, ("Role", "Unit", "Organization")))

    # ---- the graph file (graph/store.py) ----
    def save(self, path: str | Path) -> None:
        """Write the graph file atomically; a failure is one line (UserError) and the old file stays."""
        store.save(self, path)

    @classmethod
    def load(cls, path: str | Path) -> OrgGraph:
        return cls(store.read(path))

    @classmethod
    def from_dict(cls, data: dict, where: str = "<graph>") -> OrgGraph:
        """The graph of a graph file's parsed JSON."""
        return cls(store.networkx_of(data, where))

    def to_graphml(self, path: str | Path) -> None:
        store.write_graphml(self, path)

    def __repr__(self) -> str:
        s = self.summary()
        return f"<OrgGraph {s['nodes']} nodes, {s['edges']} edges>"


def load(path: str | Path) -> OrgGraph:
    """The graph file at `path` (one-line UserError if missing, corrupt or of a newer format)."""
    return OrgGraph.load(path)


def from_dict(data: dict, where: str = "<graph>") -> OrgGraph:
    return OrgGraph.from_dict(data, where)
