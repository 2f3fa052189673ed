"""Focused views, type filters and the large-graph summary, checked against networkx directly."""

from __future__ import annotations

import random

import pytest

from orgkg import viz
from orgkg.errors import UserError
from orgkg.graph import OrgGraph
from orgkg.graph.traverse import chain, members, subtree

COORD = "Coordinator, Innovative and Progressive Systemwide Training"
COORD_ID = "role:coordinator-innovative-and-progressive-systemwide-training"
DSSEM_ID = "unit:department-of-systemwide-safety-and-emergency-management"


def _induced_edges(g: OrgGraph, ids: set[str]) -> set[str]:
    return {f"{u}|{k}|{v}" for u, v, k in g.g.edges(keys=True) if u in ids and v in ids}


def test_full_view_leaves_out_competencies_and_documents(sample_graph):
    v = viz.view(sample_graph)
    want = {n for n, d in sample_graph.g.nodes(data=True) if d["type"] in ("Role", "Unit", "Organization")}
    assert {n.id for n in v.nodes} == want
    assert {e.id for e in v.edges} == _induced_edges(sample_graph, want)
    assert v.total_nodes == sample_graph.g.number_of_nodes() and not v.summary


def test_types_can_add_competencies(sample_graph):
    v = viz.view(sample_graph, types=("Role", "Unit", "Organization", "Competency"))
    comps = {n for n, d in sample_graph.g.nodes(data=True) if d["type"] == "Competency"}
    assert comps and comps <= {n.id for n in v.nodes}
    assert any(e.type == "REQUIRES" for e in v.edges)


def test_focus_is_chain_up_and_reports_down(sample_graph):
    v = viz.view(sample_graph, focus=COORD, depth=1)
    ids = {n.id for n in v.nodes}
    assert {s.id for s in chain(sample_graph, COORD_ID)} <= ids
    assert {s.id for s in subtree(sample_graph, COORD_ID, 1)} <= ids
    assert "role:chief-of-teaching-learning-and-school" in ids or any(
        "Chief of Teaching" in sample_graph.name(i) for i in ids)
    assert v.focus == COORD_ID
    assert {e.id for e in v.edges} == _induced_edges(sample_graph, ids)


def test_chain_view(sample_graph):
    v = viz.view(sample_graph, chain=COORD)
    assert {n.id for n in v.nodes} == {s.id for s in chain(sample_graph, COORD_ID)}
    assert any(e.type == "UNDER_DIRECTION_OF" and e.source == COORD_ID for e in v.edges)


def test_collaborators_view_by_acronym(sample_graph):
    v = viz.view(sample_graph, collaborators="DSSEM")
    ids = {n.id for n in v.nodes}
    assert DSSEM_ID in ids and COORD_ID in ids
    assert v.focus == DSSEM_ID


def test_unit_view_has_members_and_their_reports(sample_graph):
    v = viz.view(sample_graph, unit="DSSEM")
    want = set()
    for m in members(sample_graph, DSSEM_ID):
        want |= {s.id for s in subtree(sample_graph, m, 2)}
    assert {n.id for n in v.nodes} == want


def test_unknown_name_and_bad_options_are_user_errors(sample_graph):
    with pytest.raises(UserError, match="no node named"):
        viz.view(sample_graph, focus="Nobody Of Nowhere")
    with pytest.raises(UserError, match="choose one"):
        viz.view(sample_graph, focus=COORD, chain=COORD)
    with pytest.raises(UserError, match="unknown node type"):
        viz.view(sample_graph, types=("Robot",))


def random_org(n_units: int, per_unit: int, seed: int = 0) -> OrgGraph:
    """Units nested in divisions, roles in units reporting to their unit head, heads to a division head."""
    rng = random.Random(seed)
    g = OrgGraph()
    ev = {"doc": "synthetic.txt", "section": "summary", "text": "synthetic", "start": 0, "end": 9, "rule": "t"}
    top = g.add_node("Role", "Superintendent", nid="role:top", described=True)
    for d in range(max(1, n_units // 10)):
        div = g.add_node("Unit", f"Division {d}", nid=f"unit:div{d}")
        dh = g.add_node("Role", f"Division head {d}", nid=f"role:dh{d}", described=True)
        g.add_edge(dh, div, "PART_OF", ev)
        g.add_edge(dh, top, "UNDER_DIRECTION_OF", ev)
    for u in range(n_units):
        g.add_node("Unit", f"Unit {u}", nid=f"unit:u{u}", aliases=[f"U{u}"])
    for u in range(n_units):
        d = u % max(1, n_units // 10)
        unit = f"unit:u{u}"
        g.add_edge(unit, f"unit:div{d}", "PART_OF", ev)
        head = g.add_node("Role", f"Head of unit {u}", nid=f"role:h{u}", described=True)
        g.add_edge(head, unit, "PART_OF", ev)
        g.add_edge(head, f"role:dh{d}", "UNDER_DIRECTION_OF", ev)
        for r in range(per_unit):
            rid = g.add_node("Role", f"Officer {u}.{r}", nid=f"role:o{u}-{r}", described=rng.random() < 0.7)
            g.add_edge(rid, unit, "PART_OF", ev)
            g.add_edge(head, rid, "SUPERVISES", ev)
            if rng.random() < 0.2:
                g.add_edge(rid, f"unit:u{rng.randrange(n_units)}", "COLLABORATES_WITH", ev)
    return g


def test_summary_collapses_units_and_says_so():
    g = random_org(40, 12)
    v = viz.view(g, threshold=200)
    assert v.summary and v.banner and "Summary" in v.banner and "--focus" in v.banner
    assert len(v.nodes) <= 200
    drawn = {n.id for n in v.nodes}
    # every node of the picture is either drawn or counted inside exactly one summary box
    assert sum(max(n.count, 1) for n in v.nodes) == sum(
        1 for _, d in g.g.nodes(data=True) if d["type"] in ("Role", "Unit", "Organization"))
    assert "unit:u3" in drawn and "role:o3-0" not in drawn
    assert v.hidden["Officer 3.0"] == "unit:u3"  # search still finds collapsed roles
    assert all(e.source in drawn and e.target in drawn for e in v.edges)


def test_no_summary_below_threshold_and_forced_summary():
    g = random_org(5, 3)
    assert not viz.view(g).summary
    assert viz.view(g, summary=True).summary
    assert not viz.view(g, threshold=10, summary=False).summary


def test_focus_on_a_big_graph_is_not_summarised():
    g = random_org(40, 12)
    v = viz.view(g, unit="U7", threshold=200)
    assert not v.summary and "role:o7-11" in {n.id for n in v.nodes}
