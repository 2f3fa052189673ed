"""`orgkg viz [GRAPH] -o org.html`: one self-contained, offline, interactive HTML org chart."""

from __future__ import annotations

from orgkg.viz.cli import add_view_options


def register(sub) -> None:
    p = sub.add_parser("viz", help="interactive org chart as one offline HTML file",
                       description="Write one self-contained HTML page (no internet needed): reporting lines top-down, "
                                   "styles by type, evidence on hover/click, search by name or acronym, legend. "
                                   "Graphs past 1,500 nodes open as a summary with units collapsed; focus to see detail.")
    add_view_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from orgkg.viz.cli import render
    from orgkg.viz.page import write

    v, out = render(args, write)
    note = " (summary: units collapsed)" if v.summary else ""
    print(f"wrote {out}: {len(v.nodes)} nodes, {len(v.edges)} edges{note}")
    return 0
