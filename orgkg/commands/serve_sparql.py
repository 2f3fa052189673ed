"""`orgkg serve-sparql [-g GRAPH]`: a SPARQL 1.1 Protocol endpoint over the graph, on 127.0.0.1, read-only by default."""

from __future__ import annotations

import sys

from ._common import add_graph_option


def register(sub) -> None:
    p = sub.add_parser("serve-sparql", help="serve the graph as a SPARQL 1.1 Protocol endpoint (read-only)",
                       description="Serve GRAPH over HTTP for tools that speak the SPARQL 1.1 Protocol: "
                                   "GET /sparql?query=..., POST application/sparql-query or form-encoded. Results are "
                                   "SPARQL results JSON (or CSV with Accept: text/csv); CONSTRUCT gives Turtle. "
                                   "Updates answer 403 unless --allow-update (which changes only the server's memory, "
                                   "never GRAPH); SERVICE/LOAD <url> answer 403 unless --allow-service. Each query "
                                   "runs in a worker process that is stopped after --timeout seconds (503) and gives "
                                   "at most --max-rows rows (the rest is cut and the reply carries "
                                   "X-Orgkg-Truncated: true). No CORS header unless --cors; requests whose Host is "
                                   "not this address or localhost are refused (DNS rebinding).")
    add_graph_option(p, positional=True)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1: this machine only; anything else exposes the graph)")
    p.add_argument("--port", type=int, default=7878, help="port (default 7878; 0 picks a free one)")
    p.add_argument("--allow-update", action="store_true", help="accept SPARQL UPDATE (in memory only; one worker)")
    p.add_argument("--allow-service", action="store_true",
                   help="let queries fetch other servers or URLs (SERVICE, LOAD <url>); refused by default")
    p.add_argument("--cors", metavar="ORIGIN", help="let pages from ORIGIN (e.g. http://localhost:3000) read answers")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also answer requests whose Host header is NAME (repeatable)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="S",
                   help="time limit per query in seconds; the query's worker is stopped (default 30)")
    p.add_argument("--max-rows", type=int, default=100_000, metavar="N",
                   help="result-size limit: at most N rows/triples per answer (default 100000)")
    p.add_argument("--workers", type=int, default=2, metavar="N",
                   help="queries answered at once, one process each (default 2; 1 with --allow-update)")
    p.add_argument("--cache", action="store_true", help="reuse an on-disk store kept beside GRAPH (see `orgkg sparql --cache`)")
    p.add_argument("--verbose", action="store_true", help="log each request on stderr")
    p.set_defaults(func=run)


def run(args) -> int:
    import shutil

    from orgkg.errors import UserError
    from orgkg.queries.sparql_pool import QueryPool, source_for
    from orgkg.queries.sparql_server import Endpoint, Limits

    _stop_on_sigterm()  # first: a SIGTERM from now on removes what this run creates
    if args.timeout <= 0 or args.max_rows <= 0 or args.workers <= 0:
        raise UserError("--timeout, --max-rows and --workers must be positive")
    workers = 1 if args.allow_update else args.workers
    limits = Limits(args.allow_update, args.timeout, args.max_rows, args.allow_service, workers,
                    cors=args.cors, allowed_hosts=tuple(args.allow_host))
    from ._common import graph_file

    source, private = source_for(graph_file(args.graph), persist=args.cache, allow_update=args.allow_update)
    try:
        pool = QueryPool(source, workers)
        try:
            srv = Endpoint(pool, limits, args.host, args.port, quiet=not args.verbose)
        except BaseException:
            pool.close()
            raise
        mode = "read-write (in memory)" if args.allow_update else "read-only"
        if args.host not in ("127.0.0.1", "localhost", "::1"):
            print(f"warning: listening on {args.host}: other machines can query the graph", file=sys.stderr)
        print(f"SPARQL endpoint {srv.url} ({pool.triples} triples, {mode}, {workers} worker"
              f"{'s' if workers != 1 else ''}); Ctrl-C stops", flush=True)
        try:
            srv.serve_forever()  # uvicorn re-raises the signal that stopped it once requests in flight are done
        except KeyboardInterrupt:
            pass
        print("stopped", file=sys.stderr)
    finally:
        if private is not None:
            shutil.rmtree(private, ignore_errors=True)
    return 0


def _stop_on_sigterm() -> None:
    """SIGTERM/SIGHUP end the process through SystemExit, so the private store and the workers are removed."""
    import signal

    def handler(signum, frame):
        raise SystemExit(0)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sig) in (signal.SIG_DFL, None):
            signal.signal(sig, handler)
