"""The title a reader sees on a job description, and how sure the reading is.

A page may open with site navigation, breadcrumbs, the employer's name, a document-type heading ("Job
Description"), salary or schedule lines; the title sits among them, behind a label, or in a heading such as
"Position Description - Wildlife Biologist, GS-0486-11". `find_title` takes a labelled title first, then the
first head line that reads as a job title, then a hiring sentence ("We're hiring our first Head of X"), and
says how sure it is (`confidence`, 0..1): callers warn below `LOW`. An HTML page whose visible heading is no
title names the job in its own title (`page_title`). The word lists here are data.
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
cookie settings reject privacy policy terms accessibility site map feedback bookmark share & copyright notices
next previous prev back click here opportunity opportunities employment postings listings vacancies welcome
""".split())
# what a button next to a title says
_BUTTONS = frozenset("apply save share print email bookmark follow".split())
# a menu: three or more short capitalised items between separators ("Donate   Volunteer   Programs   Careers")
_MENU_SEP = re.compile(r"\s+[|\u00b7\u2022]\s+|[ \t]{2,}|\t")
_PIPES = re.compile(r"\s+[|\u00b7\u2022]\s+")
_MENU_ITEM = re.compile(r"^[A-Z][\w&'\u2019+\-]*(?:\s+[\w&'\u2019+\-]+){0,2}$")
# a breadcrumb or a menu: separators between short items
_CRUMB = re.compile(r"\u203a|\u00bb|\s>\s|\s/\s.*\s/\s|^\s*\u2190")
_NAV_PHRASE = re.compile(r"\b(?:skip to (?:main )?content|print this page|back to (?:results|search|jobs)|sign in|log ?in"
                         r"|apply now|job details|(?:an )?official website)\b", re.IGNORECASE)
_DOC_TYPE = re.compile(
    r"^(?:[\w&/()\-]+\s+){0,3}(?:job|position|class|classification|role|post|staff position|classified job)\s+"
    r"(?:description|specification|profile|questionnaire|cover sheet|advert|announcement|plan|summary)s?\b"
    r"|^(?:description de poste|job advert|vacancy|employee work profile)\b|classification plan"
    r"|^(?:employment|job|career)\s+opportunit(?:y|ies)$|^open\s+positions?$|^current\s+(?:job\s+)?(?:openings"
    r"|vacancies|postings)$|^(?:job|position|posting|vacancy|role)\s+(?:details|information|overview|summary)$",
    re.IGNORECASE)
_META = re.compile(r"[$\u00a3\u20ac]|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:full[- ]time|part[- ]time|remote|hybrid|permanent"
                   r"|posted|salary|per hour|/hr|/yr|fte|applicants|closing|page \d+ of \d+)\b", re.IGNORECASE)
ORG_WORDS = frozenset("""
county city town village state commonwealth university college schools school district nhs trust council hospital
hospitals health healthcare department ministry agency bureau inc inc. llc ltd ltd. corporation company international
foundation bank partners collaborative association government campus center centre institute authority network
services brands logistics group clinic society federation organisation organization service national federal
regional museum library
""".split())
# role nouns the agent suffixes below miss, beside the lexicon's role heads
TITLE_NOUNS = frozenset("""
associate associates intern interns guard guards lifeguard cook cooks chef chefs pilot pilots surgeon surgeons
midwife midwives nanny bailiff bailiffs marshal marshals sheriff constable warden wardens chaplain sexton cashier
hygienist medic medics sonographer aide
""".split())
# titles end in a role noun, often one of these agent suffixes ("Biologist", "Dispatcher", "Physiotherapist")
_AGENT = re.compile(r"(?:ist|er|or|ian|ant|ee|ive|ar|(?<=\w)wright|(?<=\w)smith|man|woman|person)s?$")  # not "Smith"
# words with an agent's ending that name no one: an employer's or a place's last word ("Acme Water", "Bell Tower")
_NOT_AGENT = frozenset("""
water power river harbor harbour tower center centre corner manor order number other summer winter silver copper
timber lumber paper chamber border sector floor door letter matter november october december september shelter
theater theatre meter fiber fibre cancer computer transfer calendar weather shore ridge harbor calendar quarter
headquarter headquarters cedar pier river's manner sugar dollar collar pillar cellar mortar radar nectar
""".split())
_LEVEL = re.compile(r"^(?:[ivx]+|\d{1,2}|[a-d])$")
_STATUS = (r"(?:full|part)[- ]time|temporary|temp|seasonal|per diem|prn|casual|limited[- ]term|fixed[- ]term|(?:non-?)?exempt"
           r"|open until filled|open continuously|continuous(?: recruitment)?|re-?posted|re-?advertised|new|updated"
           r"|extended|(?:internal|promotional)(?: only)?")
