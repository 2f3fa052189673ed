"""`orgkg diff OLD NEW`: what changed between two graph files; exit 0 when equal, 1 when different.

Roles and units added and removed, titles renamed (same document, new title), reporting lines moved (old
supervisor -> new), collaborations gained and lost, competencies changed per role (analysis/diff.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from orgkg.errors import UserError


def register(sub) -> None:
    p = sub.add_parser("diff", help="what changed between two graph files (exit 1 when they differ)",
                       description="Compare two graph files (two versions of a catalogue, or a build before and "
                                   "after corrections). Exit code 0 when equal, 1 when different.")
    p.add_argument("old", metavar="OLD", help="the earlier graph file")
    p.add_argument("new", metavar="NEW", help="the later graph file")
    p.add_argument("--format", choices=("text", "md", "json"), default="text", help="output format (default: text)")
    p.set_defaults(func=run)


def run(args) -> int:
    from orgkg.analysis.diff import diff_graphs

    from ._common import open_graph

    for path in (args.old, args.new):
        if Path(path).is_dir():
            raise UserError(f"{path}: is a directory, not a graph file")
    d = diff_graphs(open_graph(args.old), open_graph(args.new))
    if args.format == "json":
        print(json.dumps(d.to_dict(), ensure_ascii=False, indent=1))
    elif args.format == "md":
        print(d.to_markdown(), end="")
    else:
        print(d.to_text(), end="")
    return 0 if d.equal else 1
