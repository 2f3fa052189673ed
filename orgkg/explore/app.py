"""The explorer as an ASGI app: the page, its vendored assets and a small read-only JSON API.

Everything is served from the package (no CDN: it works offline). Only GET/HEAD exist, so nothing can change
the graph; no CORS header is sent, so other sites' pages cannot read the answers; a Host header naming
anything but the bound address or localhost is refused, so a DNS-rebinding page cannot reach it either.
The API is documented in docs/explorer.md.
"""

from __future__ import annotations

from functools import lru_cache

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from orgkg.graph import OrgGraph
from orgkg.viz import explore
from orgkg.viz.assets import STATIC
from orgkg.viz.search import SearchIndex

LOCAL_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")
CSP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


def _json(data, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers={"Cache-Control": "no-store"})


def _not_found(what: str) -> JSONResponse:
    return _json({"error": "not found", "detail": what}, 404)


def make_app(g: OrgGraph, host: str = "127.0.0.1", title: str = "orgkg explorer") -> Starlette:
    """The explorer for graph `g`; requests must name `host` or localhost in their Host header."""
    index = SearchIndex.from_graph(g)

    @lru_cache(maxsize=4096)
    def card(nid: str) -> dict:
        return explore.card(g, nid)

    async def page(request: Request) -> Response:
        return FileResponse(STATIC / "explorer.html", headers={"Cache-Control": "no-store"})

    async def search(request: Request) -> Response:
        q = request.query_params.get("q", "")
        try:
            limit = max(1, min(100, int(request.query_params.get("limit", "20"))))
        except ValueError:
            return _json({"error": "bad request", "detail": "limit must be a whole number"}, 400)
        return _json(index.search(q, limit))

    async def node(request: Request) -> Response:
        nid = request.path_params["nid"]
        if nid not in g.g:
            return _not_found(f"no node with id {nid!r}")
        return _json(card(nid))

    async def roots(request: Request) -> Response:
        return _json({"title": title, "summary": g.summary(), "roots": explore.roots(g)})

    async def document(request: Request) -> Response:
        name = request.path_params["name"]
        try:
            return _json(explore.document(g, name))
        except KeyError:
            return _not_found(f"no document named {name!r} in the graph")
        except OSError as e:
            return _not_found(f"document {name!r}: source file unreadable ({e.strerror or e})")

    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _json({"error": exc.detail}, exc.status_code)

    routes = [
        Route("/", page, methods=["GET", "HEAD"]),
        Route("/api/search", search, methods=["GET", "HEAD"]),
        Route("/api/nodes/{nid:path}", node, methods=["GET", "HEAD"]),
        Route("/api/roots", roots, methods=["GET", "HEAD"]),
        Route("/api/docs/{name:path}", document, methods=["GET", "HEAD"]),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    hosts = list(dict.fromkeys([host, *LOCAL_NAMES]))
    return Starlette(routes=routes, exception_handlers={HTTPException: http_error},
                     middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts), Middleware(SecurityHeaders)])


class SecurityHeaders:
    """Adds a strict Content-Security-Policy (nothing but this server, so no request can leave the machine)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [
                    (b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer")]
            await send(message)

        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)
