"""Rebuilding a saved graph after a few documents changed, by patching it instead of rebuilding it.

Beside the graph (`OUT.cache/cache.sqlite`, with the extraction cache) we keep the build state: which
documents (path, size, mtime, content key) the graph was built from, what each contributed to entity
resolution, and for each node (and each edge several documents share) the documents whose operations
touch it, with those operations when there are several (graph/build.py: a build is a fold of
per-document operations, each aimed at one node or edge). The rest is derived again, when a patch needs
it, from the cached extractions: a document's operations before an edit from its previous extraction,
an edge's documents from those of its two end nodes. After an edit:

1. unchanged files are recognised by (size, mtime_ns) without reading them; others are hashed and
   re-extracted only if their content key is new;
2. if entity resolution (acronyms, aliases) changes, we rebuild in full; changed described-role names
   only mark the role nodes that carry them (and the documents touching those) as affected;
3. every node or edge whose operations changed is replayed from the operations of all documents that
   touch it, in document order, and its line in the graph file is replaced, added or dropped; the
   summary is patched by difference.

Patching stays proportional to the change, not to the corpus: the resolver's decisions are stored, so
an edit that leaves every document's resolver input alone reuses them instead of re-deriving them from
10,000 stored inputs; the lines to change are found by binary search in the mapped graph file (its lines
are sorted by key); the new file is the old one's unchanged byte ranges copied by the kernel
(os.copy_file_range) around the new lines, then fsynced and renamed over the old file as any save is.

The result is byte for byte the file a cold full build writes (tests/test_incremental_property.py).
Anything unexpected (no state, another extractor or format, a graph file we did not write, duplicate
document names) falls back to a full build, which also refreshes the state.
"""

from __future__ import annotations

import errno
import hashlib
import importlib
import json
import mmap
import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice, repeat
from json.decoder import scanstring
from pathlib import Path
from typing import NamedTuple

from orgkg.loaders.model import Extraction
from orgkg.loaders.text import read_file, refusal

from .build import Fold, Resolver, _slug, doc_ops, edge_target, node_target, op_target, resolver_input, target_edge
from .cache import ExtractionCache, extractor_fingerprint, transaction
from .store import (
    EDGES_END,
    NODES_END,
    atomic_file,
    encode_record_bytes,
    encode_records,
    file_chunks,
    header_line,
    save,
    save_error,
    write_all,
    write_graph,
)

STATE_VERSION = 4  # 4: a row's operations write null for a document's equal to the previous one's
RACY_NS = 2_000_000_000  # files modified this close to the last build's start are re-hashed, not trusted by mtime

_dumps = encode_records  # operations, resolver inputs and record lines: the text a full build writes


@dataclass
class BuildResult:
    summary: dict
    documents: int
    extracted: int
    mode: str  # full | patched | unchanged
    reason: str = ""
    timings: dict = field(default_factory=dict)

    @property
    def reused(self) -> int:
        return self.documents - self.extracted


class _Doc(NamedTuple):
    """A document's row in the build state (a tuple: 10,000 of them are read on every build)."""

    path: str
    size: int
    mtime_ns: int
    key: str
    doc: str


def _init_state(db) -> None:
    db.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)")
    db.execute("CREATE TABLE IF NOT EXISTS docs (path TEXT PRIMARY KEY, size INT, mtime_ns INT, key TEXT, doc TEXT, res TEXT)")
    db.execute("DROP TABLE IF EXISTS ops")  # state version 1 kept a row per (document, target)
    # a table with rowids (and an index on target), not one WITHOUT ROWID as in version 2: its rows, up to MBs of
    # operations, then sat in the index's small cells and its overflow pages, and a cold 50,000-document build
    # spent 2.0 s writing them, 0.7 s now (sqlite's advice: WITHOUT ROWID is for small rows)
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = 'targets'").fetchone()
    if row is not None and "WITHOUT ROWID" in row[0].upper():
        db.execute("DROP TABLE targets")
    db.execute("CREATE TABLE IF NOT EXISTS targets (target TEXT PRIMARY KEY, docs TEXT NOT NULL, ops TEXT)")


@lru_cache(maxsize=1)
def _ops_fingerprint() -> str:
    """Hash of the code that turns extractions into operations and folds them: the stored operations, and the
    ones derived again from cached extractions, must come from the same code."""
    h = hashlib.sha256(f"v{STATE_VERSION}".encode())
    for name in (f"{__package__}.build", f"{__package__}.ids", f"{__package__}.orggraph", "orgkg.ontology.schema"):
        h.update(Path(importlib.import_module(name).__file__).read_bytes())
    return h.hexdigest()[:16]


def _meta(db) -> dict:
    row = db.execute("SELECT v FROM meta WHERE k = 'state'").fetchone()
    try:
        return json.loads(row[0]) if row else {}
    except ValueError:
        return {}


