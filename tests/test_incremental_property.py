"""Incremental rebuilds: after any sequence of edits, the patched graph file equals a cold build's bytes."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from orgkg.graph.build import Resolver, doc_ops, op_target, resolver_input
from orgkg.graph.incremental import build_file
from orgkg.loaders import expand_paths
from orgkg.synth.corpus import write_corpus

EXTRA = [
    "\nCollaborates with the Office of Testing Operations.\n",
    "\nSupervises the Testing Coordinator and works closely with the Department of Facilities Management.\n",
    "\nWorks under the direction of the Chief Operating Officer.\n",
    "\nCoordinates with the Office of Testing Operations (OTO) and the OTO staff.\n",
    "\n",
]


@pytest.fixture(scope="module")
def pool(tmp_path_factory) -> list[Path]:
    d = tmp_path_factory.mktemp("pool")
    write_corpus(36, 5, d)
    return sorted(d.glob("*.txt"))


edits = st.lists(st.tuples(st.sampled_from(["change", "add", "remove", "swap", "retitle"]),
                           st.integers(0, 10_000), st.integers(0, len(EXTRA) - 1)), min_size=1, max_size=5)


def _apply(kind: str, n: int, extra: int, docs: Path, pool: list[Path], step: int) -> None:
    present = sorted(docs.glob("*.txt"))
    absent = [p for p in pool if not (docs / p.name).exists()]
    if kind == "add" and absent:
        target = docs / absent[n % len(absent)].name
        shutil.copy(absent[n % len(absent)], target)
    elif kind == "remove" and len(present) > 1:
        present[n % len(present)].unlink()
        return
    elif kind == "swap" and len(present) > 1:  # another document's text: its role name and aliases change
        target = present[n % len(present)]
        target.write_text(present[(n + 1) % len(present)].read_text(encoding="utf-8"), encoding="utf-8")
    elif kind == "retitle" and present:  # a new described-role name
        target = present[n % len(present)]
        lines = target.read_text(encoding="utf-8").split("\n")
        lines[0] = f"{lines[0]} Specialist {n % 3}"
        target.write_text("\n".join(lines), encoding="utf-8")
    elif present:
        target = present[n % len(present)]
        target.write_text(target.read_text(encoding="utf-8") + EXTRA[extra], encoding="utf-8")
    else:
        return
    # old, distinct mtimes: unchanged files are trusted by (size, mtime) and skipped unread
    os.utime(target, ns=(1_000_000_000_000_000_000 + step, 1_000_000_000_000_000_000 + step))


def _age(docs: Path) -> None:
    for i, f in enumerate(sorted(docs.glob("*.txt"))):
        os.utime(f, ns=(900_000_000_000_000_000 + i, 900_000_000_000_000_000 + i))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits)
def test_incremental_file_equals_cold_build(pool, tmp_path_factory, seq):
    tmp = tmp_path_factory.mktemp("inc")
    docs = tmp / "docs"
    docs.mkdir()
    for p in pool[:24]:
        shutil.copy(p, docs / p.name)
    _age(docs)
    out, cold = tmp / "org.json", tmp / "cold.json"
    first = build_file(expand_paths([docs]), out)
    assert first.mode == "full"
    for step, (kind, n, extra) in enumerate(seq):
        _apply(kind, n, extra, docs, pool, step)
        r = build_file(expand_paths([docs]), out)
        shutil.rmtree(tmp / "cold.json.cache", ignore_errors=True)
        build_file(expand_paths([docs]), cold)  # a cold build, with the state it records
        assert out.read_bytes() == cold.read_bytes(), (kind, r.mode, r.reason)
        assert _state(out) == _state(cold), (kind, r.mode, r.reason)


def _state(out: Path) -> tuple[list, list]:
    """The build state's documents (without their file stats) and its per-target rows."""
    db = sqlite3.connect(out.with_name(out.name + ".cache") / "cache.sqlite")
    try:
        return (db.execute("SELECT path, key, doc, res FROM docs ORDER BY path").fetchall(),
                db.execute("SELECT * FROM targets ORDER BY target").fetchall())
    finally:
        db.close()


def test_a_document_that_touches_an_edge_touches_both_its_end_nodes(pool):
    """What lets the state keep no row for an edge one document touches (incremental._target_rows)."""
    from orgkg.loaders import load_file

    exs = sorted((load_file(p) for p in [*pool, *expand_paths([Path(__file__).parent.parent / "orgkg" / "samples"])]),
                 key=lambda ex: ex.doc)
    res = Resolver.from_inputs(resolver_input(ex) for ex in exs)
    edges = 0
    for ex in exs:
        ops = doc_ops(ex, res)
        targets = {op_target(op) for op in ops}
        for op in ops:
            if op[0] == "e":
                edges += 1
                assert f"n\0{op[1]}" in targets and f"n\0{op[2]}" in targets, (ex.doc, op[:4])
    assert edges > 100


def test_one_changed_document_is_patched_and_re_extracted_alone(pool, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for p in pool[:30]:
        shutil.copy(p, docs / p.name)
    _age(docs)
    out = tmp_path / "org.json"
    assert build_file(expand_paths([docs]), out).extracted == 30
    again = build_file(expand_paths([docs]), out)
    assert (again.mode, again.extracted) == ("unchanged", 0)
    victim = sorted(docs.glob("*.txt"))[3]
    victim.write_text(victim.read_text(encoding="utf-8") + EXTRA[1], encoding="utf-8")
    r = build_file(expand_paths([docs]), out)
    assert (r.mode, r.extracted, r.reused) == ("patched", 1, 29)
    build_file(expand_paths([docs]), tmp_path / "cold.json", use_cache=False)
    assert out.read_bytes() == (tmp_path / "cold.json").read_bytes()


def test_a_graph_file_edited_by_hand_forces_a_full_build(pool, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for p in pool[:6]:
        shutil.copy(p, docs / p.name)
    out = tmp_path / "org.json"
    build_file(expand_paths([docs]), out)
    good = out.read_bytes()
    out.write_bytes(good.replace(b'"nodes":[', b'"nodes":[ ', 1))
    victim = sorted(docs.glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + EXTRA[0], encoding="utf-8")
    r = build_file(expand_paths([docs]), out)
    assert r.mode == "full" and "does not match" in r.reason
    build_file(expand_paths([docs]), tmp_path / "cold.json", use_cache=False)
    assert out.read_bytes() == (tmp_path / "cold.json").read_bytes()
