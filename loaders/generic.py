"""Loader for job and position descriptions of other organisations.

Counties, cities, state agencies, universities and school districts write their
descriptions with labelled fields ("Reports to:", "Supervises:", "Job Code:"),
sometimes with the value on the next line, and with sections such as
"Supervision Received" / "Supervision Exercised". Prose reporting lines are
read by the shared relation rules.
"""

from __future__ import annotations

import re
from pathlib import Path

from orgkg.ontology.schema import ORGANIZATION, PART_OF, SUPERVISES, UNDER_DIRECTION_OF, UNIT

from .mentions import classify
from .model import Evidence, Extraction, Relation
from .phrases import targets
from .text import Repaired, lazy_regex

NAME = "generic"

FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("position title", "job title", "working title", "title", "position", "position name", "job name"),
    "official": ("class title", "classification title", "official title", "classification", "job classification",
                 "class", "civil service title", "official class title"),
    "code": ("job code", "job class code", "class code", "job id", "job number/code", "position code/number",
             "classification code", "position code", "job number", "class number",
             "position number", "job no", "class no", "code"),
    "grade": ("pay grade", "salary grade", "grade", "pay range", "salary range", "range", "band", "level", "grade level",
              "salary grade/range", "pay grade/range", "grade/range", "pay band", "salary band", "pay level"),
    "months": ("months", "work year", "months per year"),
    "flsa": ("flsa status", "flsa", "overtime eligible", "exempt status", "flsa designation"),
    "department": ("department", "dept", "division", "office", "agency", "bureau", "unit", "organization",
                   "college", "school"),
    "reports_to": ("reports to", "reporting to", "supervisor", "immediate supervisor", "supervised by",
                   "reports directly to", "position reports to"),
    "supervises": ("supervises", "supervisory responsibility", "positions supervised", "direct reports",
                   "staff supervised"),
}
SECTION_LABELS: dict[str, tuple[str, ...]] = {
    "summary": ("summary", "position summary", "job summary", "general description", "definition",
                "nature of work", "purpose", "position purpose", "general purpose", "distinguishing characteristics",
                "overview", "description", "general statement of duties", "class summary", "scope",
                "supervision received", "supervision exercised", "supervision received and exercised",
                "organizational relationships", "reporting relationships", "working relationships"),
    "duties": ("essential functions", "essential duties", "essential duties and responsibilities", "duties",
               "examples of duties", "duties and responsibilities", "responsibilities", "typical duties",
               "examples of essential functions", "major duties", "job duties", "illustrative examples of work",
               "examples of work", "key responsibilities", "principal duties"),
    "ksa": ("knowledge, skills and abilities", "knowledge, skills, and abilities", "knowledge skills and abilities",
            "required knowledge, skills and abilities", "knowledge and abilities", "skills", "competencies",
            "required skills", "knowledge", "abilities", "qualifications", "minimum qualifications",
            "required qualifications", "preferred qualifications"),
    "education": ("education", "education and experience", "training and experience", "experience",
                  "education/experience", "minimum education and experience", "education and training",
                  "experience and training"),
    "certificate": ("licenses", "certifications", "licenses and certifications", "license or certificate",
                    "licensing", "certificates", "required licenses or certifications",
                    "licenses, certifications and registrations", "special requirements"),
    "physical": ("physical demands", "physical requirements", "working conditions", "work environment",
                 "environmental conditions", "physical and mental requirements"),
}

_LABEL_INDEX: dict[str, tuple[str, str]] = {}
for _kind, _labels in FIELDS.items():
    for _l in _labels:
        _LABEL_INDEX[_l] = ("field", _kind)
for _kind, _labels in SECTION_LABELS.items():
    for _l in _labels:
        _LABEL_INDEX.setdefault(_l, ("section", _kind))

