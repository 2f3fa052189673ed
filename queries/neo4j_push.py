"""Push an OrgGraph to Neo4j (or any Bolt server, or a FalkorDB server) with the official driver.

Every batch is one `UNWIND $rows AS r MERGE ...` write transaction with parameters (queries.cypher_load), so:
  - pushing twice leaves the same counts (MERGE on the unique id; relationships MERGEd per type and pair);
  - a changed graph updates properties in place (SET n = r.props) and relabels a node whose type changed;
  - nothing is deleted: nodes/relationships in the database but not in the graph are left alone;
  - a connection dropped mid-push leaves whole batches only; rerunning completes without duplicates.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlparse

from orgkg.errors import UserError
from orgkg.graph import OrgGraph

from . import cypher_load
from .cypher import BOLT_SCHEMES, one_line


@dataclass
class PushReport:
    uri: str
    nodes_sent: int = 0
    relationships_sent: int = 0
    batches: int = 0
    seconds: float = 0.0
    db_nodes: int = 0
    db_relationships: int = 0
    index: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def rows_per_second(self) -> float:
        return (self.nodes_sent + self.relationships_sent) / self.seconds if self.seconds else 0.0

    def lines(self) -> list[str]:
        return [f"pushed to {self.uri}: {self.nodes_sent} nodes, {self.relationships_sent} relationships "
                f"in {self.batches} batches, {self.seconds:.2f} s ({self.rows_per_second:,.0f} rows/s)",
                f"database now holds {self.db_nodes} orgkg nodes, {self.db_relationships} relationships between them",
                f"id index: {self.index}", *self.notes]


COUNT_NODES = f"MATCH (n:{cypher_load.NODE_LABEL}) RETURN count(n) AS n"
COUNT_RELS = f"MATCH (:{cypher_load.NODE_LABEL})-[r]->(:{cypher_load.NODE_LABEL}) RETURN count(r) AS n"


@dataclass(frozen=True)
class PushOptions:
    """How a push runs: rows per batch, a progress callback (done, total), how long the driver retries a
    transaction, and a cap on a batch's JSON size (FalkorDB's Bolt listener drops messages above ~4 KB)."""

    batch_size: int = 1000
    progress: Callable[[int, int], None] | None = None
    retry_seconds: float = 15.0
    max_batch_bytes: int | None = None


def push(g: OrgGraph, uri: str, user: str | None = None, password: str | None = None, database: str | None = None,
         options: PushOptions | None = None) -> PushReport:
    """Write `g` to the server at `uri`; returns counts and throughput. Raises UserError on failure.

    Example: push(g, "bolt://127.0.0.1:7687", "neo4j", "secret", options=PushOptions(batch_size=500))
    """
    opt = options or PushOptions()
    batch_size, progress = opt.batch_size, opt.progress
    scheme = urlparse(uri).scheme.lower()
    if scheme == "falkordb":
        return _push_falkordb(g, uri, password, batch_size)
    if scheme not in BOLT_SCHEMES:
        raise UserError(f"{uri}: push needs a bolt://, neo4j://, neo4j+s:// or falkordb:// URI")
    from neo4j import exceptions as nx

    from .cypher import driver as shared_driver

    report = PushReport(uri)
    plan = list(cypher_load.plan(g, batch_size, opt.max_batch_bytes))
    driver = shared_driver(uri, user or "neo4j", password or "", max_transaction_retry_time=opt.retry_seconds)
    done = 0
    try:
        with driver.session(database=database) if database else driver.session() as s:
            report.index = _ensure_index(s)
            t0 = time.perf_counter()
            for kind, q, rows in plan:
                s.execute_write(lambda tx, q=q, rows=rows: tx.run(q, rows=rows).consume())
                done += 1
                if kind == "nodes":
                    report.nodes_sent += len(rows)
                else:
                    report.relationships_sent += len(rows)
                report.batches = done
                if progress:
                    progress(done, len(plan))
            report.seconds = time.perf_counter() - t0
            report.db_nodes = s.execute_read(lambda tx: tx.run(COUNT_NODES).single()["n"])
            report.db_relationships = s.execute_read(lambda tx: tx.run(COUNT_RELS).single()["n"])
    except nx.AuthError as e:
        raise UserError(f"{uri}: authentication failed ({one_line(e.message or e)})") from None
    except (nx.ServiceUnavailable, nx.SessionExpired, ConnectionError, OSError) as e:
        where = f"after {done} of {len(plan)} batches" if done else "before the first batch"
        raise UserError(f"{uri}: connection lost {where} ({one_line(e)}); every finished batch is complete, "
                        "rerun the push to finish (it is idempotent)") from None
    except nx.Neo4jError as e:
        raise UserError(f"{uri}: push failed at batch {done + 1} of {len(plan)}: {one_line(e.message or e)} "
                        f"({e.code})") from None
    except nx.DriverError as e:
        raise UserError(f"{uri}: {one_line(e)}") from None
    return report


def _ensure_index(session) -> str:
    """Neo4j: a uniqueness constraint on Node.id. Servers without constraints (FalkorDB's Bolt): an index."""
    from neo4j import exceptions as nx

    for q in cypher_load.neo4j_constraint_queries():
        try:
            session.run(q).consume()
            return "uniqueness constraint on Node.id"
        except nx.ClientError as e:
            if "already exists" in (e.message or "") or "EquivalentSchemaRule" in (e.code or ""):
                return "uniqueness constraint on Node.id (existed)"
        except nx.Neo4jError:
            pass
    for q in cypher_load.falkordb_index_queries():
        try:
            session.run(q).consume()
            return "index on Node.id (server has no uniqueness constraints via Cypher)"
        except nx.Neo4jError:
            pass
    return "index on Node.id (existed or not supported)"


def _push_falkordb(g: OrgGraph, uri: str, password: str | None, batch_size: int) -> PushReport:
    import redis

    from .cypher import FalkorServerBackend

    b = FalkorServerBackend(uri, password)
    report = PushReport(uri, index="index on Node.id")
    t0 = time.perf_counter()
    try:
        counts = cypher_load.load_falkordb(b.graph, g, batch_size)
        report.seconds = time.perf_counter() - t0
        report.nodes_sent, report.relationships_sent = counts["nodes"], counts["relationships"]
        report.batches = sum(1 for _ in cypher_load.plan(g, batch_size))
        report.db_nodes = b.graph.ro_query(COUNT_NODES).result_set[0][0]
        report.db_relationships = b.graph.ro_query(COUNT_RELS).result_set[0][0]
    except redis.ConnectionError as e:
        raise UserError(f"{uri}: connection lost ({one_line(e)}); rerun the push to finish (it is idempotent)") from None
    except redis.ResponseError as e:
        raise UserError(f"{uri}: push failed: {one_line(e)}") from None
    return report
