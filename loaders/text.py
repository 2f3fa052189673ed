"""Reading files and repairing the source's text quirks while keeping offsets.

Extraction runs on the repaired text; every span is mapped back through
`Repaired.span` so evidence always slices the original file text exactly.
"""

from __future__ import annotations

import os
import re
import stat
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

from .errors import InputError, printable  # noqa: F401  (InputError: importers of text use it)

MAX_BYTES = 20 * 1024 * 1024  # larger files are refused, not read


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Decode a description file: UTF-8 (with or without BOM), else cp1252, refusing binaries."""
    return read_page(path, max_bytes)[0]


def read_page(path: Path, max_bytes: int = MAX_BYTES) -> tuple[str, bytes | None]:
    """read_text's text and, for a UTF-8 file, its bytes after any BOM: the text's UTF-8 encoding,
    which load_file hashes instead of encoding the text once more."""
    st = checked_stat(path, max_bytes)
    try:
        data = read_file(path, st.st_size)
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
    return _decode(data, path)


def checked_stat(path: Path, max_bytes: int = MAX_BYTES) -> os.stat_result:
    """The file's stat, or InputError with the one-line reason it cannot be read (missing, unreadable, not a
    regular file, too large)."""
    try:
        st = os.stat(path)  # os-level calls: Path.stat/read_bytes add ~10 % to reading a page
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
    problem = refusal(path, st, max_bytes)
    if problem is not None:
        raise InputError(problem)
    return st


def refusal(path: Path | str, st: os.stat_result, max_bytes: int = MAX_BYTES) -> str | None:
    """Why read_page refuses, unread, the file with this stat (its one-line message), or None: a caller that
    reads the bytes itself (graph/incremental.py) leaves such a file to read_page to report."""
    if not stat.S_ISREG(st.st_mode):
        return f"{path}: not a regular file"
    if st.st_size > max_bytes:
        return f"{path}: file too large ({st.st_size / 2**20:.1f} MiB > {max_bytes / 2**20:.0f} MiB limit)"
    return None


_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def read_file(path: Path | str, size: int) -> bytes:
    """The file's bytes, given the size its stat gave; a file descriptor and one os.read skip the buffered file
    object open() builds (half the time of Path.read_bytes over 50,000 pages)."""
    fd = os.open(path, os.O_RDONLY | _O_BINARY)
    try:
        data = os.read(fd, size + 1)
        if len(data) != size:  # a short read, or the file changed since its stat: read on to the end
            chunks = [data]
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
            data = b"".join(chunks)
        return data
    finally:
        os.close(fd)


def decode(data: bytes, path: Path | str = "<bytes>") -> str:
    return _decode(data, path)[0]


def _decode(data: bytes, path: Path | str) -> tuple[str, bytes | None]:
    """The text, and the bytes it decodes from when they are its UTF-8 encoding (see read_page); the encoding
    rules are documents.decode's."""
    from .documents.decode import decode_text

    text, utf8, _ = decode_text(data, path)
    return text, utf8


# letters that re.IGNORECASE equates with ASCII ones (İ ı ſ K): a lower-cased `in` test standing in for
# an IGNORECASE regex is exact only for text without them
CASE_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"


def has_case_folds(s: str) -> bool:
    return not s.isascii() and any(map(s.__contains__, CASE_FOLDS_TO_ASCII))  # isascii() is O(1)


