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
LOADER_VERSION = "2"  # bump when the mapping changes, so stored copies are rebuilt
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


def load_falkordb(graph, g: OrgGraph, batch_size: int = DEFAULT_BATCH, *, fresh: bool = False,
                  evidence: bool = True) -> dict[str, int]:
    """Load into a falkordb-client Graph (embedded or server): index first, then batches.

    `fresh` (the graph is known to be empty, as in the embedded store): CREATE instead of MERGE, positional rows
    in large batches with a hand-built parameter header (see `bulk_create`). `evidence=False` leaves out the
    evidence texts (edges keep `evidence_count`): the query store canned and typical queries need."""
    import redis

    for q in falkordb_index_queries():
        try:
            graph.query(q)
        except redis.ResponseError as e:
            if "already indexed" not in str(e):
                raise
    if fresh:
        return bulk_create(graph, g, evidence=evidence)
    if not evidence:
        raise ValueError("evidence=False needs fresh=True (MERGE keeps whatever the store holds)")
    return load(lambda q, p: graph.query(q, p), g, batch_size)


# ---- fast path into an empty FalkorDB graph ------------------------------------------------------
# Why: MERGE per row plus the client's generic parameter stringifier (maps with backticked keys) made a
# 10k-role load take ~18 s; CREATE with list rows and a direct header is several times faster.
BULK_BATCH = 20_000


def _lit(v) -> str:
    """A Cypher literal for the CYPHER parameter header (FalkorDB strings: only \\ and \" are escaped)."""
    if v is None:
        return "null"
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, list):
        return "[" + ",".join(_lit(x) for x in v) + "]"
    raise TypeError(f"no Cypher literal for {type(v).__name__}")


def _send(graph, query: str, rows: list[str]) -> None:
    graph.query(f"CYPHER rows=[{','.join(rows)}] {query}")


def _chunks(rows: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def bulk_create(graph, g: OrgGraph, batch_size: int = BULK_BATCH, evidence: bool = True) -> dict[str, int]:
    """CREATE every node and relationship of `g` in an EMPTY FalkorDB graph (same mapping as `load`)."""
    by_type: dict[str, list] = {}
    for nid, d in g.g.nodes(data=True):
        by_type.setdefault(_label(d["type"]), []).append((nid, d))
    counts = {"nodes": 0, "relationships": 0}
    for label, items in by_type.items():
        keys = sorted({k for _, d in items for k, v in d.items() if v is not None and k not in ("type", "id")})
        sets = ", ".join(f"n.`{k}` = r[{i + 2}]" for i, k in enumerate(keys))
        q = f"UNWIND $rows AS r CREATE (n:{NODE_LABEL}:{label} {{id: r[0], type: r[1]}})" + (f" SET {sets}" if sets else "")
        rows = ["[" + ",".join([_lit(nid), _lit(d["type"])] + [_lit(_value(d[k])) if d.get(k) is not None else "null"
                                                                  for k in keys]) + "]" for nid, d in items]
        for b in _chunks(rows, batch_size):
            _send(graph, q, b)
        counts["nodes"] += len(rows)
    by_rel: dict[str, list[str]] = {}
    keys: dict[str, set[str]] = {}
    for _, _, k, d in g.g.edges(keys=True, data=True):  # other edge attributes (reviewed, ...): r[4], r[5], ...
        keys.setdefault(_rel(k), set()).update(kk for kk, vv in d.items() if vv is not None and kk not in ("evidence", "type"))
    extra = {rel: sorted(ks) for rel, ks in keys.items()}
    for u, v, k, d in g.g.edges(keys=True, data=True):
        ev = d.get("evidence") or []
        cells = [_lit(u), _lit(v), str(len(ev)), _lit([json.dumps(e, ensure_ascii=False, sort_keys=True) for e in ev])
                 if evidence else "null"]
        cells += [_lit(_value(d[kk])) if d.get(kk) is not None else "null" for kk in extra[_rel(k)]]
        by_rel.setdefault(_rel(k), []).append("[" + ",".join(cells) + "]")
    for rel, rows in by_rel.items():
        sets = ["e.evidence = r[3]"] if evidence else []
        sets += [f"e.`{kk}` = r[{i + 4}]" for i, kk in enumerate(extra[rel])]
        q = (f"UNWIND $rows AS r MATCH (a:{NODE_LABEL} {{id: r[0]}}) MATCH (b:{NODE_LABEL} {{id: r[1]}}) "
             f"CREATE (a)-[e:{rel} {{evidence_count: r[2]}}]->(b)" + (f" SET {', '.join(sets)}" if sets else ""))
        for b in _chunks(rows, batch_size):
            _send(graph, q, b)
        counts["relationships"] += len(rows)
    return counts