# a number that names a place, not a posting: "Store Manager - Store #412", "Captain, Station #7"
_NOT_AFTER_PLACE = "".join(f"(?<!\\b{w})(?<!\\b{w} )" for w in "store station unit site plant branch school shop route crew"
                           .split())
_SUFFIXES = (re.compile(r"\s*\|\s*[^|]+$"),  # "Senior Accountant | Acme Corp"
             # a pay rate: "Technician - Full Time - $25/hr", "Clerk, $18.50 per hour"
             re.compile(r"\s*[-\u2013\u2014,|]\s*[$\u00a3\u20ac][\d,.]+[kK]?(?:\s*[-\u2013]\s*[$\u00a3\u20ac]?[\d,.]+[kK]?)?"
                        r"(?:\s*(?:/|per)\s*\w+)?$", re.IGNORECASE),
             re.compile(r"\s*[-\u2013\u2014:]?\s*\b(?:job description|position description|job posting|careers?"
                        r"|(?:class|classification|job|position|role|person)\s+(?:specification|spec|profile))$", re.I),
             re.compile(r"\s*\((?:#|no\.?\s*|job id:?\s*|req(?:uisition)?\.?\s*#?:?\s*)[\w\-]+\)$", re.IGNORECASE),
             re.compile(_NOT_AFTER_PLACE + r"\s*(?:#|job id:?\s*)\d[\w\-]*$", re.IGNORECASE),
             # a requisition or posting number: "(2024-00418)", "- R0012345", "(Grade 14)"
             re.compile(r"\s*\((?:\d[\d\-/]{3,}|(?:pay\s+)?(?:grade|range|band|level)\s+[\w\-]+)\)$", re.IGNORECASE),
             re.compile(r"\s+[-\u2013\u2014]\s+(?:(?:r|req|jr|job)[\s#\-]*)?\d{4,}[\w\-]*$", re.IGNORECASE),
             # an employment status: "Library Assistant - Part Time", "Accountant II (Open Until Filled)"
             re.compile(r"\s*(?:[-\u2013\u2014,]\s*|\()(?:" + _STATUS + r")\)?$", re.IGNORECASE),
             re.compile(r"^(?:" + _STATUS + r")\s*[-\u2013\u2014:]\s*", re.IGNORECASE))
# an employer before or after the title: "TOWN OF WESTBURY - HIGHWAY FOREMAN", "Buyer \u2013 Harlow County"
_EMPLOYER = re.compile(r"^(?:the\s+)?(?:city|county|town|village|borough|township|state|commonwealth|university|port"
                       r"|district|province|municipality|parish)\s+of\s+\S|\b(?:county|city|town|village|inc\.?|llc|ltd\.?"
                       r"|corporation|company|university|college|district|authority|trust|council|hospital|schools)$",
                       re.IGNORECASE)
_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
_PIECES = re.compile(r"\s+[|\u00b7\u2022]\s+")
_PLACE = re.compile(r"(?:[A-Z][\w.'\-]*\s+){0,3}[A-Z][\w.'\-]*,\s*(?:[A-Z]{2}|[A-Z][a-z]+)(?:,\s*(?:US|USA|UK|[A-Z][a-z]+))?"
                    r"|remote(?:\s*\([^)]*\))?|hybrid", re.IGNORECASE)
# a classification value that is a status or a pay level, not a title ("Full-time, Exempt", "Band 6")
_NOT_TITLE = re.compile(r"\b(?:full[- ]time|part[- ]time|exempt|band|grade|level|scale|permanent|temporary|range)\b|\d{2,}",
                        re.IGNORECASE)
