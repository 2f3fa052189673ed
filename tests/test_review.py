"""`orgkg review`: what most needs a human, with evidence; confirmed and corrected edges left out."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from orgkg.analysis.review import review_queue

import orgkg

DIRECTOR = "Director, School Support and Well-Being"
CHIEF = "chief of school support and well-being"
ASSOCIATE = "associate superintendent of school support and well-being"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "orgkg", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def _graph_with_doubts():
    """The sample, plus what the queue is for: an edge the extractor doubted, a near-duplicate stub, a cycle."""
    g = orgkg.sample_graph()
    udo = g.g.edges["role:chief-of-strategic-initiative", "role:superintendent-of-school", "UNDER_DIRECTION_OF"]
    udo["confidence"] = 0.4
    g.add_node("Role", "Cheif of Strategic Initiatives", described=False)
    g.add_edge("role:cheif-of-strategic-initiative", "unit:equity-initiatives-unit", "SUPERVISES",
               {"doc": "memo.txt", "section": "duties", "text": "The Cheif of Strategic Initiatives leads equity.",
                "start": 0, "end": 48, "rule": "test"})
    g.add_edge("role:superintendent-of-school", "role:chief-district-operation", "UNDER_DIRECTION_OF",
               {"doc": "memo.txt", "section": "duties", "text": "The superintendent works under the COO.",
                "start": 50, "end": 90, "rule": "test"})
    return g


def test_queue_ranks_kinds_and_gives_evidence():
    items = review_queue(_graph_with_doubts())
    kinds = [i.kind for i in items]
    assert kinds[0] == "cycle"  # the most urgent first
    assert kinds.index("conflict") < kinds.index("low_confidence") < kinds.index("multiple_supervisors")
    low = next(i for i in items if i.kind == "low_confidence")
    assert low.message == "Chief of Strategic Initiatives UNDER_DIRECTION_OF superintendent of schools: confidence 0.40"
    assert low.evidence and low.evidence[0]["doc"] == "0455-chief-of-strategic-initiatives.txt"
    near = next(i for i in items if i.kind == "near_match")
    assert {near.name, near.data["other_name"]} == {"Chief of Strategic Initiatives", "Cheif of Strategic Initiatives"}
    assert any("Cheif of Strategic Initiatives leads" in e["text"] for e in near.evidence)
    assert all(i.evidence for i in items if i.kind not in ("unsupervised",))
    assert [i.score for i in items] == sorted((i.score for i in items), reverse=True)
    assert review_queue(_graph_with_doubts(), limit=3) == items[:3]


def test_confirmed_and_corrected_edges_leave_the_queue(tmp_path):
    (tmp_path / "c.yaml").write_text(
        f'- confirm: {{type: UNDER_DIRECTION_OF, source: "{DIRECTOR}", target: "{CHIEF}"}}\n'
        f'- confirm: {{type: UNDER_DIRECTION_OF, source: "{DIRECTOR}", target: "{ASSOCIATE}"}}\n'
        '  why: "dotted line to the associate superintendent"\n')
    before = run("review", "--graph", "plain.json", "--format", "json", cwd=tmp_path)
    assert before.returncode == 2 and "plain.json: no such graph file" in before.stderr
    for name, extra in (("plain.json", ()), ("fixed.json", ("--corrections", "c.yaml"))):
        out = run("build", str(orgkg.SAMPLES), "-o", name, *extra, cwd=tmp_path)
        assert out.returncode == 0, out.stderr
    plain = json.loads(run("review", "plain.json", "--format", "json", cwd=tmp_path).stdout)
    fixed = json.loads(run("review", "--graph", "fixed.json", "--format", "json", cwd=tmp_path).stdout)
    assert plain["counts"]["multiple_supervisors"] == 1
    assert "multiple_supervisors" not in fixed["counts"]
    assert len(fixed["items"]) == len(plain["items"]) - 1


def test_csv_text_and_limit(tmp_path):
    g = _graph_with_doubts()
    g.save(tmp_path / "org.json")
    out = run("review", "org.json", "--format", "csv", "--limit", "4", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["kind"] for r in rows] == [i.kind for i in review_queue(g, limit=4)]
    assert rows[0]["evidence_text"] and rows[0]["action"] == "remove one of the reporting lines"
    text = run("review", "org.json", "--limit", "2", cwd=tmp_path).stdout
    assert text.splitlines()[0].startswith("  1. [cycle] ")
    assert text.splitlines()[-1] == "2 item(s): cycle 1, conflict 1"
    below = json.loads(run("review", "org.json", "--format", "json", "--below", "0.3", cwd=tmp_path).stdout)
    assert "low_confidence" not in below["counts"]
