"""Each correction kind applied to an OrgGraph: remove (both statements), add, confirm, same, different, rename."""

from __future__ import annotations

import pytest

import orgkg
from orgkg.api import Graph
from orgkg.graph import OrgGraph
from orgkg.graph.correct import apply_corrections
from orgkg.graph.corrections import CorrectionError, parse_corrections, render_entry


def apply(g: OrgGraph, text: str):
    return apply_corrections(g, parse_corrections(text, "c.yaml"))


def ev(doc: str, text: str, start: int = 0) -> dict:
    return {"doc": doc, "section": "duties", "text": text, "start": start, "end": start + len(text), "rule": "r"}


@pytest.fixture
def finance() -> OrgGraph:
    """Resolution made "Director" an alias of "Director of Finance"; the analyst's page meant another director."""
    g = Graph()
    dof = g.add_node("Role", "Director of Finance", aliases=["Director"], described=True, documents=["dof.txt"])
    ana = g.add_node("Role", "Budget Analyst", described=True, documents=["analyst.txt"])
    acc = g.add_node("Role", "Accountant", described=True, documents=["accountant.txt"])
    cfo = g.add_node("Role", "Chief Financial Officer", described=False)
    g.add_edge(ana, dof, "UNDER_DIRECTION_OF", ev("analyst.txt", "Under the direction of the Director, prepares budgets."))
    g.add_edge(acc, dof, "UNDER_DIRECTION_OF", ev("accountant.txt", "Under the direction of the Director of Finance."))
    g.add_edge(dof, cfo, "UNDER_DIRECTION_OF", ev("dof.txt", "Reports to the Chief Financial Officer; the Director plans."))
    g.add_edge(cfo, dof, "SUPERVISES", ev("cfo-memo.txt", "The CFO supervises the Director of Finance."))
    return g


def test_remove_takes_out_the_statement_made_the_other_way_too(finance):
    r = apply(finance, '- remove: {type: UNDER_DIRECTION_OF, source: "director of finance", '
                       'target: "Chief Financial Officer"}\n  why: "reports to the treasurer"\n')
    assert not finance.g.has_edge("role:director-of-finance", "role:chief-financial-officer")
    assert not finance.g.has_edge("role:chief-financial-officer", "role:director-of-finance")
    assert [(x["source"], x["type"], x["where"]) for x in r.removed] == [
        ("Director of Finance", "UNDER_DIRECTION_OF", "c.yaml:1"), ("Chief Financial Officer", "SUPERVISES", "c.yaml:1")]
    assert finance.chain("Director of Finance")[1:] == []


def test_add_existing_edge_gets_correction_evidence_and_is_reviewed(finance):
    r = apply(finance, "- add: {type: UNDER_DIRECTION_OF, source: Accountant, target: Director of Finance}\n"
                       "  by: Auditor\n  when: 2026-01-02\n")
    d = finance.g.edges["role:accountant", "role:director-of-finance", "UNDER_DIRECTION_OF"]
    assert d["reviewed"] is True and len(d["evidence"]) == 2
    assert d["evidence"][1] | {} == {"doc": "c.yaml", "section": "correction", "start": 1, "end": 3,
                                     "text": "correction by Auditor (2026-01-02): no reason given",
                                     "rule": "correction", "by": "Auditor", "file": "c.yaml", "kind": "correction",
                                     "line": 1, "when": "2026-01-02", "why": None}
    assert r.applied == ["c.yaml:1: already stated; correction evidence added to Accountant -UNDER_DIRECTION_OF-> "
                         "Director of Finance"]