_CLASS_NUMBER = re.compile(r"^\d{3,6}\s*[-\u2013:.]?\s+(?=[A-Za-z])")  # "1027 Accountant I"
FEDERAL_GRADE = re.compile(r"\b(?:GS|GM|GG|WG|WS|WL|ES)[- ]?\d{3,4}[- ](\d{1,2})\b")
_GRADE_SUFFIX = re.compile(r",?\s*\b(?:GS|GM|GG|WG|WS|WL)[- ]?\d{3,4}[- ]\d{1,2}\s*$")
# "Job Description: X", "Position Description - X", "Job Description for X", "Now Hiring: X", after a policy or
# document number ("Policy 4112 - Job Description: X")
_HEADED = re.compile(r"^(?:[^|:]{1,40}?\s[-\u2013\u2014|]\s)?(?:(?:job|position|role|class|post)\s+(?:description|profile"
                     r"|specification|title|advert|posting|announcement|opening|vacancy)(?:\s+for)?|now\s+hiring"
                     r"|we(?:'|\u2019)re\s+hiring|vacancy|opening)"
                     r"(?:\s*(?::|\s[\u2014\u2013-])\s*|(?<=for)\s+)(.+)$", re.IGNORECASE)
_HIRING = re.compile(r"\b(?i:we(?:'|\u2019)re|we are|is)\s+(?:hiring|looking for|seeking|recruiting)\s+"
                     r"(?i:an?|our(?:\s+(?:first|next|new))?|the)\s+(?:(?i:experienced|talented|motivated|new)\s+)?"
                     r"([A-Z][\w&'\u2019\-]*(?:[ ,]+(?:of|and|for|the|[A-Z&][\w&'\u2019\-]*))*)")


@dataclass
class Title:
    text: str | None
    # "field", "heading", "first line", "breadcrumb", "hiring sentence", "page title" (an HTML page's og:title or
    # <title>, see page_title), "file name", "none"
    source: str
    confidence: float
    grade: str | None = None  # a federal grade the heading carried ("Wildlife Biologist, GS-0486-11")


def clean(title: str) -> tuple[str, str | None]:
    """The title without page furniture around it, and a federal grade found at its end.

    >>> clean("1027 Senior Accountant | Acme Corp")
    ('Senior Accountant', None)
    >>> clean("Wildlife Biologist, GS-0486-11")
    ('Wildlife Biologist', '11')
    >>> clean("TOWN OF WESTBURY - HIGHWAY FOREMAN")
    ('HIGHWAY FOREMAN', None)
    """
    t = title.strip(" \t#*:")
    grade = None
    pieces = _PIECES.split(t)
    if len(pieces) == 2 and not role_like(pieces[0]) and role_like(pieces[1]):
        t = pieces[1]  # "Harlow Unified School District | Director of Technology": the employer first
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
    pieces = _DASH.split(t)
    if len(pieces) >= 3 and _PLACE.fullmatch(pieces[-1]) and role_like(pieces[0]):
        return pieces[0].strip(" \t#*:,"), grade  # "Technician - Acme Water - Springfield, IL": title, employer, place
    if len(pieces) == 2 and any(_EMPLOYER.search(p) and not role_like(p) for p in pieces):
        kept = [p for p in pieces if not _EMPLOYER.search(p) or role_like(p)]
        if len(kept) == 1 and role_like(kept[0]):
            t = kept[0]
    return t.strip(" \t#*:,"), grade


def role_like(line: str) -> bool:
    """A line that names a job: its main phrase ends in a role noun, or it holds a role-head word.

    >>> role_like("Wildlife Biologist"), role_like("Riverside Regional Food Bank"), role_like("Elm Police Department")
    (True, False, False)
    """
    main = re.split(r"\s[-\u2013\u2014|]\s|,|\(", line, maxsplit=1)[0]
    words = [w.strip(".,;:'\u2019").lower() for w in main.replace("/", " / ").split()]
    while words and _LEVEL.match(words[-1]):  # "Records Technician II", "Economist 3"
        words.pop()
    if not words:
        return False
    # the head noun stands before "of/for/to": "City of Elm Police Department" is a city, "Director of Parks" a director
    head = next((words[i - 1] for i, w in enumerate(words) if i and w in ("of", "for", "to")), words[-1])
    if (head in UNIT_HEADS or head in ORG_WORDS) and head not in ROLE_HEADS:
        return False
    if any(w in ROLE_HEADS or w in TITLE_NOUNS for w in words):
        return True
    last = words[-1]
    return (bool(_AGENT.search(last)) and last not in UNIT_HEADS and last not in ORG_WORDS and len(last) > 4
            and last.rstrip("s") not in _NOT_AGENT and last not in _NOT_AGENT)


