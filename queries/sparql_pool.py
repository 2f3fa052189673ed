"""SPARQL queries run in worker processes, so a time limit stops the work and a crash costs one worker.

Why processes: pyoxigraph evaluates a query in native code that no thread can interrupt; a thread-based
limit answered 503 while the core kept burning (`--timeout 10`, then 30 CPU-seconds more). Here a worker that
runs past the limit is killed (SIGKILL) and replaced; an engine crash (a segfault) also ends only that
worker. Workers are plain `python -m orgkg.queries.sparql_pool` children talking over a socket pair
(not multiprocessing, which re-runs the caller's main script in each child), started by one long-lived
thread so that PR_SET_PDEATHSIG (which fires when the *thread* that started a child ends) kills them
exactly when this process dies.

Each worker opens its own store: a persisted store folder read-only (shared through the page cache), or
the graph file in memory (with the updates accepted so far replayed, so a replaced worker loses none).

    pool = QueryPool(Source(graph="org.json"), workers=1)
    pool.run(Job("SELECT ?r WHERE { ?r a org:Post } LIMIT 3", form="rows"), timeout=5).rows
    pool.close()
"""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from orgkg.errors import UserError

from .guard import shorten
from .sparql import QueryTimeout, Result, SparqlStore, is_update

START_TIMEOUT = 600.0  # loading a large graph into a worker's memory takes a while; a hung start does not


@dataclass(frozen=True)
class Source:
    """Where a worker gets its store: a persisted store folder (opened read-only) or a graph file (in memory)."""

    store_dir: str | None = None
    graph: str | None = None
    evidence: bool = True


@dataclass(frozen=True)
class Job:
    """One query. `form`: json | csv (bytes back) or rows (a Result without engine terms); `rdf`: turtle | ntriples,
    the form of a CONSTRUCT/DESCRIBE answer."""

    text: str
    form: str = "json"
    rdf: str = "turtle"
    max_rows: int | None = None
    allow_update: bool = False
    allow_service: bool = False


CTYPES = {"json": "application/sparql-results+json", "csv": "text/csv; charset=utf-8",
          "turtle": "text/turtle; charset=utf-8", "ntriples": "application/n-triples"}


@dataclass
class Answer:
    kind: str
    body: bytes = b""
    truncated: bool = False
    result: Result | None = None
    ctype: str = ""


class EngineCrash(UserError):
    """The worker died while answering (a signal, not a time limit)."""


def _open(source: Source, updates: list[Job]) -> SparqlStore:
    from .sparql import store_for_file

    if source.store_dir:
        import pyoxigraph as ox

        try:
            store = SparqlStore(ox.Store.read_only(source.store_dir), None)
        except OSError as e:
            raise UserError(f"{source.store_dir}: cannot open the SPARQL store ({shorten(e)})") from None
        store.evidence = source.evidence
        return store
    store = store_for_file(source.graph, evidence=source.evidence)
    for job in updates:
        store.query(job.text, allow_update=True, allow_service=job.allow_service)
    return store


def _answer(store: SparqlStore, job: Job) -> Answer:
    res = store.query(job.text, allow_update=job.allow_update, allow_service=job.allow_service, max_rows=job.max_rows)
    if res.kind == "update" or job.form == "rows":
        return Answer(res.kind, b"", res.truncated, Result(res.kind, res.columns, res.rows, [], res.truncated))
    form = job.rdf if res.kind == "construct" else job.form
    if res.kind == "construct":
        if form == "ntriples":
            import pyoxigraph as ox

            body = ox.serialize([ox.Triple(*r) for r in res.terms], format=ox.RdfFormat.N_TRIPLES)
        else:
            body = res.to_turtle().encode("utf-8")
    elif form == "csv":
        body = res.to_csv().encode("utf-8")
    else:
        body = res.to_json().encode("utf-8")
    return Answer(res.kind, body, res.truncated, ctype=CTYPES[form])


def _worker(fd: int) -> None:
    """Worker main loop: read (source, updates), open the store, then answer jobs until the socket closes."""
    import signal

    from .procs import die_with_parent

    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops us
    conn = Connection(fd)
    try:
        source, updates = conn.recv()
        store = _open(source, updates)
        conn.send(("ready", len(store)))
    except UserError as e:
        conn.send(("error", str(e), e.code))
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = ("ok", _answer(store, job))
        except UserError as e:
            reply = ("error", str(e), e.code)
        except Exception as e:  # an engine failure the store did not classify: still one line
            reply = ("error", f"SPARQL query failed: {type(e).__name__}: {shorten(e)}", 2)
        conn.send(reply)


@dataclass(eq=False)
class _Worker:
    proc: subprocess.Popen
    conn: Connection = field(repr=False)

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.conn.close()


