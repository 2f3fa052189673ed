"""`orgkg ask NAME ARGS...`: a canned query (chain, subtree, collaborators, span, requires, ...) as a table."""

from __future__ import annotations

from orgkg.errors import UserError

from ._common import add_graph_option, open_graph, table


def register(sub) -> None:
    from orgkg.queries.backends import add_connection_options

    p = sub.add_parser("ask", help="a canned query in networkx, Cypher or SPARQL (same answers)",
                       description="Canned queries: chain ROLE, subtree ROLE, collaborators NAME, span [N], "
                                   "requires COMPETENCY, shared-competencies ROLE_A ROLE_B, path A B.")
    p.add_argument("name", metavar="NAME", help="canned query name")
    p.add_argument("args", nargs="*", metavar="ARGS")
    add_graph_option(p)
    p.add_argument("--lang", choices=("networkx", "cypher", "sparql"), default="networkx")
    add_connection_options(p, "run the Cypher on this server (bolt://, neo4j://, falkordb://) instead of embedded")
    p.set_defaults(func=run)


def run(args) -> int:
    from orgkg.queries import backends
    from orgkg.queries.canned import BadUsage, NotFound, ask, spec

    try:
        c = spec(args.name)
    except NotFound as e:
        raise UserError(str(e), code=2) from None
    g = open_graph(args.graph)
    backend = None
    if args.uri:
        if args.lang != "cypher":
            raise UserError("ask: --uri needs --lang cypher")
        from orgkg.queries.cypher import open_backend

        backend = open_backend(None, args.uri, user=backends.user(args.user),
                               password=backends.password(args.password, args.uri), database=args.database)
    try:
        rows = ask(g, c.name, *args.args, lang=args.lang, backend=backend)
    except BadUsage as e:  # the question is malformed: a usage error
        raise UserError(str(e), code=2) from None
    except NotFound as e:  # a name the graph does not hold
        raise UserError(str(e), code=1) from None
    finally:
        if backend is not None:
            backend.close()
    table([list(r) for r in rows], list(c.columns))
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''}, {args.lang})")
    return 0
