"""A cached rebuild re-merges the whole graph from cached extractions: after any edit, the file equals a cold
build's (no cache) byte for byte, and only the files whose content changed are extracted again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgkg.graph.pipeline import build_file
from orgkg.loaders import expand_paths
from orgkg.synth.corpus import write_corpus

EXTRA = [
    "\nCollaborates with the Office of Testing Operations.\n",
    "\nSupervises the Testing Coordinator and works closely with the Department of Facilities Management.\n",
    "\nCoordinates with the Office of Testing Operations (OTO) and the OTO staff.\n",
]


@pytest.fixture(scope="module")
def pool(tmp_path_factory) -> list[Path]:
    d = tmp_path_factory.mktemp("pool")
    write_corpus(30, 5, d)
    return sorted(d.glob("*.txt"))


def _apply(kind: str, n: int, extra: int, docs: Path, pool: list[Path]) -> int:
    """One edit of the folder; returns how many files now hold content never built before (0 or 1)."""
    present = sorted(docs.glob("*.txt"))
    absent = [p for p in pool if not (docs / p.name).exists()]
    if kind == "add" and absent:
        shutil.copy(absent[n % len(absent)], docs / absent[n % len(absent)].name)
        return 1
    if kind == "remove" and len(present) > 1:
        present[n % len(present)].unlink()
        return 0
    if kind == "retitle" and present:  # a new described-role name: resolution across documents changes
        target = present[n % len(present)]
        lines = target.read_text(encoding="utf-8").split("\n")
        lines[0] = f"{lines[0]} Specialist {n}"
        target.write_text("\n".join(lines), encoding="utf-8")
        return 1
    target = present[n % len(present)]
    target.write_text(target.read_text(encoding="utf-8") + EXTRA[extra] + f"\nRevised {n}.\n", encoding="utf-8")
    return 1


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["change", "add", "remove", "retitle"]), st.integers(0, 10_000),
                          st.integers(0, len(EXTRA) - 1)), min_size=1, max_size=4))
def test_a_rebuild_after_edits_equals_a_cold_build(pool, tmp_path_factory, seq):
    tmp = tmp_path_factory.mktemp("rebuild")
    docs = tmp / "docs"
    docs.mkdir()
    for p in pool[:20]:
        shutil.copy(p, docs / p.name)
    out, cold = tmp / "org.json", tmp / "cold.json"
    build_file(expand_paths([docs]), out)
    for kind, n, extra in seq:
        new = _apply(kind, n, extra, docs, pool)
        r = build_file(expand_paths([docs]), out)
        build_file(expand_paths([docs]), cold, use_cache=False)
        assert out.read_bytes() == cold.read_bytes(), kind
        assert r.extracted <= new, (kind, r.extracted)


def test_one_edit_re_extracts_one_document(pool, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for p in pool[:10]:
        shutil.copy(p, docs / p.name)
    out = tmp_path / "org.json"
    first = build_file(expand_paths([docs]), out)
    assert (first.documents, first.extracted) == (10, 10)
    again = build_file(expand_paths([docs]), out)
    assert (again.documents, again.extracted, again.reused) == (10, 0, 10)
    victim = sorted(docs.glob("*.txt"))[3]
    victim.write_text(victim.read_text(encoding="utf-8") + EXTRA[0], encoding="utf-8")
    edited = build_file(expand_paths([docs]), out)
    assert (edited.extracted, edited.reused) == (1, 9)
