"""Embedded FalkorDB: store reuse/reload, read-only, errors, CLI, crash recovery, no orphan processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import orgkg
from orgkg.errors import UserError
from orgkg.queries import falkordb_embedded as fe
from orgkg.queries.cypher import EmbeddedBackend, cypher, writes

SLOW_QUERY = "UNWIND range(1, 200000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x)"


def redis_children(parent: int) -> list[int]:
    """redis-server processes whose parent is `parent` (a /proc scan; no psutil)."""
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            cmd = (d / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        state = stat.rsplit(")", 1)[1].split()[0]
        if ppid == parent and b"redis-server" in cmd and state != "Z":
            out.append(int(d.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(cond, timeout: float = 20.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return False


def test_store_beside_graph_is_reused_then_reloaded_when_file_changes(tmp_path):
    path = tmp_path / "org.json"
    g = orgkg.sample_graph()
    g.save(path)
    n = g.g.number_of_nodes()
    b = EmbeddedBackend(path)
    assert b.query("MATCH (n:Node) RETURN count(n)").rows == [[n]]
    assert (tmp_path / "org.json.falkordb" / "dump.rdb").is_file()
    fe.stop_all()  # a new process would start from the dump: no reload
    b2 = EmbeddedBackend(path)
    assert b2.loaded_from_store and b2.query("MATCH (n:Node) RETURN count(n)").rows == [[n]]
    g.add_node("Role", "Brand New Role", "role:brand-new-role", described=False)
    g.save(path)
    b3 = EmbeddedBackend(path)
    assert not b3.loaded_from_store
    assert b3.query("MATCH (n:Node) RETURN count(n)").rows == [[n + 1]]
    assert b3.query("MATCH (n:Role {id: $id}) RETURN n.name", {"id": "role:brand-new-role"}).rows == [["Brand New Role"]]


def test_private_stores_are_removed_at_stop_all(tmp_path):
    """An in-memory graph, or a graph file whose store another process holds, gets a private temporary store:
    stop_all (the process's exit) removes it; a store beside a graph file stays."""
    path = tmp_path / "org.json"
    orgkg.sample_graph().save(path)
    beside = EmbeddedBackend(path)
    mem = EmbeddedBackend(orgkg.sample_graph())
    private = mem.server.store
    assert private.is_dir() and private != beside.server.store and mem.server.temp_store
    assert not beside.server.temp_store
    fe.stop_all()
    assert not private.exists()
    assert (tmp_path / "org.json.falkordb" / "dump.rdb").is_file()


def test_mapping_labels_props_and_evidence(sample_graph):
    r = cypher(sample_graph, "MATCH (a:Role)-[e:UNDER_DIRECTION_OF]->(b) RETURN a.id, b.id, e.evidence, e.evidence_count")
    want = {(u, v) for u, v, k in sample_graph.g.edges(keys=True) if k == "UNDER_DIRECTION_OF"
            and sample_graph.g.nodes[u]["type"] == "Role"}
    assert {(a, b) for a, b, _, _ in r.rows} == want
    for _a, _b, ev, cnt in r.rows:
        assert len(ev) == cnt and all("text" in json.loads(e) for e in ev)
    labels = cypher(sample_graph, "MATCH (n:Node) RETURN DISTINCT labels(n)").rows
    assert {tuple(sorted(x[0])) for x in labels} <= {tuple(sorted(("Node", t))) for t in
                                                       ("Role", "Unit", "Organization", "Competency", "Document")}


@pytest.mark.parametrize("q", ["CREATE (n:Role {id: 'x'})", "MATCH (n) DETACH DELETE n", "MATCH (n) SET n.name = 'x'",
                               "MERGE (n:Node {id: 'y'})"])
def test_read_only_by_default(sample_graph, q):
    before = cypher(sample_graph, "MATCH (n) RETURN count(n)").rows
    with pytest.raises(UserError, match="read-only"):
        cypher(sample_graph, q)
    assert cypher(sample_graph, "MATCH (n) RETURN count(n)").rows == before


def test_write_when_asked():
    g = orgkg.sample_graph()
    cypher(g, "CREATE (:Scratch {id: 'tmp'})", write=True)
    assert cypher(g, "MATCH (s:Scratch) RETURN s.id").rows == [["tmp"]]


def test_syntax_error_is_one_line_with_engine_message(sample_graph):
    with pytest.raises(UserError) as e:
        cypher(sample_graph, "MATCH (n RETURN n")
    assert "\n" not in str(e.value) and "Invalid input" in str(e.value)


def test_write_detector():
    assert writes("MATCH (n) DETACH DELETE n") == "DETACH"
    assert writes("match (n) set n.x = 1") == "SET"
    assert writes("MATCH (n {name: 'CREATE this'}) RETURN n.set, n.create // DELETE") is None
    assert writes("MATCH (n) WHERE n.`DELETE` = 1 RETURN {merge: 1}") is None
    assert writes("CALL apoc.create.node(['X'], {})")


def test_child_killed_mid_query_gives_clear_error_then_next_query_works(tmp_path):
    g = orgkg.sample_graph()
    path = tmp_path / "org.json"
    g.save(path)
    b = EmbeddedBackend(path)
    pid = b.server.pid
    box: dict = {}

    def run():
        try:
            b.query(SLOW_QUERY)
        except UserError as e:
            box["err"] = e

    t = threading.Thread(target=run)
    t.start()
    time.sleep(0.5)
    os.kill(pid, signal.SIGKILL)
    t.join(30)
    assert "err" in box and "connection lost" in str(box["err"]) and "\n" not in str(box["err"])
    assert b.query("MATCH (n:Node) RETURN count(n)").rows == [[g.g.number_of_nodes()]]
    assert b.server.pid != pid


CHILD_SCRIPT = """
import sys, orgkg
from orgkg.queries.cypher import EmbeddedBackend
b = EmbeddedBackend(sys.argv[1])
print(b.server.pid, flush=True)
b.query({q!r})
"""


def test_sigint_of_cli_leaves_no_server(tmp_path, sample_graph_file):
    p = subprocess.Popen([sys.executable, "-m", "orgkg", "cypher", str(sample_graph_file), SLOW_QUERY],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: redis_children(p.pid)), "server never started"
        kids = redis_children(p.pid)
        time.sleep(0.5)  # the query is running
        p.send_signal(signal.SIGINT)
        p.wait(30)
        assert p.returncode == 130, p.stderr.read()
        assert "Traceback" not in p.stderr.read()
        assert wait_for(lambda: not any(alive(k) for k in kids), 10), "redis-server orphan left after Ctrl-C"
    finally:
        if p.poll() is None:
            p.kill()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_parent_death_leaves_no_server(sample_graph_file, sig):
    code = CHILD_SCRIPT.format(q=SLOW_QUERY)
    p = subprocess.Popen([sys.executable, "-c", code, str(sample_graph_file)], stdout=subprocess.PIPE, text=True)
    try:
        kid = int(p.stdout.readline())
        assert alive(kid)
        time.sleep(0.3)
        p.send_signal(sig)
        p.wait(30)
        assert wait_for(lambda: not alive(kid), 10), f"redis-server {kid} outlived its parent ({sig.name})"
    finally:
        if p.poll() is None:
            p.kill()


def test_cli_formats(sample_graph_file):
    q = "MATCH (n:Role) RETURN n.id AS id ORDER BY id LIMIT 2"
    out = subprocess.run([sys.executable, "-m", "orgkg", "cypher", str(sample_graph_file), q, "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    rows = json.loads(out)
    assert len(rows) == 2 and set(rows[0]) == {"id"}
    out = subprocess.run([sys.executable, "-m", "orgkg", "cypher", str(sample_graph_file), q, "--format", "csv"],
                         capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[0] == "id" and len(out.splitlines()) == 3
    bad = subprocess.run([sys.executable, "-m", "orgkg", "cypher", str(sample_graph_file), "MATCH (n RETURN n"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    ro = subprocess.run([sys.executable, "-m", "orgkg", "cypher", str(sample_graph_file), "MATCH (n) DETACH DELETE n"],
                        capture_output=True, text=True)
    assert ro.returncode == 2 and "read-only" in ro.stderr


def test_missing_graph_file_is_one_line(tmp_path):
    r = subprocess.run([sys.executable, "-m", "orgkg", "cypher", str(tmp_path / "nope.json"), "MATCH (n) RETURN n"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "no such graph file" in r.stderr and "Traceback" not in r.stderr


def test_values_come_back_as_plain_python(sample_graph):
    from orgkg.queries.cypher import embedded

    coord = "role:coordinator-innovative-and-progressive-systemwide-training"
    b = embedded(sample_graph, evidence=False)
    rows = b.query("MATCH (n:Node {id: $id})-[e:UNDER_DIRECTION_OF]->(m:Node) "
                   "RETURN n.id, 1, 2.5, true, null, n, e, [n.id, m.id], {boss: m.id} LIMIT 1", {"id": coord}).rows
    (nid, i, f, t, none, node, edge, ids, mapped), = rows
    assert (nid, i, f, t, none) == (coord, 1, 2.5, True, None) and type(i) is int and type(t) is bool
    assert type(node) is dict and node["id"] == coord
    assert type(edge) is dict and edge["type"] == "UNDER_DIRECTION_OF"
    assert ids[0] == coord and mapped == {"boss": ids[1]}
    p = b.query("MATCH p = (n:Node {id: $id})-[:UNDER_DIRECTION_OF]->(:Node) RETURN p LIMIT 1", {"id": coord}).rows
    assert p[0][0] == ids  # a path: its node ids
