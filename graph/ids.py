"""Canonical names and stable node ids: the same input always gives the same ids."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARTICLES = frozenset(("the", "other", "all", "an", "a", "our", "its", "each", "any"))
_PARENS = re.compile(r"\([^)]*\)")
_OTHER = re.compile(r"[^a-z0-9/ \-]+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 17)  # a pure function of one name, and names recur across thousands of documents
def canonical(name: str) -> str:
    """Case, article, punctuation and plural variants of a name map to one key.

    'the Superintendent of Schools' == 'superintendent of schools'; 'principals' == 'principal'.
    """
    s = name or ""
    # NFKC leaves ASCII as it is; each step below is skipped when its character is absent (most names)
    s = (s if s.isascii() else unicodedata.normalize("NFKC", s).replace("\u00bf", "'")).lower()
    if "&" in s:
        s = s.replace("&", " and ")
    if "(" in s:
        s = _PARENS.sub(" ", s)  # "(DSSEM)"
    if "'" in s:
        s = s.replace("'s ", " ").replace("s' ", "s ")
    # only [a-z0-9/ -] is left: separators off both ends, then the words
    words = _OTHER.sub(" ", s).strip(" -/").split()
    for _ in range(2):  # a leading article, followed by a word
        if len(words) > 1 and words[0] in _ARTICLES:
            del words[0]
    if "the" in words:  # "Office of the General Counsel" == "Office of General Counsel"
        words = [w for w in words if w != "the"]
    if words:
        words[-1] = singular(words[-1])
    for i in range(1, len(words)):  # the head before a complement: "directors of X" == "director of X"
        if words[i] in ("of", "for"):
            words[i - 1] = singular(words[i - 1])
            break
    return " ".join(words)


@lru_cache(maxsize=1 << 16)  # a pure function of one word; sentence and title words recur across documents
def singular(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "ches", "shes", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ics")):
        return w[:-1]
    return w


@lru_cache(maxsize=1 << 17)  # pure, and the same keys recur in every document
def slug(key: str) -> str:
    s = _NON_SLUG.sub("-", key.lower()).strip("-")
    return s[:120] or "x"


@lru_cache(maxsize=1 << 16)  # pure; a competency's id is asked once per document that requires it
def node_id(node_type: str, name: str) -> str:
    """'Role' + 'Chief of Teaching, Learning, and Schools' -> 'role:chief-of-teaching-learning-and-school'."""
    return f"{node_type.lower()}:{slug(canonical(name))}"
