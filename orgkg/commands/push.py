"""`orgkg push GRAPH --uri bolt://...`: write the graph to Neo4j (idempotent batched MERGE)."""

from __future__ import annotations

import os
import sys

from orgkg.errors import UserError

from ._common import add_graph_option


def register(sub) -> None:
    from orgkg.queries.backends import add_connection_options

    p = sub.add_parser("push", help="push the graph to Neo4j (or a FalkorDB server); idempotent",
                       description="Write GRAPH to the server at --uri (env NEO4J_URI) in batched UNWIND ... MERGE "
                                   "transactions. Pushing twice leaves the same counts; nothing is deleted.")
    add_graph_option(p, positional=True)
    add_connection_options(p, "bolt://, neo4j://, neo4j+s:// or falkordb://host:port[/graph] (env NEO4J_URI)")
    p.add_argument("--batch-size", type=int, default=1000, help="rows per transaction (default 1000)")
    p.add_argument("--max-batch-bytes", type=int, default=None,
                   help="also cap a batch's size in bytes (FalkorDB's Bolt listener drops messages above ~4 KB: use 3000)")
    p.set_defaults(func=run)


def run(args) -> int:
    from orgkg.queries import backends
    from orgkg.queries.neo4j_push import PushOptions, push

    from ._common import open_graph

    uri = args.uri or os.environ.get("NEO4J_URI")
    if not uri:
        raise UserError("push: give --uri bolt://host:7687 (or set NEO4J_URI)")
    if args.batch_size < 1:
        raise UserError("push: --batch-size must be >= 1")
    g = open_graph(args.graph)
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if tty:
            print(f"\r  batch {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    options = PushOptions(args.batch_size, progress, max_batch_bytes=args.max_batch_bytes)
    report = push(g, uri, backends.user(args.user), backends.password(args.password, uri), args.database, options)
    for line in report.lines():
        print(line)
    return 0
