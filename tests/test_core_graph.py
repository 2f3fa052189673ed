"""Graph: entity resolution, evidence merging, chain/collaborators, save/load, determinism."""

from __future__ import annotations

import json

import pytest

import orgkg
from orgkg.errors import UserError
from orgkg.graph import canonical, node_id
from orgkg.loaders import extract_text

COORD = "Coordinator, Innovative and Progressive Systemwide Training"
DSSEM_ID = "unit:department-of-systemwide-safety-and-emergency-management"


def test_canonical_variants_share_an_id():
    assert canonical("the Superintendent of Schools") == canonical("superintendent of schools")
    assert node_id("Role", "principals") == node_id("Role", "the Principal")
    assert node_id("Role", "Chief of Staff") != node_id("Unit", "Chief of Staff")


def test_acronym_and_expansion_are_one_node(sample_graph):
    node = sample_graph.node(DSSEM_ID)
    assert node["type"] == "Unit" and "DSSEM" in node["aliases"]
    assert sample_graph.find("dssem")[0].id == DSSEM_ID
    assert sample_graph.find("the Department of Systemwide Safety and Emergency Management")[0].id == DSSEM_ID


def test_described_role_and_its_aliases(sample_graph):
    coord = sample_graph.node(sample_graph.resolve(COORD))
    assert coord["described"] is True and coord["code"] == "0435" and coord["grade"] == "N"
    cdo = sample_graph.node(sample_graph.resolve("chief of districtwide services and supports"))
    assert cdo["name"] == "Chief District Operations" and cdo["described"]
    stub = sample_graph.node(sample_graph.resolve("Chief of Teaching, Learning, and Schools"))
    assert stub["described"] is False


def test_chain_of_the_coordinator_has_evidence(sample_graph):
    steps = sample_graph.chain(COORD)
    assert steps[0].name == COORD
    assert steps[1].name == "Chief of Teaching, Learning, and Schools"
    assert steps[1].relation == "UNDER_DIRECTION_OF" and steps[1].distance == 1
    ev = steps[1].evidence[0]
    assert "Under the direction of the Chief of Teaching" in ev["text"]
    assert ev["doc"].startswith("0435")


def test_who_collaborates_with_dssem(sample_graph):
    names = {c.name for c in sample_graph.collaborators("DSSEM")}
    assert COORD in names


def test_collaborators_include_roles_located_in_the_unit():
    text_a = ("OFFICIAL TITLE: Analyst CODE: 1 SQ/OQ: n\nWORKING TITLE: Data Analyst GRADE: A MONTHS: 12\n"
              "SUMMARY DESCRIPTION OF CLASSIFICATION: Works collaboratively with the supervisor of audits in the "
              "Office of Internal Audit (OIA).\n")
    text_b = ("OFFICIAL TITLE: Clerk CODE: 2 SQ/OQ: n\nWORKING TITLE: Records Clerk GRADE: B MONTHS: 12\n"
              "SUMMARY DESCRIPTION OF CLASSIFICATION: Collaborates with the OIA.\n")
    g = orgkg.Graph(orgkg.graph.build([extract_text(text_a, "a.txt"), extract_text(text_b, "b.txt")]).g)
    found = {c.name: c for c in g.collaborators("Office of Internal Audit")}
    assert {"Data Analyst", "Records Clerk"} <= set(found)
    assert found["Data Analyst"].via == node_id("Role", "supervisor of audits")


def test_same_relation_twice_is_one_edge_with_two_evidences():
    head = "OFFICIAL TITLE: Analyst CODE: 1 SQ/OQ: n\nWORKING TITLE: Data Analyst GRADE: A MONTHS: 12\n"
    text = head + ("SUMMARY DESCRIPTION OF CLASSIFICATION: Under the direction of the Chief of Staff, analyses data. "
                   "Collaborates with the Budget Office.\nEXAMPLES OF DUTIES AND RESPONSIBILITIES:\n"
                   "Collaborates with the budget office on forecasts.\n")
    g = orgkg.Graph(orgkg.graph.build([extract_text(text, "a.txt")]).g)
    edges = [e for e in g.edges("COLLABORATES_WITH")]
    assert len(edges) == 1 and len(edges[0]["evidence"]) == 2


def test_multi_parent_reporting_is_kept():
    text = ("OFFICIAL TITLE: Teacher CODE: 3 SQ/OQ: n\nWORKING TITLE: Resource Teacher GRADE: A MONTHS: 10\n"
            "SUMMARY DESCRIPTION OF CLASSIFICATION: Under the direction of the principal and special education "
            "supervisor, teaches.\n")
    g = orgkg.Graph(orgkg.graph.build([extract_text(text, "t.txt")]).g)
    above = {s.name for s in g.chain("Resource Teacher")[1:]}
    assert above == {"principal", "special education supervisor"}


def test_unknown_name_gets_suggestions(sample_graph):
    with pytest.raises(LookupError, match="did you mean"):
        sample_graph.resolve("Chief of Teachin")


def test_save_load_round_trip_and_graphml(tmp_path, sample_graph):
    path = tmp_path / "org.json"
    sample_graph.save(path)
    back = orgkg.Graph.load(path)
    assert json.loads(path.read_text())["version"] == 1
    assert sorted(back.g.nodes(data=True)) == sorted(sample_graph.g.nodes(data=True))
    assert sorted(back.g.edges(keys=True, data=True)) == sorted(sample_graph.g.edges(keys=True, data=True))
    sample_graph.to_graphml(tmp_path / "org.graphml")
    assert "<graphml" in (tmp_path / "org.graphml").read_text()


def test_two_builds_write_identical_files(tmp_path):
    orgkg.sample_graph().save(tmp_path / "a.json")
    orgkg.sample_graph().save(tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_merging_two_builds_is_a_union():
    paths = orgkg.sample_paths()
    whole = orgkg.build(paths)
    part = orgkg.build(paths[:2])
    assert set(part.g.nodes) <= set(whole.g.nodes)
    assert set(part.g.edges(keys=True)) <= set(whole.g.edges(keys=True))


def test_load_rejects_bad_files(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "orgkg-graph", "version": 1, "nodes": [')
    with pytest.raises(UserError, match="corrupt or truncated"):
        orgkg.load(bad)
    bad.write_text(json.dumps({"format": "orgkg-graph", "version": 99, "nodes": [], "edges": []}))
    with pytest.raises(UserError, match="newer"):
        orgkg.load(bad)
    bad.write_text("{}")
    with pytest.raises(UserError, match="not an orgkg graph"):
        orgkg.load(bad)
