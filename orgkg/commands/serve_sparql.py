"""`orgkg serve-sparql GRAPH`: a SPARQL 1.1 Protocol endpoint over the graph, on 127.0.0.1, read-only by default."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("serve-sparql", help="serve the graph as a SPARQL 1.1 Protocol endpoint (read-only)",
                       description="Serve GRAPH over HTTP for tools that speak the SPARQL 1.1 Protocol: "
                                   "GET /sparql?query=..., POST application/sparql-query or form-encoded. Results are "
                                   "SPARQL results JSON (or CSV with Accept: text/csv); CONSTRUCT gives Turtle. "
                                   "Updates answer 403 unless --allow-update (which changes only the server's memory, "
                                   "never GRAPH). Each query is limited to --timeout seconds (503 after) and --max-rows "
                                   "rows (the rest is cut and the reply carries X-Orgkg-Truncated: true).")
    p.add_argument("graph", metavar="GRAPH", help="graph file from `orgkg build`")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1: this machine only; anything else exposes the graph)")
    p.add_argument("--port", type=int, default=7878, help="port (default 7878; 0 picks a free one)")
    p.add_argument("--allow-update", action="store_true", help="accept SPARQL UPDATE (in memory only)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="S", help="time limit per query in seconds (default 30)")
    p.add_argument("--max-rows", type=int, default=100_000, metavar="N",
                   help="result-size limit: at most N rows/triples per answer (default 100000)")
    p.add_argument("--cache", action="store_true", help="reuse an on-disk store kept beside GRAPH (see `orgkg sparql --cache`)")
    p.add_argument("--verbose", action="store_true", help="log each request on stderr")
    p.set_defaults(func=run)


def run(args) -> int:
    from orgkg.errors import UserError
    from orgkg.queries.sparql import store_for_file
    from orgkg.queries.sparql_server import Limits, describe, make_server

    if args.timeout <= 0 or args.max_rows <= 0:
        raise UserError("--timeout and --max-rows must be positive")
    store = store_for_file(args.graph, persist=args.cache and not args.allow_update)
    try:
        srv = make_server(store, args.host, args.port, Limits(args.allow_update, args.timeout, args.max_rows),
                          quiet=not args.verbose)
    except OSError as e:
        raise UserError(f"{args.host}:{args.port}: cannot listen ({e.strerror or e})") from None
    mode = "read-write (in memory)" if args.allow_update else "read-only"
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: listening on {args.host}: other machines can query the graph", file=sys.stderr)
    print(f"SPARQL endpoint {describe(srv)} ({len(store)} triples, {mode}); Ctrl-C stops", flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        srv.server_close()
    return 0
