"""The labelled values of a page as the field reader gives them: one `Field` per value, the page's `Layout`.

Kept apart from loaders/fields.py, which reads them, so the modules that help it (loaders/pending.py) and those
that read its values (loaders/fieldnames.py) share these types without importing the reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NO_VALUE = re.compile(r"^(?:none|n/?a|not applicable|nil|tbd|to be determined|vari(?:es|ous)\b.*|same|no\b.*|-+"
                       r"|as assigned|(?:to be )?assigned|depends on\b.*|see below)\.?$", re.IGNORECASE)


@dataclass
class Field:
    """One labelled value; offsets are into the repaired text."""

    key: str
    label: str
    value: str
    start: int
    end: int

    @property
    def empty(self) -> bool:
        """'None', 'N/A', 'No line management responsibility': the field states that there is nothing."""
        v = re.sub(r"\([^)]*\)", "", self.value).strip()
        return not v or bool(_NO_VALUE.match(v))


@dataclass
class Layout:
    fields: list[Field]
    sections: list[tuple[str | None, int, int]]  # (section key, start, end); None: text before any heading
    head_end: int  # where the first section heading starts (the page's header lies before it)


def field_map(fields: list[Field]) -> dict[str, Field]:
    """The first non-empty field of each key (a field stated twice keeps its first statement)."""
    out: dict[str, Field] = {}
    for f in fields:
        if f.key not in out and f.value.strip():
            out[f.key] = f
    return out
