"""Loader for Montgomery County Public Schools class descriptions.

Header fields, the labelled sections and the footer dates; truncated pages
(no header, cut mid-sentence) give what they have and say what is missing.
"""

from __future__ import annotations

import re

from orgkg.ontology.schema import HEADER_FIELDS, SECTIONS

from .model import Extraction
from .text import Repaired

NAME = "mcps"

_OFFICIAL = re.compile(r"OFFICIAL TITLE:\s*(?P<official>.*?)\s+CODE:\s*(?P<code>\S+)(?:\s+SQ/OQ:\s*(?P<sq>[^\n]*))?")
_WORKING = re.compile(r"WORKING TITLE:\s*(?P<working>.*?)\s+GRADE:\s*(?P<grade>\S+)(?:\s+MONTHS:\s*(?P<months>\d+))?")
_OVERTIME = re.compile(r"OVERTIME ELIGIBLE:\s*(Yes|No)\b", re.IGNORECASE)
_BREADCRUMB = re.compile(r"CLASSIFICATION\s*(?:→|->|>)\s*([^\n]+)")
_NAV = re.compile(r"Sorted by job title:[^\n]*\n")
# each pattern is its label and optional parts: it matches where the label first occurs, which a plain find
# locates several times faster than sre's scan for the literal prefix
_DATES = {
    "established": ("Class Established:", re.compile(r"Class Established:[ \t]*([0-9/.\-]+)?")),
    "revised": ("Date(s) Revised:", re.compile(r"Date\(s\) Revised:[ \t]*([0-9/.\-, ]+)?")),
    "reviewed": ("Last Reviewed:", re.compile(r"Last Reviewed:[ \t]*([0-9/.\-, ]+)?")),
}
_FOOTERS = ("Class Established:", "This description may be changed")
assert _FOOTERS[0] == _DATES["established"][0]  # _footer takes where the first is from the date's match
_SECTIONS_ANY_CASE = re.compile("|".join(f"(?P<{s.key}>{re.escape(s.label)}):?" for s in SECTIONS), re.IGNORECASE)
_LABELS = tuple((s.label, len(s.label), s.key) for s in SECTIONS)
_MARKERS = ("CLASS DESCRIPTION", "OFFICIAL TITLE:", "SUMMARY DESCRIPTION OF CLASSIFICATION",
            "EXAMPLES OF DUTIES AND RESPONSIBILITIES", "CLASSIFICATION →", "Sorted by job title:")


_SCORES = (0, 0.4, 0.8)  # what min(1.0, 0.4 * markers) adds up to for fewer than three markers


def detect(text: str) -> float:
    """0.4 per marker in the first 6,000 characters, at most 1.0: the third marker found settles it, and
    MCPS pages have their first three early, so the later ones are not looked for."""
    hits = 0
    for m in _MARKERS:
        if text.find(m, 0, 6000) >= 0:  # `m in text[:6000]` without copying the head
            hits += 1
            if hits == 3:
                return 1.0
    return _SCORES[hits]


def load(ex: Extraction, rep: Repaired) -> list[tuple[str | None, int, int]]:
    """Fill header fields and dates of `ex`; return the section spans of the repaired text."""
    t = rep.text
    role: dict = {"working_title": None, "official_title": None, "code": None, "grade": None,
                  "months": None, "overtime_eligible": None, "sq_oq": None, "title_source": None}
    m = _search_from_label(_OFFICIAL, "OFFICIAL TITLE:", t)
    if m:
        role["official_title"] = m.group("official").strip()
        role["code"] = m.group("code").strip()
        role["sq_oq"] = (m.group("sq") or "").strip() or None
    m = _search_from_label(_WORKING, "WORKING TITLE:", t)
    if m:
        role["working_title"] = m.group("working").strip()
        role["grade"] = m.group("grade").strip()
        role["months"] = int(m.group("months")) if m.group("months") else None
        role["title_source"] = "header"
    m = _overtime(t)
    if m:
        role["overtime_eligible"] = m.group(1).lower() == "yes"
    if not role["working_title"]:
        m = _BREADCRUMB.search(t)
        if m:
            role["working_title"] = _title_case(m.group(1).strip())
            role["title_source"] = "breadcrumb"
    ex.role = role
    established = None
    for k, (label, rx) in _DATES.items():
        dm = _search_from_label(rx, label, t)
        ex.dates[k] = (dm.group(1) or "").strip() or None if dm else None
        if k == "established":
            established = dm
    footer = _footer(t, established)
    spans = _sections(t, footer)
    present = {k for k, _, _ in spans}
    ex.missing = [s.key for s in SECTIONS if s.key not in present and s.key != "qualifications"]
    ex.missing += [f for f in HEADER_FIELDS if role[f] is None]
    ex.truncated = footer is None
    # most pages: nothing inserted or removed, so a span maps to itself (an empty one to its start)
    ex.sections = {k: (a, b if b > a else a) for k, a, b in spans} if not rep.steps else {k: rep.span(a, b) for k, a, b in spans}
    return spans


