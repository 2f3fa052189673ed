"""Labelled header fields and section headings of job descriptions, read from the page's layout.

Organisations write their header fields in many layouts: "Label: value", a label and its value separated by
a run of spaces (a flattened table), a label alone on its line with the value on the next, several fields on
one line, or all labels in one block with their values in a later block. The label vocabulary is data, in
loaders/labels.py: label families -> field key (`FIELD_LABELS`), section headings -> section key
(`SECTION_LABELS`), and which field keys state a relation of the described role (`FIELD_RELATIONS`). The
values are `fieldmodel.Field`s; values that come lines after their labels are matched in loaders/pending.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .fieldmodel import Field, Layout
from .labels import FIELD_LABELS, SECTION_LABELS
from .pending import _JOINED, _SUPERVISOR_QUESTION, _pending_value, _Waiting, supervision_line
from .titles import _DOC_TYPE, menu_block, role_like


@lru_cache(maxsize=8192)  # the same labels and headings come back line after line, page after page
def _norm_label(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").strip().rstrip(":").strip().lower()
    return re.sub(r"\s*/\s*", "/", re.sub(r"\s+", " ", s))  # "Division / Bureau / Section" is "division/bureau/section"


LABEL_INDEX: dict[str, tuple[str, str]] = {}
for _key, _labels in FIELD_LABELS.items():
    for _lab in _labels:
        if _lab in LABEL_INDEX:
            raise ValueError(f"field label {_lab!r} listed twice ({LABEL_INDEX[_lab][1]} and {_key})")
        LABEL_INDEX[_lab] = ("field", _key)
for _key, _labels in SECTION_LABELS.items():
    for _lab in _labels:
        LABEL_INDEX.setdefault(_lab, ("section", _key))

# every known label, longest first, matched at the start of a segment in any case
_KNOWN = re.compile(r"(" + "|".join(re.escape(lab).replace(r"\ ", r"\s+").replace("'", "['\u2019]")
                                    .replace("/", r"\s*/\s*")
                                    for lab in sorted(LABEL_INDEX, key=len, reverse=True)) + r")(?![\w/&'\u2019])",
                    re.IGNORECASE)
# a capitalised field label with its colon after one space inside a line of fields: "Job Title: Clerk Department: Finance"
_INNER_LABEL = re.compile(r"\s+(?=(?=[A-Z])(?i:" + "|".join(
    re.escape(lab).replace(r"\ ", r"\s+").replace("'", "['\u2019]")
    for lab in sorted((k for k, v in LABEL_INDEX.items() if v[0] == "field"), key=len, reverse=True)) + r")\s*:\s)")
_ENUM = re.compile(r"^(?:section\s+[A-Z0-9]{1,3}\s*[\u2014\u2013:.\-]|\d{1,2}[.)]|[A-Z][.)]|[-\u2022*])\s+", re.IGNORECASE)
# an unknown "Label:" opening a segment: up to five words, the first capitalised
_OTHER_COLON = re.compile(r"^[A-Z][\w'\u2019&/()#.\-]*(?:\s+[\w'\u2019&/()#.\-]+){0,4}\s*:(?:\s|$)")
# where a line holds several fields: runs of two or more spaces, tabs, or a pipe or middle dot between spaces
SEPARATOR = re.compile(r"\s+[|\u00b7]\s+|[ \t]{2,}|\t")
_ABBREVIATED = re.compile(r"\b(?:no|dept|div|num|pos|ref)$", re.IGNORECASE)


def label_at(segment: str, first: bool) -> tuple[str, str, int] | None:
    """(kind, key, offset of the value) when `segment` opens with a label; kind "field", "section" or "other".

    A label followed by one space must be in capitals before a value that is not ("JOB CODE 4407", "REPORTS TO
    Director"), or, after a separator (`first` False), come before a number ("Job ID 77821"); a label of two
    words may open a line before one number ("Job Code 4410   |   Full Time").

    >>> label_at("Reports to:  Director of Finance", True)
    ('field', 'reports_to', 13)
    """
    m = _KNOWN.match(segment)
    if m:
        kind, key = LABEL_INDEX[_norm_label(m.group(1))]
        rest = segment[m.end():]
        # "Immediate Supervisor (Title): X", "Class No. 4431": a note or an abbreviation's full stop before the value
        colon = re.match(r"\s*(?:\([^()]{1,20}\)\s*)?:\s*", rest) or (
            re.match(r"\.\s+(?=\S)", rest) if _ABBREVIATED.search(m.group(1)) else None)
        if colon:
            return kind, key, m.end() + colon.end()
        if not rest.strip():
            return kind, key, len(segment)
        if re.match(r"\s{2,}|\t", rest):
            return kind, key, m.end() + len(rest) - len(rest.lstrip())
        digit = rest[1:2].isdigit() and (not first or " " in m.group(1).strip() and len(rest.split()) == 1)
        if rest[:1] == " " and (_caps_label(m.group(1), rest.strip()) or digit) and _titled(key, m.group(1), rest):
            return kind, key, m.end() + 1
    m = _OTHER_COLON.match(segment)
    if m and len(segment) - m.end() < 200:
        return "other", "other", m.end()
    return None


def _titled(key: str, label: str, value: str) -> bool:
    """A one-word title label without its colon ("POST", "Job", "Role") only before a value that reads as a title:
    "POST Advanced Certificate." and "Job Locations US-OH-Dayton" are a sentence and a job board's meta line."""
    return key not in ("title", "official") or " " in label.strip() or role_like(value.strip()) and not \
        value.rstrip().endswith(".")


def _caps_label(label: str, value: str) -> bool:
    """'PAY GRADE AUX-5', 'IMMEDIATE SUPERVISOR President': a label in capitals before a value that is not."""
    if not label.isupper():
        return False
    word = value.split()[0]
    return not word.isupper() or any(c.isdigit() for c in word)


def scan(text: str) -> Layout:
    """Read the fields and section headings of a page.

    >>> [(f.key, f.value) for f in scan("Job Title: Clerk   Job Code: 12\\nREPORTS TO\\nOffice Manager\\n").fields]
    [('title', 'Clerk'), ('code', '12'), ('reports_to', 'Office Manager')]
    """
    if "**" in text or "\n#" in text or text.startswith("#"):
        text = _blank_markdown(text)
    fields: list[Field] = []
    sections: list[tuple[str | None, int, int]] = []
    cur_key: str | None = None
    cur_start = 0
    head_end: int | None = None
    waiting = _Waiting()
    prev_end = 0
    spaced = _spaced_labels(text)
    sup_wait: tuple[str, str] | None = None  # a supervision heading or question, waiting for a name
    menu = _menu_lines(text)
    for m in re.finditer(r"[^\n]*\S[^\n]*", text):
        if text.count("\n", prev_end, m.start()) >= 2:
            waiting.blank()
        prev_end = m.end()
        line = m.group(0)
        stripped = line.strip()
        a = m.start() + len(line) - len(line.lstrip())
        enum = _ENUM.match(stripped)
        body, off = (stripped[enum.end():], a + enum.end()) if enum else (stripped, a)
        got, done = supervision_line(body, off)  # "Supervision Received: Fire Chief" / "... provided by a X"
        fields += got
        if done:
            continue
        got, sup_wait = _pending_value(sup_wait, body, off), None  # the name after "SUPERVISION RECEIVED" alone
        if got:
            fields.append(got)
            continue
        if _SUPERVISOR_QUESTION.match(body):  # a form's "Who is this position's immediate supervisor?"
            sup_wait = ("reports_to", "supervisor question")
            continue
        heading = _section_heading(body) if m.start() not in menu else None  # "Benefits" in a site menu
        if heading is not None:
            key, voff = heading
            waiting.clear()
            alone = re.fullmatch(r"supervision\s+(received|exercised)\s*:?", body.strip(), re.IGNORECASE)
            if alone:
                sup_wait = ("reports_to" if alone.group(1).lower() == "received" else "supervises",
                            f"supervision {alone.group(1).lower()}")
            sections.append((cur_key, cur_start, a))
            cur_key, cur_start = key, off + voff if voff < len(body) else a + len(stripped)
            if head_end is None:
                head_end = a
            continue
        found = _line_fields(body, off)
        if found is None and m.start() in spaced:  # "Job Title Maintenance Worker II" in a block of such lines
            key, label, voff = spaced[m.start()]
            found = [Field(key, label, body[voff:].strip(), off + voff, off + len(body))]
        if found is None and (row := waiting.row(body, off)):  # a table's header row of labels, then its values
            fields += row
            continue
        if found is None:  # no label: the value of a label waiting on an earlier line, or body text
            got = waiting.value(body, off)
            if got is not None and got[1] and got[0].key in _JOINED and fields and fields[-1].key == got[0].key:
                f = fields[-1]  # one more level of the path, one more link of the chain
                fields[-1] = Field(f.key, f.label, f"{f.value}{_JOINED[f.key]}{got[0].value}", f.start, got[0].end)
            elif got is not None:
                fields.append(got[0])
            fields += _trailing_fields(body, off)
            continue
        for f in found:
            if f.value.strip() or f.key == "other":
                fields.append(f)
            else:
                waiting.label(f.key, f.label)
        if any(f.value.strip() for f in found):
            waiting.keep({(f.key, f.label) for f in found if not f.value.strip()})
    sections.append((cur_key, cur_start, len(text)))
    sections = [(k, s, e) for k, s, e in sections if e > s and text[s:e].strip()]
    return Layout([f for f in fields if f.key != "other"], sections, head_end if head_end is not None else len(text))


_MARKDOWN = re.compile(r"\*\*:?|^#{1,6}(?= )", re.MULTILINE)


def _blank_markdown(text: str) -> str:
    """Markdown's bold markers and heading hashes as spaces ("**Reports to:** Director", "**Reports to**: Director",
    "## Key responsibilities"):
    the labels and headings under them read as in plain text, and every offset stays where it was.

    >>> _blank_markdown("## Duties\\n**Reports to:** Director")
    '   Duties\\n  Reports to:   Director'
    """
    # "**Reports to**: X": the colon moves to the label's end, so the label and its colon stay together
    return _MARKDOWN.sub(lambda m: ":  " if m.group(0) == "**:" else " " * len(m.group(0)), text)


_CAPITALISED_LABEL = re.compile(r"^(?:[A-Z][\w'\u2019/&#.\-]*\s+){0,4}?[A-Z][\w'\u2019/&#.\-]*$")


def _menu_lines(text: str) -> frozenset[int]:
    """Starts of the lines of a site menu written one link a line (titles.menu_block), in the first 200 lines."""
    starts: list[int | None] = []
    texts: list[str] = []
    prev = 0
    for m in list(re.finditer(r"[^\n]*\S[^\n]*", text[:20000]))[:200]:
        if "\n\n" in text[prev:m.start()] and _section_heading(m.group(0).strip()) is not None:
            starts.append(None)  # a heading after a blank line ends a menu written one link a line
            texts.append("")
        starts.append(m.start())
        texts.append(m.group(0))
        prev = m.end()
    return frozenset(x for i in menu_block(texts) if (x := starts[i]) is not None)


def _spaced_labels(text: str) -> dict[int, tuple[str, str, int]]:
    """Header lines whose capitalised label is followed by one space and its value, in a block of two or more
    such lines before the first section ("Job Title Maintenance Worker II" / "Reports To Parks Supervisor"):
    line start -> (key, label, offset of the value in the stripped line). One such line alone is not read,
    nor a one-word label that starts a title ("Office Manager", "Position Control Clerk").

    >>> sorted(_spaced_labels("Job Title Gardener\\nReports To Head Gardener\\nOffice Manager\\n").values())
    [('reports_to', 'reports to', 11), ('title', 'job title', 10)]
    """
    found: dict[int, tuple[str, str, int]] = {}
    run: list[tuple[int, tuple[str, str, int]]] = []
    for m in re.finditer(r"[^\n]*\S[^\n]*", text):
        line = m.group(0).strip()
        if _section_heading(line) is not None:
            break
        hit = _KNOWN.match(line)
        kind, key = LABEL_INDEX[_norm_label(hit.group(1))] if hit else ("", "")
        value = line[hit.end():] if hit else ""
        ok = (kind == "field" and value[:1] == " " and value[1:2].isalnum() and not value[1:2].islower()
              and _CAPITALISED_LABEL.match(hit.group(1)) and not line.endswith(".") and len(value.split()) <= 10
              and not (key in ("unit", "location", "title", "official") and " " not in hit.group(1).strip()
                       and role_like(line)) and not _DOC_TYPE.search(line) and _titled(key, hit.group(1), value))
        if ok:
            run.append((m.start(), (key, _norm_label(hit.group(1)), hit.end() + 1)))
            continue
        if len(run) >= 2:
            found.update(run)
        run = []
    if len(run) >= 2:
        found.update(run)
    return found


_WHY = re.compile(r"^why\s+(?:join\s+|work\s+(?:at|for|with)\s+)?[A-Z][\w&'\u2019 .\-]{1,40}\??$", re.IGNORECASE)


@lru_cache(maxsize=8192)
def _section_heading(body: str) -> tuple[str, int] | None:
    """(section key, offset of text after the heading) when the line is a section heading: alone on its line
    (any case, optional colon) or in capitals / with a colon before text on the same line."""
    low = re.sub(r"\s*\([^)]*\)$", "", _norm_label(body))  # "DUTIES (% of time)"
    hit = LABEL_INDEX.get(low)
    if hit and hit[0] == "section" and len(body) <= 80:
        return hit[1], len(body)
    parts = [LABEL_INDEX.get(x.strip()) for x in low.split(" / ")] if " / " in low else []
    if parts and all(x and x[0] == "section" for x in parts):  # "Physical Demands / Work Environment"
        return parts[0][1], len(body)
    if _WHY.match(body.strip()):  # "Why Harbor Health", "Why join us?": what the employer offers
        return "physical", len(body)
    m = _KNOWN.match(body)
    if not m or LABEL_INDEX[_norm_label(m.group(1))][0] != "section":
        return None
    rest = body[m.end():]
    colon = re.match(r"\s*:\s*|\t+", rest)  # "Required Qualifications<TAB>Bachelor's degree": an export's two cells
    if colon and rest[colon.end():].strip():
        return LABEL_INDEX[_norm_label(m.group(1))][1], m.end() + colon.end()
    return None


_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z])")
_TRAILING_KEYS = frozenset({"reports_to", "supervises", "contacts", "chain"})


