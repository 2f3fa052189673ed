"""Competencies from the qualification sections: split, typed and normalised.

The key is what makes "Knowledge of MCPS policies" in two documents one node:
lower-cased, punctuation and filler words dropped, plurals reduced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .segment import LOOK_BACK, clauses, sentences
from .text import has_case_folds, lower_twin

_PARENS = re.compile(r"\([^)]*\)")
_NON_WORD = re.compile(r"[^a-z0-9+#/ ]+")
TOOLS = ("Zoom", "Synergy", "Google applications", "Google Workspace", "Google Suite", "Outlook",
         "Microsoft Office", "Microsoft Word", "Microsoft Excel", "Excel", "Word", "PowerPoint", "Access",
         "Performance Matters Unify", "Oracle", "SAP", "Canvas", "Schoology", "myMCPS", "Naviance",
         "SharePoint", "Teams", "Microsoft Teams", "Tableau", "SQL", "Python", "AutoCAD", "Workday",
         "PeopleSoft", "Kronos", "QuickBooks", "Adobe", "Photoshop", "Salesforce")
_TOOLS_RE = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in sorted(TOOLS, key=len, reverse=True)) + r")\b")
# every tool name holds one of these (the names holding no other name): a clause without any has no tools.
# No \b in front, so sre skips ahead on the set of first letters instead of trying each position
_ANY_TOOL = re.compile("|".join(re.escape(t) for t in sorted(TOOLS) if not any(o != t and o in t for o in TOOLS)))
_TOOL_LEADS = ("proficien", "experience", "familiar", "skill", "knowledge")
_TOOL_RE = re.compile(r"\b(?:proficien(?:t|cy)|experience|familiar(?:ity)?|skilled?|knowledge)\s+(?:with|in|of)\s+"
                      r"(?:the\s+)?(?:use\s+of\s+)?(.+)", re.IGNORECASE)

_LEADS = (
    (r"(?:thorough|broad|extensive|working|strong|basic|general|some|demonstrated|in-depth|solid|good|particular|sound)?\s*"
     r"(?:knowledge|understanding|awareness)\s+(?:and\s+application\s+)?(?:of|in|about)\s*:?\s+", "knowledge"),
    (r"(?:demonstrated\s+|proven\s+|excellent\s+|strong\s+)?(?:ability|able)\s+to\s*:?\s+", "ability"),
    (r"(?:must\s+be\s+able\s+to)\s+", "ability"),
    (r"(?:skill(?:s|ed)?)\s+(?:in|at|with)\s+", "skill"),
    (r"(?:excellent|outstanding|strong|exceptional|effective|good)\s+", "skill"),
    (r"(?:possession\s+of|must\s+possess|possess(?:es)?)\s+(?:an?\s+|the\s+)?", "skill"),  # the kind from its words
    # the candidate as the subject: "You have 5+ years of ...", "Must have a valid license", "Ideal candidates will
    # have a degree in ..." (the kind from the words after)
    (r"(?:you(?:'ve|\u2019ve|'re|\u2019re|'ll\s+have|\u2019ll\s+have|\s+have|\s+are|\s+bring|\s+hold|\s+will\s+have)"
     r"|must\s+(?:have|hold)|(?:the\s+)?(?:ideal|successful|qualified)\s+(?:candidates?|applicants?)\s+(?:will\s+)?"
     r"(?:have|has|possess(?:es)?|bring|hold))\s+(?:got\s+)?(?:an?\s+|the\s+)?", "skill"),
)
_FILLER = frozenset("the a an of and or to in for with on as well be by at its their all both".split())
# matched case-insensitively: through their lower_twin, or compiled (_ignorecase) for clauses with has_case_folds
_NOISE = r"^(?:other combinations|n/?a\b|none\b|\(special requirements)"
# what may stand in for a requirement is no competency of its own
_SUBSTITUTION = re.compile(r"\bmay (?:be considered|substitute)\b|\bsubstitut\w* for\b", re.IGNORECASE)
_LEAD_RES = tuple((r"^" + p, k) for p, k in _LEADS)
_EDU_KINDS = ((r"\b(?:degree|bachelor|master|doctorate|ph\.?d|diploma|ged|high school|college|university|tertiary"
               r"|b\.?sc|m\.?sc|mba|hons|nvq|gcse|a-levels?|qualification|graduate of|graduated from|b\.?e\.?/b\.?tech|b\.?tech"
               r"|m\.?tech|bsn|msn|llb)\b", "education"),
              (r"\bexperience\b|\byears?\b(?!\s+(?:of|from|after)\s+(?:hire|employment|appointment))", "experience"),
              (r"\b(?:certificat\w*|licen[sc]e\w*|credentials?|registration|registered with|certified|chartered|cdl"
               r"|cpa|cfa|cfp|be registered|registered in)\b", "certification"))
# (the kind whose word comes first: "Current registration with the College of X" is a certification,
# "Experience configuring degree audit software" an experience)
_NOISE_LOW = lower_twin(_NOISE)
_LEAD_LOW = [(lower_twin(p), k) for p, k in _LEAD_RES]
_EDU_KINDS_LOW = tuple((lower_twin(p), k) for p, k in _EDU_KINDS)


@cache
def _ignorecase() -> tuple[re.Pattern, list[tuple[re.Pattern, str]], tuple[tuple[re.Pattern, str], ...]]:
    """_NOISE, _LEAD_RES and _EDU_KINDS compiled IGNORECASE, on first use: only clauses with has_case_folds
    need them, and most corpora hold none."""
    return (re.compile(_NOISE, re.IGNORECASE), [(re.compile(p, re.IGNORECASE), k) for p, k in _LEAD_RES],
            tuple((re.compile(p, re.IGNORECASE), k) for p, k in _EDU_KINDS))


# how much the employer wants it, not part of the competency: "Fluency in Spanish preferred", "SQL is a plus"
# the run of blanks, commas and brackets before a qualifier is matched from its first character, once
# ("(" x 20,000 backtracked at every start: quadratic, minutes; found by bench/fuzz.py)
_QUALIFIER = re.compile(r"(?<![\s,(])[\s,(]++(?:(?:is|are|would be|will be)\s+)?(?:(?:strongly|highly)\s+)?"
                        r"(?:preferred|required|desirable|desired|an?\s+(?:plus|asset|advantage|bonus)|essential)\)?\s*$",
                        re.IGNORECASE)


# when it must be held, not part of it: "Class B CDL within six months", "... required within one year of hire"
_WITHIN = re.compile(r"[\s,]+(?:(?:is|are|will be)\s+)?(?:required\s+)?(?:within|by the end of)\s+[\w\s\-]{1,30}?"
                     r"\b(?:days?|weeks?|months?|years?)\b(?:\s+(?:of|from|after)\s+(?:the\s+date\s+of\s+)?"
                     r"(?:hire|employment|appointment))?\s*$", re.IGNORECASE)
# a category label before the item: "Education: Bachelor's degree", "Licenses and Certificates: ICC certificates"
_CATEGORY = re.compile(r"^((?:[A-Za-z]+(?:,?\s+|\s*/\s*)){0,4}[A-Za-z]+)\s*:\s+")
_CATEGORY_KINDS = {"education": "education", "training": "education", "experience": "experience",
                   "license": "certification", "licenses": "certification", "licensing": "certification",
                   "certificate": "certification", "certificates": "certification", "certification": "certification",
                   "certifications": "certification", "registration": "certification",
                   "licensure": "certification", "credential": "certification",
                   "credentials": "certification"}
_CATEGORY_WORDS = frozenset(_CATEGORY_KINDS) | frozenset(
    "and or other special minimum required preferred desirable essential requirements requirement qualifications "
    "qualification skills skill abilities ability knowledge competencies".split())
# a list item that continues the one before: "federal grant regulations, including the Uniform Guidance"
_ATTACHED = re.compile(r"^(?:including|such as|e\.g\.|especially|particularly|notably|as well as)\b", re.IGNORECASE)
_SHARED_TAIL = re.compile(r"\b(?:used|that|which|related to|relating to|applicable to|associated with|involved in)\b",
                          re.IGNORECASE)
# a degree (or a credential) and a length of experience in one clause: two items
_AND_YEARS = re.compile(r",?\s+(?:and|plus)\s+(?=(?:\d+\+?|one|two|three|four|five|six|seven|eight|nine|ten|several)"
                        r"\s+(?:\(\d+\)\s+)?(?:or more\s+)?(?:full[- ]time\s+)?(?:years?|months?)\b)", re.IGNORECASE)
_DEGREE = re.compile(r"\b(?:degree|diploma|ged|bachelor|master|doctorate|ph\.?d|associate's|certificate|certification"
                     r"|registration|licen[sc]e)\b", re.IGNORECASE)
_AND_OR = re.compile(r"(?:and|or|and/or)\s+", re.IGNORECASE)


@dataclass
class Item:
    name: str
    kind: str
    start: int  # span in the repaired text
    end: int


@lru_cache(maxsize=65536)  # the same competencies come back in document after document
def competency_key(name: str) -> str:
    s = name.lower().replace("&", " and ").replace("'s", "")
    s = _PARENS.sub(" ", s)
    s = _NON_WORD.sub(" ", s)
    words = []
    for w in s.split():
        if w in _FILLER:
            continue
        if len(w) > 4 and w.endswith("ies"):
            w = w[:-3] + "y"
        elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        words.append(w)
    return " ".join(words)


def competencies(text: str, start: int, end: int, section: str) -> list[Item]:
    """Individual competencies stated in text[start:end] (a qualification section)."""
    return [Item(name, kind, a, b) for name, kind, _, a, b in keyed_competencies(text, start, end, section)]


def keyed_competencies(text: str, start: int, end: int, section: str) -> list[tuple[str, str, str, int, int]]:
    """competencies() as (name, kind, competency_key(name), start, end), the key worked out once per distinct
    section text and no Item per competency and document."""
    lo, items = section_items(text, start, end, section)
    return [(name, kind, key, a + lo, b + lo) for name, kind, key, a, b in items]


def section_items(text: str, start: int, end: int, section: str) -> tuple[int, tuple[tuple[str, str, str, int, int], ...]]:
    """keyed_competencies() as an offset and the items with spans from it: the pipeline's form, which shifts
    only the spans of the competencies it keeps."""
    # Qualification sections repeat across a corpus word for word, so they are read once per distinct
    # text. The reading looks at most LOOK_BACK characters before `start` (sentence splitting; clauses
    # and items stay inside their sentence) and nothing after `end`, so that slice is the whole input.
    lo = max(0, start - LOOK_BACK)
    return lo, _section_items(text[lo:end], start - lo, section)


@lru_cache(maxsize=4096)
def _section_items(text: str, start: int, section: str) -> tuple[tuple[str, str, str, int, int], ...]:
    default = {"ksa": "skill", "education": "education", "certificate": "certification"}.get(section, "skill")
    items: list[tuple[str, str, str, int, int]] = []
    listed = None  # "Knowledge of:" alone on its line: the lines under it, up to a blank line, are of its kind
    for p0, p1 in _bullet_lines(text, start, len(text)):
        lead = _LEAD_ALONE.match(text, p0, p1)
        if lead:
            listed = _LEAD_KINDS[lead.group(1).lower()[:4]]
            continue
        blank_after = "\n\n" in text[p0:p1].rstrip(" \t") or text[p0:p1].rstrip(" \t").endswith("\n\n")
        for s0, s1 in sentences(text, p0, p1):
            carry = listed  # "Knowledge of: A; B; C": the clauses after a lead share its kind
            for c0, c1 in (x for c in clauses(text, s0, s1) for x in _degree_and_years(text, *c)):
                found = _clause_keyed(text[c0:c1], carry or default)
                for name, kind, key, a, b in found:
                    if _whole_words(text, a + c0, b + c0) and not _statement(name) and not _heading(name):
                        items.append((name, kind, key, a + c0, b + c0))
                if found and found[0][1] in ("knowledge", "ability") and text[c0:c1].find(":") >= 0:
                    carry = found[0][1]
        if blank_after:
            listed = None
    return tuple(items)


# a lead alone on its line, its items on the lines under it: "Knowledge of:", "Ability to:", "Skill in:"
_LEAD_ALONE = re.compile(r"\s*(?:[-*\u2022]\s*)?(knowledge\s+of|ability\s+to|abilities\s+to|skills?\s+in)\s*:?[ \t]*(?:\n|$)",
                         re.IGNORECASE)
_LEAD_KINDS = {"know": "knowledge", "abil": "ability", "skil": "skill"}


def _degree_and_years(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """"Bachelor's degree in X and three years of Y experience": an education and an experience."""
    m = _AND_YEARS.search(text, a, b) if _DEGREE.search(text, a, b) else None
    if m and _DEGREE.search(text, a, m.start()):
        return [(a, m.start()), (m.end(), b)]
    return [(a, b)]


# a bulleted or numbered line starts an item of its own even when the line before has no full stop
_BULLET_LINE = re.compile(r"\n[ \t]*(?=[-*\u2022\u00b7\u2013\u2192]\s|\d{1,2}[.)]\s)")
# a line that starts with a capital or a number after a line that does not run on is an item of its own, as
# the list items of an HTML page or a Word file are ("Bachelor's degree in Accounting" / "2+ years of ...")
_NEW_LINE_ITEM = re.compile(r"(?<![,:(&/\-\u2013])\n[ \t]*(?=[A-Z0-9])")
_RUNS_ON = frozenset("and or of in the a an to with for including as by on at from nor".split())


def _bullet_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = {m.start() + 1 for m in _BULLET_LINE.finditer(text, start, end)}
    for m in _NEW_LINE_ITEM.finditer(text, start, end):
        words = text[max(start, m.start() - 20):m.start()].split()
        if words and words[-1].lower() not in _RUNS_ON:
            cuts.add(m.start() + 1)
    cuts = [start, *sorted(cuts), end]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _whole_words(text: str, a: int, b: int) -> bool:
    """An item never starts or ends inside a word."""
    return not (a > 0 and text[a - 1].isalnum() and text[a].isalnum()) and not (b < len(text) and text[b - 1].isalnum()
                                                                                 and text[b].isalnum())


# a sentence about the application or the candidate, not a competency: "resume must provide evidence of ..."
_STATEMENT = re.compile(r"^(?:your|you|we|our|this|the successful|candidates?|applicants?|only shortlisted)\b"
                        r"|[$\u00a3\u20ac]"
                        r"|\b(?:equal opportunity|qualified applicants|consideration for employment|compensation)\b"
                        r"|^(?-i:[A-Z][\w&]*\s+){1,4}(?:is|are|offers|provides|values|welcomes)\s|^(?:to\s+)?apply\b|_{3,}"
                        r"|\b(?:must|will|should|shall)\s+(?:be\s+)?(?:fully\s+)?(?:provide|submit|include|attach|demonstrate"
                        r"|show|contain|have|documented|verified)\b", re.IGNORECASE)


def _heading(name: str) -> bool:
    """A heading read as an item: "Education, Experience, Licensure"."""
    return set(re.findall(r"[a-z]+", name.lower())) <= _CATEGORY_WORDS


def _statement(name: str) -> bool:
    return bool(_STATEMENT.search(name))


@lru_cache(maxsize=16384)
def _clause_keyed(clause: str, default: str) -> tuple[tuple[str, str, str, int, int], ...]:
    """_clause_items of one clause, keyed, offsets from the clause's start. Sections that differ in a word
    share most clauses, and a clause's items depend on its own text alone (no pattern looks outside it)."""
    return tuple((i.name, i.kind, competency_key(i.name), i.start, i.end)
                 for i in _clause_items(clause, 0, len(clause), default) if 2 < len(i.name) <= 160)


