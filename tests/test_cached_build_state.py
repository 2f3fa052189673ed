"""A cold build with the cache records the same build state as the plain fold of every document's operations,
and records it without keeping those operations (graph/incremental.py: _TargetRows)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from orgkg.graph import incremental
from orgkg.graph.build import Fold, Resolver, doc_ops, edge_target, node_target, resolver_input
from orgkg.graph.cache import ExtractionCache
from orgkg.graph.incremental import _TargetRows, build_file
from orgkg.loaders import expand_paths, load_file
from orgkg.loaders.text import read_file
from orgkg.synth.corpus import write_corpus

from orgkg.errors import UserError


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A synthetic corpus plus exact copies of two pages under other names, before and after the original in
    document order: the edges of those are shared."""
    d = tmp_path_factory.mktemp("corpus")
    write_corpus(30, 5, d)
    pages = sorted(d.glob("*.txt"))
    shutil.copy(pages[3], d / "zz-copy-a.txt")
    shutil.copy(pages[3], d / "zz-copy-b.txt")
    shutil.copy(pages[7], d / "0-copy-a.txt")
    shutil.copy(pages[7], d / "0-copy-b.txt")
    for i, f in enumerate(sorted(d.glob("*.txt"))):
        os.utime(f, ns=(900_000_000_000_000_000 + i, 900_000_000_000_000_000 + i))
    return d


def _reference_rows(docs: list[tuple[str, list]]) -> list[tuple]:
    """The rows as the state defines them, from every recorded document's operations held at once (the way
    builds made them before _TargetRows): a row per node, and per edge more than one document touches."""
    nodes: dict[str, list] = {}
    edges: dict[tuple, list] = {}
    for p, ops in docs:
        for op in ops:
            by, k = (edges, op[1:4]) if op[0] == "e" else (nodes, op[3])
            e = by.setdefault(k, [])
            if e and e[-2] == p:
                e[-1].append(op)
            else:
                e += (p, [op])
    rows = [(node_target(k), "\0".join(e[0::2]), None if len(e) == 2 else _ops_text(e[1::2])) for k, e in nodes.items()]
    rows += [(edge_target(k), "\0".join(e[0::2]), _ops_text(e[1::2])) for k, e in edges.items() if len(e) > 2]
    return sorted(rows)


def _ops_text(groups: list[list]) -> str:
    """The JSON list of each document's operations, null where they are the previous document's."""
    texts = [incremental._dumps(g) for g in groups]
    return "[" + ",".join("null" if i and t == texts[i - 1] else t for i, t in enumerate(texts)) + "]"


@pytest.mark.parametrize("left_out", [(), ("0-copy-a.txt",), ("0-copy-a.txt", "0-copy-b.txt"), ("zz-copy-a.txt", "0-copy-b.txt")])
def test_rows_gathered_during_the_fold_equal_the_rows_of_all_operations(corpus, left_out):
    """Shared edges (the copies'), whose first document's operations are derived again, and documents the
    state leaves out (whose edges a later recorded document then claims) give the reference rows."""
    exs = sorted((load_file(p) for p in expand_paths([corpus])), key=lambda ex: ex.doc)
    pairs = [(ex.path, ex) for ex in exs]
    res = Resolver.from_inputs(resolver_input(ex) for _, ex in pairs)
    fold, plain = Fold(), Fold()
    rows = _TargetRows(fold)
    recorded = []
    for i, (p, ex) in enumerate(pairs):
        ops = doc_ops(ex, res)
        plain.apply_all(ops)
        record = Path(p).name not in left_out
        rows.fold_doc(i, p, ops, record)
        if record:
            recorded.append((p, ops))
    got = list(rows.rows(pairs, res))
    assert got == sorted(got) and got == _reference_rows(recorded)
    assert sum(t.startswith("e\0") for t, _, _ in got) >= 5  # the copies' edges are shared
    assert fold.nodes == plain.nodes and fold.edges == plain.edges


