"""Old and truncated descriptions: what to send back to the classification office first."""

from __future__ import annotations

import re
from datetime import date

from orgkg.graph import OrgGraph
from orgkg.ontology.schema import DESCRIBED_IN, DOCUMENT, ROLE

from .docs import doc_path
from .findings import Finding

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


def parse_date(text: str | None) -> date | None:
    """'7/2017', '07/15/2017', '2017-07', 'July 2017', '2017' -> a date (first of the month/year)."""
    if not text:
        return None
    s = str(text).strip()
    m = re.search(r"\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\b", s)
    if m:
        return _safe(int(m[1]), int(m[2]), int(m[3] or 1))
    m = re.search(r"\b(\d{1,2})/(?:(\d{1,2})/)?(\d{2}|\d{4})\b", s)
    if m:
        y = int(m[3])
        y = y + (2000 if y < 50 else 1900) if y < 100 else y
        return _safe(y, int(m[1]), int(m[2] or 1))
    m = re.search(r"\b([A-Za-z]{3})[a-z]*\.?\s+(\d{4})\b", s)
    if m and m[1].lower() in _MONTHS:
        return _safe(int(m[2]), _MONTHS[m[1].lower()], 1)
    m = re.search(r"\b(19|20)(\d{2})\b", s)
    return _safe(int(m[0]), 1, 1) if m else None


def _safe(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _locate(g: OrgGraph, doc: str, needle: str) -> dict:
    """Evidence for a header field: the line of the document that carries it, when the file is readable."""
    ev = {"doc": doc, "section": "header", "text": needle, "start": None, "end": None, "rule": "analysis.dates"}
    path = doc_path(g, doc)
    try:
        text = open(path, encoding="utf-8", errors="replace").read() if path else ""
    except OSError:
        return ev
    value = needle.split(" ", 1)[-1]
    i = text.find(value)
    if i >= 0:
        a = text.rfind("\n", 0, i) + 1
        b = text.find("\n", i)
        b = len(text) if b < 0 else b
        ev.update(text=text[a:b].strip(), start=a, end=b)
    return ev


def old(g: OrgGraph, max_age_years: float = 5, today: date | None = None) -> list[Finding]:
    """Described roles whose latest established/revised date is at least `max_age_years` before `today`."""
    today = today or date.today()
    out = []
    for n in g.nodes(ROLE):
        est, rev = n.get("established"), n.get("revised")
        dates = [d for d in (parse_date(est), parse_date(rev)) if d]
        if not dates:
            continue
        last = max(dates)
        age = (today - last).days / 365.25
        if age < max_age_years:
            continue
        doc = (n.get("documents") or [None])[0]
        field = f"revised {rev}" if rev and parse_date(rev) == last else f"established {est}"
        ev = [_locate(g, doc, field)] if doc else []
        out.append(Finding("old", n["id"], n["name"], f"last {field} — {age:.1f} years ago", ev,
                           {"established": est, "revised": rev, "last": last.isoformat(), "age_years": round(age, 1)}))
    return sorted(out, key=lambda f: (-f.data["age_years"], f.name.lower()))


def truncated(g: OrgGraph) -> list[Finding]:
    """Documents cut short or lacking sections (the loader records `truncated` and `missing`)."""
    out = []
    for d in g.nodes(DOCUMENT):
        missing = list(d.get("missing") or [])
        if not d.get("truncated") and not missing:
            continue
        what = ("truncated" if d.get("truncated") else "complete text") + (
            f"; missing: {', '.join(missing)}" if missing else "")
        roles = sorted(u for u, _, k in g.g.in_edges(d["id"], keys=True) if k == DESCRIBED_IN)
        ev = [{"doc": d["name"], "section": None, "text": what, "start": None, "end": None, "rule": "loader.sections"}]
        out.append(Finding("truncated", d["id"], d["name"], what, ev,
                           {"truncated": bool(d.get("truncated")), "missing": missing, "roles": roles}))
    return sorted(out, key=lambda f: (not f.data["truncated"], -len(f.data["missing"]), f.name))
