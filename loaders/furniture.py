"""Page furniture inside a job description's sections: what a saved web page or a PDF's text adds around the
description, and the cells of a flattened table.

A PDF repeats its running header and footer on every page ("Jefferson County Class Specification   Page 2 of
3", the organisation's address); a saved job-board page ends with "Apply", "Similar Jobs", the agency's
address, form fields ("First Name *"), "Powered by ...", "(c) 2024 ...". Read as part of the last section, they
become competencies ("Privacy Policy", "Page 2 of 2") or relation targets. `tidy` cuts them out of the section
spans; `cells` splits a flattened table row ("Qualifications   Degree in X   Lead auditor qualification") into
its cells, leaving out the row's category and the table's header. The vocabularies are data.
"""

from __future__ import annotations

import re
from collections import Counter

from .titles import _PIPES, NAV_WORDS, is_menu

# a line after which the rest of the section is the page's, not the description's
_END_OF_POSTING = re.compile(
    r"^(?:apply(?:\s+now|\s+online|\s+for\s+this\s+(?:job|position|role))?(?:\s+online)?\s*\W?"
    r"|(?:find\s+)?(?:similar|related)\s+jobs(?:\s*\(\d+\)|:)?|follow\s+us|connect\s+with\s+us!?|send\s+to\s+a\s+friend"
    r"|save\s+this\s+job|share\s+on\s+\w+(?:\s+\w+)?"
    r"|share\s+this\s+(?:job|page)|print\s+job\s+information\b.*|powered\s+by\b.*|(?:\u00a9|\(c\)|copyright\b).*"
    r"|.*\ball\s+rights\s+reserved\b.*|privacy(?:\s+policy\b.*)?|terms\s+of\s+use\b.*|agency|address|website"
    r"|back\s+to\s+(?:top|search(?:\s+results)?|results|jobs|job\s+search)|view\s+all\s+jobs|[\w /'-]{1,40}\s\*)$",
    re.IGNORECASE)
# a postal address: a state and ZIP code ("Fenwick, IA 50201"), a UK postcode ("Leeds LS1 4AP")
_ADDRESS = re.compile(r"(?:,\s*|\s)(?:[A-Z]{2}|[A-Z][a-z]+)\s+\d{5}(?:-\d{4})?\b|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b")
# a line that is furniture wherever it stands: a page number, a page count
_PAGE_LINE = re.compile(r"^\s*(?:page\s*)?\d{1,3}\s*$|\bpage\s+\d+\s+of\s+\d+\b", re.IGNORECASE)
_SENTENCE = re.compile(r"^[^\n]*(?:\w+[ ,]+){5}[^\n]*[.!?][ \t]*$", re.MULTILINE)  # a line of prose, six words or more
_CELL_SEP = re.compile(r"[ \t]{2,}|\t")
# a flattened table's header words and row categories: not competencies
_TABLE_WORDS = frozenset("""
criteria criterion essential desirable required preferred assessed by method of assessment how identified
qualifications qualification experience skills skill knowledge abilities ability education training and other
personal qualities attributes requirements requirement competencies competency area a i t r application interview
test reference af p
""".split())


def _nav_row(line: str) -> bool:
    """A footer row of three or more pieces between pipes, one of them only navigation words: 'Fairhaven County
    | 200 Court Street | Fairhaven, OR | Privacy', 'Apply Online | Send to a friend | Save this job'."""
    pieces = [p for p in _PIPES.split(line) if p.strip()]
    return len(pieces) >= 3 and any(all(w.strip(".,:!").lower() in NAV_WORDS for w in p.split()) for p in pieces)


def repeated_lines(text: str) -> frozenset[str]:
    """Lines a PDF repeats as its running header or footer: the same words (digits aside) at least twice, long
    enough to be more than a word, and no sentence."""
    counts = Counter(_key(ln) for ln in text.split("\n") if len(ln.strip()) >= 12 and not ln.rstrip().endswith("."))
    return frozenset(k for k, n in counts.items() if n >= 2)


def _key(line: str) -> str:
    return re.sub(r"\d+", "0", " ".join(line.split()).lower())


def tidy(text: str, start: int, end: int, repeated: frozenset[str],
         skip: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """The spans of text[start:end] (one section) without page furniture: running headers and footers, page
    numbers and postal addresses are left out, and so is a line that ends the posting ("Apply", "Similar
    Jobs", a menu, a copyright line); when no line of prose follows it in the section, the section ends there.

    >>> t = "Skills\\nAbility to lift 50 lb.\\nPage 1 of 2\\nValid license.\\nApply now\\nSimilar Jobs\\n"
    >>> [t[a:b] for a, b in tidy(t, 7, len(t), frozenset())]
    ['Ability to lift 50 lb.\\n', 'Valid license.\\n']
    """
    out: list[tuple[int, int]] = []
    s = start
    pos = start
    for line in text[start:end].split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        stripped = line.strip()
        if not stripped:
            continue
        ends = _END_OF_POSTING.match(stripped) or _nav_row(stripped) or is_menu(stripped, spaced=False) \
            and not re.search(r"[.!?;]\s", stripped)
        address = _ADDRESS.search(stripped) and len(stripped.split()) <= 15 and not stripped.endswith(".")
        if ends and not _SENTENCE.search(text, pos, end):
            end = a
            break
        if ends or address or a in skip or _PAGE_LINE.search(stripped) or _key(line) in repeated:
            if a > s:
                out.append((s, a))
            s = min(pos, end)
    if end > s:
        out.append((s, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of text[start:end] with each row of a flattened table ("Skills    Ability to X    Fluency in
    Welsh") cut into its cells, a row's category and the table's header row left out; other lines stay whole.

    >>> t = "Criteria    Essential    Desirable\\nSkills    Ability to write reports    Fluency in Welsh\\n"
    >>> [t[a:b] for a, b in cells(t, 0, len(t))]
    ['Ability to write reports', 'Fluency in Welsh']
    """
    out: list[tuple[int, int]] = []
    pos = start
    run = None  # the start of the lines of running text before this line
    for line in text[start:end].split("\n"):
        a = pos
        pos += len(line) + 1
        if not _CELL_SEP.search(line.strip()):
            run = a if run is None else run
            continue
        if run is not None:
            out.append((run, a))
            run = None
        for m in re.finditer(r"\S(?:.*?\S)?(?=[ \t]{2,}|\t|$)", line):
            words = set(re.findall(r"[a-z]+", m.group(0).lower()))
            if words and not words <= _TABLE_WORDS:
                out.append((a + m.start(), a + m.end()))
    if run is not None:
        out.append((run, end))
    return [(a, b) for a, b in out if b > a and text[a:b].strip()]
