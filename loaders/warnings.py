"""Per-document warnings: a quiet failure is the worst outcome, so a page that gave no title, looks like site
navigation or markup, or gave no reporting line says so.

Each warning is one string, a short code, ": ", and what was seen; `CODES` lists the codes (the build summary
counts warnings by code). Loaders add the title warnings themselves (they know how the title was read);
`check` adds the ones that need the whole extraction.
"""

from __future__ import annotations

import re

from orgkg.ontology.schema import UNDER_DIRECTION_OF

from .fields import scan
from .model import Extraction
from .titles import LOW, is_navigation

CODES = ("no-title", "low-title-confidence", "navigation", "no-reporting-line")

_MARKUP = re.compile(r"</?(?:div|span|a|p|li|ul|td|tr|table|script|style|html|body|head|meta|link|nav|br)\b[^>]*>"
                     r"|&(?:nbsp|amp|lt|gt|quot);|\{[^{}]*:[^{}]*;[^{}]*\}", re.IGNORECASE)
# a sentence: a letter, 40 or more characters of one line, then . ! or ?. Read run by run (a stretch of a line
# between two of those marks, found from its first character only), not letter by letter: a 27,000-character
# line with no full stop cost 7.8 s scanned from every letter, as the fuzzer's long-clause figure showed
_RUN = re.compile(r"(?<![^.!?\n])[^.!?\n]++[.!?]")
_LETTER = re.compile(r"[A-Za-z]")
# what only a page that is no job description says: an error, a sign-in form, a list of search results
_PAGE_MARKERS = re.compile(
    r"\b(?:page not found|(?:could|can ?not) be found|no longer (?:available|exists)|error 404|404 error"
    r"|sign in to (?:your|continue)|log ?in to (?:your|continue)|forgot (?:your )?(?:password|username)"
    r"|create an account|showing \d+\s*[-\u2013]\s*\d+ of \d+|sort by|no (?:jobs|results|openings) (?:were )?found"
    r"|\d+ (?:jobs|results|openings) found|session (?:has )?expired|access denied|page you requested)\b", re.IGNORECASE)
_JOB_SECTIONS = frozenset({"summary", "duties", "ksa", "education", "certificate"})


def code(warning: str) -> str:
    """The code a warning starts with: 'no-title: ...' -> 'no-title'."""
    return warning.split(":", 1)[0]


def looks_like_navigation(text: str) -> str | None:
    """Why a page reads as site navigation or markup rather than a job description, or None.

    >>> looks_like_navigation("Home | Jobs | Sign in\\nSearch jobs\\nSkip to main content\\n")
    'navigation: page looks like site navigation or markup (3 of 3 lines are menus or links, 0 sentences)'
    >>> looks_like_navigation("Careers\\nPage Not Found\\nReturn to the homepage\\n")
    "navigation: page looks like site navigation or markup ('Page Not Found', no job description sections or fields)"
    """
    found = navigation(text)
    return found[0] if found else None


def navigation(text: str) -> tuple[str, bool] | None:
    """(why, certain) when the page reads as navigation or markup: certain for markup and for what only an
    error, sign-in or search-results page says; not certain when most lines are menus, so a caller that found a
    job title on the page may trust the title instead."""
    head = text[:20000]
    if "<" in head or "&" in head or "{" in head:  # most pages hold none of these: skip the tag scan
        tags = len(_MARKUP.findall(head))
        if tags >= 8:
            return f"navigation: page looks like site navigation or markup ({tags} HTML/CSS fragments)", True
    if head.count(". ") + head.count(".\n") >= 6:  # a page of running text (the cheap test first)
        return None
    sentences = 0
    for run in _RUN.finditer(head):
        # a letter with 40 characters or more between it and the mark that ends the run
        if _LETTER.search(head, run.start(), run.end() - 41) is not None:
            sentences += 1
            if sentences == 3:
                return None
    if _job_structure(head):
        return None
    marker = _PAGE_MARKERS.search(head)
    if marker:
        return (f"navigation: page looks like site navigation or markup ('{marker.group(0)}', no job description "
                f"sections or fields)"), True
    lines = [ln for ln in head.split("\n") if ln.strip()]
    nav = sum(1 for ln in lines if is_navigation(ln))
    if lines and nav * 2 >= len(lines):
        return (f"navigation: page looks like site navigation or markup ({nav} of {len(lines)} lines are menus "
                f"or links, {sentences} sentences)"), False
    return None


def _job_structure(text: str) -> bool:
    """Whether the page has what a job description has: a duties or qualifications heading, a title or
    reporting field."""
    layout = scan(text)
    return (any(k in _JOB_SECTIONS for k, _, _ in layout.sections)
            or any(f.key in ("title", "official", "reports_to") for f in layout.fields))


def check(ex: Extraction, text: str) -> Extraction:
    """Add the warnings that need the whole extraction of `text` (the page's decoded text)."""
    nav = navigation(text)
    if nav and (nav[1] or ex.role.get("title_confidence", 1.0) < LOW or not ex.role_name):
        ex.warnings.append(nav[0])
    if ex.role_name and not any(r.type == UNDER_DIRECTION_OF and r.source is None for r in ex.relations):
        ex.warnings.append(f"no-reporting-line: no supervisor of {ex.role_name!r} found (no 'Reports to' field "
                           "and no reporting sentence)")
    return ex
