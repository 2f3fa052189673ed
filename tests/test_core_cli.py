"""The CLI as a user runs it: demo, extract, build, chain, collaborators, bad inputs."""

from __future__ import annotations

import json
import subprocess
import sys

import orgkg


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "orgkg", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_no_arguments_runs_the_demo():
    out = run()
    assert out.returncode == 0, out.stderr
    assert "Coordinator, Innovative and Progressive Systemwide Training" in out.stdout
    assert "Chief of Teaching, Learning, and Schools" in out.stdout
    assert "who collaborates with Department of Systemwide Safety and Emergency Management" in out.stdout


def test_extract_jsonl_shape():
    out = run("extract", str(orgkg.SAMPLES), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    docs = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(docs) == 5
    for d in docs:
        assert set(d) >= {"doc", "role", "relations", "aliases", "competencies"}
        assert set(d["role"]) >= {"working_title", "official_title", "code", "grade", "months", "overtime_eligible"}
        for r in d["relations"]:
            assert set(r) >= {"type", "source", "target", "target_type", "evidence"}
            assert set(r["evidence"]) >= {"text", "start", "end", "section"}


def test_build_chain_collaborators(tmp_path):
    graph = tmp_path / "org.json"
    out = run("build", str(orgkg.SAMPLES), "-o", str(graph))
    assert out.returncode == 0, out.stderr
    assert "5 documents" in out.stdout and "Role" in out.stdout
    out = run("chain", "coordinator, innovative and progressive systemwide training", "--graph", str(graph))
    assert out.returncode == 0 and "Chief of Teaching, Learning, and Schools" in out.stdout
    out = run("collaborators", "dssem", "--graph", str(graph))
    assert out.returncode == 0 and "Coordinator, Innovative and Progressive Systemwide Training" in out.stdout


def test_bad_inputs_one_line_each_and_others_still_load(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    good = orgkg.sample_paths()[0]
    (docs / good.name).write_bytes(good.read_bytes())
    (docs / "empty.txt").write_text("")
    (docs / "binary.txt").write_bytes(b"\x00\xff\x00PK" * 100)
    (docs / "latin.txt").write_bytes("Job Title: Caf\u00e9 Manager\nReports to: General Manager\n".encode("cp1252"))
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    out = run("build", str(docs), str(empty_dir), str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o.json"))
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    errs = out.stderr.strip().splitlines()
    assert any("empty.txt: empty file" in e for e in errs)
    assert any("binary.txt: binary file" in e for e in errs)
    assert any("nothing: directory holds no text files" in e for e in errs)
    assert any("missing.txt: no such file" in e for e in errs)
    assert "2 documents" in out.stdout  # the seed and the cp1252 one
    g = orgkg.load(tmp_path / "o.json")
    assert g.find("Caf\u00e9 Manager")


def test_unknown_role_exit_1_with_suggestions():
    out = run("chain", "Chief of Teachin")
    assert out.returncode == 1
    assert out.stderr.startswith("orgkg: no node named") and "did you mean" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_graph_file_errors_are_one_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    out = run("chain", "x", "--graph", str(bad))
    assert out.returncode == 2 and "corrupt or truncated" in out.stderr and "Traceback" not in out.stderr
