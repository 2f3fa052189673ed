"""Helpers shared by the CLI commands: the --graph option, resolving names, printing tables (graphs open with
`orgkg.api.open_graph`, re-exported here)."""

from __future__ import annotations

import sys

from orgkg.api import open_graph
from orgkg.errors import UserError
from orgkg.graph import OrgGraph

__all__ = ["add_graph_option", "open_graph", "resolve", "table"]


def add_graph_option(p, required: bool = False) -> None:
    p.add_argument("--graph", metavar="FILE", required=required,
                   help="graph file from `orgkg build` (default: the graph of the bundled sample data)")


def resolve(g: OrgGraph, name: str, types: tuple[str, ...] | None = None) -> str:
    try:
        return g.resolve(name, types)
    except LookupError as e:
        raise UserError(str(e), code=1) from None


def table(rows: list[list], headers: list[str], out=None) -> None:
    """A plain aligned table: columns cut at 60 characters so terminals stay readable."""
    out = out or sys.stdout
    cells = [[_cell(c) for c in r] for r in rows]
    widths = [min(60, max([len(h)] + [len(r[i]) for r in cells])) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for r in cells:
        print("  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(r, widths)).rstrip(),
              file=out)


def _cell(v) -> str:
    if v is None:
        return ""
    return " ".join(str(v).split())
