"""The canned queries (briefs: canned.md) in SPARQL over a `SparqlStore`, answering exactly like networkx.

SPARQL has no path lengths, so distances come from breadth-first search on this side: chain and subtree fetch
every reporting edge reachable from the start in one query (a property-path closure) and walk them here; path,
whose undirected reach is most of the org, runs one query per BFS level and stops at the target's level.
Node ids reach the engine only as pyoxigraph NamedNodes (validated IRIs, percent-encoded by `iri_of`) written
into VALUES blocks with pyoxigraph's own term serialisation - never by formatting user text into the query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from orgkg.graph.traverse import distances
from orgkg.ontology.rdf import iri_of

from .sparql import SparqlStore, store_for

__all__ = ["QUERIES", "SparqlStore", "run_sparql", "store_for"]

# one reporting step, as a property path: up to the supervisor, down to the reports
UP = "orgkg:underDirectionOf|^orgkg:supervises"
DOWN = "^orgkg:underDirectionOf|orgkg:supervises"
# chain/subtree: every `step` edge out of the nodes reachable from X (X included), with the target's id and label.
# One query instead of one per BFS level: 10-20 % faster for the 15k-node subtree at 100k roles, ~4x for chain.
REACH = "SELECT ?p ?c ?id ?name WHERE {{ #BIND# ?x ({step})* ?p . ?p {step} ?c . ?c orgkg:id ?id ; rdfs:label ?name . }}"

_LINK = "orgkg:underDirectionOf|orgkg:supervises|orgkg:collaboratesWith|orgkg:memberOf|orgkg:partOf"
UNDIRECTED = f"{{ ?c {_LINK} ?n }} UNION {{ ?n {_LINK} ?c }}"

# One query, its patterns in the order that evaluates fast on pyoxigraph: the members of X (partOf* walked
# backwards from X, X included), their collaboration edges either way, the id and label of each neighbour looked
# up per row, and last a MINUS of the members (bound to X by its own VALUES row: evaluated once, anti-joined on ?n).
# With the MINUS before the lookups, or the neighbours in a subquery, the engine joined the id/label triples of
# every node instead: ~1.1 s at 100k roles against ~35 ms this way (two queries with the members dropped
# client-side: ~70 ms).
COLLABORATORS = """
SELECT DISTINCT ?id ?name WHERE {
  #BIND# ?m orgkg:partOf* ?x .
  { ?m orgkg:collaboratesWith ?n } UNION { ?n orgkg:collaboratesWith ?m }
  ?n orgkg:id ?id ; rdfs:label ?name .
  MINUS { #BIND# ?n orgkg:partOf* ?x }
}"""

# span: distinct reports per node, most first. The caller reads rows only until the N-th count's ties are in, then
# fetches id and label for those few nodes (NAMES). Joining the counts with every node's id and label in the query,
# to order by id there, cost 2.7 s at 100k roles; this ~0.25 s.
SPAN = """
SELECT ?p (COUNT(DISTINCT ?c) AS ?reports) WHERE {
  { ?c orgkg:underDirectionOf ?p } UNION { ?p orgkg:supervises ?c }
} GROUP BY ?p ORDER BY DESC(?reports)"""
NAMES = "SELECT ?n ?id ?name WHERE {{ VALUES ?n {{ {values} }} ?n orgkg:id ?id ; rdfs:label ?name . }}"

REQUIRES = """
SELECT DISTINCT ?id ?name WHERE { #BIND# ?r orgkg:requires ?x ; a orgkg:Role ; orgkg:id ?id ; rdfs:label ?name . }"""

SHARED = """
SELECT DISTINCT ?id ?name WHERE {
  #BIND# ?a orgkg:requires ?c . ?b orgkg:requires ?c . ?c a orgkg:Competency ; orgkg:id ?id ; rdfs:label ?name .
}"""

LEVEL = "SELECT DISTINCT ?n ?id ?name WHERE {{ VALUES ?c {{ {values} }} {step} ?n orgkg:id ?id ; rdfs:label ?name . }}"

# Above this many nodes a frontier is sent in chunks, keeping each query text a sane size.
CHUNK = 2000


def _node(nid: str):
    import pyoxigraph as ox

    return ox.NamedNode(iri_of(nid))


def _values(ids: Iterable[str]) -> str:
    return " ".join(str(_node(i)) for i in ids)


def _iris(iris: Iterable[str]) -> str:
    """IRIs the store returned, written back as VALUES terms (pyoxigraph serialisation, not string formatting)."""
    import pyoxigraph as ox

    return " ".join(str(ox.NamedNode(i)) for i in iris)


def _bind(query: str, **ids: str) -> str:
    """`query` with its #BIND# marker replaced by a VALUES row binding each variable to a node IRI.

    The IRI is written by pyoxigraph's own term serialisation, so no user text is ever spliced in raw.
    (pyoxigraph's `substitutions` only accept projected variables, so VALUES is used instead.)
    """
    names = " ".join("?" + k for k in ids)
    row = " ".join(str(_node(v)) for v in ids.values())
    return query.replace("#BIND#", f"VALUES ({names}) {{ ({row}) }}")


def _step(store: SparqlStore, frontier: list[str], step: str) -> dict[str, str]:
    """id -> name of every node one `step` away from any node in `frontier`."""
    out: dict[str, str] = {}
    for i in range(0, len(frontier), CHUNK):
        q = LEVEL.format(values=_values(frontier[i:i + CHUNK]), step=step)
        for _n, nid, name in store.query(q).rows:
            out[nid] = name
    return out


def bfs(store: SparqlStore, start: str, step: str, max_depth: int | None = None,
        stop: Callable[[dict], bool] | None = None) -> dict[str, tuple[str, int]]:
    """id -> (name, shortest distance) of everything reachable from `start` by `step`, start included at 0."""
    name0 = _name(store, start)
    seen: dict[str, tuple[str, int]] = {start: (name0, 0)}
    frontier, depth = [start], 0
    while frontier and (max_depth is None or depth < max_depth):
        depth += 1
        nxt = {k: v for k, v in _step(store, sorted(frontier), step).items() if k not in seen}
        for k, name in nxt.items():
            seen[k] = (name, depth)
        frontier = list(nxt)
        if stop and stop(seen):
            break
    return seen


def _name(store: SparqlStore, nid: str) -> str:
    rows = store.query(_bind("SELECT ?name WHERE { #BIND# ?n rdfs:label ?name }", n=nid)).rows
    if not rows:
        raise LookupError(f"no node {nid!r} in the SPARQL store")
    return rows[0][0]


def _reach(store: SparqlStore, nid: str, step: str) -> list[tuple]:
    """(id, name, shortest distance) of every node reachable from `nid` by `step`, nid itself left out."""
    kids: dict[str, list[str]] = {}
    info: dict[str, tuple[str, str]] = {}
    for p, c, cid, name in store.query(_bind(REACH.format(step=step), x=nid)).rows:
        kids.setdefault(p, []).append(c)
        info[c] = (cid, name)
    if not kids:
        _name(store, nid)  # LookupError for a node the store does not hold
        return []
    dist = distances(iri_of(nid), lambda cur: kids.get(cur, ()))
    return sorted(((*info[c], d) for c, d in dist.items()), key=lambda r: (r[2], r[0]))


def chain(store: SparqlStore, nid: str) -> list[tuple]:
    return _reach(store, nid, UP)


def subtree(store: SparqlStore, nid: str) -> list[tuple]:
    return _reach(store, nid, DOWN)


def collaborators(store: SparqlStore, nid: str) -> list[tuple]:
    return sorted(store.query(_bind(COLLABORATORS, x=nid)).rows)


def span(store: SparqlStore, n: int | str = 10) -> list[tuple]:
    n = int(n)  # an int, never user text
    if n < 0:
        raise ValueError("span: n must be >= 0")
    top: dict[str, int] = {}
    last = None
    for p, reports in store.select(SPAN) if n else ():  # most reports first
        if len(top) >= n and reports < last:
            break  # past the N-th count and its ties: which of the tied come first is decided by id below
        top[p] = last = reports
    found = []
    iris = list(top)
    for i in range(0, len(iris), CHUNK):
        found += [(nid, name, top[p]) for p, nid, name in store.query(NAMES.format(values=_iris(iris[i:i + CHUNK]))).rows]
    return sorted(found, key=lambda r: (-r[2], r[0]))[:n]


def requires(store: SparqlStore, competency: str) -> list[tuple]:
    return sorted(set(store.query(_bind(REQUIRES, x=competency)).rows))


def shared_competencies(store: SparqlStore, a: str, b: str) -> list[tuple]:
    return sorted(set(store.query(_bind(SHARED, a=a, b=b)).rows))


def path(store: SparqlStore, a: str, b: str) -> list[tuple]:
    """Nodes on at least one shortest undirected path a..b: dist_a(n) + dist_b(n) == dist(a, b)."""
    from_a = bfs(store, a, UNDIRECTED, stop=lambda seen: b in seen)
    if b not in from_a:
        return []
    d = from_a[b][1]
    from_b = bfs(store, b, UNDIRECTED, max_depth=d)
    on = [(k, name, da) for k, (name, da) in from_a.items() if k in from_b and da + from_b[k][1] == d]
    return sorted(on, key=lambda r: (r[2], r[0]))


QUERIES: dict[str, Callable[..., list[tuple]]] = {
    "chain": chain,
    "subtree": subtree,
    "collaborators": collaborators,
    "span": span,
    "requires": requires,
    "shared-competencies": shared_competencies,
    "path": path,
}


def run_sparql(store: SparqlStore, name: str, *ids) -> list[tuple]:
    """Answer canned query `name` with already-resolved node ids (span takes a number)."""
    try:
        fn = QUERIES[name]
    except KeyError:
        raise ValueError(f"unknown canned query {name!r}; known: {', '.join(QUERIES)}") from None
    return fn(store, *ids)
