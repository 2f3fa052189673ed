"""Names in the value of a labelled field: the supervisor of a Reports-to value, the staff of a Supervises list,
the contacts of a Key-relationships list, the units of a Department or Organizational-location path.

A value is a list in many shapes ("Finance Officer (x2), Cashier; Grants Accountant", "8 (Arborists x 2, ...)",
"Agency / Office / Branch", "applicants, Ministry of Business, Innovation and Employment"); these functions cut it
into names and say what each names (a role or a unit). Read by loaders/generic.py.
"""

from __future__ import annotations

import re

from orgkg.ontology.schema import ORGANIZATION, ROLE, UNIT

from .fieldmodel import Field
from .lexicon import UNIT_HEADS
from .mentions import ACRONYM, classify, headed_name
from .phrases import shared_head_names, targets
from .text import Repaired
from .titles import role_like

PARENS = re.compile(r"\s*\([^)]*\)")
COUNT = re.compile(r"^(?:\d+(?:\s*[-\u2013]\s*\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:[-\u2013:]\s*)?",
                    re.IGNORECASE)
_TIMES = re.compile(r"\s*(?:\(\s*x\s*\d+\s*\)|x\s*\d+|\(\d+\))\s*$", re.IGNORECASE)
UNIT_WORDS = UNIT_HEADS | {"directorate", "directorates", "faculty", "ministry", "secretariat", "service"}


def path(value: str) -> list[str]:
    """The units of a Department / Organization value: 'Agency / Office / Branch', 'DRLG - Growth Directorate -
    Funds Division' (split at dashes only when every piece is headed by a unit word or is an acronym; a comma
    says no order: 'Bridge Section, Central Office' and 'College of Engineering, Advising Office' both occur)."""
    pieces = [p.strip() for p in re.split(r"\s+/\s+|\s*[>\u203a;]\s*", value) if p.strip()]
    out = []
    for p in pieces:
        parts = [x.strip() for x in re.split(r"\s+[-\u2013\u2014]\s+", p) if x.strip()]
        headed = all(ACRONYM.match(x) or any(w.lower().strip(",.") in UNIT_WORDS for w in PARENS.sub("", x).split())
                     for x in parts)
        out += parts if len(parts) > 1 and headed else [p]
    return out


def unit_name(piece: str) -> tuple[str, str] | None:
    """A unit named by a Department / Division value: parentheses (cost centres, acronyms) dropped, and a place
    after a comma ('Structures and Bridge Section, Central Office')."""
    name = PARENS.sub("", piece).strip(" .,;")
    first = name.split(",")[0].strip()
    if first != name and any(w.lower() in UNIT_WORDS for w in first.split()):
        name = first
    if not name or not name[:1].isalnum() or name[:1].islower() or name.lower().startswith(("assigned", "various")):
        return None
    typ = classify(name, {}, list_context=True)
    if typ in (UNIT, ORGANIZATION):
        return name, typ
    if _UNIT_OF.match(name):  # "Faculty of Science and Engineering": a unit, though "faculty" also names staff
        return name, UNIT
    if typ is None and len(name.split()) <= 8:
        return name, UNIT  # the label says it is a unit: "Public Works", "Enrollment Management"
    return None


_UNIT_OF = re.compile(r"(?:faculty|school|college|division|department|office|bureau|institute|centre|center|directorate)"
                      r"\s+(?:of|for)\s+[A-Z]", re.IGNORECASE)
_REPORTING = re.compile(r"^(?:[a-z]+\s+)?(?:reporting|reports|report)\s+(?:directly\s+)?to\s+(?:the\s+)?", re.IGNORECASE)


def _and_split(piece: str) -> list[str]:
    """'Orthopaedic consultants and Extended Scope Practitioners', 'Laborers and seasonal help' -> two names;
    'Sport and Recreation' and 'Planning and Environment team' stay one: the left side must read as a role and
    the right one as a role or a lower-case group."""
    m = re.search(r"\s+and\s+", piece)
    if not m or ";" in piece:
        return [piece]
    if re.match(r"(?:the|an?|their|our|its)\s", piece[m.end():], re.IGNORECASE):
        return [piece[:m.start()].strip(), piece[m.end():].strip()]  # "the Records Unit and the City Attorney"
    left, right = piece[:m.start()].strip(), piece[m.end():].strip()
    if spread := shared_head_names(piece):
        return spread  # "certificated and classified staff": two groups
    if "," not in left and role_like(left) and (role_like(right) or right[:1].islower()):
        return [left, right]
    if "," not in left and headed_name(left) and headed_name(right):
        return [left, right]  # "Matron and Divisional Nursing team", "Social Services and community nursing teams"
    return [piece]


def _without_person(value: str) -> str:
    """'R. Delgado, Deputy Director, Unemployment Insurance Division' -> the title after the person's name."""
    first, _, rest = value.partition(", ")
    if rest and re.fullmatch(r"(?:[A-Z]\.\s*)+[A-Z][\w'\-]+|[A-Z][a-z]+\s+(?:[A-Z]\.\s*)?[A-Z][\w'\-]+", first) \
            and not role_like(first) and role_like(rest):
        return rest
    return value


