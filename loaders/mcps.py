"""Loader for Montgomery County Public Schools class descriptions.

Header fields, the labelled sections and the footer dates; truncated pages
(no header, cut mid-sentence) give what they have and say what is missing.
"""

from __future__ import annotations

import re

from .model import Extraction
from .profiles.mcps import HEADER_FIELDS, MARKERS, SECTIONS, UPPER_WORDS
from .text import Repaired

NAME = "mcps"

_OFFICIAL = re.compile(r"OFFICIAL TITLE:\s*(?P<official>.*?)\s+CODE:\s*(?P<code>\S+)(?:\s+SQ/OQ:\s*(?P<sq>[^\n]*))?")
_WORKING = re.compile(r"WORKING TITLE:\s*(?P<working>.*?)\s+GRADE:\s*(?P<grade>\S+)(?:\s+MONTHS:\s*(?P<months>\d+))?")
_OVERTIME = re.compile(r"OVERTIME ELIGIBLE:\s*(Yes|No)\b", re.IGNORECASE)
_BREADCRUMB = re.compile(r"CLASSIFICATION\s*(?:→|->|>)\s*([^\n]+)")
_NAV = re.compile(r"Sorted by job title:[^\n]*\n")
_DATES = {
    "established": re.compile(r"Class Established:[ \t]*([0-9/.\-]+)?"),
    "revised": re.compile(r"Date\(s\) Revised:[ \t]*([0-9/.\-, ]+)?"),
    "reviewed": re.compile(r"Last Reviewed:[ \t]*([0-9/.\-, ]+)?"),
}
_FOOTER = re.compile(r"Class Established:|This description may be changed")
_SECTIONS_ANY_CASE = re.compile("|".join(f"(?P<{s.key}>{re.escape(s.label)}):?" for s in SECTIONS), re.IGNORECASE)
_LABELS = tuple((s.label, len(s.label), s.key) for s in SECTIONS)


def detect(text: str) -> float:
    """0.4 per profile marker in the first 6,000 characters, at most 1.0."""
    head = text[:6000]
    return min(1.0, 0.4 * sum(m in head for m in MARKERS))


def load(ex: Extraction, rep: Repaired) -> list[tuple[str | None, int, int]]:
    """Fill header fields and dates of `ex`; return the section spans of the repaired text."""
    t = rep.text
    role: dict = {"working_title": None, "official_title": None, "code": None, "grade": None,
                  "months": None, "overtime_eligible": None, "sq_oq": None, "title_source": None}
    m = _OFFICIAL.search(t)
    if m:
        role["official_title"] = m.group("official").strip()
        role["code"] = m.group("code").strip()
        role["sq_oq"] = (m.group("sq") or "").strip() or None
    m = _WORKING.search(t)
    if m:
        role["working_title"] = m.group("working").strip()
        role["grade"] = m.group("grade").strip()
        role["months"] = int(m.group("months")) if m.group("months") else None
        role["title_source"] = "header"
    m = _OVERTIME.search(t)
    if m:
        role["overtime_eligible"] = m.group(1).lower() == "yes"
    if not role["working_title"]:
        m = _BREADCRUMB.search(t)
        if m:
            role["working_title"] = _title_case(m.group(1).strip())
            role["title_source"] = "breadcrumb"
    ex.role = role
    for k, rx in _DATES.items():
        dm = rx.search(t)
        ex.dates[k] = (dm.group(1) or "").strip() or None if dm else None
    fm = _FOOTER.search(t)
    footer = fm.start() if fm else None
    spans = _sections(t, footer)
    present = {k for k, _, _ in spans}
    ex.missing = [s.key for s in SECTIONS if s.key not in present and s.key != "qualifications"]
    ex.missing += [f for f in HEADER_FIELDS if role[f] is None]
    ex.truncated = footer is None
    ex.sections = {k: rep.span(a, b) for k, a, b in spans}
    return spans


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
        elif re.fullmatch(r"\(?[a-z]{2,6}\)?", w) and w.strip("()") in UPPER_WORDS:
            out.append(w.upper())
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
    return " ".join(out)
