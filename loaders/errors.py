"""The loaders' user-facing error and the escaping that keeps its message one line."""

from __future__ import annotations

import os

_CONTROL = {c: f"\\x{c:02x}" for c in (*range(32), 127)} | {10: "\\n", 13: "\\r", 9: "\\t"}


def printable(name: str | os.PathLike) -> str:
    """A file name as one line of valid text: undecodable bytes as \\xNN, control characters escaped.

    >>> printable("bad\\nname\\udce9.txt")
    'bad\\\\nname\\\\xe9.txt'
    """
    s = os.fspath(name)
    if not s.isascii() or not s.isprintable():
        s = s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace").translate(_CONTROL)
    return s


class InputError(Exception):
    """A user-facing problem with one input file: printed as one line (a newline or an undecodable byte in a
    file name is escaped, see printable)."""

    def __init__(self, message: str) -> None:
        super().__init__(printable(message))