def _groups(ops: list) -> dict[str, list]:
    """A document's operations by the node or edge they touch ('n\\0<id>' or 'e\\0<u>\\0<v>\\0<type>'), in order."""
    by: dict[str, list] = {}
    for op in ops:
        t = op_target(op)
        g = by.get(t)
        if g is None:
            by[t] = [op]
        else:
            g.append(op)
    return by


class _TargetRows:
    """The `targets` table of a build, gathered while the documents are folded in order (`fold`).

    A row per node, and per edge that several documents touch: the paths of the documents touching it
    ("\\0"-joined, in document order) and, when there are several, each one's operations on it. Operations
    are not kept where one document is the only source (nearly every edge, half the nodes), nor is a row for
    such an edge: a patch derives them again from that document's cached extraction, and finds an edge's
    documents among those touching both its ends (a document that touches an edge touches its end nodes:
    `build.doc_ops`). So the state holds ~27,000 rows for 10,000 documents, not 250,000.

    Why gathered during the fold: keeping every document's operations until the end cost more memory than
    the graph. Here a document's operations on a node are kept as they are (a lone one without a list), once
    for a run of documents whose operations on it are equal (a competency, a unit named alike: most of them),
    and become JSON text only in its row, in one encoder call for all documents; an edge costs one entry in
    `made_by` (keyed by the fold's own key tuple), since an edge touched by a later document is one the fold
    already has. Only for those few shared edges are the operations of the document that made the edge
    derived again, once the fold is over (`rows`).
    """

    def __init__(self, fold: Fold) -> None:
        self.fold = fold
        self.nodes: dict[str, list] = {}  # node id -> [path, ops, path, ops, ...] (ops: a list, or one op)
        self.shared: dict[tuple, list] = {}  # edge two recorded documents touch -> the same; the maker's entry
        # stays (its index, None) until `rows` derives its operations again
        self.made_by: dict[tuple, int] = {}  # edge -> index of the first recorded document touching it, or -1

    def fold_doc(self, i: int, path: str, ops: list, record: bool) -> None:
        """Fold document `i`'s operations into the graph; `record`: they go in the state (the document has a
        `docs` row)."""
        edges, made_by = self.fold.edges, self.made_by
        n = len(edges)
        self.fold.apply_all(ops)
        made = len(edges) - n  # the edges this document made: the last ones the fold added
        if not record:
            made_by.update(zip(islice(reversed(edges), made), repeat(-1)))
            return
        nodes: dict[str, tuple | list] = {}  # node id -> its one operation, or its list of several
        touched = 0  # edge operations
        for op in ops:
            if op[0] == "e":
                touched += 1
                continue
            g = nodes.get(op[3])
            if g is None:
                nodes[op[3]] = op
            elif type(g) is tuple:
                nodes[op[3]] = [g, op]
            else:
                g.append(op)
        shared, claimed = self._edges_before(ops, edges, made) if touched > made else ({}, ())
        made_by.update(zip(islice(reversed(edges), made), repeat(i)))
        for k in claimed:
            made_by[k] = i
        for nid, g in nodes.items():
            e = self.nodes.get(nid)
            if e is None:
                self.nodes[nid] = [path, g]
            else:  # most often equal to the previous document's (a competency, a unit named alike): kept once
                e += (path, e[-1] if g == e[-1] else g)
        for k, g in shared.items():
            e = self.shared.get(k)
            if e is None:
                self.shared[k] = [made_by[k], None, path, g]
            else:
                e += (path, g)

    def _edges_before(self, ops: list, edges: dict, made: int) -> tuple[dict[tuple, list], list[tuple]]:
        """The document's operations on edges made before it (one edge operation per new edge is the common
        case, which has none: not called), by edge, and those edges made by a document the state leaves out,
        which this one, the first recorded to touch them, claims."""
        new = set(islice(reversed(edges), made))
        shared: dict[tuple, list] = {}
        claimed = []
        for op in ops:
            if op[0] != "e":
                continue
            k = op[1:4]
            if k in new:
                continue
            if self.made_by[k] < 0:
                claimed.append(k)
                continue
            g = shared.get(k)
            if g is None:
                shared[k] = [op]
            else:
                g.append(op)
        return shared, claimed

    def rows(self, pairs: list, res: Resolver) -> Iterator[tuple[str, str, str | None]]:
        """The rows, in target order, each entry dropped once its row is made; `pairs` and `res` are the
        fold's documents and resolver, to derive the shared edges' first operations again."""
        self.made_by = {}
        makers: dict[int, list] = {}
        for k, e in self.shared.items():
            makers.setdefault(e[0], []).append(k)
        for i, keys in makers.items():
            p, ex = pairs[i]
            mine: dict[tuple, list] = {k: [] for k in keys}
            for op in doc_ops(ex, res):
                if op[0] == "e" and op[1:4] in mine:
                    mine[op[1:4]].append(op)
            for k in keys:
                self.shared[k][:2] = p, mine[k]
        for k in sorted(self.shared):
            yield _row(edge_target(k), self.shared.pop(k))
        for k in sorted(self.nodes):
            yield _row(node_target(k), self.nodes.pop(k))


