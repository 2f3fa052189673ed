"""OrgGraph -> a Cypher store (embedded FalkorDB, a FalkorDB server, or Neo4j): one mapping for all.

Mapping (from ontology/schema.py, nothing hard-coded here):
  - every node gets the label `Node` (one label for the unique id index) plus its type as label (Role, Unit...);
  - every edge becomes a relationship whose type is the edge type (UNDER_DIRECTION_OF, ...);
  - node properties are the OrgGraph attributes (id, name, aliases, described, ...), None dropped, nested
    values as JSON strings; edge properties: `evidence` (list of JSON strings, one per statement) and
    `evidence_count`.
Queries are `UNWIND $rows AS r MERGE ...` with parameters only; labels and relationship types are taken from
the schema tables (validated), never from data or user input.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from orgkg.graph import OrgGraph
from orgkg.ontology.schema import EDGE_TYPES, NODE_TYPES

NODE_LABEL = "Node"  # shared by every node: carries the unique `id` index/constraint
LOADER_VERSION = "1"  # bump when the mapping changes, so stored copies are rebuilt
DEFAULT_BATCH = 2000

Run = Callable[[str, dict], object]


def _label(node_type: str) -> str:
    if node_type not in NODE_TYPES:
        raise ValueError(f"unknown node type {node_type!r}")
    return NODE_TYPES[node_type].name


def _rel(edge_type: str) -> str:
    if edge_type not in EDGE_TYPES:
        raise ValueError(f"unknown edge type {edge_type!r}")
    return EDGE_TYPES[edge_type].name


def _value(v):
    """A property value every Cypher store accepts: scalars, lists of scalars; anything else as JSON."""
    if isinstance(v, (str, bool, int, float)):
        return v
    if isinstance(v, (list, tuple)) and all(isinstance(x, (str, bool, int, float)) for x in v):
        if len({type(x) for x in v}) <= 1:
            return list(v)
    return json.dumps(v, ensure_ascii=False, sort_keys=True)


def node_props(nid: str, d: dict) -> dict:
    props = {k: _value(v) for k, v in d.items() if v is not None and k not in ("type", "id")}
    props["id"] = nid
    props["type"] = d["type"]
    return props


def edge_props(d: dict) -> dict:
    ev = d.get("evidence") or []
    props = {k: _value(v) for k, v in d.items() if v is not None and k not in ("evidence", "type")}
    props["evidence"] = [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in ev]
    props["evidence_count"] = len(ev)
    return props


def node_rows(g: OrgGraph) -> dict[str, list[dict]]:
    """Rows per node type, in a stable order."""
    out: dict[str, list[dict]] = {t: [] for t in NODE_TYPES}
    for nid, d in sorted(g.g.nodes(data=True), key=lambda x: x[0]):
        out[_label(d["type"])].append({"id": nid, "props": node_props(nid, d)})
    return {t: rows for t, rows in out.items() if rows}


def edge_rows(g: OrgGraph) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {t: [] for t in EDGE_TYPES}
    for u, v, k, d in sorted(g.g.edges(keys=True, data=True), key=lambda x: (x[2], x[0], x[1])):
        out[_rel(k)].append({"s": u, "t": v, "props": edge_props(d)})
    return {t: rows for t, rows in out.items() if rows}


def node_query(node_type: str) -> str:
    """MERGE on the id; replace properties; set this type's label and drop any other type label."""
    label = _label(node_type)
    others = ":".join(t for t in NODE_TYPES if t != label)
    return (f"UNWIND $rows AS r MERGE (n:{NODE_LABEL} {{id: r.id}}) SET n = r.props SET n:{label} "
            f"REMOVE n:{others} RETURN count(n) AS n")


def edge_query(edge_type: str) -> str:
    rel = _rel(edge_type)
    return (f"UNWIND $rows AS r MATCH (a:{NODE_LABEL} {{id: r.s}}) MATCH (b:{NODE_LABEL} {{id: r.t}}) "
            f"MERGE (a)-[e:{rel}]->(b) SET e = r.props RETURN count(e) AS n")


def batches(rows: list[dict], size: int, max_bytes: int | None = None) -> Iterator[list[dict]]:
    """At most `size` rows per batch and, when given, about `max_bytes` of JSON (servers with small messages)."""
    size = max(1, size)
    cur: list[dict] = []
    nbytes = 0
    for r in rows:
        rb = len(json.dumps(r, ensure_ascii=False).encode()) if max_bytes else 0
        if cur and (len(cur) >= size or (max_bytes and nbytes + rb > max_bytes)):
            yield cur
            cur, nbytes = [], 0
        cur.append(r)
        nbytes += rb
    if cur:
        yield cur


def plan(g: OrgGraph, batch_size: int = DEFAULT_BATCH, max_bytes: int | None = None) -> Iterator[tuple[str, str, list[dict]]]:
    """(kind, query, rows) for every batch: all nodes first, then all relationships."""
    for t, rows in node_rows(g).items():
        for b in batches(rows, batch_size, max_bytes):
            yield "nodes", node_query(t), b
    for t, rows in edge_rows(g).items():
        for b in batches(rows, batch_size, max_bytes):
            yield "relationships", edge_query(t), b


def load(run: Run, g: OrgGraph, batch_size: int = DEFAULT_BATCH) -> dict[str, int]:
    """Write `g` through `run(query, params)` (each call one transaction); returns counts written."""
    counts = {"nodes": 0, "relationships": 0}
    for kind, q, rows in plan(g, batch_size):
        run(q, {"rows": rows})
        counts[kind] += len(rows)
    return counts


def falkordb_index_queries() -> list[str]:
    return [f"CREATE INDEX FOR (n:{NODE_LABEL}) ON (n.id)"]


def neo4j_constraint_queries() -> list[str]:
    return [f"CREATE CONSTRAINT orgkg_node_id IF NOT EXISTS FOR (n:{NODE_LABEL}) REQUIRE n.id IS UNIQUE"]


def load_falkordb(graph, g: OrgGraph, batch_size: int = DEFAULT_BATCH) -> dict[str, int]:
    """Load into a falkordb-client Graph (embedded or server): index first, then batches."""
    import redis

    for q in falkordb_index_queries():
        try:
            graph.query(q)
        except redis.ResponseError as e:
            if "already indexed" not in str(e):
                raise
    return load(lambda q, p: graph.query(q, p), g, batch_size)
