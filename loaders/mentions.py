"""Naming and typing one mention: "the staff of the Department of X (DX)" -> ("Department of X", Unit).

`classify` says whether a name is a Role, a Unit or an Organization (or nothing: a vague group);
`named` cleans a mention's surface text into its name and memoises the answer per surface.
"""

from __future__ import annotations

import re

from orgkg.ontology.schema import ORGANIZATION, ROLE, UNIT

from .lexicon import (
    BARE_HEADS,
    DETERMINERS,
    ORGANIZATION_MARKERS,
    QUALIFIED_ROLE_HEADS,
    ROLE_HEADS,
    UNIT_HEADS,
    VAGUE,
    VAGUE_PHRASES,
    WEAK_UNIT_HEADS,
)
from .memo import WordMemo

ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-]*[A-Z0-9]$")
_PARENS = re.compile(r"\s*\([^)]*\)?")
_POSSESSIVE = re.compile(r"'s$|s'$")
_DETERMINERS_RE = re.compile("(?:" + "|".join(re.escape(d) for d in DETERMINERS) + ")*", re.IGNORECASE | re.ASCII)
_MEMBERS_OF = re.compile(r"^(?:members|representatives)\s+of\s+(?:the\s+)?", re.I)
_STAFF_OF = re.compile(r"^(?:staff|employees|personnel|workforce)\s+(?:of|in|within|at)\s+(?:the\s+)?(.+)$", re.I)
_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)"
# "approximately 60", "30-40", "two to four", "one part-time": counts before a role are no part of its name
_COUNT = re.compile(rf"^(?:(?:up\s+to|approximately|approx\.|about|around|over|some|at\s+least|more\s+than|nearly|roughly|almost|"
                    rf"fewer\s+than|less\s+than)\s+)?"
                    rf"{_NUMBER}(?:\s*(?:[-\u2013]|to)\s*{_NUMBER})?\+?(?:\s+|$)|^(?:part|full)[-\s]time\s+", re.I)
# "Arborists x 2", "Buyer Assistant I work", "security staff members"
_COUNT_AFTER = re.compile(r"\s+(?:x\s*\d+|work)$")
_NOUN_ING = frozenset("nursing engineering accounting purchasing marketing training teaching housing planning "
                      "programming building licensing supporting operating consulting".split())
_GENERIC_OWNER = re.compile(r"^(?:the\s+)?(?:department|county|district|city|state|agency|organi[sz]ation|company|"
                            r"university|college|hospital|trust|council|division|office|unit|team|school|branch|"
                            r"ministry|bureau)['\u2019]s\s+(?=\w)")
# "the Antimicrobial Stewardship Program steering group": a named body's own kind, in lower case
_BODY_QUALIFIERS = frozenset("steering working advisory reference project oversight planning review".split())
_OTHER_ALL = re.compile(r"^(?:the\s+)?(?:other|all)\s+", re.I)
_DEPT_PERSONNEL = re.compile(r"\s+(?:department)\s+personnel$", re.I)


def named(surface: str, acronyms: dict[str, str], list_context: bool = False) -> tuple[str, str] | None:
    """A mention's (name, type) from its surface text, or None.

    Example: named("the staff of the Office of Finance", {}) -> ("Office of Finance", "Unit")
    """
    return name_and_type(surface, acronyms, list_context)


