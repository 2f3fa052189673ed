"""Writing a file atomically: a temp file beside it, fsynced, renamed over it.

So a crash mid-write leaves the previous file intact: the path is always the old file or the complete new one.
Every file orgkg writes (graphs, exports, pages) goes through here.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_file(path: str | Path) -> Iterator[int]:
    """A raw file descriptor for a new version of `path`: a temp file beside it, fsynced and renamed over
    it when the block ends, removed if it fails, so `path` is always the old file or the complete new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            yield fd
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        try:
            dfd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
        except OSError:
            pass
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_all(fd: int, data: bytes | memoryview) -> None:
    """os.write until all of `data` is written (a write may be short)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def atomic_write(path: str | Path, text: str | Iterable[str] | Iterable[bytes]) -> None:
    """Write `text` (or its pieces, in order: text, or bytes as they are) to `path` atomically; see `atomic_file`."""
    with atomic_file(path) as fd:
        for piece in [text] if isinstance(text, str) else text:
            write_all(fd, piece if isinstance(piece, bytes) else piece.encode("utf-8"))