def _row(target: str, e: list) -> tuple[str, str, str | None]:
    """A `targets` row from [path, ops, path, ops, ...] (a list of operations, or a lone operation, a tuple): no
    operations kept for one document; a document's equal to the previous one's (nearly all: a competency, a unit
    named alike) written as null (`_stored_ops` reads them back). Equal operations have equal JSON text:
    build.doc_ops gives each field values of one JSON type (no 1 beside a True or a 1.0)."""
    if len(e) == 2:
        return target, e[0], None
    out = []
    prev = None
    for g in e[1::2]:
        out.append(None if prev is not None and (g is prev or g == prev) else g if type(g) is list else [g])
        prev = g
    return target, "\0".join(e[0::2]), _dumps(out)


def _stored_ops(text: str) -> list:
    """A row's operations, one list per document (the previous one's where the row has null)."""
    ops = json.loads(text)
    for i in range(1, len(ops)):
        if ops[i] is None:
            ops[i] = ops[i - 1]
    return ops


def _entries(order: list[str], ops_of: dict[str, list]) -> list:
    """[path, ops, ...] for `_row`, a document's operations the previous one's object when their text is the
    same: stored ones (JSON lists) and derived ones (tuples) never compare equal, a cold build's would."""
    e: list = []
    prev = prev_text = None
    for q in order:
        g, text = ops_of[q], _dumps(ops_of[q])
        if text == prev_text:
            g = prev
        e += (q, g)
        prev, prev_text = g, text
    return e


def _edge_docs(db, t: str) -> list[str]:
    """Documents that may touch edge `t`, which has no row (one document touched it, or none): those that
    touch both its end nodes."""
    found = None
    for n in target_edge(t)[:2]:
        row = db.execute("SELECT docs FROM targets WHERE target = ?", (node_target(n),)).fetchone()
        paths = set(row[0].split("\0")) if row else set()
        found = paths if found is None else found & paths
    return sorted(found)


def _graph_stat(output: Path) -> list[int] | None:
    try:
        st = output.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def build_file(files: list[Path], output: str | Path, loader: str = "auto", jobs: int | None = 1,
               errors: list[str] | None = None, progress=None, use_cache: bool = True) -> BuildResult:
    """Build (or patch) the graph at `output` from `files`; the file equals a cold full build's."""
    from orgkg.loaders.parallel import extract_many

    errors = errors if errors is not None else []
    output = Path(output)
    advance = progress.advance if progress is not None else (lambda n: None)
    t0 = time.perf_counter()
    started_ns = time.time_ns()
    if not use_cache:
        exs = [ex for ex in extract_many(files, jobs=jobs, format=loader, errors=errors, progress=progress) if ex]
        return _full(exs, output, None, [], started_ns, loader, "no cache", t0, len(exs))
    cache = ExtractionCache.beside(output)
    db = cache.db
    try:
        if db is not None:
            _init_state(db)
        return _build(files, output, loader, jobs, errors, advance, progress, cache, started_ns, t0, extract_many)
    finally:
        cache.close()


def _read(p: str, st: os.stat_result | None, inline: bool) -> bytes | None:
    """The file's bytes for its cache key, None if it cannot be read; `inline`: None too for what read_page
    refuses unread (not a regular file, too large), left to the extraction to report."""
    if st is None or inline and refusal(p, st) is not None:
        return None
    try:
        return read_file(p, st.st_size)
    except OSError:
        return None


