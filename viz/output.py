"""Writing pictures: atomically through graph.store's writer, with the permissions the user's umask gives.

A temporary file is created private (0600) so a half-written page is never readable; the finished file gets
0666 minus the umask (0644 typically), like any file the user creates, so a web server or a colleague can read it.
"""

from __future__ import annotations

import os
from pathlib import Path

from orgkg.graph.store import atomic_write

from orgkg.errors import UserError


def umask_mode() -> int:
    """0666 minus the process umask (read without changing it where the OS allows)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)  # no /proc: read it by setting and restoring it
    os.umask(mask)
    return 0o666 & ~mask


def write_output(path: str | Path, data: str | bytes) -> Path:
    """Write `data` to `path` atomically (old file or complete new one), then give it the umask's mode."""
    path = Path(path)
    try:
        atomic_write(path, [data] if isinstance(data, bytes) else data)
        os.chmod(path, umask_mode())
    except OSError as e:
        raise UserError(f"{path}: cannot write ({e.strerror or e})") from None
    return path
