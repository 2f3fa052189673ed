"""The SPARQL 1.1 Protocol endpoint: a Starlette app on uvicorn, queries answered by a `QueryPool` of workers.

GET /sparql?query=..., POST application/sparql-query, POST form-encoded query=... (and update=... when allowed).
Answers: application/sparql-results+json (default) or text/csv for SELECT/ASK; text/turtle or
application/n-triples for CONSTRUCT/DESCRIBE. Why each guard:
  - a browser page must not read the graph: no CORS header unless `cors` names an origin, and a Host header
    that is not the bound address or localhost is refused (DNS rebinding);
  - SERVICE / LOAD <url> would make this server fetch any URL: refused unless `allow_service`;
  - bodies are counted as they arrive (1 MiB), whatever Content-Length claims; uvicorn refuses malformed ones;
  - queries run in worker processes killed at the time limit (503); at most `workers` run and `queue` wait,
    the rest get 503 with Retry-After at once instead of a reset connection.

    app = make_app(pool, Limits(), host="127.0.0.1")      # any ASGI server; `Endpoint` runs it on uvicorn
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from orgkg.errors import UserError

from .guard import check_shape, shorten, uses_service
from .sparql import QueryTimeout, is_update
from .sparql_pool import EngineCrash, Job, QueryPool

MAX_BODY = 1 << 20  # 1 MiB of query text is plenty
PATHS = ("/sparql", "/query", "/update", "/")
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass
class Limits:
    allow_update: bool = False
    timeout: float = 30.0
    max_rows: int = 100_000
    allow_service: bool = False
    workers: int = 2
    queue: int = 256  # requests waiting for a worker before new ones get 503 + Retry-After
    cors: str | None = None
    allowed_hosts: tuple[str, ...] = ()


def _text(status: int, msg: str, headers: dict | None = None) -> Response:
    return Response(msg + ("\n" if msg else ""), status, headers, media_type="text/plain")


def host_name(header: str) -> str:
    """The host part of a Host header, lower case: '[::1]:7878' -> '::1', 'Example.org.:80' -> 'example.org'."""
    h = header.strip().lower()
    if h.startswith("["):
        return h[1:h.find("]")] if "]" in h else h
    if h.count(":") == 1:
        h = h.split(":")[0]
    return h.rstrip(".")


def host_allowed(header: str | None, bound: str, extra: tuple[str, ...] = ()) -> bool:
    """A Host the server answers to: the bound address, localhost, or one named by the user. When bound to every
    interface, any IP literal too (DNS rebinding needs a name that resolves to us; an address cannot)."""
    if header is None:
        return True  # HTTP/1.0 without Host: not a browser
    name = host_name(header)
    if name in LOCAL_NAMES or name == host_name(bound) or name in {host_name(x) for x in extra}:
        return True
    if bound in ("0.0.0.0", "::", ""):
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return False
    return False


class _State:
    """Admission control shared by the requests of one app."""

    def __init__(self, pool: QueryPool, limits: Limits):
        self.pool, self.limits = pool, limits
        self.sem = asyncio.Semaphore(limits.workers)
        self.waiting = 0
        self.executor = ThreadPoolExecutor(max_workers=limits.workers + 2, thread_name_prefix="orgkg-sparql")


async def _read_body(request: Request) -> bytes | Response:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY:
        return _text(413, f"request body too large (limit {MAX_BODY} bytes)")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return _text(413, f"request body too large (limit {MAX_BODY} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _form(body: bytes) -> dict:
    return parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)


async def _dispatch(request: Request, st: _State) -> Response:
    path = request.url.path
    if path not in PATHS:
        return _text(404, f"no such endpoint {path}; use /sparql")
    if request.method == "GET":
        params = parse_qs(request.url.query, keep_blank_values=True)
        if "update" in params:
            return _text(400 if st.limits.allow_update else 403,
                         "SPARQL updates must be POSTed (and are refused unless --allow-update)")
        if "query" not in params:
            return _text(200, "orgkg SPARQL 1.1 endpoint: GET /sparql?query=... or POST application/sparql-query")
        return await _run(st, params["query"][0], False, request)
    if request.method != "POST":
        return _text(405, "use GET or POST", {"Allow": "GET, POST"})
    body = await _read_body(request)
    if isinstance(body, Response):
        return body
    ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if ctype == "application/sparql-query":
        return await _run(st, body.decode("utf-8", "replace"), False, request)
    if ctype == "application/sparql-update":
        return await _run(st, body.decode("utf-8", "replace"), True, request)
    if ctype == "application/x-www-form-urlencoded":
        form = _form(body)
        if "update" in form:
            return await _run(st, form["update"][0], True, request)
        if "query" in form:
            return await _run(st, form["query"][0], False, request)
        return _text(400, "form needs a query= or update= field")
    return _text(415, "use application/sparql-query, application/sparql-update or form encoding")


def _refusal(text: str, update: bool, limits: Limits) -> Response | None:
    """Checks that need no worker: read-only, federation, size and nesting."""
    if (update or is_update(text)) and not limits.allow_update:
        return _text(403, "SPARQL update refused: this endpoint is read-only (start it with --allow-update)")
    if update and not is_update(text):
        return _text(400, "not a SPARQL update")
    try:
        check_shape(text, "SPARQL")
    except UserError as e:
        return _text(400, str(e))
    if not limits.allow_service and uses_service(text):
        return _text(403, "SPARQL SERVICE/LOAD refused: this endpoint does not fetch other servers or URLs "
                          "(start it with --allow-service)")
    return None


async def _run(st: _State, text: str, update: bool, request: Request) -> Response:
    refused = _refusal(text, update, st.limits)
    if refused is not None:
        return refused
    if st.waiting >= st.limits.queue:
        return _text(503, "busy: too many queries waiting; retry shortly", {"Retry-After": "1"})
    accept = (request.headers.get("accept") or "").lower()
    job = Job(text, form="csv" if "text/csv" in accept else "json",
              rdf="ntriples" if "application/n-triples" in accept else "turtle", max_rows=st.limits.max_rows,
              allow_update=st.limits.allow_update, allow_service=st.limits.allow_service)
    st.waiting += 1
    try:
        await st.sem.acquire()
    finally:
        st.waiting -= 1
    try:
        loop = asyncio.get_running_loop()
        ans = await loop.run_in_executor(st.executor, st.pool.run, job, st.limits.timeout)
    except QueryTimeout:
        return _text(503, f"query ran past the time limit of {st.limits.timeout:g} s and was stopped")
    except EngineCrash as e:
        return _text(500, shorten(e, 400))
    except UserError as e:
        return _text(400, shorten(e, 400))
    finally:
        st.sem.release()
    if ans.kind == "update":
        return Response(b"", 204)
    headers = {"X-Orgkg-Truncated": "true"} if ans.truncated else {}
    return Response(ans.body, 200, headers, media_type=ans.ctype)


def make_app(pool: QueryPool, limits: Limits, host: str = "127.0.0.1") -> Starlette:
    """The ASGI app answering SPARQL over `pool` for a server bound to `host`."""
    state: dict = {}

    async def endpoint(request: Request) -> Response:
        if not host_allowed(request.headers.get("host"), host, limits.allowed_hosts):
            return _text(403, "Host header names another server; this endpoint answers to "
                              f"{host} and localhost (--allow-host adds names)")
        st = state.get("st")
        if st is None:
            st = state["st"] = _State(pool, limits)
        try:
            return await _dispatch(request, st)
        except Exception as e:  # never a traceback on the wire
            return _text(500, f"internal error: {type(e).__name__}: {shorten(e)}")

    middleware = []
    if limits.cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=[limits.cors], allow_methods=["GET", "POST"],
                                     allow_headers=["Content-Type", "Accept"], expose_headers=["X-Orgkg-Truncated"]))
    routes = [Route("/{path:path}", endpoint, methods=["GET", "POST", "PUT", "DELETE", "PATCH"])]
    return Starlette(routes=routes, middleware=middleware)


def listen(host: str, port: int, backlog: int = 2048) -> socket.socket:
    """A listening socket (port 0 picks a free one); the backlog keeps bursts of connections from being reset."""
    try:
        info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(info[0], socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(info[4])
        sock.listen(backlog)
    except OSError as e:
        raise UserError(f"{host}:{port}: cannot listen ({e.strerror or e})") from None
    return sock


class Endpoint:
    """The app on uvicorn over one listening socket: `serve_forever()` (CLI) or `start()`/`stop()` (a thread)."""

    def __init__(self, pool: QueryPool, limits: Limits, host: str = "127.0.0.1", port: int = 7878,
                 quiet: bool = True):
        import uvicorn

        self.pool, self.host = pool, host
        self.sock = listen(host, port)
        config = uvicorn.Config(make_app(pool, limits, host), http="h11", lifespan="off", access_log=not quiet,
                                log_level="warning" if quiet else "info", limit_concurrency=4 * limits.queue + 64,
                                timeout_keep_alive=5, server_header=False, date_header=False)
        self.server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.sock.getsockname()[:2]
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}/sparql"

    def serve_forever(self) -> None:
        """Serve until SIGINT/SIGTERM (uvicorn's handlers finish the requests in flight), then close."""
        try:
            self.server.run(sockets=[self.sock])
        finally:
            self.close()

    def start(self) -> Endpoint:
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self._thread.start()
        while not self.server.started and self._thread.is_alive():
            self._thread.join(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)
        self.close()

    def close(self) -> None:
        self.pool.close()
        try:
            self.sock.close()
        except OSError:
            pass


__all__ = ["Endpoint", "Limits", "make_app", "host_allowed", "listen", "MAX_BODY"]