def _build(files, output, loader, jobs, errors, advance, progress, cache, started_ns, t0, extract_many) -> BuildResult:
    from orgkg.loaders.parallel import extract_one, jobs_for

    db = cache.db
    meta = _meta(db) if db is not None else {}
    valid = (meta.get("version") == STATE_VERSION and meta.get("fingerprint") == extractor_fingerprint()
             and meta.get("ops") == _ops_fingerprint()
             and meta.get("loader") == loader and meta.get("graph") is not None and meta.get("graph") == _graph_stat(output))
    old: dict[str, _Doc] = {}
    if valid:
        old = {r[0]: _Doc._make(r) for r in db.execute("SELECT path, size, mtime_ns, key, doc FROM docs")}
    trusted_before = meta.get("started_ns", 0) - RACY_NS
    kept: dict[str, _Doc] = {}  # unchanged documents (path -> state row, stat refreshed)
    moved: list[_Doc] = []  # unchanged documents whose (size, mtime_ns) is not the recorded one
    fresh: dict[str, Extraction] = {}  # documents with new content: path -> extraction
    keys: dict[str, tuple[str, int, int]] = {}  # path -> (content key, size, mtime_ns)
    todo: list[Path] = []
    lookup = (lambda k: None) if cache.empty() else cache.get
    # one process: a file read for its key is extracted from those bytes (read and hashed once), and any other
    # file to extract is extracted in its turn too (its error in file order); else a pool extracts `todo` afterwards
    inline = jobs_for(jobs, len(files)) == 1
    made: list[tuple[str, Extraction]] = []  # (key, extraction) of the files extracted here, for the cache
    extracted = tried = 0
    for f in files:
        p = str(f)
        try:
            st = os.stat(p)
        except OSError:
            st = None
        d = old.get(p)
        if st is not None and d is not None and d.size == st.st_size and d.mtime_ns == st.st_mtime_ns \
                and st.st_mtime_ns < trusted_before:
            kept[p] = d
            continue
        data = _read(p, st, inline)
        k = digest = None
        if data is not None:
            digest = hashlib.sha256(data).hexdigest()
            k = cache.key_of_digest(digest, p, loader)
            keys[p] = (k, st.st_size, st.st_mtime_ns)
            if d is not None and d.key == k:
                kept[p] = _Doc(p, st.st_size, st.st_mtime_ns, k, d.doc)
                moved.append(kept[p])
                continue
            ex = lookup(k)
            if ex is not None:
                fresh[p] = ex
                continue
        if not inline:
            todo.append(f)
            continue
        got = extract_one(f, loader, data, digest)
        tried += 1
        advance(1)
        if isinstance(got, str):
            errors.append(got)
            continue
        fresh[p] = got
        extracted += 1
        if k is not None:
            made.append((k, got))
    advance(len(files) - len(todo) - tried)
    new = extract_many(todo, jobs=jobs, format=loader, errors=errors, progress=progress)
    cache.put_many(made + [(keys[str(f)][0], ex) for f, ex in zip(todo, new) if ex is not None and str(f) in keys])
    del made
    for f, ex in zip(todo, new):
        if ex is not None:
            fresh[str(f)] = ex
    extracted += sum(1 for ex in new if ex is not None)
    t_extract = time.perf_counter() - t0
    removed = [p for p in old if p not in kept and p not in fresh]
    if not valid:
        reason = "no build state" if not meta else "build state does not match this graph, extractor or format"
    elif not fresh and not removed:
        _save_stats(db, moved, meta, started_ns, output)
        return BuildResult(_summary_of(output), len(kept), extracted, "unchanged", "", {"extract_s": t_extract})
    else:
        r = _patch(db, output, meta, old, kept, moved, fresh, removed, cache, keys, started_ns, loader)
        if isinstance(r, dict):
            r["extract_s"] = t_extract
            return BuildResult(r.pop("summary"), len(kept) + len(fresh), extracted, "patched", "", r)
        reason = r
    # full build: every document's extraction (unchanged ones from the cache)
    exs: dict[str, Extraction] = {}
    for f in files:  # input order: documents with the same name keep the order a cold build gives them
        p = str(f)
        if p in fresh:
            exs[p] = fresh[p]
            continue
        d = kept.get(p)
        if d is None:
            continue
        ex = cache.get(d.key)
        if ex is None:  # evicted or unreadable entry: extract again
            got = extract_many([Path(p)], jobs=1, format=loader, errors=errors)[0]
            if got is None:
                continue
            ex = got
            extracted += 1
            cache.put(d.key, ex)
        exs[p] = ex
    stats = {p: (d.key, d.size, d.mtime_ns) for p, d in kept.items()} | {p: keys[p] for p in exs if p in keys}
    return _full(list(exs.items()), output, db, stats, started_ns, loader, reason, t0, extracted, t_extract)


def _full(exs, output: Path, db, stats, started_ns: int, loader: str, reason: str, t0: float, extracted: int,
          t_extract: float | None = None) -> BuildResult:
    """A cold build of all documents; with a state database, records the state for next time."""
    from orgkg.errors import UserError

    if not exs:
        raise UserError("no documents could be read; nothing built")
    t1 = time.perf_counter()
    pairs = exs if db is not None else [(ex.path, ex) for ex in exs]
    pairs = sorted(pairs, key=lambda pe: pe[1].doc)
    summary, times = _merge_save_state(pairs, output, db, stats, started_ns, loader)
    times["state_s"] = times.get("state_s", 0.0) + time.perf_counter() - t1 - sum(times.values())
    return BuildResult(summary, len(pairs), extracted, "full", reason,
                       {"extract_s": t_extract if t_extract is not None else t1 - t0, **times})