def lower_twin(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern:
    """rx = re.compile(pattern, flags) without IGNORECASE, for a pattern written in lower case: on s.lower() the
    twin matches where rx matches on s, at the same offsets, for every s without has_case_folds. For such s,
    lower() maps one character to one, keeps \\w \\s \\d, and gives an ASCII letter only for that letter in
    either case, as re.IGNORECASE compares (checked over all of Unicode in tests/test_fast_paths_exact.py).
    Made from the pattern's text: rx itself need only be compiled once a text with has_case_folds comes."""
    return re.compile(*lower_twin_form(pattern, flags))


def lower_twin_form(pattern: str, flags: int) -> tuple[str, int]:
    """lower_twin's pattern and flags, not compiled: for a caller that rewrites the pattern first, so that
    only what it matches with is compiled (compiles are most of what importing the loaders costs)."""
    if not flags & re.IGNORECASE or pattern != pattern.lower():
        raise ValueError(f"not an IGNORECASE pattern in lower case: {pattern!r}")
    return pattern, flags & ~re.IGNORECASE


def lazy_regex(pattern: str, flags: int = 0) -> Callable[[], re.Pattern]:
    """A function returning re.compile(pattern, flags), compiled at its first call: for patterns only some
    pages need, as compiling (sre is pure Python) is most of what importing the loaders costs."""
    return cache(partial(re.compile, pattern, flags))


@dataclass
class Repaired:
    """Repaired text plus the way back to offsets in the original.

    The way back is one step per repair pass that inserted or removed characters: sorted positions
    in that pass's output from which its input lies `shift` characters further on. Most pages need
    no step at all, and a lookup costs a bisect per step instead of a list of one int per character.
    """

    original: str
    text: str
    steps: list[tuple[list[int], list[int]]] = field(default_factory=list)

    def origin(self, i: int) -> int:
        """The offset in the original text of repaired character i."""
        for starts, shifts in reversed(self.steps):
            k = bisect_right(starts, i)
            if k:
                i += shifts[k - 1]
        return i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the repaired text to the original text."""
        if end > start and not self.steps:  # most pages: nothing inserted or removed
            return start, end
        if end <= start:
            o = self.origin(start) if start < len(self.text) else len(self.original)
            return o, o
        return self.origin(start), self.origin(end - 1) + 1


_SPACES = re.compile(r"  +")
_DOUBLE_PUNCT = re.compile(r"[,;](?:\s*[,;])+")  # kept: its first mark
# literal-first: fast scans; each is scanned for only when a plain `in` (a memchr) finds its first mark
_DOUBLE_PUNCT_HINTS = ((",", re.compile(r",\s*[,;]")), (";", re.compile(r";\s*[,;]")))
# "staff.Coordinates" -> "staff. Coordinates"; one pattern per mark, as a literal first character scans fast
_JAMMED = tuple((c, re.compile(re.escape(c) + r"(?<=[a-z\)]" + re.escape(c) + r")(?=[A-Z][a-z])")) for c in ".;:")
_INVERTED_Q = "\u00bf"


_REPLACEMENTS = (("\u2018", "'"), ("\u2019", "'"), ("\u02bc", "'"), ("\u201c", '"'), ("\u201d", '"'),
                 ("\u2013", "-"), ("\u2014", "-"), ("\t", " "), ("\u00a0", " "), ("\r", " "))



def repair(original: str) -> Repaired:
    """Undo the source's quirks: '¿' for apostrophes/dashes, doubled spaces and punctuation, jammed sentences.

    One-to-one replacements keep offsets; only inserted and collapsed characters add a step to the way back.
    """
    text = original
    for a, b in _REPLACEMENTS:  # `in` + str.replace per character beats a regex scan or a dict translate
        if a in text:
            text = text.replace(a, b)
    n = len(original)
    if _INVERTED_Q in original:
        pieces: list[str] = []  # the text between the marks and each mark's stand-in: a list of characters costs more
        last = 0
        i = original.find(_INVERTED_Q)
        while i >= 0:
            prev = original[i - 1] if i else " "
            nxt = original[i + 1] if i + 1 < n else " "
            c = "'" if prev.isalnum() and (nxt.isalpha() or nxt.isspace()) else "-"
            pieces += (text[last:i], "-" if prev.isspace() and nxt.isspace() else c)
            last = i + 1
            i = original.find(_INVERTED_Q, last)
        pieces.append(text[last:])
        text = "".join(pieces)
    jammed = sorted(m.end() for c, rx in _JAMMED if c in original for m in rx.finditer(original))
    steps: list[tuple[list[int], list[int]]] = []
    if jammed:
        pieces: list[str] = []
        last = 0
        for j in jammed:
            pieces += (text[last:j], " ")
            last = j
        pieces.append(text[last:])
        text = "".join(pieces)
        # the space inserted before original j maps to j, as does the character after it
        steps.append(([j + k + 1 for k, j in enumerate(jammed)], [-(k + 1) for k in range(len(jammed))]))
    # collapse runs of spaces (tabs and no-break spaces are spaces by now) and doubled list punctuation
    if "  " in text:
        text, step = _sub_keep(_SPACES, " ", text)
        steps.append(step)
    if any(h.search(text) for c, h in _DOUBLE_PUNCT_HINTS if c in text):
        text, step = _sub_keep(_DOUBLE_PUNCT, None, text)
        steps.append(step)
    return Repaired(original, text, steps)


def _sub_keep(pattern: re.Pattern, keep: str | None, text: str) -> tuple[str, tuple[list[int], list[int]]]:
    """Replace each match by `keep` (None: the match's first character), a prefix-equal shortening of
    the match; returns the new text and its step back (see Repaired)."""
    parts: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    removed = 0
    last = 0
    for m in pattern.finditer(text):
        r = keep if keep is not None else m.group(0)[0]
        parts += (text[last:m.start()], r)
        starts.append(m.start() - removed + len(r))  # in the new text: where the replacement ends
        removed += m.end() - m.start() - len(r)
        shifts.append(removed)
        last = m.end()
    if not parts:
        return text, (starts, shifts)
    parts.append(text[last:])
    return "".join(parts), (starts, shifts)
