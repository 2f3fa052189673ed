"""Graph: resolve entities, merge evidence, store. `OrgGraph` is the in-memory graph."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .build import Resolver, build
from .ids import canonical, node_id
from .lazy import lazy_getattr
from .orggraph import Match, OrgGraph
from .store import load, save, write_graphml

if TYPE_CHECKING:
    from .traverse import Collaborator, Step, chain, children, collaborators, parents, span_of_control, subtree

# Loaded on first use (PEP 562): `import orgkg` imports this package, and a build never walks the graph
_LAZY = {name: ".traverse" for name in
         ("Collaborator", "Step", "chain", "children", "collaborators", "parents", "span_of_control", "subtree")}

__getattr__ = lazy_getattr(__name__, _LAZY)


__all__ = ["OrgGraph", "Match", "Resolver", "build", "canonical", "node_id", "load", "save", "write_graphml",
           "Step", "Collaborator", "chain", "collaborators", "subtree", "parents", "children", "span_of_control"]
