"""The plain definitions of loaders/segment.py's sentence splitting (one pattern for the sentence ends, one
for list numbers, a per-span trim), which tests/test_page_fast_paths.py and tests/test_fast_paths_exact.py
check segment.sentences and segment._is_abbreviation against."""

import re

from orgkg.loaders import segment


def abbreviation(text: str, dot: int) -> bool:
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot].lower()
    return word in segment._ABBREV or (len(word) == 1 and text[dot - 1].isupper())


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in "-*\u2022\u00b7"):
        a += 1
    m = re.compile(r"\d{1,2}[.)]\s+").match(text, a, b)
    if m:
        a = m.end()
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


_BOUNDARY = re.compile(r"[.!?](?=[\"')\]]?\s+(?:\(?[A-Z0-9]))|[.!?]$|\n\s*\n|\n(?=\s*(?:\d{1,2}[.)]\s|[A-Z]))")
_NUMBERED = re.compile(r"(?:^|(?<=\s))\d{1,2}\.\s+(?=[A-Z])")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The plain definition: one pattern for the sentence ends, one for list numbers, then trim."""
    cuts = {m.end() for m in _BOUNDARY.finditer(text, start, end)
            if not (m.group(0) == "." and abbreviation(text, m.start()))}
    cuts.update(m.start() for m in _NUMBERED.finditer(text, start, end))
    bounds = [start, *sorted(cuts - {start, end}), end]
    return [(a, b) for a, b in (trim(text, a, b) for a, b in zip(bounds, bounds[1:])) if b - a > 1]


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The plain definition: cut at semicolons outside parentheses, trim every piece, keep the non-empty."""
    cuts, depth = [], 0
    for i in range(start, end):
        c = text[i]
        depth = depth + 1 if c == "(" else max(0, depth - 1) if c == ")" else depth
        if c == ";" and depth == 0:
            cuts.append(i)
    bounds = [start - 1, *cuts, end]
    return [(a, b) for a, b in (trim(text, p + 1, q) for p, q in zip(bounds, bounds[1:])) if b > a]
