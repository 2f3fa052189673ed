"""The components every loader runs after reading a document's layout.

Like a spaCy pipeline: acronyms -> role aliases -> relations -> coreference
-> competencies, each a small function over the repaired text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from orgkg.ontology.schema import PART_OF, ROLE, UNDER_DIRECTION_OF, UNIT

from .acronyms import find_acronyms
from .competencies import section_items
from .mentions import classify
from .model import Alias, Competency, Evidence, Extraction, Relation
from .phrases import Target
from .relations import RELATION_SECTIONS, apply_rules
from .segment import clauses, sentences
from .text import Repaired

COMPETENCY_SECTIONS = ("ksa", "education", "certificate")
# a summary shorter than the alias look-ahead is split once for aliases and once for relations: memoise
# (callers only read the lists; a str caches its hash, so the text in the key costs nothing)
_sentences = lru_cache(maxsize=16)(sentences)


def run(ex: Extraction, rep: Repaired, sections: list[tuple[str | None, int, int]]) -> Extraction:
    """Fill aliases, relations and competencies of `ex` from repaired text split into sections.

    `sections` holds (key, start, end) spans in the repaired text; key None is body text
    of unknown kind (treated like a summary).
    """
    acr = _acronyms(ex, rep)
    _role_aliases(ex, rep, sections, acr)
    seen = {c.key for c in ex.competencies}
    for key, a, b in sections:
        if key in RELATION_SECTIONS:
            _relations(ex, rep, key, a, b, acr)
        if key in COMPETENCY_SECTIONS:
            _competencies(ex, rep, key, a, b, seen)
    _corefer(ex)
    return ex


def _evidence(ex: Extraction, rep: Repaired, section: str | None, a: int, b: int, rule: str) -> Evidence:
    oa, ob = rep.span(a, b)
    return Evidence(ex.doc, section, rep.original[oa:ob], oa, ob, rule)


def _acronyms(ex: Extraction, rep: Repaired) -> dict[str, str]:
    acr: dict[str, str] = {}
    for short, full, a, b in find_acronyms(rep.text):
        if short in acr:
            continue
        acr[short] = full
        ex.aliases.append(Alias(short, full, _evidence(ex, rep, None, a, b, "alias.acronym")))
    return acr


_SUBJECT = re.compile(
    r"^(?:the|The)\s+((?:[a-z][\w\-']*\s*,?\s+){0,7}?[a-z][\w\-']*)\s*(?:\(([A-Z][A-Za-z]{1,10})\))?\s*,?\s+"
    r"(?:under|at\s+the\s+direction|reports|will|is|serves|leads|provides)\b")
_SUBJECT_STARTS = ("the", "The")  # every _SUBJECT match starts with one of these


def _role_aliases(ex, rep, sections, acr) -> None:
    """'The chief of districtwide services and supports under the direction of ...': an alias of the role."""
    name = ex.role_name
    if not name:
        return
    for key, a, b in sections:
        if key not in ("summary", None):
            continue
        for s0, s1 in _sentences(rep.text, a, min(b, a + 1500))[:3]:  # the subject comes early
            if not rep.text.startswith(_SUBJECT_STARTS, s0, s1):  # no slice and no match for most sentences
                continue
            m = _SUBJECT.match(rep.text[s0:s1])
            if not m:
                continue
            alias = m.group(1).strip(" ,")
            if len(alias.split()) < 2 or classify(alias, acr) != ROLE or alias.lower() == name.lower():
                continue
            ev = _evidence(ex, rep, key, s0, s1, "alias.subject")
            if alias.lower() not in {x.alias.lower() for x in ex.aliases}:
                ex.aliases.append(Alias(alias, name, ev))
            if m.group(2):
                for x in ex.aliases:
                    if x.alias == m.group(2):
                        x.name = name
    # an acronym whose expansion is the role itself
    for x in ex.aliases:
        if x.alias.lower() != x.name.lower() and _same_role(x.name, name):
            x.name = name


def _same_role(a: str, b: str) -> bool:
    return _role_words(a) == _role_words(b)


_WORDS = re.compile(r"[a-z]+")


@lru_cache(maxsize=8192)  # role names and acronym expansions come back in document after document
def _role_words(s: str) -> tuple[str, ...]:
    return tuple(w for w in _WORDS.findall(s.lower()) if w not in ("of", "the", "and"))


def _relations(ex: Extraction, rep: Repaired, key, a: int, b: int, acr: dict[str, str]) -> None:
    role = ex.role_name
    own = {role.lower()} if role else set()
    own |= {x.alias.lower() for x in ex.aliases if x.name == role}
    for s0, s1 in _sentences(rep.text, a, b):
        said = None  # the sentence as the original states it: mapped back once, for all its relations
        for c0, c1 in clauses(rep.text, s0, s1):
            found = apply_rules(rep.text, c0, c1, acr)
            for rule, t, _pos, src in found:
                if rule.type == UNDER_DIRECTION_OF and t.name.lower() in own:
                    continue
                if said is None:
                    oa, ob = rep.span(s0, s1)
                    said = (rep.original[oa:ob], oa, ob)
                ev = Evidence(ex.doc, key, *said, rule.name)
                sure = confidence(rule.confidence, t)
                if src is not None and src.name.lower() not in own:
                    ex.relations.append(Relation(rule.type, t.name, t.type, ev, source=src.name, source_type=src.type,
                                                 confidence=sure))
                    continue
                ex.relations.append(Relation(rule.type, t.name, t.type, ev, confidence=sure))
                if t.located_in is not None:
                    loc = t.located_in
                    ex.relations.append(Relation(PART_OF, loc.name, loc.type,
                                                 Evidence(ex.doc, key, *said, "part_of.located_in"),
                                                 source=t.name, source_type=t.type, confidence=LOCATED_IN))
            for child, parent in _path_links(found):
                ex.relations.append(Relation(PART_OF, parent.name, parent.type,
                                             Evidence(ex.doc, key, *said, "part_of.path"),
                                             source=child.name, source_type=child.type, confidence=PATH))


LOCATED_IN = 0.7  # "staff in the Office of X": the office holds the staff, read from position
PATH = 0.8  # "located in the Bureau of X, Office of Y, Z Division": each unit in the one before, read from order
# how large a unit its head word says it is: a location path runs from large to small or from small to large
_UNIT_RANK = {"department": 5, "ministry": 5, "agency": 5, "authority": 5, "administration": 5, "directorate": 5,
              "bureau": 4, "office": 4, "division": 3, "branch": 2, "section": 2, "program": 2, "programme": 2,
              "center": 2, "centre": 2, "unit": 1, "team": 1, "group": 1, "ward": 1}


def _path_links(found: list) -> list[tuple[Target, Target]]:
    """(child, parent) for the units a 'located in' clause lists as a path, 'the Bureau of X, Office of Y,
    Z Division, W Branch' (large to small) or 'the Division of X, Department of Y' (small to large): every
    unit's head word must rank it, and the ranks must run one way."""
    path = [t for rule, t, _pos, src in found if rule.name == "part.located_in" and src is None and t.type == UNIT]
    if len(path) < 2:
        return []
    ranks = [_UNIT_RANK.get(_head_word(t.name)) for t in path]
    if None in ranks:
        return []
    if all(a >= b for a, b in zip(ranks, ranks[1:])) and ranks[0] > ranks[-1]:
        return [(small, large) for large, small in zip(path, path[1:])]
    if all(a <= b for a, b in zip(ranks, ranks[1:])) and ranks[0] < ranks[-1]:
        return list(zip(path, path[1:]))
    return []


