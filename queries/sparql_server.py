"""A thin SPARQL 1.1 Protocol endpoint over a `SparqlStore` (http.server; no framework).

GET /sparql?query=..., POST application/sparql-query, POST form-encoded query=... (and update=... when allowed).
Answers: application/sparql-results+json (default) or text/csv for SELECT/ASK; text/turtle or
application/n-triples for CONSTRUCT/DESCRIBE. Updates get 403 unless allow_update. Each query runs in a
worker thread with a time limit (503 when exceeded) and at most `max_rows` rows (header X-Orgkg-Truncated).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from orgkg.errors import UserError

from .sparql import QueryTimeout, SparqlStore, is_update, one_line

MAX_BODY = 1 << 20  # 1 MiB of query text is plenty


@dataclass
class Limits:
    allow_update: bool = False
    timeout: float = 30.0
    max_rows: int = 100_000


class _Handler(BaseHTTPRequestHandler):
    server_version = "orgkg-sparql/1"
    store: SparqlStore
    limits: Limits
    lock: threading.Lock  # updates are serialised against each other
    quiet: bool = True

    def log_message(self, fmt, *args):  # noqa: D401 - keep test output clean unless asked
        if not self.quiet:
            super().log_message(fmt, *args)

    # ---- routing ----
    def do_GET(self):
        url = urlsplit(self.path)
        if url.path not in ("/sparql", "/query", "/"):
            return self._send(HTTPStatus.NOT_FOUND, "text/plain", f"no such endpoint {url.path}; use /sparql\n")
        params = parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return self._send(HTTPStatus.BAD_REQUEST if self.limits.allow_update else HTTPStatus.FORBIDDEN,
                              "text/plain", "SPARQL updates must be POSTed (and are refused unless --allow-update)\n")
        if "query" not in params:
            return self._send(HTTPStatus.OK, "text/plain",
                              "orgkg SPARQL 1.1 endpoint: GET /sparql?query=... or POST application/sparql-query\n")
        self._run(params["query"][0], update=False)

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path not in ("/sparql", "/query", "/update", "/"):
            return self._send(HTTPStatus.NOT_FOUND, "text/plain", f"no such endpoint {url.path}; use /sparql\n")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "text/plain", "request body too large\n")
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-query":
            return self._run(body, update=False)
        if ctype == "application/sparql-update":
            return self._run(body, update=True)
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            if "update" in form:
                return self._run(form["update"][0], update=True)
            if "query" in form:
                return self._run(form["query"][0], update=False)
            return self._send(HTTPStatus.BAD_REQUEST, "text/plain", "form needs a query= or update= field\n")
        return self._send(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "text/plain",
                          "use application/sparql-query, application/sparql-update or form encoding\n")

    # ---- running ----
    def _run(self, text: str, update: bool):
        if (update or is_update(text)) and not self.limits.allow_update:
            return self._send(HTTPStatus.FORBIDDEN, "text/plain",
                              "SPARQL update refused: this endpoint is read-only (start it with --allow-update)\n")
        if update and not is_update(text):
            return self._send(HTTPStatus.BAD_REQUEST, "text/plain", "not a SPARQL update\n")
        box: dict = {}

        def work():
            try:
                if update or is_update(text):
                    with self.lock:
                        box["result"] = self.store.query(text, allow_update=True)
                else:
                    box["result"] = self.store.query(text, max_rows=self.limits.max_rows, timeout=self.limits.timeout)
            except BaseException as e:  # handed to the request thread
                box["error"] = e

        t = threading.Thread(target=work, daemon=True)
        t.start()
        t.join(self.limits.timeout)
        if t.is_alive() or isinstance(box.get("error"), QueryTimeout):
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain",
                              f"query ran past the time limit of {self.limits.timeout:g} s\n")
        err = box.get("error")
        if isinstance(err, UserError):
            return self._send(HTTPStatus.BAD_REQUEST, "text/plain", one_line(err) + "\n")
        if err is not None:
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/plain", f"{type(err).__name__}: {one_line(err)}\n")
        res = box["result"]
        if res.kind == "update":
            return self._send(HTTPStatus.NO_CONTENT, "text/plain", "")
        accept = (self.headers.get("Accept") or "").lower()
        headers = {"X-Orgkg-Truncated": "true"} if res.truncated else {}
        if res.kind == "construct":
            if "application/n-triples" in accept:
                import pyoxigraph as ox

                data = ox.serialize([ox.Triple(*r) for r in res.terms], format=ox.RdfFormat.N_TRIPLES)
                return self._send(HTTPStatus.OK, "application/n-triples", data, headers)
            return self._send(HTTPStatus.OK, "text/turtle; charset=utf-8", res.to_turtle(), headers)
        if "text/csv" in accept:
            return self._send(HTTPStatus.OK, "text/csv; charset=utf-8", res.to_csv(), headers)
        return self._send(HTTPStatus.OK, "application/sparql-results+json", res.to_json(), headers)

    def _send(self, status, ctype: str, body, headers: dict | None = None):
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if data and self.command != "HEAD":
            self.wfile.write(data)


def make_server(store: SparqlStore, host: str = "127.0.0.1", port: int = 7878, limits: Limits | None = None,
                quiet: bool = True) -> ThreadingHTTPServer:
    """An HTTP server (not yet serving) answering SPARQL over `store`; port 0 picks a free port."""
    handler = type("Handler", (_Handler,), {"store": store, "limits": limits or Limits(), "lock": threading.Lock(),
                                            "quiet": quiet})
    srv = ThreadingHTTPServer((host, port), handler)
    srv.daemon_threads = True
    return srv


def describe(srv: ThreadingHTTPServer) -> str:
    host, port = srv.server_address[:2]
    return f"http://{host}:{port}/sparql"


__all__ = ["Limits", "make_server", "describe"]
