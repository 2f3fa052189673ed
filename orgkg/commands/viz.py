"""`orgkg viz [GRAPH] -o org.html`: the org explorer as one offline HTML file (or, --network, the pyvis network)."""

from __future__ import annotations

from orgkg.viz.cli import add_view_options


def register(sub) -> None:
    p = sub.add_parser("viz", help="the org explorer as one offline HTML file",
                       description="Write one self-contained HTML page (no internet needed): the explorer of "
                                   "`orgkg serve` with its data inside: search, org chart centred on a node with its "
                                   "chain to the top, side card with evidence, collaborators star, PNG/SVG export. "
                                   "--focus/--chain/--unit/--collaborators choose the opening view. --network writes "
                                   "the free pyvis network view instead (where --types, --competencies and --summary apply).")
    add_view_options(p)
    p.add_argument("--network", action="store_true", help="the pyvis network view (every node at once) instead")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.network:
        from orgkg.viz.cli import render
        from orgkg.viz.page import write

        v, out = render(args, write)
        note = " (summary: units collapsed)" if v.summary else ""
        print(f"wrote {out}: {len(v.nodes)} nodes, {len(v.edges)} edges{note}")
        return 0
    from orgkg.commands._common import open_graph
    from orgkg.viz.cli import check_output
    from orgkg.viz.onefile import start_of, write_page

    out = check_output(args.output)
    g = open_graph(args.graph)
    start = start_of(g, args.focus, args.chain, args.collaborators, args.unit, args.depth)
    write_page(g, out, start)
    print(f"wrote {out}: explorer page, opens on {start or 'the tops of the organisation'}")
    return 0
