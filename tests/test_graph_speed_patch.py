"""The fast paths of the graph build give exactly the slow paths' results.

Why: graph/build.Fold replaces OrgGraph during merges, and graph/incremental patches the graph file by
copying unchanged byte ranges around new lines. Both must stay byte for byte what a plain rebuild writes,
including at the edges of a section (first / last line, a section emptied or filled) and when the kernel
cannot copy ranges; a patch that fails must leave the previous graph in place.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from orgkg.graph import incremental, store
from orgkg.graph.build import Fold, Resolver, add_extraction, build, ordered
from orgkg.graph.incremental import _rewrite, build_file
from orgkg.graph.orggraph import OrgGraph, summarize
from orgkg.loaders import expand_paths, load_file
from orgkg.synth.corpus import write_corpus

from orgkg.errors import UserError


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    d = tmp_path_factory.mktemp("speed-corpus")
    write_corpus(30, 11, d)
    return sorted(d.glob("*.txt"))


def test_fold_builds_what_orggraph_builds(corpus):
    """build() merges with Fold; merging the same operations into an OrgGraph gives the same file."""
    exs = ordered(load_file(p) for p in corpus)
    res = Resolver(exs)
    g = OrgGraph()
    for ex in exs:
        add_extraction(g, ex, res)
    assert store.dumps(build(exs)) == store.dumps(g)


def test_fold_gives_bare_nodes_their_attributes_like_orggraph():
    """An edge before its nodes creates them bare; a later node operation fills them in, in the same order."""
    ops = [("e", "unit:a", "unit:b", "PART_OF", {"doc": "d", "start": 1, "end": 2, "rule": "r"}),
           ("e", "unit:a", "unit:b", "PART_OF", {"doc": "d", "start": 1, "end": 2, "rule": "r"}),
           ("n", "Unit", "B", "unit:b", {"aliases": ["B", "Bee"]}),
           ("a", "Unit", "Bee", "unit:b"), ("a", "Unit", "Be", "unit:b"), ("a", "Unit", "Zed", "unit:z")]
    f, g = Fold(), OrgGraph()
    f.apply_all(ops)
    for op in ops:
        if op[0] == "n":
            g.add_node(op[1], op[2], nid=op[3], **op[4])
        elif op[0] == "e":
            g.add_edge(*op[1:])
        elif op[3] in g.g and op[2] not in g.g.nodes[op[3]]["aliases"]:
            g.add_node(op[1], op[2], nid=op[3])
    assert f.nodes == {nid: {"id": nid, **d} for nid, d in g.g.nodes(data=True)}
    assert list(f.nodes) == list(g.g.nodes)
    assert f.edges[("unit:a", "unit:b", "PART_OF")]["evidence"] == g.g.edges["unit:a", "unit:b", "PART_OF"]["evidence"]


# ---- the graph file patched by byte ranges ------------------------------------------------------------------
ids = st.text(alphabet="ab,é\n\"{}:", min_size=1, max_size=4)
node_types = st.sampled_from(["Role", "Unit", "Organization"])


def _node(nid: str, t: str, flag: bool) -> dict:
    return {"id": nid, "type": t, "name": f"{nid},\n{t}", "aliases": [], **({"described": flag} if t == "Role" else {})}


def _edge(key: tuple[str, str, str], text: str) -> dict:
    return {"source": key[0], "target": key[1], "type": key[2],
            "evidence": [{"doc": "d.txt", "text": text, "start": 0, "end": 1, "rule": "r"}]}


def _write(path: Path, nodes: dict, edges: dict) -> bytes:
    summary = summarize(nodes.values(), (k[2] for k in edges))
    store.atomic_write(path, store.file_chunks(summary, nodes, edges))
    return path.read_bytes()


graphs = st.tuples(
    st.dictionaries(ids, st.tuples(node_types, st.booleans()), max_size=8),
    st.dictionaries(st.tuples(ids, ids, st.sampled_from(["PART_OF", "REPORTS_TO"])), st.sampled_from(["x", "},{\"source\":"]),
                    max_size=8))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=graphs, after=graphs, copy_works=st.booleans())
def test_patched_file_equals_the_file_written_from_scratch(tmp_path, monkeypatch, before, after, copy_works):
    """Any mix of replaced, added and dropped lines, with or without copy_file_range, gives the full write's bytes."""
    old_nodes = {k: _node(k, *v) for k, v in before[0].items()}
    old_edges = {k: _edge(k, v) for k, v in before[1].items()}
    new_nodes = {k: _node(k, *v) for k, v in after[0].items()}
    new_edges = {k: _edge(k, v) for k, v in after[1].items()}
    path = tmp_path / "g.json"
    expected = _write(tmp_path / "expected.json", new_nodes, new_edges)
    _write(path, old_nodes, old_edges)
    if not copy_works:
        def no_copy(*_a):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        monkeypatch.setattr(incremental.os, "copy_file_range", no_copy)
    node_new = {k: new_nodes.get(k) for k in old_nodes.keys() | new_nodes.keys() if old_nodes.get(k) != new_nodes.get(k)}
    edge_new = {k: new_edges.get(k) for k in old_edges.keys() | new_edges.keys() if old_edges.get(k) != new_edges.get(k)}
    r = _rewrite(path, node_new, edge_new)
    monkeypatch.undo()
    assert not isinstance(r, str), r
    assert path.read_bytes() == expected
    assert r[0] == summarize(new_nodes.values(), (k[2] for k in new_edges))


