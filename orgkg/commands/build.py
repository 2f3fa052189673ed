"""`orgkg build FILE|DIR... -o org.json`: extract every document and save the merged graph."""

from __future__ import annotations

import sys
import time

from orgkg.errors import UserError
from orgkg.graph import build
from orgkg.loaders import LOADERS, expand_paths, load_file
from orgkg.loaders.text import InputError
from orgkg.progress import Progress


def register(sub) -> None:
    p = sub.add_parser("build", help="build and save the org graph from descriptions",
                       description="Extract every description and save the merged graph as versioned JSON "
                                   "(also GraphML with --graphml).")
    p.add_argument("paths", nargs="+", metavar="FILE|DIR")
    p.add_argument("-o", "--output", default="org.json", help="graph file to write (default org.json)")
    p.add_argument("--format", dest="loader", choices=["auto", *LOADERS], default="auto",
                   help="input format (default: detect per file)")
    p.add_argument("--graphml", metavar="FILE", help="also export GraphML here")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=run)


def run(args) -> int:
    errors: list[str] = []
    files = expand_paths(args.paths, errors)
    t0 = time.perf_counter()
    extractions = []
    with Progress(len(files), "extracting", enabled=not args.quiet) as bar:
        for f in files:
            try:
                extractions.append(load_file(f, args.loader))
            except InputError as e:
                errors.append(str(e))
            bar.advance()
    for e in errors:
        print(f"orgkg: skipped {e}", file=sys.stderr)
    if not extractions:
        raise UserError("no documents could be read; nothing built")
    g = build(extractions)
    g.save(args.output)
    if args.graphml:
        g.to_graphml(args.graphml)
    if not args.quiet:
        s = g.summary()
        dt = time.perf_counter() - t0
        print(f"built {args.output}: {len(extractions)} documents in {dt:.2f} s, {s['nodes']} nodes, {s['edges']} edges")
        print("  nodes: " + ", ".join(f"{k} {v}" for k, v in s["nodes_by_type"].items())
              + f" (roles described {s['described_roles']}, stubs {s['stub_roles']})")
        print("  edges: " + ", ".join(f"{k} {v}" for k, v in s["edges_by_type"].items()))
        if errors:
            print(f"  skipped {len(errors)} file(s); see messages above")
    return 1 if errors else 0
