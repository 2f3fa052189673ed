"""`orgkg review [GRAPH]`: the review queue, what most needs a human first, each item with its sentence.

Low-confidence edges, conflicting claims and cycles, roles with no or several supervisors, stubs many roles
depend on, names that nearly match; edges already confirmed or corrected are left out (analysis/review.py).
"""

from __future__ import annotations

import csv
import json
import sys

from orgkg.errors import UserError


def register(sub) -> None:
    p = sub.add_parser("review", help="review queue: what in the graph most needs a human, with evidence",
                       description="List what most needs a human, most urgent first: low-confidence edges, "
                                   "conflicts and cycles, roles with no or several supervisors, stubs with many "
                                   "dependants, names that nearly match. Confirmed or corrected edges are left out.")
    from ._common import add_graph_option

    add_graph_option(p, positional=True)
    p.add_argument("--format", choices=("text", "csv", "json"), default="text", help="output format (default: text)")
    p.add_argument("--limit", type=int, metavar="N", help="at most N items (default: all)")
    p.add_argument("--below", type=float, metavar="X", help="queue edges with confidence below X (default 0.75)")
    p.add_argument("--corrections", metavar="FILE",
                   help="leave out name pairs this corrections file says are `different`")
    p.set_defaults(func=run)


def run(args) -> int:
    from orgkg.analysis.review import LOW_CONFIDENCE, counts, review_queue

    from ._common import open_graph

    if args.limit is not None and args.limit < 0:
        raise UserError(f"--limit: must be 0 or more (got {args.limit})")
    g = open_graph(args.graph)
    apart = _apart(g, args.corrections) if args.corrections else set()
    below = LOW_CONFIDENCE if args.below is None else args.below
    items = review_queue(g, args.limit, below, apart)
    if args.format == "json":
        print(json.dumps({"counts": counts(items), "items": [i.to_dict() for i in items]}, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        _csv(items)
    else:
        _text(items, counts(items))
    return 0


def _apart(g, path: str) -> set[frozenset]:
    """Node id pairs a corrections file's `different` entries keep apart (names it cannot find: ignored)."""
    from orgkg.graph.corrections import load_corrections

    out = set()
    for c in load_corrections(path):
        if c.kind != "different":
            continue
        ids = [m[0].id for m in (g.find(n) for n in c.args["names"]) if m]
        out |= {frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1:] if a != b}
    return out


def _first(item) -> dict:
    return item.evidence[0] if item.evidence else {}


def _csv(items) -> None:
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["kind", "score", "subject", "name", "message", "action", "evidence_doc", "evidence_text"])
    for i in items:
        e = _first(i)
        w.writerow([i.kind, i.score, i.subject, i.name, i.message, i.action, e.get("doc") or "",
                    " ".join(str(e.get("text") or "").split())])


def _text(items, by_kind: dict[str, int]) -> None:
    from orgkg.analysis.findings import cite

    if not items:
        print("nothing to review")
        return
    for n, i in enumerate(items, 1):
        print(f"{n:>3}. [{i.kind}] {i.message}")
        if i.evidence:
            print(f"       {cite(_first(i), 150)}")
        print(f"       -> {i.action}")
    print(f"{len(items)} item(s): " + ", ".join(f"{k} {v}" for k, v in by_kind.items()))
