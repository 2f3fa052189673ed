"""Options shared by `orgkg viz` and `orgkg chart` (kept here so the two commands cannot drift)."""

from __future__ import annotations

from pathlib import Path

from orgkg.errors import UserError

TYPE_NAMES = ("Role", "Unit", "Organization", "Competency", "Document")


def add_view_options(p) -> None:
    p.add_argument("-g", "--graph", metavar="FILE",
                   help="graph file from `orgkg build` (default: ./org.json if there is one, else the bundled sample graph)")
    p.add_argument("graph_pos", metavar="GRAPH", nargs="?", help="the same as --graph")
    p.add_argument("-o", "--output", metavar="FILE", required=True, help="file to write")
    g = p.add_argument_group("focused views (choose one; default: the whole organisation)")
    g.add_argument("--focus", metavar="NAME", help="the node, its chain up to the top and its reports --depth levels down")
    g.add_argument("--chain", metavar="NAME", help="the reporting chain of a role or unit")
    g.add_argument("--collaborators", metavar="NAME", help="a role/unit and everyone it collaborates with")
    g.add_argument("--unit", metavar="NAME", help="a unit, the posts and units inside it, and their reports")
    p.add_argument("--depth", type=int, default=2, metavar="N", help="levels of reports below the focus (default 2)")
    p.add_argument("--types", metavar="T,T", help="node types to draw, comma separated, from: "
                   + ", ".join(TYPE_NAMES) + " (default: Role,Unit,Organization)")
    p.add_argument("--competencies", dest="competencies", action="store_const", const=True, default=None,
                   help="also draw competencies (same as adding Competency to --types)")
    p.add_argument("--no-competencies", dest="competencies", action="store_const", const=False,
                   help="leave competencies out (the default unless --types names them)")
    p.add_argument("--summary", dest="summary", action="store_true", default=None,
                   help="collapse units into one box each even for a small graph")
    p.add_argument("--no-summary", dest="summary", action="store_false",
                   help="draw every node even past the summary threshold (slow for many thousands)")


def view_kwargs(args) -> dict:
    types = None
    if args.types:
        want = {t.strip().lower(): t for t in args.types.split(",") if t.strip()}
        known = {t.lower(): t for t in TYPE_NAMES}
        bad = [w for w in want if w not in known]
        if bad:
            raise UserError(f"--types: unknown type {want[bad[0]]!r}; known: {', '.join(TYPE_NAMES)}")
        types = tuple(known[w] for w in want)
    if args.competencies:
        types = tuple(dict.fromkeys((types or ("Role", "Unit", "Organization")) + ("Competency",)))
    elif args.competencies is False and types:
        types = tuple(t for t in types if t != "Competency") or None
    return {"focus": args.focus, "chain": args.chain, "collaborators": args.collaborators, "unit": args.unit,
            "depth": args.depth, "types": types, "summary": args.summary}


def check_output(path: str) -> Path:
    out = Path(path)
    if out.is_dir():
        raise UserError(f"{out}: is a directory; give a file name")
    if not out.parent.is_dir():
        raise UserError(f"{out}: directory {out.parent} does not exist")
    return out


def render(args, write, threshold: int | None = None) -> tuple:
    """The shared body of `orgkg viz` and `orgkg chart`: open the graph, build the view, write it. `threshold`:
    nodes past which the whole organisation is summarised (default: the page's)."""
    from orgkg.graph.samples import open_graph
    from orgkg.viz import view

    out = check_output(args.output)
    v = view(open_graph(args.graph), threshold=threshold, **view_kwargs(args))
    write(v, out)
    return v, out
