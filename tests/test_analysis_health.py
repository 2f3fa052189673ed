"""Org health checks on hand-built graphs with known answers, and on the sample data."""

from __future__ import annotations

import json
from datetime import date

import networkx as nx
import pytest

import orgkg
from orgkg.analysis import (
    SECTIONS,
    conflicts,
    cycles,
    depths,
    gaps,
    health,
    layers,
    multiple_supervisors,
    old,
    one_sided,
    parse_date,
    reporting_digraph,
    spans,
    truncated,
    unsupervised,
)
from orgkg.graph import OrgGraph
from orgkg.graph.traverse import span_of_control

TODAY = date(2026, 1, 1)


def ev(doc: str, text: str, start: int = 0) -> dict:
    return {"doc": doc, "section": "summary", "text": text, "start": start, "end": start + len(text), "rule": "test"}


def role(g: OrgGraph, name: str, doc: str | None = None, **props) -> str:
    """A described role (with its document) when `doc` is given, else a stub."""
    if doc is None:
        return g.add_node("Role", name, described=False)
    nid = g.add_node("Role", name, described=True, documents=[doc], **props)
    d = g.add_node("Document", doc, nid=f"document:{doc}", path=None, truncated=False, missing=[])
    g.add_edge(nid, d, "DESCRIBED_IN")
    return nid


def test_cycle_of_three_found_with_each_hop_evidence():
    g = OrgGraph()
    a, b, c = role(g, "A", "a.txt"), role(g, "B", "b.txt"), role(g, "C", "c.txt")
    d = role(g, "D", "d.txt")
    g.add_edge(a, b, "UNDER_DIRECTION_OF", ev("a.txt", "A works under the direction of B."))
    g.add_edge(b, c, "UNDER_DIRECTION_OF", ev("b.txt", "B works under the direction of C."))
    g.add_edge(a, c, "SUPERVISES", ev("a.txt", "A supervises C.", 40))  # puts C under A, stated from above
    g.add_edge(d, a, "UNDER_DIRECTION_OF", ev("d.txt", "D under A."))
    found = cycles(g)
    assert len(found) == 1
    assert set(found[0].data["nodes"]) == {a, b, c}
    assert len(found[0].evidence) == 3
    assert {e["doc"] for e in found[0].evidence} == {"a.txt", "b.txt"}


def test_no_cycle_in_a_tree():
    g = OrgGraph()
    a, b, c = role(g, "A", "a.txt"), role(g, "B"), role(g, "C")
    g.add_edge(a, b, "UNDER_DIRECTION_OF", ev("a.txt", "A under B."))
    g.add_edge(b, c, "UNDER_DIRECTION_OF", ev("a.txt", "B under C."))
    assert cycles(g) == []


def test_double_supervisor_from_both_directions_of_statement():
    g = OrgGraph()
    x, p1, p2 = role(g, "X", "x.txt"), role(g, "P1"), role(g, "P2", "p2.txt")
    single = role(g, "Y", "y.txt")
    g.add_edge(x, p1, "UNDER_DIRECTION_OF", ev("x.txt", "Under the direction of P1."))
    g.add_edge(p2, x, "SUPERVISES", ev("p2.txt", "P2 supervises X."))
    g.add_edge(single, p1, "UNDER_DIRECTION_OF", ev("y.txt", "Under P1."))
    g.add_edge(p1, single, "SUPERVISES", ev("y.txt", "P1 supervises Y."))  # same supervisor twice: still one
    found = multiple_supervisors(g)
    assert [f.subject for f in found] == [x]
    assert found[0].data["supervisors"] == sorted([p1, p2])
    assert {e["doc"] for e in found[0].evidence} == {"x.txt", "p2.txt"}


def test_unsupervised_roles_exclude_the_top_and_stubs():
    g = OrgGraph()
    top = role(g, "Superintendent of Schools", "sup.txt")
    a, lone = role(g, "A", "a.txt"), role(g, "Lone Coordinator", "lone.txt")
    stub = role(g, "Some Stub")
    g.add_edge(a, top, "UNDER_DIRECTION_OF", ev("a.txt", "A under the superintendent."))
    g.add_edge(stub, a, "UNDER_DIRECTION_OF", ev("a.txt", "stub under A."))
    assert [f.subject for f in unsupervised(g)] == [lone]
    assert [f.subject for f in unsupervised(g, top_names=["Lone Coordinator"])] == [top]
    with_stubs = unsupervised(g, include_stubs=True)
    assert lone in [f.subject for f in with_stubs] and stub not in [f.subject for f in with_stubs]


