"""`orgkg correct ...`: appends entries (creating the file, keeping an existing file's comments byte for byte),
checks names against a graph with suggestions, and writes nothing when the entry or the file is wrong."""

from __future__ import annotations

import subprocess
import sys

from orgkg.graph.corrections import load_corrections

import orgkg

COORD = "Coordinator, Innovative and Progressive Systemwide Training"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "orgkg", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_correct_creates_then_appends_and_the_build_applies_it(tmp_path):
    out = run("correct", "remove", "UNDER_DIRECTION_OF", COORD.lower(), "Chief of Teaching, Learning, and Schools",
              "--why", "moved in the 2026 reorganisation", "--by", "J. Analyst", "--when", "2026-12-07", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith("corrections.yaml:2: remove UNDER_DIRECTION_OF")
    assert "removed Coordinator, Innovative and Progressive Systemwide Training -UNDER_DIRECTION_OF->" in out.stdout
    text = (tmp_path / "corrections.yaml").read_text()
    assert text.startswith("# orgkg corrections")
    out = run("correct", "add", "under direction of", COORD, "chief of staff", "--why", "moved", "--when",
              "2026-12-07", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    out = run("correct", "rename", "supervisor of safety, security and training",
              "Supervisor, Safety, Security and Training", "--why", "official title", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    entries = load_corrections(tmp_path / "corrections.yaml")
    assert [c.kind for c in entries] == ["remove", "add", "rename"]
    assert entries[1].args == {"type": "UNDER_DIRECTION_OF", "source": COORD, "target": "chief of staff"}
    assert entries[0].by == "J. Analyst" and entries[1].by is None and entries[2].when  # today by default
    out = run("build", str(orgkg.SAMPLES), "-o", "org.json", "--corrections", "corrections.yaml", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    chain = run("chain", COORD, "--graph", "org.json", cwd=tmp_path).stdout
    assert "Chief of Staff" in chain and "correction (2026-12-07): moved" in chain


def test_existing_file_is_appended_to_not_redumped(tmp_path):
    original = ("# corrections owned by HR analytics\n"
                "- same: [ 'CSI' , \"Chief of Strategic Initiatives\" ]   # one role\n"
                "  why: >-\n    folded\n    reason")  # no final newline
    (tmp_path / "fix.yaml").write_text(original)
    out = run("correct", "confirm", "SUPERVISES", "Chief District Operations", "Lead Negotiator",
              "--file", "fix.yaml", "--why", "checked with HR", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    text = (tmp_path / "fix.yaml").read_text()
    assert text.startswith(original + "\n- confirm: {type: SUPERVISES, ")
    assert [c.kind for c in load_corrections(tmp_path / "fix.yaml")] == ["same", "confirm"]


def test_unknown_name_is_refused_with_suggestions_and_nothing_written(tmp_path, sample_graph_file):
    out = run("correct", "add", "UNDER_DIRECTION_OF", COORD, "Chief of Staf", "--why", "x",
              "--graph", str(sample_graph_file), cwd=tmp_path)
    assert out.returncode == 1
    assert out.stderr == ("orgkg: corrections.yaml: not added: no Role or Unit or Organization named 'Chief of Staf' "
                          "in the graph (did you mean: 'Chief of Staff', 'Chief of Strategic Initiatives'?)\n")
    assert not (tmp_path / "corrections.yaml").exists()
    out = run("correct", "confirm", "COLLABORATES_WITH", "CSI", "Lead Negotiator", "--why", "x", cwd=tmp_path)
    assert out.returncode == 1 and "no COLLABORATES_WITH edge from 'Chief of Strategic Initiatives'" in out.stderr


def test_contradiction_and_malformed_file_are_refused(tmp_path):
    (tmp_path / "corrections.yaml").write_text("- same: [CSI, Chief of Strategic Initiatives]\n")
    out = run("correct", "different", "Chief of Strategic Initiatives", "CSI", "--why", "x", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.startswith("orgkg: corrections.yaml: not added: 'different' contradicts 'same' on line 1")
    (tmp_path / "corrections.yaml").write_text("- same: [CSI\n")
    out = run("correct", "same", "CSI", "Chief of Strategic Initiatives", "--why", "x", cwd=tmp_path)
    assert out.returncode == 2 and out.stderr.startswith("orgkg: corrections.yaml:2: not valid YAML")
    assert (tmp_path / "corrections.yaml").read_text() == "- same: [CSI\n"
    out = run("correct", "add", "REPORTS_TO", "CSI", "Lead Negotiator", "--why", "x", "--file", "new.yaml",
              cwd=tmp_path)
    assert out.returncode == 2 and "not added: unknown edge type 'REPORTS_TO'" in out.stderr
    assert not (tmp_path / "new.yaml").exists()