def name_and_type(name: str, acronyms, list_context: bool) -> tuple[str, str] | None:
    """A mention's surface -> its clean name and type; None when it is no entity."""
    name = _CLEAN[name]
    if name is None:
        return None
    low = name[:14].lower()
    if low.startswith(("staff", "employees", "personnel", "workforce")):
        staff_of = _STAFF_OF.match(name)
        if staff_of and classify(staff_of.group(1), acronyms) in (UNIT, ORGANIZATION):
            name = staff_of.group(1)  # "the staff of the Department of X": the department
        low = name[:14].lower()
    if low.startswith(("the", "other", "all")):
        name = _OTHER_ALL.sub("", name)
    if name[-9:].lower() == "personnel":
        name = _DEPT_PERSONNEL.sub(" department", name)
    if not name or len(name) > 120:
        return None
    if name in acronyms:
        full = acronyms[name]
        return full, classify(full, acronyms) or UNIT
    if ACRONYM.match(name) and len(name) >= 2:
        return name, ROLE if name.lower() in ROLE_HEADS else UNIT  # an undefined acronym: most are units, not "CFO"
    if name[:1].islower() and " " in name:
        name = _without_lower_qualifier(name)
    typ = classify(name, acronyms, list_context)
    return None if typ is None else (name, typ)


_QUALIFIER = re.compile(r"^(?:regional|interministerial|interagency|interdepartmental|district|county|state|national|"
                        r"local|departmental|divisional|statewide|citywide|districtwide|agency)\s+(?=[A-Z])")


def _without_lower_qualifier(name: str) -> str:
    """'regional Underwater Inspection Working Group' -> 'Underwater Inspection Working Group': a lower-case word
    of scope before a capitalised name of two words or more is no part of it."""
    m = _QUALIFIER.match(name)
    if m is None or len(name[m.end():].split()) < 2:
        return name
    rest = name[m.end():]
    words = rest.split()
    if words[-1].lower() in ROLE_HEADS and words[0][:1].isupper():
        words = words[:-1]  # "district McKinney-Vento liaison": a named role
    return rest if all(w[:1].isupper() or w in ("of", "and", "for", "the", "&") for w in words) else name


def _clean(name: str) -> str | None:
    """The surface without what is never part of a name: parentheses, a possessive, a generic owner, counts,
    determiners, "members of"; None when no letter is left. A pure function of the surface (memoised in _CLEAN)."""
    if "(" in name:
        name = _PARENS.sub("", name)  # drop "(DSSEM)", "(s)"
    name = name.strip(" ,)")
    if name.endswith(("'s", "s'")):
        name = _POSSESSIVE.sub("", name)
    name = _GENERIC_OWNER.sub("", name)  # "the department's Office of Finance": the office
    while (count := _COUNT.match(name)) is not None and count.end() < len(name):
        name = name[count.end():]
    name = _strip_determiners(name)
    while (count := _COUNT.match(name)) is not None and count.end() < len(name):
        name = _strip_determiners(name[count.end():])
    name = _COUNT_AFTER.sub("", name)
    if not any(c.isalpha() for c in name) or name.startswith("of "):
        return None  # "8", "25-40": a count alone names nobody
    # white-space runs made single spaces (the strip takes any at the ends): split and join, no regex scan
    name = " ".join(name.split()).strip(" ,/")
    if name[:14].lower().startswith(("members", "representatives")):
        name = _MEMBERS_OF.sub("", name)
    return name


_CLEAN = WordMemo(_clean)  # surfaces repeat across pages ("the principal", "school-based staff")


def _strip_determiners(name: str) -> str:
    m = _DETERMINERS_RE.match(name)  # "the", "all the", "each of the" ... repeatedly, in DETERMINERS order
    return name[m.end():].strip()