def test_a_file_in_another_layout_is_not_patched(tmp_path):
    path = tmp_path / "g.json"
    _write(path, {"a": _node("a", "Unit", False)}, {})
    for bad in (b"", b"{}", path.read_bytes().replace(b"\n]}\n", b"]}\n"), path.read_bytes().replace(b'[\n{"id"', b'[\n\n{"id"')):
        path.write_bytes(bad)
        assert isinstance(_rewrite(path, {"b": _node("b", "Unit", False)}, {}), str)
        assert path.read_bytes() == bad


# ---- incremental builds ---------------------------------------------------------------------------------------
def _docs(corpus: list[Path], tmp: Path) -> Path:
    docs = tmp / "docs"
    docs.mkdir()
    for i, p in enumerate(corpus[:20]):
        shutil.copy(p, docs / p.name)
        os.utime(docs / p.name, ns=(900_000_000_000_000_000 + i, 900_000_000_000_000_000 + i))
    return docs


def _edit(docs: Path, n: int, text: str) -> None:
    victim = sorted(docs.glob("*.txt"))[n]
    victim.write_text(victim.read_text(encoding="utf-8") + text, encoding="utf-8")
    os.utime(victim, ns=(1_000_000_000_000_000_000 + n, 1_000_000_000_000_000_000 + n))


def _cold(docs: Path, tmp: Path) -> bytes:
    build_file(expand_paths([docs]), tmp / "cold.json", use_cache=False)
    return (tmp / "cold.json").read_bytes()


def test_an_edit_that_keeps_resolver_inputs_reuses_the_stored_resolver(corpus, tmp_path, monkeypatch):
    """No re-derivation of the resolver from every document's stored input when none of them changed."""
    docs = _docs(corpus, tmp_path)
    out = tmp_path / "org.json"
    build_file(expand_paths([docs]), out)
    _edit(docs, 4, "\nWorks closely with the Department of Facilities Management.\n")

    def refuse(*_a, **_k):
        raise AssertionError("the resolver was derived again")

    monkeypatch.setattr(incremental.Resolver, "from_inputs", refuse)
    r = build_file(expand_paths([docs]), out)
    monkeypatch.undo()
    assert r.mode == "patched"
    assert out.read_bytes() == _cold(docs, tmp_path)


def test_a_stored_resolver_that_does_not_match_the_state_is_not_trusted(corpus, tmp_path):
    docs = _docs(corpus, tmp_path)
    out = tmp_path / "org.json"
    build_file(expand_paths([docs]), out)
    db = sqlite3.connect(out.with_name("org.json.cache") / "cache.sqlite", isolation_level=None)
    db.execute("UPDATE meta SET v = '[{}, {}, {}]' WHERE k = 'resolver'")
    db.close()
    _edit(docs, 2, "\nWorks under the direction of the Chief Operating Officer.\n")
    r = build_file(expand_paths([docs]), out)
    assert r.mode == "patched"
    assert out.read_bytes() == _cold(docs, tmp_path)


def test_a_patch_that_fails_to_save_keeps_the_previous_graph(corpus, tmp_path, monkeypatch):
    docs = _docs(corpus, tmp_path)
    out = tmp_path / "org.json"
    build_file(expand_paths([docs]), out)
    before = out.read_bytes()
    _edit(docs, 7, "\nCollaborates with the Office of Testing Operations.\n")

    def broken_fsync(_fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(store.os, "fsync", broken_fsync)
    with pytest.raises(UserError):
        build_file(expand_paths([docs]), out)
    monkeypatch.undo()
    assert out.read_bytes() == before
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    r = build_file(expand_paths([docs]), out)  # the state still describes the old file: patch again
    assert r.mode == "patched"
    assert out.read_bytes() == _cold(docs, tmp_path)


def test_batched_encoding_falls_back_when_an_attribute_looks_like_a_line_boundary():
    """An attribute holding dicts that start like a line ('},{"id":') must not be cut into two lines."""
    items = [{"id": "a", "x": [{"id": "b"}, {"id": "c"}]}, {"id": "d", "t": '},{"id":'}, {"id": "e"}]
    assert ",\n".join(store._batches(items, "id", batch=2)) == ",\n".join(store._enc(item) for item in items)
    assert ",\n".join(store._batches(items[1:], "id")) == ",\n".join(store._enc(item) for item in items[1:])