def test_stubs_and_units_ranked_by_dependants():
    g = OrgGraph()
    big, small = role(g, "Big Boss"), role(g, "Small Boss")
    r1, r2, r3 = role(g, "R1", "r1.txt"), role(g, "R2", "r2.txt"), role(g, "R3", "r3.txt")
    unit = g.add_node("Unit", "Office of Things")
    g.add_edge(r1, big, "UNDER_DIRECTION_OF", ev("r1.txt", "R1 under Big Boss."))
    g.add_edge(r2, r1, "UNDER_DIRECTION_OF", ev("r2.txt", "R2 under R1."))  # depends on Big Boss through R1
    g.add_edge(r3, small, "UNDER_DIRECTION_OF", ev("r3.txt", "R3 under Small Boss."))
    g.add_edge(r1, unit, "PART_OF", ev("r1.txt", "R1 is in the Office of Things."))
    g.add_edge(r2, unit, "PART_OF", ev("r2.txt", "R2 is in the Office of Things."))
    g.add_edge(r3, unit, "PART_OF", ev("r3.txt", "R3 is in the Office of Things."))
    found = gaps(g)
    assert [f.subject for f in found] == [unit, big, small]
    assert [f.data["dependant_count"] for f in found] == [3, 2, 1]
    assert found[1].data["dependants"] == sorted([r1, r2])
    assert all(f.evidence for f in found)
    assert r1 not in {f.subject for f in found}  # described roles are not gaps


def test_conflicting_placement_between_documents():
    g = OrgGraph()
    a, b, c = role(g, "A", "a.txt"), role(g, "B"), role(g, "C", "c.txt")
    g.add_edge(a, b, "UNDER_DIRECTION_OF", ev("a.txt", "A works under the direction of B."))
    g.add_edge(c, a, "SUPERVISES", ev("c.txt", "C supervises A."))
    found = conflicts(g)
    assert len(found) == 1
    f = found[0]
    assert f.subject == a and f.data["kind"] == "placement"
    assert [cl["parent"] for cl in f.data["claims"]] == [b, c]
    assert "its own description" in f.message
    assert [e["doc"] for e in f.evidence] == ["a.txt", "c.txt"]


def test_documents_that_agree_or_add_are_not_conflicts():
    g = OrgGraph()
    a, b, c = role(g, "A", "a.txt"), role(g, "B", "b.txt"), role(g, "C")
    g.add_edge(a, b, "UNDER_DIRECTION_OF", ev("a.txt", "A under B."))
    g.add_edge(a, c, "UNDER_DIRECTION_OF", ev("a.txt", "A under C."))
    g.add_edge(b, a, "SUPERVISES", ev("b.txt", "B supervises A."))  # b.txt agrees on B and adds nothing else
    assert conflicts(g) == []


def test_reversed_claims_are_conflicts_and_cycles():
    g = OrgGraph()
    a, b = role(g, "A", "a.txt"), role(g, "B", "b.txt")
    g.add_edge(a, b, "UNDER_DIRECTION_OF", ev("a.txt", "A under B."))
    g.add_edge(b, a, "UNDER_DIRECTION_OF", ev("b.txt", "B under A."))
    kinds = [f.data["kind"] for f in conflicts(g)]
    assert "reversed" in kinds
    assert len(cycles(g)) == 1


def test_one_sided_collaboration():
    g = OrgGraph()
    a, b, c = role(g, "A", "a.txt"), role(g, "B", "b.txt"), role(g, "C", "c.txt")
    stub = role(g, "Stub")
    g.add_edge(a, b, "COLLABORATES_WITH", ev("a.txt", "A collaborates with B."))
    g.add_edge(a, c, "COLLABORATES_WITH", ev("a.txt", "A collaborates with C."))
    g.add_edge(c, a, "COLLABORATES_WITH", ev("c.txt", "C works with A."))  # mutual
    g.add_edge(a, stub, "COLLABORATES_WITH", ev("a.txt", "A collaborates with Stub."))  # stub has no doc to ask
    found = one_sided(g)
    assert [(f.subject, f.data["other"]) for f in found] == [(a, b)]
    assert found[0].evidence[0]["doc"] == "a.txt"
    g.add_edge(b, a, "SUPERVISES", ev("b.txt", "B supervises A."))  # now B's document mentions A
    assert one_sided(g) == []


def test_old_descriptions_relative_to_today_and_configurable():
    g = OrgGraph()
    stale = role(g, "Stale", "stale.txt", established="7/2017", revised=None)
    role(g, "Revised", "rev.txt", established="1/2010", revised="5/2024")
    role(g, "Undated", "und.txt")
    found = old(g, max_age_years=5, today=TODAY)
    assert [f.subject for f in found] == [stale]
    assert found[0].data["age_years"] == pytest.approx(8.5, abs=0.1)
    assert found[0].evidence[0]["doc"] == "stale.txt"
    assert old(g, max_age_years=10, today=TODAY) == []
    assert {f.name for f in old(g, max_age_years=1, today=TODAY)} == {"Stale", "Revised"}


