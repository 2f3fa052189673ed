"""Writing answer rows as text, JSON or CSV (`--format`), for chain and collaborators."""

from __future__ import annotations

import csv
import json
import sys

FORMATS = ("text", "json", "csv")


def add_format_option(p) -> None:
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="output format: text (default), json (one array of objects) or csv (one row per answer)")


def where(e: dict) -> str:
    """Evidence's place for people: 'doc.pdf (page 2):120-180', or 'doc.txt:120-180' for plain text."""
    loc = f" ({e['locator']})" if e.get("locator") else ""
    return f"{e.get('doc')}{loc}:{e.get('start')}-{e.get('end')}"


def write_rows(rows: list[dict], fmt: str, out=None) -> None:
    """json: the rows as they are; csv: one line per row, the first evidence flattened into columns."""
    out = out or sys.stdout
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    flat = []
    for r in rows:
        ev = (r.get("evidence") or [{}])[0]
        d = {k: v for k, v in r.items() if k != "evidence"}
        d.update({f"evidence_{k}": ev.get(k) for k in ("doc", "locator", "start", "end", "text")})
        flat.append(d)
    if not flat:
        return
    w = csv.DictWriter(out, fieldnames=list(flat[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(flat)