def test_confirm_marks_reviewed_and_a_missing_edge_is_stale(finance):
    r = apply(finance, "- confirm: {type: SUPERVISES, source: Director of Finance, target: CFO officer}\n"
                       "- confirm: {type: under direction of, source: Budget Analyst, target: Director}\n"
                       "- confirm: {type: COLLABORATES_WITH, source: Accountant, target: Budget Analyst}\n")
    assert finance.g.edges["role:budget-analyst", "role:director-of-finance", "UNDER_DIRECTION_OF"]["reviewed"]
    assert r.warnings[0].startswith("c.yaml:1: stale correction (confirm): no Role or Unit or Organization named "
                                  "'CFO officer' in the graph (did you mean: ")
    assert r.warnings[1] == ("c.yaml:3: stale correction (confirm): no COLLABORATES_WITH edge from 'Accountant' "
                             "to 'Budget Analyst' to confirm (nor stated the other way)")
    assert len(r.applied) == 1


def test_same_merges_keeps_names_and_repoints_edges(finance):
    g = finance
    g.add_node("Role", "CFO", described=False)
    g.add_edge("role:cfo", "role:director-of-finance", "SUPERVISES", ev("board.txt", "The CFO supervises the DoF."))
    g.add_edge("role:cfo", "role:chief-financial-officer", "COLLABORATES_WITH", ev("x.txt", "CFO works with the CFO."))
    r = apply(g, '- same: ["CFO", "Chief Financial Officer"]\n')
    assert "role:cfo" not in g and "CFO" in g.node("role:chief-financial-officer")["aliases"]
    sup = g.g.edges["role:chief-financial-officer", "role:director-of-finance", "SUPERVISES"]
    assert [e["doc"] for e in sup["evidence"]] == ["cfo-memo.txt", "board.txt"]  # merged, not duplicated
    assert not g.g.has_edge("role:chief-financial-officer", "role:chief-financial-officer")  # the loop is dropped
    assert g.resolve("CFO") == "role:chief-financial-officer"
    assert r.applied == ["c.yaml:1: merged 'CFO' into 'Chief Financial Officer' (2 edge(s) re-pointed)"]


def test_same_refuses_nodes_of_different_types(finance):
    finance.add_node("Unit", "Finance Office")
    r = apply(finance, "- same: [Finance Office, Accountant]\n")
    assert r.warnings == ["c.yaml:1: correction not applied (same): the names are nodes of different types "
                          "('Finance Office': Unit, 'Accountant': Role)"]
    assert "unit:finance-office" in finance and "role:accountant" in finance


def test_different_splits_the_name_resolution_merged(finance):
    g = finance
    assert g.resolve("Director") == "role:director-of-finance"
    r = apply(g, '- different: ["Director", "Director of Finance"]\n  why: "the analyst means the IT director"\n')
    assert r.warnings == [] and r.applied == [
        "c.yaml:1: split 'Director' off 'Director of Finance' (1 statement(s) use that name)"]
    assert g.resolve("Director") == "role:director"
    assert "Director" not in g.node("role:director-of-finance")["aliases"]
    # the analyst's sentence says "the Director": it moves; "the Director of Finance" and the node's own page stay
    assert [s.name for s in g.chain("Budget Analyst")[1:]] == ["Director"]
    assert [s.name for s in g.chain("Accountant")[1:]][0] == "Director of Finance"
    assert g.g.has_edge("role:director-of-finance", "role:chief-financial-officer")
    again = apply(g, '- different: ["Director", "Director of Finance"]\n')
    assert again.applied == ["c.yaml:1: already 2 separate nodes"]


def test_different_refuses_what_it_cannot_split(finance):
    finance.g.nodes["role:director-of-finance"]["aliases"] += ["DoF"]
    r = apply(finance, "- different: [Director, Chief Financial Officer]\n- different: [Director, DoF]\n")
    assert r.applied == ["c.yaml:1: already 2 separate nodes"]
    assert r.warnings == ["c.yaml:2: correction not applied (different): both are other names of "
                          "'Director of Finance'; rename it to one of them first"]
    with pytest.raises(CorrectionError, match=r"c.yaml:1: 'different' names the same name twice"):
        parse_corrections("- different: [Director of Finance, Directors of Finance]\n", "c.yaml")


