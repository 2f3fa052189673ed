"""Sentences and clauses of repaired text, as absolute spans."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .memo import WordMemo

_LIST_NUMBER = re.compile(r"\d{1,2}[.)]\s+|[a-z][.)]\s+")  # "1. ", "12) ", "b) ", "c. "
_BULLETS = "-*•·\u2013"
_ABBREV = frozenset("dr mr mrs ms st no vs etc e.g i.e inc co jr sr u.s u.s.a approx dept div asst esp incl".split())
# sentence ends, one pattern per first character: sre scans fast for a literal first character and
# slowly for a class or an alternation; "!" and "?" are rare, so their pattern runs only when present
# a bullet (-, *, •, ·, –) starts a new item: "... Association.\n• Member of the X Committee."
_END_DOT = re.compile(r"\.(?:(?=[\"')\]]?\s+(?:[-*\u2022\u00b7\u2013]\s+)?\(?[A-Z0-9])|$)")
_END_MARK = re.compile(r"[!?](?:(?=[\"')\]]?\s+\(?[A-Z0-9])|$)")
_END_LINE = re.compile(r"\n(?:\s*\n|(?=\s*(?:\d{1,2}[.)]\s|[a-z][.)]\s|[A-Z]|[-*\u2022\u00b7\u2013]\s)))")
_SPACE_CAPITAL = re.compile(r"\s+(?=[A-Z])")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split text[start:end] into sentence spans, trimming white space and list numbers."""
    end = len(text) if end is None else end
    cuts = [start]  # a repeated cut, or one at start or end, only makes an empty span, which _trimmed drops
    for m in _END_DOT.finditer(text, start, end):  # one pass over the dots: sentence ends and list numbers
        d = m.start()
        kind = _DOT_KINDS[text[d - _LONGEST:d] if d >= _LONGEST else text[:d]]
        if kind == _END:  # the usual case: a word before the dot
            cuts.append(d + 1)
            continue
        if kind & _END:
            cuts.append(d + 1)
        if kind & _DIGIT and d > start:  # "1. Oversees ... 2. Assists ..."
            s = _list_number(text, start, end, d)
            if s is not None:
                cuts.append(s)
    cuts += [m.end() for m in _END_LINE.finditer(text, start, end)]
    if text.find("!", start, end) >= 0 or text.find("?", start, end) >= 0:
        cuts += [m.end() for m in _END_MARK.finditer(text, start, end)]
    cuts.sort()
    cuts.append(end)
    return _trimmed(text, zip(cuts, cuts[1:]), 2)


_LONGEST = max(map(len, _ABBREV)) + 1
# how far before `start` sentences() may read: the abbreviation test before a dot (list numbers look 1 back)
LOOK_BACK = _LONGEST
_END, _DIGIT = 1, 2


def _dot_kind(tail: str) -> int:
    """What the _LONGEST characters before a sentence-end dot (fewer at the text's start) make of it: _END when
    the dot ends a sentence (no abbreviation before it), | _DIGIT when a digit is right before it. The tail
    decides both: a word running through all of it is longer than any abbreviation."""
    kind = 0 if _is_abbreviation(tail, len(tail)) else _END
    return kind | _DIGIT if tail and tail[-1].isdecimal() else kind


_DOT_KINDS = WordMemo(_dot_kind)  # tails recur: "f staff", "ed, etc"


def _list_number(text: str, start: int, end: int, d: int) -> int | None:
    """Where the list number ('1. ', '12. ' after white space, before a capital) ending in the sentence-end
    dot d starts, given a digit before d: the pattern \\d\\d?\\.\\s+(?=[A-Z]) without scanning the text for
    digits (no fast scan)."""
    s = d - 2 if d - 2 >= start and text[d - 2].isdecimal() else d - 1
    if (s == 0 or text[s - 1].isspace()) and _SPACE_CAPITAL.match(text, d + 1, end):
        return s
    return None


def _is_abbreviation(text: str, dot: int) -> bool:
    if dot >= _LONGEST and text[dot - _LONGEST:dot].replace(".", "").isalpha():
        return False  # the word before the dot is longer than any abbreviation (the usual sentence end)
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot].lower()
    if word in _ABBREV:
        return True
    # single capital letters: "G.R.A.D. Program", "J. Smith"
    return len(word) == 1 and text[dot - 1].isupper()


def _trimmed(text: str, spans: Iterable[tuple[int, int]], shortest: int) -> list[tuple[int, int]]:
    """The spans without leading bullets, list numbers and white space, nor trailing white space, those still
    `shortest` characters long or more: one loop for all of a text's spans (a call per span costs ~1 % of
    extraction)."""
    out = []
    for a, b in spans:
        while a < b and (text[a].isspace() or text[a] in _BULLETS):
            a += 1
        if a < b and (text[a].isdigit() or text[a + 1:a + 2] in (")", ".")):
            m = _LIST_NUMBER.match(text, a, b)
            if m:
                a = m.end()
        while b > a and text[b - 1].isspace():
            b -= 1
        if b - a >= shortest:
            out.append((a, b))
    return out


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a sentence at semicolons (the source separates duties with them)."""
    if text.find(";", start, end) < 0:
        if start < end and not text[end - 1].isspace():  # a sentence from sentences(): trimmed already, mostly
            c = text[start]
            if not (c.isspace() or c in _BULLETS or c.isdigit()):
                return [(start, end)]
        return _trimmed(text, ((start, end),), 1)
    pieces = []
    s = start
    depth = 0
    for i in range(start, end):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c == ";" and depth == 0:
            pieces.append((s, i))
            s = i + 1
    pieces.append((s, end))
    return _trimmed(text, pieces, 1)