def classify(name: str, acronyms: dict[str, str], list_context: bool = False) -> str | None:
    """Role, Unit or Organization for a name; None when it is a vague group or not an entity."""
    low = name.lower()
    split = low.split()
    words = [w.strip(",;:") for w in split]
    if not words or low in VAGUE or low in VAGUE_PHRASES:
        return None
    if len(words) == 1 and (low.rstrip("s") in VAGUE or low in ("administration",)):
        return UNIT if low == "administration" else None
    if len(words) == 1 and low in BARE_HEADS:
        return None  # "the division", "the chief": which one is not said
    if len(words) == 2 and words[1] in QUALIFIED_ROLE_HEADS and words[0].endswith("ing") \
            and words[0] not in _NOUN_ING:
        return None  # "handling personnel", "supporting staff" as a gerund phrase
    main = _head_region(words)
    joined = " ".join(split[:len(main)])
    if "," in joined:
        first = joined.split(",")[0].split()
        if first and (first[-1] in ROLE_HEADS or _COMMA_UNIT.search(joined)):
            main = first  # "director, Department of Transportation", "Data Analyst, Magnet Programs": the role comes first
    head = main[-1] if main else words[-1]
    if "/" in head:  # "vice-presidents/liaisons": two names of one title
        head = head.rpartition("/")[2]
    if ORGANIZATION_MARKER_RE.search(low) and not any(w in ROLE_HEADS for w in main):
        return ORGANIZATION
    if head in ROLE_HEADS or head.rsplit("-", 1)[-1] in ROLE_HEADS:
        return ROLE
    if head in QUALIFIED_ROLE_HEADS:
        if head == "administration" and len(main) >= 2:
            return UNIT
        return ROLE if len(main) >= 2 and main[-2] not in ("all", "other", "the") else None
    if head in UNIT_HEADS:
        if head in GENERIC_PLURAL_UNITS:
            return None  # "County agencies", "local governmental units": kinds of bodies, not one body
        if head in WEAK_UNIT_HEADS:
            orig = name.split()
            idx = len(main) - 1
            capital = orig[idx][:1].isupper() or (idx > 0 and orig[idx - 1][:1].isupper() and orig[idx - 1] not in acronyms
                                                  and not ACRONYM.match(orig[idx - 1])) \
                or (idx > 1 and orig[idx - 1] in _BODY_QUALIFIERS and orig[idx - 2][:1].isupper())
            if not capital:
                return None
        return UNIT
    for w in reversed(main):
        if w in ROLE_HEADS:
            return ROLE
        if w in UNIT_HEADS and w not in WEAK_UNIT_HEADS:
            return UNIT
    if name in acronyms.values():
        return UNIT
    if words[-1] in UNIT_HEADS and words[-1] not in WEAK_UNIT_HEADS and name[:1].isupper() and len(main) < len(words):
        return UNIT  # "Environment of Care Committee": the head comes after the "of"
    if list_context and name[:1].isupper() and len(words) <= 6:
        return UNIT  # a named office in "the offices of A, B and C"
    return None


def headed_name(name: str) -> bool:
    """Whether a name is complete on its own: typed, ending in its own head word, no complement ('of', 'for')
    whose 'and' could join it to the next words. Two such names around 'and' are two names.

    Example: headed_name("Matron"), headed_name("community nursing teams"), headed_name("Office of Management")
    -> (True, True, False)
    """
    words = name.lower().split()
    if not words or "of" in words or "for" in words or (len(words) == 1 and words[0] in BARE_HEADS):
        return False
    return (words[-1] in ROLE_HEADS or words[-1] in UNIT_HEADS) and classify(name, {}) is not None


def _markers_by_first_letter(markers: tuple[str, ...]) -> str:
    """'a|b|...' for the markers, grouped by first letter: sre then scans for those letters and tries only the
    markers that start with the one found (one `in` test per marker cost twice as much)."""
    by: dict[str, list[str]] = {}
    for m in markers:
        by.setdefault(m[0], []).append(re.escape(m[1:]))
    return "|".join(f"{re.escape(k)}(?:{'|'.join(v)})" for k, v in by.items())


ORGANIZATION_MARKER_RE = re.compile(_markers_by_first_letter(ORGANIZATION_MARKERS))  # in a lower-cased name
_COMMA_UNIT = re.compile(r",\s*(?:department|division|office|unit|bureau)\b")
GENERIC_PLURAL_UNITS = frozenset("agencies units offices departments divisions organizations entities institutions "
                                 "groups bodies associations unions".split())


def _head_region(words: list[str]) -> list[str]:
    """The words before the first complement ('of', 'for'): 'director of the X' -> ['director']."""
    for i, w in enumerate(words):
        if w in ("of", "for") and i > 0:
            return words[:i]
    return words
