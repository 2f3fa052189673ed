"""`orgkg build FILE|DIR... -o org.json`: extract every document and save the merged graph.

Extraction runs over `--jobs` processes (by default every core once 100 or more documents need
extracting: a rebuild after one edit stays in this process) and reuses a content-keyed cache beside the output
(`org.json.cache/`), so rebuilding after editing one document re-extracts only that one; the graph is merged
again from every document's extraction (graph/build.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from orgkg.errors import UserError
from orgkg.loaders import LOADERS, expand_paths


def register(sub) -> None:
    p = sub.add_parser("build", help="build and save the org graph from descriptions",
                       description="Extract every description and save the merged graph as versioned JSON "
                                   "(also GraphML with --graphml).")
    p.add_argument("paths", nargs="+", metavar="FILE|DIR")
    p.add_argument("-o", "--output", default="org.json", help="graph file to write (default org.json)")
    p.add_argument("--format", dest="loader", choices=["auto", *LOADERS], default="auto",
                   help="input format (default: detect per file)")
    p.add_argument("--graphml", metavar="FILE", help="also export GraphML here")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="extract over N processes (0 = all cores; default: all cores once 100 or more "
                        "documents need extracting, else 1)")
    p.add_argument("--cache", action=argparse.BooleanOptionalAction, default=True,
                   help="reuse extractions of unchanged documents from OUTPUT.cache/ (default: on)")
    p.add_argument("--corrections", metavar="FILE", help="apply this corrections file (YAML) after extraction "
                   "and resolution, at every build (docs/corrections.md)")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=run)


def run(args) -> int:
    import gc

    from orgkg.graph.pipeline import build_file
    from orgkg.progress import Progress

    if args.jobs is not None and args.jobs < 0:
        raise UserError(f"--jobs: must be 0 (all cores) or more (got {args.jobs})")
    errors: list[str] = []
    files = expand_paths(args.paths, errors)
    if not files:
        for e in errors:
            print(f"orgkg: skipped {e}", file=sys.stderr)
        raise UserError("no documents could be read; nothing built")
    t0 = time.perf_counter()
    out = Path(args.output)
    fix = None
    if args.corrections:  # read first: a malformed file stops the build before anything is written
        from .correct import fixer, read_for_build
        fix = fixer(read_for_build(args.corrections), args.corrections)
    try:
        # the one collector pause: a build allocates millions of objects that live until it ends
        gc.disable()
        with Progress(len(files), "extracting", enabled=not args.quiet) as bar:
            r = build_file(files, out, args.loader, args.jobs, errors, bar, use_cache=args.cache, fix=fix)
    finally:
        gc.enable()
        for e in errors:
            print(f"orgkg: skipped {e}", file=sys.stderr)
    fixed = fix.report if fix else None
    if args.graphml:
        from orgkg.graph import load, write_graphml

        write_graphml(load(out), args.graphml)
    if not args.quiet:
        s = r.summary
        dt = time.perf_counter() - t0
        print(f"built {args.output}: {r.documents} documents in {dt:.2f} s, {s['nodes']} nodes, {s['edges']} edges")
        print("  nodes: " + ", ".join(f"{k} {v}" for k, v in s["nodes_by_type"].items())
              + f" (roles described {s['described_roles']}, stubs {s['stub_roles']})")
        print("  edges: " + ", ".join(f"{k} {v}" for k, v in s["edges_by_type"].items()))
        if args.cache:
            print(f"  cache: {r.reused} reused, {r.extracted} extracted ({out}.cache)")
        steps = [(k[:-2], v) for k, v in r.timings.items() if k.endswith("_s") and isinstance(v, float)]
        if steps:
            print("  time: " + ", ".join(f"{k} {v:.2f} s" for k, v in steps))
        if errors:
            print(f"  skipped {len(errors)} file(s); see messages above")
        if fixed:
            print(fixed.to_text(), end="")
    return 1 if errors or fixed and fixed.warnings else 0