def is_navigation(line: str) -> bool:
    """Menus, breadcrumbs, 'Skip to main content', 'Apply  Save  Share  Print'."""
    return bool(_CRUMB.search(line) or _NAV_PHRASE.search(line)) or is_menu(line)


def is_menu(line: str, spaced: bool = True) -> bool:
    """A menu or a row of links: three or more short capitalised items between separators (runs of spaces
    only when `spaced`), or mostly navigation words ('Print Job Information | Apply').

    >>> is_menu("Contact Us   |   Site Map   |   Accessibility"), is_menu("Fire Captains   Engineers   Medics", False)
    (True, False)
    """
    items = [x.strip() for x in (_MENU_SEP if spaced else _PIPES).split(line.strip()) if x.strip()]
    if len(items) >= 3 and all(_MENU_ITEM.match(x) for x in items):
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
    if _COLLECTIVE.fullmatch(line.strip()):
        return True  # one plural or collective word is a menu item ("Visitors", "Careers", "Police")
    words = [w.strip(".,;:()").lower() for w in line.split()]
    org = any(w in ORG_WORDS for w in words) or re.search(r"\b(?:of|for)\s+[A-Z]", line) and not role_like(line)
    return bool(org and not role_like(line)) or not any(c.isalpha() for c in line)


_COLLECTIVE = re.compile(r"[A-Za-z]+s|police|fire|staff|faculty|crew|leadership|volunteer|donate", re.IGNORECASE)
_HEAD_LINES = 80  # a saved page may hold a long menu, one link a line, before its title
_LINK = re.compile(r"^[A-Z][\w'\u2019&\-]*(?:\s+(?:[A-Z][\w'\u2019&\-]*|and|of|a|the|&|to|for|in|us)){0,3}$")


def menu_block(lines: list[str]) -> set[int]:
    """Indices of lines in a run of five or more short capitalised lines: a menu, one link a line ("Home",
    "Residents", "Police", "Parks and Recreation", "Benefits", ...), whose items are no title and no heading.

    >>> sorted(menu_block(["Home", "Residents", "Police", "Benefits", "Contact Us", "Budget Analyst", "$50,000"]))
    [0, 1, 2, 3, 4]
    """
    out: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if _LINK.match(line.strip()) and not line.strip().isupper():
            run.append(i)
            continue
        buttons = []  # "Apply Now" after the title: a button, not the end of the menu
        while run and all(w.lower() in NAV_WORDS for w in lines[run[-1]].split()):
            buttons.append(run.pop())
        while run and _titled(lines[run[-1]]):  # the page's title right after its menu
            run.pop()
        while run and _titled(lines[run[0]]):
            run.pop(0)
        if len(run) >= 5:
            out.update(run)
        elif len(run) + len(buttons) >= 5 and not any(_titled(lines[k]) for k in run):
            out.update(buttons)
        run = []
    return out


def _titled(line: str) -> bool:
    return role_like(line.strip()) and not _COLLECTIVE.fullmatch(line.strip())


def _wrapped(line: str, nxt: str) -> str | None:
    """A capitalised title a PDF wrapped over two lines: 'SENIOR ENVIRONMENTAL HEALTH' / 'SPECIALIST'."""
    a, b = line.strip(), nxt.strip()
    if not (a.isupper() and b.isupper()) or role_like(a) or len(f"{a} {b}".split()) > 8 or _EMPLOYER.search(a):
        return None  # "ACME WATER DISTRICT" / "MAINTENANCE TECHNICIAN": an employer above its title
    if any(is_navigation(x) or _DOC_TYPE.search(x) or _META.search(x) or not re.fullmatch(r"[A-Z][A-Z &/'\-]*", x)
           for x in (a, b)):
        return None
    joined = f"{a} {b}"
    return joined if role_like(joined) and not _rejected(joined) else None


def _without_buttons(line: str) -> str:
    """A title line with the page's buttons beside it: 'Senior Planner    Apply    Save' -> 'Senior Planner'."""
    items = [x.strip() for x in _MENU_SEP.split(line) if x.strip()]
    kept = [x for x in items if not all(w.strip(".,:").lower() in NAV_WORDS for w in x.split())]
    line = kept[0] if len(items) > 1 and len(kept) == 1 else line
    words = line.split()  # the buttons joined to it by one space, as an HTML page's inline elements are
    while len(words) > 1 and words[-1].strip("|").lower() in _BUTTONS:
        words.pop()
    return " ".join(words) if len(words) < len(line.split()) else line


