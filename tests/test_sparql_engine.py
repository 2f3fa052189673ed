"""Embedded SPARQL: predeclared prefixes, read-only refusal, one-line errors, persisted store, canned == networkx."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import deque

import pytest

import orgkg
from orgkg.errors import UserError
from orgkg.graph import traverse
from orgkg.ontology.schema import node_iri
from orgkg.queries.canned_sparql import QUERIES, run_sparql
from orgkg.queries.sparql import PREFIXES, is_update, persisted_dir, sparql, store_for, store_for_file

COORD = "role:coordinator-innovative-and-progressive-systemwide-training"
DSSEM = "unit:department-of-systemwide-safety-and-emergency-management"
CLI = [sys.executable, "-m", "orgkg"]


@pytest.mark.parametrize("prefix", ["org", "skos", "schema", "prov", "orgkg", "rdfs", "xsd"])
def test_prefixes_are_predeclared(sample_graph, prefix):
    assert prefix in PREFIXES
    r = sparql(sample_graph, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?p), STR({prefix}:))) }}")
    assert r.columns == ["n"] and isinstance(r.rows[0][0], int)


def test_select_ask_construct(sample_graph):
    r = sparql(sample_graph, "SELECT ?id WHERE { ?r orgkg:collaboratesWith ?u . ?u skos:altLabel 'DSSEM' . ?r orgkg:id ?id }")
    assert (COORD,) in r.rows
    assert sparql(sample_graph, "ASK { ?c a skos:Concept ; skos:inScheme ?s . ?s a skos:ConceptScheme }").boolean is True
    c = sparql(sample_graph, "CONSTRUCT { ?r org:reportsTo ?b } WHERE { ?r org:reportsTo ?b }")
    assert c.kind == "construct" and len(c.rows) == sum(1 for _ in sample_graph.edges("UNDER_DIRECTION_OF"))
    assert "org:reportsTo" in c.to_turtle()
    js = json.loads(sparql(sample_graph, "SELECT ?r WHERE { ?r a org:Post } LIMIT 2").to_json())
    assert js["head"]["vars"] == ["r"] and js["results"]["bindings"][0]["r"]["type"] == "uri"


@pytest.mark.parametrize("q", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "PREFIX x: <http://x/>\n# comment\ndelete where { ?s ?p ?o }",
    "CLEAR ALL", "DROP GRAPH <urn:g>", "LOAD <http://example.org/x.ttl>", "CREATE GRAPH <urn:g>",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_refused_by_default(sample_graph, q):
    assert is_update(q)
    before = len(store_for(sample_graph))
    with pytest.raises(UserError, match="read-only"):
        sparql(sample_graph, q)
    assert len(store_for(sample_graph)) == before


def test_update_allowed_when_asked():
    g = orgkg.sample_graph()
    sparql(g, "INSERT DATA { <urn:a> rdfs:label 'x' }", allow_update=True)
    assert sparql(g, "ASK { <urn:a> rdfs:label 'x' }").boolean


def test_not_updates():
    assert not is_update("SELECT * WHERE { ?s <http://x/insert> 'INSERT' } # DELETE")
    assert not is_update('PREFIX insert: <http://x/> ASK { ?s insert:delete "DROP" }')


def test_syntax_error_is_one_line(sample_graph):
    with pytest.raises(UserError, match="SPARQL syntax error") as e:
        sparql(sample_graph, "SELEC ?x WHERE {")
    assert "\n" not in str(e.value)


def test_cli_table_json_csv_and_errors(sample_graph_file):
    q = f"SELECT ?name WHERE {{ <{node_iri(COORD)}> rdfs:label ?name }}"
    t = subprocess.run(CLI + ["sparql", str(sample_graph_file), q], capture_output=True, text=True)
    assert t.returncode == 0 and "Coordinator, Innovative" in t.stdout
    j = subprocess.run(CLI + ["sparql", str(sample_graph_file), q, "--format", "json"], capture_output=True, text=True)
    assert json.loads(j.stdout)["results"]["bindings"][0]["name"]["value"].startswith("Coordinator, Innovative")
    c = subprocess.run(CLI + ["sparql", str(sample_graph_file), q, "--format", "csv"], capture_output=True, text=True)
    assert c.stdout.splitlines()[0] == "name"
    bad = subprocess.run(CLI + ["sparql", str(sample_graph_file), "SELECT ?x WHERE { ?x"], capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.startswith("orgkg: SPARQL syntax error") and bad.stderr.count("\n") == 1
    upd = subprocess.run(CLI + ["sparql", str(sample_graph_file), "INSERT DATA { <urn:a> <urn:b> <urn:c> }"],
                         capture_output=True, text=True)
    assert upd.returncode == 2 and "read-only" in upd.stderr and "Traceback" not in upd.stderr


def test_persisted_store_keyed_on_sha256(sample_graph_file):
    s1 = store_for_file(sample_graph_file, persist=True)
    assert s1.path is not None and s1.path.is_dir() and s1.path.parent == sample_graph_file.parent
    n = len(s1)
    del s1
    s2 = store_for_file(sample_graph_file, persist=True)  # reused, read-only
    assert len(s2) == n
    g = orgkg.load(sample_graph_file)
    g.add_node("Unit", "Brand New Office")
    g.save(sample_graph_file)
    s3 = store_for_file(sample_graph_file, persist=True)
    assert s3.path != s2.path and len(s3) > n
    assert s3.query("ASK { ?u rdfs:label 'Brand New Office' }").boolean
    assert sorted(p.name for p in sample_graph_file.parent.glob(".*oxigraph*")) == [s3.path.name]
    assert persisted_dir(sample_graph_file, "ab" * 32).name.endswith("abababababababab")


# ---- canned queries == networkx -----------------------------------------------------------------
def _bfs(start, step):
    dist, q = {start: 0}, deque([start])
    while q:
        cur = q.popleft()
        for n in step(cur):
            if n not in dist:
                dist[n] = dist[cur] + 1
                q.append(n)
    return dist


def _ranked(g, dist, start):
    return sorted(((i, g.name(i), d) for i, d in dist.items() if i != start), key=lambda r: (r[2], r[0]))


PATH_TYPES = {"UNDER_DIRECTION_OF", "SUPERVISES", "COLLABORATES_WITH", "MEMBER_OF", "PART_OF"}


def _undirected(g, n):
    return ({v for _, v, k in g.g.out_edges(n, keys=True) if k in PATH_TYPES}
            | {u for u, _, k in g.g.in_edges(n, keys=True) if k in PATH_TYPES})


def expected(g, name, *ids):
    """The canned answers computed with networkx (graph/traverse.py where it says the same thing)."""
    if name == "chain":
        return _ranked(g, _bfs(ids[0], lambda n: {p for p, _, _ in traverse.parents(g, n)}), ids[0])
    if name == "subtree":
        return _ranked(g, _bfs(ids[0], lambda n: {c for c, _, _ in traverse.children(g, n)}), ids[0])
    if name == "collaborators":
        return sorted((c.id, c.name) for c in traverse.collaborators(g, ids[0]))
    if name == "span":
        # distinct children (traverse.span_of_control counts a child stated both ways twice)
        counts = [(i, g.name(i), len({c for c, _, _ in traverse.children(g, i)})) for i in g.g.nodes]
        return sorted((c for c in counts if c[2]), key=lambda r: (-r[2], r[0]))[: ids[0]]
    if name == "requires":
        return sorted((u, g.name(u)) for u, _, k in g.g.in_edges(ids[0], keys=True) if k == "REQUIRES")
    if name == "shared-competencies":
        def req(r):
            return {v for _, v, k in g.g.out_edges(r, keys=True) if k == "REQUIRES"}
        return sorted((c, g.name(c)) for c in req(ids[0]) & req(ids[1]))
    if name == "path":
        a, b = ids
        da = _bfs(a, lambda n: _undirected(g, n))
        if b not in da:
            return []
        db = _bfs(b, lambda n: _undirected(g, n))
        return sorted(((n, g.name(n), d) for n, d in da.items() if n in db and d + db[n] == da[b]),
                      key=lambda r: (r[2], r[0]))
    raise AssertionError(name)


def _cases(g, rnd: random.Random, per: int, paths: int):
    def ids(t):
        return sorted(n for n, d in g.g.nodes(data=True) if d["type"] in t)
    roles, ents, comps = ids(("Role",)), ids(("Role", "Unit", "Organization")), ids(("Competency",))
    # nodes that actually take part in reporting/collaboration, so answers are not all empty
    busy = sorted({u for u, _, k in g.g.edges(keys=True) if k in PATH_TYPES})
    out = [("span", 10), ("span", 3), ("span", 0)]
    for _ in range(per):
        r = rnd.choice(busy)
        out += [("chain", r), ("subtree", r), ("collaborators", rnd.choice(ents)), ("requires", rnd.choice(comps)),
                ("shared-competencies", rnd.choice(roles), rnd.choice(roles))]
    out += [("path", rnd.choice(busy), rnd.choice(busy)) for _ in range(paths)]
    return out


def test_canned_on_sample_equals_networkx(sample_graph):
    store = store_for(sample_graph)
    assert run_sparql(store, "collaborators", DSSEM) == expected(sample_graph, "collaborators", DSSEM)
    assert (COORD, sample_graph.name(COORD)) in run_sparql(store, "collaborators", DSSEM)
    assert set(QUERIES) == {"chain", "subtree", "collaborators", "span", "requires", "shared-competencies", "path"}
    cases = _cases(sample_graph, random.Random(3), 12, 12) + [("path", COORD, COORD), ("chain", COORD)]
    nonempty = 0
    for c in cases:
        got = run_sparql(store, *c)
        assert got == expected(sample_graph, *c), c
        nonempty += bool(got)
    assert nonempty > len(cases) // 3


@pytest.fixture(scope="module")
def synthetic():
    try:
        from orgkg.synth import synth_graph
    except ImportError:
        pytest.skip("orgkg.synth not available")
    return synth_graph(2000, seed=7)


def test_canned_on_synthetic_org_equals_networkx(synthetic):
    g = synthetic
    assert sum(1 for _ in g.nodes("Role")) >= 2000
    multi = [n for n in g.g.nodes if len(traverse.parents(g, n)) > 1]
    store = store_for(g)
    for c in _cases(g, random.Random(11), 8, 3) + [("chain", multi[0])] * bool(multi):
        assert run_sparql(store, *c) == expected(g, *c), c


def test_injection_looking_ids_are_inert(sample_graph):
    store = store_for(sample_graph)
    evil = "role:x> } ; DROP ALL ; SELECT * { <a"
    with pytest.raises(LookupError):
        run_sparql(store, "chain", evil)
    assert run_sparql(store, "requires", 'competency:" } UNION { ?r ?p ?o') == []


def test_values_come_back_typed_and_in_column_order(sample_graph):
    r = sparql(sample_graph, """SELECT ?s ?i ?d ?b ?bad ?lang ?none WHERE {
        BIND("x" AS ?s) BIND(3 AS ?i) BIND(2.5 AS ?d) BIND(true AS ?b) BIND("x1"^^xsd:integer AS ?bad)
        BIND("chef"@fr AS ?lang) OPTIONAL { ?nothing orgkg:noSuchProperty ?none } }""")
    assert r.columns == ["s", "i", "d", "b", "bad", "lang", "none"]
    assert r.rows == [("x", 3, 2.5, True, "x1", "chef", None)]  # an ill-typed lexical form stays text


def test_select_converts_lazily_and_reports_errors(sample_graph):
    store = store_for(sample_graph)
    rows = store.select("SELECT ?id ?n WHERE { ?r a orgkg:Role ; orgkg:id ?id } ORDER BY ?id")
    assert next(rows)[0] == min(n for n, d in sample_graph.g.nodes(data=True) if d["type"] == "Role")
    with pytest.raises(UserError, match="syntax error"):
        next(store.select("SELECT WHERE {"))
    with pytest.raises(UserError, match="not a SELECT"):
        next(store.select("ASK { ?s ?p ?o }"))


class _Counting:
    """A SparqlStore that counts the rows `select` hands out."""

    def __init__(self, store):
        self.store, self.read = store, 0

    def query(self, *a, **kw):
        return self.store.query(*a, **kw)

    def select(self, text):
        for row in self.store.select(text):
            self.read += 1
            yield row


def test_span_reads_only_the_top_counts_and_breaks_ties_by_id(synthetic, monkeypatch):
    import orgkg.queries.canned_sparql as cs

    g = synthetic
    store = store_for(g)
    counts = sorted((len({c for c, _, _ in traverse.children(g, n)}) for n in g.g.nodes), reverse=True)
    counts = [c for c in counts if c]
    ties = [n for n in range(1, len(counts)) if counts[n - 1] == counts[n]]  # the N-th count is shared with the next
    assert ties, "the synthetic org has tied spans"
    monkeypatch.setattr(cs, "CHUNK", 7)  # names fetched in several VALUES chunks
    for n in [1, ties[0], ties[len(ties) // 2], len(counts), len(counts) + 5]:
        counting = _Counting(store)
        assert run_sparql(counting, "span", n) == expected(g, "span", n), n
        if n < len(counts) // 2:
            assert counting.read < len(counts)  # stopped after the N-th count's ties
