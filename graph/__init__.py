"""Graph: resolve entities, merge evidence, store. `OrgGraph` is the in-memory graph."""

from .build import Resolver, build
from .ids import canonical, node_id
from .orggraph import Match, OrgGraph
from .store import load, save, write_graphml
from .traverse import Collaborator, Step, chain, children, collaborators, parents, span_of_control, subtree

__all__ = ["OrgGraph", "Match", "Resolver", "build", "canonical", "node_id", "load", "save", "write_graphml",
           "Step", "Collaborator", "chain", "collaborators", "subtree", "parents", "children", "span_of_control"]