# compiled on first use (lazy_regex): MCPS pages, most of a corpus, never need them
_LINE = lazy_regex(r"[^\n]*\n?")
_LABELLED = lazy_regex(r"^\s*([A-Za-z][A-Za-z ,/&()'\-]{1,60}?)\s*:\s*(.*)$")


def detect(text: str) -> float:
    head = text[:4000].lower()
    hits = sum(1 for lab in ("reports to", "job title", "position title", "essential functions", "flsa",
                             "supervision received", "job code", "class code", "minimum qualifications",
                             "essential duties", "supervision exercised", "job summary")
               if lab in head)
    return min(0.9, 0.2 + 0.15 * hits)


def load(ex: Extraction, rep: Repaired) -> list[tuple[str | None, int, int]]:
    t = rep.text
    role: dict = {"working_title": None, "official_title": None, "code": None, "grade": None,
                  "months": None, "overtime_eligible": None, "title_source": None}
    lines = [(m.start(), m.end()) for m in _LINE().finditer(t) if m.end() > m.start()]
    sections: list[tuple[str | None, int, int]] = []
    cur_key: str | None = None
    cur_start = 0
    fields: dict[str, tuple[str, int, int]] = {}
    pending: str | None = None  # a field label alone on its line: its value is on the next line
    first_line: tuple[int, int] | None = None  # the first title-like line among the first few
    lines_seen = 0
    for a, b in lines:
        raw = t[a:b].rstrip("\n")
        stripped = raw.strip()
        if not stripped:
            continue
        if first_line is None and lines_seen < 6 and _title_like(stripped) and not _HEADING().match(stripped):
            first_line = (a + raw.index(stripped[0]), a + len(raw.rstrip()))
        lines_seen += 1
        if pending:
            if _label_of(stripped) is None:
                fields.setdefault(pending, (stripped, a + raw.index(stripped[0]), a + len(raw.rstrip())))
                pending = None
                continue
            pending = None
        label = _label_of(stripped)
        if label is not None:
            kind, key, value, voff = label
            if kind == "field":
                if value:
                    vs = a + raw.index(stripped[0]) + voff
                    for k2, v2, s2 in _inline_fields(value, vs):
                        if v2:
                            fields.setdefault(k2 or key, (v2, s2, s2 + len(v2)))
                else:
                    pending = key
                continue
            sections.append((cur_key, cur_start, a))
            cur_key, cur_start = key, a + raw.index(stripped[0]) + voff if value else b
            continue
    sections.append((cur_key, cur_start, len(t)))
    sections = [(k, s, e) for k, s, e in sections if e > s and t[s:e].strip()]

    title = fields.get("title") or fields.get("official")
    if title:
        role["working_title"] = title[0]
        role["official_title"] = (fields.get("official") or title)[0]
        role["title_source"] = "field"
    elif first_line is not None and _title_like(t[first_line[0]:first_line[1]]):
        role["working_title"] = t[first_line[0]:first_line[1]].strip(" #*")
        role["title_source"] = "first line"
        sections = [(k, max(s, first_line[1]) if s <= first_line[0] else s, e) for k, s, e in sections]
    else:
        role["working_title"] = Path(ex.doc).stem.replace("_", " ").replace("-", " ").strip().title()
        role["title_source"] = "file name"
    if "code" in fields:
        role["code"] = fields["code"][0]
    if "grade" in fields and not fields["grade"][0].lstrip().startswith("$"):
        role["grade"] = fields["grade"][0]
    if "months" in fields:
        m = re.search(r"\d+", fields["months"][0])
        role["months"] = int(m.group(0)) if m else None
    if "flsa" in fields:
        v = fields["flsa"][0].lower()
        role["overtime_eligible"] = ("non" in v and "exempt" in v) or v.startswith("yes")
    ex.role = role
    for key, rtype in (("department", PART_OF), ("reports_to", UNDER_DIRECTION_OF), ("supervises", SUPERVISES)):
        if key in fields:
            _field_relation(ex, rep, fields[key], rtype, key)
    ex.sections = {k: rep.span(s, e) for k, s, e in sections if k}
    ex.missing = [k for k in ("summary", "duties", "ksa", "education") if k not in ex.sections]
    ex.missing += [f for f in ("code", "grade") if role[f] is None]
    ex.truncated = False
    return sections