def test_truncated_and_incomplete_documents():
    g = OrgGraph()
    role(g, "Fine", "fine.txt")
    g.add_node("Document", "cut.txt", nid="document:cut.txt", truncated=True, missing=["duties"])
    g.add_node("Document", "thin.txt", nid="document:thin.txt", truncated=False, missing=["qualifications"])
    found = truncated(g)
    assert [f.name for f in found] == ["cut.txt", "thin.txt"]
    assert found[0].data["missing"] == ["duties"] and found[0].evidence[0]["doc"] == "cut.txt"


@pytest.mark.parametrize("text,expected", [
    ("7/2017", date(2017, 7, 1)), ("07/15/2019", date(2019, 7, 15)), ("2020-03", date(2020, 3, 1)),
    ("July 2016", date(2016, 7, 1)), ("Revised 2015", date(2015, 1, 1)), ("", None), ("soon", None), ("13/2020", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_spans_depths_and_layers():
    g = OrgGraph()
    unit = g.add_node("Unit", "Division of Examples")
    top, mid = role(g, "Top"), role(g, "Mid", "mid.txt")
    low = [role(g, f"Low {i}", f"low{i}.txt") for i in range(3)]
    g.add_edge(mid, top, "UNDER_DIRECTION_OF", ev("mid.txt", "Mid under Top."))
    for i, r in enumerate(low):
        g.add_edge(mid, r, "SUPERVISES", ev("mid.txt", f"Mid supervises Low {i}.", 10 * i))
        g.add_edge(r, unit, "PART_OF", ev(f"low{i}.txt", "in the division"))
    g.add_edge(mid, unit, "PART_OF", ev("mid.txt", "in the division"))
    sp = spans(g)
    assert (sp[0].subject, sp[0].data["span"]) == (mid, 3)
    assert [(f.subject, f.data["span"]) for f in sp] == span_of_control(g)
    dp = depths(g)
    assert dp[0].data["depth"] == 2 and dp[0].data["path"][-2:] == [mid, top]
    assert len(dp[0].evidence) == 2
    ly = layers(g)
    assert [(f.subject, f.data["layers"], len(f.data["roles"])) for f in ly] == [(unit, 2, 4)]


# ---- the sample data -------------------------------------------------------------------------------------------

def test_sample_report_invariants(sample_graph):
    r = health(sample_graph, today=TODAY)
    dg = reporting_digraph(sample_graph)
    for f in r.cycles:
        nodes = f.data["nodes"]
        assert all(dg.has_edge(u, v) for u, v in zip(nodes, nodes[1:] + nodes[:1]))
    assert len(r.cycles) == min(100, sum(1 for _ in nx.simple_cycles(dg, length_bound=12)))
    for key in ("cycles", "multiple_supervisors", "conflicts", "one_sided", "gaps", "old", "truncated", "depths"):
        for f in getattr(r, key):
            assert f.evidence and all(e.get("doc") for e in f.evidence), (key, f)
    assert [(f.subject, f.data["span"]) for f in r.spans] == span_of_control(sample_graph)
    gap_ids = [f.subject for f in r.gaps]
    assert "unit:department-of-systemwide-safety-and-emergency-management" in gap_ids
    counts = [f.data["dependant_count"] for f in r.gaps]
    assert counts == sorted(counts, reverse=True)
    coord = next(f for f in r.depths if f.subject == "role:coordinator-innovative-and-progressive-systemwide-training")
    assert "Chief of Teaching, Learning, and Schools" in coord.message
    described = {n["id"] for n in sample_graph.nodes("Role") if n.get("described")}
    assert {f.subject for f in r.unsupervised} <= described
    data = json.loads(json.dumps(r.to_dict(), default=str))
    assert set(data["sections"]) == set(SECTIONS)
    md = r.to_markdown()
    assert all(title in md for title in SECTIONS.values())


def test_corpus_smoke(shared_dir):
    corpus = shared_dir / "corpus"
    if not corpus.is_dir():
        pytest.skip("no corpus")
    g = orgkg.build([corpus])
    r = health(g, today=TODAY)
    assert r.summary["described_roles"] > 0
    assert all(f.data["dependant_count"] >= 0 for f in r.gaps)
    assert [(f.subject, f.data["span"]) for f in r.spans] == span_of_control(g)
    for f in r.one_sided:
        assert f.data["other_documents"] and f.evidence[0]["doc"] not in f.data["other_documents"]
