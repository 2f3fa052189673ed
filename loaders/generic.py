"""Loader for job and position descriptions of other organisations.

Counties, cities, states, federal agencies, universities, hospitals, companies and charities write their
descriptions with labelled header fields in many layouts (read by `fields`), a title somewhere among the
page's first lines (`titles`), and sections such as "Supervision Received" or "Key Responsibilities". The
header values come from `header`; the relations a labelled field states (Reports to, Supervises, Department,
Key contacts, Chain of command) are made here with confidence 1.0; prose is read by the shared relation rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path

from orgkg.ontology.schema import ORGANIZATION, PART_OF, ROLE, UNDER_DIRECTION_OF, UNIT

from . import furniture, header
from .fields import SEPARATOR, Field, Layout, field_map, label_at, scan
from .labels import FIELD_RELATIONS
from .lexicon import UNIT_HEADS, VERBS
from .mentions import ACRONYM, classify, headed_name
from .model import Evidence, Extraction, Relation
from .phrases import shared_head_names, targets
from .text import Repaired
from .titles import _DOC_TYPE, _EMPLOYER, LOW, find_title, is_navigation, role_like
from .warnings import navigation

NAME = "generic"

_MARKERS = ("reports to", "job title", "position title", "essential functions", "flsa", "supervision received",
            "job code", "class code", "minimum qualifications", "essential duties", "supervision exercised",
            "job summary", "responsible to", "job description", "position description", "key responsibilities",
            "qualifications", "line manager", "direct reports", "role description", "person specification")


def detect(text: str) -> float:
    """0.2 plus 0.15 per marker of a job description in the first 4,000 characters, at most 0.9."""
    head = text[:4000].lower()
    return min(0.9, 0.2 + 0.15 * sum(1 for lab in _MARKERS if lab in head))


def load(ex: Extraction, rep: Repaired) -> list[tuple[str | None, int, int]]:
    """Fill the header fields of `ex` and its field relations; return section spans of the repaired text.
    A page that reads as navigation (a search result list, a sign-in or error page) gives no title and no
    sections: nothing is read from it rather than invented (`warnings.check` says why)."""
    layout = scan(rep.original)  # the original keeps the runs of spaces that separate a flattened table's cells
    to_rep = _forward(rep)
    values = {k: f.value for k, f in field_map(layout.fields).items()}
    title = find_title(_head_lines(rep.original, layout), rep.original, values)
    nav = navigation(rep.original)
    if nav and (nav[1] or title.confidence < LOW):
        return _navigation_page(ex)
    role: dict = {"working_title": None, "official_title": header.official_of(values), "code": header.code_of(values),
                  "grade": header.grade_of(values) or title.grade, "months": header.months_of(values, rep.original),
                  "overtime_eligible": header.overtime_of(values, rep.original), "title_source": title.source,
                  "title_confidence": title.confidence}
    role["working_title"] = header.strip_code(title.text) if title.text else role["official_title"]
    ex.role = role
    if title.text is None and role["working_title"] is None:
        # the relations need a described role: the file name stands in, said loudly (source, confidence, warning)
        guess = Path(ex.doc).stem.replace("_", " ").replace("-", " ").strip().title() or None
        role.update(working_title=guess, title_source="file name", title_confidence=0.1 if guess else 0.0)
        ex.warnings.append(f"no-title: no job title found on the page; named {guess!r} after the file")
    elif title.confidence < LOW:
        ex.warnings.append(f"low-title-confidence: title {role['working_title']!r} read from the page's "
                           f"{title.source} without a label or a role word")
    field_lines = set()
    for f in layout.fields:
        if f.key in FIELD_RELATIONS and not f.empty and _field_relations(ex, rep, f, to_rep):
            field_lines.add(_line_span(rep.original, f.start))
    _head_unit(ex, rep.original, layout, title.text)
    sections = _sections(rep.original, layout, field_lines, to_rep)
    spans: dict[str, tuple[int, int]] = {}
    for k, s, e in sections:  # a section cut into pieces spans from its first piece to its last
        if k:
            spans[k] = (min(s, spans.get(k, (s, e))[0]), e)
    ex.sections = {k: rep.span(s, e) for k, (s, e) in spans.items()}
    ex.missing = [k for k in ("summary", "duties", "ksa", "education") if k not in ex.sections]
    ex.missing += [f for f in ("code", "grade") if role[f] is None]
    ex.truncated = False
    return sections


def _navigation_page(ex: Extraction) -> list[tuple[str | None, int, int]]:
    """A page that is only navigation: no title, no header values, no sections to read relations from."""
    ex.role = {"working_title": None, "official_title": None, "code": None, "grade": None, "months": None,
               "overtime_eligible": None, "title_source": "none", "title_confidence": 0.0}
    ex.warnings.append("no-title: no job title found; the page looks like navigation, not a job description")
    ex.sections, ex.missing, ex.truncated = {}, ["summary", "duties", "ksa", "education", "code", "grade"], False
    return []


def _forward(rep: Repaired) -> Callable[[int], int]:
    """Offset in the original -> offset in the repaired text (the first repaired character at or after it)."""
    if not rep.steps:
        return lambda o: o
    idx = range(len(rep.text) + 1)
    return lambda o: bisect_left(idx, o, key=lambda i: rep.origin(i) if i < len(rep.text) else len(rep.original))


def _line_span(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b < 0 else b


def _head_lines(text: str, layout: Layout) -> list[str]:
    """The page's lines before its first section heading, field lines left out but for an unlabelled first
    cell ("SENIOR PLANNER        Class Code: 1234")."""
    starts = {_line_span(text, f.start)[0] for f in layout.fields}
    out, pos = [], 0
    for line in text[:layout.head_end].split("\n"):
        if pos not in starts and line.strip():
            out.append(line)
        elif line.strip():
            first = SEPARATOR.split(line.strip(), maxsplit=1)[0]
            if ":" not in first and label_at(first, True) is None and first != line.strip():
                out.append(first)
        pos += len(line) + 1
    return out


_UNIT_LINE = re.compile(r"^(?:(?:Division|Department|Office|College|School|Faculty|Bureau|Directorate|Branch|Section|Unit|"
                        r"Institute|Program|Programme)\s+(?:of|for)\s+[A-Z].*|.*\b(?:Division|Department|Office|Directorate|Bureau|"
                        r"Branch|Section|Unit|Team|Faculty))$")
_GOVERNMENT = re.compile(r"\b(?:state|commonwealth|county|city|town|government|ministry)\b", re.IGNORECASE)


_HEAD_SCAN = 80  # head lines searched for the title's line


def _head_unit(ex: Extraction, text: str, layout: Layout, title: str | None) -> None:
    """The most specific unit named among the page's head lines, under the employer's line: 'Coastal State
    University / Division of Student Affairs', 'College of Arts and Sciences \u00b7 Department of Chemistry'.
    A 'Department of' under a government is the employer itself; a unit line right under the title ('Department
    of Transportation, Environmental Services Bureau') is read too. Inferred from position: confidence 0.7."""
    heads = _head_lines(text, layout)
    at = next((i for i, ln in enumerate(heads[:_HEAD_SCAN]) if title and title in ln), None)
    lines = [ln.strip() for ln in heads[:max(8, at + 3) if at is not None else 8]]
    found = None
    for i, line in enumerate(lines):
        if title and title in line or i == 0 or is_navigation(line) or _DOC_TYPE.search(line) or label_at(line, True):
            continue
        for piece in re.split(r"\s+[\u00b7|\u2014\u2013-]\s+|,\s+(?=[A-Z])", line):
            piece = piece.strip()
            if not _UNIT_LINE.match(piece) or len(piece.split()) > 10 or label_at(piece, True) or "  " in piece:
                continue
            if piece.startswith("Department") and any(_GOVERNMENT.search(x) for x in lines[:i + 1]):
                continue
            found = (piece, i)
    if found:
        a = text.find(found[0])
        ev = Evidence(ex.doc, "header", found[0], a, a + len(found[0]), "part_of.page_head")
        ex.relations.append(Relation(PART_OF, found[0], classify(found[0], {}, list_context=True) or UNIT, ev,
                                     confidence=0.7))


def _sections(text: str, layout: Layout, field_lines: set[tuple[int, int]], to_rep) -> list[tuple[str | None, int, int]]:
    """Section spans in the repaired text, page furniture left out (running headers and footers, what a job
    board adds after the description) and flattened table rows of the qualification sections cut into cells;
    lines whose fields gave relations are left out of the text before the first heading, so the prose rules do
    not read them a second time."""
    out = []
    repeated = furniture.repeated_lines(text)
    for key, s0, e0 in layout.sections:
        skip = _labelled_lines(text, s0, e0) if key in _CELL_SECTIONS else frozenset()  # "Shift: Days" is no competency
        for s, e in furniture.tidy(text, s0, e0, repeated, skip):
            if key in _CELL_SECTIONS:
                out += [(key, to_rep(a), to_rep(b)) for a, b in furniture.cells(text, s, e)]
                continue
            cuts = sorted(span for span in field_lines if s <= span[0] < e) if key is None else []
            for a, b in cuts:
                if a > s:
                    out.append((key, to_rep(s), to_rep(a)))
                s = max(s, b)
            if e > s:
                out.append((key, to_rep(s), to_rep(e)))
    return [(k, s, e) for k, s, e in out if e > s]


def _labelled_lines(text: str, start: int, end: int) -> frozenset[int]:
    """Starts of the lines of text[start:end] that open with a known field label ("Work Schedule: ..."), and of
    the line after a label alone ("Work Schedule:" / "Monday-Friday")."""
    out, pos, alone = set(), start, False
    for line in text[start:end].split("\n"):
        lab = label_at(line.strip(), True) if ":" in line else None
        if lab and lab[0] == "field" or alone and line.strip():
            out.add(pos)
            alone = bool(lab) and lab[0] == "field" and not line.strip()[lab[2]:].strip()
        pos += len(line) + 1
    return frozenset(out)


_CELL_SECTIONS = frozenset({"ksa", "education", "certificate"})  # where a table's cells are items of their own


_PARENS = re.compile(r"\s*\([^)]*\)")
_COUNT = re.compile(r"^(?:\d+(?:\s*[-\u2013]\s*\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:[-\u2013:]\s*)?",
                    re.IGNORECASE)
_TIMES = re.compile(r"\s*(?:\(\s*x\s*\d+\s*\)|x\s*\d+|\(\d+\))\s*$", re.IGNORECASE)
_TOP = ("board", "chief", "president", "ceo", "superintendent", "executive", "commissioner", "director", "vice")


def _field_relations(ex: Extraction, rep: Repaired, f: Field, to_rep) -> bool:
    """Add the relations field `f` states; False when its value is prose the relation rules should read."""
    rtype = FIELD_RELATIONS[f.key]
    if f.key not in ("unit", "unit_path") and _prose(f.value):
        return False
    a, b = _line_span(rep.original, f.start)
    line = rep.original[a:b]
    start = a + len(line) - len(line.lstrip())  # the span is the stripped line's: 'A ' gives 'A', not 'A' at 'A '
    ev = Evidence(ex.doc, "header", line.strip(), start, start + len(line.strip()), f"field.{f.key}")
    if f.key == "chain":
        _chain(ex, f.value, ev)
        return True
    if f.key in ("unit", "unit_path"):
        names = [n for n in map(_unit_name, _path(f.value)) if n]
        if f.key == "unit":  # "Agency: County of Alder Ridge" names the employer, not a unit of it
            names = [n for n in names if not _EMPLOYER.search(n[0])]
        for name, typ in names:
            ex.relations.append(Relation(PART_OF, name, typ, ev))
        for (child, ct), (parent, pt) in zip(names[1:], names):  # "Division / Branch / Unit": each in the one before
            ex.relations.append(Relation(PART_OF, parent, pt, ev, source=child, source_type=ct))
        return bool(names)
    found = _list_names(rep, f, to_rep)
    for name, typ in found:
        if rtype == UNDER_DIRECTION_OF and typ not in (ROLE, UNIT, ORGANIZATION):
            continue
        ex.relations.append(Relation(rtype, name, typ, ev))
    return bool(found)


_RELATION_WORDS = frozenset("under direction supervision guidance oversight report reports reporting responsible "
                            "accountable supervised directed managed by with".split())


def _prose(value: str) -> bool:
    """A sentence rather than a list of names: 'Directs the work of custodians on the assigned campus.',
    'Directly supervises 18-22 technicians.'"""
    words = [w.strip(".,;:()").lower() for w in value.split()]
    if not words or re.search(r"[;\u2022\u00b7]", value) or _COUNT.match(value.strip()) and words[0][:1].isdigit():
        return False  # a list, or a count of staff: "12 warehouse associates (Pickers, Packers)."
    if words[0] in VERBS or len(words) > 1 and words[0].endswith("ly") and words[1] in VERBS:
        return True
    verbish = any(w in VERBS or w in ("supervises", "delegates", "directs") for w in words[:6])
    # a full stop alone makes no sentence of a list ("Finance Department, the Budget Office and the Mayor's
    # Office."): it needs a verb or a relation word somewhere
    stated = verbish or any(w in VERBS or w in _RELATION_WORDS for w in words)
    return len(words) >= 6 and stated and (value.rstrip().endswith(".") or verbish)


def _chain(ex: Extraction, value: str, ev: Evidence) -> None:
    """'Charge Nurse > Nurse Manager > Director': each reports to the next; the role to the nearest one."""
    items = [_PARENS.sub("", p).strip(" .") for p in re.split(r"\s*(?:>|\u2192|->|\u203a|<|\u2190|<-)\s*", value)]
    items = [p for p in items if p]
    if len(items) == 1:  # "Chain of command: Shift Lead, Plant Manager, Director" (two names: when both are roles)
        commas = [p.strip() for p in re.split(r"\s*[,;]\s*", items[0]) if p.strip()]
        if len(commas) > 2 or ";" in items[0] or len(commas) == 2 and all(role_like(p) for p in commas):
            items = commas
    if "<" in value or "\u2190" in value or (any(t in items[0].lower() for t in _TOP)
                                              and not any(t in items[-1].lower() for t in _TOP)):
        items.reverse()  # written from the top down
    own = (ex.role.get("working_title") or "").lower()
    at = next((i for i, x in enumerate(items) if x.lower() == own), None)
    if at is not None:  # "Officer, Sergeant, Lieutenant" read for the sergeant: the officer reports to it
        for lower, upper in zip(items[:at], items[1:at + 1]):
            ex.relations.append(Relation(UNDER_DIRECTION_OF, upper, ROLE, ev, source=lower, source_type=ROLE))
        items = items[at + 1:]
    for lower, upper in zip(items, items[1:]):
        ex.relations.append(Relation(UNDER_DIRECTION_OF, upper, ROLE, ev, source=lower, source_type=ROLE))
    if items:
        ex.relations.append(Relation(UNDER_DIRECTION_OF, items[0], ROLE, ev, confidence=0.8))


_UNIT_WORDS = UNIT_HEADS | {"directorate", "directorates", "faculty", "ministry", "secretariat", "service"}


def _path(value: str) -> list[str]:
    """The units of a Department / Organization value: 'Agency / Office / Branch', 'DRLG - Growth Directorate -
    Funds Division' (split at dashes only when every piece is headed by a unit word or is an acronym; a comma
    says no order: 'Bridge Section, Central Office' and 'College of Engineering, Advising Office' both occur)."""
    pieces = [p.strip() for p in re.split(r"\s+/\s+|\s*[>\u203a;]\s*", value) if p.strip()]
    out = []
    for p in pieces:
        parts = [x.strip() for x in re.split(r"\s+[-\u2013\u2014]\s+", p) if x.strip()]
        headed = all(ACRONYM.match(x) or any(w.lower().strip(",.") in _UNIT_WORDS for w in _PARENS.sub("", x).split())
                     for x in parts)
        out += parts if len(parts) > 1 and headed else [p]
    return out


def _unit_name(piece: str) -> tuple[str, str] | None:
    """A unit named by a Department / Division value: parentheses (cost centres, acronyms) dropped, and a place
    after a comma ('Structures and Bridge Section, Central Office')."""
    name = _PARENS.sub("", piece).strip(" .,;")
    first = name.split(",")[0].strip()
    if first != name and any(w.lower() in _UNIT_WORDS for w in first.split()):
        name = first
    if not name or not name[:1].isalnum() or name[:1].islower() or name.lower().startswith(("assigned", "various")):
        return None
    typ = classify(name, {}, list_context=True)
    if typ in (UNIT, ORGANIZATION):
        return name, typ
    if typ is None and len(name.split()) <= 8:
        return name, UNIT  # the label says it is a unit: "Public Works", "Enrollment Management"
    return None


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


_ARTICLE = re.compile(r"^(?:the|an?|their|our|its)\s+", re.IGNORECASE)  # "the Records Unit": the name is "Records Unit"


def _list_names(rep: Repaired, f: Field, to_rep) -> list[tuple[str, str]]:
    """Names in a list value: 'Finance Officer (x2), Cashier; Grants Accountant', '8 (Arborists x 2, ...)'.
    A piece that reads as one title is kept whole, commas and all ('Nurse Manager, 4 West'); with semicolons
    in the value, only they separate names."""
    value = f.value
    out: list[tuple[str, str]] = []
    inner = re.findall(r"\(([^()]*,[^()]*)\)", value)  # "associates (Material Handlers, Forklift Operators)"
    outer = _PARENS.sub("", value)
    if f.key == "reports_to":
        separators = r"\s*[;\u2022\u00b7]\s*|\s+(?:and/)?or\s+"
    elif re.search(r"[;\u2022\u00b7]", outer):
        separators = r"\s*[;\u2022\u00b7]\s*"
    else:
        separators = r"\s*,\s*|\s+and\s+(?=\d)"
    parts = [*re.split(separators, outer), *(x for s in inner for x in re.split(r"\s*,\s*", s))]
    for part in (p for x in parts for p in _and_split(x)):
        part = _ARTICLE.sub("", _TIMES.sub("", _COUNT.sub("", part.strip(" .\u2022-*"))).strip(" ."))
        if f.key == "reports_to":
            part = _without_person(_REPORTING.sub("", part))  # "administrative reporting to the Administrator"
        if not part or re.search(r"\d", part) and not re.search(r"[A-Za-z]{3}", part):
            continue
        typ = classify(part, {}, list_context=True)
        if f.key == "reports_to" and part[:1].isupper() and len(part.split()) <= 9:
            # a Reports-to value names the supervisor: a role, unless it is a body ("Board of Trustees")
            head = _PARENS.sub("", part).split(",")[0].split()[-1].lower()
            out.append((part, UNIT if head in _UNIT_WORDS and typ != ROLE else ROLE))
            continue
        whole = (len(part.split()) <= 9 and part[:1].isupper() and role_like(part)
                 and (typ is not None or len(part.split()) > 1))
        if part[:1].isupper() and 1 < len(part.split()) <= 9 and part.split()[-1].lower() in _UNIT_WORDS:
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
