"""Helpers shared by the CLI commands: the -g/--graph option and the default graph, resolving names, printing
tables (graphs open with `orgkg.api.open_graph`; `open_graph` here adds the CLI's ./org.json default)."""

from __future__ import annotations

import sys
from pathlib import Path

from orgkg import api
from orgkg.errors import UserError
from orgkg.graph import OrgGraph

__all__ = ["add_graph_option", "graph_file", "merge_graph_args", "open_graph", "resolve", "table"]

GRAPH_HELP = "graph file from `orgkg build` (default: ./org.json if there is one, else the bundled sample graph)"


def add_graph_option(p, required: bool = False, positional: bool = False, help: str = GRAPH_HELP) -> None:
    """`-g/--graph FILE`, the one way every command names the graph it reads. `positional` keeps the GRAPH
    positional such a command had as an alias (merged by `merge_graph_args`)."""
    p.add_argument("-g", "--graph", metavar="FILE", required=required, help=help)
    if positional:
        p.add_argument("graph_pos", metavar="GRAPH", nargs="?", help="the same as --graph")


def merge_graph_args(args) -> None:
    """Fold a GRAPH positional into `args.graph` (run once after parsing, for every command)."""
    pos = getattr(args, "graph_pos", None)
    if pos is None:
        return
    if getattr(args, "graph", None) not in (None, pos):
        raise UserError(f"give the graph once: GRAPH {pos} and --graph {args.graph} differ")
    args.graph = pos


def default_graph_path() -> Path | None:
    """./org.json when it is there (what `orgkg build` writes by default), else None (the bundled sample)."""
    p = Path("org.json")
    return p if p.exists() else None


def say_default(which: str) -> None:
    """Tell a person at a terminal which graph a command without --graph reads. Only on a terminal: piped or
    logged stderr keeps the one-line-per-error promise that scripts and tests read."""
    if sys.stderr.isatty():
        print(f"orgkg: using {which} (no --graph given)", file=sys.stderr)


def open_graph(path: str | None) -> OrgGraph:
    """The graph at `path`; without one, ./org.json if present, else the bundled sample (`say_default` tells which)."""
    if not path:
        found = default_graph_path()
        if found is None:
            say_default("the bundled sample graph, as there is no ./org.json here")
            return api.open_graph(None)
        say_default("./org.json")
        path = str(found)
    return api.open_graph(path)


def graph_file(path: str | None) -> str:
    """A graph *file* for commands that hand one to another process or store: `path`, ./org.json, or the bundled
    sample saved once into a private temp folder (removed at exit)."""
    if path:
        return path
    found = default_graph_path()
    if found is not None:
        say_default("./org.json")
        return str(found)
    import atexit
    import shutil

    from orgkg.queries.procs import private_dir

    d = private_dir("sample")
    atexit.register(shutil.rmtree, d, True)
    target = d / "sample.json"
    api.sample_graph().save(target)
    say_default("the bundled sample graph, as there is no ./org.json here")
    return str(target)


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
