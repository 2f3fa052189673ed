"""Findings as tables (title, headers, rows) and as Markdown: one layout for the CLI, notebooks and docs."""

from __future__ import annotations

from dataclasses import dataclass

from .findings import SECTIONS, Finding, cite


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list]
    total: int  # rows before the limit


def _row(key: str, f: Finding) -> list:
    ev = cite(f.evidence[0] if f.evidence else None)
    if key == "spans":
        return [f.name, f.data["type"], f.data["span"]]
    if key == "depths":
        return [f.name, f.data["depth"], f.message]
    if key == "layers":
        return [f.name, f.data["layers"], len(f.data["roles"])]
    if key == "gaps":
        return [f.name, f.data["kind"], f.data["dependant_count"], len(f.data["documents"]), ev]
    if key == "old":
        return [f.name, f.data["established"], f.data["revised"], f.data["age_years"], ev]
    if key == "unsupervised":
        return [f.name, f.data["reports_below"], ", ".join(f.data["documents"])]
    return [f.name, f.message, ev]


_HEADERS = {
    "spans": ["supervisor", "type", "direct reports"],
    "depths": ["node", "levels above", "chain (up to the top)"],
    "layers": ["unit", "layers", "roles"],
    "gaps": ["referenced node", "kind", "dependants", "documents", "evidence"],
    "old": ["role", "established", "revised", "age (years)", "evidence"],
    "unsupervised": ["role", "reports below", "documents"],
}


def health_tables(report, limit: int | None = 10) -> list[Table]:
    out = []
    for key, title in SECTIONS.items():
        items = getattr(report, key)
        shown = items if limit is None else items[:limit]
        out.append(Table(title, _HEADERS.get(key, ["subject", "finding", "evidence"]),
                         [_row(key, f) for f in shown], len(items)))
    return out


def _md_cell(v) -> str:
    return "" if v is None else " ".join(str(v).split()).replace("|", "\\|")


def markdown(title: str, tables: list[Table]) -> str:
    lines = [f"# {title}", ""]
    for t in tables:
        lines += [f"## {t.title} ({t.total})", ""]
        if not t.rows:
            lines += ["None found.", ""]
            continue
        lines.append("| " + " | ".join(t.headers) + " |")
        lines.append("|" + "---|" * len(t.headers))
        lines += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in t.rows]
        if t.total > len(t.rows):
            lines.append(f"\n… and {t.total - len(t.rows)} more")
        lines.append("")
    return "\n".join(lines)
