"""Rebuilding a saved graph after a few documents changed, by patching it instead of rebuilding it.

Beside the graph (`OUT.cache/cache.sqlite`, with the extraction cache) we keep the build state: which
documents (path, size, mtime, content key) the graph was built from, what each contributed to entity
resolution, and its operations grouped by the node or edge they touch (graph/build.py: a build is a
fold of per-document operations, each aimed at one node or edge). After an edit:

1. unchanged files are recognised by (size, mtime_ns) without reading them; others are hashed and
   re-extracted only if their content key is new;
2. if entity resolution (acronyms, aliases) changes, we rebuild in full; changed described-role names
   only mark the role nodes that carry them (and the documents touching those) as affected;
3. every node or edge whose operations changed is replayed from the operations of all documents that
   touch it, in document order, and its line in the graph file is replaced, added or dropped; the
   summary is patched by difference.

The result is byte for byte the file a cold full build writes (tests/test_incremental_property.py).
Anything unexpected (no state, another extractor or format, a graph file we did not write, duplicate
document names) falls back to a full build, which also refreshes the state.
"""

from __future__ import annotations

import json
import os
import time
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from json.decoder import scanstring
from pathlib import Path

from orgkg.loaders.model import Extraction

from .build import Fold, Resolver, _slug, apply_op, doc_ops, gc_paused, op_target, resolver_input
from .cache import ExtractionCache, extractor_fingerprint, from_json, transaction
from .orggraph import OrgGraph
from .store import atomic_write, edge_line, file_chunks, join_lines, node_line, save, split_lines

STATE_VERSION = 1
RACY_NS = 2_000_000_000  # files modified this close to the last build's start are re-hashed, not trusted by mtime

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


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


@dataclass
class _Doc:
    path: str
    size: int
    mtime_ns: int
    key: str
    doc: str
    res: str  # resolver_input as JSON


def _init_state(db) -> None:
    db.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)")
    db.execute("CREATE TABLE IF NOT EXISTS docs (path TEXT PRIMARY KEY, size INT, mtime_ns INT, key TEXT, doc TEXT, res TEXT)")
    db.execute("CREATE TABLE IF NOT EXISTS ops (path TEXT, target TEXT, ops TEXT, PRIMARY KEY (path, target)) WITHOUT ROWID")
    db.execute("CREATE INDEX IF NOT EXISTS ops_target ON ops (target)")


def _meta(db) -> dict:
    row = db.execute("SELECT v FROM meta WHERE k = 'state'").fetchone()
    try:
        return json.loads(row[0]) if row else {}
    except ValueError:
        return {}


def _group(ops: list) -> dict[str, str]:
    """A document's operations by target, each group serialised (order kept)."""
    by: dict[str, list] = {}
    for op in ops:
        by.setdefault(op_target(op), []).append(op)
    return {t: _dumps(v) for t, v in by.items()}


