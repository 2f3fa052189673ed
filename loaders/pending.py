"""Values that come after their labels: the name under a "SUPERVISION RECEIVED" heading or a form's supervisor
question, the supervisor a "Supervision Received:" sentence names, and the labels alone on their lines that wait
for values on later lines (a block of labels, then a block of values; a list under "Direct reports:").
Read by loaders/fields.py.
"""

from __future__ import annotations

import re

from .fieldmodel import Field

# "Supervision Received" heads a section of prose, unless a short name follows its colon
_SUPERVISION_FIELD = re.compile(r"^supervision\s+(received|exercised)(?:\s*:\s*|[ \t]{2,}|\t|\s(?=(?-i:[A-Z])))(\S.*?)\.?\s*$",
                                re.IGNORECASE)
# the supervisor a Supervision Received sentence names first: "... is provided by a Supervising Attorney", "Receives
# general direction from the Fire Chief"
_SUPERVISOR_BY = re.compile(r"\b(?:by|from)\s+(?:an?|the)\s+((?-i:[A-Z][\w'\u2019\-]*)(?:\s+(?:of|for|and|(?-i:[A-Z])"
                            r"[\w'\u2019\-]*))*(?<!\sof)(?<!\sfor)(?<!\sand))", re.IGNORECASE)
# a supervision value that is a sentence, not a name: "Receives general direction from the Fire Chief"
_SUPERVISION_PROSE = re.compile(r"\b(?:from|by|under|receives?|exercises?|provides?|is|are|was|may|none|no)\b",
                                re.IGNORECASE)


# a form's question for the supervisor, the answer on the next line ("Name/Title: R. Delgado, Deputy Director")
_SUPERVISOR_QUESTION = re.compile(r"^(?:who|what)\s+is\s+(?:the\s+)?(?:title\s+of\s+)?(?:this|the|your)\s+"
                                  r"(?:position|employee|job)(?:'s|\u2019s)?\s+(?:immediate\s+|direct\s+|first[- ]line\s+)?"
                                  r"supervisor\b[^?]*\?$",
                                  re.IGNORECASE)
_ANSWER_LABEL = re.compile(r"^(?:supervisor(?:'s|\u2019s)?\s+)?(?:name\s*(?:/|and|&)\s*title|title|name)\s*:\s*", re.IGNORECASE)


def _pending_value(pending: tuple[str, str] | None, body: str, off: int) -> Field | None:
    """The value on the line after a supervision heading ("SUPERVISION RECEIVED" / "City Engineer") or a form's
    supervisor question ("Who is this position's immediate supervisor?" / "Name/Title: R. Delgado, Deputy
    Director"), or None when that line holds no name."""
    if pending is None:
        return None
    if pending[1] == "supervisor question":
        m = _ANSWER_LABEL.match(body)
        value = body[m.end() if m else 0:].strip()
        ok = value[:1].isupper() and len(value.split()) <= 14 and not value.endswith(".")
        return Field(pending[0], pending[1], value, off + len(body) - len(value), off + len(body)) if ok else None
    return Field(pending[0], pending[1], body.strip(), off, off + len(body)) if _supervision_name(body) else None


def _supervision_name(value: str) -> bool:
    """'Fire Chief', 'Police Officers and Cadets': a short name, no sentence."""
    return (len(value.split()) <= 8 and value[:1].isupper() and not _SUPERVISION_PROSE.search(value)
            and not re.match(r"(?:and|&)(?!\w)", value, re.IGNORECASE)
            and not value.rstrip().endswith((".", ":")))



def supervision_line(body: str, off: int) -> tuple[list[Field], bool]:
    """The fields of a "Supervision Received/Exercised" line, and whether the line is done with: a short name after
    the label ("Supervision Received: Fire Chief") is the field; in a sentence, the first "by/from a X" of a
    Supervision Received line names the supervisor, and the line is still read as a heading or prose."""
    sup = _SUPERVISION_FIELD.match(body)
    if sup and (_supervision_name(sup.group(2)) or ":" in body[:sup.start(2)] and len(sup.group(2).split()) <= 8
                and sup.group(2)[:1].isupper()):  # "Supervision Received: Fire Chief", "SUPERVISION RECEIVED   Fire Chief"
        key = "reports_to" if sup.group(1).lower() == "received" else "supervises"
        vs = off + sup.start(2)
        return [Field(key, f"supervision {sup.group(1).lower()}", sup.group(2).strip(), vs, off + len(body))], True
    by = _SUPERVISOR_BY.search(body, sup.start(2)) if sup and sup.group(1).lower() == "received" else None
    if by:  # "Supervision Received: Direct supervision is provided by a Supervising Deputy Public Defender; ..."
        return [Field("reports_to", "supervision received", by.group(1), off + by.start(1), off + by.end(1))], False
    return [], False


# keys whose label alone on its line may head several value lines (a list, a table, an indented path)
LIST_KEYS = frozenset({"supervises", "contacts", "unit_path", "chain"})
# list keys whose lines make one value: a path of units, a chain of command one role a line
_JOINED = {"unit_path": " / ", "chain": " > "}
_TABLE_HEADER = frozenset("who why what purpose contact contacts frequency reason nature of relationship".split())


class _Waiting:
    """Labels alone on their lines, waiting for their values: in order, one line each (a block of labels and
    then a block of values), or, for the only waiting label of a list key, every line up to a blank line or
    the next label, each line's first table cell ("Manager, School Builds      Escalate issues")."""

    def __init__(self) -> None:
        self.labels: list[tuple[str, str]] = []
        self.listing: tuple[str, str] | None = None

    def label(self, key: str, label: str) -> None:
        self.listing = None
        self.labels.append((key, label))

    def blank(self) -> None:
        self.listing = None

    def clear(self) -> None:
        self.labels.clear()
        self.listing = None

    def keep(self, labels: set[tuple[str, str]]) -> None:
        """A line with values: only the labels it left empty go on waiting."""
        self.labels = [x for x in self.labels if x in labels]
        self.listing = None

    def row(self, body: str, start: int) -> list[Field]:
        """The cells of a row under a header row of as many labels ("Job Title   Department   FLSA" /
        "Accountant II   Finance   Exempt"), one value each, in order; [] when `body` is no such row."""
        cells = list(re.finditer(r"\S(?:.*?\S)?(?=[ \t]{2,}|\t|$)", body.strip()))
        if self.listing is not None or len(cells) < 2 or len(cells) > len(self.labels):
            return []
        lead = len(body) - len(body.lstrip())
        out = [Field(key, label, c.group(0), start + lead + c.start(), start + lead + c.end())
               for (key, label), c in zip(self.labels, cells)]
        self.labels = self.labels[len(cells):]
        return out

    def value(self, body: str, start: int) -> tuple[Field, bool] | None:
        """The field `body` is the value of, and whether it continues the list value before it."""
        more = self.listing is not None
        if more:
            key, label = self.listing
        elif self.labels:
            key, label = self.labels.pop(0)
            if key in LIST_KEYS and not self.labels:
                self.listing = (key, label)
        else:
            return None
        cell = re.split(r"[ \t]{2,}|\t", body.strip(), maxsplit=1)[0].strip()
        words = set(re.findall(r"[a-z]+", cell.lower()))
        if not cell or words and words <= _TABLE_HEADER:  # "Who      Why": a table's header row
            return None
        return Field(key, label, cell, start, start + len(cell)), more
