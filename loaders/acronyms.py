"""Acronym definitions: 'Department of Systemwide Safety and Emergency Management (DSSEM)'."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .memo import WordMemo

_WORD = re.compile(r"[A-Za-z][\w']*|&")
_WS = re.compile(r"\s+")
_DEF = re.compile(r"\(([A-Z][A-Za-z0-9&./\-]{1,14})(?:\s+\d{4})?\)")
_REVERSED = re.compile(r"\b([A-Z][A-Z&]{1,9})\s+\(([A-Za-z][^()]{4,100})\)")
_SMALL = frozenset("of and the for in on to a an at by with or &".split())


def find_acronyms(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, str, int, int]]:
    """(acronym, expansion, start, end) for each '(ACR)' whose letters match the words before it."""
    end = len(text) if end is None else end
    out = []
    for m in _DEF.finditer(text, start, end):
        acr = m.group(1)
        letters = [c for c in acr if c.isupper()]
        if len(letters) < 2 or acr.lower() == acr:
            continue
        base = max(start, m.start() - 160)
        exp = _match(_WORD.findall(text, base, m.start()), letters)  # "well-being" gives W and B
        if exp:
            # the expansion is the last len(exp) words: rebuild it from the text to keep its punctuation
            s = _words_start(text, base, m.start(), exp)
            expansion = _WS.sub(" ", text[s:m.start()].strip(" ,"))
            if expansion:
                out.append((acr, expansion, s, m.end()))
    for m in _reversed(text, start, end):  # "HVAC (heating, ventilating and air conditioning)"
        acr, exp = m.group(1), m.group(2).strip()
        words = re.findall(r"[A-Za-z][\w']*|&", exp)
        letters = [c for c in acr if c.isupper()]
        got = _match(words, letters)
        if got and got[0] == words[0]:
            out.append((acr, re.sub(r"\s+", " ", exp), m.start(), m.end()))
    return out


def _words_start(text: str, base: int, end: int, words: list[str]) -> int:
    """Where the last len(words) _WORD matches in text[base:end] (these words) start, found backwards with
    rfind instead of keeping a match object per word. The text after a match holds no ASCII letter or '&'
    up to the next match (the scan would have started one there) and no word character right after it
    (matches are greedy), so a word's last occurrence before the next match is the match itself."""
    for w in reversed(words):
        end = text.rfind(w, base, end)
    return end


def _reversed(text: str, start: int, end: int) -> Iterator[re.Match]:
    """_REVERSED's matches, searched only around each '(' that follows a capital: a scan of the
    whole page tries the pattern at every capital letter, and headers are in capitals."""
    i = text.find("(", start, end)
    while i >= 0:
        k = i
        while k > start and text[k - 1].isspace():
            k -= 1
        if k < i and k > start and (text[k - 1].isupper() or text[k - 1] == "&"):
            m = _REVERSED.search(text, max(start, k - 10), min(end, i + 103))
            if m and m.start(2) == i + 1:  # its own "(": an expansion holds no parentheses
                yield m
        i = text.find("(", i + 1, end)


def _match(words: list[str], letters: list[str]) -> list[str] | None:
    """Take words from the end whose initials spell the acronym; small words may or may not count."""
    want = tuple(c.lower() for c in letters)
    found = _spell(words, len(words) - 1, want, len(want) - 1, 0)
    if found is None:
        return None
    taken = words[found:]
    while taken and _WORDS[taken[0]][2]:
        taken = taken[1:]
    if len(taken) < 2 and len(letters) > 1 and taken and not taken[0].isupper():
        return None
    return taken or None


def _word(w: str) -> tuple[str, tuple[str, ...], bool]:
    """What _spell reads of a word: its lower-cased initial, the letters it may supply (its capitals, lower-cased,
    when all after the first are capitals, as "PGS" in "Supporting Services PGS"; else its initial) and whether
    it is a small word."""
    lw = w.lower()
    caps = tuple(c.lower() for c in w if c.isupper()) if len(w) > 1 and w[1:].upper() == w[1:] else (lw[0],)
    return lw[0], caps, lw in _SMALL


_WORDS = WordMemo(_word)  # the words before an acronym recur: "Office", "of", "Montgomery", "Public"


def _spell(words: list[str], i: int, want: tuple[str, ...], j: int, depth: int) -> int | None:
    """Index of the first word when words[..i] spell want[..j] backwards, else None."""
    if j < 0:
        return i + 1
    if i < 0 or depth > 40:
        return None
    initial, caps, small = _WORDS[words[i]]
    if small and j < len(want) - 1:  # prefer "Office of X" to "of X": small words count last
        r = _spell(words, i - 1, want, j, depth + 1)
        if r is not None:
            return r
    if len(caps) > 1 and want[max(0, j - len(caps) + 1):j + 1] == caps:
        r = _spell(words, i - 1, want, j - len(caps), depth + 1)
        if r is not None:
            return r
    if initial == want[j]:
        r = _spell(words, i - 1, want, j - 1, depth + 1)
        if r is not None:
            return r
    return None
