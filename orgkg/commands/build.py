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
from orgkg.loaders.paths import Skipped, printable

NAMED_SKIPS = 3  # files of unsupported kinds named before the one line that counts them all


def register(sub) -> None:
    p = sub.add_parser("build", help="build and save the org graph from descriptions",
                       description="Extract every description and save the merged graph as versioned JSON "
                                   "(also GraphML with --graphml).")
    p.add_argument("paths", nargs="+", metavar="FILE|DIR")
    p.add_argument("-o", "--output", default="org.json", help="graph file to write (default org.json)")
    p.add_argument("--loader", choices=["auto", *LOADERS], default="auto", help="input format (default: detect per file)")
    p.add_argument("--format", dest="loader", choices=["auto", *LOADERS], default=argparse.SUPPRESS,
                   help=argparse.SUPPRESS)  # the old name of --loader, kept so scripts keep working
    p.add_argument("--graphml", metavar="FILE", help="also export GraphML here")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="extract over N processes (0 = all cores; default: all cores once 100 or more "
                        "documents need extracting, else 1)")
    p.add_argument("--cache", action=argparse.BooleanOptionalAction, default=True,
                   help="reuse extractions of unchanged documents from OUTPUT.cache/ (default: on)")
    p.add_argument("--corrections", metavar="FILE", help="apply this corrections file (YAML) after extraction "
                   "and resolution, at every build (docs/corrections.md)")
    p.add_argument("--no-wait", dest="wait", action="store_false",
                   help="if another build is writing the same output, fail at once instead of waiting for it")
    p.add_argument("--quiet", action="store_true", help="no progress bar, summary or per-document warnings")
    p.add_argument("--follow-links", action="store_true", help="follow symbolic links that lead outside the given paths")
    p.add_argument("--positions", metavar="FILE", help="HR positions export (.csv or .xlsx): posts and their reporting lines")
    p.add_argument("--map", metavar="FIELD=HEADER,...", help="position columns, e.g. 'id=Position ID,manager=Reports To'")
    p.set_defaults(func=run)


def run(args) -> int:
    from orgkg.graph.lock import output_lock

    if args.jobs is not None and args.jobs < 0:
        raise UserError(f"--jobs: must be 0 (all cores) or more (got {args.jobs})")
    positions = None
    if args.positions:  # read first: a wrong file or --map fails before a long build
        from orgkg.loaders import InputError
        from orgkg.loaders.positions import read_positions

        try:
            positions = read_positions(args.positions, args.map)
        except InputError as e:
            raise UserError(str(e)) from None
    errors: list[str] = []
    skipped = Skipped()
    files = expand_paths(args.paths, errors, follow_links=args.follow_links, skipped=skipped)
    # files of other kinds: a few by name, then one count (only the count with --quiet); real errors stay one a file
    for e in skipped.report(named=0 if args.quiet else NAMED_SKIPS):
        print(f"orgkg: skipped {e}", file=sys.stderr)
    if not files:
        for e in errors:
            print(f"orgkg: skipped {e}", file=sys.stderr)
        raise UserError("no documents could be read; nothing built")
    fixes = None
    if args.corrections:  # read first: a malformed file stops the build before anything is written
        from .correct import read_for_build

        fixes = read_for_build(args.corrections)
    with output_lock(args.output, wait=args.wait, notify=lambda m: print(f"orgkg: {m}", file=sys.stderr)):
        r, fixed, dt = _build(args, files, errors, fixes, positions)
    for note in r.notes:
        print(f"orgkg: warning: {note}", file=sys.stderr)
    if not args.quiet:
        for path, w in r.warnings:
            print(f"orgkg: {path}: {w}", file=sys.stderr)
        _summary(args, r, dt, errors, fixed)
    return 1 if errors or fixed and fixed.warnings else 0


def _build(args, files: list[Path], errors: list[str], fixes, positions) -> tuple:
    """The build itself, under the output's lock: extract, merge, save, then corrections, HR posts and GraphML."""
    import gc

    from orgkg.graph.pipeline import build_file
    from orgkg.progress import Progress

    t0 = time.perf_counter()
    out = Path(args.output)
    fix = None
    if fixes is not None:  # applied to the merged graph before its one save (graph/pipeline.build_file)
        from .correct import fixer

        fix = fixer(fixes, args.corrections)
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
    if positions is not None:  # after corrections: posts link to the corrected roles
        from orgkg.graph.posts import add_posts_to_file

        bad = list(positions.problems)  # rows left out, one line each; the rest of the file loads
        r.summary = add_posts_to_file(out, positions, bad)
        for e in bad:
            print(f"orgkg: {e}", file=sys.stderr)
        errors += bad
    if args.graphml:
        from orgkg.graph import load, write_graphml

        write_graphml(load(out), args.graphml)
    return r, fixed, time.perf_counter() - t0


def warning_counts(warnings: list[tuple[str, str]]) -> dict[str, int]:
    """Extraction warnings by code (the text before ": "), most frequent first.

    >>> warning_counts([("a.txt", "no-title: no title line"), ("b.txt", "no-title: none"), ("b.txt", "odd")])
    {'no-title': 2, 'other': 1}
    """
    counts: dict[str, int] = {}
    for _, w in warnings:
        code = w.split(": ", 1)[0] if ": " in w and " " not in w.split(": ", 1)[0] else "other"
        counts[code] = counts.get(code, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _summary(args, r, dt: float, errors: list[str], fixed) -> None:
    s = r.summary
    print(f"built {printable(args.output)}: {r.documents} documents in {dt:.2f} s, {s['nodes']} nodes, {s['edges']} edges")
    print("  nodes: " + ", ".join(f"{k} {v}" for k, v in s["nodes_by_type"].items())
          + f" (roles described {s['described_roles']}, stubs {s['stub_roles']})")
    print("  edges: " + ", ".join(f"{k} {v}" for k, v in s["edges_by_type"].items()))
    if args.cache:
        out = Path(args.output)
        shown = printable(out.resolve() if out.is_symlink() else out)
        print(f"  cache: {r.reused} reused, {r.extracted} extracted ({shown}.cache)")
    steps = [(k[:-2], v) for k, v in r.timings.items() if k.endswith("_s") and isinstance(v, float)]
    if steps:
        print("  time: " + ", ".join(f"{k} {v:.2f} s" for k, v in steps))
    if r.warnings:
        counts = warning_counts(r.warnings)
        print(f"  warnings: {len(r.warnings)} (" + ", ".join(f"{k} {v}" for k, v in counts.items()) + "); see above")
    if errors:
        print(f"  skipped {len(errors)} file(s); see messages above")
    if fixed:
        print(fixed.to_text(), end="")
