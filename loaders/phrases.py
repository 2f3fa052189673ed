"""Reading the noun phrases after a relation word: lists, coordination, units, vague groups.

`targets(text, start, end)` turns "the principal and special education supervisor"
into two targets and "staff in the Office of Technology Innovation" into the office.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orgkg.ontology.schema import ORGANIZATION, ROLE, UNIT

from .lexicon import (
    DETERMINERS,
    ORGANIZATION_MARKERS,
    QUALIFIED_ROLE_HEADS,
    ROLE_HEADS,
    STOP_WORDS,
    UNIT_HEADS,
    VAGUE,
    WEAK_UNIT_HEADS,
)


@dataclass
class Target:
    name: str
    type: str
    start: int  # span of the mention in the repaired text
    end: int
    located_in: Target | None = None  # "X in the Department of Y": Y


_TOKEN = re.compile(r"[A-Za-z0-9][\w'&.\-]*[\w&]|[A-Za-z0-9]|[,;:/()]")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.\-/]*[A-Z0-9.]$")
_LOCATIVE = frozenset({"in", "within", "at", "of"})
_VERBISH_END = re.compile(r"^(?:[a-z]+(?:ing|ed)|to)$")


def targets(text: str, start: int, end: int, acronyms: dict[str, str] | None = None,
            list_context: bool = False) -> list[Target]:
    """Targets named in text[start:end], which begins right after the relation word."""
    acronyms = acronyms or {}
    toks = [(m.group(0), start + m.start(), start + m.end()) for m in _TOKEN.finditer(text[start:end])]
    toks = _cut(toks, acronyms)
    out: list[Target] = []
    for conj in _conjuncts(toks, acronyms, list_context):
        t = _target(conj, text, acronyms, list_context)
        if t is not None:
            out.append(t)
    return out


def _cut(toks: list[tuple[str, int, int]], acronyms: dict[str, str]) -> list[tuple[str, int, int]]:
    """Keep the tokens up to where the noun phrase list ends."""
    out = []
    depth = 0
    for i, (w, a, b) in enumerate(toks):
        lw = w.lower()
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        if depth:
            out.append((w, a, b))
            continue
        prev = out[-1][0].lower() if out else ""
        nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
        if w in (";", ":"):
            break
        if lw in ("including", "such", "especially", "particularly", "regarding", "concerning", "related"):
            break
        if lw == "to" and out:
            break
        if lw == "for" and out:
            # "Center for Skillful Teaching", "specialist for teacher induction"; not "... for all"
            head_before = _base(prev) in ROLE_HEADS or _base(prev) in UNIT_HEADS
            if not head_before or nxt.lower() in ("all", "each", "any", "every", "a", "an", "both", "more"):
                break
            out.append((w, a, b))
            continue
        if lw in ("in", "within", "at") and out:
            # keep "X in the Department of Y" (a location), stop at "in developing", "in order"
            if _starts_unit(toks, i + 1, acronyms):
                out.append((w, a, b))
                continue
            break
        if lw in STOP_WORDS and out:
            break
        if out and _VERBISH_END.match(lw) and lw not in ("leading", "learning", "training", "building",
                                                          "engineering", "counseling", "planning",
                                                          "teaching", "testing", "housing", "nursing",
                                                          "programming", "accounting", "purchasing",
                                                          "marketing", "processing", "funded", "based",
                                                          "sustaining", "consulting", "gifted", "advanced",
                                                          "related", "coordinated", "integrated", "continuing",
                                                          "operating", "student-centered", "licensed",
                                                          "certified", "qualified", "designated", "elected",
                                                          "appointed", "supporting", "printing", "heating",
                                                          "ventilating", "lending", "staffing"):
            if prev not in ("and", "or", ",", "the"):
                break
        if out and lw in ("is", "are", "was", "were", "will", "shall", "may", "can", "must", "has", "have",
                          "be", "who", "which", "whose", "that", "than", "on", "by", "as", "so", "when",
                          "where", "while"):
            break
        out.append((w, a, b))
    while out and (out[-1][0].lower() in ("and", "or", ",", "/", "the", "of", "(", "for", "in", "within", "at")):
        out.pop()
    return out


def _starts_unit(toks, i, acronyms) -> bool:
    """Whether the tokens from i name a unit: '(the) Department of ...', 'DSSEM', 'the Office ...'."""
    j = i
    if j < len(toks) and toks[j][0].lower() == "the":
        j += 1
    if j >= len(toks):
        return False
    w = toks[j][0]
    if w in acronyms or (_ACRONYM.match(w) and len(w) >= 2 and w.isupper()):
        return True
    if not w[:1].isupper():
        return False
    for k in range(j, min(len(toks), j + 8)):
        lw = toks[k][0].lower()
        if lw in UNIT_HEADS and lw not in WEAK_UNIT_HEADS:
            return True
        if lw in STOP_WORDS and lw != "of":
            return False
    return False


def _conjuncts(toks, acronyms, list_context: bool) -> list[list[tuple[str, int, int]]]:
    """Split a token list at commas, 'and', 'or' and slashes, then rejoin what is one name."""
    parts: list[list] = [[]]
    seps: list[str] = []
    depth = 0
    for w, a, b in toks:
        lw = w.lower()
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        if depth == 0 and (w in (",", "/") or lw in ("and", "or", "and/or")):
            if parts[-1]:
                parts.append([])
                seps.append(lw)
            elif seps:
                seps[-1] = seps[-1] + lw
            continue
        parts[-1].append((w, a, b))
    if not parts[-1]:
        parts.pop()
    if not parts:
        return []
    merged: list[list] = [parts[0]]
    merged_seps: list[str] = []
    for sep, part in zip(seps, parts[1:]):
        prev = merged[-1]
        words = [w for w, _, _ in part]
        prev_words = [w.lower() for w, _, _ in prev]
        headed = _has_head(words, acronyms)
        prev_headed = _has_head([w for w, _, _ in prev], acronyms)
        join = False
        if not headed:
            if "of" in prev_words or "for" in prev_words:
                join = True  # "Chief of Teaching, Learning, and Schools"
            elif not prev_headed and "and" in sep and not list_context:
                join = True  # "Student Welfare and Compliance"
            elif not prev_headed and "and" in sep and list_context and len(prev) <= 2 and len(part) <= 2:
                join = _capitalised(prev) and _capitalised(part)
            elif "/" in sep and len(part) == 1 and len(prev) == 1:
                join = False
        if join:
            merged[-1] = prev + [(sep, prev[-1][2], part[0][1])] + part
        else:
            merged.append(part)
            merged_seps.append(sep)
    # "chief/and/or associate superintendent of X", "teacher/coordinator of the Y Program":
    # a bare head before a slash borrows the next conjunct's complement
    for k in range(len(merged) - 1):
        cur, nxt = merged[k], merged[k + 1]
        if len(cur) == 1 and _base(cur[0][0].lower()) in ROLE_HEADS:
            of_idx = next((i for i, t in enumerate(nxt) if t[0].lower() in ("of", "for")), None)
            if of_idx is not None and "/" in merged_seps[k]:
                merged[k] = cur + nxt[of_idx:]
    return merged


def _capitalised(part) -> bool:
    return all(w[:1].isupper() or w.lower() in ("of", "and", "the", "for") for w, _, _ in part)


def _has_head(words: list[str], acronyms: dict[str, str]) -> bool:
    for w in words:
        lw = w.lower()
        if lw in ROLE_HEADS or lw in UNIT_HEADS or lw in QUALIFIED_ROLE_HEADS:
            return True
        if w in acronyms:
            return True
    return False


def _base(word: str) -> str:
    return word.lower().rstrip(",")


def _strip_determiners(name: str) -> str:
    changed = True
    while changed:
        changed = False
        low = name.lower()
        for d in DETERMINERS:
            if low.startswith(d):
                name = name[len(d):]
                changed = True
                break
    return name.strip()


def _target(conj, text: str, acronyms: dict[str, str], list_context: bool) -> Target | None:
    if not conj:
        return None
    # "X in/within/at the Y": Y is where X is
    loc = None
    for i, (w, a, b) in enumerate(conj):
        if w.lower() in ("in", "within", "at") and i > 0:
            where = _target(conj[i + 1:], text, acronyms, list_context=True)
            head = conj[:i]
            if where is not None and where.type in (UNIT, ORGANIZATION):
                inner = _target(head, text, acronyms, list_context)
                if inner is None or _is_generic_staff(head):
                    return where  # "staff in the Office of X": the office
                inner.located_in = where
                return inner
            conj = conj[:i]
            break
    start, end = conj[0][1], conj[-1][2]
    raw = text[start:end]
    name = re.sub(r"\s*\([^)]*\)?", "", raw)  # drop "(DSSEM)"
    name = re.sub(r"'s$|s'$", "", name.strip(" ,"))
    name = re.sub(r"\s+", " ", _strip_determiners(name)).strip(" ,/")
    if not name or len(name) > 120:
        return None
    if name in acronyms:
        full = acronyms[name]
        return Target(full, _classify(full, acronyms) or UNIT, start, end, loc)
    typ = _classify(name, acronyms, list_context)
    if typ is None:
        return None
    return Target(name, typ, start, end, loc)


def _is_generic_staff(conj) -> bool:
    words = [_strip_determiners(w) for w, _, _ in conj]
    return all(w.lower() in VAGUE or w.lower() in ("all", "the", "other", "") for w in words)


def _classify(name: str, acronyms: dict[str, str], list_context: bool = False) -> str | None:
    """Role, Unit or Organization for a name; None when it is a vague group or not an entity."""
    low = name.lower()
    words = low.split()
    if not words or low in VAGUE:
        return None
    if len(words) == 1 and low.rstrip("s") in VAGUE:
        return None
    main = _head_region(words)
    head = main[-1] if main else words[-1]
    if any(m in low for m in ORGANIZATION_MARKERS) and not any(w in ROLE_HEADS for w in main):
        return ORGANIZATION
    if head in ROLE_HEADS:
        return ROLE
    if head in QUALIFIED_ROLE_HEADS:
        return ROLE if len(main) >= 2 and main[-2] not in ("all", "other", "the") else None
    if head in UNIT_HEADS:
        if head in WEAK_UNIT_HEADS and not (name[:1].isupper() or len(main) >= 2):
            return None
        return UNIT
    for w in reversed(main):
        if w in ROLE_HEADS:
            return ROLE
        if w in UNIT_HEADS and w not in WEAK_UNIT_HEADS:
            return UNIT
    if name in acronyms.values():
        return UNIT
    if list_context and name[:1].isupper() and len(words) <= 6:
        return UNIT  # a named office in "the offices of A, B and C"
    return None


def _head_region(words: list[str]) -> list[str]:
    """The words before the first complement ('of', 'for'): 'director of the X' -> ['director']."""
    for i, w in enumerate(words):
        if w in ("of", "for") and i > 0:
            return words[:i]
    return words
