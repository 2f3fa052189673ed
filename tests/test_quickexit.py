"""The console command's quick exit (orgkg/quickexit.py): nothing written is lost, exit codes are kept, and
library use never exits early."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from orgkg import quickexit, sample_paths


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_finish_flushes_runs_atexit_and_keeps_the_code():
    r = _python("import atexit, sys, orgkg.quickexit as q\n"
                "q.enable(); q.keep(list(range(100000)))\n"
                "atexit.register(lambda: print('from atexit'))\n"
                "print('buffered', end=' '); sys.stderr.write('err line\\n')\n"
                "q.finish(3)\n"
                "print('never')")
    assert r.returncode == 3
    assert r.stdout == "buffered from atexit\n"
    assert r.stderr == "err line\n"


def test_finish_without_kept_objects_is_a_normal_exit():
    r = _python("import orgkg.quickexit as q\nq.enable()\n"
                "try:\n    q.finish(4)\nexcept SystemExit as e:\n    print('exit', e.code)")
    assert r.stdout == "exit 4\n"


def test_a_running_thread_gets_the_normal_exit_which_waits_for_it():
    r = _python("import threading, time, orgkg.quickexit as q\n"
                "q.enable(); q.keep([1])\n"
                "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done', flush=True))).start()\n"
                "q.finish(0)")
    assert r.returncode == 0 and r.stdout == "thread done\n"


def test_keep_is_a_no_op_for_library_callers(monkeypatch):
    monkeypatch.setattr(quickexit, "_kept", None)
    quickexit.keep(object())
    quickexit.release()
    assert quickexit._kept is None


@pytest.mark.parametrize("extra", [[], ["--no-cache"]])
def test_console_build_output_is_complete_through_a_pipe(tmp_path: Path, extra):
    """`python -m orgkg build` ends with the quick exit: its summary (stdout is a pipe, so block-buffered), its
    skip messages and exit code 1, the graph file and the cache must all be there."""
    bad = tmp_path / "docs"
    bad.mkdir()
    for p in sample_paths():
        (bad / Path(p).name).write_bytes(Path(p).read_bytes())
    (bad / "empty.txt").write_text("  \n")
    out = tmp_path / "g.json"
    r = subprocess.run([sys.executable, "-m", "orgkg", "build", str(bad), "-o", str(out), *extra],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stderr
    assert "empty.txt: empty file" in r.stderr
    assert r.stdout.startswith(f"built {out}: 5 documents")
    assert "  time: " in r.stdout and r.stdout.endswith("see messages above\n")
    assert json.loads(out.read_text())["summary"]["nodes_by_type"]["Document"] == 5
    if not extra:  # the cache and build state were committed: a second build finds nothing to do
        again = subprocess.run([sys.executable, "-m", "orgkg", "build", str(bad), "-o", str(out)],
                               capture_output=True, text=True, timeout=300)
        assert again.stdout.startswith(f"unchanged {out}")


def test_settle_puts_the_kept_heap_out_of_the_collectors_reach_and_release_gives_it_back():
    r = _python("import gc, orgkg.quickexit as q\n"
                "q.settle(); print(gc.get_freeze_count())\n"  # nothing kept: nothing frozen
                "q.enable(); q.keep([[i] for i in range(1000)]); q.settle(); print(gc.get_freeze_count() > 1000)\n"
                "q.release(); print(gc.get_freeze_count())")
    assert r.stdout.split() == ["0", "True", "0"], r.stderr
