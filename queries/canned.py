"""Named queries with one meaning each, answered by networkx, Cypher and SPARQL (see docs/cypher.md).

    ask(g, "chain", "Coordinator, Innovative and Progressive Systemwide Training")
    ask(g, "collaborators", "DSSEM", lang="cypher")
    ask(g, "span", 5, lang="sparql")

User names are resolved with OrgGraph.resolve first (LookupError -> "not found" with suggestions), then the
ids reach the engines only as query parameters. Results are lists of tuples sorted as each spec states.

Cypher: one text per query runs on FalkorDB and Neo4j alike unless a `neo4j` variant sits beside it. Reporting
mixes edge directions (A UNDER_DIRECTION_OF B, B SUPERVISES A), which one variable-length pattern cannot
express, so chain/subtree run one Cypher level query per BFS level (exact shortest distances, multi-parent and
cycles included) instead of enumerating every path.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from orgkg.graph import OrgGraph
from orgkg.graph.traverse import distances, members
from orgkg.ontology.schema import (
    COLLABORATES_WITH,
    COMPETENCY,
    MEMBER_OF,
    ORGANIZATION,
    PART_OF,
    REQUIRES,
    ROLE,
    SUPERVISES,
    UNDER_DIRECTION_OF,
    UNIT,
)

from .cypher_load import NODE_LABEL

PATH_TYPES = (UNDER_DIRECTION_OF, SUPERVISES, COLLABORATES_WITH, MEMBER_OF, PART_OF)
N = NODE_LABEL


@dataclass(frozen=True)
class Canned:
    name: str
    args: tuple[str, ...]  # argument names; "n" is an integer, others are node names
    types: tuple[tuple[str, ...] | None, ...]  # node types each name argument resolves to
    columns: tuple[str, ...]
    help: str
    cypher: str  # runs on FalkorDB and Neo4j
    neo4j: str | None = None  # Neo4j variant where its dialect differs
    bfs: str | None = None  # "up" / "down": the cypher text is one BFS level over $frontier


_LEVEL_UP = (f"MATCH (a:{N}) WHERE a.id IN $frontier MATCH (a)-[:{UNDER_DIRECTION_OF}]->(b:{N}) "
             f"RETURN DISTINCT b.id AS id, b.name AS name "
             f"UNION MATCH (a:{N}) WHERE a.id IN $frontier MATCH (a)<-[:{SUPERVISES}]-(b:{N}) "
             f"RETURN DISTINCT b.id AS id, b.name AS name")
_LEVEL_DOWN = (f"MATCH (a:{N}) WHERE a.id IN $frontier MATCH (a)<-[:{UNDER_DIRECTION_OF}]-(b:{N}) "
               f"RETURN DISTINCT b.id AS id, b.name AS name "
               f"UNION MATCH (a:{N}) WHERE a.id IN $frontier MATCH (a)-[:{SUPERVISES}]->(b:{N}) "
               f"RETURN DISTINCT b.id AS id, b.name AS name")

_ENT = (ROLE, UNIT)
CANNED: dict[str, Canned] = {c.name: c for c in (
    Canned("chain", ("role",), (_ENT,), ("id", "name", "distance"),
           "every node above ROLE via reporting, shortest distance (1 = direct supervisor)",
           _LEVEL_UP, bfs="up"),
    Canned("subtree", ("role",), (_ENT,), ("id", "name", "distance"),
           "every node below ROLE via reporting, shortest distance", _LEVEL_DOWN, bfs="down"),
    Canned("collaborators", ("name",), ((ROLE, UNIT, ORGANIZATION),), ("id", "name"),
           "who collaborates with NAME or anything located in it, either direction",
           # membership of a candidate is a short upward PART_OF walk, not a scan of the member list per row;
           # candidates are deduplicated first, so each is walked once, not once per collaboration edge
           f"MATCH (x:{N} {{id: $id}}) OPTIONAL MATCH (m:{N})-[:{PART_OF}*1..]->(x) "
           f"WITH x, collect(DISTINCT m) + [x] AS inside "
           f"UNWIND inside AS m MATCH (m)-[:{COLLABORATES_WITH}]-(o:{N}) "
           f"WITH DISTINCT x, o WHERE o <> x AND NOT (o)-[:{PART_OF}*1..]->(x) "
           f"RETURN o.id AS id, o.name AS name ORDER BY id"),
    Canned("span", ("n",), (None,), ("id", "name", "reports"),
           "widest span of control: distinct direct reports, top N (default 10)",
           # UNION of the two directed patterns (deduplicated pairs), not an undirected match filtered per edge
           f"CALL {{ MATCH (c:{N})-[:{UNDER_DIRECTION_OF}]->(p:{N}) RETURN p, c "
           f"UNION MATCH (p:{N})-[:{SUPERVISES}]->(c:{N}) RETURN p, c }} "
           f"WITH p, count(c) AS reports "
           f"RETURN p.id AS id, p.name AS name, reports ORDER BY reports DESC, id LIMIT $n"),
    Canned("requires", ("competency",), ((COMPETENCY,),), ("id", "name"),
           "roles requiring COMPETENCY",
           f"MATCH (r:{ROLE})-[:{REQUIRES}]->(c:{N} {{id: $id}}) RETURN DISTINCT r.id AS id, r.name AS name ORDER BY id"),
    Canned("shared-competencies", ("role_a", "role_b"), ((ROLE,), (ROLE,)), ("id", "name"),
           "competencies both roles require",
           # collect a's few competencies first: matching (b)-->(c) with c bound expanded c's thousands of roles
           f"MATCH (a:{N} {{id: $a}})-[:{REQUIRES}]->(c:{COMPETENCY}) WITH collect(c) AS ca "
           f"MATCH (b:{N} {{id: $b}})-[:{REQUIRES}]->(c:{COMPETENCY}) WHERE c IN ca "
           f"RETURN DISTINCT c.id AS id, c.name AS name ORDER BY id"),
    Canned("path", ("role_a", "role_b"), (_ENT + (ORGANIZATION,), _ENT + (ORGANIZATION,)), ("id", "name", "distance"),
           "every node on a shortest undirected path between two nodes (org edges only)",
           f"MATCH (a:{N} {{id: $a}}), (b:{N} {{id: $b}}) WITH a, b "
           f"MATCH p = allShortestPaths((a)-[:{'|'.join(PATH_TYPES)}*]-(b)) "
           f"UNWIND range(0, length(p)) AS i WITH DISTINCT nodes(p)[i] AS n, i "
           f"RETURN n.id AS id, n.name AS name, i AS distance ORDER BY distance, id"),
)}


class NotFound(LookupError):
    """An unknown canned query name or node name; message carries suggestions."""


class BadUsage(NotFound):
    """The question itself is wrong (unknown query, wrong number or kind of arguments), not a missing name."""


def spec(name: str) -> Canned:
    if name in CANNED:
        return CANNED[name]
    close = difflib.get_close_matches(name, list(CANNED), n=3, cutoff=0.4)
    hint = f"; did you mean: {', '.join(close)}" if close else f"; known: {', '.join(CANNED)}"
    raise BadUsage(f"canned query {name!r} not found{hint}")


def resolve_args(g: OrgGraph, c: Canned, args: tuple) -> tuple:
    """Names -> node ids (forgiving), `n` -> int; raises NotFound."""
    if c.args == ("n",):
        if len(args) > 1:
            raise BadUsage(f"{c.name}: takes at most one argument (N)")
        try:
            n = int(args[0]) if args else 10
        except (TypeError, ValueError):
            raise BadUsage(f"{c.name}: N must be a whole number, not {args[0]!r}") from None
        if n < 0:
            raise BadUsage(f"{c.name}: N must be >= 0")
        return (n,)
    if len(args) != len(c.args):
        raise BadUsage(f"{c.name}: needs {len(c.args)} argument(s): {' '.join(a.upper() for a in c.args)}")
    out = []
    for a, types in zip(args, c.types):
        try:
            out.append(g.resolve(str(a), types))
        except LookupError as e:
            raise NotFound(f"{c.name}: {e}".replace("no node named", "not found:")) from None
    return tuple(out)


# ---- networkx -------------------------------------------------------------------------------------

def _up(g: OrgGraph, nid: str) -> set[str]:
    out = {p for _, p, k in g.g.out_edges(nid, keys=True) if k == UNDER_DIRECTION_OF}
    return out | {p for p, _, k in g.g.in_edges(nid, keys=True) if k == SUPERVISES}


def _down(g: OrgGraph, nid: str) -> set[str]:
    out = {c for c, _, k in g.g.in_edges(nid, keys=True) if k == UNDER_DIRECTION_OF}
    return out | {c for _, c, k in g.g.out_edges(nid, keys=True) if k == SUPERVISES}


def _rows_dist(g: OrgGraph, dist: dict[str, int]) -> list[tuple]:
    return sorted(((i, g.name(i), d) for i, d in dist.items()), key=lambda r: (r[2], r[0]))


def _nx_inside(g: OrgGraph, nid: str) -> set[str]:
    return set(members(g, nid))  # the node and everything located in it (graph/traverse.py)


def _nx_undirected(g: OrgGraph, nid: str) -> set[str]:
    out = {o for _, o, k in g.g.out_edges(nid, keys=True) if k in PATH_TYPES}
    return out | {o for o, _, k in g.g.in_edges(nid, keys=True) if k in PATH_TYPES}


def _nx_path(g: OrgGraph, a: str, b: str) -> list[tuple]:
    da = distances(a, lambda n: _nx_undirected(g, n))
    da[a] = 0
    if b not in da:
        return []
    db = distances(b, lambda n: _nx_undirected(g, n))
    db[b] = 0
    total = da[b]
    on = {n: da[n] for n in da if n in db and da[n] + db[n] == total}
    return _rows_dist(g, on) if a != b else [(a, g.name(a), 0)]


def run_networkx(g: OrgGraph, name: str, *ids) -> list[tuple]:
    if name == "chain":
        return _rows_dist(g, distances(ids[0], lambda n: _up(g, n)))
    if name == "subtree":
        return _rows_dist(g, distances(ids[0], lambda n: _down(g, n)))
    if name == "collaborators":
        inside = _nx_inside(g, ids[0])
        found = set()
        for m in inside:
            found |= {o for _, o, k in g.g.out_edges(m, keys=True) if k == COLLABORATES_WITH}
            found |= {o for o, _, k in g.g.in_edges(m, keys=True) if k == COLLABORATES_WITH}
        return sorted((o, g.name(o)) for o in found - inside)
    if name == "span":
        kids: dict[str, set[str]] = {}  # one pass over the edges, not two adjacency scans per node
        for u, v, k in g.g.edges(keys=True):
            if k == UNDER_DIRECTION_OF:
                kids.setdefault(v, set()).add(u)
            elif k == SUPERVISES:
                kids.setdefault(u, set()).add(v)
        return sorted(((n, g.name(n), len(c)) for n, c in kids.items()), key=lambda r: (-r[2], r[0]))[: ids[0]]
    if name == "requires":
        return sorted((s, g.name(s)) for s, _, k in g.g.in_edges(ids[0], keys=True)
                      if k == REQUIRES and g.g.nodes[s]["type"] == ROLE)
    if name == "shared-competencies":
        def comps(r):
            return {c for _, c, k in g.g.out_edges(r, keys=True) if k == REQUIRES and g.g.nodes[c]["type"] == COMPETENCY}
        return sorted((c, g.name(c)) for c in comps(ids[0]) & comps(ids[1]))
    if name == "path":
        return _nx_path(g, ids[0], ids[1])
    raise NotFound(f"canned query {name!r} not found")


# ---- cypher ---------------------------------------------------------------------------------------

def cypher_text(c: Canned, dialect: str = "falkordb") -> str:
    return (c.neo4j or c.cypher) if dialect == "neo4j" else c.cypher


def run_cypher(backend, name: str, *ids) -> list[tuple]:
    """Run the canned Cypher on a queries.cypher Backend (embedded, falkordb://, bolt)."""
    c = spec(name)
    text = cypher_text(c, "neo4j" if getattr(backend, "name", "") == "bolt" else "falkordb")
    if c.bfs:
        dist, frontier, d = {ids[0]: 0}, [ids[0]], 0
        names: dict[str, str] = {}
        while frontier:
            d += 1
            res = backend.query(text, {"frontier": frontier})
            frontier = []
            for i, nm in res.rows:
                if i not in dist:
                    dist[i], names[i] = d, nm
                    frontier.append(i)
        del dist[ids[0]]
        return sorted(((i, names[i], dd) for i, dd in dist.items()), key=lambda r: (r[2], r[0]))
    if name == "span":
        params = {"n": ids[0]}
    elif len(c.args) == 2:
        if name == "path" and ids[0] == ids[1]:
            res = backend.query(f"MATCH (a:{N} {{id: $a}}) RETURN a.id, a.name, 0", {"a": ids[0]})
            return [tuple(r) for r in res.rows]
        params = {"a": ids[0], "b": ids[1]}
    else:
        params = {"id": ids[0]}
    rows = [tuple(r) for r in backend.query(text, params).rows]
    if c.columns[-1] == "distance":
        return sorted(rows, key=lambda r: (r[2], r[0]))
    if name == "span":
        return sorted(rows, key=lambda r: (-r[2], r[0]))
    return sorted(rows)


# ---- the one entry point --------------------------------------------------------------------------

def ask(g: OrgGraph, name: str, *args, lang: str = "networkx", backend=None) -> list[tuple]:
    """Answer canned query `name` for user-given `args`; raises NotFound for unknown names."""
    c = spec(name)
    ids = resolve_args(g, c, args)
    if lang == "networkx":
        return run_networkx(g, name, *ids)
    if lang == "cypher":
        from .cypher import open_backend

        return run_cypher(open_backend(g, backend, evidence=False), name, *ids)
    if lang == "sparql":
        from . import canned_sparql

        store = backend if backend is not None else sparql_store(g)
        return [tuple(r) for r in canned_sparql.run_sparql(store, name, *ids)]
    raise ValueError(f"unknown language {lang!r} (networkx, cypher, sparql)")


def sparql_store(g: OrgGraph):
    """The lean SPARQL query store for `g` (cached per graph object; a cached full store serves too)."""
    from .sparql import store_for

    return store_for(g, evidence=False)
