"""`Finding`: one thing an analyst should look at, always with the sentences that support it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# Section order and titles, shared by the terminal, Markdown and JSON reports.
SECTIONS: dict[str, str] = {
    "cycles": "Reporting cycles",
    "unsupervised": "Roles with no supervisor (other than the top)",
    "multiple_supervisors": "Roles with more than one supervisor",
    "gaps": "Referenced but not described (ranked by dependants)",
    "conflicts": "Conflicting claims between documents",
    "one_sided": "One-sided collaboration",
    "spans": "Widest spans of control",
    "depths": "Deepest reporting chains",
    "layers": "Layers per unit",
    "old": "Old descriptions",
    "truncated": "Truncated or incomplete descriptions",
    "hr_disagreements": "HR data and descriptions disagree on a reporting line",
}


@dataclass
class Finding:
    check: str  # e.g. "cycle", "multiple_supervisors"
    subject: str  # node id the finding is about (first node for multi-node findings)
    name: str  # its display name
    message: str  # one line for humans
    evidence: list[dict] = field(default_factory=list)  # {doc, section, text, start, end, rule}
    data: dict = field(default_factory=dict)  # numbers and ids for programs

    def to_dict(self) -> dict:
        return asdict(self)


def unique_evidence(items) -> list[dict]:
    """Evidence without repeats (the same sentence often supports several edges)."""
    out, seen = [], set()
    for e in items:
        sig = (e.get("doc"), e.get("start"), e.get("end"), e.get("text"))
        if sig not in seen:
            seen.add(sig)
            out.append(e)
    return out


def cite(e: dict | None, width: int = 140) -> str:
    """`doc: "sentence"` cut to `width` characters, for tables."""
    if not e:
        return ""
    text = " ".join(str(e.get("text") or "").split())
    if len(text) > width:
        text = text[: width - 1] + "…"
    return f'{e.get("doc")}: "{text}"'
