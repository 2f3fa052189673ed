"""Saving a graph is atomic: a save killed midway, or failing, leaves the previous file intact.

Why: `orgkg build -o org.json` overwrites the user's graph. A crash, a kill or a full disk during
the write must leave either the old graph or the complete new one, never a half-written file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import orgkg
from orgkg.errors import UserError
from orgkg.graph import store

# The child builds a large graph (~10 MB of JSON), says READY, then saves it over ARGV[1].
CHILD = r"""
import sys
try:
    from orgkg.synth import synth_graph
    g = synth_graph(2500, seed=3)
except ImportError:  # synth not available: a big hand-made graph
    from orgkg.graph import OrgGraph
    g = OrgGraph()
    for i in range(20000):
        a = g.add_node("Role", f"Role number {i}")
        b = g.add_node("Unit", f"Unit number {i // 10}")
        g.add_edge(a, b, "MEMBER_OF", {"doc": "x.txt", "section": "summary", "text": "is a member of the unit " * 20,
                                       "start": 0, "end": 480, "rule": "synthetic"})
print("READY", flush=True)
g.save(sys.argv[1])
print("SAVED", flush=True)
"""


def temp_files(d: Path, name: str) -> list[Path]:
    return [p for p in d.iterdir() if p.name.startswith(f".{name}.") and p.name.endswith(".tmp")]


def kill_during_save(target: Path) -> str:
    """Run CHILD and SIGKILL it as soon as its temp file appears: 'mid-write' or 'too-late'."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "READY"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if temp_files(target.parent, target.name):
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                return "mid-write" if proc.returncode == -signal.SIGKILL else "too-late"
            if proc.poll() is not None:
                return "too-late"
            time.sleep(0.0005)
        raise AssertionError("the child never started writing its temp file")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()


def test_sigkill_during_save_keeps_previous_graph(tmp_path):
    target = tmp_path / "org.json"
    orgkg.sample_graph().save(target)
    before = target.read_bytes()
    landed = 0
    for _attempt in range(6):
        outcome = kill_during_save(target)
        after = target.read_bytes()
        # whatever happened, the file is a complete graph: the old one or the whole new one
        g = orgkg.load(target)
        if outcome == "mid-write" and after == before:
            landed += 1
            for t in temp_files(tmp_path, target.name):
                t.unlink()
            break
        # the save finished before the kill: put the old graph back and try again
        assert g.g.number_of_nodes() > 1000, "target neither the old graph nor the complete new one"
        target.write_bytes(before)
        for t in temp_files(tmp_path, target.name):
            t.unlink()
    assert landed == 1, "the kill never landed while the temp file was being written"
    assert target.read_bytes() == before
    assert orgkg.load(target).summary() == orgkg.sample_graph().summary()


def test_failing_fsync_keeps_previous_graph_and_no_temp_file(tmp_path, monkeypatch):
    """Fault injection: the disk fails at fsync (EIO). The old graph stays; the temp file is removed."""
    target = tmp_path / "org.json"
    orgkg.sample_graph().save(target)
    before = target.read_bytes()

    def broken_fsync(_fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(store.os, "fsync", broken_fsync)
    g = orgkg.sample_graph()
    g.add_node("Unit", "A unit that makes the new graph differ")
    with pytest.raises(UserError) as e:
        g.save(target)
    assert str(target) in str(e.value) and "\n" not in str(e.value)
    assert target.read_bytes() == before
    assert temp_files(tmp_path, target.name) == []


def test_failing_serialisation_keeps_previous_graph(tmp_path):
    """A graph that cannot be written (an attribute JSON cannot hold) fails before touching the file."""
    target = tmp_path / "org.json"
    orgkg.sample_graph().save(target)
    before = target.read_bytes()
    g = orgkg.sample_graph()
    nid = next(iter(g.g.nodes))
    g.g.nodes[nid]["bad"] = object()
    with pytest.raises((TypeError, ValueError, UserError)):
        g.save(target)
    assert target.read_bytes() == before
    assert temp_files(tmp_path, target.name) == []


def test_normal_save_leaves_no_temp_file_and_round_trips(tmp_path):
    target = tmp_path / "org.json"
    g = orgkg.sample_graph()
    g.save(target)
    g.save(target)  # over an existing file
    assert temp_files(tmp_path, target.name) == []
    assert store.dumps(orgkg.load(target)) == store.dumps(g)
    assert os.stat(target).st_size > 0
