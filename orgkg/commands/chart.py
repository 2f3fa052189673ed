"""`orgkg chart [GRAPH] -o org.svg|png|pdf`: a static org chart with Graphviz dot, same styles as `viz`."""

from __future__ import annotations

from orgkg.viz.cli import add_view_options


def register(sub) -> None:
    p = sub.add_parser("chart", help="static org chart (SVG/PNG/PDF) with Graphviz",
                       description="Draw the org chart with Graphviz dot for slides and documents; "
                                   "the same focused views and styles as `orgkg viz`. Charts carry a legend; "
                                   "graphs past 300 nodes are drawn as a unit summary unless focused.")
    add_view_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from orgkg.viz.chart import CHART_THRESHOLD, write_chart
    from orgkg.viz.cli import render

    v, out = render(args, write_chart, threshold=CHART_THRESHOLD)
    note = " (summary: units collapsed)" if v.summary else ""
    print(f"wrote {out}: {len(v.nodes)} nodes, {len(v.edges)} edges{note}")
    return 0