def _merge_save_state(pairs: list, output: Path, db, stats, started_ns: int, loader: str) -> tuple[dict, dict]:
    """Merge, record the state, save the graph; returns the summary and the merge, state and save times.

    The state's rows go to the database before the graph is saved, each freed once written, so the graph
    file's text is never in memory beside them (the documents' rows, and the resolver inputs they hold, before
    the fold, so not beside the fold's `targets` either); the transaction commits after the save (a failed save
    leaves the previous graph and its state), with the new graph file's stat.
    """
    t1 = time.perf_counter()
    inputs = [resolver_input(ex) for _, ex in pairs]
    res = Resolver.from_inputs(inputs)
    g = Fold()
    if db is None:
        del inputs
        for _, ex in pairs:
            g.apply_all(doc_ops(ex, res))
        t2 = time.perf_counter()
        summary = g.summary()
        write_graph(output, file_chunks(summary, g.nodes, g.edges, encode_record_bytes))
        return summary, {"merge_s": t2 - t1, "save_s": time.perf_counter() - t2}
    t_res = time.perf_counter()
    with transaction(db):
        db.execute("DELETE FROM docs")
        db.execute("DELETE FROM targets")
        db.executemany("INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?, ?)",
                       ((p, stats[p][1], stats[p][2], stats[p][0], ex.doc, _dumps(inp))
                        for (p, ex), inp in zip(pairs, inputs) if p in stats))
        del inputs  # written before the fold: not in memory beside its rows
        t_docs = time.perf_counter()
        targets = _TargetRows(g)
        for i, (p, ex) in enumerate(pairs):
            targets.fold_doc(i, p, doc_ops(ex, res), p in stats)
        t2 = time.perf_counter()
        summary = g.summary()
        db.executemany("INSERT INTO targets VALUES (?, ?, ?)", targets.rows(pairs, res))
        del targets
        t3 = time.perf_counter()
        write_graph(output, file_chunks(summary, g.nodes, g.edges, encode_record_bytes))
        t4 = time.perf_counter()
        _put_meta(db, started_ns, loader, output, _put_resolver(db, res))
    t5 = time.perf_counter()
    return summary, {"merge_s": t_res - t1 + t2 - t_docs, "state_s": t_docs - t_res + t3 - t2 + t5 - t4, "save_s": t4 - t3}


def _put_meta(db, started_ns: int, loader: str, output: Path, resolver: str | None) -> None:
    """Record the state's identity; `resolver` is the hash of the stored resolver decisions it goes with."""
    meta = {"version": STATE_VERSION, "fingerprint": extractor_fingerprint(), "ops": _ops_fingerprint(), "loader": loader,
            "graph": _graph_stat(output), "started_ns": started_ns, "resolver": resolver}
    db.execute("INSERT OR REPLACE INTO meta VALUES ('state', ?)", (json.dumps(meta),))


def _put_resolver(db, res: Resolver) -> str:
    """Store the resolver's decisions; returns their hash, which the state records."""
    text = _dumps(res.state())
    db.execute("INSERT OR REPLACE INTO meta VALUES ('resolver', ?)", (text,))
    return hashlib.sha256(text.encode()).hexdigest()


def _stored_resolver(db, meta: dict) -> Resolver | None:
    """The resolver of the last build, if its stored decisions are the ones the state names."""
    row = db.execute("SELECT v FROM meta WHERE k = 'resolver'").fetchone()
    if row is None or meta.get("resolver") != hashlib.sha256(row[0].encode()).hexdigest():
        return None
    try:
        return Resolver.from_state(json.loads(row[0]))
    except (ValueError, TypeError):
        return None


def _save_stats(db, moved: list[_Doc], meta: dict, started_ns: int, output: Path) -> None:
    with transaction(db):
        db.executemany("UPDATE docs SET size = ?, mtime_ns = ? WHERE path = ?", [(d.size, d.mtime_ns, d.path) for d in moved])
        _put_meta(db, started_ns, meta["loader"], output, meta.get("resolver"))


def _summary_of(output: Path) -> dict:
    with open(output, encoding="utf-8") as f:
        head = f.readline()
    return json.loads(head[:-len(',"nodes":[\n')] + "}")["summary"]


def _node_key(line: str) -> str:
    return scanstring(line, 7)[0]  # {"id":"...


def _edge_key(line: str) -> tuple[str, str, str]:
    u, i = scanstring(line, 11)  # {"source":"...
    v, i = scanstring(line, i + 11)  # ,"target":"...
    k, _ = scanstring(line, i + 9)  # ,"type":"...
    return u, v, k


