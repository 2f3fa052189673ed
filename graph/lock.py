"""One writer per output: an exclusive lock held for a whole build of that output.

Two builds to the same `-o` at once each wrote a graph from a mix of the other's extractions. The lock is a
file beside the output (`org.json.lock`, never removed: removing it would let a third build lock a fresh
file while the second still holds the old one) locked with flock(2), which the kernel releases when its
holder exits, however it exits, so a killed build never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from orgkg.errors import UserError
from orgkg.loaders.errors import printable

from .atomic import writable_target


def lock_path(output: str | Path) -> Path:
    """The lock file of an output: beside the file it really is (two links to one graph share a lock); an
    output orgkg may not write (a device, a folder) is refused here, before any lock file is made."""
    target = writable_target(output)
    return target.with_name(f"{target.name}.lock")


@contextmanager
def output_lock(output: str | Path, wait: bool = True, notify: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the output's lock for the block. Taken: wait for it (saying so through `notify`), or with
    `wait=False` fail at once with a one-line UserError.

    >>> with output_lock("/tmp/orgkg-doctest.json"):
    ...     pass
    """
    path = lock_path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as e:
        raise UserError(f"{printable(path)}: cannot create the build lock ({e.strerror or e})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise UserError(f"{printable(output)}: another build is writing it (without --no-wait, this one waits)") from None
            if notify is not None:
                notify(f"{printable(output)}: another build is writing it; waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