# one name with a list of single words inside it: "Health, Safety and Environment Manager", "Ministry of Business,
# Innovation and Employment"; a list of single words alone ("Finance, Legal and HR") is three names
_WORD = r"[A-Z][\w&'\u2019\-]*"
_ONE_NAME = re.compile(rf"(?:(?:the\s+)?(?:{_WORD}\s+)*{_WORD}\s+(?:of|for)\s+)?{_WORD}(?:,\s+{_WORD})+,?\s+(?:and|&)\s+{_WORD}"
                       rf"(?:\s+(?:{_WORD}\s+)*(?i:manager|officer|director|lead|coordinator|team|unit|department|"
                       rf"division|committee|group|office|service|services|advisor|adviser|specialist))?")


def _rejoin(parts: list[str]) -> list[str]:
    """Comma pieces put back together where they make one name: 'applicants', 'Ministry of Business', 'Innovation
    and Employment' -> 'applicants', 'Ministry of Business, Innovation and Employment'."""
    out: list[str] = []
    i = 0
    while i < len(parts):
        end = i + 1
        if re.search(r"\s(?:of|for)\s", parts[i]):  # only "X of A, B and C" hangs a list of words off a name
            j = i + 1
            while j < len(parts) and _SINGLE.fullmatch(parts[j].strip()):
                j += 1
                if _one_name(", ".join(p.strip() for p in parts[i:j])):
                    end = j
                    break
        out.append(", ".join(p.strip() for p in parts[i:end]) if end > i + 1 else parts[i])
        i = end
    return out


_SINGLE = re.compile(_WORD + r"(?:\s+(?:and|&)\s+" + _WORD + ")?")  # "Innovation", "Innovation and Employment"


def _one_name(value: str) -> bool:
    """Whether a comma list of single words is one name: it hangs off 'X of' or ends in a role or unit word."""
    m = _ONE_NAME.fullmatch(value)
    return bool(m) and (re.search(r"\s(?:of|for)\s", value) is not None
                        or not re.search(r"(?:and|&)\s+" + _WORD + "$", value))


_DOTTED = re.compile(r"(?:dotted|matrix|indirect|functional|secondary)\b", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:the|an?|their|our|its)\s+", re.IGNORECASE)  # "the Records Unit": the name is "Records Unit"


def list_names(rep: Repaired, f: Field, to_rep) -> list[tuple[str, str]]:
    """Names in a list value: 'Finance Officer (x2), Cashier; Grants Accountant', '8 (Arborists x 2, ...)'.
    A piece that reads as one title is kept whole, commas and all ('Nurse Manager, 4 West'); with semicolons
    in the value, only they separate names."""
    value = f.value
    out: list[tuple[str, str]] = []
    inner = re.findall(r"\(([^()]*,[^()]*)\)", value)  # "associates (Material Handlers, Forklift Operators)"
    outer = PARENS.sub("", value)
    if f.key == "reports_to":
        separators = r"\s*[;\u2022\u00b7]\s*|\s+(?:and/)?or\s+"
    elif _one_name(outer.strip(" .")):  # "Health, Safety and Environment Manager": one name
        separators = r"$^"
    elif re.search(r"[;\u2022\u00b7]", outer):
        separators = r"\s*[;\u2022\u00b7]\s*"
    else:
        separators = r"\s*,\s*|\s+and\s+(?=\d)"
    parts = [*_rejoin(re.split(separators, outer)), *(x for s in inner for x in re.split(r"\s*,\s*", s))]
    for part in (p for x in parts for p in _and_split(x)):
        part = _ARTICLE.sub("", _TIMES.sub("", COUNT.sub("", part.strip(" .\u2022-*"))).strip(" ."))
        if f.key == "reports_to":
            if _DOTTED.match(part):
                continue  # "Director of Finance; dotted line to the COO": the supervisor is the first
            part = _without_person(_REPORTING.sub("", part))  # "administrative reporting to the Administrator"
        if not part or re.search(r"\d", part) and not re.search(r"[A-Za-z]{3}", part):
            continue
        typ = classify(part, {}, list_context=True)
        if f.key == "reports_to" and part[:1].isupper() and len(part.split()) <= 9:
            # a Reports-to value names the supervisor: a role, unless it is a body ("Board of Trustees")
            head = PARENS.sub("", part).split(",")[0].split()[-1].lower()
            out.append((part, UNIT if head in UNIT_WORDS and typ != ROLE else ROLE))
            continue
        whole = (len(part.split()) <= 9 and part[:1].isupper() and role_like(part)
                 and (typ is not None or len(part.split()) > 1))
        if part[:1].isupper() and 1 < len(part.split()) <= 9 and part.split()[-1].lower() in UNIT_WORDS:
            out.append((part, typ if typ in (UNIT, ORGANIZATION) else UNIT))  # "Developer Experience working group"
            continue
        if whole or (typ is not None and len(part.split()) <= 6):
            out.append((part, ROLE if whole else typ))
            continue
        i = f.value.find(part)
        if i >= 0:
            s = to_rep(f.start + i)
            e = to_rep(f.start + i + len(part))
            out += [(t.name, t.type) for t in targets(rep.text, s, e, list_context=True)]
    return out