def _patch(db, output: Path, meta: dict, old: dict[str, _Doc], kept: dict[str, _Doc], moved: list[_Doc],
           fresh: dict[str, Extraction], removed: list[str], cache: ExtractionCache, keys, started_ns: int,
           loader: str) -> dict | str:
    """Patch the graph file in place of a rebuild; returns timings, or the reason a full build is needed."""
    t0 = time.perf_counter()
    docname = {p: d.doc for p, d in kept.items()} | {p: ex.doc for p, ex in fresh.items()}
    if len(set(docname.values())) != len(docname):
        return "two documents share a file name"
    new_inputs = {p: resolver_input(ex) for p, ex in fresh.items()}
    new_json = {p: _dumps(i) for p, i in new_inputs.items()}
    old_res = new_res = None
    if not removed and all(p in old and old[p].doc == ex.doc for p, ex in fresh.items()):
        # the same documents in the same order: if no changed one has a new resolver input, the resolver,
        # a function of the inputs in document order, is the stored one
        before = {p: db.execute("SELECT res FROM docs WHERE path = ?", (p,)).fetchone() for p in fresh}
        if all(before[p] is not None and before[p][0] == new_json[p] for p in fresh):
            old_res = new_res = _stored_resolver(db, meta)
    resolver_hash = meta.get("resolver") if new_res is not None else None
    if new_res is None:
        parsed = {p: json.loads(r) for p, r in db.execute("SELECT path, res FROM docs")}
        if parsed.keys() != old.keys():
            return "the build state is incomplete"
        order = sorted(docname, key=docname.__getitem__)
        old_res = _stored_resolver(db, meta) or Resolver.from_inputs(parsed[p] for p in sorted(old, key=lambda p: old[p].doc))
        new_res = Resolver.from_inputs(new_inputs[p] if p in new_inputs else parsed[p] for p in order)
        if old_res.acronyms != new_res.acronyms or old_res.alias_of != new_res.alias_of:
            return "acronyms or aliases changed"
    # described-role names: only the role nodes carrying a changed name are affected
    renamed = {k for k in old_res.role_names.keys() | new_res.role_names.keys()
               if old_res.role_names.get(k) != new_res.role_names.get(k)}
    rederive: dict[str, Extraction] = dict(fresh)
    for k in renamed:
        role = node_target(f"role:{_slug(k)}")  # the id Resolver.node_id gives the role with this key
        row = db.execute("SELECT docs FROM targets WHERE target = ?", (role,)).fetchone()
        for p in row[0].split("\0") if row else ():
            if p in kept and p not in rederive:
                ex = cache.get(kept[p].key)
                if ex is None:
                    return "a cached extraction is missing"
                rederive[p] = ex
    # each document's operations before and after, by target: the old ones derived again from its previous
    # extraction with the previous resolver, exactly as the last build derived them
    new_groups = {p: _groups(doc_ops(ex, new_res)) for p, ex in rederive.items()}
    gone_set = set(removed)
    old_groups: dict[str, dict[str, list]] = {}
    for p in [*rederive, *removed]:
        if p not in old:
            old_groups[p] = {}
            continue
        ex = rederive[p] if p in kept else cache.get(old[p].key)  # kept: re-derived for a renamed role only
        if ex is None:
            return "a cached extraction is missing"
        old_groups[p] = _groups(doc_ops(ex, old_res))
    affected: set[str] = set()
    for p, a in old_groups.items():
        b = new_groups.get(p, {})
        affected.update(t for t in a.keys() | b.keys() if t not in a or t not in b or _dumps(a[t]) != _dumps(b[t]))
    # replay each affected node / edge from all its operations, in document order (edges apart: replayed
    # without their nodes, they would create bare ones); the state's row for it is rewritten too
    unchanged: dict[str, dict[str, list]] = {}  # groups of untouched documents, derived again from their extraction
    nodes_g, edges_g = Fold(), Fold()
    rows_new: list[tuple[str, str, str | None]] = []
    rows_gone: list[tuple[str]] = []
    for t in sorted(affected):
        row = db.execute("SELECT docs, ops FROM targets WHERE target = ?", (t,)).fetchone()
        exact = row is not None  # else an edge with at most one document, among these candidates
        paths = row[0].split("\0") if exact else _edge_docs(db, t) if t[0] == "e" else []
        stored = _stored_ops(row[1]) if exact and row[1] is not None else None
        ops_of: dict[str, list] = {}
        for i, q in enumerate(paths):
            if q in gone_set or q in rederive:
                continue
            if stored is not None:
                ops_of[q] = stored[i]
                continue
            if q not in unchanged:
                ex = cache.get(kept[q].key) if q in kept else None
                if ex is None:
                    return "a cached extraction is missing"
                unchanged[q] = _groups(doc_ops(ex, new_res))
            if t in unchanged[q]:
                ops_of[q] = unchanged[q][t]
            elif exact:
                return "the build state does not match its documents"
        for p in rederive:
            if t in new_groups[p]:
                ops_of[p] = new_groups[p][t]
        order = sorted(ops_of, key=docname.__getitem__)
        g = edges_g if t[0] == "e" else nodes_g
        for q in order:
            g.apply_all(map(tuple, ops_of[q]))
        if not order or t[0] == "e" and len(order) == 1:
            rows_gone.append((t,))
        else:
            rows_new.append(_row(t, _entries(order, ops_of)))
    node_new: dict[str, dict | None] = {}
    edge_new: dict[tuple[str, str, str], dict | None] = {}
    for t in affected:
        if t[0] == "n":
            node_new[t[2:]] = nodes_g.nodes.get(t[2:])
        else:
            key = target_edge(t)
            edge_new[key] = edges_g.edges.get(key)
    t1 = time.perf_counter()
    try:
        r = _rewrite(output, node_new, edge_new)
    except OSError as e:
        raise save_error(output, e) from None
    if isinstance(r, str):
        return r
    summary, t2 = r
    t3 = time.perf_counter()
    with transaction(db):
        db.executemany("DELETE FROM targets WHERE target = ?", rows_gone)
        db.executemany("INSERT OR REPLACE INTO targets VALUES (?, ?, ?)", rows_new)
        db.executemany("DELETE FROM docs WHERE path = ?", [(p,) for p in removed])
        db.executemany("INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?, ?)",
                       [(p, keys[p][1], keys[p][2], keys[p][0], ex.doc, new_json[p]) for p, ex in fresh.items()])
        db.executemany("UPDATE docs SET size = ?, mtime_ns = ? WHERE path = ?", [(d.size, d.mtime_ns, d.path) for d in moved])
        _put_meta(db, started_ns, loader, output, resolver_hash or _put_resolver(db, new_res))
    t4 = time.perf_counter()
    return {"summary": summary, "merge_s": t1 - t0, "patch_s": t2 - t1, "save_s": t3 - t2, "state_s": t4 - t3,
            "affected": len(affected)}


