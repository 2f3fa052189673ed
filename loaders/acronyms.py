"""Acronym definitions: 'Department of Systemwide Safety and Emergency Management (DSSEM)'."""

from __future__ import annotations

import re

_DEF = re.compile(r"\(([A-Z][A-Za-z0-9&./\-]{1,14})\)")
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
        before = text[max(start, m.start() - 160):m.start()].rstrip()
        words = re.findall(r"[A-Za-z][\w']*|&", before)  # "well-being" gives W and B
        exp = _match(words, letters)
        if exp:
            phrase_start = before.rfind(exp[0])
            # rebuild the expansion from the text so spacing and punctuation are kept
            s = max(start, m.start() - 160) + _locate(before, exp)
            expansion = re.sub(r"\s+", " ", text[s:m.start()].strip(" ,"))
            if phrase_start >= 0 and expansion:
                out.append((acr, expansion, s, m.end()))
    return out


def _locate(before: str, exp_words: list[str]) -> int:
    """Index in `before` where the expansion's first word starts (searching from the end)."""
    pattern = r"\W+".join(re.escape(w) for w in exp_words)
    last = None
    for m in re.finditer(pattern, before):
        last = m
    return last.start() if last else 0


def _match(words: list[str], letters: list[str]) -> list[str] | None:
    """Take words from the end whose initials spell the acronym, skipping small words."""
    want = [c.lower() for c in letters]
    i = len(words) - 1
    j = len(want) - 1
    taken: list[str] = []
    while i >= 0 and j >= 0:
        w = words[i]
        lw = w.lower()
        if lw in _SMALL and taken:
            taken.append(w)
            i -= 1
            continue
        # a word may supply several letters: "PGS" <- "Professional Growth System(s)"; "SSPGS" <- "Supporting Services PGS"
        caps = [c.lower() for c in w if c.isupper()] if len(w) > 1 and w[1:].upper() == w[1:] else [lw[0]]
        if len(caps) > 1 and want[max(0, j - len(caps) + 1):j + 1] == caps:
            j -= len(caps)
        elif lw[0] == want[j]:
            j -= 1
        else:
            return None
        taken.append(w)
        i -= 1
    if j >= 0 or not taken:
        return None
    while taken and taken[-1].lower() in _SMALL:
        taken.pop()
    taken.reverse()
    if len(taken) < 2 and len(letters) > 1 and taken and not taken[0].isupper():
        return None
    return taken
