"""Extracting many files over worker processes: order kept, one bad file never costs the others.

Files go to workers in chunks (one pickle round trip per chunk, not per file) and come back in the
wire form (model.pack). Each worker catches errors per file, so a bad file becomes a one-line
message; if a worker process dies outright, the chunks it held are redone in this process, file by
file.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from . import load_bytes, load_file
from .model import Extraction, pack, unpack
from .text import InputError

CHUNK = 32
AUTO_MIN_DOCS = 100  # from here a pool pays for its start-up (2 cores: 100 pages 0.16 -> 0.12 s, 1,000 1.31 -> 0.86 s)


def jobs_for(jobs: int | None, docs: int = 0) -> int:
    """Processes to use: 0 means every core; None (auto) means every core once there are AUTO_MIN_DOCS
    documents to extract, else this process alone."""
    cores = os.cpu_count() or 1
    if jobs is None:
        return cores if docs >= AUTO_MIN_DOCS else 1
    return max(1, cores if jobs == 0 else jobs)


def extract_one(path: str | Path, format: str | None, data: bytes | None = None, sha256: str | None = None) -> Extraction | str:
    """The file's Extraction, or the one-line message of why it has none; `data` (and its `sha256`): the file's
    bytes when the caller has read them (see load_bytes)."""
    try:
        return load_file(path, format) if data is None else load_bytes(path, data, format, sha256)
    except InputError as e:
        return str(e)
    except RecursionError:
        return f"{path}: extraction failed (text nested too deeply)"
    except Exception as e:  # an extractor bug on one odd file must not stop a 50k-file build
        return f"{path}: extraction failed ({type(e).__name__}: {e})"


def die_with_parent(parent: int) -> None:
    """A worker's start: killed by the kernel when its parent dies, however it dies (Linux PR_SET_PDEATHSIG),
    and deaf to Ctrl-C (the parent stops the pool), so no worker outlives a killed build."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the pipe to the parent still ends the pool when it exits
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def stop_on_signals() -> Callable[[], None]:
    """While a pool runs, SIGTERM and SIGHUP end this process as Ctrl-C does (the pool is shut down on the way
    out); returns what puts the previous handlers back. Only in the main thread (elsewhere: no change)."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    old = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGHUP)}

    def restore() -> None:
        for s, h in old.items():
            signal.signal(s, h)

    return restore


def _pool(paths: list[str], fmt: str | None, data: list, workers: int, spans: list[tuple[int, int]],
          results: list, advance: Callable[[int], None]) -> None:
    """extract_many over worker processes: chunk `spans` of `paths`, results put in place as they come."""
    # imported here: a one-process build never needs them, and they pull in multiprocessing, subprocess,
    # logging and pickle (~8 % of an empty build's instructions)
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool, ProcessPoolExecutor

    todo = set(range(len(spans)))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),))
    restore = stop_on_signals()
    try:
        futs = {pool.submit(_chunk, paths[a:b], fmt, data[a:b]): k for k, (a, b) in enumerate(spans)}
        for fut in as_completed(futs):
            k = futs[fut]
            a, b = spans[k]
            results[a:b] = [r if isinstance(r, str) else unpack(r) for r in fut.result()]
            todo.discard(k)
            advance(b - a)
        pool.shutdown()
    except BrokenProcessPool:
        for k in sorted(todo):  # a worker died (out of memory, a crash in C code): redo its chunks here
            a, b = spans[k]
            for i in range(a, b):
                results[i] = extract_one(paths[i], fmt, data[i])
            advance(b - a)
    except BaseException:  # an error or a signal (SystemExit from stop_on_signals, Ctrl-C): stop the workers now,
        _kill_workers(pool)  # or the exit would wait for their chunks (minutes of a large build)
        raise
    finally:
        restore()
        pool.shutdown(wait=False, cancel_futures=True)


def _kill_workers(pool) -> None:
    """SIGKILL the pool's worker processes (their work is being abandoned; they hold no state of ours)."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            proc.kill()
        except (OSError, AttributeError):
            pass


def _chunk(paths: list[str], format: str | None, data: list[bytes | None]) -> list[tuple | str]:
    """A worker's results in the wire form (model.pack): a third of the parent's unpickling cost."""
    return [r if isinstance(r, str) else pack(r) for r in map(extract_one, paths, [format] * len(paths), data)]


def extract_many(paths: Sequence[str | Path], jobs: int | None = 1, format: str | None = None,
                 errors: list[str] | None = None, progress=None,
                 data: Sequence[bytes | None] | None = None) -> list[Extraction | None]:
    """One result per path, in order: the Extraction, or None with a message appended to `errors`.

    `jobs`: see jobs_for. `progress` is anything with `advance(n)` (orgkg.progress.Progress) or None.
    `data`: each file's bytes when the caller has read them (a cached build keys its cache on them: the
    extraction must be of those very bytes, not of a later read); None for a file to read here.
    """
    errors = errors if errors is not None else []
    paths = [str(p) for p in paths]
    data = list(data) if data is not None else [None] * len(paths)
    fmt = None if format in (None, "auto") else format
    advance: Callable[[int], None] = progress.advance if progress is not None else (lambda n: None)
    results: list[Extraction | str | None] = [None] * len(paths)
    n = jobs_for(jobs, len(paths))
    chunk = max(1, min(CHUNK, len(paths) // (n * 4) or 1))
    spans = [(i, min(i + chunk, len(paths))) for i in range(0, len(paths), chunk)]
    if n == 1 or len(spans) < 2:
        for i, p in enumerate(paths):
            results[i] = extract_one(p, fmt, data[i])
            advance(1)
    else:
        _pool(paths, fmt, data, min(n, len(spans)), spans, results, advance)
    out: list[Extraction | None] = []
    for r in results:
        if isinstance(r, str):
            errors.append(r)
            out.append(None)
        else:
            out.append(r)
    return out
