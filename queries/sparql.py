"""Embedded SPARQL 1.1 over an OrgGraph with pyoxigraph: build the store once, query it read-only.

The store is built straight from the graph (ontology/rdf.py `quads`), cached in memory per graph object,
and optionally persisted beside the graph file keyed on the file's sha256 so a re-run skips the load.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orgkg.errors import UserError
from orgkg.ontology.schema import ORGKG_ID
from orgkg.ontology.schema import PREFIXES as _SCHEMA_PREFIXES

from .guard import check_shape, sparql_error, uses_service

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES: dict[str, str] = {**_SCHEMA_PREFIXES, "rdf": RDF_NS, "owl": "http://www.w3.org/2002/07/owl#", "id": ORGKG_ID}

UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


class QueryTimeout(UserError):
    """The query ran past its time limit."""


@dataclass
class Result:
    """A query answer: `kind` select|ask|construct; `rows` as Python values, `terms` as pyoxigraph terms."""

    kind: str
    columns: list[str]
    rows: list[tuple]
    terms: list[tuple] = field(default_factory=list, repr=False)
    truncated: bool = False  # stopped at max_rows

    @property
    def boolean(self) -> bool | None:
        return bool(self.rows[0][0]) if self.kind == "ask" else None

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON (CONSTRUCT: one binding per triple with s, p, o)."""
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": self.boolean})
        bindings = [{c: term_json(t) for c, t in zip(self.columns, row) if t is not None} for row in self.terms]
        return json.dumps({"head": {"vars": self.columns}, "results": {"bindings": bindings}}, ensure_ascii=False)

    def to_csv(self) -> str:
        """SPARQL 1.1 Query Results CSV: IRIs and lexical forms, CRLF line ends."""
        import csv
        import io

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        if self.kind == "ask":
            w.writerow(["boolean"])
            w.writerow(["true" if self.boolean else "false"])
            return buf.getvalue()
        w.writerow(self.columns)
        for row in self.terms:
            w.writerow(["" if t is None else term_text(t) for t in row])
        return buf.getvalue()

    def to_turtle(self) -> str:
        import pyoxigraph as ox

        if self.kind != "construct":
            raise ValueError("only CONSTRUCT/DESCRIBE results serialise as Turtle")
        triples = [ox.Triple(*row) for row in self.terms]
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8")


def term_text(t) -> str:
    import pyoxigraph as ox

    if isinstance(t, ox.BlankNode):
        return "_:" + t.value
    return t.value


def term_json(t) -> dict:
    import pyoxigraph as ox

    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype.value != XSD + "string":
        out["datatype"] = t.datatype.value
    return out


# datatype IRI -> converter of its lexical form; anything else (xsd:string, language strings...) stays text
_CONVERT: dict[str, Any] = {
    **{XSD + k: int for k in ("integer", "int", "long", "nonNegativeInteger")},
    **{XSD + k: float for k in ("double", "float", "decimal")},
    XSD + "boolean": lambda v: v in ("true", "1"),
}


def to_python(t) -> Any:
    """Plain Python value of a term: ints, floats, bools for numeric/boolean literals; IRIs as strings."""
    import pyoxigraph as ox

    if t is None:
        return None
    if isinstance(t, ox.Literal):
        dt = t.datatype.value
        conv = _CONVERT.get(dt)
        if conv is None:
            return t.value
        try:
            return conv(t.value)
        except ValueError:
            return t.value
    if isinstance(t, ox.BlankNode):
        return "_:" + t.value
    return t.value


def compact(iri: str) -> str:
    """prefix:local for display when a predeclared prefix fits."""
    for p, ns in sorted(PREFIXES.items(), key=lambda x: -len(x[1])):
        if iri.startswith(ns) and re.fullmatch(r"[\w\-.:%]*", iri[len(ns):]):
            return f"{p}:{iri[len(ns):]}"
    return iri


# ---- detecting updates --------------------------------------------------------------------------
_STRIP = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w\-.]*:\s*<>|BASE\s+<>)\s*)*", re.IGNORECASE)


def is_update(text: str) -> bool:
    """True when `text` is a SPARQL Update request (its first keyword after the prologue is an update verb)."""
    s = _STRIP.sub(lambda m: "<>" if m.group(0).startswith("<") else " ", text)
    s = s[_PROLOGUE.match(s).end():]
    m = re.match(r"\s*([A-Za-z]+)", s)
    return bool(m) and m.group(1).upper() in UPDATE_KEYWORDS