# ---- the graph file, patched by byte ranges -------------------------------------------------------------------
# store.file_chunks writes: header line, node lines, NODES_END, edge lines, EDGES_END, each ending in "\n", the
# lines of a section separated by ",\n" and sorted by key. JSON strings escape newlines, so every "\n" in the
# file is one of those; a section is the byte range [start, end) from its first line's start to its last line's
# end (before the "\n"), empty when start == end.

_NODES_MARK = f"\n{NODES_END}\n".encode()
_EDGES_TAIL = f"\n{EDGES_END}\n".encode()


def _sections(mm) -> tuple[str, tuple[int, int], tuple[int, int]] | None:
    """(header, node section, edge section) of a file in the current layout, or None."""
    i = mm.find(b"\n")
    if i < 0 or not mm[:i].endswith(b',"nodes":[') or len(mm) < i + len(_EDGES_TAIL) or \
            mm[len(mm) - len(_EDGES_TAIL):] != _EDGES_TAIL:
        return None
    j = mm.find(_NODES_MARK, i)
    if j < 0 or j == i + 1:
        return None
    es, ee = j + len(_NODES_MARK), len(mm) - len(_EDGES_TAIL)
    if ee != es - 1 and ee <= es:
        return None
    nodes, edges = (i + 1, j) if j > i else (i + 1, i + 1), (es, ee) if ee >= es else (es, es)
    if nodes[0] < nodes[1] and mm[nodes[0]:nodes[0] + 7] != b'{"id":"' or \
            edges[0] < edges[1] and mm[edges[0]:edges[0] + 11] != b'{"source":"':
        return None
    return mm[:i].decode("utf-8"), nodes, edges


def _line(mm, s: int, hi: int) -> tuple[str, int]:
    """The line starting at `s` in a section ending at `hi` (without its ','), and where it ends."""
    e = mm.find(b"\n", s, hi)
    if e < 0:
        return mm[s:hi].decode("utf-8"), hi
    return mm[s:e - 1].decode("utf-8"), e


