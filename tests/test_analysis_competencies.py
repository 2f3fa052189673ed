"""Competency analyses on a hand-built graph with known answers, the duplicate finder against brute force, and the sample."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from orgkg.analysis import (
    competencies_of,
    duplicates,
    roles_per_competency,
    roles_requiring,
    shared,
    similar_roles,
    unique,
    unit_requirements,
    unit_roles,
)
from orgkg.analysis.competencies import jaccard, tokens
from orgkg.graph import OrgGraph


def ev(doc: str, text: str) -> dict:
    return {"doc": doc, "section": "qualifications", "text": text, "start": 0, "end": len(text), "rule": "test"}


def graph() -> OrgGraph:
    """R1 {a,b,c}, R2 {a,b}, R3 {c,d}, R4 {x}; R1 in Unit U, R3 in sub-unit V of U, R2 reports to R1."""
    g = OrgGraph()
    comps = {k: g.add_node("Competency", f"competency {k}", nid=f"competency:{k}", kind="skill", key=f"competency {k}")
             for k in "abcdx"}
    needs = {"R1": "abc", "R2": "ab", "R3": "cd", "R4": "x"}
    ids = {}
    for r, ks in needs.items():
        ids[r] = g.add_node("Role", r, described=True, documents=[f"{r}.txt"])
        for k in ks:
            g.add_edge(ids[r], comps[k], "REQUIRES", ev(f"{r}.txt", f"Skill in {k}."))
    u, v = g.add_node("Unit", "U"), g.add_node("Unit", "V")
    g.add_edge(v, u, "PART_OF", ev("R3.txt", "V is in U."))
    g.add_edge(ids["R1"], u, "PART_OF", ev("R1.txt", "R1 is in U."))
    g.add_edge(ids["R3"], v, "PART_OF", ev("R3.txt", "R3 is in V."))
    g.add_edge(ids["R2"], ids["R1"], "UNDER_DIRECTION_OF", ev("R2.txt", "Under R1."))
    return g


def test_per_role_and_per_competency():
    g = graph()
    assert [r.id for r in competencies_of(g, "R1")] == ["competency:a", "competency:b", "competency:c"]
    assert competencies_of(g, "R1")[0].evidence[0]["doc"] == "R1.txt"
    assert roles_requiring(g, "competency c") == ["role:r1", "role:r3"]
    per = dict(roles_per_competency(g))
    assert per["competency:a"] == ["role:r1", "role:r2"] and per["competency:x"] == ["role:r4"]
    assert [len(r) for _, r in roles_per_competency(g)] == sorted((len(r) for r in per.values()), reverse=True)


def test_shared_and_unique():
    g = graph()
    assert [r.id for r in shared(g, "R1", "R2")] == ["competency:a", "competency:b"]
    assert shared(g, "R2", "R3") == []
    u = unique(g)
    assert {r: [q.id for q in qs] for r, qs in u.items()} == {"role:r3": ["competency:d"], "role:r4": ["competency:x"]}


def test_unit_totals_are_transitive():
    g = graph()
    assert unit_roles(g, "U") == ["role:r1", "role:r3"]
    total = {r.id: r.roles for r in unit_requirements(g, "U")}
    assert set(total) == {"competency:a", "competency:b", "competency:c", "competency:d"}
    assert total["competency:c"] == ["role:r1", "role:r3"]
    assert unit_requirements(g, "U")[0].id == "competency:c"  # most shared first
    assert "role:r2" in unit_roles(g, "U", include_reporting=True)
    assert unit_requirements(g, "V")[0].roles == ["role:r3"]


def test_similar_roles_ranked_by_jaccard():
    g = graph()
    pairs = similar_roles(g, top=None)
    assert [(p.a, p.b, p.score) for p in pairs] == [("role:r1", "role:r2", round(2 / 3, 4)),
                                                  ("role:r1", "role:r3", 0.25)]
    mine = similar_roles(g, "R3")
    assert [(p.a, p.b) for p in mine] == [("role:r3", "role:r1")]  # the asked-about role first
    assert pairs[0].shared == ["competency:a", "competency:b"]


def test_near_duplicates_reported_as_could_not_merge():
    g = OrgGraph()
    a = g.add_node("Competency", "oral and written communication skills", kind="skill",
                   key="oral written communication skill")
    b = g.add_node("Competency", "written and oral communication skill", kind="skill",
                   key="written oral communication skills")
    g.add_node("Competency", "budget management", kind="skill", key="budget management")
    g.add_node("Competency", "budget planning", kind="skill", key="budget planning")
    found = duplicates(g)
    assert [(d.a, d.b, d.status) for d in found] == [(min(a, b), max(a, b), "could not merge")]
    assert found[0].score == 1.0
    assert len(duplicates(g, threshold=0.3)) == 2


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sets(st.sampled_from(list("abcdefgh")), min_size=1, max_size=6), min_size=2, max_size=12),
       st.sampled_from([0.5, 0.6, 0.8, 1.0]))
def test_prefix_filter_equals_brute_force(token_sets, threshold):
    g = OrgGraph()
    names = []
    for i, ts in enumerate(token_sets):
        name = " ".join(f"w{t}{t}{t}" for t in sorted(ts))
        names.append((g.add_node("Competency", name, nid=f"competency:{i}", kind="skill", key=name), name))
    expected = {tuple(sorted((x, y))) for i, (x, nx_) in enumerate(names) for y, ny in names[i + 1:]
                if jaccard(tokens(nx_), tokens(ny)) >= threshold}
    assert {(d.a, d.b) for d in duplicates(g, threshold)} == expected


def test_sample_invariants(sample_graph):
    req = [(e["source"], e["target"]) for e in sample_graph.edges("REQUIRES")]
    per = dict(roles_per_competency(sample_graph))
    assert sum(len(r) for r in per.values()) == len(set(req))
    pairs = similar_roles(sample_graph, top=None)
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    assert all(0 < p.score <= 1 and p.shared for p in pairs)
    for d in duplicates(sample_graph):
        assert d.a != d.b and d.score >= 0.8
    coord = "role:coordinator-innovative-and-progressive-systemwide-training"
    assert competencies_of(sample_graph, coord)
