"""`orgkg diff OLD NEW` on two synthetic organisations that differ by a known set of changes: it reports
exactly those (JSON, text, Markdown; exit 1), and nothing for equal graphs (exit 0)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest
from orgkg.analysis.diff import diff_graphs
from orgkg.graph import OrgGraph
from orgkg.graph.ids import node_id
from orgkg.graph.traverse import children, parents
from orgkg.ontology.schema import COLLABORATES_WITH, REQUIRES, SUPERVISES, UNDER_DIRECTION_OF
from orgkg.synth import synth_graph


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "orgkg", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def _roles(g: OrgGraph) -> list[str]:
    return sorted(n for n, t in g.g.nodes(data="type") if t == "Role")


def _unlink(g: OrgGraph, child: str, parent: str) -> None:
    for u, v, k in ((child, parent, UNDER_DIRECTION_OF), (parent, child, SUPERVISES)):
        if g.g.has_edge(u, v, key=k):
            g.g.remove_edge(u, v, key=k)


def _rename(g: OrgGraph, old: str, name: str) -> str:
    """The same document's role under a new title: a new id, every edge moved to it."""
    new = node_id("Role", name)
    g.g.add_node(new, **{**g.g.nodes[old], "name": name})
    for _, v, k, d in list(g.g.out_edges(old, keys=True, data=True)):
        g.g.add_edge(new, v, key=k, **d)
    for u, _, k, d in list(g.g.in_edges(old, keys=True, data=True)):
        g.g.add_edge(u, new, key=k, **d)
    g.g.remove_node(old)
    return new


@pytest.fixture(scope="module")
def orgs():
    """(old, new, the changes made): one move, one rename, one role removed and one added, a collaboration
    gained and one lost, a competency added and one removed."""
    old = synth_graph(60, seed=3)
    new = copy.deepcopy(old)
    roles = _roles(old)
    leaves = [r for r in roles if parents(old, r) and not children(old, r)]
    mover, gone, renamed, learner = leaves[0], leaves[1], leaves[2], leaves[3]
    src = [p for p, _, _ in parents(old, mover)]
    dst = next(r for r in roles if r not in src and r != mover and children(old, r))
    for p in src:
        _unlink(new, mover, p)
    new.add_edge(mover, dst, UNDER_DIRECTION_OF, {"doc": "x", "text": "moved", "start": 0, "end": 5, "rule": "t"})
    doc_of_gone = next(v for _, v, k in old.g.out_edges(gone, keys=True) if k == "DESCRIBED_IN")
    new.g.remove_nodes_from([gone, doc_of_gone])
    fresh = new.add_node("Role", "Chief Reorganisation Officer", described=True)
    new.add_edge(fresh, roles[0], UNDER_DIRECTION_OF)
    renamed_new = _rename(new, renamed, "Senior " + old.name(renamed))
    survivors = [r for r in roles if r not in (gone, renamed)]
    pairs = sorted((u, v) for u, v, k in old.g.edges(keys=True)
                   if k == COLLABORATES_WITH and u in survivors and v in survivors)
    lost = pairs[0]
    new.g.remove_edge(*lost, key=COLLABORATES_WITH)
    gained = next((a, b) for a in survivors for b in survivors if a < b and not old.g.has_edge(a, b)
                  and not old.g.has_edge(b, a))
    new.add_edge(*gained, COLLABORATES_WITH)
    had = sorted(v for _, v, k in old.g.out_edges(learner, keys=True) if k == REQUIRES)
    extra = next(c for c, t in old.g.nodes(data="type") if t == "Competency" and c not in had)
    new.g.remove_edge(learner, had[0], key=REQUIRES)
    new.add_edge(learner, extra, REQUIRES)
    expected = {
        "equal": False,
        "added": [{"id": fresh, "name": "Chief Reorganisation Officer", "type": "Role"}],
        "removed": [{"id": gone, "name": old.name(gone), "type": "Role"}],
        "renamed": [{"old_id": renamed, "id": renamed_new, "old": old.name(renamed), "new": new.name(renamed_new),
                     "document": old.name(next(v for _, v, k in old.g.out_edges(renamed, keys=True)
                                               if k == "DESCRIBED_IN"))}],
        "moved": [{"id": mover, "name": old.name(mover), "old": sorted(old.name(p) for p in src), "new": [old.name(dst)]}],
        "collaborations_gained": [sorted(old.name(x) for x in gained)],
        "collaborations_lost": [sorted(old.name(x) for x in lost)],
        "competencies": [{"id": learner, "name": old.name(learner), "added": [old.name(extra)],
                          "removed": [old.name(had[0])]}],
    }
    return old, new, expected


def test_diff_reports_exactly_the_known_changes(orgs):
    old, new, expected = orgs
    assert diff_graphs(old, new).to_dict() == expected


def test_diff_cli_json_text_markdown_and_exit_codes(orgs, tmp_path):
    old, new, expected = orgs
    old.save(tmp_path / "old.json")
    new.save(tmp_path / "new.json")
    out = run("diff", "old.json", "new.json", "--format", "json", cwd=tmp_path)
    assert out.returncode == 1, out.stderr
    assert json.loads(out.stdout) == expected
    text = run("diff", "old.json", "new.json", cwd=tmp_path)
    assert text.returncode == 1
    moved = expected["moved"][0]
    assert f"reporting lines moved (1):\n  {moved['name']}: {', '.join(moved['old'])} -> {moved['new'][0]}\n" in text.stdout
    assert "roles added (1):\n  Chief Reorganisation Officer\n" in text.stdout
    md = run("diff", "old.json", "new.json", "--format", "md", cwd=tmp_path)
    assert md.returncode == 1 and "## Titles renamed (1)\n\n- " in md.stdout
    same = run("diff", "old.json", "old.json", cwd=tmp_path)
    assert (same.returncode, same.stdout) == (0, "no differences\n")
    bad = run("diff", "old.json", "missing.json", cwd=tmp_path)
    assert (bad.returncode, bad.stderr) == (2, "orgkg: missing.json: no such graph file\n")
