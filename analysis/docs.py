"""Which document speaks for which node: needed to tell "A says so" from "someone else says so"."""

from __future__ import annotations

from orgkg.graph import OrgGraph
from orgkg.ontology.schema import DESCRIBED_IN, DOCUMENT, ROLE, UNIT


def own_docs(g: OrgGraph, nid: str) -> set[str]:
    """Documents that describe `nid` (its `documents` attribute plus DESCRIBED_IN edges)."""
    d = g.g.nodes[nid]
    docs = set(d.get("documents") or [])
    for _, doc_id, k in g.g.out_edges(nid, keys=True):
        if k == DESCRIBED_IN:
            docs.add(g.g.nodes[doc_id].get("name") or doc_id.removeprefix("document:"))
    return docs


def is_described(g: OrgGraph, nid: str) -> bool:
    """A role with its own description; a unit is never described by a class description."""
    d = g.g.nodes[nid]
    if d["type"] == ROLE:
        return bool(d.get("described")) or bool(own_docs(g, nid))
    if d["type"] == UNIT:
        return bool(own_docs(g, nid))
    return True  # organisations and the rest are outside the catalogue


def documents(g: OrgGraph) -> list[dict]:
    return list(g.nodes(DOCUMENT))


def doc_path(g: OrgGraph, doc: str) -> str | None:
    nid = f"document:{doc}"
    return g.g.nodes[nid].get("path") if nid in g.g else None
