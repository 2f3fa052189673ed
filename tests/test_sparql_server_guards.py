"""The SPARQL endpoint against a hostile or unlucky client: real sockets, a real `orgkg serve-sparql` process.

CORS and Host (DNS rebinding), SERVICE (request forgery), malformed and endless bodies, 200 connections at
once, saturation, time limits that stop the work, crashes of a worker, and kill -9 of the server.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

import orgkg
from orgkg.errors import UserError
from orgkg.queries import procs
from orgkg.queries.sparql import sparql
from orgkg.queries.sparql_pool import QueryPool, Source
from orgkg.queries.sparql_server import Endpoint, Limits, host_allowed

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"  # minutes of work on the sample


def start_cli(graph: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    p = subprocess.Popen([sys.executable, "-m", "orgkg", "serve-sparql", str(graph), "--port", "0", *extra],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    assert "SPARQL endpoint http://127.0.0.1:" in line, line + p.stderr.read()
    return p, line.split()[2]


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("guards") / "org.json"
    orgkg.sample_graph().save(path)
    return path


@pytest.fixture(scope="module")
def cli(graph):
    p, url = start_cli(graph, "--timeout", "2")
    yield p, url
    p.terminate()
    p.wait(timeout=15)


def request(url: str, method: str = "GET", query: str | None = None, headers: dict | None = None,
            body: bytes | None = None) -> tuple[int, dict, str]:
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    path = u.path + ("?" + urllib.parse.urlencode({"query": query}) if query else "")
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    out = r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode()
    c.close()
    return out


def raw(url: str, head: bytes, body_chunks=(), read: bool = True) -> bytes:
    """Send bytes on a plain socket (for requests http.client will not make) and read the reply."""
    u = urllib.parse.urlsplit(url)
    with socket.create_connection((u.hostname, u.port), timeout=30) as s:
        s.sendall(head)
        try:
            for chunk in body_chunks:
                s.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading: what we want; its reply is still there to read
        data = b""
        while read:
            try:
                part = s.recv(65536)
            except ConnectionResetError:
                break
            if not part:
                break
            data += part
            if b"\r\n\r\n" in data:  # the status line and headers are all these tests read
                break
        return data


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


# ---- CORS and Host ----------------------------------------------------------------------------------

def test_no_cors_header_unless_asked(cli):
    _, url = cli
    code, headers, _ = request(url, query="ASK { ?s ?p ?o }", headers={"Origin": "http://evil.example"})
    assert code == 200 and "access-control-allow-origin" not in headers
    code, headers, _ = request(url, "OPTIONS", headers={"Origin": "http://evil.example",
                                                        "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in headers


def test_cors_names_only_the_given_origin(graph):
    srv = Endpoint(QueryPool(Source(graph=str(graph)), 1), Limits(cors="http://localhost:3000", workers=1), port=0)
    srv.start()
    try:
        _, headers, _ = request(srv.url, query="ASK { ?s ?p ?o }", headers={"Origin": "http://localhost:3000"})
        assert headers["access-control-allow-origin"] == "http://localhost:3000"
        _, headers, _ = request(srv.url, query="ASK { ?s ?p ?o }", headers={"Origin": "http://evil.example"})
        assert headers.get("access-control-allow-origin") in (None, "http://localhost:3000")
        assert headers.get("access-control-allow-origin") != "*"
    finally:
        srv.stop()


@pytest.mark.parametrize("host,ok", [("evil.example", False), ("evil.example:7878", False), ("localhost", True),
                                     ("127.0.0.1:{port}", True), ("localhost:{port}", True), ("[::1]:{port}", True),
                                     ("127.0.0.1.nip.io:{port}", False)])
def test_host_header_must_name_this_server(cli, host, ok):
    _, url = cli
    port = urllib.parse.urlsplit(url).port
    code, _, body = request(url, query="ASK { ?s ?p ?o }", headers={"Host": host.format(port=port)})
    assert (code == 200) == ok, body
    if not ok:
        assert code == 403 and body.count("\n") == 1


def test_host_rules():
    assert host_allowed("myhost:80", "myhost") and host_allowed("10.1.2.3:7878", "0.0.0.0")
    assert not host_allowed("rebind.example", "0.0.0.0") and host_allowed("name.lan", "127.0.0.1", ("name.lan",))


# ---- SERVICE ----------------------------------------------------------------------------------------

def test_service_refused_on_every_surface(cli, graph, listener):
    port, hits = listener
    q = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    _, url = cli
    code, _, body = request(url, query=q)
    assert code == 403 and "SERVICE" in body and body.count("\n") == 1
    code, _, _ = request(url, "POST", headers={"Content-Type": "application/sparql-query"}, body=q.encode())
    assert code == 403
    r = subprocess.run([sys.executable, "-m", "orgkg", "sparql", str(graph), q], capture_output=True, text=True)
    assert r.returncode == 2 and "SERVICE" in r.stderr and r.stderr.count("\n") == 1
    with pytest.raises(UserError, match="SERVICE"):
        sparql(orgkg.sample_graph(), q)
    time.sleep(0.3)
    assert hits == []
    # the same query with the switch reaches out: the refusal above is what kept the listener quiet
    with pytest.raises(UserError):
        sparql(orgkg.sample_graph(), q, allow_service=True)  # the listener answers nothing useful
    assert hits


def test_service_unbound_is_a_clean_400(graph):
    srv = Endpoint(QueryPool(Source(graph=str(graph)), 1), Limits(allow_service=True, workers=1), port=0).start()
    try:
        code, _, body = request(srv.url, query="SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }")
        assert code == 400 and "unbound" in body and body.count("\n") == 1
    finally:
        srv.stop()


# ---- bodies -------------------------------------------------------------------------------------------

def _head(url: str, extra: str) -> bytes:
    u = urllib.parse.urlsplit(url)
    return (f"POST {u.path} HTTP/1.1\r\nHost: 127.0.0.1:{u.port}\r\nContent-Type: application/sparql-query\r\n"
            f"{extra}\r\n").encode()


def test_negative_content_length_cannot_bypass_the_limit(cli):
    p, url = cli
    before = rss_kb(p.pid)
    reply = raw(url, _head(url, "Content-Length: -1\r\n"), [b"x" * (1 << 20)] * 16)
    assert reply.startswith(b"HTTP/1.1 400"), reply[:200]
    assert rss_kb(p.pid) - before < 32_000  # 16 MiB sent; nothing of it kept
    assert request(url, query="ASK { ?s ?p ?o }")[0] == 200


def test_streamed_body_over_the_limit_is_413(cli):
    _, url = cli
    chunk = b"x" * 65536
    chunks = [f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"] * 40 + [b"0\r\n\r\n"]
    reply = raw(url, _head(url, "Transfer-Encoding: chunked\r\n"), chunks)
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]


def test_non_numeric_content_length_is_400(cli):
    _, url = cli
    reply = raw(url, _head(url, "Content-Length: abc\r\n"), [b"ASK { ?s ?p ?o }"])
    assert reply.startswith(b"HTTP/1.1 400"), reply[:200]
    assert b"Traceback" not in reply


# ---- load ---------------------------------------------------------------------------------------------

def _hammer(url: str, n: int, query: str) -> tuple[list, list]:
    """n threads connect at the same moment and each sends one GET; returns (statuses+headers, errors)."""
    barrier = threading.Barrier(n)
    results, errors = [], []
    lock = threading.Lock()

    def one():
        try:
            barrier.wait(30)
            code, headers, _ = request(url, query=query)
            with lock:
                results.append((code, headers))
        except Exception as e:  # a reset or refused connection is exactly what this counts
            with lock:
                errors.append(repr(e))

    threads = [threading.Thread(target=one) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results, errors


def test_200_simultaneous_requests_no_resets(cli):
    _, url = cli
    results, errors = _hammer(url, 200, "SELECT ?r WHERE { ?r a org:Post } LIMIT 5")
    assert errors == []
    assert len(results) == 200
    assert all(c == 200 or (c == 503 and "retry-after" in h) for c, h in results)


def test_saturated_server_answers_503_with_retry_after(graph):
    srv = Endpoint(QueryPool(Source(graph=str(graph)), 1), Limits(timeout=1.0, workers=1, queue=2), port=0).start()
    try:
        results, errors = _hammer(srv.url, 12, HEAVY)
    finally:
        srv.stop()
    assert errors == []
    busy = [h for c, h in results if c == 503 and "retry-after" in h]
    assert busy and all(c == 503 for c, _ in results)


# ---- time limits, crashes, nesting ------------------------------------------------------------------------

def test_time_limit_kills_the_worker(graph):
    pool = QueryPool(Source(graph=str(graph)), 1)
    srv = Endpoint(pool, Limits(timeout=0.5, workers=1), port=0).start()
    try:
        pids = {w.proc.pid for w in pool._all}
        code, _, body = request(srv.url, query=HEAVY)
        assert code == 503 and "stopped" in body
        assert not any(procs.pid_alive(pid) for pid in pids)  # the core is free: the process is gone
        assert request(srv.url, query="ASK { ?s ?p ?o }")[0] == 200  # a fresh worker took its place
    finally:
        srv.stop()


def test_worker_crash_is_one_line_and_the_next_query_works(graph):
    pool = QueryPool(Source(graph=str(graph)), 1)
    srv = Endpoint(pool, Limits(timeout=30, workers=1), port=0).start()
    try:
        (w,) = pool._all
        threading.Timer(0.5, os.kill, (w.proc.pid, signal.SIGSEGV)).start()
        code, _, body = request(srv.url, query=HEAVY)
        assert code == 500 and "engine stopped" in body and body.count("\n") == 1
        assert request(srv.url, query="ASK { ?s ?p ?o }")[0] == 200
    finally:
        srv.stop()


def test_deeply_nested_query_is_refused_and_the_server_lives(cli):
    p, url = cli
    q = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
    code, _, body = request(url, "POST", headers={"Content-Type": "application/sparql-query"}, body=q.encode())
    assert code == 400 and "nest" in body and body.count("\n") == 1
    assert request(url, query="ASK { ?s ?p ?o }")[0] == 200 and p.poll() is None


# ---- kill -9 ----------------------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(d.name))
            except (OSError, IndexError, ValueError):
                continue
    return out


def test_kill9_leaves_no_worker_and_the_next_start_removes_its_store(graph):
    p, url = start_cli(graph)
    kids = _children(p.pid)
    assert kids
    stale = list(Path(os.environ.get("TMPDIR", "/tmp")).glob(f"orgkg-sparql-{p.pid}-*"))
    assert stale
    p.kill()
    p.wait()
    for _ in range(100):
        if not any(procs.pid_alive(k) and Path(f"/proc/{k}/stat").read_text().split()[2] != "Z" for k in kids):
            break
        time.sleep(0.1)
    assert not [k for k in kids if procs.pid_alive(k) and Path(f"/proc/{k}/stat").read_text().split()[2] != "Z"]
    assert all(s.exists() for s in stale)
    p2, _ = start_cli(graph)
    try:
        assert not any(s.exists() for s in stale)
    finally:
        p2.terminate()
        p2.wait(15)
    assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob(f"orgkg-sparql-{p2.pid}-*"))


def test_help_names_the_guards():
    r = subprocess.run([sys.executable, "-m", "orgkg", "serve-sparql", "--help"], capture_output=True, text=True)
    text = " ".join(r.stdout.split())
    for word in ("--cors", "--allow-service", "--allow-host", "--workers", "DNS rebinding"):
        assert word in text