def _clause_items(text: str, a: int, b: int, default: str) -> list[Item]:
    cat = _CATEGORY.match(text, a, b)  # "Education: ...", "Licenses and Certificates: ..."
    if cat and set(cat.group(1).lower().replace("/", " ").replace(",", " ").split()) <= _CATEGORY_WORDS:
        a = cat.end()
        default = next((_CATEGORY_KINDS[w] for w in cat.group(1).lower().split() if w in _CATEGORY_KINDS), default)
    clause = text[a:b].rstrip(".")
    # IGNORECASE patterns match slowly; without İ ı ſ K the lower-case twins on the lower-cased clause
    # match exactly where they would (see lower_twin)
    if has_case_folds(clause):
        s, (noise, leads, kinds) = clause, _ignorecase()
    else:
        s, noise, leads, kinds = clause.lower(), _NOISE_LOW, _LEAD_LOW, _EDU_KINDS_LOW
    if not clause.strip() or noise.match(s.strip()) or _SUBSTITUTION.search(clause):
        return []
    tools = _tools(text, a, b)
    if tools:
        return tools
    kind = default
    body_start = a
    for rx, k in leads:
        m = rx.match(s)
        if m:
            kind, body_start = k, a + m.end()
            break
    # "certification within one year of hire" is no experience, "Certificate III (or equivalent experience)" none
    typed = _PARENS.sub("", _WITHIN.sub("", s))
    if default == "education":
        kind = _first_kind(kinds, typed) or ("skill" if kind == "education" else kind)
    elif kind == default == "skill":  # "Bachelor's degree ...", "three years of ... experience" under Requirements
        kind = _first_kind(kinds, typed) or kind
    elif default in ("certification", "experience") and kind in ("skill", default):
        kind = default
    lead = _AND_OR.match(text, body_start, b)  # "and demonstrate bilingual skills": the item, not its conjunction
    body_start = lead.end() if lead else body_start
    body = _QUALIFIER.sub("", _WITHIN.sub("", text[body_start:b].rstrip(" .")))
    if kind == "knowledge" and "," in body:
        parts = _list_parts(text, body_start, body_start + len(body))
        if _separate(text, parts):
            return [Item(text[p:q], kind, p, q) for p, q in parts]
    return [Item(text[body_start:body_start + len(body)].strip(), kind, body_start, body_start + len(body))]


