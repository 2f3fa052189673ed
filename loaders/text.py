"""Reading files and repairing the source's text quirks while keeping offsets.

Extraction runs on the repaired text; every span is mapped back through
`Repaired.span` so evidence always slices the original file text exactly.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024  # larger files are refused, not read


class InputError(Exception):
    """A user-facing problem with one input file: printed as one line."""


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Decode a description file: UTF-8 (with or without BOM), else cp1252, refusing binaries."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: not a regular file")
    if st.st_size > max_bytes:
        raise InputError(f"{path}: file too large ({st.st_size / 2**20:.1f} MiB > {max_bytes / 2**20:.0f} MiB limit)")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
    return decode(data, path)


def decode(data: bytes, path: Path | str = "<bytes>") -> str:
    if not data.strip():
        raise InputError(f"{path}: empty file")
    sample = data[:8192]
    if b"\x00" in sample or _control_ratio(sample) > 0.05:
        raise InputError(f"{path}: binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_CONTROL_BYTES = bytes([*range(9), *range(14, 32), 127])


def _control_ratio(sample: bytes) -> float:
    bad = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bad / max(1, len(sample))


@dataclass
class Repaired:
    """Repaired text plus, for every character, its offset in the original."""

    original: str
    text: str
    origin: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the repaired text to the original text."""
        if end <= start:
            o = self.origin[start] if start < len(self.origin) else len(self.original)
            return o, o
        return self.origin[start], self.origin[end - 1] + 1


_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_DOUBLE_PUNCT = re.compile(r"([,;])(\s*[,;])+")
_JAMMED = re.compile(r"[.;:](?<=[a-z\)][.;:])(?=[A-Z][a-z])")  # "staff.Coordinates" -> "staff. Coordinates"
_INVERTED_Q = "\u00bf"


_REPLACEMENTS = (("\u2018", "'"), ("\u2019", "'"), ("\u02bc", "'"), ("\u201c", '"'), ("\u201d", '"'),
                 ("\u2013", "-"), ("\u2014", "-"), ("\t", " "), ("\u00a0", " "), ("\r", " "))


_NEEDS_TRANSLATE = re.compile("[" + "".join(a for a, _ in _REPLACEMENTS) + "]")


def repair(original: str) -> Repaired:
    """Undo the source's quirks: '¿' for apostrophes/dashes, doubled spaces and punctuation, jammed sentences.

    One-to-one replacements keep offsets; only inserted and collapsed characters need the origin map.
    """
    text = original
    if _NEEDS_TRANSLATE.search(original):
        for a, b in _REPLACEMENTS:  # str.replace per character beats a dict translate on long texts
            if a in text:
                text = text.replace(a, b)
    n = len(original)
    if _INVERTED_Q in original:
        chars = list(text)
        i = original.find(_INVERTED_Q)
        while i >= 0:
            prev = original[i - 1] if i else " "
            nxt = original[i + 1] if i + 1 < n else " "
            c = "'" if prev.isalnum() and (nxt.isalpha() or nxt.isspace()) else "-"
            chars[i] = "-" if prev.isspace() and nxt.isspace() else c
            i = original.find(_INVERTED_Q, i + 1)
        text = "".join(chars)
    jammed = [m.end() for m in _JAMMED.finditer(original)]
    if jammed:
        pieces: list[str] = []
        origin: list[int] = []
        last = 0
        for j in jammed:
            pieces += (text[last:j], " ")
            origin.extend(range(last, j))
            origin.append(j)
            last = j
        pieces.append(text[last:])
        origin.extend(range(last, n))
        text = "".join(pieces)
    else:
        origin = list(range(n))
    # collapse runs of spaces and doubled list punctuation, keeping the origin map aligned
    for pattern, keep in ((_SPACES, lambda m: " "), (_DOUBLE_PUNCT, lambda m: m.group(1))):
        text, origin = _sub_keep(pattern, keep, text, origin)
    return Repaired(original, text, origin)


def _sub_keep(pattern: re.Pattern, repl, text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Regex substitution where each replacement is a prefix-equal shortening of the match."""
    parts: list[str] = []
    new_origin: list[int] = []
    last = 0
    for m in pattern.finditer(text):
        parts.append(text[last:m.start()])
        new_origin.extend(origin[last:m.start()])
        r = repl(m)
        parts.append(r)
        new_origin.extend(origin[m.start():m.start() + len(r)])
        last = m.end()
    if not parts:
        return text, origin
    parts.append(text[last:])
    new_origin.extend(origin[last:])
    return "".join(parts), new_origin