def one_line(msg: str, n: int = 300) -> str:
    s = " ".join(str(msg).split())
    return s if len(s) <= n else s[: n - 1] + "…"


# ---- the store ----------------------------------------------------------------------------------
class SparqlStore:
    """A pyoxigraph Store holding one OrgGraph, queried with the project prefixes predeclared."""

    def __init__(self, store, graph=None, path: Path | None = None):
        self.store = store
        self.graph = graph  # the OrgGraph it was built from (None when opened from disk alone)
        self.path = path
        self.evidence = True  # False: lean query store (no evidence reification)

    def __len__(self) -> int:
        return len(self.store)

    def query(self, text: str, *, allow_update: bool = False, substitutions: dict | None = None,
              max_rows: int | None = None, timeout: float | None = None, allow_service: bool = False) -> Result:
        """Run SPARQL. Updates are refused unless `allow_update`, federation (SERVICE, LOAD <url>) unless
        `allow_service`; oversized or too deeply nested text, syntax and evaluation errors are one-line UserErrors.

        `timeout` here stops reading results; a limit that also stops evaluation is `sparql_pool.QueryPool`.

            store.query("SELECT ?r WHERE { ?r a org:Post } LIMIT 3").rows
        """
        import pyoxigraph as ox

        update = is_update(text)
        if update and not allow_update:
            raise UserError("SPARQL update refused: the store is read-only (INSERT/DELETE/LOAD/CLEAR/DROP/CREATE/"
                            "ADD/MOVE/COPY need allow_update=True or --allow-update)", code=2)
        self.check(text, allow_service)
        if update:
            try:
                self.store.update(text, prefixes=PREFIXES)
            except SyntaxError as e:
                raise UserError(f"SPARQL syntax error {sparql_error(e)}") from None
            except (OSError, RuntimeError, ValueError) as e:
                raise UserError(f"SPARQL update failed: {sparql_error(e)}") from None
            return Result("update", [], [])
        try:
            res = self.store.query(text, prefixes=PREFIXES, substitutions=substitutions)
        except SyntaxError as e:
            raise UserError(f"SPARQL syntax error {sparql_error(e)}") from None
        except (OSError, ValueError, TypeError, RuntimeError) as e:
            raise UserError(f"SPARQL query failed: {sparql_error(e)}") from None
        deadline = time.monotonic() + timeout if timeout else None
        if isinstance(res, ox.QueryBoolean):
            return Result("ask", ["boolean"], [(bool(res),)], [(ox.Literal(bool(res)),)])
        if isinstance(res, ox.QuerySolutions):
            cols = [v.value for v in res.variables]
            kind, it = "select", map(tuple, res)  # a solution iterates its values in `cols` order (None: unbound)
        else:
            cols = ["subject", "predicate", "object"]
            kind, it = "construct", ((t.subject, t.predicate, t.object) for t in res)
        terms, truncated = [], False
        try:
            for row in it:
                if max_rows is not None and len(terms) >= max_rows:
                    truncated = True
                    break
                terms.append(row)
                if deadline and len(terms) % 256 == 0 and time.monotonic() > deadline:
                    raise QueryTimeout(f"SPARQL query ran past its time limit of {timeout:g} s")
        except (OSError, ValueError, RuntimeError) as e:  # evaluation errors surface while iterating
            raise UserError(f"SPARQL query failed: {sparql_error(e)}") from None
        if deadline and time.monotonic() > deadline:
            raise QueryTimeout(f"SPARQL query ran past its time limit of {timeout:g} s")
        rows = [tuple(to_python(t) for t in r) for r in terms]
        return Result(kind, cols, rows, terms, truncated)

    def select(self, text: str) -> Iterator[tuple]:
        """The rows of a SELECT as plain Python values, converted as the caller reads them: a caller that stops
        early (top-N of an ordered answer) never pays for the rest. Errors are one-line UserErrors."""
        import pyoxigraph as ox

        self.check(text)
        try:
            res = self.store.query(text, prefixes=PREFIXES)
            if not isinstance(res, ox.QuerySolutions):
                raise UserError("SPARQL select: the query is not a SELECT")
            for sol in res:
                yield tuple(to_python(t) for t in sol)
        except SyntaxError as e:
            raise UserError(f"SPARQL syntax error {sparql_error(e)}") from None
        except (OSError, ValueError, TypeError, RuntimeError) as e:
            raise UserError(f"SPARQL query failed: {sparql_error(e)}") from None

    @staticmethod
    def check(text: str, allow_service: bool = False) -> None:
        """Refuse before parsing: oversized or deeply nested text, and federation unless allowed."""
        check_shape(text, "SPARQL")
        if not allow_service and uses_service(text):
            raise UserError("SPARQL SERVICE/LOAD refused: the query would fetch data from another server or URL "
                            "(allow_service=True or --allow-service permits it)")