def _trailing_fields(body: str, start: int) -> list[Field]:
    """A relation field after a sentence on the same line: "This position reports to the Plant Manager. Direct
    reports: 9 Maintenance Mechanics and 3 Electricians." gives the direct reports (the sentence stays prose)."""
    if ":" not in body:
        return []
    for m in _SENTENCE_END.finditer(body):
        rest = body[m.end():]
        lab = label_at(rest, True)
        if lab and lab[0] == "field" and lab[1] in _TRAILING_KEYS and ":" in rest[:lab[2]]:
            value = rest[lab[2]:].strip()
            vs = start + m.end() + lab[2]
            return [Field(lab[1], _norm_label(rest[:lab[2]]), value, vs, vs + len(value))] if value else []
    return []


def _line_fields(body: str, start: int) -> list[Field] | None:
    """The fields of one line, or None when no piece of it opens with a field label."""
    labelled = []
    for p0, p1, joined in _pieces(body):
        enum = _ENUM.match(body[p0:p1]) if p0 else None  # "1. PD #: FT-22   2. Reason for Submission: ..."
        q0 = p0 + enum.end() if enum else p0
        labelled.append((p0, q0, p1, joined, label_at(body[q0:p1], p0 == 0)))
    if not any(x[-1] and x[-1][0] == "field" for x in labelled) and not (labelled and labelled[0][-1]):
        return None  # no label at all; a line of unknown "Label: value" fields is kept out of pending values
    out: list[Field] = []
    for _, q0, p1, joined, lab in labelled:
        seg = body[q0:p1]
        if out and not out[-1].value.strip() and (lab is None or lab[2] < len(seg) and seg[:lab[2]].strip()[-1:] != ":"):
            lab = None  # a label's value in the next cell ("Classification:   Band 6"), unless it is a "Label:"
        if lab is None or lab[0] == "section":
            if out and not out[-1].value.strip():  # "Class Title      Records Technician II"
                out[-1] = Field(out[-1].key, out[-1].label, seg.strip(), start + q0, start + p1)
            elif out and joined and _STATUS_PIECE.fullmatch(seg.strip()):  # "Range 38 | 12 Months | Exempt"
                piece = seg.strip()
                key = "flsa" if "xempt" in piece else "months" if "onth" in piece or "days" in piece else "status"
                out.append(Field(key, key, piece, start + q0, start + p1))
            elif out and joined:  # more of the value: "Remote (US) or Chicago, IL · Full-time"
                f = out[-1]
                out[-1] = Field(f.key, f.label, body[f.start - start:p1].strip(), f.start, start + p1)
            continue
        kind, key, voff = lab
        value = seg[voff:].strip()
        vs = start + q0 + voff
        out.append(Field(key if kind == "field" else "other", _norm_label(seg[:voff]), value, vs, vs + len(value)))
    return out