def _first_kind(kinds, s: str) -> str | None:
    """The kind whose pattern matches earliest in `s`, or None."""
    found = [(m.start(), k) for rx, k in kinds for m in (rx.search(s),) if m]
    return min(found)[1] if found else None


def _separate(text: str, parts: list[tuple[int, int]]) -> bool:
    """Whether a list after "Knowledge of" names several items: short parts, none continuing the one before
    ("..., including X"), and no words at its end that every part shares: "the methods, equipment and materials
    used in X" (a shared clause after short parts) and "building, plumbing, mechanical and electrical codes"
    (single words before a shared noun) are one item each."""
    words = [_PARENS.sub("", text[p:q]).split() for p, q in parts]
    if not parts or any(len(w) > 5 for w in words) or any(_ATTACHED.match(text[p:q]) for p, q in parts):
        return False
    last, before = text[parts[-1][0]:parts[-1][1]], words[:-1]
    if _SHARED_TAIL.search(last) and all(len(w) <= 2 for w in before):
        return False
    return not (len(parts) >= 3 and len(words[-1]) >= 2 and all(len(w) == 1 for w in before))


def _list_parts(text: str, a: int, b: int) -> list[tuple[int, int]]:
    parts = []
    # a comma, "and" or "or" inside parentheses separates nothing: "equipment (snooper trucks, rope access)"
    body = re.sub(r"\([^()]*\)", lambda m: "(" + re.sub(r"[,\s]", "_", m.group(0)[1:-1]) + ")", text[a:b])
    for m in re.finditer(r"(?:(?<=^)|(?<=,\s)|(?<=\band\s)|(?<=\bor\s))([^,]+?)(?=,|\s+and\s|\s+or\s|$)", body):
        p, q = a + m.start(1), a + m.end(1)
        seg = text[p:q].strip()
        if seg.lower() in ("and", "or", ""):
            continue
        seg = re.sub(r"^(?:and|or)\s+", "", seg)
        p = q - len(seg)
        parts.append((p, q))
    return parts


def _tools(text: str, a: int, b: int) -> list[Item]:
    if not _ANY_TOOL.search(text, a, b):  # most clauses name no tool: skip the lead test and _TOOL_RE's slow scan
        return []
    clause = text[a:b]
    low = clause.lower()
    if not any(map(low.__contains__, _TOOL_LEADS)) and not has_case_folds(clause):  # the regex has no fast scan
        return []
    m = _TOOL_RE.search(clause)
    if not m:
        return []
    out = []
    seg_start = a + m.start(1)
    seen: set[str] = set()
    for tm in _TOOLS_RE.finditer(text, seg_start, b):
        if tm.group(0) not in seen:
            seen.add(tm.group(0))
            out.append(Item(tm.group(0), "tool", tm.start(), tm.end()))
    # prefer the longest names ("Microsoft Teams" over "Teams")
    out.sort(key=lambda i: (i.start, -(i.end - i.start)))
    kept: list[Item] = []
    for i in out:
        if kept and i.start < kept[-1].end:
            continue
        kept.append(i)
    return kept if len(kept) >= 1 and any(k.name in clause for k in kept) else []
