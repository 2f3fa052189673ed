"""`orgkg check [GRAPH]`: the org health report (cycles, gaps, conflicts, spans, old descriptions...) with evidence."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

from orgkg.errors import UserError

from ._common import add_graph_option


def register(sub) -> None:
    p = sub.add_parser("check", help="org health report: cycles, supervisors, gaps, conflicts, spans, old descriptions",
                       description="What a careful HR analyst would flag in the graph, each finding with the "
                                   "document sentence behind it.")
    add_graph_option(p, positional=True, help="graph file from `orgkg build`, or a folder of descriptions "
                                              "(default: ./org.json if there is one, else the bundled sample graph)")
    p.add_argument("--format", choices=("text", "json", "md"), default="text", help="output format (default: text)")
    p.add_argument("--max-age", type=float, default=5, metavar="YEARS",
                   help="flag descriptions established/revised at least this many years ago (default: 5)")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="reference date for --max-age (default: today)")
    p.add_argument("--top", action="append", metavar="NAME",
                   help="a role allowed to have no supervisor (repeatable; default: guessed from the graph)")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="rows per section in text/md (0 = all)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    show = p.add_mutually_exclusive_group()
    show.add_argument("--progress", action="store_true", default=None,
                      help="say on stderr which check runs (default: on for graphs of 2000+ nodes)")
    show.add_argument("--quiet", dest="progress", action="store_false", help="never show progress")
    p.set_defaults(func=run)


def load_graph(path: str | None):
    """A graph file, a folder/file of descriptions, or the sample graph."""
    import orgkg

    from ._common import open_graph

    if path and Path(path).is_dir():
        errors: list[str] = []
        g = orgkg.build([path], errors=errors)
        if not any(True for _ in g.nodes("Document")):
            raise UserError(f"{path}: no job descriptions found in this folder")
        return g
    if path and Path(path).suffix.lower() != ".json" and Path(path).is_file():
        return orgkg.build([path])
    return open_graph(path)


PROGRESS_NODES = 2000  # from this size a report takes seconds: say what runs
PROGRESS_BYTES = 5 << 20  # and from this file size, loading it does


def _say(msg: str) -> None:
    """One progress line on stderr: on a terminal over the previous one, elsewhere a line each (a log)."""
    if sys.stderr.isatty():
        sys.stderr.write(f"\r\033[K{msg}")
    else:
        sys.stderr.write(msg + "\n")
    sys.stderr.flush()


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _today(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"--today {text}: not a date (use YYYY-MM-DD)") from None


def run(args) -> int:
    from orgkg.analysis import health
    from orgkg.analysis.render import health_tables, markdown

    say = _say
    if args.progress or (args.progress is None and args.graph and _size(args.graph) >= PROGRESS_BYTES):
        say(f"loading {args.graph}")
    g = load_graph(args.graph)
    shown = args.progress if args.progress is not None else g.g.number_of_nodes() >= PROGRESS_NODES
    try:
        report = health(g, max_age_years=args.max_age, today=_today(args.today), tops=args.top,
                        progress=(lambda step, i, n: say(f"check {i}/{n}: {step.replace('_', ' ')}")) if shown else None)
    except LookupError as e:
        raise UserError(f"--top: {e}", code=2) from None
    if shown and sys.stderr.isatty():
        sys.stderr.write("\r\033[K")
    limit = None if args.limit == 0 else args.limit
    # a file is written whole and atomically (graph/atomic: never a device or a folder, errors one line)
    out = io.StringIO() if args.output else sys.stdout
    if args.format == "json":
        json.dump(report.to_dict(), out, indent=2, ensure_ascii=False, default=str)
        out.write("\n")
    elif args.format == "md":
        out.write(markdown("Org health report", health_tables(report, limit)) + "\n")
    else:
        print_text(report, health_tables(report, limit), out)
    if args.output:
        from orgkg.graph.atomic import atomic_write

        atomic_write(args.output, out.getvalue())
    return 0


def print_text(report, tables, out) -> None:
    from ._common import table

    s = report.summary
    print(f"Org health: {s['nodes']} nodes, {s['edges']} edges, {s['described_roles']} described roles, "
          f"{s['stub_roles']} stub roles (today {report.today}, old = {report.max_age_years:g}+ years)", file=out)
    for t in tables:
        print(f"\n== {t.title} ({t.total}) ==", file=out)
        if not t.rows:
            print("  none found", file=out)
            continue
        if t.headers[-1] == "evidence":  # sentences are long: print them as numbered notes under the table
            rows = [r[:-1] + [f"[{i}]" if r[-1] else ""] for i, r in enumerate(t.rows, 1)]
            table(rows, t.headers, out=out)
            for i, r in enumerate(t.rows, 1):
                if r[-1]:
                    print(f"  [{i}] {r[-1]}", file=out)
        else:
            table(t.rows, t.headers, out=out)
        if t.total > len(t.rows):
            print(f"  … and {t.total - len(t.rows)} more (--limit 0 shows all)", file=out)