class _Spawner:
    """One long-lived thread that starts every worker of a pool (see the module docstring: PR_SET_PDEATHSIG)."""

    def __init__(self):
        self.jobs: queue.Queue = queue.Queue()
        threading.Thread(target=self._loop, daemon=True, name="orgkg-sparql-spawner").start()

    def _loop(self) -> None:
        while True:
            item = self.jobs.get()
            if item is None:
                return
            done, box = item
            a, b = socket.socketpair()
            try:
                box["proc"] = subprocess.Popen([sys.executable, "-m", "orgkg.queries.sparql_pool", str(b.fileno())],
                                               pass_fds=(b.fileno(),), stdin=subprocess.DEVNULL,
                                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                box["conn"] = Connection(a.detach())
            except OSError as e:
                box["error"] = e
                a.close()
            finally:
                b.close()
                done.set()

    def start(self) -> tuple[subprocess.Popen, Connection]:
        done, box = threading.Event(), {}
        self.jobs.put((done, box))
        done.wait()
        if "error" in box:
            raise UserError(f"cannot start a SPARQL worker ({box['error']})")
        return box["proc"], box["conn"]

    def stop(self) -> None:
        self.jobs.put(None)


class QueryPool:
    """A fixed number of worker processes; `run` hands a job to an idle one and kills it past the time limit."""

    def __init__(self, source: Source, workers: int = 2):
        self.source = source
        self.spawner = _Spawner()
        self.updates: list[Job] = []  # accepted updates, replayed into a replacement worker
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.triples = 0
        self.closed = False
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        try:
            for w in [self._launch() for _ in range(workers)]:  # all start at once, then each is awaited
                self.idle.put(self._await(w))
        except BaseException:
            self.close()
            raise

    def _launch(self) -> _Worker:
        proc, conn = self.spawner.start()
        w = _Worker(proc, conn)
        with self._lock:
            self._all.add(w)
        conn.send((self.source, list(self.updates)))
        return w

    def _await(self, w: _Worker) -> _Worker:
        try:
            ok = w.conn.poll(START_TIMEOUT)
            msg = w.conn.recv() if ok else ("error", f"SPARQL worker did not start within {START_TIMEOUT:g} s", 2)
        except (EOFError, OSError):
            msg = ("error", f"SPARQL worker died while opening the store (exit code {w.proc.poll()})", 2)
        if msg[0] != "ready":
            self._drop(w)
            raise UserError(msg[1], msg[2])
        self.triples = msg[1]
        return w

    def _spawn(self) -> _Worker:
        return self._await(self._launch())

    def _drop(self, w: _Worker) -> None:
        w.kill()
        with self._lock:
            self._all.discard(w)

    def _replace(self, w: _Worker) -> None:
        """Kill `w` and put a fresh worker in its place (in the background: the caller answers at once)."""
        self._drop(w)

        def refill():
            if self.closed:
                return
            try:
                self.idle.put(self._spawn())
            except UserError:
                pass  # the store went away: later requests wait, then time out with a clear message

        threading.Thread(target=refill, daemon=True, name="orgkg-sparql-respawn").start()

    def run(self, job: Job, timeout: float | None = None) -> Answer:
        """Answer `job` in a worker; past `timeout` seconds the worker is killed and QueryTimeout raised."""
        if self.closed:
            raise UserError("the SPARQL pool is closed")
        w = self.idle.get()
        try:
            w.conn.send(job)
            if not w.conn.poll(timeout):
                self._replace(w)
                w = None
                raise QueryTimeout(f"SPARQL query ran past the time limit of {timeout:g} s and was stopped")
            reply = w.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            code = w.proc.poll() if w else None
            self._replace(w)
            w = None
            raise EngineCrash(f"SPARQL engine stopped while answering (exit code {code}); the query was not run to "
                              "the end", 2) from None
        finally:
            if w is not None:
                self.idle.put(w)
        if reply[0] == "error":
            raise UserError(reply[1], reply[2])
        if job.allow_update and reply[1].kind == "update" and is_update(job.text):
            self.updates.append(job)
        return reply[1]

    def close(self) -> None:
        self.closed = True
        self.spawner.stop()
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()


def source_for(graph: str | Path, persist: bool = False, allow_update: bool = False) -> tuple[Source, Path | None]:
    """Where the workers of a server over graph file `graph` find their store, and a private folder to remove after.

    Read-only: a store on disk that every worker opens read-only (beside the graph with `persist`, else in a
    private 0700 temp folder). With updates: the graph file, loaded into the one worker's memory."""
    import shutil

    from orgkg.graph import load

    from .procs import private_dir
    from .sparql import build_store, persisted_store

    path = Path(graph)
    if not path.is_file():
        raise UserError(f"{path}: no such graph file")
    if allow_update:
        return Source(graph=str(path)), None
    if persist:
        return Source(store_dir=str(persisted_store(path))), None
    tmp = private_dir("sparql")
    try:
        store = build_store(load(path), tmp / "store")
        del store  # closed before the workers open it
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Source(store_dir=str(tmp / "store")), tmp


if __name__ == "__main__":  # run under the module's own name, so answers unpickle as its classes
    from orgkg.queries import sparql_pool

    sparql_pool._worker(int(sys.argv[1]))