def test_rename_keeps_the_old_name_as_alias_and_refuses_a_taken_name(finance):
    r = apply(finance, "- rename: {node: director, name: Finance Director}\n"
                       "- rename: {node: accountant, name: Budget Analyst}\n")
    d = finance.node("role:director-of-finance")
    assert d["name"] == "Finance Director" and "Director of Finance" in d["aliases"]
    assert finance.resolve("Director of Finance") == finance.resolve("Finance Director")
    assert r.warnings == ["c.yaml:2: correction not applied (rename): 'Budget Analyst' already names "
                          "'Budget Analyst'; merge them with `same` instead"]


def test_file_order_matters_remove_then_add_on_the_sample():
    g = orgkg.sample_graph()
    r = apply(g, "- add: {type: COLLABORATES_WITH, source: CSI, target: DSSEM}\n"
                 "- remove: {type: COLLABORATES_WITH, source: DSSEM, target: Chief of Strategic Initiatives}\n")
    assert r.warnings == [] and len(r.removed) == 1
    assert "Chief of Strategic Initiatives" not in [c.name for c in g.collaborators("DSSEM")]


@pytest.mark.parametrize("kind, args", [
    ("remove", {"type": "UNDER_DIRECTION_OF", "source": 'A "quoted" name', "target": "B: with colon"}),
    ("same", {"names": ["BRS", "Bus Route Supervisor", "bus route supervisors"]}),
    ("different", {"names": ["Director", "Director of Finance"]}),
    ("rename", {"node": "supervisor of safety", "name": "Supervisor, Safety, Security and Training"}),
])
def test_render_entry_parses_back(kind, args):
    text = "# a comment\n" + render_entry(kind, args, why="because: reasons", by="J. O'Analyst", when="2026-12-07")
    (c,) = parse_corrections(text, "c.yaml")
    assert (c.kind, c.args, c.why, c.by, c.when, c.line, c.end_line) == (
        kind, args, "because: reasons", "J. O'Analyst", "2026-12-07", 2, 5)


def test_corrected_graph_round_trips_through_rdf_and_conforms():
    from orgkg.commands.validate import validate_graph
    from orgkg.graph.rdf_read import parse
    from orgkg.graph.store import dumps
    from orgkg.ontology.rdf import serialize

    g = orgkg.sample_graph()
    r = apply(g, '- add: {type: COLLABORATES_WITH, source: CSI, target: "Lead Negotiator"}\n'
                 '  why: "they meet weekly"\n  by: "J. Analyst"\n  when: 2026-12-07\n'
                 "- confirm: {type: SUPERVISES, source: Chief District Operations, target: Lead Negotiator}\n")
    assert r.warnings == []
    text = serialize(g, "ttl")
    assert "prov:wasAttributedTo <https://orgkg.dev/id/agent/J.%20Analyst>" in text
    assert 'prov:generatedAtTime "2026-12-07T00:00:00"^^xsd:dateTime' in text
    assert 'rdfs:comment "they meet weekly"' in text
    assert dumps(parse(text, "ttl")) == dumps(g)  # evidence fields and `reviewed` come back exactly
    ok, violations = validate_graph(g)
    assert ok, violations


def test_different_with_three_names_splits_each_off(finance):
    g = finance
    g.g.nodes["role:director-of-finance"]["aliases"] += ["Controller"]
    g.add_edge("role:accountant", "role:director-of-finance", "COLLABORATES_WITH",
               ev("accountant.txt", "Works with the Controller on closing.", 40))
    r = apply(g, "- different: [Director of Finance, Director, Controller]\n")
    assert r.warnings == []
    assert {g.resolve(n) for n in ("Director of Finance", "Director", "Controller")} == {
        "role:director-of-finance", "role:director", "role:controller"}
    assert [c.name for c in g.collaborators("Controller")] == ["Accountant"]