def _head_word(name: str) -> str:
    """'Office of the Chief Information Officer' -> 'office'; 'Cybersecurity Division' -> 'division'."""
    words = name.lower().split()
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


def confidence(rule_confidence: float, t: Target) -> float:
    """How sure a relation is: the rule's own confidence, lowered for targets read from a list's shape
    (a name in "the offices of A, B and C", an item in parentheses) or named by a generic head only
    ("program managers", "certificated staff": lower case, no proper name).

    Example: confidence(1.0, Target("Payroll Unit", "Unit", 0, 12)) -> 1.0
    """
    sure = rule_confidence
    if t.distributed:
        sure = min(sure, 0.8)
    if t.name.islower():
        sure = min(sure, 0.8)
    return round(sure, 2)


_UNIT_SUFFIXES = (" unit", " office", " department", " division", " team",
                  " Unit", " Office", " Department", " Division", " Team")


def _corefer(ex: Extraction) -> None:
    """Short mentions that a longer one in the same document completes name the same entity:
    'the associate superintendent' -> 'associate superintendent of Employee Engagement ...' (roles),
    'Student Welfare and Compliance' -> 'Student Welfare and Compliance unit' (units)."""
    longer = _longer_forms(ex.relations)
    if longer:  # most documents have no short form to complete

        def full(typ: str, name: str) -> str:
            found = longer.get((typ, name))
            return next(iter(found)) if found and len(found) == 1 else name

        for r in ex.relations:
            r.target = full(r.target_type, r.target)
            if r.source:
                r.source = full(r.source_type, r.source)
    ex.relations = [r for r in ex.relations
                    if not (r.type == PART_OF and r.source and r.source.lower() == r.target.lower())]


def _longer_forms(relations: list[Relation]) -> dict[tuple[str, str], set[str]]:
    """(type, short target) -> the targets that complete it; only shorts that have one."""
    longer: dict[tuple[str, str], set[str]] = {}
    roles = set()
    units = set()
    for r in relations:
        if r.target_type == ROLE:
            roles.add(r.target)
        elif r.target_type == UNIT:
            units.add(r.target)
    by_low: dict[str, list[str]] = {}
    for n in roles:
        by_low.setdefault(n.lower(), []).append(n)
    for m in roles:  # m completes n when m starts with n + " of " (case aside)
        low = m.lower()
        p = low.find(" of ")
        while p >= 0:
            for n in by_low.get(low[:p], ()):
                longer.setdefault((ROLE, n), set()).add(m)
            p = low.find(" of ", p + 1)
    for m in units:  # m completes n when m is n + " unit", " Office", ...
        if not m.endswith(_UNIT_SUFFIXES):  # most units: no suffix to try one by one
            continue
        for s in _UNIT_SUFFIXES:
            if m.endswith(s) and m[:-len(s)] in units:
                longer.setdefault((UNIT, m[:-len(s)]), set()).add(m)
    return longer


def _competencies(ex: Extraction, rep: Repaired, key: str, a: int, b: int, seen: set[str]) -> None:
    """The section's competencies whose keys `seen` (those of ex.competencies) does not hold yet."""
    lo, items = section_items(rep.text, a, b, key)
    for name, kind, k, s, e in items:
        if not k or k in seen:
            continue
        seen.add(k)
        ex.competencies.append(Competency(name, kind, k, _evidence(ex, rep, key, s + lo, e + lo, f"competency.{kind}")))

