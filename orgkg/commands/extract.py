"""`orgkg extract FILE|DIR... --format jsonl`: one JSON object per document."""

from __future__ import annotations

import json
import sys

from orgkg.loaders import LOADERS, load_many


def register(sub) -> None:
    p = sub.add_parser("extract", help="extract roles, relations and competencies with evidence",
                       description="Print one JSON object per document (the shape the extraction benchmark scores).")
    p.add_argument("paths", nargs="+", metavar="FILE|DIR")
    p.add_argument("--format", choices=["jsonl", "json"], default="jsonl", help="output format (default jsonl)")
    p.add_argument("--loader", choices=["auto", *LOADERS], default="auto",
                   help="input format: pick a loader by name (default: detect per file)")
    p.set_defaults(func=run)


def run(args) -> int:
    errors: list[str] = []
    out = []
    n = 0
    for ex in load_many(args.paths, args.loader, errors):
        n += 1
        for w in ex.warnings:
            print(f"orgkg: {ex.path}: {w}", file=sys.stderr)
        obj = ex.to_json()
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        else:
            out.append(obj)
    if args.format == "json":
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    for e in errors:
        print(f"orgkg: {e}", file=sys.stderr)
    if not n:
        return 2
    return 1 if errors else 0
