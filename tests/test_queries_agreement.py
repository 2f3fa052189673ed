"""Every canned query gives exactly the same rows in networkx, Cypher (embedded FalkorDB) and SPARQL."""

from __future__ import annotations

import importlib.util
import random

import pytest

from orgkg.graph import OrgGraph
from orgkg.queries.canned import CANNED, NotFound, ask
from orgkg.queries.cypher import embedded

LANGS = ["cypher"] + (["sparql"] if importlib.util.find_spec("orgkg.queries.canned_sparql") else [])
COORDINATOR = "role:coordinator-innovative-and-progressive-systemwide-training"
DSSEM = "unit:department-of-systemwide-safety-and-emergency-management"


def cases(g: OrgGraph, k: int, seed: int = 7) -> list[tuple]:
    """(name, *ids) for every canned query: k samples each, plus nodes with many edges."""
    rng = random.Random(seed)
    ids = sorted(g.g.nodes)
    by = {t: [n for n in ids if g.g.nodes[n]["type"] == t] for t in ("Role", "Unit", "Organization", "Competency")}
    busy = sorted(ids, key=lambda n: (-g.g.degree(n), n))[:k]
    roles = by["Role"]
    ent = roles + by["Unit"]
    pick = lambda pool, n: rng.sample(pool, min(n, len(pool)))  # noqa: E731
    out = []
    for r in pick(ent, k) + [b for b in busy if b in set(ent)][:3]:
        out += [("chain", r), ("subtree", r)]
    for x in pick(ent + by["Organization"], k) + busy[:3]:
        if g.g.nodes[x]["type"] in ("Role", "Unit", "Organization"):
            out.append(("collaborators", x))
    out += [("span", 1), ("span", 10), ("span", 10_000)]
    out += [("requires", c) for c in pick(by["Competency"], k)]
    out += [("shared-competencies", *pick(roles, 2)) for _ in range(k)] + [("shared-competencies", roles[0], roles[0])]
    out += [("path", *pick(ent, 2)) for _ in range(k)] + [("path", roles[0], roles[0])]
    return out


def check(g: OrgGraph, k: int) -> int:
    seen = set()
    for name, *args in cases(g, k):
        want = ask(g, name, *args)
        for lang in LANGS:
            got = ask(g, name, *args, lang=lang)
            assert got == want, f"{lang} differs from networkx for {name} {args}"
        seen.add(name)
    assert seen == set(CANNED), f"canned queries not exercised: {set(CANNED) - seen}"
    return len(seen)


def test_agreement_on_sample(sample_graph):
    check(sample_graph, 8)


def test_who_collaborates_with_dssem(sample_graph):
    for lang in ["networkx"] + LANGS:
        rows = ask(sample_graph, "collaborators", "DSSEM", lang=lang)
        assert COORDINATOR in [r[0] for r in rows], lang
        assert DSSEM not in [r[0] for r in rows]


def test_chain_of_coordinator_has_distances(sample_graph):
    for lang in ["networkx"] + LANGS:
        rows = ask(sample_graph, "chain", "Coordinator, Innovative and Progressive Systemwide Training", lang=lang)
        assert rows and rows[0][2] == 1 and "Chief of Teaching" in rows[0][1]


@pytest.fixture(scope="module")
def synth():
    synth_graph = pytest.importorskip("orgkg.synth.graph").synth_graph
    return synth_graph(2500, seed=3)


def test_agreement_on_synthetic_org(synth):
    assert sum(1 for _ in synth.nodes("Role")) >= 2000
    check(synth, 12)


def _hand_graph() -> OrgGraph:
    """Multi-parent, a reporting cycle, mixed UNDER_DIRECTION_OF / SUPERVISES, nested units, a self-loop."""
    g = OrgGraph()
    for r in "abcdefg":
        g.add_node("Role", f"Role {r.upper()}", f"role:{r}")
    for u in ("u1", "u2"):
        g.add_node("Unit", f"Unit {u}", f"unit:{u}")
    g.add_node("Competency", "Cypher", "competency:cypher", kind="skill")
    for a, b in [("b", "a"), ("c", "b"), ("d", "b"), ("d", "c"), ("g", "f"), ("f", "g")]:
        g.add_edge(f"role:{a}", f"role:{b}", "UNDER_DIRECTION_OF")
    for a, b in [("a", "e"), ("c", "e"), ("e", "e")]:
        g.add_edge(f"role:{a}", f"role:{b}", "SUPERVISES")
    g.add_edge("unit:u2", "unit:u1", "PART_OF")
    g.add_edge("role:e", "unit:u2", "PART_OF")
    g.add_edge("role:g", "role:e", "COLLABORATES_WITH")
    g.add_edge("unit:u1", "role:a", "COLLABORATES_WITH")
    for r in "ace":
        g.add_edge(f"role:{r}", "competency:cypher", "REQUIRES")
    return g


def test_agreement_on_hand_built_edge_cases():
    g = _hand_graph()
    assert ask(g, "chain", "role:d") == [("role:b", "Role B", 1), ("role:c", "Role C", 1), ("role:a", "Role A", 2)]
    assert ask(g, "subtree", "role:a")[0] == ("role:b", "Role B", 1)
    assert ask(g, "collaborators", "unit:u1") == [("role:a", "Role A"), ("role:g", "Role G")]
    assert ask(g, "span", 1) == [("role:b", "Role B", 2)] or ask(g, "span", 1)[0][2] >= 2
    assert ask(g, "path", "role:d", "role:g") == ask(g, "path", "role:d", "role:g", lang="cypher")
    for name, *args in cases(g, 6) + [("path", "role:a", "role:g"), ("subtree", "role:e"), ("chain", "role:f")]:
        for lang in LANGS:
            assert ask(g, name, *args, lang=lang) == ask(g, name, *args), (lang, name, args)


def test_unknown_names_are_not_found(sample_graph):
    with pytest.raises(NotFound, match="did you mean"):
        ask(sample_graph, "chian", "x")
    with pytest.raises(NotFound, match="not found"):
        ask(sample_graph, "chain", "Nobody Whatsoever Xyzzy", lang="cypher")


def test_embedded_backend_is_reused_for_the_same_graph(sample_graph):
    assert embedded(sample_graph) is embedded(sample_graph)