def build_store(g, path: str | Path | None = None, evidence: bool = True):
    """A pyoxigraph Store with the RDF form of `g`, in memory or at `path` (a directory).

    `evidence=False` builds the lean query store: nodes and typed edges without the evidence reification
    (about 50 triples per role instead of 190; canned queries need nothing more)."""
    import pyoxigraph as ox

    from orgkg.ontology.ntriples import load_into

    store = ox.Store(str(path)) if path else ox.Store()
    load_into(store, g, evidence)
    if path:
        store.flush()
    return store


_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def store_for(g, evidence: bool = True) -> SparqlStore:
    """The in-memory store for an OrgGraph, rebuilt only when the graph's size changed since.

    `evidence=False` asks for the lean query store; a cached full store serves that too."""
    sig = (g.g.number_of_nodes(), g.g.number_of_edges())
    hits = _cache.get(g) or {}
    for ev in ((True,) if evidence else (False, True)):
        hit = hits.get(ev)
        if hit and hit[0] == sig:
            return hit[1]
    s = SparqlStore(build_store(g, evidence=evidence), g)
    s.evidence = evidence
    _cache[g] = {**hits, evidence: (sig, s)}
    return s


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def persisted_dir(graph_path: Path, sha: str, evidence: bool = True) -> Path:
    return graph_path.parent / f".{graph_path.name}.oxigraph-{sha[:16]}{'' if evidence else '-lean'}"


def persisted_store(path: Path, evidence: bool = True) -> Path:
    """The on-disk store beside graph file `path`, keyed on its sha256, built when missing (in a temp dir and
    renamed, so a crash never leaves a half-built store in use); its folder gets the graph's permissions."""
    from orgkg.graph import load as open_graph

    from .procs import derived_mode

    target = persisted_dir(path, file_sha256(path), evidence)
    if target.is_dir():
        return target
    g = open_graph(path)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=target.name + ".", suffix=".tmp", dir=path.parent))
    except OSError as e:
        raise UserError(f"{path.parent}: cannot keep the SPARQL store beside the graph ({e.strerror or e})") from None
    try:
        store = build_store(g, tmp, evidence)
        del store  # closes the database before the rename
        os.chmod(tmp, derived_mode(path, directory=True))
        os.replace(tmp, target)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if not target.is_dir():
            raise
    for old in path.parent.glob(f".{path.name}.oxigraph-*"):  # stale stores of earlier versions of the file
        if old != target and not old.name.endswith(".tmp") and old.name.endswith("-lean") == (not evidence):
            shutil.rmtree(old, ignore_errors=True)
    return target


def store_for_file(path: str | Path, persist: bool = False, evidence: bool = True) -> SparqlStore:
    """Store for a graph file: in memory, or with `persist` the on-disk store beside it (`persisted_store`).

        store_for_file("org.json", persist=True).query("ASK { ?r a org:Post }").boolean
    """
    from orgkg.graph import load as open_graph

    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}: no such graph file")
    if not persist:
        return store_for(open_graph(path), evidence)
    import pyoxigraph as ox

    target = persisted_store(path, evidence)
    try:
        s = SparqlStore(ox.Store.read_only(str(target)), None, target)
        s.evidence = evidence
        return s
    except OSError as e:
        raise UserError(f"{target}: cannot open the persisted SPARQL store ({one_line(e)}); delete it to rebuild") from None


def sparql(g, query: str, *, allow_update: bool = False, allow_service: bool = False, **kw) -> Result:
    """Run a SPARQL query over an OrgGraph (its store is built once and cached); SERVICE needs allow_service.

        sparql(orgkg.sample_graph(), "ASK { ?r a org:Post }").boolean   # True
    """
    return store_for(g).query(query, allow_update=allow_update, allow_service=allow_service, **kw)
