"""The synthetic ground-truth graph: deterministic, well-formed, shaped like an organisation."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from orgkg.graph import from_dict
from orgkg.graph.ids import node_id
from orgkg.graph.orggraph import OrgGraph
from orgkg.graph.store import dumps
from orgkg.graph.traverse import chain
from orgkg.ontology.schema import EDGE_TYPES, EVIDENCE_FIELDS, NODE_TYPES
from orgkg.synth import generate, synth_graph


@pytest.fixture(scope="module")
def g3000() -> OrgGraph:
    return synth_graph(3000, seed=7)


def test_exact_role_count_and_determinism(g3000):
    assert sum(1 for _ in g3000.nodes("Role")) == 3000
    again = synth_graph(3000, seed=7)
    assert dumps(again) == dumps(g3000)
    other = synth_graph(3000, seed=8)
    assert dumps(other) != dumps(g3000)


def test_ids_names_and_types_follow_the_schema(g3000):
    names = Counter()
    for n in g3000.nodes():
        assert n["type"] in NODE_TYPES
        if n["type"] in ("Role", "Unit", "Organization"):
            assert n["id"] == node_id(n["type"], n["name"])
            names[n["name"]] += 1
    assert max(names.values()) == 1
    for e in g3000.edges():
        spec = EDGE_TYPES[e["type"]]
        assert g3000.g.nodes[e["source"]]["type"] in spec.sources
        assert g3000.g.nodes[e["target"]]["type"] in spec.targets
        if e["type"] != "DESCRIBED_IN":
            assert len(e["evidence"]) == 1 and set(e["evidence"][0]) == set(EVIDENCE_FIELDS)


def test_tree_shape_depth_branching_and_reporting(g3000):
    units = nx.DiGraph()
    for e in g3000.edges("PART_OF"):
        if g3000.g.nodes[e["source"]]["type"] == "Unit":
            units.add_edge(e["target"], e["source"])
    assert nx.is_arborescence(units)
    root = next(n for n, d in units.in_degree() if d == 0)
    depth = max(nx.single_source_shortest_path_length(units, root).values()) + 1
    assert depth >= 5
    inner = [units.out_degree(n) for n in units if units.out_degree(n)]
    assert min(inner[:-1]) >= 3 and max(inner) <= 6  # the last unit grown may be cut short by the budget
    every_role_in_a_unit = {e["source"] for e in g3000.edges("PART_OF") if e["source"].startswith("role:")}
    assert len(every_role_in_a_unit) == 3000
    kinds = Counter(e["type"] for e in g3000.edges())
    assert kinds["SUPERVISES"] > 0 and kinds["UNDER_DIRECTION_OF"] > 0
    assert 1.5 <= kinds["COLLABORATES_WITH"] / 3000 <= 2.5
    multi = [n for n in g3000.g if n.startswith("role:")
             and sum(1 for _ in g3000.g.out_edges(n, keys=True) if _[2] == "UNDER_DIRECTION_OF") > 1]
    assert multi, "some roles have a dotted-line second supervisor"
    # every role except the top one reaches the Superintendent through the reporting chain
    top = g3000.resolve("Superintendent of Schools")
    org = generate(3000, 7)
    for r in org.roles[::97]:
        assert top in [s.id for s in chain(g3000, r.id)]
    assert org.depth == depth


def test_round_trips_through_the_graph_file_format(g3000):
    back = from_dict(__import__("json").loads(dumps(g3000)))
    assert back.summary() == g3000.summary()