def _seek(mm, lo: int, hi: int, key, key_of) -> int:
    """Start of the first line of section [lo, hi) whose key is >= `key` (hi if none): a binary search."""
    while lo < hi:
        nl = mm.rfind(b"\n", lo, (lo + hi) // 2)
        s = lo if nl < 0 else nl + 1  # the start of the line holding the midpoint
        line, e = _line(mm, s, hi)
        if key_of(line) < key:
            lo = e + 1 if e < hi else hi
        else:
            hi = s
    return lo


def _edits(mm, section: tuple[int, int], new: dict, key_of, on_drop) -> list:
    """The section's new content: byte ranges of unchanged runs of lines and new lines (bytes), in order.

    `new` maps keys to their new record (None: drop the line); `on_drop` sees each old line replaced or dropped.
    """
    lo, hi = section
    edits = []  # (position, key, end of the old line or None, new line or None)
    for k, rec in new.items():
        pos = _seek(mm, lo, hi, k, key_of)
        end = None
        if pos < hi:
            line, e = _line(mm, pos, hi)
            if key_of(line) == k:
                on_drop(line)
                end = e
        if end is not None or rec is not None:
            edits.append((pos, k, end, None if rec is None else _dumps(rec).encode("utf-8")))
    edits.sort(key=lambda x: (x[0], x[1]))
    pieces: list = []
    cur = lo
    for pos, _k, end, text in edits:
        if pos > cur:  # the lines before, without the ",\n" after them (the section's end has none)
            pieces.append((cur, pos - 2 if pos < hi else hi))
            cur = pos
        if text is not None:
            pieces.append(text)
        if end is not None:
            cur = end + 1 if end < hi else hi
    if cur < hi:
        pieces.append((cur, hi))
    return pieces


def _rewrite(output: Path, node_new: dict, edge_new: dict) -> tuple[dict, float] | str:
    """Write the graph file with these nodes and edges replaced, added or dropped (None), and its summary
    patched; returns (summary, when the new content was ready), or the reason to rebuild in full."""
    with open(output, "rb") as f:
        plan = _plan(f, node_new, edge_new)
        if isinstance(plan, str):
            return plan
        summary, node_pieces, edge_pieces = plan
        ready = time.perf_counter()
        with atomic_file(output) as fd:
            try:
                write_all(fd, (header_line(summary) + "\n").encode("utf-8"))
                for pieces, end in ((node_pieces, NODES_END), (edge_pieces, EDGES_END)):
                    for n, piece in enumerate(pieces):
                        if n:
                            write_all(fd, b",\n")
                        if isinstance(piece, bytes):
                            write_all(fd, piece)
                        else:
                            _copy(f, fd, *piece)
                    write_all(fd, ("\n" if pieces else "").encode() + end.encode() + b"\n")
            finally:
                f.close()  # before the rename over it (some systems refuse to replace an open file)
    return summary, ready


def _plan(f, node_new: dict, edge_new: dict) -> tuple[dict, list, list] | str:
    """(patched summary, new node section, new edge section) of the open graph file, or why not."""
    if os.fstat(f.fileno()).st_size == 0:
        return "the graph file is not in the current layout"
    with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        parts = _sections(mm)
        if parts is None:
            return "the graph file is not in the current layout"
        header, node_sec, edge_sec = parts
        summary = json.loads(header[:-len(',"nodes":[')] + "}")["summary"]
        ntype, etype = Counter(summary["nodes_by_type"]), Counter(summary["edges_by_type"])
        counts = Counter(nodes=summary["nodes"], edges=summary["edges"], described_roles=summary["described_roles"],
                         stub_roles=summary["stub_roles"])

        def node_delta(d: dict, sign: int) -> None:
            counts["nodes"] += sign
            ntype[d["type"]] += sign
            if d["type"] == "Role":
                counts["described_roles" if d.get("described") else "stub_roles"] += sign

        def edge_delta(d: dict, sign: int) -> None:
            counts["edges"] += sign
            etype[d["type"]] += sign

        for rec in node_new.values():
            if rec is not None:
                node_delta(rec, +1)
        for rec in edge_new.values():
            if rec is not None:
                edge_delta(rec, +1)
        node_pieces = _edits(mm, node_sec, node_new, _node_key, lambda line: node_delta(json.loads(line), -1))
        edge_pieces = _edits(mm, edge_sec, edge_new, _edge_key, lambda line: edge_delta(json.loads(line), -1))
    if min(counts.values()) < 0 or min(ntype.values(), default=0) < 0 or min(etype.values(), default=0) < 0:
        return "the graph file's summary does not match its contents"
    summary = {"nodes": counts["nodes"], "edges": counts["edges"],
               "nodes_by_type": {k: v for k, v in sorted(ntype.items()) if v},
               "edges_by_type": {k: v for k, v in sorted(etype.items()) if v},
               "described_roles": counts["described_roles"], "stub_roles": counts["stub_roles"]}
    return summary, node_pieces, edge_pieces


_NO_KERNEL_COPY = (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM, errno.ETXTBSY)


def _copy(f, dst: int, start: int, end: int) -> None:
    """Append bytes [start, end) of open file `f` to `dst`: in the kernel (copy_file_range), else by reading."""
    while start < end:
        try:
            n = os.copy_file_range(f.fileno(), dst, end - start, start)
        except (AttributeError, OSError) as e:  # no such call here, or not between these files
            if isinstance(e, OSError) and e.errno not in _NO_KERNEL_COPY:
                raise
            break
        if n == 0:
            raise OSError(errno.EIO, "the graph file shrank while it was being patched")
        start += n
    f.seek(start)
    while start < end:
        data = f.read(min(end - start, 1 << 24))
        if not data:
            raise OSError(errno.EIO, "the graph file shrank while it was being patched")
        write_all(dst, data)
        start += len(data)


__all__ = ["BuildResult", "build_file", "save"]
