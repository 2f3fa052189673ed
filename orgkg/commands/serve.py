"""`orgkg serve [GRAPH]`: the read-only org explorer in the browser, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import socket
import sys

LOCAL = ("127.0.0.1", "localhost", "::1")


def register(sub) -> None:
    p = sub.add_parser("serve", help="explore the graph in a browser (read-only, local)",
                       description="Serve an org explorer: ranked search as you type, org chart centred on a role "
                                   "with its chain to the top, side card with evidence, collaborators star, "
                                   "deep links, PNG/SVG export. Read-only, offline, 127.0.0.1 by default; opens "
                                   "nothing by itself. API: docs/explorer.md.")
    from ._common import add_graph_option

    add_graph_option(p, positional=True)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1: this machine only; anything else exposes the graph)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 picks a free one)")
    p.set_defaults(func=run)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, so the printed URL carries the real port even for --port 0."""
    from orgkg.errors import UserError

    try:
        info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(info[0], socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(info[4])
        sock.listen(128)
    except OSError as e:
        raise UserError(f"{host}:{port}: cannot listen ({e.strerror or e})") from None
    sock.set_inheritable(True)
    return sock


def run(args) -> int:
    import uvicorn

    from orgkg.commands._common import open_graph
    from orgkg.explore import make_app

    if not 0 <= args.port <= 65535:
        from orgkg.errors import UserError
        raise UserError(f"--port {args.port}: must be 0-65535")
    g = open_graph(args.graph)
    if args.host not in LOCAL:
        print(f"warning: listening on {args.host}: other machines can read the graph", file=sys.stderr)
    sock = bind(args.host, args.port)
    port = sock.getsockname()[1]
    shown = f"[{args.host}]" if ":" in args.host else args.host
    app = make_app(g, host=args.host, title=args.graph or "sample graph")
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    print(f"orgkg explorer on http://{shown}:{port}/ ({len(g):,} nodes, read-only); Ctrl-C stops", flush=True)
    try:
        server.run(sockets=[sock])  # uvicorn finishes open requests on Ctrl-C, then re-raises the signal
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    print("stopped", file=sys.stderr)
    return 0
