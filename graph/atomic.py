"""Writing a file atomically, and only a file orgkg may replace.

A write goes to a temp file beside the target (its name holds our pid), fsynced and renamed over the
target, so a crash mid-write leaves the previous file intact: the path is always the old file or the
complete new one. Temp files of processes that died mid-write are removed by the next write.

What orgkg may replace: a regular file, or nothing. An output path that is a symlink is written through
(the file it points to is replaced; the link stays); a directory, device, FIFO or socket is refused with
one line, as is a place that cannot be written. New files follow the user's umask (0644 typically); a
replaced file keeps its mode.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from orgkg.errors import UserError
from orgkg.loaders.errors import printable

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"))


def kind_of(mode: int) -> str | None:
    """What a non-regular file is ("a directory", "a FIFO", ...); None for a regular file."""
    return next((name for test, name in _KINDS if test(mode)), None if stat.S_ISREG(mode) else "not a regular file")


def writable_target(path: str | Path) -> Path:
    """The file a write to `path` replaces (through a symlink), or a one-line UserError if it may not be.

    >>> writable_target("/dev/null")
    Traceback (most recent call last):
    orgkg.errors.UserError: /dev/null: is a character device, not a file orgkg writes; refusing to replace it
    """
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as e:
        raise UserError(f"{printable(path)}: cannot write ({e.strerror or e})") from None
    kind = kind_of(st.st_mode)
    if kind is not None:
        raise UserError(f"{printable(path)}: is {kind}, not a file orgkg writes; refusing to replace it")
    return target


def umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode(target: str | Path) -> int:
    """The permissions a write gives `target`: its own if it exists, else what the umask allows (0644 typically)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~umask()


def folder_mode(mode: int) -> int:
    """The permissions of a folder that holds files of `mode`: the same bits, plus x wherever r is (who may not
    read the graph may not list its derived files either).

    >>> oct(folder_mode(0o600)), oct(folder_mode(0o644))
    ('0o700', '0o755')
    """
    return (mode & 0o666) | (mode & 0o444) >> 2


def remove_stale_temps(target: Path) -> list[Path]:
    """Remove `.NAME.<pid>.*.tmp` files beside `target` whose process is gone; returns them."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+)\.[^/]*\.tmp$")
    gone = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return gone
    for name in names:
        m = pattern.match(name)
        if m and int(m.group(1)) != os.getpid() and not pid_alive(int(m.group(1))):
            try:
                os.unlink(target.parent / name)
                gone.append(target.parent / name)
            except OSError:
                pass
    return gone


def pid_alive(pid: int) -> bool:
    """True when a process with this pid exists (ours or not: a pid in use is never cleaned)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def atomic_file(path: str | Path) -> Iterator[int]:
    """A raw file descriptor for a new version of `path` (see the module's rules), renamed over it when the
    block ends, removed if the block fails. OSErrors of the write itself propagate (callers name them)."""
    target = writable_target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target)
    mode = file_mode(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    try:
        try:
            os.fchmod(fd, mode)
            yield fd
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _fsync_dir(d: Path) -> None:
    try:
        dfd = os.open(d, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def write_all(fd: int, data: bytes | memoryview) -> None:
    """os.write until all of `data` is written (a write may be short)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def atomic_write(path: str | Path, text: str | Iterable[str] | Iterable[bytes]) -> None:
    """Write `text` (or its pieces, in order: text, or bytes as they are) to `path` atomically; a path orgkg
    may not replace or cannot write is a one-line UserError.

    >>> atomic_write("/tmp/orgkg-doctest.txt", "hello\\n")
    """
    try:
        with atomic_file(path) as fd:
            for piece in [text] if isinstance(text, str) else text:
                write_all(fd, piece if isinstance(piece, bytes) else piece.encode("utf-8"))
    except OSError as e:
        raise UserError(f"{printable(path)}: cannot write ({e.strerror or e})") from None