def _graph_stat(output: Path) -> list[int] | None:
    try:
        st = output.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def build_file(files: list[Path], output: str | Path, loader: str = "auto", jobs: int = 1,
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


def _build(files, output, loader, jobs, errors, advance, progress, cache, started_ns, t0, extract_many) -> BuildResult:
    db = cache.db
    meta = _meta(db) if db is not None else {}
    valid = (meta.get("version") == STATE_VERSION and meta.get("fingerprint") == extractor_fingerprint()
             and meta.get("loader") == loader and meta.get("graph") is not None and meta.get("graph") == _graph_stat(output))
    old: dict[str, _Doc] = {}
    if valid:
        old = {r[0]: _Doc(*r) for r in db.execute("SELECT path, size, mtime_ns, key, doc, res FROM docs")}
    trusted_before = meta.get("started_ns", 0) - RACY_NS
    kept: dict[str, _Doc] = {}  # unchanged documents (path -> state row, stat refreshed)
    fresh: dict[str, Extraction] = {}  # documents with new content: path -> extraction
    keys: dict[str, tuple[str, int, int]] = {}  # path -> (content key, size, mtime_ns)
    todo: list[Path] = []
    restat = 0
    for f in files:
        p = str(f)
        try:
            st = os.stat(f)
        except OSError:
            todo.append(f)
            continue
        d = old.get(p)
        if d is not None and d.size == st.st_size and d.mtime_ns == st.st_mtime_ns and st.st_mtime_ns < trusted_before:
            kept[p] = d
            continue
        try:
            data = Path(f).read_bytes()
        except OSError:
            todo.append(f)
            continue
        k = cache.key(data, f, loader)
        keys[p] = (k, st.st_size, st.st_mtime_ns)
        if d is not None and d.key == k:
            kept[p] = _Doc(p, st.st_size, st.st_mtime_ns, k, d.doc, d.res)
            restat += 1
            continue
        ex = cache.get(k)
        if ex is None:
            todo.append(f)
        else:
            fresh[p] = ex
    advance(len(files) - len(todo))
    new = extract_many(todo, jobs=jobs, format=loader, errors=errors, progress=progress)
    cache.put_many([(keys[str(f)][0], ex) for f, ex in zip(todo, new) if ex is not None and str(f) in keys])
    for f, ex in zip(todo, new):
        if ex is not None:
            fresh[str(f)] = ex
    extracted = sum(1 for ex in new if ex is not None)
    t_extract = time.perf_counter() - t0
    removed = [p for p in old if p not in kept and p not in fresh]
    if not valid:
        reason = "no build state" if not meta else "build state does not match this graph, extractor or format"
    elif not fresh and not removed:
        _save_stats(db, kept, meta, started_ns, output)
        return BuildResult(_summary_of(output), len(kept), extracted, "unchanged", "", {"extract_s": t_extract})
    else:
        r = _patch(db, output, old, kept, fresh, removed, cache, keys, started_ns, loader)
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
    with gc_paused():
        inputs = [resolver_input(ex) for _, ex in pairs]
        res = Resolver.from_inputs(inputs)
        g = Fold()
        groups: list[tuple[str, dict[str, str]]] = []
        for p, ex in pairs:
            ops = doc_ops(ex, res)
            if db is not None:
                groups.append((p, _group(ops)))
            for op in ops:
                g.apply(op)
        t2 = time.perf_counter()
        summary = g.summary()
        text = file_chunks(summary, g.nodes, g.edges)
    _write(output, text)
    t3 = time.perf_counter()
    if db is not None:
        with transaction(db):
            db.execute("DELETE FROM docs")
            db.execute("DELETE FROM ops")
            db.executemany("INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?, ?)",
                           [(p, stats[p][1], stats[p][2], stats[p][0], ex.doc, _dumps(inp))
                            for (p, ex), inp in zip(pairs, inputs) if p in stats])
            db.executemany("INSERT OR REPLACE INTO ops VALUES (?, ?, ?)",
                           [(p, t, o) for p, grp in groups if p in stats for t, o in grp.items()])
            _put_meta(db, started_ns, loader, output)
    t4 = time.perf_counter()
    return BuildResult(summary, len(pairs), extracted, "full", reason,
                       {"extract_s": t_extract if t_extract is not None else t1 - t0, "merge_s": t2 - t1,
                        "save_s": t3 - t2, "state_s": t4 - t3})


def _write(output: Path, text: str | list[str]) -> None:
    from orgkg.errors import UserError

    try:
        atomic_write(output, text)
    except OSError as e:
        raise UserError(f"{output}: cannot save graph ({e.strerror or e})") from None


def _put_meta(db, started_ns: int, loader: str, output: Path) -> None:
    meta = {"version": STATE_VERSION, "fingerprint": extractor_fingerprint(), "loader": loader,
            "graph": _graph_stat(output), "started_ns": started_ns}
    db.execute("INSERT OR REPLACE INTO meta VALUES ('state', ?)", (json.dumps(meta),))


def _save_stats(db, kept: dict[str, _Doc], meta: dict, started_ns: int, output: Path) -> None:
    with transaction(db):
        db.executemany("UPDATE docs SET size = ?, mtime_ns = ? WHERE path = ?",
                       [(d.size, d.mtime_ns, d.path) for d in kept.values()])
        _put_meta(db, started_ns, meta["loader"], output)


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


def _patch(db, output: Path, old: dict[str, _Doc], kept, fresh: dict[str, Extraction], removed: list[str],
           cache: ExtractionCache, keys, started_ns: int, loader: str) -> dict | str:
    """Patch the graph file in place of a rebuild; returns timings, or the reason a full build is needed."""
    t0 = time.perf_counter()
    docname = {p: d.doc for p, d in kept.items()} | {p: ex.doc for p, ex in fresh.items()}
    if len(set(docname.values())) != len(docname):
        return "two documents share a file name"
    order = sorted(docname, key=docname.__getitem__)
    parsed = {p: json.loads(d.res) for p, d in old.items()}
    new_inputs = {p: resolver_input(ex) for p, ex in fresh.items()}
    old_res = Resolver.from_inputs(parsed[p] for p in sorted(old, key=lambda p: old[p].doc))
    new_res = Resolver.from_inputs(new_inputs[p] if p in new_inputs else parsed[p] for p in order)
    if old_res.acronyms != new_res.acronyms or old_res.alias_of != new_res.alias_of:
        return "acronyms or aliases changed"
    # described-role names: only the role nodes carrying a changed name are affected
    renamed = {k for k in old_res.role_names.keys() | new_res.role_names.keys()
               if old_res.role_names.get(k) != new_res.role_names.get(k)}
    rederive: dict[str, Extraction] = dict(fresh)
    if renamed:
        targets = [f"n\0role:{_slug(k)}" for k in renamed]  # Resolver.node_id: id from the key a name maps to
        for t in targets:
            for (p,) in db.execute("SELECT path FROM ops WHERE target = ?", (t,)):
                if p in kept and p not in rederive:
                    ex = cache.get(kept[p].key)
                    if ex is None:
                        return "a cached extraction is missing"
                    rederive[p] = ex
    new_groups = {p: _group(doc_ops(ex, new_res)) for p, ex in rederive.items()}
    old_groups: dict[str, dict[str, str]] = {}
    for p in [*rederive, *removed]:
        old_groups[p] = dict(db.execute("SELECT target, ops FROM ops WHERE path = ?", (p,)).fetchall()) if p in old else {}
    affected: set[str] = set()
    for p in old_groups:
        a, b = old_groups[p], new_groups.get(p, {})
        affected.update(t for t in a.keys() | b.keys() if a.get(t) != b.get(t))
    # replay each affected node / edge from all its operations, in document order
    gone = set(removed)
    nodes_g, edges_g = OrgGraph(), OrgGraph()
    for t in sorted(affected):
        rows = {p: o for p, o in db.execute("SELECT path, ops FROM ops WHERE target = ?", (t,)) if p not in gone}
        for p in rederive:
            rows.pop(p, None)
            if t in new_groups[p]:
                rows[p] = new_groups[p][t]
        g = edges_g if t[0] == "e" else nodes_g
        for p in sorted(rows, key=docname.__getitem__):
            for op in json.loads(rows[p]):
                apply_op(g, op)
    t1 = time.perf_counter()
    text = output.read_text(encoding="utf-8")
    parts = split_lines(text)
    if parts is None:
        return "the graph file is not in the current layout"
    header, nodes, edges = parts
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

    node_new: dict[str, str | None] = {}
    edge_new: dict[tuple, str | None] = {}
    for t in affected:
        if t[0] == "n":
            nid = t[2:]
            if nid in nodes_g.g:
                d = nodes_g.g.nodes[nid]
                node_new[nid] = node_line(nid, d)
                node_delta(d, +1)
            else:
                node_new[nid] = None
        else:
            _, u, v, k = t.split("\0")
            if edges_g.g.has_edge(u, v, key=k):
                d = edges_g.g.edges[u, v, k]
                edge_new[(u, v, k)] = edge_line(u, v, d)
                edge_delta(d, +1)
            else:
                edge_new[(u, v, k)] = None
    nodes = _splice(nodes, node_new, _node_key, lambda line: node_delta(json.loads(line), -1))
    edges = _splice(edges, edge_new, _edge_key, lambda line: edge_delta(json.loads(line), -1))
    summary = {"nodes": counts["nodes"], "edges": counts["edges"],
               "nodes_by_type": {k: v for k, v in sorted(ntype.items()) if v},
               "edges_by_type": {k: v for k, v in sorted(etype.items()) if v},
               "described_roles": counts["described_roles"], "stub_roles": counts["stub_roles"]}
    if summary["nodes"] != len(nodes) or summary["edges"] != len(edges):
        return "the graph file's summary does not match its contents"
    t2 = time.perf_counter()
    _write(output, join_lines(summary, nodes, edges))
    t3 = time.perf_counter()
    with transaction(db):
        for p in [*removed, *rederive]:
            db.execute("DELETE FROM ops WHERE path = ?", (p,))
        db.executemany("DELETE FROM docs WHERE path = ?", [(p,) for p in removed])
        db.executemany("INSERT OR REPLACE INTO ops VALUES (?, ?, ?)",
                       [(p, t, o) for p, grp in new_groups.items() for t, o in grp.items()])
        db.executemany("INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?, ?)",
                       [(p, keys[p][1], keys[p][2], keys[p][0], ex.doc, _dumps(new_inputs[p])) for p, ex in fresh.items()])
        db.executemany("UPDATE docs SET size = ?, mtime_ns = ? WHERE path = ?",
                       [(d.size, d.mtime_ns, d.path) for d in kept.values()])
        _put_meta(db, started_ns, loader, output)
    t4 = time.perf_counter()
    return {"summary": summary, "merge_s": t1 - t0, "patch_s": t2 - t1, "save_s": t3 - t2, "state_s": t4 - t3,
            "affected": len(affected)}


def _splice(lines: list[str], new: dict, key, on_drop) -> list[str]:
    """`lines` (sorted by key) with the keys in `new` replaced, dropped (None) or inserted."""
    if not new:
        return lines
    keyed = [(k, bisect_left(lines, k, key=key)) for k in new]
    drop = set()
    for k, i in keyed:
        if i < len(lines) and key(lines[i]) == k:
            on_drop(lines[i])
            drop.add(i)
    out = [line for i, line in enumerate(lines) if i not in drop] if drop else list(lines)
    for k in sorted(new, reverse=True):
        if new[k] is not None:
            out.insert(bisect_left(out, k, key=key), new[k])
    return out


__all__ = ["BuildResult", "build_file", "save", "from_json"]
