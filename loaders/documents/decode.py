"""Bytes to text: UTF-8 when the bytes are UTF-8, a byte-order mark's encoding, else a detected one.

Descriptions exported from Windows tools arrive as UTF-16 with a BOM or as Windows-1252; older ones as
Latin-1. Anything not read exactly as written says so in a warning starting "encoding: ", so a user knows
the text was guessed (a wrong guess shows up as odd letters in names, not as a silent difference).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_CONTROL_BYTES = bytes([*range(9), *range(14, 32), 127])
# charset-normalizer's names for encodings whose letters are the Western European ones: for those, cp1252
# (a superset of Latin-1's printable range) is what Windows tools wrote; other guesses are taken as given
_WESTERN = frozenset({"ascii", "cp1252", "latin_1", "iso8859_15", "iso8859_1", "cp1250", "iso8859_2", "mac_roman",
                      "cp850", "cp437", "cp858", "mac_latin2", "iso8859_9", "cp1254", "iso8859_3", "iso8859_4",
                      "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_16", "cp1257", "utf_8"})
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_WESTERN_MARKS = frozenset("\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2022\u2026\u2020\u2021\u2030\u20ac\u00a0"
                           "\u00a1\u00a2\u00a3\u00a7\u00a9\u00ab\u00ae\u00b0\u00b1\u00b2\u00b3\u00b7\u00bb\u00bc\u00bd"
                           "\u00be\u00bf\u2122\u00b4\u00a8\u00af\u00b8\u00b5\u00b6\u00a6\u00a4\u00a5\u00ac")


def decode_text(data: bytes, path: Path | str) -> tuple[str, bytes | None, list[str]]:
    """(text, the bytes when they are the text's UTF-8 encoding, warnings); InputError for empty or binary.

    >>> decode_text("café".encode("cp1252"), "a.txt")[2]
    ['encoding: not valid UTF-8; read as cp1252 (guessed)']
    """
    if not data or data.isspace():
        raise InputError(f"{path}: empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                text = body.decode(enc)
            except UnicodeDecodeError:
                return body.decode(enc, errors="replace"), None, [f"encoding: invalid {enc} after its byte-order "
                                                                  "mark; bad characters replaced"]
            if not text.strip():
                raise InputError(f"{path}: empty file")
            return text, (body if enc == "utf-8" else None), []
    sample = data[:8192]
    if b"\x00" in sample:
        return _utf16_without_bom(data, path)
    if _control_ratio(sample) > 0.05:
        raise InputError(f"{path}: binary file, not text")
    try:
        return data.decode("utf-8"), data, []  # strict UTF-8 decodes only what encodes back to the same bytes
    except UnicodeDecodeError:
        pass
    enc = _guess(data)
    text = data.decode(enc, errors="replace")
    return text, None, [f"encoding: not valid UTF-8; read as {enc} (guessed)"]


def _guess(data: bytes) -> str:
    """The encoding of bytes that are not UTF-8: cp1252 (what Windows tools write; Latin-1 text reads the same)
    when its reading gives letters and common punctuation, else charset-normalizer's best guess. Detectors
    misjudge short Western text (a lone "é" in a page), so they only decide what cp1252 cannot read."""
    if not _CP1252_UNDEFINED.intersection(data):
        text = data.decode("cp1252")
        high = [c for c in text if ord(c) > 127]
        odd = [c for c in high if not (c.isalpha() or c in _WESTERN_MARKS)]
        # Western text has a few accented letters among plain ones; other scripts read as cp1252 are nearly all
        if not odd and len(high) <= 0.3 * sum(c.isalpha() for c in text):
            return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    enc = best.encoding if best is not None else None
    if enc is None or enc in _WESTERN:
        return "latin-1" if _CP1252_UNDEFINED.intersection(data) else "cp1252"
    return enc


def _utf16_without_bom(data: bytes, path: Path | str) -> tuple[str, bytes | None, list[str]]:
    """NUL bytes: UTF-16 (or 32) without a byte-order mark, if that reads as text; otherwise a binary file."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    enc = best.encoding if best is not None else ""
    if enc.startswith(("utf_16", "utf_32")):
        text = data.decode(enc, errors="replace")
        if text.strip() and _control_ratio(text[:4096].encode("utf-8", "replace")) <= 0.05:
            return text, None, [f"encoding: no byte-order mark; read as {enc.replace('_', '-')} (guessed)"]
    raise InputError(f"{path}: binary file, not text")


def _control_ratio(sample: bytes) -> float:
    bad = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bad / max(1, len(sample))
