"""Credentials and exposed servers: the Neo4j password never leaks; servers bind to localhost with limits.

Why: the password comes from an environment variable or a prompt. It must never be echoed, printed
in an error (connection refused, connection dropped), written to the graph file, or taken as a
command-line value (where `ps` shows it). Servers must be local-only by default and say their
per-query time and result limits in `--help`.
"""

from __future__ import annotations

import os
import pty
import select
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import orgkg

SECRET = "Pa55-w0rd-\u00e9x'\"${never-shown}"
PASSWORD_VARS = ("ORGKG_NEO4J_PASSWORD", "NEO4J_PASSWORD")


def cli(*args, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run the CLI with no password variables inherited except those in `env`."""
    full = {k: v for k, v in os.environ.items() if k not in PASSWORD_VARS}
    full.update({"PYTHONIOENCODING": "utf-8", **(env or {})})
    return subprocess.run([sys.executable, "-m", "orgkg", *map(str, args)], capture_output=True, text=True,
                          env=full, timeout=timeout, stdin=subprocess.DEVNULL)


def commands() -> set[str]:
    from orgkg.cli import parser

    sub = next(a for a in parser()._actions if a.dest == "command")
    return set(sub.choices)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DroppingServer:
    """A TCP listener that accepts, reads a little and hangs up: a connection dropped mid-handshake."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.received = b""
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.received += conn.recv(65536)
                except OSError:
                    pass

    def close(self):
        self.stop = True
        self.thread.join()
        self.sock.close()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cred") / "org.json"
    orgkg.sample_graph().save(path)
    return path


pytestmark = pytest.mark.skipif("push" not in commands(), reason="no `orgkg push` command yet")


def test_push_help_documents_env_vars_and_takes_no_password_value():
    out = cli("push", "--help")
    assert out.returncode == 0
    text = " ".join(out.stdout.split())
    assert "NEO4J_URI" in text
    assert any(v in text for v in PASSWORD_VARS), text
    assert "--password PASSWORD" not in text, "a password value on the command line shows in `ps`"


@pytest.mark.parametrize("var", PASSWORD_VARS)
def test_password_not_in_output_on_refused_connection(graph_file, var):
    env = {var: SECRET, "NEO4J_USER": "orgkg-test"}
    out = cli("push", graph_file, "--uri", f"bolt://127.0.0.1:{closed_port()}", env=env)
    assert out.returncode != 0
    assert SECRET not in out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr


def test_password_not_in_output_when_server_drops_connection(graph_file):
    server = DroppingServer()
    try:
        out = cli("push", graph_file, "--uri", f"bolt://127.0.0.1:{server.port}",
                  env={"ORGKG_NEO4J_PASSWORD": SECRET}, timeout=120)
    finally:
        server.close()
    assert out.returncode != 0
    assert SECRET not in out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr


def test_graph_file_never_holds_the_password(tmp_path):
    out_file = tmp_path / "org.json"
    out = cli("build", *orgkg.sample_paths(), "-o", out_file, "--quiet",
              env={v: SECRET for v in PASSWORD_VARS})
    assert out.returncode == 0, out.stderr
    assert SECRET not in out_file.read_text(encoding="utf-8")
    assert SECRET.encode() not in out_file.read_bytes()


def _read_until(fd: int, needle: bytes, limit: float) -> bytes:
    buf = b""
    end = time.monotonic() + limit
    while time.monotonic() < end and needle not in buf:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
    return buf


def test_prompted_password_is_not_echoed(graph_file):
    """`--password` asks on the terminal with echo off: the typed secret never appears on screen."""
    secret = "typed-secret-4711"
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in PASSWORD_VARS}
    proc = subprocess.Popen([sys.executable, "-m", "orgkg", "push", str(graph_file), "--uri",
                             f"bolt://127.0.0.1:{closed_port()}", "--password"],
                            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    try:
        screen = _read_until(master, b"assword", 60)
        assert b"assword" in screen, f"no password prompt: {screen!r}"
        os.write(master, secret.encode() + b"\n")
        screen += _read_until(master, b"\x00never", 60)  # read until the process closes the terminal
        assert proc.wait(timeout=60) != 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    assert secret.encode() not in screen, screen
    assert b"Traceback" not in screen


# ---- servers ------------------------------------------------------------------------------

SERVERS = sorted(c for c in commands() if c.startswith("serve"))


@pytest.mark.skipif(not SERVERS, reason="no `orgkg serve-*` command yet")
@pytest.mark.parametrize("command", SERVERS or ["serve"])
def test_server_help_states_localhost_and_limits(command):
    out = cli(command, "--help")
    assert out.returncode == 0
    text = " ".join(out.stdout.split()).lower()
    assert "127.0.0.1" in text, f"{command} --help does not say it binds 127.0.0.1"
    assert any(w in text for w in ("timeout", "time limit", "seconds")), f"{command} --help states no time limit"
    assert any(w in text for w in ("rows", "result", "limit")), f"{command} --help states no result limit"


@pytest.mark.skipif("serve-sparql" not in SERVERS, reason="no `orgkg serve-sparql` command yet")
def test_sparql_server_binds_localhost_by_default(graph_file):
    """Start the endpoint on a free port with default host; it answers on 127.0.0.1 and not on other interfaces."""
    port = closed_port()
    proc = subprocess.Popen([sys.executable, "-m", "orgkg", "serve-sparql", str(graph_file),
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        end = time.monotonic() + 60
        while time.monotonic() < end:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()
                time.sleep(0.2)
        else:
            raise AssertionError("serve-sparql never listened on 127.0.0.1")
        import shutil

        listening = ""
        if shutil.which("ss"):
            listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout
        if listening.strip():
            assert all(" 127.0.0.1:" in ln or " [::1]:" in ln for ln in listening.strip().splitlines()), listening
        other = _non_loopback_address()
        if other:
            with pytest.raises(OSError):
                socket.create_connection((other, port), timeout=1).close()
        assert _http_update_refused(port)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def _http_update_refused(port: int) -> bool:
    """INSERT DATA over HTTP is refused and the triple count is unchanged afterwards."""
    import json
    import urllib.error
    import urllib.parse
    import urllib.request

    base = f"http://127.0.0.1:{port}/sparql"

    def count() -> int:
        q = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        req = urllib.request.Request(f"{base}?query={q}", headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return int(json.load(r)["results"]["bindings"][0]["n"]["value"])

    n = count()
    for body, ctype in ((b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
                        (b"update=" + urllib.parse.quote_plus("DELETE WHERE { ?s ?p ?o }").encode(),
                         "application/x-www-form-urlencoded")):
        req = urllib.request.Request(base, data=body, headers={"Content-Type": ctype}, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                raise AssertionError(f"update answered {r.status}")
        except urllib.error.HTTPError as e:
            assert e.code in (400, 403), e.code
    assert count() == n and n > 0
    return True


def _non_loopback_address() -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent for UDP connect
            addr = s.getsockname()[0]
    except OSError:
        return None
    return None if addr.startswith("127.") else addr