def _last_crumb(lines: list[str]) -> str | None:
    """The page's own name at the end of a breadcrumb: 'Home > Careers > Police Officer' -> 'Police Officer'."""
    for line in lines:
        parts = [p.strip() for p in re.split(r"\s*(?:\u203a|\u00bb|>|/)\s*", line) if p.strip()]
        if len(parts) >= 3:
            text = clean(parts[-1])[0]
            if text and role_like(text) and not is_navigation(text):
                return text
    return None


def find_title(head_lines: list[str], body: str, fields: dict[str, str]) -> Title:
    """The title from labelled fields (`fields`: key -> value, keys "title" / "official", then a "classification"
    that reads as a title), else the head lines (the page's lines before its first section, field lines left
    out; buttons beside a title left out), else the last item of a breadcrumb, else a hiring sentence in `body`.

    >>> find_title(["Skip to main content", "Careers > Jobs", "CITY OF ELM", "Water Plant Operator"], "", {}).text
    'Water Plant Operator'
    """
    for key in ("title", "official"):
        if fields.get(key):
            text, grade = clean(fields[key])
            if text:
                return Title(text, "field", 1.0, grade)
    for line in head_lines[:_HEAD_LINES]:
        m = _HEADED.match(line.strip())
        if m:
            text, grade = clean(m.group(1))
            if text and role_like(text):
                return Title(text, "heading", 0.9, grade)
    head = _head_title(head_lines)
    if head is not None and head.confidence >= LOW:  # the title a reader sees before "Classification: Analyst 4"
        return head
    v = fields.get("classification") or ""
    if v and not _NOT_TITLE.search(v) and len(v.split()) <= 8:  # "Classification: Police Sergeant"
        text, grade = clean(v)
        if text and role_like(text):
            return Title(text, "field", 0.9, grade)
    crumb = _last_crumb(head_lines[:_HEAD_LINES])
    if crumb:
        return Title(crumb, "breadcrumb", 0.6)
    m = _HIRING.search(body[:3000])
    if m:
        text = re.sub(r"[ ,]+(?:of|and|for|the)$", "", m.group(1).strip(" ,"))
        if role_like(text):
            return Title(text, "hiring sentence", 0.6)
    return head or Title(None, "none", 0.0)


def _head_title(head_lines: list[str]) -> Title | None:
    """The first head line that reads as a job title (confidence 0.9), else the first short line that is not
    navigation, an employer or meta data (0.3), else None."""
    fallback = None
    menu = menu_block(head_lines[:_HEAD_LINES])
    heads = head_lines[:_HEAD_LINES]
    for i, line in enumerate(heads):
        wrapped = _wrapped(line, heads[i + 1] if i + 1 < len(heads) else "")
        if wrapped:
            return Title(wrapped, "first line", 0.9)
        s = _without_buttons(line.strip())
        if not s or i in menu or _rejected(clean(s)[0] or s):
            continue
        text, grade = clean(s)
        if role_like(text):
            return Title(text, "first line", 0.9, grade)
        if fallback is None and len(text.split()) <= 8:
            fallback = Title(text, "first line", 0.3, grade)
    return fallback



def page_title(candidates: tuple[str, ...] | list[str]) -> str | None:
    """The job title in a page's own title (og:title, <title>): the whole when it reads as one, else the piece
    between pipes or dashes that does; None when no candidate names a job ("Careers", "Search Results").

    >>> page_title(["Airfield Operations Manager | Careers | Bayport Regional Airport Authority"])
    'Airfield Operations Manager'
    >>> page_title(["Quillstack - Senior Backend Engineer, Payments"]), page_title(["Halvorsen Institute - Careers"])
    ('Senior Backend Engineer, Payments', None)
    >>> page_title(["Accountant Jobs | City of Elm"]) is None  # a listing of jobs, not one
    True
    """
    for c in candidates:
        for pieces in (_PIECES.split(c), [x for p in _PIECES.split(c) for x in _DASH.split(p)]):
            for piece in pieces:
                text = clean(piece)[0]
                if text and role_like(text) and not _rejected(text) and not _DOC_TYPE.search(text) \
                        and not _LISTING.search(text):
                    return text
    return None


_LISTING = re.compile(r"\b(?:jobs|careers|openings|vacancies|positions|search|results|listings?)$", re.IGNORECASE)
