"""`orgkg check` says what it is doing on large graphs (13 s silent at 10k roles before), and stays quiet on small."""

from __future__ import annotations

import subprocess
import sys

import pytest

from orgkg.analysis import health

CLI = [sys.executable, "-m", "orgkg", "check"]


def test_health_reports_each_step(sample_graph):
    seen = []
    report = health(sample_graph, progress=lambda step, i, n: seen.append((step, i, n)))
    assert seen[0][0] == "tops" and {s for s, _, _ in seen[1:]} == set(report.sections())
    assert [i for _, i, _ in seen] == list(range(13)) and {n for _, _, n in seen} == {12}


@pytest.fixture(scope="module")
def big_graph(tmp_path_factory):
    from orgkg.synth import synth_graph

    g = synth_graph(900, seed=5)
    assert g.g.number_of_nodes() >= 2000
    path = tmp_path_factory.mktemp("big") / "org.json"
    g.save(path)
    return path


def test_large_graph_shows_progress_by_default(big_graph):
    r = subprocess.run(CLI + [str(big_graph), "--limit", "1"], capture_output=True, text=True, check=True)
    steps = [line for line in r.stderr.splitlines() if line.startswith("check ")]
    assert len(steps) == 13 and steps[-1] == "check 12/12: hr disagreements"
    assert "Org health" in r.stdout and "check 1/12" not in r.stdout


def test_small_graph_is_quiet_unless_asked(sample_graph_file):
    r = subprocess.run(CLI + [str(sample_graph_file)], capture_output=True, text=True, check=True)
    assert "check 1/12" not in r.stderr
    r = subprocess.run(CLI + [str(sample_graph_file), "--quiet"], capture_output=True, text=True, check=True)
    assert r.stderr == ""
    r = subprocess.run(CLI + [str(sample_graph_file), "--progress"], capture_output=True, text=True, check=True)
    assert "check 1/12: cycles" in r.stderr
