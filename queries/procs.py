"""What a query process owns outside itself: private temp folders named after its pid, and children that die with it.

Why pids in names: a process killed with SIGKILL runs no cleanup, so its FalkorDB socket folder, private
store (a full dump.rdb) or SPARQL store stays in the temp folder for good. Every folder is named
`orgkg-<kind>-<pid>-<random>`; the next process that makes one removes those whose pid is no longer alive.

    d = private_dir("sparql")      # /tmp/orgkg-sparql-4242-k3j2x9 (0700), stale ones of dead pids removed
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import signal
import tempfile
from pathlib import Path

from orgkg.graph.atomic import folder_mode, pid_alive

PR_SET_PDEATHSIG = 1
_NAME = re.compile(r"^orgkg-(?P<kind>[a-z-]+?)-(?P<pid>\d+)-[^/]+$")


def remove_stale(kind: str, where: str | Path | None = None) -> list[Path]:
    """Remove `orgkg-<kind>-<pid>-*` folders in the temp folder whose process is gone; the removed paths."""
    base = Path(where or tempfile.gettempdir())
    removed = []
    try:
        entries = list(base.iterdir())
    except OSError:
        return removed
    for p in entries:
        m = _NAME.match(p.name)
        if not m or m.group("kind") != kind or int(m.group("pid")) == os.getpid() or pid_alive(int(m.group("pid"))):
            continue
        try:
            if p.is_dir() and not p.is_symlink() and p.stat().st_uid == os.getuid():
                shutil.rmtree(p, ignore_errors=True)
                removed.append(p)
        except OSError:
            continue
    return removed


def private_dir(kind: str, where: str | Path | None = None) -> Path:
    """A new 0700 folder `orgkg-<kind>-<pid>-XXXX` in the temp folder, after removing stale ones of dead pids."""
    remove_stale(kind, where)
    d = Path(tempfile.mkdtemp(prefix=f"orgkg-{kind}-{os.getpid()}-", dir=where))
    os.chmod(d, 0o700)
    return d


def die_with_parent() -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux); exit now if it already has."""
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def derived_mode(source: str | Path, directory: bool = False) -> int:
    """Permissions for a file derived from `source` (the graph): the same read/write bits; a folder adds x where r."""
    mode = os.stat(source).st_mode & 0o666
    return folder_mode(mode) if directory else mode