def _state(out: Path) -> tuple:
    db = sqlite3.connect(out.with_name(out.name + ".cache") / "cache.sqlite")
    try:
        return (db.execute("SELECT path, size, mtime_ns, key, doc, res FROM docs ORDER BY path").fetchall(),
                db.execute("SELECT * FROM targets ORDER BY target").fetchall(),
                db.execute("SELECT * FROM meta ORDER BY k").fetchall())
    finally:
        db.close()


def test_a_failed_save_keeps_the_previous_graph_and_its_state(corpus, tmp_path, monkeypatch):
    """The state is written before the graph, in a transaction committed only once the graph is saved."""
    out = tmp_path / "org.json"
    build_file(expand_paths([corpus]), out)
    graph, state = out.read_bytes(), _state(out)

    def full_disk(path, text):
        raise UserError(f"{path}: cannot save graph (No space left on device)")

    monkeypatch.setattr(incremental, "write_graph", full_disk)
    with pytest.raises(UserError):
        build_file(expand_paths([corpus]), out, loader="generic")  # another format: a full build
    monkeypatch.undo()
    assert out.read_bytes() == graph and _state(out) == state
    assert build_file(expand_paths([corpus]), out).mode == "unchanged"


def test_a_version_2_state_is_replaced_by_a_full_build(corpus, tmp_path):
    """State version 2 kept `targets` WITHOUT ROWID: such a state is not trusted, its table is made again,
    and patches then keep giving a cold build's file."""
    docs = tmp_path / "docs"
    shutil.copytree(corpus, docs)
    out = tmp_path / "org.json"
    cache_dir = tmp_path / "org.json.cache"
    cache_dir.mkdir()
    db = sqlite3.connect(cache_dir / "cache.sqlite")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE targets (target TEXT PRIMARY KEY, docs TEXT NOT NULL, ops TEXT) WITHOUT ROWID")
    db.execute("INSERT INTO targets VALUES (?, 'nowhere.txt', NULL)", ("n\0x",))
    db.commit()
    db.close()
    r = build_file(expand_paths([docs]), out)
    assert (r.mode, r.reason) == ("full", "no build state")
    db = sqlite3.connect(cache_dir / "cache.sqlite")
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'targets'").fetchone()
    assert "WITHOUT ROWID" not in sql.upper()
    assert db.execute("SELECT count(*) FROM targets WHERE target = ?", ("n\0x",)).fetchone() == (0,)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    db.close()
    victim = sorted(docs.glob("*.txt"))[5]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nCollaborates with the Office of Testing Operations.\n",
                      encoding="utf-8")
    os.utime(victim, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    assert build_file(expand_paths([docs]), out).mode == "patched"
    cold = tmp_path / "cold.json"
    build_file(expand_paths([docs]), cold)
    assert out.read_bytes() == cold.read_bytes()
    assert _state(out)[1] == _state(cold)[1]


def test_entries_put_in_any_order_are_all_found(tmp_path, sample_paths):
    """put_many sorts its entries by key before writing them: each still lands under its own key."""
    exs = [load_file(p) for p in sample_paths]
    cache = ExtractionCache(tmp_path)
    keys = [f"{n:02d}-{'z' if n % 2 else 'a'}" for n in range(len(exs))][::-1]
    cache.put_many(list(zip(keys, exs)))
    assert [cache.get(k) for k in keys] == exs
    cache.close()


@pytest.mark.parametrize("change", [b"", b"more text\n", None])
def test_read_file_reads_the_whole_file_even_if_it_changed_since_its_stat(tmp_path, change):
    f = tmp_path / "page.txt"
    f.write_bytes(b"x" * 70_000)
    size = os.stat(f).st_size
    if change is None:
        f.write_bytes(b"short")
    else:
        f.write_bytes(f.read_bytes() + change * 50_000)
    assert read_file(str(f), size) == f.read_bytes()
