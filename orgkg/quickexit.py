"""Leaving a finished build's heap to the operating system instead of freeing it object by object.

A build holds millions of small objects (extractions, nodes, edges, evidence) until it ends. Freeing them
one by one, when `build_file` returns and again in the interpreter's teardown, cost a 10,000-document build
~1 s of its ~10 (measured: `python bench/build.py`, whole-process wall time). The console command
(`orgkg`, `python -m orgkg`) enables keeping; the build hands over what it made (`keep`); `finish` then
flushes the standard streams, runs the atexit handlers and ends the process with `os._exit`, so nothing
the program wrote is lost and only the freeing is skipped. Library callers and tests never enable it:
there `keep` does nothing and memory is freed as usual.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from typing import NoReturn

_kept: list | None = None  # None: keeping is off (library use)


def enable() -> None:
    global _kept
    _kept = []


def keep(*objects: object) -> None:
    """Hold these objects until the process ends, when keeping is on (no-op otherwise)."""
    if _kept is not None:
        _kept.extend(objects)


def settle() -> None:
    """After a build that handed objects over: move every live object out of the cyclic collector's reach
    (gc.freeze). They live until the exit anyway, and the first collection once the build re-enables the
    collector would walk them all (0.56 s of a 10,000-document build)."""
    if _kept:
        gc.freeze()


def release() -> None:
    """Free what was kept (a command that goes on working after its build wants the memory back)."""
    if _kept is not None:
        _kept.clear()
        gc.unfreeze()


def finish(code: int) -> NoReturn:
    """End the process with `code`: quickly (no teardown) if a build handed objects over, else as usual.

    A thread still running (a server) is left to the normal exit, which waits for it."""
    if not _kept or threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or broken pipe: the normal exit reports it as Python would
        sys.exit(code)
    os._exit(code)
