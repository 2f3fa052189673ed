"""Lean query stores (evidence=False) and the CREATE bulk loader give the same graph as the full paths."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from orgkg.ontology.ntriples import ntriples
from orgkg.ontology.rdf import EVIDENCE, STATEMENT, triples
from orgkg.queries import cypher_load
from orgkg.queries import falkordb_embedded as fe
from orgkg.queries.canned import CANNED, ask, run_cypher, run_networkx
from orgkg.queries.canned_sparql import run_sparql
from orgkg.queries.cypher import EmbeddedBackend, FalkorBackend
from orgkg.queries.sparql import build_store, store_for

NODES = "MATCH (n:Node) RETURN n ORDER BY n.id"
EDGES = "MATCH (a:Node)-[e]->(b:Node) RETURN a.id, type(e), b.id, e ORDER BY a.id, type(e), b.id"


def _ids(g, t):
    return sorted(n for n, d in g.g.nodes(data=True) if d["type"] == t)


def test_lean_triples_are_the_full_ones_minus_the_reification(sample_graph):
    full = set(triples(sample_graph))
    lean = list(triples(sample_graph, evidence=False))
    types = {o[1] for s, p, o in lean if p[1].endswith("#type")}
    assert STATEMENT not in types and EVIDENCE not in types
    no_bnodes = lambda ts: {t for t in ts if all(x[0] != "bnode" for x in t)}  # noqa: E731 (list cells renumber)
    assert no_bnodes(lean) <= no_bnodes(full) and len(lean) < len(full) / 2
    store = ox.Store()
    store.bulk_load(ntriples(sample_graph), format=ox.RdfFormat.N_TRIPLES)
    assert len(build_store(sample_graph, evidence=False)) == len(lean) < len(store)


def test_canned_sparql_on_lean_store_matches_networkx(sample_graph):
    lean = build_store(sample_graph, evidence=False)
    from orgkg.queries.sparql import SparqlStore

    s = SparqlStore(lean, sample_graph)
    roles, units = _ids(sample_graph, "Role"), _ids(sample_graph, "Unit")
    for name, args in [("chain", roles[:1]), ("subtree", roles[:1]), ("collaborators", units[:1]), ("span", (5,)),
                       ("requires", _ids(sample_graph, "Competency")[:1]), ("shared-competencies", roles[:2]),
                       ("path", (roles[0], roles[-1]))]:
        assert run_sparql(s, name, *args) == run_networkx(sample_graph, name, *args), name


def test_lean_request_reuses_a_cached_full_store(sample_graph):
    from orgkg.graph import OrgGraph

    g = OrgGraph(sample_graph.g.copy())  # a fresh object: nothing cached for it yet
    full = store_for(g)
    assert full.evidence and store_for(g, evidence=False) is full
    g2 = OrgGraph(sample_graph.g.copy())
    lean = store_for(g2, evidence=False)
    assert not lean.evidence and store_for(g2) is not lean and store_for(g2).evidence


@pytest.fixture(scope="module")
def server():
    s = fe.server_for(None)
    yield s


def test_bulk_create_equals_merge_load(sample_graph, server):
    merged = server.graph("lean_test_merge")
    created = server.graph("lean_test_create")
    for gr in (merged, created):
        if server.redis().exists(gr.name):
            server.redis().execute_command("GRAPH.DELETE", gr.name)
    cypher_load.load_falkordb(merged, sample_graph)
    counts = cypher_load.load_falkordb(created, sample_graph, fresh=True)
    assert counts == {"nodes": sample_graph.g.number_of_nodes(), "relationships": sample_graph.g.number_of_edges()}
    a, b = FalkorBackend(merged, "merge"), FalkorBackend(created, "create")
    assert a.query(NODES).rows == b.query(NODES).rows
    assert a.query(EDGES).rows == b.query(EDGES).rows
    labels = "MATCH (n) RETURN n.id, labels(n) ORDER BY n.id"
    assert [(i, sorted(x)) for i, x in a.query(labels).rows] == [(i, sorted(x)) for i, x in b.query(labels).rows]


def test_bulk_create_escapes_quotes_backslashes_and_newlines(server):
    from orgkg.graph import OrgGraph

    g = OrgGraph()
    tricky = 'Chief "Q" of \\ Back\nslash \' apostrophe'
    g.add_node("Role", tricky, "role:x")
    g.add_node("Role", "Plain", "role:y")
    g.add_edge("role:x", "role:y", "UNDER_DIRECTION_OF", evidence={"doc": "d.txt", "text": tricky, "start": 0, "end": 3})
    gr = server.graph("lean_test_tricky")
    if server.redis().exists(gr.name):
        server.redis().execute_command("GRAPH.DELETE", gr.name)
    cypher_load.load_falkordb(gr, g, fresh=True)
    rows = FalkorBackend(gr, "t").query("MATCH (a {id: 'role:x'})-[e]->(b) RETURN a.name, e.evidence").rows
    assert rows[0][0] == tricky and json.loads(rows[0][1][0])["text"] == tricky


def test_lean_embedded_cypher_keeps_counts_not_texts(sample_graph):
    b = EmbeddedBackend(sample_graph, evidence=False)
    rows = b.query("MATCH ()-[e]->() RETURN e.evidence, e.evidence_count").rows
    assert rows and all(ev is None for ev, _ in rows)
    want = sum(len(d.get("evidence") or []) for *_, d in sample_graph.g.edges(data=True))
    assert sum(c for _, c in rows) == want
    for name in CANNED:
        if name in ("chain", "subtree"):
            r = _ids(sample_graph, "Role")[0]
            assert run_cypher(b, name, r) == run_networkx(sample_graph, name, r)
    assert ask(sample_graph, "span", 3, lang="cypher", backend=b) == ask(sample_graph, "span", 3)
