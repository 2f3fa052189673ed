"""`orgkg correct add|remove|confirm|same|different|rename ...`: append one correction to a corrections file.

The entry is checked against a graph first (`--graph`, default the sample graph): an unknown name or a
missing edge is an error with suggestions and nothing is written. The file is appended to, never re-dumped,
so its comments and layout stay as its users wrote them. `orgkg build --corrections FILE` applies it.
Also the build's hook (`read_for_build`, `apply_in_build`).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from orgkg.errors import UserError
from orgkg.graph.correct import CorrectionReport, apply_corrections, correct_file
from orgkg.graph.corrections import (
    CORRECTABLE,
    Correction,
    CorrectionError,
    load_corrections,
    parse_corrections,
    render_entry,
)

from ._common import add_graph_option, open_graph

HEADER = "# orgkg corrections, applied by `orgkg build --corrections FILE` in this order (docs/corrections.md)\n"


def register(sub) -> None:
    p = sub.add_parser("correct", help="append a correction (add/remove/confirm an edge, same/different/rename)",
                       description="Append one correction to a corrections file (created if missing), after "
                                   "checking its names against a graph. `orgkg build --corrections FILE` applies "
                                   "the file at every build.")
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, what in (("add", "add an edge the documents miss"), ("remove", "take out a wrong edge"),
                       ("confirm", "mark an edge reviewed and true")):
        k = kinds.add_parser(kind, help=what, description=f"{what[0].upper()}{what[1:]}.")
        k.add_argument("type", metavar="TYPE", help=f"edge type: {', '.join(CORRECTABLE)}")
        k.add_argument("source", metavar="SOURCE", help="name, alias or acronym of the edge's source")
        k.add_argument("target", metavar="TARGET", help="name, alias or acronym of the edge's target")
        _common_options(k)
    for kind, what in (("same", "these names are one node"), ("different", "never merge these names")):
        k = kinds.add_parser(kind, help=what, description=f"{what[0].upper()}{what[1:]}.")
        k.add_argument("names", nargs="+", metavar="NAME")
        _common_options(k)
    k = kinds.add_parser("rename", help="give a node a new display name (the old one stays an alias)")
    k.add_argument("node", metavar="NAME", help="the node's current name, alias or acronym")
    k.add_argument("name", metavar="NEW_NAME")
    _common_options(k)


def _common_options(p) -> None:
    p.add_argument("--file", default="corrections.yaml", help="corrections file to append to (default "
                   "corrections.yaml; created if missing)")
    p.add_argument("--why", required=True, metavar="TEXT", help="the reason, kept with the correction")
    p.add_argument("--by", metavar="NAME", help="who makes the correction")
    p.add_argument("--when", metavar="DATE", help="date of the correction (default: today, YYYY-MM-DD)")
    add_graph_option(p)
    p.set_defaults(func=run)


def _args_of(args) -> dict:
    if args.kind in ("add", "remove", "confirm"):
        return {"type": args.type, "source": args.source, "target": args.target}
    if args.kind in ("same", "different"):
        return {"names": args.names}
    return {"node": args.node, "name": args.name}


def run(args) -> int:
    path = Path(args.file)
    if path.is_dir():
        raise UserError(f"{path}: is a directory, not a corrections file")
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    parse_corrections(old, str(path))  # a malformed file is reported before anything is appended
    when = args.when or dt.date.today().isoformat()
    try:
        dt.date.fromisoformat(when)
    except ValueError:
        raise UserError(f"--when: not a date YYYY-MM-DD ({when!r})") from None
    prefix = old if not old or old.endswith("\n") else old + "\n"
    prefix = prefix or HEADER
    entry = render_entry(args.kind, _args_of(args), args.why, args.by, when)
    try:
        entries = parse_corrections(prefix + entry, str(path))
    except CorrectionError as e:  # the new entry is the problem: the file itself parsed above
        raise UserError(f"{path}: not added: {str(e).split(': ', 1)[1]}") from None
    new = entries[-1]
    done = _check(open_graph(args.graph), new)
    from orgkg.graph.store import atomic_write

    try:
        atomic_write(path, prefix + entry)
    except OSError as e:
        raise UserError(f"{path}: cannot write corrections file ({e.strerror or e})") from None
    print(f"{new.where}: {new.describe()}")
    print(f"  on {args.graph or 'the sample graph'}: {done}")
    return 0


def _check(g, c: Correction) -> str:
    """What the entry does to the graph; an error (exit 1, nothing written) if it matches nothing there."""
    report = apply_corrections(g, [c])  # `g` was opened for this check alone
    if report.warnings:
        msg = report.warnings[0].split("): ", 1)[1]
        raise UserError(f"{c.file}: not added: {msg}", code=1)
    return report.applied[0].split(": ", 1)[1]


# ---- the build's hook ---------------------------------------------------------------------------
def read_for_build(path: str) -> list[Correction]:
    """The corrections, read before the build starts: a malformed file stops it with nothing written."""
    return load_corrections(path)


def apply_in_build(output: Path, corrections: list[Correction], path: str, result) -> CorrectionReport:
    """Apply the corrections to the graph the build just saved; warnings go to stderr as they are found."""
    report = correct_file(output, corrections, path)
    result.summary = report.summary
    for w in report.warnings:
        print(f"orgkg: warning: {w}", file=sys.stderr)
    return report