# a piece of a meta row that states a status of its own, not more of the value before it
_STATUS_PIECE = re.compile(r"\d{1,2}[- ]months?(?:\s*\(\d+ days\))?|\d{3} days|(?:non[- ]?)?exempt|(?:full|part)[- ]time",
                           re.IGNORECASE)


def _pieces(body: str) -> list[tuple[int, int, bool]]:
    """Spans of `body` between separators, each with whether a pipe or middle dot joins it to the one before
    (a run of spaces starts a new table column instead)."""
    spans, pos, joined = [], 0, False
    for m in SEPARATOR.finditer(body):
        if m.start() > pos:
            spans.append((pos, m.start(), joined))
        pos, joined = m.end(), not m.group(0).isspace()
    if pos < len(body):
        spans.append((pos, len(body), joined))
    if body.count(":") < 2 or not re.match(r"[^:]{1,40}:", body) or not _KNOWN.match(body):
        return spans
    out = []  # a line of "Label: value" fields one space apart: each label starts a piece of its own
    for a, b, j in spans:
        colon = body.find(":", a, b)
        for m in _INNER_LABEL.finditer(body, colon + 2 if colon >= 0 else b, b):  # after this piece's own label
            if body[a:m.start()].split(":", 1)[-1].strip():
                out.append((a, m.start(), j))
                a, j = m.end(), False
        out.append((a, b, j))
    return out
