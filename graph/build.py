"""Merging extractions into one graph: entity resolution across documents.

- acronyms and their expansions are one node (DSSEM == Department of Systemwide ...);
- case, article and plural variants share a canonical key, hence an id;
- a described role's own aliases attach to it; a role only referenced is a stub (described=False);
- never merge across types: a Role and a Unit with the same words stay two nodes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from orgkg.loaders.model import Extraction
from orgkg.ontology.schema import (
    COMPETENCY,
    DESCRIBED_IN,
    DOCUMENT,
    REQUIRES,
    ROLE,
)

from .ids import canonical, node_id
from .orggraph import OrgGraph

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&./\-]*[A-Z0-9]$")


class Resolver:
    """Maps (type, name) to a node id, through acronyms and aliases gathered from every document."""

    def __init__(self, extractions: list[Extraction]):
        self.acronyms: dict[str, str] = {}
        self.alias_of: dict[str, str] = {}  # canonical alias -> canonical name (any type)
        conflicts: set[str] = set()
        for ex in extractions:
            for a in ex.aliases:
                if _ACRONYM.match(a.alias):
                    prev = self.acronyms.get(a.alias)
                    if prev is not None and canonical(prev) != canonical(a.name):
                        conflicts.add(a.alias)  # the same letters for two things: keep neither global
                    self.acronyms.setdefault(a.alias, a.name)
                else:
                    self.alias_of[canonical(a.alias)] = canonical(a.name)
        for c in conflicts:
            del self.acronyms[c]
        self.role_names: dict[str, str] = {}  # canonical -> display name of described roles
        for ex in extractions:
            if ex.role_name:
                self.role_names.setdefault(canonical(ex.role_name), ex.role_name)

    def name(self, raw: str, doc_acronyms: dict[str, str] | None = None) -> str:
        raw = raw.strip()
        if doc_acronyms and raw in doc_acronyms:
            return doc_acronyms[raw]
        if raw in self.acronyms:
            return self.acronyms[raw]
        return raw

    def node_id(self, node_type: str, raw: str, doc_acronyms: dict[str, str] | None = None) -> tuple[str, str]:
        name = self.name(raw, doc_acronyms)
        key = canonical(name)
        key = self.alias_of.get(key, key)
        if node_type == ROLE and key in self.role_names:
            name = self.role_names[key]
        return f"{node_type.lower()}:{_slug(key)}", name


def _slug(key: str) -> str:
    from .ids import slug
    return slug(key)


def build(extractions: Iterable[Extraction]) -> OrgGraph:
    exs = sorted(extractions, key=lambda e: e.doc)
    res = Resolver(exs)
    g = OrgGraph()
    for ex in exs:
        doc_id = g.add_node(DOCUMENT, ex.doc, nid=f"document:{ex.doc}", path=ex.path, format=ex.format,
                            sha256=ex.sha256, truncated=ex.truncated, missing=list(ex.missing))
        doc_acr = {a.alias: a.name for a in ex.aliases if _ACRONYM.match(a.alias)}
        role_id = None
        if ex.role_name:
            role_id, rname = res.node_id(ROLE, ex.role_name)
            aliases = [a.alias for a in ex.aliases if canonical(a.name) == canonical(ex.role_name)]
            r = ex.role
            g.add_node(ROLE, rname, nid=role_id, described=True, aliases=aliases,
                       official_title=r.get("official_title"), code=r.get("code"), grade=r.get("grade"),
                       months=r.get("months"), overtime_eligible=r.get("overtime_eligible"),
                       sq_oq=r.get("sq_oq"), established=ex.dates.get("established"),
                       revised=ex.dates.get("revised"), documents=[ex.doc])
            g.add_edge(role_id, doc_id, DESCRIBED_IN)
        for rel in ex.relations:
            if rel.source:
                src_id, src_name = res.node_id(rel.source_type, rel.source, doc_acr)
                g.add_node(rel.source_type, src_name, nid=src_id, **_stub(rel.source_type))
            elif role_id:
                src_id = role_id
            else:
                continue  # a page with no title at all: its own relations have no subject node
            tgt_id, tgt_name = res.node_id(rel.target_type, rel.target, doc_acr)
            g.add_node(rel.target_type, tgt_name, nid=tgt_id, **_stub(rel.target_type))
            if rel.target != tgt_name:
                g.add_node(rel.target_type, rel.target, nid=tgt_id)  # keep the surface form as an alias
            if src_id == tgt_id:
                continue
            g.add_edge(src_id, tgt_id, rel.type, rel.evidence.to_json())
        if role_id:
            for c in ex.competencies:
                cid = node_id(COMPETENCY, c.key)
                g.add_node(COMPETENCY, c.name, nid=cid, kind=c.kind, key=c.key)
                g.add_edge(role_id, cid, REQUIRES, c.evidence.to_json())
        # acronyms become aliases of their expansion's node, whatever its type
        for a in ex.aliases:
            for t in (ROLE, "Unit", "Organization"):
                nid, _ = res.node_id(t, a.name, doc_acr)
                if nid in g and a.alias not in g.g.nodes[nid]["aliases"]:
                    g.add_node(t, a.alias, nid=nid)
    return g


def _stub(node_type: str) -> dict:
    return {"described": False} if node_type == ROLE else {}
