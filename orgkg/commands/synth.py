"""`orgkg synth --roles N --seed S -o DIR`: a synthetic organisation as MCPS-style descriptions plus its truth."""

from __future__ import annotations

from pathlib import Path

from orgkg.errors import UserError


def register(sub) -> None:
    p = sub.add_parser("synth", help="write a synthetic organisation's descriptions and ground truth",
                       description="Write N class descriptions in the MCPS layout for a generated organisation "
                                   "(depth ~8, branching 3-6), with DIR/truth.json and DIR/gold/*.json in the "
                                   "shape the extraction scorer reads. The same seed gives the same files.")
    p.add_argument("--roles", type=int, required=True, metavar="N", help="number of roles (documents)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="directory to write")
    p.add_argument("--force", action="store_true", help="write into a directory that already holds descriptions")
    p.set_defaults(func=run)


def run(args) -> int:
    from orgkg.synth.corpus import write_corpus

    if args.roles < 1:
        raise UserError(f"--roles: must be at least 1 (got {args.roles})")
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out}: exists and is not a directory")
    if out.is_dir() and not args.force and any(out.glob("*.txt")):
        raise UserError(f"{out}: already holds descriptions; choose an empty directory or pass --force")
    try:
        info = write_corpus(args.roles, args.seed, out)
    except OSError as e:
        raise UserError(f"{e.filename or out}: cannot write ({e.strerror or e})") from None
    print(f"wrote {info.roles} descriptions to {out}/ ({info.units} units, depth {info.depth}, "
          f"{info.relations} stated relations, {info.truncated} truncated, {info.quirky} with \u00bf quirks)")
    print(f"  ground truth: {out}/truth.json and {out}/gold/*.json")
    return 0
