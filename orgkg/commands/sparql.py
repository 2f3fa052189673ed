"""`orgkg sparql GRAPH 'SELECT ...'`: SPARQL 1.1 over the graph (embedded pyoxigraph), read-only by default."""

from __future__ import annotations

import sys

from ._common import add_graph_option


def register(sub) -> None:
    p = sub.add_parser("sparql", help="run a SPARQL 1.1 query over the graph (embedded pyoxigraph)",
                       description="Run a SPARQL 1.1 query over GRAPH. Prefixes org:, skos:, schema:, prov:, orgkg:, "
                                   "rdfs:, rdf:, owl:, xsd: and id: (node IRIs) are predeclared. Updates (INSERT, DELETE, "
                                   "LOAD, CLEAR, DROP, CREATE...) are refused unless --allow-update (they then change "
                                   "only the in-memory store, never the graph file).")
    p.add_argument("args", nargs="+", metavar="[GRAPH] QUERY",
                   help="graph file (optional, the same as --graph) and the SPARQL text, @FILE to read it, - for stdin")
    add_graph_option(p)
    p.add_argument("--format", choices=("table", "json", "csv"), default="table",
                   help="table (default), json (SPARQL results JSON) or csv (SPARQL results CSV)")
    p.add_argument("--allow-update", action="store_true", help="allow SPARQL UPDATE on the in-memory store")
    p.add_argument("--cache", action="store_true",
                   help="keep an on-disk store beside GRAPH (.GRAPH.oxigraph-<sha256>) and reuse it while GRAPH is unchanged")
    p.add_argument("--timeout", type=float, metavar="S",
                   help="time limit in seconds: the query runs in a worker process that is stopped after S seconds")
    p.add_argument("--allow-service", action="store_true",
                   help="let the query fetch other servers or URLs (SERVICE, LOAD <url>); refused by default")
    p.add_argument("--max-rows", type=int, metavar="N", help="print at most N rows")
    p.set_defaults(func=run)


def read_query(q: str) -> str:
    from pathlib import Path

    from orgkg.errors import UserError

    if q == "-":
        return sys.stdin.read()
    if q.startswith("@"):
        try:
            return Path(q[1:]).read_text(encoding="utf-8")
        except OSError as e:
            raise UserError(f"{q[1:]}: cannot read query file ({e.strerror or e})") from None
    return q


def run(args) -> int:
    from orgkg.errors import UserError
    from orgkg.queries.sparql import compact, store_for_file

    from ._common import graph_file, open_graph, table

    if len(args.args) > 2:
        raise UserError("sparql: give [GRAPH] QUERY (quote the query)")
    if len(args.args) == 2:
        if args.graph not in (None, args.args[0]):
            raise UserError(f"give the graph once: GRAPH {args.args[0]} and --graph {args.graph} differ")
        args.graph = args.args[0]
    text = read_query(args.args[-1])
    if args.timeout is not None or args.cache:
        args.graph = graph_file(args.graph)
    if args.timeout is not None:
        res = _run_limited(args, text)
    else:
        from orgkg.queries.sparql import store_for

        store = (store_for_file(args.graph, persist=args.cache and not args.allow_update) if args.graph
                 else store_for(open_graph(None)))
        res = store.query(text, allow_update=args.allow_update, max_rows=args.max_rows,
                          allow_service=args.allow_service)
    if res.kind == "update":
        print("update applied to the in-memory store (the graph file is unchanged)", file=sys.stderr)
        return 0
    if args.format == "json":
        print(res.to_json())
    elif args.format == "csv":
        sys.stdout.write(res.to_csv())
    elif res.kind == "ask":
        print("true" if res.boolean else "false")
    else:
        rows = [[compact(v) if isinstance(v, str) and v.startswith(("http://", "https://")) else v for v in r]
                for r in res.rows]
        table(rows, res.columns)
        print(f"({len(rows)} row{'s' if len(rows) != 1 else ''}{', truncated' if res.truncated else ''})", file=sys.stderr)
    return 0


class _Printed:
    """A worker's answer already in its output form (json/csv), printed as is."""

    def __init__(self, ans):
        self.kind, self.truncated, self.body = ans.kind, ans.truncated, ans.body.decode("utf-8")

    def to_json(self) -> str:
        return self.body.rstrip("\n")

    def to_csv(self) -> str:
        return self.body


def _run_limited(args, text: str):
    """Run in a worker process that is killed at the time limit (pyoxigraph cannot be interrupted in-process)."""
    from pathlib import Path

    from orgkg.errors import UserError
    from orgkg.queries.sparql import persisted_store
    from orgkg.queries.sparql_pool import Job, QueryPool, Source

    if args.timeout <= 0:
        raise UserError("--timeout must be positive")
    path = Path(args.graph)
    if not path.is_file():
        raise UserError(f"{path}: no such graph file")
    cached = args.cache and not args.allow_update
    pool = QueryPool(Source(store_dir=str(persisted_store(path))) if cached else Source(graph=str(path)), 1)
    try:
        form = args.format if args.format in ("json", "csv") else "rows"
        ans = pool.run(Job(text, form, max_rows=args.max_rows, allow_update=args.allow_update,
                           allow_service=args.allow_service), args.timeout)
    finally:
        pool.close()
    return ans.result if ans.result is not None else _Printed(ans)
