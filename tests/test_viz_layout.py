"""Levels and positions on hand-built graphs: multi-parent reporting, SUPERVISES, cycles, loose nodes."""

from __future__ import annotations

import pytest

from orgkg import viz
from orgkg.graph import OrgGraph
from orgkg.graph.traverse import parents
from orgkg.viz.layout import compute_layout


def _ev(text: str) -> dict:
    return {"doc": "hand.txt", "section": "summary", "text": text, "start": 0, "end": len(text), "rule": "test"}


@pytest.fixture
def org() -> OrgGraph:
    g = OrgGraph()
    for name in ("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Sierra", "Xray", "Yankee", "Zulu"):
        g.add_node("Role", name, nid=f"role:{name.lower()}", described=True)
    g.add_node("Unit", "Loose Unit", nid="unit:loose")
    g.add_node("Unit", "Holding Unit", nid="unit:holding")
    g.add_node("Role", "Clerk", nid="role:clerk", described=False)
    udo, sup = "UNDER_DIRECTION_OF", "SUPERVISES"
    g.add_edge("role:bravo", "role:alpha", udo, _ev("Bravo works under the direction of Alpha."))
    g.add_edge("role:alpha", "role:charlie", sup, _ev("Alpha supervises Charlie."))
    g.add_edge("role:delta", "role:bravo", udo, _ev("Delta under direction of Bravo."))
    g.add_edge("role:delta", "role:charlie", udo, _ev("Delta under direction of Charlie."))  # second supervisor
    g.add_edge("role:echo", "role:delta", udo, _ev("Echo under direction of Delta."))
    g.add_edge("role:sierra", "role:echo", sup, _ev("Sierra supervises Echo."))  # a stub-like extra boss
    g.add_edge("role:xray", "role:yankee", udo, _ev("Xray under Yankee."))
    g.add_edge("role:yankee", "role:xray", udo, _ev("Yankee under Xray."))  # contradiction: a cycle
    g.add_edge("role:zulu", "role:xray", udo, _ev("Zulu under Xray."))
    g.add_edge("role:clerk", "unit:holding", "PART_OF", _ev("The clerk works in the Holding Unit."))
    g.add_edge("role:alpha", "unit:loose", "COLLABORATES_WITH", _ev("Alpha collaborates with the Loose Unit."))
    return g


def test_levels_follow_reporting_both_directions(org):
    v = viz.view(org)
    lv = {n.id: n.level for n in v.nodes}
    assert lv["role:alpha"] == 0
    assert lv["role:bravo"] == lv["role:charlie"] == 1  # UNDER_DIRECTION_OF and SUPERVISES both put Alpha above
    assert lv["role:delta"] == 2
    assert lv["role:echo"] == 3
    assert lv["role:sierra"] == 2  # a root is pulled down to just above its report


def test_multi_parent_node_is_marked_and_second_line_is_secondary(org):
    v = viz.view(org)
    delta = v.node("role:delta")
    assert delta.multi_parent and set(delta.parents) == {"role:bravo", "role:charlie"}
    lines = {e.id: e for e in v.edges if e.source == "role:delta"}
    assert sorted(e.primary for e in lines.values()) == [False, True]
    assert lines["role:delta|UNDER_DIRECTION_OF|role:bravo"].primary  # nearest-then-alphabetical is primary


def test_cycle_shares_a_level_and_is_flagged(org):
    lay = compute_layout(list(org.g), [(p, c) for c in org.g for p, _, _ in parents(org, c)])
    assert lay.level["role:xray"] == lay.level["role:yankee"]
    assert lay.level["role:zulu"] == lay.level["role:xray"] + 1
    assert lay.cyclic == {"role:xray", "role:yankee"}
    assert "cycle" in viz.view(org).node("role:xray").title


def test_part_of_places_unit_above_members_without_supervisor(org):
    v = viz.view(org)
    assert v.node("unit:holding").level + 1 == v.node("role:clerk").level


def test_positions_are_distinct_and_top_down(org):
    v = viz.view(org)
    spots = [(n.x, n.y) for n in v.nodes]
    assert len(set(spots)) == len(spots)
    by = {n.id: n for n in v.nodes}
    for e in v.edges:
        if {e.source, e.target} <= {"role:xray", "role:yankee"}:
            continue  # the cycle is drawn side by side
        if e.type == "UNDER_DIRECTION_OF":
            assert by[e.target].y < by[e.source].y
        if e.type == "SUPERVISES":
            assert by[e.source].y < by[e.target].y


def test_loose_nodes_go_in_a_band_below_the_hierarchy(org):
    v = viz.view(org)
    loose = v.node("unit:loose")
    assert loose.y > max(n.y for n in v.nodes if n.id != "unit:loose" and n.id.startswith("role:"))


def test_deep_chain_does_not_recurse(tmp_path):
    n = 3000
    lay = compute_layout([f"n{i}" for i in range(n)], [(f"n{i}", f"n{i + 1}") for i in range(n - 1)])
    assert lay.level["n2999"] == 2999 and lay.pos["n0"][0] == lay.pos["n2999"][0]
