"""The title a reader sees on a job description, and how sure the reading is.

A page may open with site navigation, breadcrumbs, the employer's name, a document-type heading ("Job
Description"), salary or schedule lines; the title sits among them, behind a label, or in a heading such as
"Position Description - Wildlife Biologist, GS-0486-11". `find_title` takes a labelled title first, then the
first head line that reads as a job title, then a hiring sentence ("We're hiring our first Head of X"), and
says how sure it is (`confidence`, 0..1): callers warn below `LOW`. The word lists here are data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import ROLE_HEADS, UNIT_HEADS

LOW = 0.5  # below this a caller warns that the title may be wrong

NAV_WORDS = frozenset("""
skip main content print this page apply now save share sign in log out search jobs job back to results home menu
careers career help translate openings details my applications benefits working at login register open roles
view all email facebook twitter linkedin close cookies accept font size a+ a- listen contact us about full sitemap
""".split())
# a breadcrumb or a menu: separators between short items
_CRUMB = re.compile(r"\u203a|\u00bb|\s>\s|\s/\s.*\s/\s|^\s*\u2190")
_NAV_PHRASE = re.compile(r"\b(?:skip to (?:main )?content|print this page|back to (?:results|search|jobs)|sign in|log ?in"
                         r"|apply now|job details|an official website)\b", re.IGNORECASE)
_DOC_TYPE = re.compile(
    r"^(?:[\w&/()\-]+\s+){0,3}(?:job|position|class|classification|role|post|staff position|classified job)\s+"
    r"(?:description|specification|profile|questionnaire|cover sheet|advert|announcement|plan|summary)s?\b"
    r"|^(?:description de poste|job advert|vacancy|employee work profile)\b|classification plan", re.IGNORECASE)
_META = re.compile(r"[$\u00a3\u20ac]|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:full[- ]time|part[- ]time|remote|hybrid|permanent"
                   r"|posted|salary|per hour|/hr|/yr|fte|applicants|closing|page \d+ of \d+)\b", re.IGNORECASE)
ORG_WORDS = frozenset("""
county city town village state commonwealth university college schools school district nhs trust council hospital
hospitals health healthcare department ministry agency bureau inc inc. llc ltd ltd. corporation company international
foundation bank partners collaborative association government campus center centre institute authority network
services brands logistics group clinic society federation organisation organization service national federal
regional museum library
""".split())
# titles end in a role noun, often one of these agent suffixes ("Biologist", "Dispatcher", "Physiotherapist")
_AGENT = re.compile(r"(?:ist|er|or|ian|ant|ee|ive|ar|wright|smith|man|woman|person)s?$")
_LEVEL = re.compile(r"^(?:[ivx]+|\d{1,2}|[a-d])$")
_SUFFIXES = (re.compile(r"\s*\|\s*[^|]+$"),  # "Senior Accountant | Acme Corp"
             re.compile(r"\s*[-\u2013\u2014:]?\s*\b(?:job description|position description|job posting|careers?)$", re.I),
             re.compile(r"\s*\((?:#|no\.?\s*|job id:?\s*|req(?:uisition)?\.?\s*#?:?\s*)[\w\-]+\)$", re.IGNORECASE),
             re.compile(r"\s*(?:#|job id:?\s*)\d[\w\-]*$", re.IGNORECASE))
_CLASS_NUMBER = re.compile(r"^\d{3,6}\s*[-\u2013:.]?\s+(?=[A-Za-z])")  # "1027 Accountant I"
FEDERAL_GRADE = re.compile(r"\b(?:GS|GM|GG|WG|WS|WL|ES)[- ]?\d{3,4}[- ](\d{1,2})\b")
_GRADE_SUFFIX = re.compile(r",?\s*\b(?:GS|GM|GG|WG|WS|WL)[- ]?\d{3,4}[- ]\d{1,2}\s*$")
_HEADED = re.compile(r"^(?:job|position|role|class|post)\s+(?:description|profile|specification|title|advert)\s*"
                     r"(?::|\s[\u2014\u2013-])\s*(.+)$", re.IGNORECASE)
_HIRING = re.compile(r"\b(?i:we(?:'|\u2019)re|we are|is)\s+(?:hiring|looking for|seeking|recruiting)\s+"
                     r"(?i:an?|our(?:\s+(?:first|next|new))?|the)\s+(?:(?i:experienced|talented|motivated|new)\s+)?"
                     r"([A-Z][\w&'\u2019\-]*(?:[ ,]+(?:of|and|for|the|[A-Z&][\w&'\u2019\-]*))*)")


@dataclass
class Title:
    text: str | None
    source: str  # "field", "heading", "first line", "hiring sentence", "file name", "none"
    confidence: float
    grade: str | None = None  # a federal grade the heading carried ("Wildlife Biologist, GS-0486-11")


def clean(title: str) -> tuple[str, str | None]:
    """The title without page furniture around it, and a federal grade found at its end.

    >>> clean("1027 Senior Accountant | Acme Corp")
    ('Senior Accountant', None)
    >>> clean("Wildlife Biologist, GS-0486-11")
    ('Wildlife Biologist', '11')
    """
    t = title.strip(" \t#*:")
    grade = None
    g = _GRADE_SUFFIX.search(t)
    if g:
        fm = FEDERAL_GRADE.search(g.group(0))
        grade = fm.group(1) if fm else None
        t = t[:g.start()]
    for rx in _SUFFIXES:
        t2 = rx.sub("", t).strip()
        if t2:
            t = t2
    t = _CLASS_NUMBER.sub("", t)
    return t.strip(" \t#*:,"), grade


def role_like(line: str) -> bool:
    """A line that names a job: its main phrase ends in a role noun, or it holds a role-head word.

    >>> role_like("Wildlife Biologist"), role_like("Riverside Regional Food Bank")
    (True, False)
    """
    main = re.split(r"\s[-\u2013\u2014|]\s|,|\(", line, maxsplit=1)[0]
    words = [w.strip(".,;:'\u2019").lower() for w in main.split()]
    while words and _LEVEL.match(words[-1]):  # "Records Technician II", "Economist 3"
        words.pop()
    if not words:
        return False
    if any(w in ROLE_HEADS for w in words):
        return True
    last = words[-1]
    return bool(_AGENT.search(last)) and last not in UNIT_HEADS and last not in ORG_WORDS and len(last) > 4


def is_navigation(line: str) -> bool:
    """Menus, breadcrumbs, 'Skip to main content', 'Apply  Save  Share  Print'."""
    if _CRUMB.search(line) or _NAV_PHRASE.search(line):
        return True
    words = [w.strip(".,:|\u00b7").lower() for w in line.split()]
    words = [w for w in words if w]
    return bool(words) and sum(w in NAV_WORDS for w in words) / len(words) >= 0.6


def _rejected(line: str) -> bool:
    """A head line that is not the title: navigation, a document-type heading, an employer, meta data."""
    if is_navigation(line) or _DOC_TYPE.search(line) or _META.search(line) or re.search(r"<[/a-zA-Z!]|[<>{}=]", line):
        return True
    if len(line) > 100 or len(line.split()) > 14 or line.rstrip().endswith((".", ";", "!", "?")):
        return True
    words = [w.strip(".,;:()").lower() for w in line.split()]
    org = any(w in ORG_WORDS for w in words) or re.search(r"\b(?:of|for)\s+[A-Z]", line) and not role_like(line)
    return bool(org and not role_like(line)) or not any(c.isalpha() for c in line)


def find_title(head_lines: list[str], body: str, fields: dict[str, str]) -> Title:
    """The title from labelled fields (`fields`: key -> value, keys "title" / "official"), else the head
    lines (the page's lines before its first section, field lines left out), else a hiring sentence in `body`.

    >>> find_title(["Skip to main content", "Careers > Jobs", "CITY OF ELM", "Water Plant Operator"], "", {}).text
    'Water Plant Operator'
    """
    for key in ("title", "official"):
        if fields.get(key):
            text, grade = clean(fields[key])
            if text:
                return Title(text, "field", 1.0, grade)
    for line in head_lines[:25]:
        m = _HEADED.match(line.strip())
        if m:
            text, grade = clean(m.group(1))
            if text and role_like(text):
                return Title(text, "heading", 0.9, grade)
    fallback = None
    for line in head_lines[:25]:
        s = line.strip()
        if not s or _rejected(clean(s)[0] or s):
            continue
        text, grade = clean(s)
        if role_like(text):
            return Title(text, "first line", 0.9, grade)
        if fallback is None and len(text.split()) <= 8:
            fallback = Title(text, "first line", 0.3, grade)
    m = _HIRING.search(body[:3000])
    if m:
        text = re.sub(r"[ ,]+(?:of|and|for|the)$", "", m.group(1).strip(" ,"))
        if role_like(text):
            return Title(text, "hiring sentence", 0.6)
    return fallback or Title(None, "none", 0.0)
