"""The canned queries (briefs: canned.md) in SPARQL over a `SparqlStore`, answering exactly like networkx.

SPARQL has no path lengths, so distances come from breadth-first search with one query per level.
Node ids reach the engine only as pyoxigraph NamedNodes (validated IRIs, percent-encoded by `iri_of`) written
into VALUES blocks with pyoxigraph's own term serialisation - never by formatting user text into the query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from orgkg.ontology.rdf import iri_of

from .sparql import SparqlStore, store_for

__all__ = ["QUERIES", "SparqlStore", "run_sparql", "store_for"]

UP = "{ ?c orgkg:underDirectionOf ?n } UNION { ?n orgkg:supervises ?c }"
DOWN = "{ ?n orgkg:underDirectionOf ?c } UNION { ?c orgkg:supervises ?n }"
_LINK = "orgkg:underDirectionOf|orgkg:supervises|orgkg:collaboratesWith|orgkg:memberOf|orgkg:partOf"
UNDIRECTED = f"{{ ?c {_LINK} ?n }} UNION {{ ?n {_LINK} ?c }}"

# Set-based, two indexed steps: the members of X (partOf+ walked backwards from X), then one level of
# collaboration from all of them (VALUES-bound, like a BFS level); members are dropped client-side.
# (One query with MINUS joined every collaboration edge of the org first: 1.2 s at 100k roles, this ~0.1 s.)
MEMBERS = "SELECT ?id WHERE { #BIND# ?m orgkg:partOf+ ?x . ?m orgkg:id ?id }"
COLLAB = "{ ?c orgkg:collaboratesWith ?n } UNION { ?n orgkg:collaboratesWith ?c }"

# Count per node IRI first, then fetch id and name for the counted nodes only.
SPAN = """
SELECT ?id ?name ?reports WHERE {
  { SELECT ?p (COUNT(DISTINCT ?c) AS ?reports) WHERE {
      { ?c orgkg:underDirectionOf ?p } UNION { ?p orgkg:supervises ?c } } GROUP BY ?p }
  ?p orgkg:id ?id ; rdfs:label ?name .
} ORDER BY DESC(?reports) ?id LIMIT ?limit"""

REQUIRES = """
SELECT DISTINCT ?id ?name WHERE { #BIND# ?r orgkg:requires ?x ; a orgkg:Role ; orgkg:id ?id ; rdfs:label ?name . }"""

SHARED = """
SELECT DISTINCT ?id ?name WHERE {
  #BIND# ?a orgkg:requires ?c . ?b orgkg:requires ?c . ?c a orgkg:Competency ; orgkg:id ?id ; rdfs:label ?name .
}"""

LEVEL = "SELECT DISTINCT ?n ?id ?name WHERE {{ VALUES ?c {{ {values} }} {step} ?n orgkg:id ?id ; rdfs:label ?name . }}"
# collaborators: the distinct neighbours first, their id and label after (~40 % faster there; much slower for
# the wide BFS levels of subtree, so only this query uses it)
NEIGHBOURS = ("SELECT ?n ?id ?name WHERE {{ {{ SELECT DISTINCT ?n WHERE {{ VALUES ?c {{ {values} }} {step} }} }} "
              "?n orgkg:id ?id ; rdfs:label ?name . }}")

# Above this many nodes a frontier is sent in chunks, keeping each query text a sane size.
CHUNK = 2000


def _node(nid: str):
    import pyoxigraph as ox

    return ox.NamedNode(iri_of(nid))


def _values(ids: Iterable[str]) -> str:
    return " ".join(str(_node(i)) for i in ids)


def _bind(query: str, **ids: str) -> str:
    """`query` with its #BIND# marker replaced by a VALUES row binding each variable to a node IRI.

    The IRI is written by pyoxigraph's own term serialisation, so no user text is ever spliced in raw.
    (pyoxigraph's `substitutions` only accept projected variables, so VALUES is used instead.)
    """
    names = " ".join("?" + k for k in ids)
    row = " ".join(str(_node(v)) for v in ids.values())
    return query.replace("#BIND#", f"VALUES ({names}) {{ ({row}) }}")


def _step(store: SparqlStore, frontier: list[str], step: str, template: str = LEVEL) -> dict[str, str]:
    """id -> name of every node one `step` away from any node in `frontier`."""
    out: dict[str, str] = {}
    for i in range(0, len(frontier), CHUNK):
        q = template.format(values=_values(frontier[i:i + CHUNK]), step=step)
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


def _ranked(found: dict[str, tuple[str, int]], start: str) -> list[tuple]:
    return sorted(((k, n, d) for k, (n, d) in found.items() if k != start), key=lambda r: (r[2], r[0]))


def chain(store: SparqlStore, nid: str) -> list[tuple]:
    return _ranked(bfs(store, nid, UP), nid)


def subtree(store: SparqlStore, nid: str) -> list[tuple]:
    return _ranked(bfs(store, nid, DOWN), nid)


def collaborators(store: SparqlStore, nid: str) -> list[tuple]:
    inside = {nid} | {r[0] for r in store.query(_bind(MEMBERS, x=nid)).rows}
    found = _step(store, sorted(inside), COLLAB, NEIGHBOURS)
    return sorted((i, n) for i, n in found.items() if i not in inside)


def span(store: SparqlStore, n: int | str = 10) -> list[tuple]:
    n = int(n)  # an int, never user text, goes into LIMIT
    if n < 0:
        raise ValueError("span: n must be >= 0")
    rows = store.query(SPAN.replace("?limit", str(n))).rows if n else []
    return sorted(((i, nm, int(r)) for i, nm, r in rows), key=lambda r: (-r[2], r[0]))


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
