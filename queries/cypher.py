"""Cypher over the org graph: embedded FalkorDB (default), a FalkorDB server, or Neo4j over Bolt.

    cypher("org.json", "MATCH (r:Role)-[:UNDER_DIRECTION_OF]->(b) RETURN r.name, b.name")
    cypher(g, "MATCH (n {id: $id}) RETURN n.name", {"id": "role:chief-of-staff"})
    cypher(None, "MATCH (n) RETURN count(n)", backend="bolt://localhost:7687", auth=("neo4j", pw))

Read-only by default: embedded/server use GRAPH.RO_QUERY, Neo4j a READ transaction; for Bolt servers that do
not enforce the access mode (FalkorDB's Bolt) a write-clause check refuses the query before it is sent.
Before any engine sees a query: too long or too deeply nested text is refused (FalkorDB's parser doubles its
time per bracket level), and so is LOAD CSV / APOC I/O on a read-only connection (outbound connections, file
reads). `timeout` is the engine's own limit, and for the embedded server a watchdog that kills the server
(restarted from its store on the next query) if parsing or evaluation runs past it anyway.
Engine errors become one-line `UserError`s: the engine's message, with line and column for syntax errors.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from orgkg.errors import UserError
from orgkg.graph import OrgGraph

from . import cypher_load
from . import falkordb_embedded as fe
from .guard import check_shape, cypher_error, cypher_io

CONNECT_TIMEOUT = 5.0  # seconds to reach a server before failing (--retry waits longer)
RETRY_SECONDS = 60.0  # how long --retry keeps trying a server that is not there yet
TIMEOUT_GRACE = 2.0  # seconds the embedded server gets past the engine's own limit before it is killed

EMBEDDED_GRAPH = "orgkg"
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass
class Result:
    columns: list[str]
    rows: list[list] = field(default_factory=list)

    def tuples(self) -> list[tuple]:
        return [tuple(r) for r in self.rows]


def one_line(msg: object) -> str:
    return " ".join(str(msg).split())


# ---- write detection (for servers that ignore read access mode) ---------------------------------

_WRITE_WORDS = ("CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "LOAD", "FOREACH")
_STRIP = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_WORD = re.compile(r"(?<![.\w$:])([A-Za-z_]+)\b(?!\s*:)")
_WRITE_CALL = re.compile(r"\bCALL\s+(db\.(create|drop|index\.fulltext\.create)|apoc\.(create|merge|refactor|periodic)|"
                         r"dbms\.|algo\.)", re.I)


def writes(query: str) -> str | None:
    """The first write clause in `query` (outside strings, comments, identifiers, property keys), or None."""
    text = _STRIP.sub(" ", query)
    for m in _WORD.finditer(text):
        if m.group(1).upper() in _WRITE_WORDS:
            return m.group(1).upper()
    m = _WRITE_CALL.search(text)
    return m.group(0) if m else None


# ---- values ---------------------------------------------------------------------------------------

_SCALARS = frozenset((str, int, float, bool, type(None)))


def _plain(v):
    """Engine values -> plain Python: nodes/relationships as property dicts, paths as node id lists."""
    if type(v) in _SCALARS:  # most cells: skip the imports and checks below (~3 us a cell)
        return v
    try:
        from falkordb.edge import Edge as FEdge
        from falkordb.node import Node as FNode
        from falkordb.path import Path as FPath
    except ImportError:  # pragma: no cover
        FNode = FEdge = FPath = ()
    if isinstance(v, FNode):
        return dict(v.properties)
    if isinstance(v, FEdge):
        return {"type": v.relation, **v.properties}
    if isinstance(v, FPath):
        return [n.properties.get("id") for n in v.nodes()]
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    mod = type(v).__module__
    if mod.startswith("neo4j.graph"):
        if type(v).__name__ == "Path":
            return [n.get("id") for n in v.nodes]
        if type(v).__name__ == "Relationship":
            return {"type": v.type, **dict(v)}
        return dict(v)
    if mod.startswith("neo4j.time"):
        return v.iso_format()
    return v


# ---- backends -------------------------------------------------------------------------------------

def precheck(q: str, write: bool, where: str) -> None:
    """Refuse, before sending: oversized or deeply nested text, and outbound I/O on a read-only connection."""
    try:
        check_shape(q, "Cypher")
    except UserError as e:
        raise UserError(f"{where}: {e}") from None
    io = None if write else cypher_io(q)
    if io:
        raise UserError(f"{where}: cypher: refused: {io} reads files or URLs outside the graph, and this is a "
                        "read-only connection")


class Backend:
    name = "?"

    def query(self, q: str, params: dict | None = None, write: bool = False,
              timeout: float | None = None) -> Result:  # pragma: no cover
        raise NotImplementedError

    def close(self) -> None:
        pass


class FalkorBackend(Backend):
    """A falkordb-client Graph: embedded child server or a standalone server."""

    def __init__(self, graph, where: str):
        self.graph, self.where = graph, where

    def _lost(self, e: Exception) -> UserError:
        return UserError(f"{self.where}: FalkorDB server connection lost during the query ({one_line(e)})")

    def query(self, q: str, params: dict | None = None, write: bool = False,
              timeout: float | None = None) -> Result:
        import redis

        precheck(q, write, self.where)
        ms = max(1, int(timeout * 1000)) if timeout else None
        try:
            res = self.graph.query(q, params, timeout=ms) if write else self.graph.ro_query(q, params, timeout=ms)
        except (redis.ConnectionError, redis.TimeoutError) as e:
            raise self._lost(e) from None
        except redis.ResponseError as e:
            msg = one_line(e)
            if "executed only on read-only queries" in msg:
                msg = "refused: the query writes and this is a read-only connection (pass write=True / --write)"
            elif "timed out" in msg.lower():
                msg = f"the query ran past the time limit of {timeout:g} s and was stopped"
            raise UserError(f"{self.where}: cypher: {cypher_error(msg)}") from None
        cols = [h[1] if isinstance(h, (list, tuple)) else str(h) for h in (res.header or [])]
        return Result(cols, [[_plain(c) for c in row] for row in res.result_set])


class EmbeddedBackend(FalkorBackend):
    """FalkorDB child process holding one graph; restarted (and reloaded from its store) after a crash."""

    name = "embedded"

    def __init__(self, g_or_path: OrgGraph | str | Path, evidence: bool = True):
        self.evidence = evidence  # False: a lean query store, edges keep evidence_count but not the texts
        if isinstance(g_or_path, OrgGraph):
            self.path, self.g, self.store = None, g_or_path, None
            import hashlib
            import pickle

            # content key of the in-memory graph (pickle: ~10x cheaper than the JSON form at 10k roles)
            self.sha = hashlib.sha256(pickle.dumps(g_or_path.g, protocol=5)).hexdigest()
            self.gname = "g_" + self.sha[:20] + ("" if evidence else "_lean")
            where = "<graph>"
        else:
            self.path, self.g = Path(g_or_path), None
            if not self.path.is_file():
                raise UserError(f"{self.path}: no such graph file")
            self.store = fe.store_dir_for(self.path)
            self.sha = fe.sha256_file(self.path)
            self.gname = EMBEDDED_GRAPH if evidence else EMBEDDED_GRAPH + "_lean"
            where = str(self.path)
        self.loaded_from_store = False
        self.load_seconds = 0.0
        super().__init__(None, where)
        self._ensure()

    def _ensure(self) -> None:
        import time

        import redis

        server = fe.server_for(self.store)
        self.server = server
        self.graph = server.graph(self.gname)
        want = f"{self.sha}:{cypher_load.LOADER_VERSION}:{'full' if self.evidence else 'lean'}"
        try:
            r = server.redis()
            if fe.marker(server, self.gname) == want and r.exists(self.gname):
                self.loaded_from_store = True
                return
            t0 = time.perf_counter()
            g = self.g if self.g is not None else _load_graph(self.path)
            if r.exists(self.gname):
                r.execute_command("GRAPH.DELETE", self.gname)
            fe.set_marker(server, self.gname, "loading")
            cypher_load.load_falkordb(self.graph, g, fresh=True, evidence=self.evidence)
            fe.set_marker(server, self.gname, want)
            if self.path is not None:  # an in-memory graph lives in a private temporary store: nothing to keep
                server.save()
            self.load_seconds = time.perf_counter() - t0
        except (redis.ConnectionError, redis.TimeoutError) as e:
            server.stop()
            raise self._lost(e) from None
        except redis.ResponseError as e:
            raise UserError(f"{self.where}: loading into FalkorDB failed: {one_line(e)}") from None

    def query(self, q: str, params: dict | None = None, write: bool = False,
              timeout: float | None = None) -> Result:
        if not self.server.alive():
            self._ensure()
        precheck(q, write, self.where)
        if write and self.path is not None:
            # the store is derived from the graph file: once written, the next opening reloads it from the file
            fe.set_marker(self.server, self.gname, "written")
        watchdog = fired = None
        if timeout:
            fired = threading.Event()
            watchdog = threading.Timer(timeout + TIMEOUT_GRACE, self._kill_stuck, (fired,))
            watchdog.daemon = True
            watchdog.start()
        try:
            return super().query(q, params, write, timeout)
        except UserError as e:
            if fired is not None and fired.is_set():
                self.server.stop()
                raise UserError(f"{self.where}: cypher: the query ran past the time limit of {timeout:g} s; "
                                "the engine was stopped (it restarts with the next query)") from None
            if "connection lost" in str(e):
                # the socket closes before the process is reaped: wait for the exit so the next query
                # reliably sees a dead server and restarts it, instead of reusing the dying one
                try:
                    self.server.proc.wait(2.0)
                except Exception:
                    pass
            if not self.server.alive():
                self.server.stop()  # reap it; the next query starts a fresh one from the store
            raise
        finally:
            if watchdog is not None:
                watchdog.cancel()

    def _kill_stuck(self, fired: threading.Event) -> None:
        """Watchdog: the engine ignored its own limit (FalkorDB's parser is not covered by it): kill the server."""
        fired.set()
        self.server.kill()


def _load_graph(path: Path) -> OrgGraph:
    from orgkg.graph import load

    return load(path)


class FalkorServerBackend(FalkorBackend):
    """`falkordb://host:port[/graph]`: a FalkorDB server someone else runs."""

    name = "falkordb"

    def __init__(self, uri: str, password: str | None = None, retry: bool = False):
        import redis
        from falkordb import FalkorDB

        u = urlparse(uri)
        where = uri.split("@")[-1]
        try:
            self.db = FalkorDB(host=u.hostname or "localhost", port=u.port or 6379, password=password or u.password,
                               username=u.username, socket_connect_timeout=None if retry else CONNECT_TIMEOUT)
        except (redis.ConnectionError, redis.TimeoutError, OSError) as e:
            raise UserError(f"{where}: cannot reach the server ({one_line(e)})") from None
        except redis.AuthenticationError as e:
            raise UserError(f"{where}: authentication failed ({one_line(e)})") from None
        super().__init__(self.db.select_graph(u.path.strip("/") or EMBEDDED_GRAPH), where)


class BoltBackend(Backend):
    """Neo4j (or any Bolt server) through the official driver."""

    name = "bolt"

    def __init__(self, uri: str, user: str | None = None, password: str | None = None, database: str | None = None,
                 retry: bool = False):
        self.uri, self.database = uri, database
        # without retry a server that is not there fails at once (the driver's default retries for 30 s)
        self.driver = driver(uri, user, password, max_transaction_retry_time=RETRY_SECONDS if retry else 0,
                             connection_timeout=CONNECT_TIMEOUT, connection_acquisition_timeout=2 * CONNECT_TIMEOUT)

    def _session(self):
        return self.driver.session(database=self.database) if self.database else self.driver.session()

    def query(self, q: str, params: dict | None = None, write: bool = False,
              timeout: float | None = None) -> Result:
        from neo4j import exceptions as nx
        from neo4j import unit_of_work

        precheck(q, write, self.uri)
        if not write:
            w = writes(q)
            if w:
                raise UserError(f"{self.uri}: cypher: refused: {w} writes and this is a read-only connection "
                                "(pass write=True / --write)")

        def work(tx):
            res = tx.run(q, params or {})
            keys = list(res.keys())
            return keys, [[_plain(v) for v in rec.values()] for rec in res]

        if timeout:
            work = unit_of_work(timeout=timeout)(work)
        try:
            with self._session() as s:
                cols, rows = s.execute_write(work) if write else s.execute_read(work)
        except nx.AuthError as e:
            raise UserError(f"{self.uri}: authentication failed ({one_line(e.message or e)})") from None
        except nx.ServiceUnavailable as e:
            raise UserError(f"{self.uri}: cannot reach the server ({_reason(e)})") from None
        except nx.Neo4jError as e:
            raise UserError(f"{self.uri}: cypher: {one_line(e.message or e)} ({e.code})") from None
        except nx.DriverError as e:
            raise UserError(f"{self.uri}: {one_line(e)}") from None
        return Result(cols, rows)

    def close(self) -> None:
        pass  # drivers are shared per (uri, user) and closed at exit


def _reason(e: Exception) -> str:
    """The last reason in a driver error ('Failed to establish connection ... (reason [Errno 111] ...)')."""
    msg = one_line(e)
    m = re.search(r"\(reason ([^()]*(?:\([^()]*\))?[^()]*)\)\)?$", msg)
    return m.group(1) if m else msg


_drivers: dict[tuple, object] = {}


def driver(uri: str, user: str | None, password: str | None, **config):
    """One neo4j driver per (uri, user, password, config), kept for the process: reconnecting right after a
    driver closed wedges FalkorDB's Bolt listener (handshake never answered), and pooling is cheaper anyway."""
    import atexit

    from neo4j import GraphDatabase

    key = (uri, user, password, tuple(sorted(config.items())))
    if key not in _drivers:
        auth = (user or "neo4j", password or "") if (user or password) else None
        try:
            _drivers[key] = GraphDatabase.driver(uri, auth=auth, **config)
        except Exception as e:  # bad URI scheme and friends
            raise UserError(f"{uri}: {one_line(e)}") from None
        if len(_drivers) == 1:
            atexit.register(close_drivers)
    return _drivers[key]


def close_drivers() -> None:
    for d in _drivers.values():
        try:
            d.close()
        except Exception:
            pass
    _drivers.clear()


# ---- choosing a backend ---------------------------------------------------------------------------

_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _fingerprint(g: OrgGraph) -> tuple[int, int]:
    return g.g.number_of_nodes(), g.g.number_of_edges()


def embedded(g_or_path: OrgGraph | str | Path, evidence: bool = True) -> EmbeddedBackend:
    """The embedded backend for a graph object (cached per object while its size is unchanged) or file.

    `evidence=False` asks for the lean query store (no evidence texts); a cached full store serves it too."""
    if isinstance(g_or_path, OrgGraph):
        hits = _cache.get(g_or_path) or {}
        for ev in ((True,) if evidence else (False, True)):
            hit = hits.get(ev)
            if hit and hit[0] == _fingerprint(g_or_path) and hit[1].server.alive():
                return hit[1]
        b = EmbeddedBackend(g_or_path, evidence)
        _cache[g_or_path] = {**hits, evidence: (_fingerprint(g_or_path), b)}
        return b
    return EmbeddedBackend(g_or_path, evidence)


def open_backend(g_or_path=None, backend: str | Backend | None = None, *, user: str | None = None,
                 password: str | None = None, database: str | None = None, evidence: bool = True,
                 retry: bool = False) -> Backend:
    if isinstance(backend, Backend):
        return backend
    if backend in (None, "", "embedded"):
        if g_or_path is None:
            raise UserError("cypher: give a graph (file or OrgGraph) or a backend URI")
        return embedded(g_or_path, evidence)
    scheme = urlparse(backend).scheme.lower()
    if scheme == "falkordb":
        return FalkorServerBackend(backend, password, retry)
    if scheme in BOLT_SCHEMES:
        return BoltBackend(backend, user, password, database, retry)
    raise UserError(f"{backend}: unknown backend (use embedded, falkordb://host:port, bolt://, neo4j://, neo4j+s://)")


def cypher(g_or_path, query: str, params: dict | None = None, *, write: bool = False,
           backend: str | Backend | None = None, timeout: float | None = None, **conn) -> Result:
    """Run one Cypher query; read-only unless write=True; `timeout` seconds stops it (engine limit + watchdog).

    A write to a graph file's embedded store lasts for that backend object only: the next opening of the
    file reloads the store from the file, so read-only queries never see nodes the file does not hold.

        cypher("org.json", "MATCH (r:Role) RETURN count(r)", timeout=10).rows
    """
    b = open_backend(g_or_path, backend, **conn)
    try:
        return b.query(query, params, write, timeout)
    finally:
        if b is not backend and not isinstance(b, EmbeddedBackend):
            b.close()
