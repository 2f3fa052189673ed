"""`orgkg cypher [-g GRAPH] QUERY`: run Cypher on the graph (embedded FalkorDB) or on a server (--uri)."""

from __future__ import annotations

import json
import sys

from orgkg.errors import UserError

from ._common import add_graph_option, table


def register(sub) -> None:
    from orgkg.queries.backends import add_connection_options

    p = sub.add_parser("cypher", help="run a Cypher query (embedded FalkorDB, or Neo4j/FalkorDB with --uri)",
                       description="Run QUERY on GRAPH (embedded FalkorDB; default: ./org.json, else the sample graph) or on the "
                                   "server given by --uri. Read-only unless --write.")
    p.add_argument("args", nargs="+", metavar="[GRAPH] QUERY",
                   help="graph file (optional, the same as --graph) and the Cypher query")
    add_graph_option(p)
    p.add_argument("--param", action="append", default=[], metavar="NAME=JSON",
                   help="query parameter, e.g. --param 'id=\"role:chief-of-staff\"' (repeatable)")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--write", action="store_true", help="allow writes (default: read-only; a write to GRAPH's "
                                                        "embedded store is dropped: the next run reloads GRAPH)")
    p.add_argument("--timeout", type=float, metavar="S", help="stop the query after S seconds")
    p.add_argument("--retry", action="store_true",
                   help="with --uri: keep trying a server that is not reachable yet (default: fail within 10 s)")
    add_connection_options(p, "bolt://, neo4j://, neo4j+s:// or falkordb://host:port[/graph] (default: embedded)")
    p.set_defaults(func=run)


def parse_params(items: list[str]) -> dict:
    params = {}
    for it in items:
        name, sep, val = it.partition("=")
        if not sep or not name.isidentifier():
            raise UserError(f"--param {it!r}: expected NAME=JSON")
        try:
            params[name] = json.loads(val)
        except json.JSONDecodeError:
            params[name] = val  # a bare string
    return params


def run(args) -> int:
    from orgkg.queries import backends
    from orgkg.queries.cypher import cypher

    if len(args.args) > 2:
        raise UserError("cypher: give [GRAPH] QUERY (quote the query)")
    graph, query = (args.args if len(args.args) == 2 else (None, args.args[0]))
    if graph and args.graph not in (None, graph):
        raise UserError(f"give the graph once: GRAPH {graph} and --graph {args.graph} differ")
    graph = graph or args.graph
    params = parse_params(args.param)
    if args.timeout is not None and args.timeout <= 0:
        raise UserError("--timeout must be positive")
    if args.uri:
        import logging

        logging.getLogger("neo4j").setLevel(logging.CRITICAL)  # its retry notes are multi-line; errors say it all
        res = cypher(None, query, params, write=args.write, backend=args.uri, user=backends.user(args.user),
                     password=backends.password(args.password, args.uri), database=args.database,
                     timeout=args.timeout, retry=args.retry)
    else:
        from ._common import open_graph

        res = cypher(graph if graph else open_graph(None), query, params, write=args.write, timeout=args.timeout)
    print_result(res.columns, res.rows, args.format)
    return 0


def print_result(columns: list[str], rows: list, fmt: str) -> None:
    if fmt == "json":
        print(json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=1, default=str))
    elif fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(columns)
        for r in rows:
            w.writerow([json.dumps(c, ensure_ascii=False) if isinstance(c, (list, dict)) else c for c in r])
    else:
        table([list(r) for r in rows], list(columns))
        print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