def _search_from_label(rx: re.Pattern, label: str, t: str) -> re.Match | None:
    """rx.search(t) for a pattern that starts with `label`: tried only where a plain find puts the label,
    as sre scans for a literal prefix one character at a time."""
    i = t.find(label)
    while i >= 0:
        m = rx.match(t, i)
        if m:
            return m
        i = t.find(label, i + 1)
    return None


def _footer(t: str, established: re.Match | None) -> int | None:
    """Where the footer starts; plain finds, as a two-way alternation regex would try every position. Its
    first label is the established date's, whose pattern matches wherever the label is: `established` (that
    date's match) tells where the label first is without a second scan of the page."""
    i = established.start() if established else -1
    j = t.find(_FOOTERS[1])
    found = [k for k in (i, j) if k >= 0]
    return min(found) if found else None


# the colon of "overtime eligible:" in any case: a literal first character gives sre a fast scan, and the
# look-behind, under the same IGNORECASE as _OVERTIME, rejects most colons at their first letter
_OVERTIME_COLON = re.compile(r":(?<=(?i:overtime eligible):)")


def _overtime(t: str) -> re.Match | None:
    """_OVERTIME's first match. An IGNORECASE pattern has no fast scan, so try it only where its label
    ends in a colon (every match starts with "overtime eligible:")."""
    n = len("overtime eligible")
    for c in _OVERTIME_COLON.finditer(t):
        m = _OVERTIME.match(t, c.start() - n)
        if m:
            return m
    return None


def _sections(t: str, footer: int | None) -> list[tuple[str | None, int, int]]:
    hits = []
    for label, n, key in _LABELS:  # plain finds: far cheaper than one nine-way alternation over the page
        i = t.find(label)
        while i >= 0:
            e = i + n
            hits.append((i, e + t.startswith(":", e), key))
            i = t.find(label, e)
    hits.sort()
    if not hits:  # the source prints labels in capitals; other copies may not
        hits = [(m.start(), m.end(), m.lastgroup) for m in _SECTIONS_ANY_CASE.finditer(t)]
    stop = footer if footer is not None else len(t)
    out = []
    key = None  # the label before this one, whose section this one ends (None: none, or one not kept)
    end = 0
    for s, e, k in hits:
        if key is not None:
            c = s if s < stop else stop
            out.append((key, end, c if c > end else end))  # empty: a label right after another ("REQUIREMENTS: SUMMARY")
            key = None
        if s >= stop:
            break
        if k != "qualifications":
            key, end = k, e
    if key is not None:
        out.append((key, end, stop if stop > end else end))
    if not hits:
        # no labels at all: the whole page after its navigation lines is body text
        body = _NAV.search(t)
        out.append((None, body.end() if body else 0, stop))
    elif hits[0][0] > 0:
        nav = _NAV.search(t, 0, hits[0][0])  # the text before the first label
        if nav is None and t.find("TITLE:", 0, hits[0][0]) < 0:
            out.insert(0, (None, 0, hits[0][0]))
    return out


_SMALL = frozenset("of and the for in on to a an at by with or".split())


def _title_case(s: str) -> str:
    words = s.lower().split()
    out = []
    for i, w in enumerate(words):
        if i and w in _SMALL:
            out.append(w)
        elif re.fullmatch(r"\(?[a-z]{2,6}\)?", w) and w.strip("()") in ("pgs", "mcps", "eld", "esol", "it", "hvac"):
            out.append(w.upper())
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
    return " ".join(out)