_FIELD_LABELS = sorted((lab for lab, (kind, _) in _LABEL_INDEX.items() if kind == "field" and len(lab) > 4),
                       key=len, reverse=True)
_INLINE = lazy_regex(r"(?:\s|\|)\s*(" + "|".join(re.escape(lab) for lab in _FIELD_LABELS) + r")\s*:\s*", re.IGNORECASE)


def _inline_fields(value: str, start: int) -> list[tuple[str, str, int]]:
    """'Accounting Technician II   Job Code: 4410' -> the title, then (code, '4410')."""
    out = []
    m = _INLINE().search(value)
    first = value[:m.start()].strip(" |") if m else value
    out.append(("", first, start))
    while m:
        nxt = _INLINE().search(value, m.end())
        piece = value[m.end():nxt.start() if nxt else len(value)].strip(" |")
        key = _LABEL_INDEX[re.sub(r"\s+", " ", m.group(1).lower())][1]
        out.append((key, piece, start + m.end()))
        m = nxt
    return out


# lines that head a page but are not the job's title
_HEADING = lazy_regex(r"^(?:(?:job|position|class|classification)\s+(?:description|specification|profile|summary)s?"
                      r"|(?:city|county|state|town|village|university|commonwealth|department|office|board)\s+of\b.*"
                      r"|.*\b(?:public schools|school district|university|college|county|city)$)", re.IGNORECASE)


def _title_like(line: str) -> bool:
    """A first line that reads as a job title: short, no sentence punctuation, not a label."""
    line = line.strip(" #*")
    return (0 < len(line) <= 90 and len(line.split()) <= 12 and not line.endswith((".", ";", ":"))
            and _label_of(line) is None and any(c.isalpha() for c in line))


def _label_of(line: str):
    """(kind, key, value, value offset) when the line starts with a known label."""
    m = _LABELLED().match(line)
    if m:
        lab = re.sub(r"\s+", " ", m.group(1).strip().lower())
        hit = _LABEL_INDEX.get(lab)
        if hit:
            return hit[0], hit[1], m.group(2).strip(), m.start(2)
        return None
    lab = re.sub(r"\s+", " ", line.strip().rstrip(":").lower())
    hit = _LABEL_INDEX.get(lab)
    if hit and len(line) <= 70:
        return hit[0], hit[1], "", len(line)
    return None


_NO_VALUE = lazy_regex(r"^(?:none|n/?a|not applicable|tbd|to be determined|varies|various|no\b.*|-+)\.?$", re.IGNORECASE)


def _field_relation(ex: Extraction, rep: Repaired, field: tuple[str, int, int], rtype: str, key: str) -> None:
    value, s, e = field
    if _NO_VALUE().match(value.strip()):
        return  # "Supervises: None", "Reports to: N/A"
    oa, ob = rep.span(s, e)
    ev = Evidence(ex.doc, "header", rep.original[oa:ob], oa, ob, f"field.{key}")
    found = []
    pos = s
    for piece in re.split(r"[;•]", rep.text[s:e]):  # "Crew Leaders; Maintenance Workers"
        found += targets(rep.text, pos, pos + len(piece), list_context=True)
        pos += len(piece) + 1
    if not found:
        name = re.sub(r"\s+", " ", value).strip(" .;")
        typ = classify(name, {}, list_context=True)
        if name and typ:
            ex.relations.append(Relation(rtype, name, typ, ev))
        return
    for tg in found:
        if rtype == PART_OF and tg.type not in (UNIT, ORGANIZATION):
            continue
        ex.relations.append(Relation(rtype, tg.name, tg.type, ev))
