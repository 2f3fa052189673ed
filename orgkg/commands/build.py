"""`orgkg build FILE|DIR... -o org.json`: extract every document and save the merged graph.

Extraction runs over `--jobs` processes and reuses a content-keyed cache beside the output
(`org.json.cache/`), so rebuilding after editing one document re-extracts only that one.
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
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="extract over N processes (default 1; 0 = all cores)")
    p.add_argument("--cache", action=argparse.BooleanOptionalAction, default=True,
                   help="reuse extractions of unchanged documents from OUTPUT.cache/ (default: on)")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=run)


def extract_all(files: list[Path], loader: str, jobs: int, cache, errors: list[str], progress=None) -> list:
    """Extractions in file order: cached ones reused, the rest extracted (in parallel when jobs != 1)."""
    from orgkg.loaders.parallel import extract_many

    results: list = [None] * len(files)
    todo: list[int] = []
    keys: dict[int, str] = {}
    if cache is None:
        todo = list(range(len(files)))
    else:
        for i, f in enumerate(files):
            try:
                data = f.read_bytes()
            except OSError:
                todo.append(i)  # the extractor reports the problem in its own words
                continue
            keys[i] = cache.key(data, f, loader)
            results[i] = cache.get(keys[i])
            if results[i] is None:
                todo.append(i)
            elif progress is not None:
                progress.advance(1)
    fresh = extract_many([files[i] for i in todo], jobs=jobs, format=loader, errors=errors, progress=progress)
    for i, ex in zip(todo, fresh):
        results[i] = ex
        if ex is not None and cache is not None and i in keys:
            cache.put(keys[i], ex)
    return [ex for ex in results if ex is not None]


def run(args) -> int:
    from orgkg.graph import build
    from orgkg.graph.cache import ExtractionCache
    from orgkg.progress import Progress

    if args.jobs < 0:
        raise UserError(f"--jobs: must be 0 (all cores) or more (got {args.jobs})")
    errors: list[str] = []
    files = expand_paths(args.paths, errors)
    t0 = time.perf_counter()
    cache = ExtractionCache.beside(args.output) if args.cache else None
    with Progress(len(files), "extracting", enabled=not args.quiet) as bar:
        extractions = extract_all(files, args.loader, args.jobs, cache, errors, bar)
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
        if cache is not None:
            print(f"  cache: {cache.hits} reused, {len(extractions) - cache.hits} extracted ({cache.dir})")
        if errors:
            print(f"  skipped {len(errors)} file(s); see messages above")
    return 1 if errors else 0
