"""Cypher against a hostile or unlucky caller: outbound I/O, nesting, time limits that stop the engine, errors
with a position, servers that are not there, writes that must not outlive their backend, and leftovers of
killed processes (temp folders, permissions)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import orgkg
from orgkg.errors import UserError
from orgkg.queries import falkordb_embedded as fe
from orgkg.queries import procs
from orgkg.queries.cypher import cypher, embedded
from orgkg.queries.guard import cypher_io

CLI = [sys.executable, "-m", "orgkg"]
HEAVY = "MATCH (a), (b), (c), (d) RETURN count(*)"
# 600 groups 12 levels deep: within the nesting limit, ~30 s of FalkorDB parsing that its own timeout ignores
SLOW_PARSE = "RETURN " + "+".join(["(" * 12 + "1" + ")" * 12] * 600)


def test_load_csv_refused_on_every_read_only_surface(sample_graph_file, listener):
    port, hits = listener
    q = f"LOAD CSV FROM 'http://127.0.0.1:{port}/roles.csv' AS row RETURN row"
    with pytest.raises(UserError, match="refused: LOAD CSV"):
        cypher(sample_graph_file, q)
    with pytest.raises(UserError, match="refused: LOAD CSV"):  # refused before any connection is tried
        cypher(None, q, backend="bolt://127.0.0.1:1")
    r = subprocess.run(CLI + ["cypher", str(sample_graph_file), q], capture_output=True, text=True)
    assert r.returncode == 2 and "LOAD CSV" in r.stderr and r.stderr.count("\n") == 1
    time.sleep(0.3)
    assert hits == []


@pytest.mark.parametrize("q,found", [
    ("load  csv with headers from 'file:///etc/passwd' as r return r", "load csv"),
    ("CALL apoc.load.json('http://x/') YIELD value RETURN value", "apoc.load"),
    ("RETURN apoc.cypher.runFirstColumnSingle('CREATE (n)', {})", "apoc.cypher"),
    ("CALL dbms.listConfig()", "dbms"),
    ("MATCH (n) WHERE n.name = 'LOAD CSV' RETURN n.dbms", None),
    ("MATCH (n:`apoc.load`) RETURN n // LOAD CSV", None),
])
def test_outbound_io_detector(q, found):
    got = cypher_io(q)
    assert (got.lower() if got else None) == found


def test_deep_nesting_refused_before_parsing(sample_graph):
    for q in ["RETURN " + "(" * 26 + "1" + ")" * 26, "RETURN " + "[" * 40 + "1" + "]" * 40]:
        with pytest.raises(UserError, match="nest") as e:
            cypher(sample_graph, q)
        assert "\n" not in str(e.value)
    with pytest.raises(UserError, match="characters"):
        cypher(sample_graph, "RETURN 1 // " + "x" * 100_000)
    assert cypher(sample_graph, "RETURN " + "(" * 6 + "1" + ")" * 6).rows == [[1]]


def test_time_limit_stops_the_engine(sample_graph):
    with pytest.raises(UserError, match="time limit"):
        cypher(sample_graph, HEAVY, timeout=0.5)
    assert cypher(sample_graph, "RETURN 1").rows == [[1]]


def test_watchdog_kills_a_parse_the_engine_limit_does_not_reach(sample_graph):
    b = embedded(sample_graph)
    pid = b.server.pid
    with pytest.raises(UserError, match="engine was stopped"):
        b.query(SLOW_PARSE, timeout=0.5)
    assert not procs.pid_alive(pid) or Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    assert b.query("RETURN 2").rows == [[2]]  # restarted from its store


def test_syntax_error_is_one_line_with_position(sample_graph):
    with pytest.raises(UserError) as e:
        cypher(sample_graph, "MATCH (x RETURN x")
    msg = str(e.value)
    assert "line 1, column 10" in msg and "errCtx" not in msg and "\n" not in msg


@pytest.mark.parametrize("uri", ["bolt://127.0.0.1:1", "neo4j://127.0.0.1:1", "falkordb://127.0.0.1:1"])
def test_uri_against_nothing_is_one_line(uri):
    r = subprocess.run(CLI + ["cypher", "--uri", uri, "RETURN 1"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "cannot reach" in r.stderr, r.stderr
    assert "retried" not in r.stderr and "Traceback" not in r.stderr


def test_write_does_not_outlive_its_backend(tmp_path):
    path = tmp_path / "org.json"
    orgkg.sample_graph().save(path)
    n = cypher(path, "MATCH (n) RETURN count(n)").rows[0][0]
    b = embedded(path)
    b.query("CREATE (:Node {id: 'intruder'})", write=True)
    assert b.query("MATCH (n {id: 'intruder'}) RETURN count(n)").rows == [[1]]  # the writer sees its write
    b.server.save()  # even if the server writes its dump now
    assert cypher(path, "MATCH (n) RETURN count(n)").rows == [[n]]  # the next opening reloads from the file
    fe.stop_all()
    r = subprocess.run(CLI + ["cypher", str(path), "MATCH (n {id: 'intruder'}) RETURN count(n)", "--format", "csv"],
                       capture_output=True, text=True, check=True)
    assert r.stdout.split() == ["count(n)", "0"]


def test_store_files_get_the_graph_files_permissions(tmp_path):
    for mode in (0o600, 0o644):
        path = tmp_path / f"g{mode:o}" / "org.json"
        path.parent.mkdir()
        orgkg.sample_graph().save(path)
        os.chmod(path, mode)
        cypher(path, "RETURN 1")
        store = fe.store_dir_for(path)
        assert stat.S_IMODE((store / "dump.rdb").stat().st_mode) == mode
        assert stat.S_IMODE(store.stat().st_mode) == procs.derived_mode(path, directory=True)
        fe.stop_all()
        from orgkg.queries.sparql import persisted_store

        assert stat.S_IMODE(persisted_store(path).stat().st_mode) == (0o700 if mode == 0o600 else 0o755)


def _dead_pid() -> int:
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def test_stale_temp_folders_of_dead_processes_are_removed(tmp_path):
    dead, live = _dead_pid(), os.getppid()
    gone = [tmp_path / f"orgkg-falkordb-{dead}-abc", tmp_path / f"orgkg-falkordb-store-{dead}-x1"]
    kept = [tmp_path / f"orgkg-falkordb-{live}-abc", tmp_path / "orgkg-falkordb-legacy", tmp_path / "other-1-2"]
    for d in gone + kept:
        d.mkdir()
        (d / "dump.rdb").write_bytes(b"x")
    procs.remove_stale("falkordb", tmp_path)
    procs.remove_stale("falkordb-store", tmp_path)
    assert not any(d.exists() for d in gone) and all(d.exists() for d in kept)
    new = procs.private_dir("falkordb", tmp_path)
    assert stat.S_IMODE(new.stat().st_mode) == 0o700 and f"-{os.getpid()}-" in new.name


def test_kill9_of_cli_leaves_folders_the_next_run_removes(sample_graph_file):
    import tempfile

    tmp = Path(tempfile.gettempdir())
    p = subprocess.Popen(CLI + ["cypher", str(sample_graph_file), HEAVY], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            left = list(tmp.glob(f"orgkg-falkordb-{p.pid}-*"))
            if left:
                break
            time.sleep(0.05)
        assert left, "the CLI never made its socket folder"
        p.kill()
        p.wait()
    finally:
        if p.poll() is None:
            p.kill()
    assert all(d.exists() for d in left)
    subprocess.run(CLI + ["cypher", str(sample_graph_file), "RETURN 1"], check=True, capture_output=True)
    assert not any(d.exists() for d in left)
