"""The described role's header values (code, grade, months, overtime, official title) from labelled fields.

Each reader takes the field values by key (see `labels.FIELD_LABELS`) and returns a value or None: a page that
does not state a value leaves it None rather than guessed. Prose is read only for statements a reader would
take as a header fact ("12-month administrative position", "Exempt from overtime under the FLSA").
"""

from __future__ import annotations

import re

from .titles import FEDERAL_GRADE, role_like

_CODE_IN_VALUE = re.compile(r"\(?\b(?:class|job|role|grade)\s+code:?\s*([A-Z0-9][\w\-]*)\)?", re.IGNORECASE)
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-/.]*")
_MONTHS = re.compile(r"\b(\d{1,2})(?:[- ]|\s*)months?\b", re.IGNORECASE)
_MONTH_PROSE = re.compile(r"\b(\d{1,2})-month\s+(?:[\w/\-]+\s+){0,2}?(?:position|appointment|assignment|work year|"
                          r"employee|schedule|role|contract|calendar)\b", re.IGNORECASE)
_NON_EXEMPT = re.compile(r"\bnon[- ]?exempt\b|\bnot exempt\b|\b(?:overtime[- ]eligible|eligible for overtime)\b",
                         re.IGNORECASE)
_EXEMPT = re.compile(r"\bexempt\b|\bnot eligible for overtime\b", re.IGNORECASE)
_FLSA_LINE = re.compile(r"^[^\n]*\b(?:flsa|overtime)\b[^\n]*$|^\s*(?:non[- ]?)?exempt\b[^\n]{0,60}$",
                        re.IGNORECASE | re.MULTILINE)
_GROUP_LEVEL = re.compile(r"^[A-Z]{1,4}[- ]?\d{1,2}$")  # a group and level: "EC-05", "AS 02"
_GRADE_LIKE = re.compile(r"\b(?:band|grade|level|scale|step|range)\b", re.IGNORECASE)
_NOT_TITLE = re.compile(r"\b(?:full[- ]time|part[- ]time|exempt|band|grade|level|scale|permanent|temporary)\b",
                        re.IGNORECASE)


def code_of(fields: dict[str, str]) -> str | None:
    """A labelled class/job/role code; also "(Class Code 10541)" inside a title value.

    >>> code_of({"official": "Administrative Services Manager I (Class Code 10541)"})
    '10541'
    """
    if fields.get("code"):
        m = _CODE.match(fields["code"].strip())
        return m.group(0).rstrip(".") if m else None
    for key in ("official", "title", "classification"):
        m = _CODE_IN_VALUE.search(fields.get(key) or "")
        if m:
            return m.group(1)
    return None


def strip_code(value: str) -> str:
    """'Manager I (Class Code 10541)' -> 'Manager I'."""
    return _CODE_IN_VALUE.sub("", value).strip(" ,;")


def grade_of(fields: dict[str, str]) -> str | None:
    """A labelled grade, band or level (not a salary); a federal 'GS-1640-12' gives '12'.

    >>> grade_of({"grade": "GS-1640-12"}), grade_of({"grade": "$45,000 - $52,000"})
    ('12', None)
    """
    for key in ("grade", "classification"):
        v = _MONEY_NOTE.sub("", fields.get(key) or "").strip()  # "Grade 8 (\u00a345,585 - \u00a354,395)"
        if key == "classification" and _classification(fields)[1]:
            v = _classification(fields)[1]
        if not v or re.search(r"[$\u00a3\u20ac]|\bper (?:hour|year|annum)\b", v):
            continue
        if key == "classification" and not (_GRADE_LIKE.search(v) or _GROUP_LEVEL.match(v)):
            continue
        m = FEDERAL_GRADE.search(v)
        return m.group(1) if m else v
    return None


_MONEY_NOTE = re.compile(r"\s*\([^()]*[$\u00a3\u20ac][^()]*\)")  # a salary in parentheses after a grade
_GRADE_TAIL = re.compile(r",\s*((?:range|grade|band|level|scale|step)\b.*)$", re.IGNORECASE)


def _classification(fields: dict[str, str]) -> tuple[str, str | None]:
    """A classification value split into its title and a grade it ends with: 'Administrator, Range 14'."""
    v = (fields.get("classification") or "").strip()
    m = _GRADE_TAIL.search(v)
    head = v[:m.start()].strip() if m else ""
    return (head, m.group(1)) if head and not _GRADE_LIKE.search(head) else (v, None)


def official_of(fields: dict[str, str]) -> str | None:
    """A labelled official / class title; a 'Classification:' value only when it reads as a title
    ("Revenue Agent 4", not "Band 6, Level A", "Full-time, exempt" or "Certificated Management")."""
    if fields.get("official"):
        return strip_code(fields["official"]) or None
    v = _classification(fields)[0]
    if v and not _NOT_TITLE.search(v) and role_like(v) and len(v.split()) <= 8:
        return strip_code(v)
    return None


def months_of(fields: dict[str, str], text: str) -> int | None:
    """Months of the work year: a labelled work year, a '12-month' status, or '12-month ... position' in prose."""
    for key in ("months", "status"):
        v = fields.get(key) or ""
        m = _MONTHS.search(v) or (re.fullmatch(r"\s*(\d{1,2})\s*", v) if key == "months" else None)
        if m and 1 <= int(m.group(1)) <= 12:
            return int(m.group(1))
    m = _MONTH_PROSE.search(text)
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 12 else None


def overtime_of(fields: dict[str, str], text: str) -> bool | None:
    """FLSA non-exempt or overtime eligible -> True, exempt -> False; from the FLSA field, a status field,
    or a line that speaks of the FLSA or overtime.

    >>> overtime_of({"flsa": "Non-Exempt"}, ""), overtime_of({}, "Exempt from overtime under the FLSA.")
    (True, False)
    """
    v = (fields.get("flsa") or "").strip().lower()
    if v:
        if _NON_EXEMPT.search(v) or v.startswith(("yes", "eligible")):
            return True
        if _EXEMPT.search(v) or v.startswith(("no", "not eligible")):
            return False
    for key in ("status", "classification"):
        v = fields.get(key) or ""
        if _NON_EXEMPT.search(v):
            return True
        if _EXEMPT.search(v):
            return False
    for m in _FLSA_LINE.finditer(text):
        line = m.group(0)
        if _NON_EXEMPT.search(line):
            return True
        if _EXEMPT.search(line):
            return False
    return None
