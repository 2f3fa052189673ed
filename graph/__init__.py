"""Graph: resolve entities across documents, merge them with their evidence, save and load, walk.

Modules, lowest first: ids (names -> ids), resolve (which node a name means), merge (the merge rules and
the engine), orggraph (`OrgGraph`, the in-memory graph), store (the graph file), traverse (chains,
subtrees, collaborators), cache (extractions by content) and pipeline (files -> graph file: `orgkg build`).
"""

from __future__ import annotations

from .ids import canonical, node_id
from .orggraph import Match, OrgGraph, from_dict, load
from .pipeline import BuildResult, build, build_file
from .resolve import Resolver
from .store import save, write_graphml
from .traverse import Collaborator, Step, chain, children, collaborators, parents, span_of_control, subtree

__all__ = ["OrgGraph", "Match", "Resolver", "BuildResult", "build", "build_file", "canonical", "node_id", "load", "from_dict",
           "save", "write_graphml", "Step", "Collaborator", "chain", "collaborators", "subtree", "parents", "children",
           "span_of_control"]
